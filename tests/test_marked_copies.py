"""The 退回 marked copy of an .xlsx/.xlsm is the unit's own package with only the marked parts rewritten.

The workbooks here are written with xlsxwriter (not qstat) and hold what an openpyxl round trip
would lose or garble: an image, a chart, data validation, a 2010 data bar (an extLst), the unit's
own comments, print titles, macros, another tab selected.
"""

import io
import re
import struct
import zipfile
import zlib

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from qstat.findings import Finding
from qstat.write.returns import write_marked_copy

RED, YELLOW, GREEN = "FFC7CE", "FFEB9C", "C6EFCE"
MACROS = b"VBA project of the unit \x00\x01\x02"  # kept as bytes: the copy must not look inside


def png(width: int = 4, height: int = 3) -> bytes:
    """A small red PNG, made by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def rich_workbook(path, macros: bool = True):
    """附表5 with a merged title, figures in B6:V9, an image, a chart, validation, a data bar, the
    unit's comments on Q6 and C3, print titles; 附表3 after it, the tab selected when saved."""
    book = xlsxwriter.Workbook(str(path))
    bold = book.add_format({"bold": True, "num_format": "0.0"})
    ws = book.add_worksheet("附表5")
    ws.merge_range("A1:V1", "附表5  工程质量监督情况统计表", book.add_format({"bold": True}))
    ws.write("A3", "填表单位：宝丰县")
    ws.write_row("A5", [f"栏{c}" for c in range(1, 23)])
    for r in range(6, 10):
        ws.write_row(f"A{r}", [f"单位{r}", *[r * 10 + c for c in range(1, 21)]])
    ws.write("Q6", 100, bold)  # the unit's own format: bold, one decimal
    ws.write_formula("B10", "=SUM(B6:B9)", None, 6 * 10 + 1 + 7 * 10 + 1 + 8 * 10 + 1 + 9 * 10 + 1)
    ws.write_comment("Q6", "单位批注：已核对")
    ws.write_comment("C3", "单位批注：联系人张三")
    ws.insert_image("X2", "stamp.png", {"image_data": io.BytesIO(png())})
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "='附表5'!$B$6:$B$9", "name": "在建"})
    ws.insert_chart("X12", chart)
    ws.data_validation("B6:B9", {"validate": "integer", "criteria": ">=", "value": 0})
    ws.conditional_format("C6:C9", {"type": "data_bar", "data_bar_2010": True})
    ws.repeat_rows(4)
    other = book.add_worksheet("附表3")
    other.write_row("A1", ["序号", "工程名称", "面积"])
    other.write_row("A2", [1, "某住宅楼", 1200.5])
    other.conditional_format("C2:C2", {"type": "data_bar", "data_bar_2010": True})  # a cfRule with an extLst
    other.activate()
    if macros:
        book.add_vba_project(io.BytesIO(MACROS), is_stream=True)
    book.close()
    return path


def finding(rule, sheet=None, cell=None, explanation=None, message="问题"):
    return Finding(
        rule,
        message,
        file="宝丰县.xlsm",
        unit="宝丰县",
        form="F5" if sheet else None,
        sheet=sheet,
        cell=cell,
        value="100" if cell else None,
        explanation=explanation,
    )


FINDINGS = [
    finding("ST006", "附表5", "T6"),
    finding("F5-002", "附表5", "Q6", message="附表5备案率（项数）填报为100.0%，应为40.0%"),
    finding("ST006", "附表5", "U6", explanation="本季度无事故"),
    finding("ST006", "附表5", "D1"),  # inside the merged title: marked at A1
    finding("ST006", "附表5", "Z40"),  # no such cell yet
    finding("ST006", "附表3", "C2"),
    finding("IN006"),  # bound to no cell
]


@pytest.fixture
def marked(tmp_path):
    source = rich_workbook(tmp_path / "宝丰县.xlsm")
    target = write_marked_copy(source, "xlsx", tmp_path / "宝丰县_审核标注.xlsm", FINDINGS)
    return source, target


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


