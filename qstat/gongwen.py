"""The 公文 format (GB/T 9704-2012) of the Word outputs: the analysis report and the 审核意见 letters.

Both go out as official documents, so both templates are built with these helpers (A4, margins
37/35/28/26 mm, a 22 × 28 grid, 二号 小标宋 title, 三号 仿宋 body, 黑体 and 楷体 headings, 四号
"— 1 —" page numbers, odd pages right and even pages left) and both are signed the same way
(``signature_lines``: the office's full name centred over the date, the date four characters in
from the right). The official font names are written as Word/WPS expect them, each declared in
the font table with the usual substitute (w:altName) for machines without it.
"""

from __future__ import annotations

import math
import re

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT, BODY_FONT = "方正小标宋简体", "仿宋_GB2312"
HEADING_FONT, SUBHEADING_FONT = "黑体", "楷体_GB2312"
LATIN_FONT = "Times New Roman"  # Arabic numerals and Latin letters in the text
# Official font -> the substitute Word/WPS use where it is not installed.
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体", HEADING_FONT: "SimHei"}
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE = 22, 16, 14  # 二号, 三号, 四号
TABLE_SIZE = 10.5  # 五号, allowed inside tables
LINES, CHARS = 22, 28  # per page, per line
TYPE_AREA = (156, 225)  # mm
MARGINS = {"top": 37, "bottom": 35, "left": 28, "right": 26}  # mm
LINE_PITCH = Pt(28.95)  # 22 lines in the 225 mm type area (637.8 pt), in whole twips
CHAR_PITCH = Mm(TYPE_AREA[0]).pt / CHARS  # 15.8 pt


def set_fonts(style_or_run, east_asia: str, size: float | None = None, bold: bool = False) -> None:
    """Chinese text in ``east_asia``, numerals and Latin in Times New Roman."""
    font = style_or_run.font
    font.name = LATIN_FONT
    font.bold = bold
    if size:
        font.size = Pt(size)
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)


_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)  # pPr children after snapToGrid


def no_grid(owner) -> None:
    """Leave a paragraph or style (table text, an image) off the page grid: its own line height."""
    ppr = (owner._p if hasattr(owner, "_p") else owner.element).get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_SNAP)


def page_setup(doc) -> None:
    """A4 portrait, the 公文 margins, the 22 × 28 grid, odd/even page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, mm in MARGINS.items():
        setattr(section, f"{side}_margin", Mm(mm))
    # The page number's line sits 7 mm below the type area.
    section.footer_distance = Mm(MARGINS["bottom"] - 7) - Pt(PAGE_NUMBER_SIZE * 1.3)
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")  # the 28 characters come from the body's character spacing
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))  # twips
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    _declare_fonts(doc)


def body_styles(doc) -> None:
    """Normal: 三号 仿宋, two characters indented, exactly one grid line high."""
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT, BODY_SIZE)
    # 28 characters a line: each 三号 character condensed to the grid's 15.8 pt. (A character grid
    # would do the same in Word, but LibreOffice spreads the characters of such a grid apart.)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(math.floor((CHAR_PITCH - BODY_SIZE) * 20)))  # twentieths of a point
    normal.element.get_or_add_rPr().insert_element_before(
        spacing,
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    )
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE_PITCH
    fmt.first_line_indent = Pt(BODY_SIZE * 2)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # 公文 fills every line of the grid
    title = doc.styles["Title"]
    set_fonts(title, TITLE_FONT, TITLE_SIZE)
    title.font.color.rgb = None
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = LINE_PITCH  # one blank line below the title
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:  # the default Title style underlines itself in blue
        border.getparent().remove(border)
    for name, font in (("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        style = doc.styles[name]
        set_fonts(style, font, BODY_SIZE)
        style.font.color.rgb = None
        fmt = style.paragraph_format
        fmt.first_line_indent = Pt(BODY_SIZE * 2)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE_PITCH
        fmt.keep_with_next = True
    table_text = doc.styles.add_style("Table Text", 1)
    table_text.base_style = normal
    set_fonts(table_text, BODY_FONT, TABLE_SIZE)
    fmt = table_text.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.SINGLE, 1.0
    no_grid(table_text)
    caption = doc.styles["Caption"]
    set_fonts(caption, HEADING_FONT, TABLE_SIZE + 1.5)
    caption.font.color.rgb = None
    caption.font.italic = False
    fmt = caption.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    fmt.space_before, fmt.space_after = Pt(6), Pt(3)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.SINGLE, 1.0
    fmt.keep_with_next = True  # a table's caption stays on its page
    no_grid(caption)


def _page_number(p, align) -> None:
    """ "— 1 —" in 四号, one character in from the outer edge."""
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_SIZE)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_SIZE)
    for text, field in (("— ", None), ("", "PAGE"), (" —", None)):
        run = p.add_run(text)
        set_fonts(run, "宋体", PAGE_NUMBER_SIZE)
        if field:
            for kind in ("begin", None, "end"):
                el = OxmlElement("w:fldChar" if kind else "w:instrText")
                if kind:
                    el.set(qn("w:fldCharType"), kind)
                else:
                    el.set(qn("xml:space"), "preserve")
                    el.text = field
                run._r.append(el)


def _declare_fonts(doc) -> None:
    """The official fonts in word/fontTable.xml, each with its substitute as w:altName."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{"modern" if "仿宋" in name or "楷体" in name else "auto"}"/>'
        f'<w:pitch w:val="fixed"/></w:font>'
        for name, alt in FALLBACKS.items()
        if f'w:name="{name}"' not in xml
    )
    part._blob = re.sub(r"</w:fonts>\s*$", entries + "</w:fonts>", xml).encode("utf-8")


def text_width(text: str) -> float:
    """How many characters of the grid a text takes: CJK one, digits and Latin half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def signature_lines(signature: str, day: str) -> tuple[str, str]:
    """署名 and 成文日期 as two lines of full-width spaces and text.

    The date ends four characters in from the right; the name is centred over the date.
    """
    date_start = CHARS - 4 - text_width(day)
    name_start = max(0.0, date_start + (text_width(day) - text_width(signature)) / 2)
    return "　" * math.floor(name_start) + signature, "　" * math.floor(date_start) + day
