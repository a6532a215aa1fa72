"""A unit's .xlsx/.xlsm marked by rewriting only the parts of its package that change.

A load and save with openpyxl rebuilds every part and drops what openpyxl does not model
(images, charts, data-validation extensions, pivot caches, form controls), and it costs tenths
of a second for a workbook of a few thousand rows. Here the package is copied member by member
and only these parts change:

- the styles: a solid fill per colour used, and cell formats cloned from each marked cell's own
  with the fill swapped (its number format, font, borders and alignment stay the unit's);
- each marked sheet: the style index of the marked cells (a cell or row that does not exist is
  inserted in order), ``<dimension>`` when a marked cell lies outside it, a ``<legacyDrawing>``;
  edited as text, so every other byte of the sheet stays as it was;
- the sheet's comments part and VML drawing (the unit's own comments kept, ours added below
  theirs) and the sheet's relationships;
- a new first sheet with its entries in workbook.xml (sheet order, the localSheetId of defined
  names, the active tab), the workbook's relationships and [Content_Types].xml;
- ``tabSelected`` taken off the other sheets, so the new sheet opens alone, not grouped.

Part names are resolved through the relationships (relative or absolute targets, any element
prefix), never assumed.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Relationship types, as the last part of their URI
OFFICE_DOCUMENT, WORKSHEET, STYLES, COMMENTS, VML_DRAWING = (
    "officeDocument",
    "worksheet",
    "styles",
    "comments",
    "vmlDrawing",
)

CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"
CT_WORKBOOK = {  # by the copy's suffix: a template or macro workbook becomes what its name says
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}

AUTHOR = "qstat"
COMMENT_WIDTH = 320  # pixels, as wide as about five default columns
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, no_network=True)

# What follows <legacyDrawing> in a worksheet (CT_Worksheet's sequence)
_AFTER_LEGACY_DRAWING = (
    b"legacyDrawingHF",
    b"drawingHF",
    b"picture",
    b"oleObjects",
    b"controls",
    b"webPublishItems",
    b"tableParts",
    b"extLst",
)
# The order of a stylesheet's and a workbook's children
_STYLES_ORDER = [
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
]
_WORKBOOK_ORDER = [
    "fileVersion",
    "fileSharing",
    "workbookPr",
    "workbookProtection",
    "bookViews",
    "sheets",
    "functionGroups",
    "externalReferences",
    "definedNames",
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
]

MINIMAL_STYLES = (
    f'<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
    '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
    'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
    '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0" xfId="0"/></cellXfs></styleSheet>'
).encode()


class PackageError(ValueError):
    """The file is not a spreadsheet package that can be marked part by part."""


@dataclass(frozen=True)
class Style:
    """How a cell of the added sheet looks."""

    font: str
    size: float = 11
    bold: bool = False
    color: str | None = None  # RGB of the text
    underline: bool = False
    fill: str | None = None  # RGB of a solid fill
    border: str | None = None  # RGB of a thin box around the cell
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False


@dataclass
class Cell:
    value: str | int | float | None
    style: Style
    link: str | None = None  # where a click leads, as 'Sheet'!A1


@dataclass
class NewSheet:
    """A sheet put in front of the unit's: cells by (row, column), both from 1."""

    name: str
    cells: dict[tuple[int, int], Cell]
    widths: dict[int, float]
    heights: dict[int, float]  # points
    frozen_rows: int  # rows kept in view above the scrolling ones
    title_row: int  # printed at the top of every page


# --- Cell references ------------------------------------------------------------------------------

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def parse_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) from 1 of an A1 reference (the first cell of a range), None if it is none."""
    m = _REF.fullmatch(ref.strip().split(":")[0])
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    row = int(m.group(2))
    return (row, col) if 1 <= row <= 1048576 and 1 <= col <= 16384 else None


def column_letters(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"


def sheet_location(sheet: str, ref: str) -> str:
    """An internal link's target: 'Sheet'!A1 (a quote in the name doubled)."""
    quoted = sheet.replace("'", "''")
    return f"'{quoted}'!{ref}"


# --- Text surgery on XML attributes -----------------------------------------------------------


def _attr(attrs: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"(?:^|\s)" + name + rb"\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", attrs)
    return None if m is None else (m.group(1) if m.group(1) is not None else m.group(2))


def _set_attr(attrs: bytes, name: bytes, value: bytes) -> bytes:
    """``attrs`` (the text between a tag's name and its end) with ``name`` set to ``value``."""
    pair = name + b'="' + value + b'"'
    new, found = re.subn(
        rb"(?<=\s)" + name + rb"\s*=\s*(?:\"[^\"]*\"|'[^']*')", lambda _: pair, attrs, count=1
    )
    return new if found else attrs.rstrip() + b" " + pair


def _int_attr(attrs: bytes, name: bytes) -> int | None:
    value = _attr(attrs, name)
    return int(value) if value is not None and value.strip().isdigit() else None


def _flag(attrs: bytes, name: bytes) -> bool:
    return _attr(attrs, name) in (b"1", b"true")


_TAB_SELECTED = re.compile(rb"(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected\s*=\s*[\"'](?:1|true)[\"']")


def unselect_tabs(xml: bytes) -> bytes:
    """A sheet's XML with its tab no longer selected (else it opens grouped with the new one)."""
    return _TAB_SELECTED.sub(rb"\1", xml)


# --- One worksheet ------------------------------------------------------------------------------


