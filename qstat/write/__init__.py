"""Outputs: the consolidated forms workbook, the findings workbook, summary.json, 退回/.

They are staged and swapped in as one set (outputs.py): an interrupted or failed run leaves
the previous set whole.
"""

from __future__ import annotations

from .findings_workbook import write_findings_workbook
from .forms_workbook import write_forms_workbook
from .outputs import OutputBusy, OutputError, atomic_outputs

__all__ = ["OutputBusy", "OutputError", "atomic_outputs", "write_findings_workbook", "write_forms_workbook"]
