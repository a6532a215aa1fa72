"""summary.json, written as the Result states it (``Result.summary``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..result import Result


def write_summary(path: Path, result: Result) -> Path:
    # A file name the file system gave undecoded (surrogate escapes) is written as its JSON escape.
    path.write_text(
        json.dumps(result.summary(), ensure_ascii=False, indent=2),
        encoding="utf-8",
        errors="backslashreplace",
    )
    return path
