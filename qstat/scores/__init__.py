"""Self-score sheets (考核评分表 / 自评打分表): read, check (SC001-SC010), total and rank.

``rank_inbox`` is ``qstat scores``; ``consolidate`` ranks the sheets of the workbooks it has
already read (each examined file carries its ``score``) with ``rank_submissions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..findings import Finding
from ..intake import ERRORS, OK, decide, discover, ignore_reason, resolve_duplicates
from ..lazy import lazy_exports
from ..model import Examined, ScoreSheet
from .spec import ScoreSpec, builtin_specs, load_spec

if TYPE_CHECKING:
    from ..decided import Decided
    from ..write.ranking import write_ranking_workbook as write_ranking_workbook
    from .rank import Ranking as Ranking
    from .rank import UnitScore as UnitScore
    from .sheet import read_score_sheet as read_score_sheet

__all__ = [
    "Ranking",
    "ScoreSheet",
    "ScoreSpec",
    "UnitScore",
    "builtin_specs",
    "load_spec",
    "rank_inbox",
    "rank_submissions",
    "read_score_sheet",
    "write_ranking_workbook",
]
# The sheet reader loads when asked for (the reports need only the specs); the ranking when units
# are ranked; the writers (and xlsxwriter) when a ranking is written: `qstat check` reads score
# sheets, and neither ranks nor writes.
__getattr__ = lazy_exports(
    __name__,
    {
        "read_score_sheet": ".sheet",
        "Ranking": ".rank",
        "UnitScore": ".rank",
        "write_ranking_workbook": "..write.ranking",
    },
)


def rank_submissions(
    subs: Sequence[Examined], units: list[str], specs: tuple[ScoreSpec, ...] | None = None
) -> Ranking | None:
    """The ranking of the submissions that count (one per unit); None when no file has a
    score sheet. ``units`` gives the order of the unranked rows (configuration order)."""
    from .rank import rank_units

    chosen = {s.unit: s for s in subs if s.unit and s.status in (OK, ERRORS)}
    if not any(s.score for s in chosen.values()):
        return None
    order = list(units) + sorted(u for u in chosen if u not in units)
    entries = [
        (u, chosen[u].file if u in chosen else None, chosen[u].score if u in chosen else None) for u in order
    ]
    findings = [f for u in order if u in chosen for f in chosen[u].findings if f.form == "SC"]
    return rank_units(entries, builtin_specs() if specs is None else specs, findings)


def rank_inbox(
    inbox: str | Path,
    config: Config | str | Path | None = None,
    sheet: str | None = None,
    out: str | Path | None = None,
    specs: tuple[ScoreSpec, ...] | None = None,
    today: date | None = None,
) -> tuple[Ranking | None, list[Decided]]:
    """Read the score sheet of every workbook under ``inbox`` and rank the units.

    ``sheet`` names the sheet holding the score sheet (else it is found by its header);
    with ``out`` the ranking workbook ``<office>_考核评分排名.xlsx`` is written there, dated
    ``today`` (default the machine's date).
    Returns the ranking (None when no workbook has a score sheet) and the submissions read.
    """
    inbox = Path(inbox)
    if not isinstance(config, Config):
        config = Config.load(config) if config else Config()
    examined = [
        _examine(path, str(path.relative_to(inbox)), config, sheet, specs)
        for path in discover(inbox)
        if not ignore_reason(path, inbox)
    ]
    duplicates = resolve_duplicates(examined)
    subs = [decide(s, duplicates, config) for s in examined]
    ranking = rank_submissions(subs, config.units, specs)
    if out is not None and ranking is not None:
        from ..write import atomic_outputs
        from ..write.ranking import write_ranking_workbook
        from ..write.safe import safe_name

        name = f"{safe_name(config.name, '汇总')}_考核评分排名.xlsx"
        with atomic_outputs(Path(out)) as staged:
            write_ranking_workbook(staged(name), ranking, config.signature, day=today or date.today())
    return ranking, subs


def _examine(
    path: Path, file: str, config: Config, sheet: str | None, specs: tuple[ScoreSpec, ...] | None
) -> Examined:
    """One workbook's unit and score sheet (the forms are not parsed here), opened by the
    front end every command shares, under its error policy."""
    from ..opening import closing, guarded, open_file
    from .sheet import read_score_sheet

    opened, tables = open_file(path, file, None, config)
    if tables is None:
        return Examined(**closing(opened))
    workbook, found = tables
    scored = guarded(file, lambda: read_score_sheet(workbook, found.score_sheets, sheet, specs))
    if isinstance(scored, Finding):
        return Examined(**closing(opened, failure=scored))
    score, findings = scored
    return Examined(**closing(opened, [*opened.findings, *findings]), score=score)
