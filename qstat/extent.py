"""Where the cells of a binary workbook are (.xls BIFF8, .xlsb BIFF12), read from its records
without building anything.

calamine builds a dense grid up to the last cell it finds, and an .xls is read whole when it
is opened: one cell record at IV65536 in a 41 KB file is 16 million cells, 1 GB. So the
extent of every sheet is measured from the records first, and the cell limit refuses the file
before calamine sees it (read.py). Nothing here trusts a size or a count the file states
(DIMENSIONS records, stream sizes beyond the file): only the cell records are counted.
"""

from __future__ import annotations

import struct

End = tuple[int, int] | None  # (last row, last column) holding a cell record, 0-based

_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
# BIFF8 records that are one cell: row and column are their first two 16-bit fields.
_XLS_CELLS = {0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}
_XLS_RANGES = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
_BOF, _EOF, _BOUNDSHEET = 0x0809, 0x000A, 0x0085
# BIFF12 records that are one cell (BrtCellBlank … BrtFmlaError, BrtCellRString): column first.
_XLSB_CELLS = set(range(1, 12)) | {62}
_XLSB_ROW = 0  # BrtRowHdr: the row of the cells that follow


class Damaged(ValueError):
    """The container or its records do not hold together."""


def xls_extents(data: bytes) -> list[tuple[str, End]]:
    """Each worksheet of an .xls (its name, the end of its cells), in file order."""
    stream = _workbook_stream(data)
    names: dict[int, str] = {}
    extents: list[tuple[str, End]] = []
    pos, depth, sheet, end = 0, 0, -1, None
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + size]
        if kind == _BOF:
            depth += 1
            if depth == 1 and pos in names:
                sheet, end = pos, None
        elif kind == _EOF:
            depth -= 1
            if depth == 0 and sheet >= 0:
                extents.append((names[sheet], end))
                sheet = -1
        elif kind == _BOUNDSHEET and len(body) >= 8:
            names[struct.unpack_from("<I", body)[0]] = _sheet_name(body)
        elif sheet >= 0 and len(body) >= 4 and (kind in _XLS_CELLS or kind in _XLS_RANGES):
            row, col = struct.unpack_from("<HH", body)
            if kind in _XLS_RANGES and len(body) >= 6:
                col = max(col, struct.unpack_from("<H", body, len(body) - 2)[0])
            end = (max(row, end[0]), max(col, end[1])) if end else (row, col)
        pos += 4 + size
    return extents


def xlsb_end(sheet: bytes) -> End:
    """The end of the cells of one .xlsb worksheet part."""
    pos, row, end = 0, 0, None
    while pos < len(sheet):
        kind, pos = _varint(sheet, pos, 2)
        size, pos = _varint(sheet, pos, 4)
        if kind == _XLSB_ROW and size >= 4:
            row = struct.unpack_from("<I", sheet, pos)[0]
        elif kind in _XLSB_CELLS and size >= 4:
            col = struct.unpack_from("<I", sheet, pos)[0]
            end = (max(row, end[0]), max(col, end[1])) if end else (row, col)
        pos += size
    return end


def _varint(data: bytes, pos: int, limit: int) -> tuple[int, int]:
    value = 0
    for i in range(limit):
        if pos >= len(data):
            raise Damaged("record cut short")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            break
    return value, pos


def _sheet_name(body: bytes) -> str:
    """BOUNDSHEET8's name: a ShortXLUnicodeString at offset 6."""
    length, wide = body[6], body[7] & 1
    raw = body[8 : 8 + length * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _workbook_stream(data: bytes) -> bytes:
    """The Workbook (or Book) stream of a compound file ([MS-CFB]), following its chains."""
    if len(data) < 512:
        raise Damaged("too short for a compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise Damaged("sector size")
    size = 1 << shift
    first_dir, cutoff, first_minifat, _, first_difat, difat_count = struct.unpack_from(
        "<I4xIIIII", data, 0x30
    )
    sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _END_OF_CHAIN]
    difat, seen = first_difat, 0
    while difat < _END_OF_CHAIN and seen <= difat_count:
        block = _sector(data, difat, size)
        sectors += [s for s in struct.unpack_from(f"<{size // 4 - 1}I", block) if s < _END_OF_CHAIN]
        difat, seen = struct.unpack_from("<I", block, size - 4)[0], seen + 1
    fat = b"".join(_sector(data, s, size) for s in sectors)
    fat_entries = struct.unpack(f"<{len(fat) // 4}I", fat)
    directory = _chain(data, fat_entries, first_dir, size)
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise Damaged("no directory")
    root_start, root_size = struct.unpack_from("<II", entries[0], 116)
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in ("Workbook", "Book"):
            start, stream_size = struct.unpack_from("<II", entry, 116)
            if stream_size >= cutoff:
                return _chain(data, fat_entries, start, size)[:stream_size]
            mini = _chain(data, fat_entries, root_start, size)[:root_size]
            minifat = _chain(data, fat_entries, first_minifat, size)
            mini_entries = struct.unpack(f"<{len(minifat) // 4}I", minifat)
            return _chain(mini, mini_entries, start, 64, header=0)[:stream_size]
    raise Damaged("no Workbook stream")


def _chain(data: bytes, fat: tuple[int, ...], start: int, size: int, header: int = 1) -> bytes:
    """The sectors of one chain, in order; a loop or a sector out of the file is Damaged."""
    parts: list[bytes] = []
    sector = start
    while sector < _END_OF_CHAIN:
        if sector >= len(fat) or len(parts) > len(fat):
            raise Damaged("chain out of the file, or a loop")
        parts.append(_sector(data, sector, size, header))
        sector = fat[sector]
    return b"".join(parts)


def _sector(data: bytes, n: int, size: int, header: int = 1) -> bytes:
    offset = (n + header) * size
    if offset >= len(data):
        raise Damaged("sector beyond the file")
    return data[offset : offset + size]
