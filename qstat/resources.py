"""Files shipped inside the package (templates, score specs, fonts), found the same way in a
checkout, an editable install and an installed wheel."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The repository's templates/ ships as the package qstat.templates (pyproject's package-dir).
# `python -m qstat` run from a checkout imports qstat from the folder, where that mapping does
# not exist, so the folder beside the package stands in for it.
_CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def resource(package: str, *parts: str) -> Path:
    """The path of a file or folder shipped in ``package`` (wheels install them as files)."""
    try:
        return Path(str(files(package).joinpath(*parts)))
    except ModuleNotFoundError:
        if package != "qstat.templates":
            raise
        return _CHECKOUT_TEMPLATES.joinpath(*parts)