class SheetXml:
    """A worksheet part, read and edited as text: only the bytes that must change do."""

    def __init__(self, xml: bytes):
        root = re.search(rb"<(?:([\w.-]+):)?worksheet\b([^>]*)>", xml)
        if root is None:
            raise PackageError("not a worksheet")
        self.p = root.group(1) + b":" if root.group(1) else b""
        r_prefix = re.search(
            rb"xmlns:([\w.-]+)\s*=\s*[\"']" + re.escape(REL_NS.encode()) + rb"[\"']", root.group(2)
        )
        self.r_prefix = r_prefix.group(1) if r_prefix else None
        p = re.escape(self.p)
        empty = re.compile(rb"<" + p + rb"sheetData\s*/>").search(xml)
        if empty:  # room for rows
            xml = (
                xml[: empty.start()]
                + b"<"
                + self.p
                + b"sheetData></"
                + self.p
                + b"sheetData>"
                + xml[empty.end() :]
            )
        start = re.compile(rb"<" + p + rb"sheetData\b[^>]*>").search(xml)
        end = xml.find(b"</" + self.p + b"sheetData>")
        if start is None or end < 0:
            raise PackageError("a worksheet without sheetData")
        self.xml, self.data_start, self.data_end = xml, start.end(), end
        self._row = re.compile(rb"<" + p + rb"row\b([^>]*?)(/?)>")
        self._cell = re.compile(rb"<" + p + rb"c\b([^>]*?)(/?)>")
        head, tail = xml[: start.start()], xml[end:]
        self.merges = []
        for m in re.finditer(rb"<" + p + rb"mergeCell\b([^>]*)>", tail):
            first, _, last = (_attr(m.group(1), b"ref") or b"").decode().partition(":")
            a, b = parse_ref(first), parse_ref(last or first)
            if a and b:
                self.merges.append((a[0], a[1], b[0], b[1]))
        self.col_styles = []  # (first column, last column, style index)
        for m in re.finditer(rb"<" + p + rb"col\b([^>]*)>", head):
            lo, hi, s = (_int_attr(m.group(1), k) for k in (b"min", b"max", b"style"))
            if lo and hi and s:
                self.col_styles.append((lo, hi, s))
        legacy = re.compile(rb"<" + p + rb"legacyDrawing\b[^>]*?\s[\w.-]+:id\s*=\s*[\"']([^\"']*)[\"']")
        found = legacy.search(tail)
        self.legacy_drawing = found.group(1).decode() if found else None

    def anchor(self, ref: str) -> tuple[int, int] | None:
        """The cell to mark for ``ref``: its first cell, or the top-left of the merge holding it."""
        spot = parse_ref(ref)
        if spot is None:
            return None
        row, col = spot
        for r0, c0, r1, c1 in self.merges:
            if r0 <= row <= r1 and c0 <= col <= c1:
                return r0, c0
        return spot

    def restyle(self, marks: dict[tuple[int, int], str], style_of: Callable[[int, str], int]) -> None:
        """Give each marked cell (row, column) → colour the style ``style_of(its style, colour)``.

        Rows and cells are walked in document order (a missing r attribute counts on from the
        previous one); a missing row or cell is inserted where it belongs.
        """
        rows: dict[int, dict[int, str]] = {}
        for (r, c), colour in marks.items():
            rows.setdefault(r, {})[c] = colour
        xml, p = self.xml, self.p
        close = b"</" + p + b"row>"
        pending = sorted(rows)
        out, pos, number = [], self.data_start, 0
        for m in self._row.finditer(xml, self.data_start, self.data_end):
            if not pending:
                break
            attrs = m.group(1)
            number = _int_attr(attrs, b"r") or number + 1
            while pending and pending[0] < number:
                r = pending.pop(0)
                out += [xml[pos : m.start()], self._new_row(r, rows[r], style_of)]
                pos = m.start()
            if pending and pending[0] == number:
                r = pending.pop(0)
                body_end = m.end() if m.group(2) else xml.index(close, m.end())
                body = xml[m.end() : body_end]
                default = _int_attr(attrs, b"s") if _flag(attrs, b"customFormat") else None
                out += [
                    xml[pos : m.start()],
                    b"<" + p + b"row" + self._row_attrs(attrs, r, rows[r]) + b">",
                    self._restyle_row(body, r, rows[r], default, style_of),
                    close,
                ]
                pos = m.end() if m.group(2) else body_end + len(close)
        for r in pending:
            out += [xml[pos : self.data_end], self._new_row(r, rows[r], style_of)]
            pos = self.data_end
        out.append(xml[pos:])
        self.xml = xml[: self.data_start] + b"".join(out)
        self.data_end += len(self.xml) - len(xml)  # every edit lies inside sheetData
        self._widen_dimension(marks)

    def _row_attrs(self, attrs: bytes, r: int, cols: dict[int, str]) -> bytes:
        attrs = _set_attr(attrs, b"r", str(r).encode()) if _attr(attrs, b"r") is None else attrs
        spans = _attr(attrs, b"spans")
        if spans and re.fullmatch(rb"\d+:\d+", spans):
            lo, hi = (int(x) for x in spans.split(b":"))
            lo, hi = min(lo, *cols), max(hi, *cols)
            attrs = _set_attr(attrs, b"spans", f"{lo}:{hi}".encode())
        return attrs.rstrip().rstrip(b"/")

    def _restyle_row(
        self,
        body: bytes,
        r: int,
        cols: dict[int, str],
        default: int | None,
        style_of: Callable[[int, str], int],
    ) -> bytes:
        pending = sorted(cols)
        out, pos, col = [], 0, 0
        for m in self._cell.finditer(body):
            if not pending:
                break
            attrs = m.group(1)
            ref = _attr(attrs, b"r")
            spot = parse_ref(ref.decode()) if ref else None
            col = spot[1] if spot else col + 1
            while pending and pending[0] < col:
                c = pending.pop(0)
                out += [
                    body[pos : m.start()],
                    self._new_cell(r, c, self._default_style(c, default), cols[c], style_of),
                ]
                pos = m.start()
            if pending and pending[0] == col:
                c = pending.pop(0)
                s = style_of(_int_attr(attrs, b"s") or 0, cols[c])
                attrs = _set_attr(attrs, b"s", str(s).encode())
                if ref is None:
                    attrs = _set_attr(attrs, b"r", cell_ref(r, c).encode())
                out += [body[pos : m.start()], b"<" + self.p + b"c" + attrs + (b"/>" if m.group(2) else b">")]
                pos = m.end()
        end = body.find(b"<" + self.p + b"extLst")
        end = len(body) if end < 0 else end
        out.append(body[pos:end])
        for c in pending:
            out.append(self._new_cell(r, c, self._default_style(c, default), cols[c], style_of))
        out.append(body[end:])
        return b"".join(out)

    def _default_style(self, col: int, row_style: int | None) -> int:
        """The style an absent cell shows: its row's if the row has one, else its column's."""
        if row_style is not None:
            return row_style
        return next((s for lo, hi, s in self.col_styles if lo <= col <= hi), 0)

    def _new_cell(self, r: int, c: int, base: int, colour: str, style_of: Callable[[int, str], int]) -> bytes:
        return b'<%sc r="%s" s="%d"/>' % (self.p, cell_ref(r, c).encode(), style_of(base, colour))

    def _new_row(self, r: int, cols: dict[int, str], style_of: Callable[[int, str], int]) -> bytes:
        cells = b"".join(
            self._new_cell(r, c, self._default_style(c, None), cols[c], style_of) for c in sorted(cols)
        )
        return b'<%srow r="%d">%s</%srow>' % (self.p, r, cells, self.p)

    def _widen_dimension(self, marks: dict[tuple[int, int], str]) -> None:
        m = re.compile(rb"<" + re.escape(self.p) + rb"dimension\b([^>]*?)/?>").search(
            self.xml, 0, self.data_start
        )
        if m is None:
            return
        ref = _attr(m.group(1), b"ref")
        if not ref:
            return
        first, _, last = ref.decode().partition(":")
        a, b = parse_ref(first), parse_ref(last or first)
        if not (a and b):
            return
        rows = [a[0], b[0], *(r for r, _ in marks)]
        cols = [a[1], b[1], *(c for _, c in marks)]
        wide = f"{cell_ref(min(rows), min(cols))}:{cell_ref(max(rows), max(cols))}"
        if wide != f"{cell_ref(*a)}:{cell_ref(*b)}":
            tag = (
                b"<"
                + self.p
                + b"dimension"
                + _set_attr(m.group(1), b"ref", wide.encode()).rstrip(b"/ ")
                + b"/>"
            )
            self.xml = self.xml[: m.start()] + tag + self.xml[m.end() :]
            shift = len(tag) - (m.end() - m.start())
            self.data_start += shift
            self.data_end += shift

    def add_legacy_drawing(self, rid: str) -> None:
        """Point the sheet at its VML drawing, where CT_Worksheet's order puts it."""
        if self.r_prefix:
            tag = b'<%slegacyDrawing %s:id="%s"/>' % (self.p, self.r_prefix, rid.encode())
        else:
            tag = b'<%slegacyDrawing xmlns:r="%s" r:id="%s"/>' % (self.p, REL_NS.encode(), rid.encode())
        at = self._end_of_children_before(_AFTER_LEGACY_DRAWING)
        self.xml = self.xml[:at] + tag + self.xml[at:]

    def _end_of_children_before(self, later: tuple[bytes, ...]) -> int:
        """Where a child of the worksheet goes that precedes the children named ``later``: before
        the first of them (or an mc:AlternateContent wrapping one) at the top level, else at the
        end. Nested elements (a cfRule's own extLst) are stepped over."""
        depth = 0
        for m in _TAG.finditer(self.xml, self.xml.index(b">", self.data_end) + 1):
            closing, name, empty = m.groups()
            if closing:
                depth -= 1
                if depth < 0:  # </worksheet>
                    return m.start()
            elif depth == 0 and (name in later or name == b"AlternateContent"):
                return m.start()
            elif not empty:
                depth += 1
        raise PackageError("a worksheet without its end")


