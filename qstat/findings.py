"""A finding: one problem, at one place, with a stable rule code.

A module that finds problems declares the codes it may emit (``EMITS = Emits("F5-003", …)``,
plain data beside its checks) and makes every finding through that declaration:
``EMITS.finding("F5-003", At(sheet=…, cell=…), who=…, rate=…)``. The code is a literal at the
call (or in a table of literals the reader can grep), the message is the rule's template
(qstat/rules.py) filled with the parameters, and a code the module has not declared is refused
at once: the declaration cannot fall behind what the module emits. tests/test_rules_catalogue.py
checks that the declarations together cover the catalogue, and tests/test_rule_fixtures.py
triggers every code from an input of its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .rules import ERROR, RULES, Severity


@dataclass
class Finding:
    rule: str
    message: str  # Chinese, forwarded to the unit as it is
    file: str | None = None
    unit: str | None = None
    form: str | None = None  # F1..F7, SC, or None for intake findings
    sheet: str | None = None
    cell: str | None = None  # A1 reference as the clerk sees it in Excel
    value: str | None = None  # the raw value(s) involved, quoted
    # The catalogue's severity unless given; None only until __post_init__ fills it in.
    severity: Severity = None  # type: ignore[assignment]
    explanation: str | None = None  # the unit's 情况说明 for a warning (errors cannot be explained)
    params: dict[str, object] = field(default_factory=dict, compare=False, repr=False)  # of the message

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise KeyError(f"unknown rule {self.rule}")
        if self.severity is None:
            self.severity = RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def explained(self) -> bool:
        """A warning the unit has explained no longer counts against it."""
        return self.explanation is not None and not self.is_error

    def to_json(self) -> dict:
        d = asdict(self)
        return {
            k: d[k]
            for k in (
                "file",
                "unit",
                "form",
                "sheet",
                "cell",
                "rule",
                "severity",
                "message",
                "value",
                "explanation",
            )
        }


@dataclass(frozen=True)
class At:
    """A Finding's fields besides its rule and message: where it is, the raw value it is about,
    and a severity other than the rule's (rarely: IN007 when a formula cannot be recomputed)."""

    file: str | None = None
    unit: str | None = None
    form: str | None = None
    sheet: str | None = None
    cell: str | None = None
    value: str | None = None
    severity: Severity | None = None


class Emits:
    """The rule codes one module may emit, and the one way it makes their findings."""

    def __init__(self, *codes: str) -> None:
        unknown = [c for c in codes if c not in RULES]
        if unknown:
            raise KeyError(f"unknown rules {unknown}")
        self.codes = frozenset(codes)

    def finding(self, code: str, at: At | None = None, variant: str = "", /, **params: object) -> Finding:
        """A finding of a declared code; its message is the rule's template (or ``variant``)."""
        at = at or At()
        return Finding(
            code,
            self.message(code, variant, **params),
            file=at.file,
            unit=at.unit,
            form=at.form,
            sheet=at.sheet,
            cell=at.cell,
            value=at.value,
            severity=at.severity or RULES[code].severity,
            params=params,
        )

    def message(self, code: str, variant: str = "", /, **params: object) -> str:
        if code not in self.codes:
            raise KeyError(f"{code} is not among the codes this module declares (EMITS)")
        return RULES[code].text(variant, **params)


def a1(row: int, col: int) -> str:
    """0-based (row, col) to the A1 reference Excel shows."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
