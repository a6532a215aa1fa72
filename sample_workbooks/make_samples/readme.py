"""sample_workbooks/README.md: README.md.template with the generated figures filled in."""

from __future__ import annotations

from pathlib import Path
from string import Template

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from .city import SEED, c2f
from .figures import f5_of
from .scores import score_ranking
from .workbook import SEVERITY

# --------------------------------------------------------------------------- README


def cell_ranges(cells: list[str]) -> str:
    """['T8','U8','V8','T9'] -> 'T8:V8, T9'."""
    parsed = sorted(
        (coordinate_from_string(c)[1], column_index_from_string(coordinate_from_string(c)[0])) for c in cells
    )
    out, i = [], 0
    while i < len(parsed):
        row, col = parsed[i]
        j = i
        while j + 1 < len(parsed) and parsed[j + 1] == (row, parsed[j][1] + 1):
            j += 1
        a = f"{get_column_letter(col)}{row}"
        out.append(a if j == i else f"{a}:{get_column_letter(parsed[j][1])}{row}")
        i = j + 1
    return ", ".join(out)


def notes_table(notes: list[dict]) -> str:
    groups: dict[tuple, list[str]] = {}
    for n in notes:
        groups.setdefault((n["file"], n["sheet"], n["rule"], n["why"]), []).append(n["cell"])
    lines = ["| file | sheet | cell(s) | rule | sev | why |", "|---|---|---|---|---|---|"]
    for (f, sheet, rule, why), cells in groups.items():
        lines.append(
            f"| {f} | {sheet} | {cell_ranges(cells) if cells[0] != '—' else '—'} "
            f"| {rule} | {SEVERITY.get(rule, '')} | {why} |"
        )
    return "\n".join(lines)


def _trio(t: dict) -> str:
    return f"{t['count']} projects / {c2f(t['area'])} 万㎡ / {c2f(t['cost'])} 万元"


TEMPLATE = Path(__file__).with_name("README.md.template")


def inbox_table(subs) -> str:
    rows = [
        "| file | unit | F3 rows | F4 rows | F1 | F2 | what it shows |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in subs:
        rows.append(
            f"| {s.file} | {s.unit} | {len(s.uq.in_progress)} | "
            f"{len(s.uq.completions)} | {len(s.uq.f1)} | {len(s.uq.f2)} | "
            f"{s.description} |"
        )
    return "\n".join(rows)


def ranking_table(q3subs) -> str:
    return "\n".join(
        f"| {r['rank'] or '—'} | {r['unit']} | {r['total'] if r['total'] is not None else '—'} "
        f"| {r['grade'] or '—'} | {r['mark'] or ''} |"
        for r in score_ranking(q3subs)
    )


def row_of(workbook: Path, text: str) -> int:
    """The row where ``text`` stands in a written workbook (a project's row in 2024Q2's 附表3)."""
    book = load_workbook(workbook, read_only=True)
    return next(c.row for ws in book for row in ws.iter_rows() for c in row if c.value == text)


def readme(q2subs, q3subs, q2notes, q3notes, intake_notes, sim, q2_folder: Path) -> str:
    """README.md.template with the tables and figures of this run filled in."""
    problems = [n for n in q3notes if n["rule"] not in ("—", "ST006")]
    gx = sim["高新区"]
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        seed=SEED,
        q2_inbox=inbox_table(q2subs),
        q3_inbox=inbox_table(q3subs),
        planted=notes_table(intake_notes + problems),
        normalise=notes_table([n for n in q3notes if n["rule"] == "ST006"]),
        quiet=notes_table([n for n in q3notes if n["rule"] == "—"]),
        gx_q2_in_progress=_trio(f5_of(gx["2024Q2"])["in_progress"]),
        gx_q3_carried_over=_trio(f5_of(gx["2024Q3"])["carried_over"]),
        gx_cancelled=gx["cancelled"].reg_no,
        gx_cancelled_name=gx["cancelled"].name,
        gx_cancelled_q2_row=row_of(q2_folder / "高新区.xlsx", gx["cancelled"].reg_no),
        ranking=ranking_table(q3subs),
    )