_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?([\w.-]+)\b[^>]*?(/?)>")


# --- Styles ----------------------------------------------------------------------------------------


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _child(parent, name: str, order: list[str]):
    """``parent``'s child ``name``, created where ``order`` puts it if there is none."""
    ns = etree.QName(parent).namespace
    found = parent.find(_q(ns, name))
    if found is not None:
        return found
    element = etree.Element(_q(ns, name))
    later = order[order.index(name) + 1 :]
    for i, child in enumerate(parent):
        if isinstance(child.tag, str) and etree.QName(child).localname in later:
            parent.insert(i, element)
            return element
    parent.append(element)
    return element


class Styles:
    """xl/styles.xml: fills, fonts, borders and cell formats appended, none changed."""

    def __init__(self, xml: bytes):
        self.root = etree.fromstring(xml, _PARSER)
        self.ns = etree.QName(self.root).namespace
        self._added: dict[object, int] = {}

    def _append(self, list_name: str, item_name: str, element) -> int:
        items = _child(self.root, list_name, _STYLES_ORDER)
        index = len(items.findall(_q(self.ns, item_name)))
        items.append(element)
        items.set("count", str(index + 1))
        return index

    def _element(self, name: str, *children, **attrs):
        element = etree.Element(_q(self.ns, name), {k: v for k, v in attrs.items() if v is not None})
        element.extend(c for c in children if c is not None)
        return element

    def fill(self, rgb: str) -> int:
        key = ("fill", rgb)
        if key not in self._added:
            e = self._element
            pattern = e(
                "patternFill", e("fgColor", rgb=f"FF{rgb}"), e("bgColor", indexed="64"), patternType="solid"
            )
            self._added[key] = self._append("fills", "fill", e("fill", pattern))
        return self._added[key]

    def marked(self, base: int, rgb: str) -> int:
        """A cell format like ``base`` with a solid ``rgb`` fill."""
        key = ("marked", base, rgb)
        if key not in self._added:
            xfs = _child(self.root, "cellXfs", _STYLES_ORDER).findall(_q(self.ns, "xf"))
            xf = (
                etree.fromstring(etree.tostring(xfs[base]))
                if base < len(xfs)
                else self._element("xf", numFmtId="0", fontId="0", fillId="0", borderId="0")
            )
            xf.set("fillId", str(self.fill(rgb)))
            xf.set("applyFill", "1")
            self._added[key] = self._append("cellXfs", "xf", xf)
        return self._added[key]

    def style(self, style: Style) -> int:
        """A cell format for a cell of the added sheet."""
        if style not in self._added:
            e = self._element
            font = e(
                "font",
                e("b") if style.bold else None,
                e("u") if style.underline else None,
                e("sz", val=f"{style.size:g}"),
                e("color", rgb=f"FF{style.color}") if style.color else None,
                e("name", val=style.font),
            )
            font_id = self._append("fonts", "font", font)
            fill_id = self.fill(style.fill) if style.fill else 0
            border_id = 0
            if style.border:
                sides = [
                    e(side, e("color", rgb=f"FF{style.border}"), style="thin")
                    for side in ("left", "right", "top", "bottom")
                ]
                border_id = self._append("borders", "border", e("border", *sides, e("diagonal")))
            aligned = style.horizontal or style.vertical or style.wrap
            alignment = (
                e(
                    "alignment",
                    horizontal=style.horizontal,
                    vertical=style.vertical,
                    wrapText="1" if style.wrap else None,
                )
                if aligned
                else None
            )
            has_style_xfs = self.root.find(_q(self.ns, "cellStyleXfs")) is not None
            xf = e(
                "xf",
                alignment,
                numFmtId="0",
                fontId=str(font_id),
                fillId=str(fill_id),
                borderId=str(border_id),
                xfId="0" if has_style_xfs else None,
                applyFont="1",
                applyFill="1" if style.fill else None,
                applyBorder="1" if style.border else None,
                applyAlignment="1" if aligned else None,
            )
            self._added[style] = self._append("cellXfs", "xf", xf)
        return self._added[style]

    def tobytes(self) -> bytes:
        return _xml_bytes(self.root)


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- Relationships and content types -----------------------------------------------------------


def rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class Rels:
    """One part's relationships; new ones get ids not yet used."""

    def __init__(self, owner: str, xml: bytes | None):
        self.owner, self.part = owner, rels_part(owner)
        self.root = (
            etree.fromstring(xml, _PARSER)
            if xml
            else etree.Element(_q(PACKAGE_REL_NS, "Relationships"), nsmap={None: PACKAGE_REL_NS})
        )
        self.ns = etree.QName(self.root).namespace

    def _target(self, rel) -> str:
        target = rel.get("Target", "")
        if target.startswith("/"):
            return posixpath.normpath(target.lstrip("/"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.owner), target))

    def find(self, kind: str, rid: str | None = None) -> tuple[str, str] | None:
        """(id, part) of the first internal relationship of type ``kind`` (with id ``rid``)."""
        for rel in self.root.iter(_q(self.ns, "Relationship")):
            if rel.get("TargetMode") == "External" or not rel.get("Type", "").endswith(f"/{kind}"):
                continue
            if rid is None or rel.get("Id") == rid:
                return rel.get("Id"), self._target(rel)
        return None

    def target(self, rid: str) -> tuple[str, str] | None:
        """(type, part) of relationship ``rid``."""
        for rel in self.root.iter(_q(self.ns, "Relationship")):
            if rel.get("Id") == rid and rel.get("TargetMode") != "External":
                return rel.get("Type", "").rsplit("/", 1)[-1], self._target(rel)
        return None

    def add(self, kind: str, part: str) -> str:
        used = {rel.get("Id") for rel in self.root.iter(_q(self.ns, "Relationship"))}
        n = len(used) + 1
        while f"rId{n}" in used:
            n += 1
        rel = etree.SubElement(self.root, _q(self.ns, "Relationship"))
        rel.set("Id", f"rId{n}")
        rel.set("Type", f"{REL_NS}/{kind}")
        rel.set("Target", posixpath.relpath(part, posixpath.dirname(self.owner) or "."))
        return f"rId{n}"

    def tobytes(self) -> bytes:
        return _xml_bytes(self.root)


class ContentTypes:
    def __init__(self, xml: bytes):
        self.root = etree.fromstring(xml, _PARSER)
        self.ns = etree.QName(self.root).namespace

    def override(self, part: str, content_type: str) -> None:
        name = f"/{part}"
        for element in self.root.iter(_q(self.ns, "Override")):
            if element.get("PartName", "").lower() == name.lower():
                element.set("ContentType", content_type)
                return
        etree.SubElement(self.root, _q(self.ns, "Override"), PartName=name, ContentType=content_type)

    def default(self, extension: str, content_type: str) -> None:
        for element in self.root.iter(_q(self.ns, "Default")):
            if element.get("Extension", "").lower() == extension:
                return
        self.root.insert(
            0, etree.Element(_q(self.ns, "Default"), Extension=extension, ContentType=content_type)
        )

    def tobytes(self) -> bytes:
        return _xml_bytes(self.root)


# --- Comments and their VML drawing ------------------------------------------------------------


