"""Names a package exports but loads on first use (PEP 562), so that a command imports only
what it runs: `qstat check` never loads the xlsxwriter writers, `qstat --help` not even the
readers."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def lazy_exports(package: str, names: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that imports ``names[name]`` (a submodule, relative to
    ``package``) when ``name`` is first asked for."""

    def __getattr__(name: str) -> object:
        if name not in names:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(names[name], package), name)

    return __getattr__
