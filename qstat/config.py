"""The consolidating office's configuration (qstat.toml): its name, level, units, aliases, identity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


# What follows the place name on a 填表单位 line: the office, not the unit.
_OFFICE = re.compile(r"(人民政府)?(住房和城乡建设局|住房城乡建设局|住建局|城乡建设局|建设局|"
                     r"建设工程质量(安全)?监督(站|中心)|质量监督站|质监站)(（.*?）|\(.*?\))?$")


@dataclass
class Office:
    """Who signs the outputs ([office] in qstat.toml); every field may be left empty."""

    full_name: str = ""  # 落款 of letters and report: 平顶山市建设工程质量监督站
    statistician: str = ""  # 统计员 / 填表人 on the forms, 联系人 in letters
    approver: str = ""  # 批准人 on the forms
    phone: str = ""  # 联系电话 in letters


@dataclass
class Config:
    name: str = ""  # 填表单位 printed on the consolidated forms
    level: str = "city"  # county | city | province
    units: list[str] = field(default_factory=list)  # in the order the forms list them
    aliases: dict[str, str] = field(default_factory=dict)  # name a clerk writes -> unit
    office: Office = field(default_factory=Office)
    score_sheet: str = ""  # the score sheet sent down in templates: a built-in spec id or a .toml file
    serve_password: str = ""  # [serve] password: what `qstat serve` asks for on a non-local address

    @property
    def signature(self) -> str:
        """The name a letter or the report is signed with: the full name, else the short one."""
        return self.office.full_name or self.name

    @classmethod
    def load(cls, path: Path | str) -> Config:
        with open(path, "rb") as f:
            data = tomllib.load(f)
        office, serve = data.get("office", {}), data.get("serve", {})
        if not isinstance(office, dict):
            raise ValueError(f"{path}：[office] 应为一个表（full_name、statistician、approver、phone）")
        if not isinstance(serve, dict):
            raise ValueError(f"{path}：[serve] 应为一个表（password）")
        return cls(name=str(data.get("name", "")), level=str(data.get("level", "city")),
                   units=[str(u) for u in data.get("units", [])],
                   aliases={str(k): str(v) for k, v in data.get("aliases", {}).items()},
                   office=Office(**{k: str(office.get(k, "")) for k in Office.__dataclass_fields__}),
                   score_sheet=str(data.get("score_sheet", "")),
                   serve_password=str(serve.get("password", "")))

    def match_unit(self, text: str) -> str | None:
        """The unit a text names: the longest unit name or alias it contains.

        Without configured units every name is accepted, less the office it names
        (叶县住房和城乡建设局 → 叶县).
        """
        text = re.sub(r"\s+", "", text or "")
        if not text:
            return None
        if not self.units:
            return _OFFICE.sub("", text) or text
        names = {u: u for u in self.units} | {a: u for a, u in self.aliases.items()}
        hits = [name for name in names if name and name in text]
        return names[max(hits, key=len)] if hits else None
