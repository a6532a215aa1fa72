"""qstat: consolidate the Henan construction-quality statistics workbooks (附表1-7).

import qstat
result = qstat.consolidate("inbox/2024Q3", "2024Q3", config="qstat.toml", out="out/2024Q3")
result.summary()      # what summary.json holds
result.exit_code      # 0 clean, 1 errors found, 2 nothing readable
"""

import sys
from types import ModuleType
from typing import TYPE_CHECKING

from .lazy import lazy_exports

if TYPE_CHECKING:
    from .config import Config
    from .consolidate import consolidate
    from .periods import Period
    from .result import Result

__all__ = ["Config", "Period", "Result", "consolidate"]
__version__ = "0.1.0"


# Loaded when first asked for: `qstat --help` imports none of them.
__getattr__ = lazy_exports(
    __name__, {"Config": ".config", "Period": ".periods", "consolidate": ".consolidate", "Result": ".result"}
)


class _Package(ModuleType):
    """``qstat.consolidate`` stays the function when the submodule of that name is imported
    (the import binds the submodule to the package)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "consolidate" and isinstance(value, ModuleType):
            value = value.consolidate
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
