"""A seeded mutator over the sample workbooks: the hostile files the fuzz suite feeds qstat.

Imports nothing from qstat. ``mutants(seed, count, kinds)`` yields ``Mutant``s, each a sample
workbook (2024Q3) with one to three mutations applied; the same seed gives the same files.
The builders used by the targeted tests (far cells, bombs, truncation) live here too.
"""

from __future__ import annotations

import html
import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "sample_workbooks" / "2024Q3"
GOOD = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".xlsx", ".xls") and not p.name.startswith("~$"))

# Text a clerk (or an attacker) can put in a cell.
NUMBERS = ["NaN", "nan", "inf", "-Infinity", "1e400", "-1e400", "１e400", "1e-400", "0x10", "1_000"]
# Huge but finite: a sum or a rate of them overflows to inf unless they are refused.
HUGE = [
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "9e307",
    "1e300",
    "１e308",
    "1e-300",
    "123456789012345678901234",
]
FORMULAS = ['=HYPERLINK("http://example.com","x")', "=1+1", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3"]
CONTROL = ["\x07", "72.72\x07", "a\x00b", "\x1b[31m", "x\x0cy", "\u202etxt.exe", "\ufeff", "\r\n"]
UNITS = [
    "../../evil",
    "..\\..\\evil",
    "叶县/../../evil",
    "CON",
    "NUL",
    "COM1",
    "LPT1.txt",
    "a/b",
    "..",
    "/etc/passwd",
    "C:\\evil",
    "x" * 300,
    "叶县\x07",
    " ",
    "evil\n",
]
FAR_REFS = ["XFD100000", "XFD1048576", "A1048576", "ZZ5", "AAAA1", "XFE1048577", "A99999999", "IV65536"]


@dataclass
class Mutant:
    name: str  # file name in the inbox
    data: bytes
    kinds: tuple[str, ...]  # the mutations applied, in order
    source: str  # the sample it was made from


# ---------------------------------------------------------------- zip helpers


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def build(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in parts:
                z.writestr(name, content)
    return out.getvalue()


def edit_sheets(data: bytes, edit: Callable[[bytes], bytes], only_first: bool = False) -> bytes:
    parts, done = [], False
    for name, content in members(data):
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and not (only_first and done):
            content, done = edit(content), True
        parts.append((name, content))
    return build(parts)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def inline(text: str) -> bytes:
    """An inline-string cell body for ``text``, control characters escaped as OOXML does."""
    escaped = html.escape(text, quote=False)
    escaped = "".join(f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\t\n\r" else c for c in escaped)
    return f'<is><t xml:space="preserve">{escaped}</t></is>'.encode()


# ---------------------------------------------------------------- builders for targeted tests


def add_far_cell(data: bytes, ref: str = "XFD100000", text: str = "备注：见附件") -> bytes:
    """A note typed far away (after Ctrl+End), in the first sheet."""
    row = re.search(r"\d+", ref).group()  # type: ignore[union-attr]  # an A1 reference has digits
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr">'.encode() + inline(text) + b"</c></row>"
    return edit_sheets(data, lambda x: x.replace(b"</sheetData>", cell + b"</sheetData>", 1), True)


F5_GROUPS = ["上季度接转工程", "本季度新注册工程", "本季度在建工程", "本季度竣工工程", "本季度质量备案工程"]


def header_spam(data: bytes, pairs: int = 20_000) -> bytes:
    """附表5's two header rows repeated ``pairs`` times below the first sheet's content, one
    merged group cell each: 40,000 header rows and 20,000 merged ranges within every limit."""
    rows, merges = [], []
    for i in range(pairs):
        top = 1001 + 2 * i
        cells = [f'<c r="A{top}" t="inlineStr">'.encode() + inline("市、县（市）") + b"</c>"]
        subs = []
        for g, group in enumerate(F5_GROUPS):
            col = _letters(2 + 3 * g)
            cells.append(f'<c r="{col}{top}" t="inlineStr">'.encode() + inline(group) + b"</c>")
            for k, sub in enumerate(["项数", "面积（万㎡）", "造价（万元）"]):
                ref = f"{_letters(2 + 3 * g + k)}{top + 1}"
                subs.append(f'<c r="{ref}" t="inlineStr">'.encode() + inline(sub) + b"</c>")
        rows.append(f'<row r="{top}">'.encode() + b"".join(cells) + b"</row>")
        rows.append(f'<row r="{top + 1}">'.encode() + b"".join(subs) + b"</row>")
        merges.append(f"B{top}:D{top}")
    return add_merges(
        edit_sheets(data, lambda x: x.replace(b"</sheetData>", b"".join(rows) + b"</sheetData>", 1), True),
        merges,
    )


def add_merges(data: bytes, ranges: list[str]) -> bytes:
    """Merged ranges added to the first sheet, as written (reversed, overlapping, huge: any)."""
    extra = b"".join(f'<mergeCell ref="{r}"/>'.encode() for r in ranges)

    def edit(xml: bytes) -> bytes:
        if b"</mergeCells>" in xml:
            return xml.replace(b"</mergeCells>", extra + b"</mergeCells>", 1)
        return xml.replace(b"</sheetData>", b"</sheetData><mergeCells>" + extra + b"</mergeCells>", 1)

    return edit_sheets(data, edit, True)


def _letters(column: int) -> str:
    """1 → A, 27 → AA."""
    text = ""
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def whitespace_bomb(data: bytes, megabytes: int) -> bytes:
    """The first sheet padded with ``megabytes`` MB of blanks (compresses about 1000:1)."""
    parts = members(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        bombed = False
        for name, content in parts:
            if not bombed and name.startswith("xl/worksheets/"):
                head, tail = content.split(b"</sheetData>", 1)
                with z.open(name, "w", force_zip64=True) as f:
                    f.write(head)
                    block = b" " * (1 << 20)
                    for _ in range(megabytes):
                        f.write(block)
                    f.write(b"</sheetData>" + tail)
                bombed = True
            else:
                z.writestr(name, content)
    return out.getvalue()


def lie_about_sizes(data: bytes, member_prefix: str = "xl/worksheets/") -> bytes:
    """Declared uncompressed sizes of the matching members set to 1 byte (central directory
    and local headers), the compressed data unchanged."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = [i for i in z.infolist() if i.filename.startswith(member_prefix)]
    for info in infos:
        buf[info.header_offset + 22 : info.header_offset + 26] = (1).to_bytes(4, "little")
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) >= 0:
        name_len = int.from_bytes(buf[pos + 28 : pos + 30], "little")
        name = bytes(buf[pos + 46 : pos + 46 + name_len]).decode("utf-8", "replace")
        if name.startswith(member_prefix):
            buf[pos + 24 : pos + 28] = (1).to_bytes(4, "little")
        pos += 4
    return bytes(buf)


# ---------------------------------------------------------------- mutations


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    return bytes(buf)


def remove_member(data: bytes, rng: random.Random) -> bytes:
    parts = members(data)
    del parts[rng.randrange(len(parts))]
    return build(parts)


def duplicate_member(data: bytes, rng: random.Random) -> bytes:
    parts = members(data)
    name, content = rng.choice(parts)
    altered = content[: rng.randrange(len(content) + 1)] if rng.random() < 0.5 else content
    parts.insert(rng.randrange(len(parts) + 1), (name, altered))
    return build(parts)


def corrupt_xml(data: bytes, rng: random.Random) -> bytes:
    parts = members(data)
    xml = [i for i, (n, _) in enumerate(parts) if n.endswith((".xml", ".rels"))]
    i = rng.choice(xml)
    name, content = parts[i]
    junk = rng.choice(
        [
            b"<",
            b"&",
            b"</x>",
            b"\x00",
            b'<c r="A1">',
            b"]]>",
            b"&#0;",
            b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
            b"",
        ]
    )
    at = rng.randrange(len(content) + 1)
    cut = rng.choice([0, 0, rng.randint(1, 200)])
    parts[i] = (name, content[:at] + junk + content[at + cut :])
    return build(parts)


def far_cell(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        ref = rng.choice(FAR_REFS)
    else:
        column = rng.choice(["A", "Z", "AZ", "XFD", "XFE", "ZZZZ"])
        ref = f"{column}{rng.choice([200, 20000, 1048576, 2**31])}"
    return add_far_cell(data, ref, rng.choice(["备注", "1", "=1+1"] + NUMBERS))


def _replace_cell_values(data: bytes, rng: random.Random, payloads: list[str], numeric: bool) -> bytes:
    """Some cells' values replaced by hostile text (or, for numbers, a hostile <v>)."""

    def edit(xml: bytes) -> bytes:
        cells = list(re.finditer(rb'<c r="([A-Z]+\d+)"([^>]*)>(.*?)</c>', xml, re.S))
        if not cells:
            return xml
        out, last = [], 0
        for m in sorted(rng.sample(cells, min(len(cells), rng.randint(1, 5))), key=lambda m: m.start()):
            text = rng.choice(payloads)
            if numeric and rng.random() < 0.5:
                body = f'<c r="{m.group(1).decode()}"><v>{html.escape(text)}</v></c>'.encode()
            else:
                body = f'<c r="{m.group(1).decode()}" t="inlineStr">'.encode() + inline(text) + b"</c>"
            out += [xml[last : m.start()], body]
            last = m.end()
        return b"".join(out) + xml[last:]

    return edit_sheets(data, edit)


def hostile_numbers(data: bytes, rng: random.Random) -> bytes:
    return _replace_cell_values(data, rng, NUMBERS, True)


def huge_numbers(data: bytes, rng: random.Random) -> bytes:
    return _replace_cell_values(data, rng, HUGE, True)


def merged_spam(data: bytes, rng: random.Random) -> bytes:
    """Hundreds to thousands of merged ranges: overlapping, reversed, out to XFD1048576."""

    def ref() -> str:
        return f"{_letters(rng.choice([1, 2, 5, 26, 200, 16384]))}{rng.choice([1, 5, 30, 1000, 1048576])}"

    def small() -> str:
        r, c = rng.randint(1, 60), rng.randint(1, 26)
        return f"{_letters(c)}{r}:{_letters(c + rng.randint(0, 3))}{r + rng.randint(0, 3)}"

    count = rng.choice([200, 2000, 20000])
    return add_merges(data, [small() if rng.random() < 0.8 else f"{ref()}:{ref()}" for _ in range(count)])


def control_characters(data: bytes, rng: random.Random) -> bytes:
    return _replace_cell_values(data, rng, CONTROL, False)


def long_strings(data: bytes, rng: random.Random) -> bytes:
    return _replace_cell_values(data, rng, ["x" * 30_000, "测" * 30_000, "1" * 30_000], False)


def formula_strings(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return _replace_cell_values(data, rng, FORMULAS, False)
    formula = rng.choice(["1/0", "SUM(A1:A3)", "SUM(A1:XFD1048576)", "A1", "NOSUCH(1)", "1+"])
    return edit_sheets(data, lambda x: re.sub(rb"<v>[^<]*</v>", f"<f>{formula}</f>".encode(), x, count=3))


def hostile_unit(data: bytes, rng: random.Random) -> bytes:
    unit = rng.choice(UNITS)

    def edit(xml: bytes) -> bytes:
        def swap(m: re.Match) -> bytes:
            text = html.unescape(m.group(1).decode())
            if "填表单位" not in text:
                return m.group(0)
            return inline(re.sub(r"[:：].*", "：", text) + unit)

        return re.sub(rb"<is><t[^>]*>(.*?)</t></is>", swap, xml, flags=re.S)

    return edit_sheets(data, edit)


ZIP_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": truncate,
    "flip": flip_bytes,
    "remove_member": remove_member,
    "duplicate_member": duplicate_member,
    "corrupt_xml": corrupt_xml,
    "far_cell": far_cell,
    "numbers": hostile_numbers,
    "huge": huge_numbers,
    "merged": merged_spam,
    "control": control_characters,
    "long_strings": long_strings,
    "formulas": formula_strings,
    "unit": hostile_unit,
}
BYTE_MUTATIONS = {"truncate": truncate, "flip": flip_bytes}  # for .xls (not a zip)
# Mutations whose protection is at the writer (issue 10 items 4 and 5, another branch).
WRITER_KINDS = frozenset({"control", "unit"})


def mutants(seed: int, count: int, kinds: frozenset[str] | None = None) -> Iterator[Mutant]:
    """``count`` mutants of the samples, reproducible from ``seed``; only ``kinds`` if given."""
    rng = random.Random(seed)
    allowed = {k: f for k, f in ZIP_MUTATIONS.items() if kinds is None or k in kinds}
    for n in range(count):
        source = rng.choice(GOOD)
        data = source.read_bytes()
        applied = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            table = allowed if is_zip(data) else {k: f for k, f in BYTE_MUTATIONS.items() if k in allowed}
            if not table:
                break
            kind = rng.choice(sorted(table))
            try:
                data = table[kind](data, rng)
            except Exception:
                kind, data = "flip", flip_bytes(data, rng)  # an earlier mutation broke the zip
            applied.append(kind)
        yield Mutant(f"{n:05d}_{source.stem}{source.suffix}", data, tuple(applied), source.name)


# ---------------------------------------------------------------- archives

# Member names a zip may carry: GBK without the UTF-8 flag (written as CP437 text), climbing
# out, absolute, Windows separators and drives, control characters, very long, empty folders.
MEMBER_NAMES = [
    "叶县.xlsx",
    "2024年三季度/宝丰县报表.xlsx",
    "../../evil.xlsx",
    "/etc/evil.xlsx",
    "C:\\evil.xlsx",
    "a\\..\\..\\evil.xlsx",
    "__MACOSX/._叶县.xlsx",
    "~$叶县.xlsx",
    "x\x07y.xlsx",
    "长" * 200 + ".xlsx",
    "CON.xlsx",
    "dir/",
    "",
]


class _GbkName(zipfile.ZipInfo):
    """A member named by GBK bytes without the UTF-8 flag: zipfile would write UTF-8 and flag it."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        return self.filename.encode("gbk", "replace"), self.flag_bits & ~0x800


def _gbk_zip(parts: list[tuple[str, bytes]], rng: random.Random) -> bytes:
    """A zip whose names are GBK without the UTF-8 flag (as Chinese Windows writes them), or
    UTF-8 with it, chosen per member; duplicates and odd names are kept."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in parts:
                kind = _GbkName if rng.random() < 0.5 else zipfile.ZipInfo
                info = kind(name or "noname", (2024, 10, rng.randint(1, 28), 8, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, content)
    return out.getvalue()


def archive(workbooks: list[bytes], rng: random.Random) -> tuple[bytes, tuple[str, ...]]:
    """A zip of some workbooks under hostile names, maybe nested, maybe truncated or flipped."""
    kinds = ["names"]
    parts = [(rng.choice(MEMBER_NAMES), data) for data in workbooks]
    if rng.random() < 0.3:
        kinds.append("nested")
        inner = build([(rng.choice(MEMBER_NAMES) or "x.xlsx", workbooks[0])])
        parts.append(("内层.zip", inner if rng.random() < 0.7 else build([("更深.zip", inner)])))
    data = _gbk_zip(parts, rng)
    if rng.random() < 0.3:
        kinds.append("truncate")
        data = truncate(data, rng)
    elif rng.random() < 0.2:
        kinds.append("flip")
        data = flip_bytes(data, rng)
    return data, tuple(kinds)


def archive_mutants(seed: int, count: int) -> Iterator[Mutant]:
    """``count`` archives of sample workbooks (each a zip, some .7z-named zips and .rar junk)."""
    rng = random.Random(seed)
    for n in range(count):
        sources = rng.sample(GOOD, rng.randint(1, 3))
        data, kinds = archive([s.read_bytes() for s in sources], rng)
        suffix = rng.choice([".zip", ".zip", ".zip", ".7z", ".rar", ".ZIP"])
        yield Mutant(f"{n:05d}_archive{suffix}", data, kinds, "+".join(s.name for s in sources))
