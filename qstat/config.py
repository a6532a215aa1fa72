"""The consolidating office's configuration (qstat.toml): its name, level, units, aliases, identity,
limits."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .index_config import IndexSettings
from .places import place_name


def read_toml(path: Path | str) -> dict[str, Any]:
    """A TOML file's content. tomllib loads here, when a file is read: `qstat --help` and a
    `qstat check` without --config never need it."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    with open(path, "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Limits:
    """What one workbook may hold before it is read, and the largest figure it may state
    ([limits] in qstat.toml).

    A county workbook holds about 1,000 cells on 10 sheets in 150 KB; each default is at least
    a hundred times that, and together they keep a run far under 1.5 GB of memory. A file over
    a limit is IN001 (文件过大), the other files are read as usual.
    """

    max_file_mb: float = 50  # the file on disk; an archive, and each of its members unpacked
    max_uncompressed_mb: float = 100  # an .xlsx/.ods (or all of an archive) unpacked: declared and inflated
    max_sheets: int = 200
    max_rows: int = 100_000  # last row holding a value, per sheet
    max_columns: int = 2_000  # last column holding a value, per sheet
    max_cells: int = 1_000_000  # grid cells over all sheets (up to each sheet's last value)
    # The largest figure a form can hold: above it a cell is ST002, never summed, so every
    # sum and rate made from the figures is a finite number (1e308 would overflow them).
    max_count: float = 1e6  # 项数, 死亡人数
    max_area: float = 1e9  # 面积: 万㎡ in 附表5-7, ㎡ in 附表3/4
    max_cost: float = 1e9  # 造价, 经济损失 (万元)
    max_percent: float = 1e6  # 备案率, 满意率 (%)

    @classmethod
    def from_table(cls, table: dict) -> Limits:
        known = {f.name: f.type for f in fields(cls)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise ValueError(f"[limits] 中有未知的设置：{'、'.join(unknown)}")
        try:
            # each value converted to its own field's type (float or int)
            values: dict[str, Any] = {k: (float if known[k] == "float" else int)(v) for k, v in table.items()}
        except (TypeError, ValueError):
            values = {}
        if len(values) != len(table) or any(v <= 0 for v in values.values()):
            raise ValueError("[limits] 中的上限必须为正数")
        return cls(**values)


@dataclass
class Office:
    """Who signs the outputs ([office] in qstat.toml); every field may be left empty."""

    full_name: str = ""  # 落款 of letters and report: 平顶山市建设工程质量监督站
    statistician: str = ""  # 统计员 / 填表人 on the forms, 联系人 in letters
    approver: str = ""  # 批准人 on the forms
    phone: str = ""  # 联系电话 in letters
    recipient: str = ""  # the report's 主送机关: 河南省建设工程质量监督总站


@dataclass
class Anomalies:
    """How far a figure may move from the unit's own history before it is questioned
    ([anomalies] in qstat.toml, HS002/HS003). The defaults leave normal quarters quiet: a
    county's 新注册 going from 5 to 15 projects is ordinary, from 5 to 50 (or 3 万㎡ to 30000) is not."""

    jump_factor: float = 4.0  # HS002: above this many times the largest of the last four quarters
    jump_quarters: int = 2  # HS002: at least this many of those quarters recorded
    jump_min_count: float = 10  # ... and at least this far from it: 项数,
    jump_min_area: float = 10.0  # 万㎡,
    jump_min_cost: float = 10000.0  # 万元
    copy_min_changes: int = 1  # HS003: projects that entered or left 附表3/附表4 since last period

    @classmethod
    def load(cls, data: object, path: Path | str) -> Anomalies:
        return cls(**_thresholds(cls, "anomalies", data, path))


@dataclass
class Warnings:
    """When the report's 风险预警 names a unit or a company ([warnings] in qstat.toml). The
    defaults are the seeds': 用户满意率 of 90% and more (seed 002 附件2), any accident with a death,
    every HS002 and F3-005 warning not explained, a company recorded (附表1) in more than one quarter
    or unit within the last four quarters, 竣工验收合格率 below 100% (seed 002 附件2), any completed
    project not filed, any record of 擅自交付使用, any project at 停工. The seeds set no floor for
    a category's 备案率: 60% is the office's own (docs). ``due_day`` 0: no deadline, no 迟报 check;
    any other 0: off."""

    satisfaction_min: float = 90.0  # 满意率 below this (%), a unit's or the office's
    deaths_min: int = 1  # a unit whose accidents killed at least this many
    anomalies_min: int = 1  # a unit with at least this many HS002 warnings (0: not listed)
    vanished_min: int = 1  # a unit with at least this many F3-005 projects (0: not listed)
    repeat_min: int = 2  # a company with 附表1 records in at least this many quarters or units
    repeat_quarters: int = 4  # ... within this many quarters up to the report's (the year's for a year)
    due_day: int = 0  # a 报送日期 after this day of the month after the quarter is 迟报 (0: unchecked)
    acceptance_min: float = 100.0  # 竣工验收合格率 (附表4) below this (%), seed 002 附件2 (0: off)
    unfiled_min: int = 1  # a unit with at least this many 附表4 projects not filed (未备案)
    delivery_min: int = 1  # ... this many 附表1/附表2 records of 擅自交付使用/未组织竣工验收
    stopped_min: int = 1  # ... this many 附表3 projects at 停工 (形象进度)
    category_filing_min: float = 60.0  # a 附表6 category whose 备案率 (项数) is below this (%)

    @classmethod
    def load(cls, data: object, path: Path | str) -> Warnings:
        """The command-line contract's example qstat.toml spells 满意率's threshold
        ``satisfaction_below``: accepted as ``satisfaction_min``, the name the rest of [warnings]
        follows (both given: an error)."""
        if isinstance(data, dict) and SATISFACTION_BELOW in data:
            if "satisfaction_min" in data:
                raise ValueError(f"{path}：[warnings] satisfaction_below 与 satisfaction_min 只能写一个")
            data = {("satisfaction_min" if k == SATISFACTION_BELOW else k): v for k, v in data.items()}
        return cls(**_thresholds(cls, "warnings", data, path))


SATISFACTION_BELOW = "satisfaction_below"  # the contract's spelling of Warnings.satisfaction_min


def _thresholds(cls: Any, table: str, data: object, path: Path | str) -> dict[str, Any]:
    """A table of non-negative numbers, each of its field's type; ValueError naming what is wrong."""
    if not isinstance(data, dict):
        raise ValueError(f"{path}：[{table}] 应为一个表")
    unknown = sorted(set(data) - {f.name for f in fields(cls)})
    if unknown:
        raise ValueError(f"{path}：[{table}] 中没有“{'、'.join(unknown)}”这一项")
    values = {}
    for key, value in data.items():
        kind = type(getattr(cls, key))
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or value < 0
            or (kind is int and value != int(value))
        ):
            raise ValueError(
                f"{path}：[{table}] {key} 应为非负{'整数' if kind is int else '数'}，而不是 {value!r}"
            )
        values[key] = kind(value)
    return values


