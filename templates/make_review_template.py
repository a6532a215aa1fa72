"""Build templates/审核意见.docx, the 审核意见 a clerk sends back to a unit.

Run from the repository root after changing the layout: ``python templates/make_review_template.py``.
The .docx is committed; a clerk may also edit it in Word/WPS (keep the {{ }} and {% %} tags
intact, each within one run of text). qstat/write/returns.py renders it with docxtpl; the
variables it provides are listed in ``review_context`` there.

Layout: A4 portrait, 仿宋 body, 宋体 title, the findings in a table as wide as the text.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

TARGET = Path(__file__).parent / "审核意见.docx"
BODY, TITLE = "仿宋", "宋体"
# 序号, 工作表, 单元格, 问题说明, 修改要求: 15.8 cm, the text width between 2.6 cm margins
COLUMNS = [("序号", 1.3), ("工作表", 2.3), ("单元格", 1.5), ("问题说明", 5.8),
           ("{{ section.action_label }}", 4.9)]


def east_asian(run_or_style, font: str) -> None:
    """Set the font for Chinese text too: Word takes it from w:eastAsia, not w:ascii."""
    run_or_style.font.name = font  # w:ascii and w:hAnsi
    run_or_style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def paragraph(doc, text: str = "", *, size: float = 16, font: str = BODY, bold: bool = False,
              align=None, indent: bool = False, space_after: float = 0):
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.font.size, run.bold = Pt(size), bold
    east_asian(run, font)
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(size * 2) if indent else None
    fmt.space_after = Pt(space_after)
    return p


def tag(doc, text: str):
    """A paragraph holding only a {%p %} tag; docxtpl removes it when rendering."""
    return paragraph(doc, text, size=10)


def shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def write_cell(cell, text: str, *, bold: bool = False, centre: bool = False) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.font.size, run.bold = Pt(10.5), bold
    east_asian(run, BODY)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else None


def findings_table(doc) -> None:
    """Header, then per form a group row and one row per finding ({%tr %} rows vanish)."""
    table = doc.add_table(rows=7, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed layout: the widths below hold
    for column, (_, width) in zip(table.columns, COLUMNS):
        column.width = Cm(width)  # the grid, which LibreOffice/WPS follow
        for cell in column.cells:
            cell.width = Cm(width)  # each cell's own width, which Word follows
    for cell, (name, _) in zip(table.rows[0].cells, COLUMNS):
        write_cell(cell, name, bold=True, centre=True)
        shade(cell, "D9D9D9")
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header is repeated on every page
    header.append(repeat)
    rows = table.rows
    write_cell(rows[1].cells[0], "{%tr for group in section.groups %}")
    group = rows[2].cells[0].merge(rows[2].cells[-1])
    write_cell(group, "{{ group.title }}", bold=True)
    shade(group, "F2F2F2")
    write_cell(rows[3].cells[0], "{%tr for item in group.rows %}")
    for cell, field in zip(rows[4].cells, ("number", "sheet", "cell", "message", "action")):
        write_cell(cell, f"{{{{ item.{field} }}}}", centre=field in ("number", "cell"))
    write_cell(rows[5].cells[0], "{%tr endfor %}")
    write_cell(rows[6].cells[0], "{%tr endfor %}")


def page_number_footer(section) -> None:
    """A centred “- 1 -” page number, as on official documents."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("- ", None), (None, "PAGE"), (" -", None)):
        run = p.add_run(text or "")
        run.font.size = Pt(12)
        east_asian(run, TITLE)
        if field:
            for kind, instr in (("begin", None), (None, field), ("end", None)):
                el = OxmlElement("w:fldChar" if kind else "w:instrText")
                if kind:
                    el.set(qn("w:fldCharType"), kind)
                else:
                    el.text = instr
                run._r.append(el)


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.6)
    normal = doc.styles["Normal"]
    east_asian(normal, BODY)
    normal.font.size = Pt(16)
    doc.core_properties.title = "{{ unit }}{{ period }}工程质量统计报表审核意见"
    doc.core_properties.author = "{{ office }}"

    paragraph(doc, "关于{{ unit }}{{ period }}工程质量统计报表的审核意见", size=20, font=TITLE,
              bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=18)
    paragraph(doc, "{{ addressee }}：")
    paragraph(doc, "你单位报送的{{ period }}工程质量统计报表（文件“{{ file }}”）{{ verdict }}",
              indent=True, space_after=6)
    tag(doc, "{%p for section in sections %}")
    paragraph(doc, "{{ section.heading }}", font=TITLE, bold=True, indent=True, space_after=6)
    findings_table(doc)
    paragraph(doc, "{{ section.note }}", size=10.5, space_after=12)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if deadline_action %}")
    paragraph(doc, "请于______年____月____日前{{ deadline_action }}。", indent=True)
    tag(doc, "{%p endif %}")
    paragraph(doc, "联系人：______________    联系电话：______________", indent=True,
              space_after=36)
    paragraph(doc, "{{ office }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    paragraph(doc, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    page_number_footer(section)
    doc.save(TARGET)
    print(TARGET)


if __name__ == "__main__":
    main()
