"""summary.json as docs/commands.md describes it, field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..forms.statistics import VOLUMES, CategoryRow, StatisticsRow, Volume

if TYPE_CHECKING:
    from ..consolidate import Result
    from ..intake import Submission


def summary_json(result: Result) -> dict:
    totals: dict = {result.statistics_form: statistics_json(result.total)}
    totals["F6"] = {c: category_json(row) for c, row in result.categories.items()}
    for code in ("F1", "F2", "F3", "F4"):
        totals[code] = {"rows": sum(s.row_counts.get(code, 0) for s in result.submissions
                                    if s.included)}
    return {
        "period": str(result.period),
        "office": result.office,
        "submissions": [submission_json(s) for s in result.submissions],
        "missing_units": result.missing_units,
        "findings": [f.to_json() for f in result.findings],
        "totals": totals,
        "scores": result.scores.to_json() if result.scores else None,
    }


def submission_json(s: Submission) -> dict:
    """A file's entry; ``revision`` only when it replaces another version of the unit's workbook."""
    entry = {"file": s.file, "unit": s.unit, "status": s.status, "included": s.included,
             "errors": s.errors, "warnings": s.warnings, "explained": s.explained}
    if s.revision is not None:
        entry["revision"] = s.revision.to_json()
    return entry


def write_summary(path: Path, result: Result) -> Path:
    # A file name the file system gave undecoded (surrogate escapes) is written as its JSON escape.
    path.write_text(json.dumps(summary_json(result), ensure_ascii=False, indent=2),
                    encoding="utf-8", errors="backslashreplace")
    return path


def _number(value: float | None, digits: int) -> float | int | None:
    if value is None:
        return None
    value = round(value, digits)
    return int(value) if digits == 0 else value


def volume_json(v: Volume) -> dict:
    return {"count": _number(v.count, 0), "area": _number(v.area, 4), "cost": _number(v.cost, 4)}


def statistics_json(row: StatisticsRow) -> dict:
    data = {name: volume_json(getattr(row, name)) for name in VOLUMES}
    data["filing_rate"] = {"count": _number(row.filing_rate.count, 1),
                           "area": _number(row.filing_rate.area, 1)}
    data["satisfaction_rate"] = _number(row.satisfaction_rate, 1)
    data["accidents"] = {"count": _number(row.accidents.count, 0),
                         "deaths": _number(row.accidents.deaths, 0),
                         "loss": _number(row.accidents.loss, 4)}
    return data


def category_json(row: CategoryRow) -> dict:
    return {"new": volume_json(row.new), "completed": volume_json(row.completed),
            "filed": volume_json(row.filed), "in_progress": volume_json(row.in_progress),
            "filing_rate": _number(row.filing_rate, 1)}
