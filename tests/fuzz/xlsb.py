"""A minimal .xlsb (BIFF12) writer for tests: values only, no styles (imports nothing from qstat).

LibreOffice reads .xlsb but cannot write it, so the tests build one from an .xlsx's values:
workbook.bin with the sheet list, one worksheet .bin per sheet (BrtRowHdr, BrtCellReal,
BrtCellSt), and the relationships. Record layout from [MS-XLSB] 2.1.4 and 2.4.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import openpyxl


def _varint(n: int, limit: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            break
    assert len(out) <= limit
    return bytes(out)


def _record(kind: int, payload: bytes = b"") -> bytes:
    return _varint(kind, 2) + _varint(len(payload), 4) + payload


def _wide(text: str) -> bytes:
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def _sheet(rows: list[tuple[int, list]]) -> bytes:
    last_row = max((r for r, _ in rows), default=0)
    last_col = max((c for _, values in rows for c, _ in values), default=0)
    out = [_record(0x81), _record(0x94, struct.pack("<IIII", 0, last_row, 0, last_col))]  # BrtWsDim
    out.append(_record(0x91))  # BrtBeginSheetData
    for r, values in rows:
        out.append(_record(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0)))  # BrtRowHdr
        for c, value in values:
            cell = struct.pack("<II", c, 0)  # column, style 0 and no flags
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append(_record(0x05, cell + struct.pack("<d", float(value))))  # BrtCellReal
            else:
                out.append(_record(0x06, cell + _wide(str(value))))  # BrtCellSt
    out += [_record(0x92), _record(0x82)]  # BrtEndSheetData, BrtEndSheet
    return b"".join(out)


def xlsx_to_xlsb(source: Path, target: Path) -> Path:
    """The values of every sheet of ``source`` (dates as text) written as an .xlsb."""
    book = openpyxl.load_workbook(source, data_only=True)
    sheets = []
    for ws in book.worksheets:
        rows = []
        for row in ws.iter_rows():
            values = [
                (c.column - 1, c.value if isinstance(c.value, (int, float, str)) else str(c.value))
                for c in row
                if c.value is not None
            ]
            if values:
                rows.append((row[0].row - 1, values))  # type: ignore[operator]  # a loaded cell has its row
        sheets.append((ws.title, rows))
    workbook = [_record(0x83), _record(0x8F)]  # BrtBeginBook, BrtBeginBundleShs
    rels = [
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    ]
    for i, (title, _) in enumerate(sheets, 1):
        workbook.append(_record(0x9C, struct.pack("<II", 0, i) + _wide(f"rId{i}") + _wide(title)))
        rels.append(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/worksheet" Target="worksheets/sheet{i}.bin"/>'
        )
    workbook += [_record(0x90), _record(0x84)]  # BrtEndBundleShs, BrtEndBook
    rels.append("</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.bin", b"".join(workbook))
        z.writestr("xl/_rels/workbook.bin.rels", "".join(rels))
        for i, (_, rows) in enumerate(sheets, 1):
            z.writestr(f"xl/worksheets/sheet{i}.bin", _sheet(rows))
    target.write_bytes(out.getvalue())
    return target


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="bin" '
    'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>'
)


def add_far_cell(path: Path, row: int, col: int, text: str = "备注") -> Path:
    """A text cell at (row, col), 0-based, appended to the first sheet of an .xlsb."""
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    far = _record(0x00, struct.pack("<IIHBBBI", row, 0, 300, 0, 0, 0, 0)) + _record(
        0x06, struct.pack("<II", col, 0) + _wide(text)
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts:
            if name == "xl/worksheets/sheet1.bin":
                end = _record(0x92)  # BrtEndSheetData
                content = content.replace(end, far + end, 1)
            z.writestr(name, content)
    path.write_bytes(out.getvalue())
    return path
