"""Every output qstat writes, each writer beside its resources; a new output goes here.

- forms_workbook.py (layout.py): the consolidated forms; findings_workbook.py; summary.py
- returns.py: what goes back to a unit (退回): its marked copy (marked_package.py), the 审核意见
- history_table.py: `qstat history`; ranking.py: the `qstat scores` workbook
- template.py: `qstat template` (its version mark is qstat/template_mark.py, shared with read.py)
- report/: the analysis report (`qstat report`), with its templates/ and fonts/
- safe.py: text and names from the units made safe to write, for all of the above

A consolidation's outputs are staged and swapped in as one set (outputs.py): an interrupted
or failed run leaves the previous set whole. One resource stays outside on purpose: the
repository's top-level templates/ (the 审核意见 letter an office may edit, shipped as the
package qstat.templates) is where the users were told to find it.
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