def test_only_the_parts_the_marks_change_are_rewritten(marked):
    source, target = marked
    with zipfile.ZipFile(target) as z:
        assert z.testzip() is None  # every member's CRC checks out
    before, after = members(source), members(target)
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed == {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",  # the two marked sheets
        "xl/worksheets/_rels/sheet1.xml.rels",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
    }
    assert after["xl/vbaProject.bin"] == MACROS
    for kept in ("xl/media/image1.png", "xl/charts/chart1.xml", "xl/drawings/drawing1.xml"):
        assert after[kept] == before[kept]
    added = set(after) - set(before)
    assert added == {
        "xl/worksheets/sheet3.xml",
        "xl/comments2.xml",
        "xl/drawings/vmlDrawing2.vml",
        "xl/worksheets/_rels/sheet2.xml.rels",
    }
    assert b"macroEnabled" in after["[Content_Types].xml"]


def test_the_marked_sheet_keeps_its_drawing_validation_and_extensions_as_they_were(marked):
    source, target = marked
    before, after = members(source)["xl/worksheets/sheet1.xml"], members(target)["xl/worksheets/sheet1.xml"]
    for element in (
        rb"<dataValidations.*?</dataValidations>",
        rb"<drawing [^>]*/>",
        rb"<extLst>.*</extLst>",
        rb"<mergeCells.*?</mergeCells>",
        rb"<conditionalFormatting.*?</conditionalFormatting>",
    ):
        found = [re.search(element, text, re.S) for text in (before, after)]
        assert found[0] and found[1] and found[0].group(0) == found[1].group(0)
    # the unit's legacyDrawing (its comments) is reused; CT_Worksheet order: drawing, legacyDrawing, extLst
    assert after.count(b"<legacyDrawing") == 1
    assert after.index(b"<drawing") < after.index(b"<legacyDrawing") < after.rindex(b"<extLst>")
    # only style indexes changed in the rows, and the missing Z40 was inserted
    untouched = re.sub(rb' s="\d+"', b"", before)
    assert re.sub(rb' s="\d+"', b"", after).replace(
        b'<row r="40"><c r="Z40"/></row>', b""
    ) == untouched.replace(b'<dimension ref="A1:V10"/>', b'<dimension ref="A1:Z40"/>')


def test_a_drawing_for_comments_goes_where_the_schema_puts_it_not_into_a_nested_extension(marked):
    sheet = members(marked[1])["xl/worksheets/sheet2.xml"]  # 附表3: no comments of its own
    assert re.search(
        rb"</conditionalFormatting>.*<pageMargins [^>]*/><legacyDrawing r:id=\"rId\d+\"/><extLst>", sheet
    )
    assert sheet.count(b"<legacyDrawing") == 1


