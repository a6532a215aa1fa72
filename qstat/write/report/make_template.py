"""Regenerate the Word template templates/report.docx (python-docx):
``python -m qstat.write.report.make_template``.

The result is an ordinary .docx with docxtpl (Jinja2) tags that a clerk can open and edit in
Word or WPS: change the wording around the tags, the fonts, add a letterhead. It is laid out as a
公文 (GB/T 9704-2012, qstat/gongwen.py): A4, 37/35/28/26 mm margins, 22 lines of 28 characters,
二号 小标宋 title, 三号 仿宋 body, 黑体/楷体 headings, "— 1 —" page numbers, 落款 and 成文日期.
Tags: ``{{ x }}`` a value, ``{%p … %}`` a paragraph-level block, ``{%tr … %}`` a table-row loop
(docs/report-template.md).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ...gongwen import TYPE_AREA, body_styles, no_grid, page_setup

OUT = Path(__file__).parent / "templates" / "report.docx"


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


# The width of each table's first column (mm); the renderer shares the rest of the type area
# among the other columns, however many the period has (render.fit_tables).
FIRST_COLUMN = {
    "comparison": 40,
    "quarter_table": 40,
    "units": 16,
    "categories": 30,
    "category_changes": 50,
    "warnings": 24,
    "quality_index": 24,
    "by_party": 36,
    "by_unit": 40,
}


def _grid(doc, name: str) -> None:
    """``tables.<name>`` (content.py): its caption, a table whose columns are looped
    (``{%tc for %}``), its rows (``{%tr for %}``), its 合计 row if any, its note; nothing when
    the period has no such table."""
    t = f"tables.{name}"
    _tag(doc, f"{{%p if {t} %}}")
    doc.add_paragraph(f"{{{{ {t}.caption }}}}", style="Caption")
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = [
        (
            "header",
            [f"{{{{ {t}.header[0] }}}}", f"{{%tc for h in {t}.header[1:] %}}", "{{ h }}", "{%tc endfor %}"],
        ),
        ("tag", [f"{{%tr for r in {t}.rows %}}"]),
        ("row", ["{{ r[0] }}", "{%tc for c in r[1:] %}", "{{ c }}", "{%tc endfor %}"]),
        ("tag", ["{%tr endfor %}"]),
        ("tag", [f"{{%tr if {t}.total %}}"]),
        (
            "total",
            [f"{{{{ {t}.total[0] }}}}", f"{{%tc for c in {t}.total[1:] %}}", "{{ c }}", "{%tc endfor %}"],
        ),
        ("tag", ["{%tr endif %}"]),
    ]
    for kind, values in rows:
        row = table.add_row()
        for i, text in enumerate(values):
            left = i == 0 and kind in ("row", "total")
            _cell(
                row.cells[i],
                text,
                bold=kind in ("header", "total"),
                align=WD_ALIGN_PARAGRAPH.LEFT if left else WD_ALIGN_PARAGRAPH.CENTER,
            )
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _repeat_header(table.rows[0])
    _narrow_cell_margins(table)
    table.autofit = False
    first = FIRST_COLUMN[name]
    widths = [first] + [(TYPE_AREA[0] - first) / 3] * 3
    for column, width in zip(table.columns, widths):  # the grid (LibreOffice) and each cell (Word)
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Mm(width)
    for paragraph in table.rows[0].cells[0].paragraphs:  # the caption stays with the header
        paragraph.paragraph_format.keep_with_next = True
    _tag(doc, f"{{%p if {t}.note %}}")
    _note(doc, f"{{{{ {t}.note }}}}")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")


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


def _note(doc, text: str) -> None:
    """A note under a table, in the table's type size, never broken over pages."""
    p = doc.add_paragraph(text, style="Table Text")
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.keep_together = True


def _figure(doc, name: str) -> None:
    """A chart centred in the type area, its caption (图n　…) below it on the same page."""
    p = doc.add_paragraph(f"{{{{ charts.{name} }}}}")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip it
    no_grid(p)
    p.paragraph_format.keep_with_next = True
    doc.add_paragraph(f"{{{{ figures.{name} }}}}", style="Caption").paragraph_format.keep_with_next = False


