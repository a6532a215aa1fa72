"""Files shipped inside the package (templates, score specs, fonts), found the same way in a
checkout, an editable install and an installed wheel."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource(package: str, *parts: str) -> Path:
    """The path of a file or folder shipped in ``package`` (wheels install them as files)."""
    return Path(str(files(package).joinpath(*parts)))
