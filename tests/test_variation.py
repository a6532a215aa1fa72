"""Property tests: qstat against workbooks laid out in every way a clerk might.

The workbooks come from tests/variation/generator.py, which knows nothing of
qstat.  See tests/variation/README.md.  Long run:

    QSTAT_VARIATION_EXAMPLES=5000 python -m pytest tests/test_variation.py
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from variation.generator import (  # noqa: E402
    F5_GROUPS,
    F6_CATS,
    PDS_UNITS,
    PLANTABLE,
    Layout,
    build_workbook,
    expected_f5,
    make_unit,
    plant_needs,
)

from qstat import Config, consolidate  # noqa: E402

EXAMPLES = int(os.environ.get("QSTAT_VARIATION_EXAMPLES", "100"))
# Hypothesis' shrinker can spend many minutes on a failing consolidation; by default
# a failure is instead triaged axis by axis (see triage()).  QSTAT_VARIATION_SHRINK=1
# turns the shrinker back on.
SHRINK = os.environ.get("QSTAT_VARIATION_SHRINK", "0") not in ("", "0")
# CI draws the same examples every run (a red CI must mean a change broke something);
# QSTAT_VARIATION_RANDOM=1 explores new ones, as the long runs do.
RANDOM = os.environ.get("QSTAT_VARIATION_RANDOM", "0") not in ("", "0")
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target] + ([Phase.shrink] if SHRINK else [])
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not RANDOM,
    phases=PHASES,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
CFG = Config(name="平顶山市", level="city", units=list(PDS_UNITS), aliases={})


# --------------------------------------------------------------------------
# strategies (the first choice of every axis is the plainest: shrinking goes there)
# --------------------------------------------------------------------------


def layouts():
    return st.builds(
        Layout,
        row_offset=st.integers(0, 5),
        col_offset=st.integers(0, 3),
        title=st.sampled_from(["merged", "two_rows", "plain", "absent"]),
        title_period=st.booleans(),
        unit_line=st.sampled_from(["plain", "merged", "split", "with_others", "absent"]),
        header_rows=st.sampled_from([2, 1]),
        header_merge=st.sampled_from(["merged", "first", "repeat"]),
        index_row=st.sampled_from(["none", "numbers", "jia_yi"]),
        header_text=st.sampled_from(["seed", "joined", "spaced"]),
        brackets=st.sampled_from(["full", "half"]),
        detail_area_unit=st.sampled_from(["平方米", "㎡", "万㎡", "m2", "m²"]),
        stats_area_unit=st.sampled_from(["万㎡", "万平方米", "万m2", "㎡"]),
        extra_cols=st.sampled_from(["seed", "plus", "minus"]),
        blank_rows=st.booleans(),
        subtotal=st.booleans(),
        detail_total=st.sampled_from(["absent", "bottom", "top"]),
        placeholder=st.sampled_from(
            ["none", "wu_pair", "merged_text", "dash_all", "slash_all", "zanwu", "wu_all", "text_second"]
        ),
        trailer=st.booleans(),
        note_rows=st.booleans(),
        f5_total=st.sampled_from(["bottom", "top", "absent"]),
        sheets=st.sampled_from(["one_per_sheet", "pairs", "single"]),
        order_seed=st.integers(0, 50),
        sheet_names=st.sampled_from(["formal", "short", "descriptive", "generic", "mixed"]),
        hidden_sheet=st.booleans(),
        cover=st.booleans(),
        numbers=st.sampled_from(["numeric", "text", "mixed"]),
        percent=st.sampled_from(["number", "percent_text", "fraction", "excel_percent"]),
        dates=st.sampled_from(["excel", "dotted", "iso", "cn", "slash", "mixed"]),
        file_name=st.sampled_from(["unit", "unit_suffix", "neutral"]),
        score_text=st.sampled_from(["full", "abbrev", "paraphrase"]),
        score_order=st.sampled_from(["seed", "shuffled"]),
        score_subtotal=st.sampled_from(["merged", "first"]),
        score_spelling=st.sampled_from(["number", "fullwidth", "float", "fen", "mixed"]),
        spell_seed=st.integers(0, 10_000),
    )


figures = st.fixed_dictionaries(
    {
        "seed": st.integers(0, 10_000),
        "n3": st.integers(0, 6),
        "n4": st.integers(0, 5),
        "n1": st.integers(0, 3),
        "n2": st.integers(0, 3),
        "score": st.sampled_from([None, "A", "B"]),
    }
)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def short(layout: Layout) -> str:
    """Only the axes that differ from the plain layout: the repro."""
    base = Layout()
    diff = {
        f.name: getattr(layout, f.name)
        for f in dataclasses.fields(Layout)
        if getattr(layout, f.name) != getattr(base, f.name)
    }
    return f"Layout({', '.join(f'{k}={v!r}' for k, v in diff.items())})"


def run(builts) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for b in builts:
            (inbox / b.filename).write_bytes(b.data)
        result = consolidate(inbox, "2024Q3", CFG, out=Path(tmp) / "out", db=None, workers=1)
        return result.summary()


def errors_of(s):
    return [f for f in s["findings"] if f.get("severity") == "error"]


def fmt_findings(fs, limit=12):
    return "\n".join(
        f"  {f.get('rule')} {f.get('severity')} {f.get('sheet')}!{f.get('cell')} "
        f"[{f.get('form')}] {f.get('message')}"
        for f in fs[:limit]
    )


def close(a, b, tol):
    if b is None:
        return a is None
    return a is not None and isinstance(a, (int, float)) and math.isclose(a, b, abs_tol=tol)


def check_f5(actual: dict, expected: dict) -> list:
    bad = []
    for k in F5_GROUPS:
        for m, tol in (("count", 0), ("area", 0.005), ("cost", 0.005)):
            a = (actual.get(k) or {}).get(m)
            if not close(a, expected[k][m], tol):
                bad.append(f"F5.{k}.{m}: got {a!r}, expected {expected[k][m]!r}")
    for m in ("count", "area"):
        a = (actual.get("filing_rate") or {}).get(m)
        if not close(a, expected["filing_rate"][m], 0.05):
            bad.append(f"F5.filing_rate.{m}: got {a!r}, expected {expected['filing_rate'][m]!r}")
    a = actual.get("satisfaction_rate")
    if not close(a, expected["satisfaction_rate"], 0.05):
        bad.append(f"F5.satisfaction_rate: got {a!r}, expected {expected['satisfaction_rate']!r}")
    for m, tol in (("count", 0), ("deaths", 0), ("loss", 0.005)):
        a = (actual.get("accidents") or {}).get(m)
        if not close(a, expected["accidents"][m], tol):
            bad.append(f"F5.accidents.{m}: got {a!r}, expected {expected['accidents'][m]!r}")
    return bad


def check_f6(actual: dict, units) -> list:
    bad = []
    for cat in F6_CATS:
        for grp in ("new", "completed", "filed", "in_progress"):
            cnt = sum(u.f6[cat][grp].count for u in units)
            area = sum(u.f6[cat][grp].area_m2 for u in units) / 10000
            cost = sum(u.f6[cat][grp].cost_c for u in units) / 100
            a = (actual.get(cat) or {}).get(grp) or {}
            for m, e, tol in (("count", cnt, 0), ("area", area, 0.005), ("cost", cost, 0.005)):
                if not close(a.get(m), e, tol):
                    bad.append(f"F6.{cat}.{grp}.{m}: got {a.get(m)!r}, expected {e!r}")
    return bad


def check_rows(totals: dict, units) -> list:
    bad = []
    for form, attr in (("F1", "f1"), ("F2", "f2"), ("F3", "f3"), ("F4", "f4")):
        e = sum(len(getattr(u, attr)) for u in units)
        a = (totals.get(form) or {}).get("rows")
        if a != e:
            bad.append(f"{form}.rows: got {a!r}, expected {e}")
    return bad


def triage(fails_with, layout: Layout) -> str:
    """Which single axes of `layout`, applied alone to the plain layout, still fail.

    fails_with(layout) -> bool.  This is the minimal failing layout that the
    shrinker would look for, found in a few dozen consolidations."""
    base = Layout(spell_seed=layout.spell_seed)
    alone = []
    for f in dataclasses.fields(Layout):
        v = getattr(layout, f.name)
        if v != getattr(base, f.name):
            try:
                if fails_with(dataclasses.replace(base, **{f.name: v})):
                    alone.append(f"{f.name}={v!r}")
            except Exception as e:  # a crash is a failure too
                alone.append(f"{f.name}={v!r} (crash: {type(e).__name__}: {e})")
    if alone:
        return "fails with one axis alone: " + "; ".join(alone)
    return "no single axis fails alone: the failure needs a combination"


def clean_problems(s, units, builts) -> list:
    problems = []
    errs = errors_of(s)
    if errs:
        problems.append("error findings on a clean workbook:\n" + fmt_findings(errs))
    for b in builts:
        subs = [x for x in s["submissions"] if Path(str(x.get("file"))).name == b.filename]
        if not subs or subs[0].get("unit") != b.unit or not subs[0].get("included"):
            problems.append(f"submission {b.filename}: {subs}")
    t = s.get("totals") or {}
    problems += check_rows(t, units)
    problems += check_f5(t.get("F5") or {}, expected_f5(units))
    problems += check_f6(t.get("F6") or {}, units)
    return problems


def check_clean(s, units, builts, layouts_, triage_=True) -> None:
    problems = clean_problems(s, units, builts)
    if problems:
        lay = "\n".join(f"  {b.filename}: {short(L)}" for b, L in zip(builts, layouts_))
        notes = []
        if triage_:
            for d, b, L in zip(units, builts, layouts_):

                def fails(L1, d=d):
                    b1 = build_workbook(d, L1)
                    return bool(clean_problems(run([b1]), [d], [b1]))

                notes.append(f"  {b.filename}: {triage(fails, L)}")
        pytest.fail(
            "layouts:\n"
            + lay
            + "\n"
            + "\n".join(problems)
            + ("\ntriage:\n" + "\n".join(notes) if notes else ""),
            pytrace=False,
        )


# --------------------------------------------------------------------------
# (a) a clean workbook in any layout: no errors, the same figures
# --------------------------------------------------------------------------


@SETTINGS
@given(unit=st.sampled_from(PDS_UNITS), fig=figures, layout=layouts())
def test_clean_workbook_any_layout(unit, fig, layout):
    d = make_unit(unit, **fig)
    b = build_workbook(d, layout)
    s = run([b])
    check_clean(s, [d], [b], [layout])


# --------------------------------------------------------------------------
# (b) a planted defect is reported with its rule at its sheet and cell
# --------------------------------------------------------------------------


@SETTINGS
@given(
    rule=st.sampled_from(PLANTABLE),
    unit=st.sampled_from(PDS_UNITS),
    fig=figures,
    layout=layouts(),
    plant_seed=st.integers(0, 1000),
)
def test_planted_defect_is_located(rule, unit, fig, layout, plant_seed):
    needs = plant_needs(rule)
    fig = dict(fig)
    for k in ("n1", "n2", "n3", "n4"):
        fig[k] = max(fig[k], needs.get(k, 0))
    if needs.get("score") and not fig["score"]:
        fig["score"] = "A" if plant_seed % 2 else "B"
    d = make_unit(unit, n4_filed_min=needs.get("n4_filed_min", 0), **fig)
    b = build_workbook(d, layout, plant=rule, plant_seed=plant_seed)
    p = b.planted
    assert p is not None  # build_workbook was asked to plant a rule
    s = run([b])
    same_rule = [f for f in s["findings"] if f.get("rule") == rule]
    ok = any(f.get("sheet") == p.sheet and f.get("cell") in p.cells for f in same_rule)
    if not ok:

        def fails(L1):
            b1 = build_workbook(d, L1, plant=rule, plant_seed=plant_seed)
            p1 = b1.planted
            assert p1 is not None
            return not any(
                f.get("rule") == rule and f.get("sheet") == p1.sheet and f.get("cell") in p1.cells
                for f in run([b1])["findings"]
            )

        pytest.fail(
            f"planted {rule} at {p.sheet}!{p.cell} (or {p.also}) not reported there\n"
            f"layout: {short(layout)}\nfigures: {fig}\ntriage: {triage(fails, layout)}\n"
            f"findings with {rule}:\n{fmt_findings(same_rule)}\n"
            f"all findings:\n{fmt_findings(s['findings'], 20)}",
            pytrace=False,
        )


# --------------------------------------------------------------------------
# several units, each in its own layout: hand-computable totals
# --------------------------------------------------------------------------


@SETTINGS
@given(data=st.data())
def test_several_units_sum(data):
    units = data.draw(st.lists(st.sampled_from(PDS_UNITS), min_size=2, max_size=4, unique=True), "units")
    ds, bs, ls = [], [], []
    for u in units:
        fig = data.draw(figures, f"fig {u}")
        fig["score"] = None
        lay = data.draw(layouts(), f"layout {u}")
        if lay.file_name == "neutral":  # neutral names would collide between units
            lay = dataclasses.replace(lay, file_name="unit")
        d = make_unit(u, **fig)
        ds.append(d)
        ls.append(lay)
        bs.append(build_workbook(d, lay))
    s = run(bs)
    check_clean(s, ds, bs, ls)
    # the rates are recomputed from the sums, never averaged
    comp = sum(d.f5.completed.count for d in ds)
    filed = sum(d.f5.filed.count for d in ds)
    fr = ((s.get("totals") or {}).get("F5") or {}).get("filing_rate") or {}
    if comp:
        assert close(fr.get("count"), filed / comp * 100, 0.05), (fr, filed, comp)
    else:
        assert fr.get("count") is None, fr


# --------------------------------------------------------------------------
# the plain layout itself, as a fixed smoke test (fails fast with a clear message)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("score", [None, "A", "B"])
def test_plain_layout(score):
    d = make_unit("叶县", seed=1, n3=4, n4=3, n1=2, n2=1, score=score)
    b = build_workbook(d, Layout())
    s = run([b])
    check_clean(s, [d], [b], [Layout()])