def test_openpyxl_sees_the_marks_the_comments_and_the_review_sheet(marked):
    _, target = marked
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["审核意见", "附表5", "附表3"] and book.active == book["审核意见"]
    assert [bool(ws.sheet_view.tabSelected) for ws in book.worksheets] == [True, False, False]
    ws = book["附表5"]
    assert (fill(ws["Q6"]), fill(ws["T6"]), fill(ws["U6"]), fill(ws["A1"]), fill(ws["Z40"])) == (
        RED,
        YELLOW,
        GREEN,
        YELLOW,
        YELLOW,
    )
    assert fill(ws["R6"]) == "" and ws["R6"].comment is None
    assert ws["Q6"].font.b and ws["Q6"].number_format == "0.0"  # the unit's format kept under the fill
    assert ws["Q6"].value == 100 and ws["B10"].value == "=SUM(B6:B9)"
    q6 = ws["Q6"].comment.text
    assert q6.startswith("单位批注：已核对\n\n【第2条 错误】F5-002") and "应为40.0%" in q6
    assert ws["C3"].comment.text == "单位批注：联系人张三"  # a comment on an unmarked cell stays
    assert (
        "【第7条 警告（已说明）】ST006" in ws["U6"].comment.text and "本季度无事故" in ws["U6"].comment.text
    )
    assert ws.print_title_rows == "$5:$5"  # still 附表5's: its localSheetId moved with it
    assert "第6条" in book["附表3"]["C2"].comment.text and fill(book["附表3"]["C2"]) == YELLOW
    review = book["审核意见"]
    rows = [r for r in review.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
        (1, None, None, "IN006"),
        (2, "附表5", "Q6", "F5-002"),
        (3, "附表5", "T6", "ST006"),
        (4, "附表5", "A1", "ST006"),
        (5, "附表5", "Z40", "ST006"),
        (6, "附表3", "C2", "ST006"),
        (7, "附表5", "U6", "ST006"),
    ]
    links = {c.coordinate: c.hyperlink.location for row in review.iter_rows() for c in row if c.hyperlink}
    assert links == {
        "D6": "'附表5'!Q6",
        "D7": "'附表5'!T6",
        "D8": "'附表5'!A1",
        "D9": "'附表5'!Z40",
        "D10": "'附表3'!C2",
        "D11": "'附表5'!U6",
    }
    assert fill(review["F6"]) == RED and fill(review["F11"]) == GREEN
    assert review.print_title_rows == "$4:$4" and review.freeze_panes == "A5"


def test_calamine_reads_the_copy_with_the_units_values(marked):
    source, target = marked
    before, after = CalamineWorkbook.from_path(str(source)), CalamineWorkbook.from_path(str(target))
    assert after.sheet_names == ["审核意见", *before.sheet_names]
    grid = after.get_sheet_by_name("附表5").to_python()
    assert grid == before.get_sheet_by_name("附表5").to_python()  # Z40 is styled, not filled
    assert grid[5][16] == 100
    assert after.get_sheet_by_name("审核意见").to_python()[5][:5] == [2, "附表5", "附表5", "Q6", "F5-002"]


def test_an_xlsx_without_macros_stays_an_xlsx_with_its_unselected_tabs(tmp_path):
    source = rich_workbook(tmp_path / "宝丰县.xlsx", macros=False)
    target = write_marked_copy(source, "xlsx", tmp_path / "m.xlsx", FINDINGS[:2])
    copy = members(target)
    assert b"macroEnabled" not in copy["[Content_Types].xml"]
    assert b"tabSelected" not in copy["xl/worksheets/sheet2.xml"]  # 附表3 was the selected tab
    assert b"activeTab" not in copy["xl/workbook.xml"]