def _subheading(doc, text: str) -> None:
    doc.add_paragraph(text, style="Heading 2")


def _section_two(doc) -> None:
    _subheading(doc, "（一）报送情况")
    _loop(doc, "reporting")
    _subheading(doc, "（二）主要指标")
    _loop(doc, "overview")
    for name in ("comparison", "quarter_table", "units"):
        _grid(doc, name)
    _figure(doc, "units")
    _figure(doc, "filing_rate")
    _grid(doc, "categories")
    _grid(doc, "category_changes")
    _subheading(doc, "（三）总体评价")
    _loop(doc, "analysis.evaluation")
    _subheading(doc, "（四）趋势和特点")
    _loop(doc, "analysis.trend")
    _figure(doc, "trend")
    _subheading(doc, "（五）单位比较")
    _loop(doc, "analysis.units")
    _subheading(doc, "（六）风险预警")
    doc.add_paragraph("{{ analysis.warnings_sentence }}")
    _grid(doc, "warnings")
    _tag(doc, "{%p if quality_index.rows %}")
    _subheading(doc, "（七）质量指数")
    doc.add_paragraph("{{ quality_index.sentence }}")
    _grid(doc, "quality_index")
    _figure(doc, "index")
    _tag(doc, "{%p endif %}")


def _section_six(doc) -> None:
    doc.add_paragraph("{{ conduct.sentence }}{{ conduct.penalties_sentence }}")
    _grid(doc, "by_party")
    _grid(doc, "by_unit")


def build() -> Path:
    doc = Document()
    page_setup(doc)
    body_styles(doc)
    title = doc.add_paragraph("{{ title_lines[0] }}", style="Title")  # two lines, as a pyramid
    title.add_run().add_break()
    title.add_run("{{ title_lines[1] }}")
    _tag(doc, "{%p if recipient %}")  # 主送机关: flush left under the title, a full-width colon
    doc.add_paragraph("{{ recipient }}：").paragraph_format.first_line_indent = Pt(0)
    _tag(doc, "{%p endif %}")
    doc.add_paragraph("{{ preamble }}")  # 导语: whose figures, which units, what period
    for n in range(1, 12):
        doc.add_paragraph(f"{{{{ sections[{n - 1}].heading }}}}", style="Heading 1")
        if n == 2:
            _section_two(doc)
        elif n == 6:
            _section_six(doc)
        _loop(doc, f"sections[{n - 1}].paragraphs")
        if n == 2:  # a year's 机制建立, 政策制定, 活动开展 (第十一条), numbered 三 to 五
            _tag(doc, "{%p for a in annual_sections %}")
            doc.add_paragraph("{{ a.heading }}", style="Heading 1")
            _loop(doc, "a.paragraphs", "q")
            _tag(doc, "{%p endfor %}")
    doc.add_paragraph("特此报告。").paragraph_format.keep_with_next = True  # the body's last line
    _tag(doc, "{%p if attachments %}")  # 附件说明: one line below the text, two characters in
    doc.add_paragraph().paragraph_format.keep_with_next = True
    doc.add_paragraph("附件：{{ attachments|join('、') }}").paragraph_format.keep_with_next = True
    _tag(doc, "{%p endif %}")
    doc.add_paragraph().paragraph_format.keep_with_next = True  # 落款: one line below the text,
    for line in ("{{ signature_line }}", "{{ date_line }}"):  # the name centred over the date
        fmt = doc.add_paragraph(line).paragraph_format
        fmt.first_line_indent, fmt.keep_with_next = Pt(0), line != "{{ date_line }}"  # never split
    _tag(doc, "{%p if unit_materials %}")
    appendix = doc.add_paragraph("附件", style="Heading 1")
    appendix.paragraph_format.page_break_before = True
    appendix.paragraph_format.first_line_indent = Pt(0)
    title = doc.add_paragraph("{{ attachments[0] }}", style="Title")
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