def _comment_size(text: str) -> tuple[int, int]:
    """Width and height in pixels of a comment box that shows all of ``text``."""
    lines = sum(len(line) // 24 + 1 for line in text.split("\n"))
    return COMMENT_WIDTH, min(16 * lines + 10, 400)


def comments_xml(existing: bytes | None, notes: dict[tuple[int, int], str]) -> tuple[bytes, dict]:
    """The comments part with ``notes`` added; a cell's own comment keeps its text above ours.

    Returns the part and (row, column) → the full text of every comment touched.
    """
    if existing:
        root = etree.fromstring(existing, _PARSER)
    else:
        root = etree.Element(_q(MAIN_NS, "comments"), nsmap={None: MAIN_NS})
    ns = etree.QName(root).namespace
    authors = root.find(_q(ns, "authors"))
    if authors is None:
        authors = etree.Element(_q(ns, "authors"))
        root.insert(0, authors)
    names = [a.text for a in authors.findall(_q(ns, "author"))]
    if AUTHOR not in names:
        etree.SubElement(authors, _q(ns, "author")).text = AUTHOR
        names.append(AUTHOR)
    listed = root.find(_q(ns, "commentList"))
    if listed is None:
        listed = etree.SubElement(root, _q(ns, "commentList"))
    by_cell = {parse_ref(c.get("ref", "")): c for c in listed.findall(_q(ns, "comment"))}
    texts = {}
    for spot, note in notes.items():
        comment = by_cell.get(spot)
        if comment is None:
            comment = etree.SubElement(
                listed, _q(ns, "comment"), ref=cell_ref(*spot), authorId=str(names.index(AUTHOR))
            )
            t = etree.SubElement(etree.SubElement(comment, _q(ns, "text")), _q(ns, "t"))
            t.text = note
            t.set(XML_SPACE, "preserve")
            texts[spot] = note
            continue
        text = comment.find(_q(ns, "text"))
        if text is None:
            text = etree.SubElement(comment, _q(ns, "text"))
        theirs = "".join(t.text or "" for t in text.iter(_q(ns, "t")) if t.getparent().tag != _q(ns, "rPh"))
        ours = f"\n\n{note}" if theirs else note
        plain = text.find(_q(ns, "t"))
        if plain is not None:
            plain.text = (plain.text or "") + ours
        else:
            t = etree.SubElement(etree.SubElement(text, _q(ns, "r")), _q(ns, "t"))
            t.text = ours
            plain = t
        plain.set(XML_SPACE, "preserve")
        texts[spot] = theirs + ours
    comments = listed.findall(_q(ns, "comment"))
    comments.sort(key=lambda c: parse_ref(c.get("ref", "")) or (0, 0))
    listed[:] = comments
    return _xml_bytes(root), texts


VML_NAMESPACES = {
    b"v": b"urn:schemas-microsoft-com:vml",
    b"o": b"urn:schemas-microsoft-com:office:office",
    b"x": b"urn:schemas-microsoft-com:office:excel",
}
_SHAPETYPE = (
    b'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    b'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    b'<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


def _anchor_text(row: int, col: int, size: tuple[int, int]) -> bytes:
    """Where Excel draws a comment box: right of its cell, a row up, ``size`` pixels large."""
    width, height = size
    top = max(row - 2, 0)
    return b"%d, 15, %d, 10, %d, 15, %d, 4" % (
        col,
        top,
        col + math.ceil(width / 64),
        top + math.ceil(height / 20),
    )


def _shape_style(size: tuple[int, int], z: int) -> bytes:
    width, height = size
    return (
        b"position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:%gpt;height:%gpt;"
        b"z-index:%d;visibility:hidden" % (width * 0.75, height * 0.75, z)
    )


def _vml_shape(shape_id: int, row: int, col: int, size: tuple[int, int]) -> bytes:
    return (
        b'<v:shape id="_x0000_s%d" type="#_x0000_t202" style="%s" fillcolor="#ffffe1" '
        b'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
        b'<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
        b'<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note">'
        b"<x:MoveWithCells/><x:SizeWithCells/><x:Anchor>%s</x:Anchor><x:AutoFill>False</x:AutoFill>"
        b"<x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>"
        % (shape_id, _shape_style(size, shape_id % 1024), _anchor_text(row, col, size), row - 1, col - 1)
    )


_IDMAP = re.compile(rb"(<[\w.-]*:?idmap\b[^>]*?\bdata\s*=\s*[\"'])([\d,\s]*)([\"'])")
_NOTE = re.compile(rb"<(?:[\w.-]+:)?shape\b.*?</(?:[\w.-]+:)?shape>", re.S)


def vml_blocks(vml: bytes) -> set[int]:
    """The shape-id blocks (of 1024) a VML drawing claims."""
    return {int(n) for m in _IDMAP.finditer(vml) for n in re.findall(rb"\d+", m.group(2))}


def vml_xml(
    existing: bytes | None,
    new: dict[tuple[int, int], str],
    resized: dict[tuple[int, int], str],
    blocks: list[int],
) -> bytes:
    """The VML drawing with a hidden note box for each cell in ``new`` (shape ids in ``blocks``)
    and the existing boxes of the cells in ``resized``, both cell → its comment's text, made to fit."""
    spots = sorted(new)
    shapes = b"".join(
        _vml_shape(block * 1024 + 1 + i % 1023, row, col, _comment_size(new[row, col]))
        for i, ((row, col), block) in enumerate(zip(spots, _spread(blocks, len(spots))))
    )
    if existing is None:
        declared = b" ".join(b'xmlns:%s="%s"' % item for item in VML_NAMESPACES.items())
        data = b",".join(b"%d" % b for b in blocks)
        return (
            b'<xml %s><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="%s"/></o:shapelayout>%s%s</xml>'
            % (declared, data, _SHAPETYPE, shapes)
        )
    vml = existing
    if resized:
        vml = _NOTE.sub(lambda m: _resize(m.group(0), resized), vml)
    if not new:
        return vml
    root = re.search(rb"<xml\b([^>]*)>", vml)
    if root is None:
        raise PackageError("a VML drawing without its xml root")
    missing = b"".join(
        b' xmlns:%s="%s"' % (k, v)
        for k, v in VML_NAMESPACES.items()
        if b"xmlns:" + k + b"=" not in root.group(1)
    )
    head = vml[: root.end() - 1] + missing + b">"
    rest = vml[root.end() :]
    if _IDMAP.search(rest):
        rest = _IDMAP.sub(
            lambda m: m.group(1) + m.group(2) + b"".join(b",%d" % b for b in blocks) + m.group(3),
            rest,
            count=1,
        )
    else:
        layout = b'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="%s"/></o:shapelayout>'
        rest = layout % b",".join(b"%d" % b for b in blocks) + rest
    if b"_x0000_t202" not in rest:
        shapes = _SHAPETYPE + shapes
    end = rest.rindex(b"</xml>")
    return head + rest[:end] + shapes + rest[end:]


def _spread(blocks: list[int], n: int) -> list[int]:
    """The block of each of ``n`` new shapes: 1023 to a block."""
    return [blocks[i // 1023] for i in range(n)]


def _resize(shape: bytes, texts: dict[tuple[int, int], str]) -> bytes:
    """A note's box sized to the comment's text when ours was added to the unit's."""
    row = re.search(rb"<(?:[\w.-]+:)?Row>\s*(\d+)\s*<", shape)
    col = re.search(rb"<(?:[\w.-]+:)?Column>\s*(\d+)\s*<", shape)
    if not (row and col) or b"Note" not in shape:
        return shape
    spot = (int(row.group(1)) + 1, int(col.group(1)) + 1)
    if spot not in texts:
        return shape
    size = _comment_size(texts[spot])
    shape = re.sub(
        rb"(<(?:[\w.-]+:)?Anchor>)[^<]*(<)",
        lambda m: m.group(1) + _anchor_text(*spot, size) + m.group(2),
        shape,
        count=1,
    )
    width, height = size
    shape = re.sub(rb"(\bwidth:)[\d.]+\w*", b"\\g<1>%gpt" % (width * 0.75), shape, count=1)
    return re.sub(rb"(\bheight:)[\d.]+\w*", b"\\g<1>%gpt" % (height * 0.75), shape, count=1)


# --- The added sheet -------------------------------------------------------------------------


def _cell_xml(ref: str, cell: Cell, style: int) -> str:
    value = cell.value
    if value is None or value == "":
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        text = _escaped(value)
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def _escaped(text: str) -> str:
    """Text with &, < and > escaped, as xml.sax.saxutils.escape does (that module loads
    urllib.request, http and email: ~25 ms of a consolidation's start)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _quoted(text: str) -> str:
    """An attribute value escaped and quoted, as xml.sax.saxutils.quoteattr writes it."""
    text = _escaped(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in text:
        return f'"{text}"'
    return f"'{text}'" if "'" not in text else '"' + text.replace('"', "&quot;") + '"'


def new_sheet_xml(sheet: NewSheet, style_of: Callable[[Style], int]) -> bytes:
    """The worksheet part of the added sheet: inline strings, frozen header, links, A4 landscape."""
    rows: dict[int, list[int]] = {}
    for r, c in sheet.cells:
        rows.setdefault(r, []).append(c)
    last_row, last_col = max(rows, default=1), max((c for _, c in sheet.cells), default=1)
    body = []
    for r in sorted(rows):
        height = sheet.heights.get(r)
        tall = f' ht="{height:g}" customHeight="1"' if height else ""
        cells = "".join(
            _cell_xml(cell_ref(r, c), sheet.cells[r, c], style_of(sheet.cells[r, c].style))
            for c in sorted(rows[r])
        )
        body.append(f'<row r="{r}"{tall}>{cells}</row>')
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>' for c, w in sorted(sheet.widths.items())
    )
    links = "".join(
        f'<hyperlink ref="{cell_ref(r, c)}" location={_quoted(cell.link)} '
        f"display={_quoted(str(cell.value or ''))}/>"
        for (r, c), cell in sorted(sheet.cells.items())
        if cell.link
    )
    top = f"A{sheet.frozen_rows + 1}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{cell_ref(last_row, last_col)}"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        f'<pane ySplit="{sheet.frozen_rows}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>{''.join(body)}</sheetData>"
        + (f"<hyperlinks>{links}</hyperlinks>" if links else "")
        + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>'
    ).encode()


# --- The package --------------------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    part: str | None  # its XML part; None for a sheet that is not a worksheet (a chart sheet)
    other: str | None  # the part of a chart or dialog sheet


class Package:
    """A workbook package to mark: read once, marks collected, then ``save`` writes the copy."""

    def __init__(self, data: bytes):
        self._data = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._members = {name.lower(): name for name in self._zip.namelist()}
        found = Rels("", self._read("_rels/.rels")).find(OFFICE_DOCUMENT)
        if found is None:
            raise PackageError("no workbook in the package")
        self.workbook_part = found[1]
        self._folder = posixpath.dirname(self.workbook_part)  # xl, where new parts go
        self.workbook = etree.fromstring(self._read(self.workbook_part), _PARSER)
        self.ns = etree.QName(self.workbook).namespace
        if self.ns != MAIN_NS:
            raise PackageError(f"a workbook in {self.ns}")
        self.rels = Rels(self.workbook_part, self._read_optional(rels_part(self.workbook_part)))
        sheets = self.workbook.find(_q(self.ns, "sheets"))
        if sheets is None:
            raise PackageError("a workbook without sheets")
        self.sheets: list[_Sheet] = []
        for element in sheets.findall(_q(self.ns, "sheet")):
            kind, part = self.rels.target(element.get(_q(REL_NS, "id"), "")) or ("", None)
            worksheet = kind == WORKSHEET and part is not None and part.lower() in self._members
            self.sheets.append(_Sheet(element.get("name", ""), part if worksheet else None, part))
        self._sheet_xml: dict[str, SheetXml] = {}
        self._marks: dict[str, dict[tuple[int, int], tuple[str, str]]] = {}

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]

    def _read(self, part: str) -> bytes:
        try:
            return self._zip.read(self._members[part.lower()])
        except KeyError as e:
            raise PackageError(f"missing part {part}") from e

    def _read_optional(self, part: str) -> bytes | None:
        return self._zip.read(self._members[part.lower()]) if part.lower() in self._members else None

    def _sheet(self, name: str) -> SheetXml | None:
        part = next((s.part for s in self.sheets if s.name == name), None)
        if part is None:
            return None
        if part not in self._sheet_xml:
            self._sheet_xml[part] = SheetXml(self._read(part))
        return self._sheet_xml[part]

    def anchor(self, sheet: str, ref: str) -> str | None:
        """The cell of worksheet ``sheet`` to mark for ``ref`` (a merge's top-left), if any."""
        xml = self._sheet(sheet)
        spot = xml.anchor(ref) if xml else None
        return cell_ref(*spot) if spot else None

    def mark(self, sheet: str, ref: str, fill: str, comment: str) -> None:
        """Fill cell ``ref`` (an ``anchor``) with ``fill`` and give it ``comment``."""
        spot = parse_ref(ref)
        if spot is None or self._sheet(sheet) is None:
            raise PackageError(f"no cell {sheet}!{ref}")
        self._marks.setdefault(sheet, {})[spot] = (fill, comment)

    def save(self, first: NewSheet, macros: bool) -> bytes:
        """The marked copy with ``first`` as its first sheet: an .xlsm's if ``macros``, else an .xlsx's."""
        changed: dict[str, bytes] = {}  # part → its new content (new parts included)
        types = ContentTypes(self._read("[Content_Types].xml"))
        styles_rel = self.rels.find(STYLES)
        if styles_rel is None:
            styles_part = f"{self._folder}/styles.xml"  # where openpyxl looks, whatever the rels say
            if styles_part.lower() in self._members:
                styles_part = self._free(f"{self._folder}/styles{{}}.xml")
            self.rels.add(STYLES, styles_part)
            types.override(styles_part, CT_STYLES)
            styles = Styles(MINIMAL_STYLES)
        else:
            styles_part = styles_rel[1]
            styles = Styles(self._read(styles_part))
        blocks = self._free_blocks()
        for sheet in self.sheets:
            if sheet.name in self._marks:
                self._mark_sheet(sheet, self._marks[sheet.name], styles, types, changed, blocks)
        name = first.name
        while name.casefold() in {n.casefold() for n in self.sheet_names}:
            name += "_"
        first_part = self._free(f"{self._folder}/worksheets/sheet{{}}.xml", changed)
        changed[first_part] = new_sheet_xml(first, styles.style)
        types.override(first_part, CT_WORKSHEET)
        changed[styles_part] = styles.tobytes()
        self._put_first(name, self.rels.add(WORKSHEET, first_part), first.title_row)
        changed[self.workbook_part] = _xml_bytes(self.workbook)
        changed[self.rels.part] = self.rels.tobytes()
        types.override(self.workbook_part, CT_WORKBOOK[".xlsm" if macros else ".xlsx"])
        types.default("vml", CT_VML)
        changed["[Content_Types].xml"] = types.tobytes()
        return self._write(changed, {(s.part or s.other or "").lower() for s in self.sheets})

    def _mark_sheet(
        self,
        sheet: _Sheet,
        marks: dict[tuple[int, int], tuple[str, str]],
        styles: Styles,
        types: ContentTypes,
        changed: dict[str, bytes],
        blocks: list[int],
    ) -> None:
        xml = self._sheet(sheet.name)
        if xml is None or sheet.part is None:  # mark() keeps marks of worksheets only
            raise PackageError(f"no worksheet {sheet.name}")
        xml.restyle({spot: fill for spot, (fill, _) in marks.items()}, styles.marked)
        rels = Rels(sheet.part, self._read_optional(rels_part(sheet.part)))
        found = rels.find(COMMENTS)
        comments_part = found[1] if found else self._free(f"{self._folder}/comments{{}}.xml", changed)
        existing = self._read_optional(comments_part) if found else None
        changed[comments_part], texts = comments_xml(
            existing, {spot: text for spot, (_, text) in marks.items()}
        )
        if not found:
            rels.add(COMMENTS, comments_part)
            types.override(comments_part, CT_COMMENTS)
        drawing = rels.find(VML_DRAWING, xml.legacy_drawing) if xml.legacy_drawing else None
        vml = self._read_optional(drawing[1]) if drawing else None
        had_note = _noted_cells(vml) if vml else set()
        new = {spot: texts[spot] for spot in marks if spot not in had_note}
        taken = [blocks.pop(0) for _ in range(math.ceil(len(new) / 1023))]
        if drawing:
            vml_part = drawing[1]
        else:
            vml_part = self._free(f"{self._folder}/drawings/vmlDrawing{{}}.vml", changed)
            xml.add_legacy_drawing(rels.add(VML_DRAWING, vml_part))
            taken = taken or [blocks.pop(0)]
        resized = {spot: texts[spot] for spot in marks if spot in had_note}
        changed[vml_part] = vml_xml(vml, new, resized, taken)
        changed[rels.part] = rels.tobytes()
        changed[sheet.part] = xml.xml

    def _free(self, pattern: str, changed: dict[str, bytes] | None = None) -> str:
        """The first part name ``pattern`` (with {} for a number) that no part has."""
        taken = set(self._members) | {p.lower() for p in changed or ()}
        n = 1
        while pattern.format(n).lower() in taken:
            n += 1
        return pattern.format(n)

    def _free_blocks(self) -> list[int]:
        """Shape-id blocks no VML drawing of the workbook claims, in order."""
        used = set()
        for name in self._members.values():
            if name.lower().endswith(".vml"):
                used |= vml_blocks(self._zip.read(name))
        return [b for b in range(1, 4096) if b not in used]

    def _put_first(self, name: str, rid: str, title_row: int) -> None:
        """``name`` as the workbook's first and active sheet; sheet-local names follow their sheet."""
        q = self.ns
        sheets = self.workbook.find(_q(q, "sheets"))
        ids = [
            int(s.get("sheetId"))
            for s in sheets.findall(_q(q, "sheet"))
            if (s.get("sheetId") or "").isdigit()
        ]
        element = etree.Element(_q(q, "sheet"), nsmap={"r": REL_NS})  # r:id, whatever is loaded
        element.set("name", name)
        element.set("sheetId", str(max(ids, default=0) + 1))
        element.set(_q(REL_NS, "id"), rid)
        sheets.insert(0, element)
        names = _child(self.workbook, "definedNames", _WORKBOOK_ORDER)
        for defined in names.findall(_q(q, "definedName")):
            local = defined.get("localSheetId")
            if local is not None and local.isdigit():
                defined.set("localSheetId", str(int(local) + 1))
        titles = etree.SubElement(names, _q(q, "definedName"), name="_xlnm.Print_Titles", localSheetId="0")
        titles.text = f"{sheet_location(name, '')}${title_row}:${title_row}"
        views = self.workbook.find(_q(q, "bookViews"))
        for view in views.findall(_q(q, "workbookView")) if views is not None else ():
            view.attrib.pop("activeTab", None)
            view.attrib.pop("firstSheet", None)

    def _write(self, changed: dict[str, bytes], sheets: set[str]) -> bytes:
        """The package with ``changed`` parts replaced or added, the tabs of ``sheets`` unselected.

        Every other member is copied as it is stored, compressed bytes and all.
        """
        members = {name.lower(): name for name in self._zip.namelist()}
        by_member = {members.get(part.lower(), part): data for part, data in changed.items()}
        for name in sheets:
            member = members.get(name)
            if member and member not in by_member and b"tabSelected" in self._head(member):
                by_member[member] = unselect_tabs(self._zip.read(member))
            elif member in by_member:
                by_member[member] = unselect_tabs(by_member[member])
        stamp = self._zip.getinfo(members[self.workbook_part.lower()]).date_time
        out = _ZipCopy()
        for info in self._zip.infolist():
            if info.filename in by_member:
                out.add(info.filename, by_member.pop(info.filename), info.date_time, info.external_attr)
            else:
                out.copy(info, self._data)
        for part, data in by_member.items():
            out.add(part, data, stamp, 0o600 << 16)
        return out.finish()

    def _head(self, member: str) -> bytes:
        """A sheet part up to its rows (where its sheetViews are), or all of it."""
        with self._zip.open(member) as f:
            head = f.read(1 << 16)
            return head if b"sheetData" in head else head + f.read()


class _ZipCopy:
    """A zip written by hand, so that unchanged members are copied without recompressing them."""

    def __init__(self):
        self.out = io.BytesIO()
        self.central: list[bytes] = []

    def copy(self, info: zipfile.ZipInfo, source: bytes) -> None:
        """``info``'s member of the zip ``source``, copied as it is stored."""
        name_length, extra_length = struct.unpack(
            "<2H", source[info.header_offset + 26 : info.header_offset + 30]
        )
        start = info.header_offset + 30 + name_length + extra_length
        self._member(
            info.filename,
            source[start : start + info.compress_size],
            info.compress_type,
            info.CRC,
            info.file_size,
            info.date_time,
            info.external_attr,
        )

    def add(self, name: str, data: bytes, date_time: tuple, external_attr: int) -> None:
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw = packer.compress(data) + packer.flush()
        self._member(name, raw, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), date_time, external_attr)

    def _member(
        self, name: str, raw: bytes, method: int, crc: int, size: int, date_time: tuple, external_attr: int
    ) -> None:
        if max(size, len(raw), self.out.tell()) >= 0xFFFFFFFF:
            raise PackageError("a package too large to copy")
        encoded = name.encode()
        flags = 0x800 if not encoded.isascii() else 0  # the name in UTF-8
        year, month, day, hour, minute, second = date_time
        time_, date = (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day
        fields = struct.pack("<4H3L", flags, method, time_, date, crc, len(raw), size)
        offset = self.out.tell()
        self.out.write(b"PK\x03\x04" + struct.pack("<H", 20) + fields + struct.pack("<2H", len(encoded), 0))
        self.out.write(encoded)
        self.out.write(raw)
        self.central.append(
            b"PK\x01\x02"
            + struct.pack("<2H", 20, 20)
            + fields
            + struct.pack("<5H2L", len(encoded), 0, 0, 0, 0, external_attr, offset)
            + encoded
        )

    def finish(self) -> bytes:
        start = self.out.tell()
        for entry in self.central:
            self.out.write(entry)
        size = self.out.tell() - start
        n = len(self.central)
        self.out.write(b"PK\x05\x06" + struct.pack("<4H2LH", 0, 0, n, n, size, start, 0))
        return self.out.getvalue()


def _noted_cells(vml: bytes) -> set[tuple[int, int]]:
    """The cells that already have a note box in a VML drawing."""
    cells = set()
    for shape in _NOTE.finditer(vml):
        text = shape.group(0)
        row = re.search(rb"<(?:[\w.-]+:)?Row>\s*(\d+)\s*<", text)
        col = re.search(rb"<(?:[\w.-]+:)?Column>\s*(\d+)\s*<", text)
        if row and col and re.search(rb"ObjectType\s*=\s*[\"']Note[\"']", text):
            cells.add((int(row.group(1)) + 1, int(col.group(1)) + 1))
    return cells