def x_prefixed(path, out):
    """The workbook rewritten with its spreadsheet elements prefixed x:, as some writers do."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name.startswith("xl/worksheets/sheet") or name in ("xl/workbook.xml", "xl/styles.xml"):
                data = re.sub(rb"<(/?)(?!\?)([A-Za-z]+[ />])", rb"<\1x:\2", data)
                data = data.replace(main, main.replace(b"xmlns=", b"xmlns:x="))
            zout.writestr(name, data)
    return out


def test_a_workbook_written_with_prefixed_elements_is_marked_in_kind(tmp_path):
    source = x_prefixed(rich_workbook(tmp_path / "a.xlsx", macros=False), tmp_path / "宝丰县.xlsx")
    assert b"<x:row" in members(source)["xl/worksheets/sheet1.xml"]
    target = write_marked_copy(source, "xlsx", tmp_path / "m.xlsx", FINDINGS)
    sheet = members(target)["xl/worksheets/sheet1.xml"]
    assert b'<x:row r="40"><x:c r="Z40"' in sheet and b"<x:legacyDrawing" in sheet
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["审核意见", "附表5", "附表3"]
    assert fill(book["附表5"]["Q6"]) == RED and "F5-002" in book["附表5"]["Q6"].comment.text
    notes = [r[0] for r in book["审核意见"].iter_rows(max_row=3, values_only=True)]
    assert not any("重建" in str(n or "") for n in notes)  # marked in place, not rebuilt


MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="/xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId7" Target="/xl/worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId8" Target="/xl/worksheets/sheet2.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>',
    "xl/workbook.xml": f"<workbook {MAIN} {R}>"
    '<bookViews><workbookView activeTab="1" firstSheet="1"/></bookViews>'
    '<sheets><sheet name="说明" sheetId="3" r:id="rId8"/>'
    '<sheet name="附表5" sheetId="5" r:id="rId7"/></sheets>'
    '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">附表5!$A$1:$C$3</definedName>'
    '<definedName name="合计">附表5!$B$3</definedName></definedNames></workbook>',
    # no r on rows or cells, inline strings, no styles part at all
    "xl/worksheets/sheet1.xml": f'<worksheet {MAIN}><dimension ref="A1:C3"/><sheetViews>'
    '<sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData>'
    '<row><c t="inlineStr"><is><t>单位</t></is></c><c t="inlineStr"><is><t>在建</t></is></c></row>'
    '<row><c t="inlineStr"><is><t>宝丰县</t></is></c><c><v>10</v></c><c><v>4</v></c></row>'
    '<row><c t="inlineStr"><is><t>合计</t></is></c><c><f>B2</f><v>10</v></c></row>'
    "</sheetData></worksheet>",
    "xl/worksheets/sheet2.xml": f"<worksheet {MAIN}><sheetData/></worksheet>",
}


def test_a_bare_package_without_styles_or_row_numbers_is_marked_too(tmp_path):
    source = tmp_path / "宝丰县.xlsx"
    with zipfile.ZipFile(source, "w") as z:
        for name, text in PARTS.items():
            z.writestr(name, text)
    found = [
        finding("ST006", "附表5", "B2"),
        finding("ST006", "附表5", "E5"),
        finding("ST006", "说明", "A1"),
        finding("ST006", "附表5", "C3"),
    ]
    target = write_marked_copy(source, "xlsx", tmp_path / "m.xlsx", found)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["审核意见", "说明", "附表5"] and book.active == book["审核意见"]
    ws = book["附表5"]
    assert [[c.value for c in row] for row in ws.iter_rows(max_row=3, max_col=3)] == [
        ["单位", "在建", None],
        ["宝丰县", 10, 4],
        ["合计", "=B2", None],
    ]
    assert [fill(ws[ref]) for ref in ("B2", "E5", "C3", "C2")] == [YELLOW, YELLOW, YELLOW, ""]
    assert "第1条" in ws["B2"].comment.text and "第2条" in ws["E5"].comment.text
    assert fill(book["说明"]["A1"]) == YELLOW
    assert book.defined_names["合计"].attr_text == "附表5!$B$3"
    assert ws.print_area == "'附表5'!$A$1:$C$3"  # localSheetId 1 → 2, still 附表5's
    sheet = members(target)["xl/worksheets/sheet1.xml"]
    assert '<sheetData><row><c t="inlineStr"><is><t>单位</t>'.encode() in sheet  # unmarked: as it was
    assert re.search(rb'<row r="2"><c t="inlineStr">.*?<c s="\d+" r="B2"><v>10</v></c><c><v>4</v>', sheet)
    assert b'<dimension ref="A1:E5"/>' in sheet
    grid = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("附表5").to_python()
    assert grid == [["单位", "在建", ""], ["宝丰县", 10, 4], ["合计", 10, ""]]


@pytest.mark.parametrize("text", ["", "附表3", "'附表3'!A5", 'say "x"', "both ' and \"", "<&>\n\r\t&amp;"])
def test_the_review_sheets_text_and_links_are_escaped_as_the_standard_library_does(text):
    """marked_package escapes the review sheet's text and quotes its links' attributes itself
    (xml.sax.saxutils would load urllib.request); what it writes is what saxutils writes."""
    from xml.sax.saxutils import escape, quoteattr

    from qstat.write.marked_package import _escaped, _quoted

    assert _escaped(text) == escape(text)
    assert _quoted(text) == quoteattr(text)
