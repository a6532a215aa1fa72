"""How a score sheet (考核评分表 / 自评打分表) is declared: a TOML file per official sheet.

The TOML transcribes the sheet as published: sections (考核对象) with their points, items
with their max (分值) and the rule that says which scores are possible ("记6分，不满足一项扣2分，
扣完为止，不倒扣分" is ``max = 6, step = 2``; "记1.5分；…记1.5分" is ``parts = [1.5, 1.5]``),
bonus items (激励项) with a cap, veto items (否决项) and fixed deductions (扣分项), and the
ranking rule. docs/scores.md describes the format; the built-in specs are in ``specs/``.

The built-in specs are also shipped as ``specs/builtin.json``, the same data made from the TOML
files by ``python -m qstat.scores.make_specs`` (a test fails when it differs from them): Python's
TOML reader is pure Python and takes ~15 times as long as its JSON reader, and `qstat check`
reads every spec for any workbook with a score sheet.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..config import read_toml
from ..resources import resource

SPECS_DIR = resource("qstat.scores", "specs")
BUILTIN_JSON = SPECS_DIR / "builtin.json"  # {file stem: the TOML file's data}, in file-name order
SCORE, BONUS, VETO, DEDUCTION = "score", "bonus", "veto", "deduction"
KINDS = (SCORE, BONUS, VETO, DEDUCTION)
TOLERANCE = 0.005  # scores are written to 0.5 or 0.1 point: anything closer is equal


@dataclass(frozen=True)
class Item:
    id: str  # "2.3": section number, item number, as the ranking matrix prints them
    name: str  # 考核要点 / 评分内容 short name (工作部署)
    text: str  # 评分标准 as published; name + text are matched against the sheet's rows
    max: float  # 分值; the cap of a bonus item; the points of one deduction
    kind: str = SCORE
    step: float | None = None  # 不满足一项扣 step 分 (a bonus: in steps of step)
    parts: tuple[float, ...] = ()  # 记a分；…记b分: any sum of these parts
    floor: float = 0.0  # 扣完为止，不倒扣分

    def reachable(self, value: float) -> bool:
        """Whether the rule can give this score (SC003); True when the rule is free."""
        if self.parts:
            return any(abs(value - s) < TOLERANCE for s in self.part_sums)
        if not self.step:
            return True
        start = 0.0 if self.kind in (BONUS, DEDUCTION) else self.max
        steps = abs(start - value) / self.step
        return abs(steps - round(steps)) < TOLERANCE or abs(value - self.floor) < TOLERANCE

    @cached_property
    def part_sums(self) -> set[float]:
        return {
            round(sum(c), 4)
            for n in range(len(self.parts) + 1)
            for c in itertools.combinations(self.parts, n)
        }

    @property
    def label(self) -> str:
        """The short name printed in the ranking; an unnamed item's first phrase."""
        return self.name or self.text.split("。")[0][:16]


@dataclass(frozen=True)
class Section:
    name: str  # 考核对象 (建设主管部门)
    max: float  # its points (50分); 0 for a section of veto / deduction items
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Grade:
    name: str  # A / B / C / D
    min: float  # lowest total for this grade


@dataclass(frozen=True)
class ScoreSpec:
    id: str  # file stem, e.g. henan-affordable-housing-supervision
    title: str  # official title
    source: str  # where the sheet was transcribed from
    max: float  # total of the score items (100)
    unit: str  # 分 or %
    sections: tuple[Section, ...]
    reason_required: bool = False  # SC006: a deduction needs its 评分依据
    grades: tuple[Grade, ...] = ()
    veto_grade: str = "D"
    advanced: int = 5  # 前五名为先进单位
    interview: int = 3  # 后三名约谈

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def highest(self) -> float:
        """The highest possible total: the score items plus every bonus at its cap."""
        return self.max + sum(i.max for i in self.items if i.kind == BONUS)

    def grade(self, total: float, vetoed: bool) -> str:
        if vetoed:
            return self.veto_grade
        return next((g.name for g in self.grades if total >= g.min - TOLERANCE), "")


def load_spec(path: Path | str) -> ScoreSpec:
    """Read one spec; raises ValueError when its points do not add up (a transcription slip)."""
    path = Path(path)
    return spec_from_data(read_toml(path), path.stem, path.name)


def spec_from_data(data: dict[str, Any], spec_id: str, name: str) -> ScoreSpec:
    """The spec a TOML file's ``data`` declares (``name`` is the file's, for the errors)."""
    sections = []
    for s_no, s in enumerate(data["sections"], 1):
        items = []
        for i_no, raw in enumerate(s["items"], 1):
            kind = raw.get("kind", SCORE)
            if kind not in KINDS:
                raise ValueError(f"{name}: item {raw.get('name')}: unknown kind {kind}")
            items.append(
                Item(
                    f"{s_no}.{i_no}",
                    raw.get("name", ""),
                    raw.get("text", ""),
                    float(raw["max"]),
                    kind,
                    raw.get("step"),
                    tuple(float(p) for p in raw.get("parts", ())),
                    float(raw.get("floor", 0)),
                )
            )
        section = Section(s["name"], float(s.get("max", 0)), tuple(items))
        points = sum(i.max for i in items if i.kind == SCORE)
        if abs(points - section.max) > TOLERANCE:
            raise ValueError(
                f"{name}: section {section.name}: items give {points:g}, section says {section.max:g}"
            )
        sections.append(section)
    ranking = data.get("ranking", {})
    spec = ScoreSpec(
        id=spec_id,
        title=data["title"],
        source=data.get("source", ""),
        max=float(data["max"]),
        unit=data.get("unit", "分"),
        sections=tuple(sections),
        reason_required=bool(data.get("reason_required", False)),
        grades=tuple(
            sorted(
                (Grade(g["grade"], float(g["min"])) for g in ranking.get("grades", [])), key=lambda g: -g.min
            )
        ),
        veto_grade=ranking.get("veto_grade", "D"),
        advanced=int(ranking.get("advanced", 5)),
        interview=int(ranking.get("interview", 3)),
    )
    total = sum(s.max for s in spec.sections)
    if abs(total - spec.max) > TOLERANCE:
        raise ValueError(f"{name}: sections give {total:g}, max says {spec.max:g}")
    return spec


@functools.cache
def builtin_specs() -> tuple[ScoreSpec, ...]:
    """The specs shipped with qstat, in file-name order (read once per process, from
    ``builtin.json``)."""
    import json  # here: the check of a workbook without a score sheet never reads them (~2 ms)

    data = json.loads(BUILTIN_JSON.read_text(encoding="utf-8"))
    return tuple(spec_from_data(data[stem], stem, f"{stem}.toml") for stem in sorted(data))
