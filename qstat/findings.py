"""A finding: one problem, at one place, with a stable rule code."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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


def a1(row: int, col: int) -> str:
    """0-based (row, col) to the A1 reference Excel shows."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"
