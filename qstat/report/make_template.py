"""Regenerate the Word template templates/report.docx (python-docx): ``python -m qstat.report.make_template``.

The result is an ordinary .docx with docxtpl (Jinja2) tags that a clerk can open and edit in
Word or WPS: change the wording around the tags, the fonts, add a letterhead. It is laid out as a
公文 (GB/T 9704-2012, qstat/gongwen.py): A4, 37/35/28/26 mm margins, 22 lines of 28 characters,
二号 小标宋 title, 三号 仿宋 body, 黑体/楷体 headings, "— 1 —" page numbers, 落款 and 成文日期.
Tags: ``{{ x }}`` a value, ``{%p … %}`` a paragraph-level block, ``{%tr … %}`` a table-row loop
(docs/report-template.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..gongwen import body_styles, no_grid, page_setup

OUT = Path(__file__).parent / "templates" / "report.docx"


def _tag(doc, text: str) -> None:
    """A paragraph holding only a block tag ({%p … %}): docxtpl removes the paragraph."""
    doc.add_paragraph(text)


def _loop(doc, items: str, var: str = "p", keep: bool = False) -> None:
    """One paragraph per item of a list of strings; ``keep``: each kept with the next."""
    _tag(doc, f"{{%p for {var} in {items} %}}")
    doc.add_paragraph(f"{{{{ {var} }}}}").paragraph_format.keep_with_next = keep
    _tag(doc, "{%p endfor %}")


def _cell(cell, text: str, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    p = cell.paragraphs[0]
    p.style = "Table Text"
    p.alignment = align
    run = p.add_run(text)
    run.bold = bold


def _table(
    doc,
    caption: str,
    header: list[str],
    loop: str,
    cells: list[str],
    widths: Sequence[float],
    total: list[str] | None = None,
) -> None:
    """A caption, a header row, a ``{%tr for %}`` row per item, and an optional 合计 row.

    Each table fits on a page, so none is split over pages: kept with the note under it (a
    short table broken after its last row but one reads as two tables).
    """
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [("header", header), ("open", []), ("row", cells), ("close", [])]
    if total:
        rows.append(("row", total))
    for kind, values in rows:
        row = table.add_row()
        if kind == "open":
            _cell(row.cells[0], f"{{%tr for r in {loop} %}}")
        elif kind == "close":
            _cell(row.cells[0], "{%tr endfor %}")
        else:
            for i, text in enumerate(values):
                left = i == 0 and kind != "header"
                _cell(
                    row.cells[i],
                    text,
                    bold=kind == "header" or values is total,
                    align=WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER,
                )
    _repeat_header(table.rows[0])
    _narrow_cell_margins(table)
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid (LibreOffice) and each cell (Word)
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _narrow_cell_margins(table) -> None:
    """0.5 mm either side of the text (Word's default is 1.9 mm): more room for the figures."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "28")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    table._tbl.tblPr.append(margins)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _fields(prefix: str, names: list[str]) -> list[str]:
    return [f"{{{{ {prefix}.{n} }}}}" for n in names]


UNIT_COLUMNS = [
    "new_count",
    "new_area",
    "in_progress_count",
    "in_progress_area",
    "completed_count",
    "completed_area",
    "filed_count",
    "filed_area",
    "filing_rate",
    "satisfaction_rate",
    "note",
]
UNIT_HEADER = [
    "单位",
    "新注册\n项数",
    "新注册\n万㎡",
    "在建\n项数",
    "在建\n万㎡",
    "竣工\n项数",
    "竣工\n万㎡",
    "备案\n项数",
    "备案\n万㎡",
    "备案率\n%",
    "满意率\n%",
    "备注",
]
CATEGORY_COLUMNS = [
    "new_count",
    "new_area",
    "completed_count",
    "completed_area",
    "filed_count",
    "filed_area",
    "filing_rate",
    "in_progress_count",
    "in_progress_area",
]
CATEGORY_HEADER = [
    "项目",
    "新注册\n项数",
    "新注册\n万㎡",
    "竣工\n项数",
    "竣工\n万㎡",
    "备案\n项数",
    "备案\n万㎡",
    "备案率\n项%",
    "在建\n项数",
    "在建\n万㎡",
]
CHANGE_COLUMNS = [
    "new_count",
    "new_area",
    "completed_count",
    "completed_area",
    "filing_rate",
    "in_progress_count",
    "in_progress_area",
]
CHANGE_HEADER = [
    "项目",
    "新注册\n项数",
    "新注册\n面积",
    "竣工\n项数",
    "竣工\n面积",
    "备案率\n（项%）",
    "在建\n项数",
    "在建\n面积",
]


def _note(doc, text: str) -> None:
    """A note under a table, in the table's type size, never broken over pages."""
    p = doc.add_paragraph(text, style="Table Text")
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.keep_together = True


def _section_two(doc) -> None:
    _loop(doc, "overview")
    _tag(doc, "{%p if is_annual %}")
    _table(
        doc,
        "{{ captions.comparison }}",
        ["指标", "本年度", "上年度", "同比"],
        "comparison",
        ["{{ r.label }}", "{{ r.current }}", "{{ r.year_ago }}", "{{ r.change_year_ago }}"],
        [66, 30, 30, 30],
    )
    _note(doc, "注：合计为各期计入汇总的全部单位的数据；同比按两期均有数据的单位同口径计算。")
    _table(
        doc,
        "{{ captions.quarter_table }}",
        ["指标", "一季度", "二季度", "三季度", "四季度", "全年"],
        "quarter_table",
        ["{{ r.label }}", *_fields("r", ["q1", "q2", "q3", "q4", "year"])],
        [46] + [22] * 5,
    )
    _note(doc, "{{ quarter_note }}")
    _tag(doc, "{%p else %}")
    _table(
        doc,
        "{{ captions.comparison }}",
        ["指标", "本季度", "上季度", "环比", "去年同期", "同比"],
        "comparison",
        [
            "{{ r.label }}",
            "{{ r.current }}",
            "{{ r.previous }}",
            "{{ r.change_previous }}",
            "{{ r.year_ago }}",
            "{{ r.change_year_ago }}",
        ],
        [44, 20, 20, 26, 20, 26],
    )
    _note(doc, "注：合计为各期计入汇总的全部单位的数据；环比、同比按两期均有数据的单位同口径计算。")
    _tag(doc, "{%p endif %}")
    _table(
        doc,
        "{{ captions.units }}",
        UNIT_HEADER,
        "units",
        ["{{ r.unit }}", *_fields("r", UNIT_COLUMNS)],
        [16] + [12.4] * 10 + [16],
        total=["{{ total.unit }}", *_fields("total", UNIT_COLUMNS)],
    )
    for name, caption in (
        ("units", "图1　各单位竣工、备案工程项数"),
        ("filing_rate", "图2　各单位质量备案率"),
        ("trend", "图3　各季度新注册、竣工、备案工程及备案率"),
    ):
        _chart(doc, name, caption)
    _table(
        doc,
        "{{ captions.categories }}",
        CATEGORY_HEADER,
        "categories",
        ["{{ r.category }}", *_fields("r", CATEGORY_COLUMNS)],
        [30] + [14] * 9,
    )
    _tag(doc, "{%p if is_annual %}")  # 第十一条: the year's 附表6 against last year's
    _tag(doc, "{%p if category_changes %}")
    _table(
        doc,
        "{{ captions.category_changes }}",
        CHANGE_HEADER,
        "category_changes",
        ["{{ r.category }}", *_fields("r", CHANGE_COLUMNS)],
        [30] + [18] * 7,
    )
    _tag(doc, "{%p endif %}")
    _note(doc, "{{ category_note }}")
    _tag(doc, "{%p endif %}")
    _quality_index(doc)


INDEX_COLUMNS = ("unit", "before", "index", "change", "rank", "weakest")


def _quality_index(doc) -> None:
    """The 质量指数 (第七条): the office's sentence, the units' table, the chart (图4)."""
    _tag(doc, "{%p if quality_index.rows %}")
    doc.add_paragraph("{{ quality_index.sentence }}")
    _table(
        doc,
        "{{ captions.quality_index }}",
        ["单位", "上期", "本期", "较上期", "排名", "失分最多的项目"],
        "quality_index.rows",
        [f"{{{{ r.{k} }}}}" for k in INDEX_COLUMNS],
        [28, 18, 18, 18, 14, 60],
        total=[f"{{{{ quality_index.office.{k} }}}}" for k in INDEX_COLUMNS],
    )
    _note(
        doc,
        "注：质量指数为备案率、满意率、质量事故、不良行为记录、行政处罚、自评得分、报送及时准确等"
        "各项得分（0-100）的加权平均；较上期为与上一期质量指数之差。",
    )
    _chart(doc, "index", "图4　各季度质量指数（合计）")
    _tag(doc, "{%p endif %}")


def _chart(doc, name: str, caption: str) -> None:
    """A chart centred on its own paragraph, its caption below it."""
    p = doc.add_paragraph(f"{{{{ charts.{name} }}}}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip it
    no_grid(p)
    p.paragraph_format.keep_with_next = True  # the chart stays with its caption below it
    doc.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = False


def _section_six(doc) -> None:
    doc.add_paragraph("{{ conduct.sentence }}{{ conduct.penalties_sentence }}")
    _tag(doc, "{%p if is_annual %}")  # a year's records are its quarters': no 上季度 to compare with
    _table(
        doc,
        "{{ captions.by_party }}",
        ["责任单位类别", "不良行为记录（条）"],
        "conduct.by_party",
        ["{{ r.party }}", "{{ r.count }}"],
        [60, 40],
    )
    _tag(doc, "{%p else %}")
    _table(
        doc,
        "{{ captions.by_party }}",
        ["责任单位类别", "不良行为记录（条）", "上季度", "环比"],
        "conduct.by_party",
        ["{{ r.party }}", "{{ r.count }}", "{{ r.previous }}", "{{ r.change }}"],
        [50, 35, 30, 40],
    )
    _tag(doc, "{%p endif %}")
    _table(
        doc,
        "{{ captions.by_unit }}",
        ["单位", "不良行为记录（条）", "行政处罚（起）"],
        "conduct.by_unit",
        ["{{ r.unit }}", "{{ r.bad_behaviour }}", "{{ r.penalties }}"],
        [50, 40, 40],
    )


def build() -> Path:
    doc = Document()
    page_setup(doc)
    body_styles(doc)
    title = doc.add_paragraph("{{ title_lines[0] }}", style="Title")  # two lines, as a pyramid
    title.add_run().add_break()
    title.add_run("{{ title_lines[1] }}")
    for n in range(1, 12):
        doc.add_paragraph(f"{{{{ sections[{n - 1}].heading }}}}", style="Heading 1")
        if n == 2:
            _section_two(doc)
        elif n == 6:
            _section_six(doc)
        elif n == 9:
            doc.add_paragraph("{{ accidents.sentence }}")
        _loop(doc, f"sections[{n - 1}].paragraphs", keep=n == 11)  # the 落款 never stands alone
        if n == 2:  # a year's 机制建立, 政策制定, 活动开展 (第十一条), numbered 三 to 五
            _tag(doc, "{%p for a in annual_sections %}")
            doc.add_paragraph("{{ a.heading }}", style="Heading 1")
            _loop(doc, "a.paragraphs", "q")
            _tag(doc, "{%p endfor %}")
    doc.add_paragraph().paragraph_format.keep_with_next = True  # 落款: one line below the text,
    for line in ("{{ signature_line }}", "{{ date_line }}"):  # the name centred over the date
        fmt = doc.add_paragraph(line).paragraph_format
        fmt.first_line_indent, fmt.keep_with_next = Pt(0), line != "{{ date_line }}"  # never split
    _tag(doc, "{%p if unit_materials %}")
    appendix = doc.add_paragraph("附件", style="Heading 1")
    appendix.paragraph_format.page_break_before = True
    appendix.paragraph_format.first_line_indent = Pt(0)
    title = doc.add_paragraph("各单位报送的文字材料", style="Title")
    title.paragraph_format.page_break_before = False
    _tag(doc, "{%p for m in unit_materials %}")
    doc.add_paragraph("{{ m.heading }}", style="Heading 2")
    _loop(doc, "m.paragraphs", "q")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    doc.core_properties.title = "工程质量运行态势分析报告"
    doc.core_properties.author = "qstat"
    OUT.parent.mkdir(exist_ok=True)
    doc.save(str(OUT))
    return OUT


if __name__ == "__main__":
    print(build())
