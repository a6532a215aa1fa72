"""Text and names from the units' workbooks made safe to write.

``safe_text``: what a workbook cell held may contain characters XML 1.0 cannot carry (a BEL
pasted into a figure, a lone surrogate from an old .xls); openpyxl refuses to save them and
Word refuses to open a document holding them. Every cell, comment and document qstat writes
passes its text through here; a removed character shows as � so the clerk sees where it was.

``safe_name``: a unit name read from a 填表单位 line (or an office name) becomes part of a file
name; it must never become a path (``../../evil``) or a name Windows cannot create (``CON``,
a trailing dot).
"""

from __future__ import annotations

import dataclasses
import re

REPLACEMENT = "\ufffd"  # �
# Characters XML 1.0 forbids (tab, line feed and carriage return are allowed), lone
# surrogates, and the two non-characters U+FFFE / U+FFFF.
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Characters Windows forbids in a file name (separators and control characters among them).
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
NAME_LENGTH = 40  # characters: with a suffix like _审核标注.xlsx well under 255 bytes in UTF-8


def safe_text(text: str) -> str:
    """``text`` with every character XML cannot carry shown as �."""
    return _UNSAFE_TEXT.sub(REPLACEMENT, text)


def safe_values(value):
    """``value`` with every string in it (through dicts, lists, tuples, dataclasses) made safe."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, dict):
        return {k: safe_values(v) for k, v in value.items()}
    if isinstance(value, list):
        return [safe_values(v) for v in value]
    if type(value) is tuple:
        return tuple(safe_values(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{f.name: safe_values(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init},
        )
    return value


def safe_name(name: str, fallback: str = "未命名") -> str:
    """``name`` as one file-name component: no separators or characters Windows forbids (each
    becomes _), no leading or trailing dots and spaces, not a reserved device name, at most
    NAME_LENGTH characters; ``fallback`` when nothing is left."""
    name = _UNSAFE_NAME.sub("_", safe_text(name).replace(REPLACEMENT, "_"))
    name = name[:NAME_LENGTH].strip(". _") or fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return name