@dataclass
class Public:
    """[public] in qstat.toml: the half-year and annual public report (第五条, 第十五条)."""

    name_companies: bool = False  # print company names (不良行为记录, 行政处罚); the default names none

    @classmethod
    def load(cls, data: object, path: Path | str) -> Public:
        if not isinstance(data, dict):
            raise ValueError(f"{path}：[public] 应为一个表（name_companies）")
        unknown = sorted(set(data) - set(cls.__dataclass_fields__))
        if unknown:
            raise ValueError(f"{path}：[public] 中没有“{'、'.join(unknown)}”这一项")
        value = data.get("name_companies", False)
        if not isinstance(value, bool):
            raise ValueError(f"{path}：[public] name_companies 应为 true 或 false，而不是 {value!r}")
        return cls(value)


@dataclass
class Config:
    name: str = ""  # 填表单位 printed on the consolidated forms
    level: str = "city"  # county | city | province
    units: list[str] = field(default_factory=list)  # in the order the forms list them
    aliases: dict[str, str] = field(default_factory=dict)  # name a clerk writes -> unit
    office: Office = field(default_factory=Office)
    score_sheet: str = ""  # the score sheet sent down in templates: a built-in spec id or a .toml file
    limits: Limits = field(default_factory=Limits)  # what one workbook may hold
    anomalies: Anomalies = field(default_factory=Anomalies)  # HS002/HS003 thresholds
    warnings: Warnings = field(default_factory=Warnings)  # the report's 风险预警 thresholds
    serve_password: str = ""  # [serve] password: what `qstat serve` asks for on a non-local address
    index: IndexSettings = field(default_factory=IndexSettings)  # [index]: the 质量指数's weights
    public: Public = field(default_factory=Public)  # [public]: the public report

    @property
    def signature(self) -> str:
        """The name a letter or the report is signed with: the full name, else the short one."""
        return self.office.full_name or self.name

    @classmethod
    def load(cls, path: Path | str) -> Config:
        data = read_toml(path)
        office, serve = data.get("office", {}), data.get("serve", {})
        if not isinstance(office, dict):
            raise ValueError(
                f"{path}：[office] 应为一个表（full_name、statistician、approver、phone、recipient）"
            )
        if not isinstance(serve, dict):
            raise ValueError(f"{path}：[serve] 应为一个表（password）")
        return cls(
            name=str(data.get("name", "")),
            level=str(data.get("level", "city")),
            units=[str(u) for u in data.get("units", [])],
            aliases={str(k): str(v) for k, v in data.get("aliases", {}).items()},
            office=Office(**{k: str(office.get(k, "")) for k in Office.__dataclass_fields__}),
            score_sheet=str(data.get("score_sheet", "")),
            limits=Limits.from_table(data.get("limits", {})),
            anomalies=Anomalies.load(data.get("anomalies", {}), path),
            warnings=Warnings.load(data.get("warnings", {}), path),
            serve_password=str(serve.get("password", "")),
            index=IndexSettings.load(data.get("index", {}), path),
            public=Public.load(data.get("public", {}), path),
        )

    def match_unit(self, text: str) -> str | None:
        """The unit a text names: the longest unit name or alias it contains.

        Without configured units every name is accepted, less the office it names
        (叶县住房和城乡建设局 → 叶县).
        """
        text = re.sub(r"\s+", "", text or "")
        if not text:
            return None
        if not self.units:
            return place_name(text)
        names = {u: u for u in self.units} | {a: u for a, u in self.aliases.items()}
        hits = [name for name in names if name and name in text]
        return names[max(hits, key=len)] if hits else None
