"""The mark a template carries (a custom document property): for which period and unit it was
made, and by which template version.

qstat writes it (``qstat template``) and reads it back (read.template_mark): a workbook filled
in another period's template, or in an outdated one, is reported (IN004). Excel, WPS and
LibreOffice keep custom document properties when the clerk saves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .periods import Period

TEMPLATE_VERSION = 1  # raise when a template's layout or checks change in a way a reader must know
MARK_PROPERTY = "qstat_template"  # name of the custom document property
_MARK = re.compile(r"^qstat-template;period=(\w+);version=(\d+);unit=(.*)$")


@dataclass(frozen=True)
class TemplateMark:
    period: Period
    version: int
    unit: str

    def text(self) -> str:
        return f"qstat-template;period={self.period};version={self.version};unit={self.unit}"

    @classmethod
    def parse(cls, text: str | None) -> TemplateMark | None:
        """The mark a property's text holds; None for anything else (a clerk's own property)."""
        m = _MARK.match(text or "")
        if not m:
            return None
        try:
            return cls(Period.parse(m.group(1)), int(m.group(2)), m.group(3))
        except ValueError:
            return None
