"""Outputs: the consolidated forms workbook, the findings workbook, summary.json, 退回/.

They are staged and swapped in as one set (outputs.py): an interrupted or failed run leaves
the previous set whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports
from .outputs import OutputBusy, OutputError, atomic_outputs

if TYPE_CHECKING:
    from .findings_workbook import write_findings_workbook
    from .forms_workbook import write_forms_workbook

__all__ = ["OutputBusy", "OutputError", "atomic_outputs", "write_findings_workbook", "write_forms_workbook"]
__getattr__ = lazy_exports(
    __name__,
    {"write_findings_workbook": ".findings_workbook", "write_forms_workbook": ".forms_workbook"},
)
