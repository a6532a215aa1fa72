"""Regenerate the Word template templates/report.docx (python-docx): ``python -m qstat.report.make_template``.

The result is an ordinary .docx with docxtpl (Jinja2) tags that a clerk can open and edit in
Word or WPS: change the wording around the tags, the fonts, add a letterhead. Tags: ``{{ x }}``
a value, ``{%p … %}`` a paragraph-level block, ``{%tr … %}`` a table-row loop (docs/report-template.md).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).parent / "templates" / "report.docx"
BODY_FONT, HEADING_FONT = "宋体", "黑体"


def _font(style_or_run, size: float, east_asia: str = BODY_FONT, bold: bool = False) -> None:
    font = style_or_run.font
    font.size, font.bold, font.name = Pt(size), bold, "Times New Roman"
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asia)


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    _font(normal, 12)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.first_line_indent = Pt(24)
    normal.paragraph_format.space_after = Pt(0)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12)):
        style = doc.styles[name]
        _font(style, size, HEADING_FONT, bold=name != "Title")
        style.font.color.rgb = None
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.space_before = Pt(12 if name != "Heading 2" else 6)
        style.paragraph_format.space_after = Pt(6)
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = doc.styles["Title"].element.pPr.find(qn("w:pBdr"))
    if border is not None:  # the default Title style underlines itself in blue
        border.getparent().remove(border)
    table_text = doc.styles.add_style("Table Text", 1)
    table_text.base_style = normal
    _font(table_text, 8)
    table_text.paragraph_format.first_line_indent = Pt(0)
    table_text.paragraph_format.line_spacing = 1.0
    caption = doc.styles["Caption"]
    _font(caption, 10.5, HEADING_FONT)
    caption.font.color.rgb = None
    caption.font.italic = False
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.keep_with_next = True  # a table's caption stays on its page


def _tag(doc, text: str) -> None:
    """A paragraph holding only a block tag ({%p … %}): docxtpl removes the paragraph."""
    doc.add_paragraph(text)


def _loop(doc, items: str, var: str = "p") -> None:
    """One paragraph per item of a list of strings."""
    _tag(doc, f"{{%p for {var} in {items} %}}")
    doc.add_paragraph(f"{{{{ {var} }}}}")
    _tag(doc, "{%p endfor %}")


def _cell(cell, text: str, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    p = cell.paragraphs[0]
    p.style = "Table Text"
    p.alignment = align
    run = p.add_run(text)
    run.bold = bold


def _table(doc, caption: str, header: list[str], loop: str, cells: list[str], widths: list[float],
           total: list[str] | None = None) -> None:
    """A caption, a header row, a ``{%tr for %}`` row per item, and an optional 合计 row."""
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [("header", header), ("open", None), ("row", cells), ("close", None)]
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
                _cell(row.cells[i], text, bold=kind == "header" or values is total,
                      align=WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_header(table.rows[0])
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid (LibreOffice) and each cell (Word)
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _fields(prefix: str, names: list[str]) -> list[str]:
    return [f"{{{{ {prefix}.{n} }}}}" for n in names]


UNIT_COLUMNS = ["new_count", "new_area", "in_progress_count", "in_progress_area", "completed_count",
                "completed_area", "filed_count", "filed_area", "filing_rate", "satisfaction_rate", "note"]
UNIT_HEADER = ["单位", "新注册\n项数", "新注册\n万㎡", "在建\n项数", "在建\n万㎡", "竣工\n项数",
               "竣工\n万㎡", "备案\n项数", "备案\n万㎡", "备案率\n%", "满意率\n%", "备注"]
CATEGORY_COLUMNS = ["new_count", "new_area", "completed_count", "completed_area", "filed_count",
                    "filed_area", "filing_rate", "in_progress_count", "in_progress_area"]
CATEGORY_HEADER = ["项目", "新注册\n项数", "新注册\n万㎡", "竣工\n项数", "竣工\n万㎡", "备案\n项数",
                   "备案\n万㎡", "备案率\n项%", "在建\n项数", "在建\n万㎡"]
QUARTER_COLUMNS = ["new_count", "new_area", "in_progress_count", "completed_count", "completed_area",
                   "filed_count", "filing_rate", "satisfaction_rate"]


def _section_two(doc) -> None:
    _loop(doc, "overview")
    _tag(doc, "{%p if is_annual %}")
    _table(doc, "表1　本年度与上年度主要指标对比", ["指标", "本年度", "上年度", "同比"], "comparison",
           ["{{ r.label }}", "{{ r.current }}", "{{ r.year_ago }}", "{{ r.change_year_ago }}"],
           [70, 30, 30, 40])
    _table(doc, "表1-2　本年度各季度情况",
           ["季度", "新注册\n项数", "新注册\n万㎡", "在建\n项数", "竣工\n项数", "竣工\n万㎡", "备案\n项数",
            "备案率\n%", "满意率\n%"],
           "quarters", ["{{ r.unit }}", *_fields("r", QUARTER_COLUMNS)], [34] + [17] * 8)
    _tag(doc, "{%p else %}")
    _table(doc, "表1　本季度主要指标对比", ["指标", "本季度", "上季度", "环比", "去年同期", "同比"],
           "comparison",
           ["{{ r.label }}", "{{ r.current }}", "{{ r.previous }}", "{{ r.change_previous }}",
            "{{ r.year_ago }}", "{{ r.change_year_ago }}"], [52, 20, 20, 30, 20, 30])
    _tag(doc, "{%p endif %}")
    _table(doc, "表2　各单位统计情况（附表5/附表7）", UNIT_HEADER, "units",
           ["{{ r.unit }}", *_fields("r", UNIT_COLUMNS)], [17] + [13.5] * 10 + [18],
           total=["{{ total.unit }}", *_fields("total", UNIT_COLUMNS)])
    for name, caption in (("units", "图1　各单位竣工、备案工程项数"),
                          ("filing_rate", "图2　各单位质量备案率"),
                          ("trend", "图3　各季度新注册、竣工、备案工程及备案率")):
        p = doc.add_paragraph(f"{{{{ charts.{name} }}}}")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.keep_with_next = True  # the chart stays with its caption below it
        doc.add_paragraph(caption, style="Caption").paragraph_format.keep_with_next = False
    _table(doc, "表3　分类统计情况（附表6）", CATEGORY_HEADER, "categories",
           ["{{ r.category }}", *_fields("r", CATEGORY_COLUMNS)], [35] + [15] * 9)


def _section_six(doc) -> None:
    doc.add_paragraph("{{ conduct.sentence }}{{ conduct.penalties_sentence }}")
    _table(doc, "表4　不良行为记录按责任单位类别统计（附表1）",
           ["责任单位类别", "不良行为记录（条）", "上季度", "环比"], "conduct.by_party",
           ["{{ r.party }}", "{{ r.count }}", "{{ r.previous }}", "{{ r.change }}"], [50, 35, 30, 40])
    _table(doc, "表5　各单位不良行为记录及行政处罚（附表1、附表2）",
           ["单位", "不良行为记录（条）", "行政处罚（起）"], "conduct.by_unit",
           ["{{ r.unit }}", "{{ r.bad_behaviour }}", "{{ r.penalties }}"], [50, 40, 40])


def build() -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    _styles(doc)
    doc.add_paragraph("{{ title }}", style="Title")
    info = doc.add_paragraph(
        "报送单位：{{ office }}　　报告期：{{ period_name }}　　报告日期：{{ report_date }}")
    info.alignment = WD_ALIGN_PARAGRAPH.CENTER
    info.paragraph_format.first_line_indent = Pt(0)
    for n in range(1, 12):
        doc.add_paragraph(f"{{{{ sections[{n - 1}].heading }}}}", style="Heading 1")
        if n == 2:
            _section_two(doc)
        elif n == 6:
            _section_six(doc)
        elif n == 9:
            doc.add_paragraph("{{ accidents.sentence }}")
        _loop(doc, f"sections[{n - 1}].paragraphs")
    _tag(doc, "{%p if unit_materials %}")
    doc.add_paragraph("附：各单位报送的文字材料", style="Heading 1")
    _tag(doc, "{%p for m in unit_materials %}")
    doc.add_paragraph("{{ m.unit }}", style="Heading 2")
    _loop(doc, "m.paragraphs", "q")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _page_numbers(section)
    doc.core_properties.title = "工程质量运行态势分析报告"
    doc.core_properties.author = "qstat"
    OUT.parent.mkdir(exist_ok=True)
    doc.save(OUT)
    return OUT


def _page_numbers(section) -> None:
    """— 1 — centred in the footer, as official documents number their pages."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.add_run("— ")
    run = p.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    p.add_run(" —")


if __name__ == "__main__":
    print(build())
