"""The consolidating office's configuration (qstat.toml): its name, level, units, aliases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass
class Config:
    name: str = ""  # 填表单位 printed on the consolidated forms
    level: str = "city"  # county | city | province
    units: list[str] = field(default_factory=list)  # in the order the forms list them
    aliases: dict[str, str] = field(default_factory=dict)  # name a clerk writes -> unit

    @classmethod
    def load(cls, path: Path | str) -> Config:
        with open(path, "rb") as f:
            data = tomllib.load(f)
        return cls(name=str(data.get("name", "")), level=str(data.get("level", "city")),
                   units=[str(u) for u in data.get("units", [])],
                   aliases={str(k): str(v) for k, v in data.get("aliases", {}).items()})

    def match_unit(self, text: str) -> str | None:
        """The unit a text names: the longest unit name or alias it contains.

        Without configured units every name is accepted as it is written.
        """
        text = re.sub(r"\s+", "", text or "")
        if not text:
            return None
        if not self.units:
            return text
        names = {u: u for u in self.units} | {a: u for a, u in self.aliases.items()}
        hits = [name for name in names if name and name in text]
        return names[max(hits, key=len)] if hits else None
