"""What a consolidation found and wrote: the Result, complete when built, and summary.json.

A leaf module: the writers, the history and the CLI read a Result; only ``consolidate``
builds one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .decided import Decided
from .findings import Finding
from .forms import LIST_FORMS
from .forms.statistics import VOLUMES, CategoryRow, StatisticsRow, Volume
from .intake import ERRORS, OK
from .periods import Period
from .rules import WARNING, Status
from .scores.rank import Ranking


@dataclass(frozen=True)
class Tally:
    """The counts a run reports: files by status, findings by severity, units in the totals."""

    files: dict[Status, int]
    errors: int
    warnings: int  # still open: explained warnings are counted apart
    explained: int
    included_units: int


@dataclass(frozen=True)
class Result:
    """What a consolidation found and wrote; ``summary()`` is summary.json."""

    period: Period
    office: str
    submissions: list[Decided]
    missing_units: list[str]
    findings: list[Finding]  # every finding, by unit in form order, errors first
    units: list[str]  # the units in form order (configuration order, then others)
    statistics: dict[str, StatisticsRow | None]  # unit -> F5 (F7 for a year) figures
    total: StatisticsRow  # the office's total, rates recomputed
    categories: dict[str, CategoryRow]  # F6 summed over the included units
    scores: Ranking | None = None  # the self-score sheets ranked (None: no unit sent one)
    outputs: dict[str, Path] = field(default_factory=dict)  # output key -> path written

    @property
    def statistics_form(self) -> str:
        return self.period.statistics_form

    @property
    def exit_code(self) -> int:
        """0 no errors; 1 some submission has errors; 2 nothing readable."""
        if not any(s.status in (OK, ERRORS) for s in self.submissions):
            return 2
        return 1 if any(f.is_error for f in self.findings) else 0

    @property
    def tally(self) -> Tally:
        return Tally(
            files={s: sum(sub.status == s for sub in self.submissions) for s in Status},
            errors=sum(f.is_error for f in self.findings),
            warnings=sum(f.severity == WARNING and not f.explained for f in self.findings),
            explained=sum(f.explained for f in self.findings),
            included_units=len({s.unit for s in self.submissions if s.included}),
        )

    def summary(self) -> dict:
        """summary.json as docs/commands.md describes it, field by field."""
        totals: dict = {self.statistics_form: statistics_json(self.total)}
        totals["F6"] = {c: category_json(row) for c, row in self.categories.items()}
        for code in LIST_FORMS:
            totals[code] = {"rows": sum(s.row_counts.get(code, 0) for s in self.submissions if s.included)}
        return {
            "period": str(self.period),
            "office": self.office,
            "submissions": [submission_json(s) for s in self.submissions],
            "missing_units": self.missing_units,
            "findings": [f.to_json() for f in self.findings],
            "totals": totals,
            "scores": self.scores.to_json() if self.scores else None,
        }


def submission_json(s: Decided) -> dict:
    """A file's entry; ``revision`` only when it replaces another version of the unit's workbook."""
    entry: dict[str, object] = {
        "file": s.file,
        "unit": s.unit,
        "status": s.status,
        "included": s.included,
        "errors": s.errors,
        "warnings": s.warnings,
        "explained": s.explained,
    }
    if s.revision is not None:
        entry["revision"] = s.revision.to_json()
    return entry


def _number(value: float | None, digits: int) -> float | int | None:
    if value is None:
        return None
    value = round(value, digits)
    return int(value) if digits == 0 else value


def volume_json(v: Volume) -> dict:
    return {"count": _number(v.count, 0), "area": _number(v.area, 4), "cost": _number(v.cost, 4)}


def statistics_json(row: StatisticsRow) -> dict:
    data: dict[str, object] = {name: volume_json(getattr(row, name)) for name in VOLUMES}
    data["filing_rate"] = {
        "count": _number(row.filing_rate.count, 1),
        "area": _number(row.filing_rate.area, 1),
    }
    data["satisfaction_rate"] = _number(row.satisfaction_rate, 1)
    data["accidents"] = {
        "count": _number(row.accidents.count, 0),
        "deaths": _number(row.accidents.deaths, 0),
        "loss": _number(row.accidents.loss, 4),
    }
    return data


def category_json(row: CategoryRow) -> dict:
    return {
        "new": volume_json(row.new),
        "completed": volume_json(row.completed),
        "filed": volume_json(row.filed),
        "in_progress": volume_json(row.in_progress),
        "filing_rate": _number(row.filing_rate, 1),
    }
