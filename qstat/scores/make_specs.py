"""Regenerate ``specs/builtin.json`` from the built-in specs' TOML files (the source: edit
those, then run this; tests/test_scores.py fails while the two differ).

    python -m qstat.scores.make_specs
"""

from __future__ import annotations

import json
from typing import Any

from ..config import read_toml
from .spec import BUILTIN_JSON, SPECS_DIR


def toml_data() -> dict[str, Any]:
    """Every built-in spec's TOML data by file stem, in file-name order."""
    return {path.stem: read_toml(path) for path in sorted(SPECS_DIR.glob("*.toml"))}


def main() -> None:
    text = json.dumps(toml_data(), ensure_ascii=False, indent=1)
    BUILTIN_JSON.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {BUILTIN_JSON}")


if __name__ == "__main__":
    main()
