"""F5/F6 figures and office totals derived from the ledger (the ground truth of expected/*.json)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from .city import F6_CATS, MEASURES, c2f, rate, wan
from .ledger import UnitQuarter

if TYPE_CHECKING:
    from .workbook import Submission


# --------------------------------------------------------------------------- F5 / F6 figures


def trio(projects) -> dict[str, int]:
    ps = list(projects)
    return {"count": len(ps), "area": wan(sum(p.area_c for p in ps)), "cost": sum(p.cost_c for p in ps)}


def f5_of(uq: UnitQuarter) -> dict:
    """F5 in integers: area in hundredths of 万㎡, cost and loss in hundredths of 万元."""
    filed = [c.project for c in uq.filed]
    fig: dict[str, Any] = {
        "carried_over": trio(uq.carried),
        "new": trio(uq.new),
        "in_progress": trio(uq.in_progress),
        "completed": trio(c.project for c in uq.completions),
        "filed": trio(filed),
    }
    fig["filing_rate"] = {
        "count": rate(fig["filed"]["count"], fig["completed"]["count"]),
        "area": rate(fig["filed"]["area"], fig["completed"]["area"]),
    }
    fig["satisfaction_rate"] = rate(sum(c.satisfied for c in uq.filed), len(filed))
    count, deaths, loss = uq.accidents
    fig["accidents"] = {"count": count, "deaths": deaths, "loss": loss}
    return fig


def f6_of(uq: UnitQuarter) -> dict:
    out = {}
    for cat in F6_CATS:

        def sel(ps, cat=cat):
            return [p for p in ps if p.in_category(cat)]

        row: dict[str, Any] = {
            "new": trio(sel(uq.new)),
            "completed": trio(sel(c.project for c in uq.completions)),
            "filed": trio(sel(c.project for c in uq.filed)),
            "in_progress": trio(sel(uq.in_progress)),
        }
        row["filing_rate"] = rate(row["filed"]["count"], row["completed"]["count"])
        out[cat] = row
    return out


def f5_json(fig: dict) -> dict:
    out: dict[str, Any] = {}
    for g in ("carried_over", "new", "in_progress", "completed", "filed"):
        out[g] = {"count": fig[g]["count"], "area": c2f(fig[g]["area"]), "cost": c2f(fig[g]["cost"])}
    out["filing_rate"] = {k: (None if v is None else float(v)) for k, v in fig["filing_rate"].items()}
    sat = fig["satisfaction_rate"]
    out["satisfaction_rate"] = None if sat is None else float(sat)
    a = fig["accidents"]
    out["accidents"] = {"count": a["count"], "deaths": a["deaths"], "loss": c2f(a["loss"])}
    return out


def f6_json(f6: dict) -> dict:
    return {
        cat: {
            g: {"count": row[g]["count"], "area": c2f(row[g]["area"]), "cost": c2f(row[g]["cost"])}
            for g in ("new", "completed", "filed", "in_progress")
        }
        for cat, row in f6.items()
    }


def totals_of(subs: list[Submission]) -> dict:
    """The office totals as a correct reader computes them from the included units."""
    figs = [s.stated for s in subs]
    t: dict[str, Any] = {
        g: {m: sum(f[g][m] for f in figs) for m in MEASURES}
        for g in ("carried_over", "new", "in_progress", "completed", "filed")
    }
    t["filing_rate"] = {
        "count": rate(t["filed"]["count"], t["completed"]["count"]),
        "area": rate(t["filed"]["area"], t["completed"]["area"]),
    }
    weight = sum(f["filed"]["count"] for f in figs if f["satisfaction_rate"] is not None)
    t["satisfaction_rate"] = (
        None
        if weight == 0
        else (
            sum(
                f["satisfaction_rate"] * f["filed"]["count"]
                for f in figs
                if f["satisfaction_rate"] is not None
            )
            / weight
        ).quantize(Decimal("0.1"), ROUND_HALF_UP)
    )
    t["accidents"] = {m: sum(f["accidents"][m] for f in figs) for m in ("count", "deaths", "loss")}
    f6 = {
        cat: {
            g: {m: sum(s.f6[cat][g][m] for s in subs) for m in MEASURES}
            for g in ("new", "completed", "filed", "in_progress")
        }
        for cat in F6_CATS
    }
    return {
        "F5": f5_json(t),
        "F6": f6_json(f6),
        "F1": {"rows": sum(len(s.uq.f1) for s in subs)},
        "F2": {"rows": sum(len(s.uq.f2) for s in subs)},
        "F3": {"rows": sum(len(s.uq.in_progress) for s in subs)},
        "F4": {"rows": sum(len(s.uq.completions) for s in subs)},
    }
