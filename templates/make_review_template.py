"""Build templates/审核意见.docx, the 审核意见 a clerk sends back to a unit.

Run from the repository root after changing the layout: ``python templates/make_review_template.py``.
The .docx is committed; a clerk may also edit it in Word/WPS (keep the {{ }} and {% %} tags
intact, each within one run of text). qstat/write/returns.py renders it with docxtpl; the
variables it provides are listed in ``review_context`` there.

Layout: 公文 (GB/T 9704-2012, qstat/gongwen.py): A4, 37/35/28/26 mm margins, 二号 小标宋 title,
三号 仿宋 body, 黑体 headings, "— 1 —" page numbers, the office's full name centred over the date;
the findings in a 五号 table as wide as the text.
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's qstat
from qstat.gongwen import body_styles, page_setup  # noqa: E402

TARGET = Path(__file__).parent / "审核意见.docx"
# 序号, 工作表, 单元格, 问题说明, 修改要求: 15.6 cm, the 公文 type area's width
COLUMNS = [
    ("序号", 1.2),
    ("工作表", 2.0),
    ("单元格", 2.3),
    ("问题说明", 5.2),
    ("{{ section.action_label }}", 4.9),
]


def paragraph(doc, text: str = "", style: str | None = None, *, indent: bool = True):
    """A body paragraph (三号 仿宋, two characters in) or one of the given style."""
    p = doc.add_paragraph(text, style=style)
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    return p


def tag(doc, text: str):
    """A paragraph holding only a {%p %} tag; docxtpl removes it when rendering."""
    return paragraph(doc, text)


def shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def write_cell(cell, text: str, *, bold: bool = False, centre: bool = False) -> None:
    p = cell.paragraphs[0]
    p.style = "Table Text"
    run = p.add_run(text)
    run.bold = bold
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


def main() -> None:
    doc = Document()
    page_setup(doc)
    body_styles(doc)
    # Word keeps a property to 255 characters: a unit's 填表单位 line may be any length.
    doc.core_properties.title = "{{ unit|truncate(60, true, '…') }}{{ period }}工程质量统计报表审核意见"
    doc.core_properties.author = "{{ office|truncate(120, true, '…') }}"

    title = paragraph(doc, "关于{{ unit }}{{ period }}", "Title")  # two lines, broken between words
    title.runs[-1].add_break()
    title.add_run("工程质量统计报表的审核意见")
    paragraph(doc, "{{ addressee }}：", indent=False)
    paragraph(doc, "你单位报送的{{ period }}工程质量统计报表（文件“{{ file }}”）{{ verdict }}")
    tag(doc, "{%p for section in sections %}")
    paragraph(doc, "{{ section.heading }}", "Heading 1")
    findings_table(doc)
    note = paragraph(doc, "{{ section.note }}", "Table Text")
    note.paragraph_format.space_after = Pt(6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if deadline_action %}")
    paragraph(doc, "请于______年____月____日前{{ deadline_action }}。")
    tag(doc, "{%p endif %}")
    paragraph(doc, "联系人：{{ contact or '__________' }}　　联系电话：{{ phone or '______________' }}")
    paragraph(doc).paragraph_format.keep_with_next = True  # 落款: one line below the text, the
    paragraph(doc, "{{ signature_line }}", indent=False).paragraph_format.keep_with_next = True  # office
    paragraph(doc, "{{ date_line }}", indent=False)  # centred over the date, never split from it
    doc.save(str(TARGET))
    print(TARGET)


if __name__ == "__main__":
    main()
