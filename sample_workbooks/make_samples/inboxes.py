"""The two inboxes: who sends what in 2024Q2 and 2024Q3, and the expected JSON."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

from .city import OFFICE, Q2, Q3, SEED, UNITS, Quarter, c2f, fullwidth
from .figures import f5_json, f5_of, f6_json, f6_of, totals_of
from .files import build, freeze_zip, save, soffice
from .scores import SCORE_PLANS, score_ranking
from .workbook import SEVERITY, Style, Submission

# --------------------------------------------------------------------------- the two inboxes

SEED_HEADERS_Q2 = {"汝州市", "郏县"}


def q2_submissions(sim: dict) -> list[Submission]:
    """2024Q2: every unit, clean. Cosmetic differences only (sheet names, an offset, the
    seed's wrapped header texts, a longer file name)."""
    subs = []
    for i, unit in enumerate(UNITS):
        st = Style(header="seed" if unit in SEED_HEADERS_Q2 else "flat")
        name, desc = f"{unit}.xlsx", "clean"
        if unit == "舞钢市":
            st.sheet_names = ("表1", "表2", "表3", "表4", "表5", "表6")
            desc = "clean; sheets 表1..表6"
        elif unit == "鲁山县":
            st.top, st.left = 2, 2
            desc = "clean; every form starts at B2"
        elif unit == "卫东区":
            name, desc = "卫东区2024年二季度.xlsx", "clean; longer file name"
        elif unit in SEED_HEADERS_Q2:
            desc = "clean; header texts with the seed's line breaks"
        elif unit == "新华区":
            st.filler = "平顶山市新华区住房和城乡建设局"
            desc = "clean; 填表单位 written with the alias 平顶山市新华区"
        uq = sim[unit][Q2.key]
        subs.append(Submission(name, unit, uq, st, dt.date(2024, 7, 5 + i % 5), description=desc))
    return subs


def q3_submissions(sim: dict) -> list[Submission]:
    """2024Q3: the messy inbox. Each clerk's habits are spelled out here."""
    S = {}
    # 叶县 sends twice: 10月8日 (two late-September acceptances not yet entered), then
    # 叶县(修改) on 10月12日 with them.
    S["叶县-first"] = (
        "叶县.xlsx",
        Style(),
        "first submission (报送日期 2024年10月8日), superseded: two September "
        "acceptances still listed as in construction",
    )
    S["叶县"] = (
        "叶县(修改).xlsx",
        Style(),
        "resubmission (报送日期 2024年10月12日) with the corrected figures: the one to use",
    )
    # 舞钢市 keeps its Excel template: 在建 = 接转 + 新注册 - 竣工 and a 合计 row of SUMs.
    # openpyxl writes formulas without cached values, as a script-generated file would.
    S["舞钢市"] = (
        "舞钢市.xlsx",
        Style(
            sheet_names=("表1", "表2", "表3", "表4", "表5", "表6"),
            top=3,
            left=2,
            dates="dash",
            formulas="nocache",
        ),
        "sheets 表1..表6; forms start at B3; dates typed 2024-07-15; F5 in_progress "
        "and the 合计 row are formulas with NO cached values",
    )
    S["湛河区"] = (
        "湛河区2024年三季度报表.xlsx",
        Style(
            sheet_names=(
                "不良行为记录",
                "行政处罚",
                "在建工程明细",
                "竣工工程明细",
                "季度统计表",
                "分类统计表",
            ),
            order=("F5", "F6", "F3", "F4", "F1", "F2"),
            top=2,
            header="seed",
            dates="cn",
            pct="text",
            zero="—",
            period="（2024年{cn}季度）",
            overrides={
                ("F5", "unit", "new.count"): (
                    lambda v, _: fullwidth(str(v)),
                    "ST006",
                    "full-width digits typed (IME in full-width mode)",
                ),
                ("F5", "unit", "in_progress.cost"): (
                    lambda v, _: f"{c2f(v):,.2f}",
                    "ST006",
                    "text with a thousands separator",
                ),
                ("F3", 4, "cost"): (
                    lambda v, _: f"约{round(c2f(v), -2):.0f}",
                    "ST002",
                    "'约…' (about …) typed in 工程造价: not a number",
                ),
            },
        ),
        "sheets named by content, 季度统计表 first; forms start at A2; seed header "
        "texts with line breaks; dates typed 2024年7月15日; rates typed '85.7%'; "
        "zero accidents typed '—'; a full-width number, a number with a thousands "
        "separator, and '约…' in a cost",
    )
    # 新华区: the file name says nothing, the 填表单位 line uses the alias.
    S["新华区"] = (
        "季报2024Q3.xlsx",
        Style(
            sheet_names=tuple(f"Sheet{i}" for i in range(1, 7)),
            left=3,
            header="spaced",
            filler="平顶山市新华区住房和城乡建设局",
        ),
        "unhelpful file name; 填表单位 平顶山市新华区住房和城乡建设局 (alias); sheets "
        "Sheet1..Sheet6; forms start at C1; header texts with extra spaces (项  数)",
    )
    # 鲁山县 puts everything on one sheet and types dates with dots, including a 9月31日.
    S["鲁山县"] = (
        "鲁山县.xlsx",
        Style(single_sheet="三季度报表", dates="dot", zero="/", period="2024年第3季度"),
        "ALL six forms stacked on one sheet 三季度报表; dates typed 2024.7.15; zero "
        "accidents typed '/'; one impossible date 2024.9.31",
    )
    S["宝丰县"] = (
        "宝丰县.xlsx",
        Style(
            sheet_names=("1-不良行为", "2-行政处罚", "3-在建", "4-竣工", "5-季报", "6-分类"),
            top=4,
            date_format="yyyy/m/d",
        ),
        "sheets 1-不良行为 .. 5-季报 .. 6-分类; forms start at A4; stated 备案率 100 "
        "although one acceptance is not filed; an Excel lock file ~$宝丰县.xlsx "
        "beside it",
    )
    S["示范区"] = (
        "示范区.xlsx",
        Style(
            header="seed",
            pct="fraction",
            filler="平顶山市城乡一体化示范区住房和城乡建设局",
            date_format='yyyy"年"m"月"d"日"',
        ),
        "填表单位 via the alias 平顶山市城乡一体化示范区; rates stored as fractions "
        "(0.857 shown as 85.7%); seed header texts",
    )
    # 汝州市: same template as 舞钢市, but saved by LibreOffice, so the values are cached.
    S["汝州市"] = (
        "汝州市.xlsx",
        Style(top=2, left=2, formulas="cached"),
        "forms start at B2; F5 in_progress and 合计 are formulas WITH cached values "
        "(written with formulas, round-tripped through LibreOffice)",
    )
    S["郏县"] = (
        "郏县.xls",
        Style(
            sheet_names=("附表一", "附表二", "附表三", "附表四", "附表五", "附表六"),
            header="seed",
            zero="无",
            period=None,
        ),
        "real .xls (Excel 97, converted by LibreOffice); sheets 附表一..附表六; no "
        "period line under the titles; zero accidents typed '无'",
    )
    S["卫东区"] = (
        "卫东区.xlsx",
        Style(
            merged=False,
            empty_text={"F2": "本季度无行政处罚记录"},
            overrides={
                ("F4", 0, "area"): (lambda v, _: f"{c2f(v):,.2f}", "ST006", "text with a thousands separator")
            },
        ),
        "header group cells NOT merged (label only in the group's first cell); F2 "
        "says 本季度无行政处罚记录 across its first row; one accident (loss 3.80 万元)",
    )
    S["高新区"] = (
        "高新区.xlsx",
        Style(
            header="seed",
            overrides={
                ("F5", "unit", "completed.count"): (
                    lambda v, _: f"{v} ",
                    "—",
                    "no finding: number typed as text with a trailing space, read as it is",
                ),
                ("F3", 2, "area"): (
                    lambda v, _: f"{c2f(v)}  ",
                    "—",
                    "no finding: number typed as text with trailing spaces, read as it is",
                ),
            },
        ),
        "carried_over differs from its 2024Q2 in_progress (a terminated project "
        "dropped); two numbers typed with trailing spaces",
    )
    subs = []
    for key, (fname, st, desc) in S.items():
        unit = key.split("-")[0]
        uq = sim[unit][Q3.key + ("-first" if key.endswith("-first") else "")]
        reported = dt.date(2024, 10, 12) if fname == "叶县(修改).xlsx" else dt.date(2024, 10, 8)
        sub = Submission(fname, unit, uq, st, reported, description=desc, scores=SCORE_PLANS.get(unit))
        if key.endswith("-first"):
            sub.status, sub.included = "superseded", False
        subs.append(sub)
    return subs


def stated_f5(sub: Submission) -> dict:
    """F5 as the clerk states it (the wrong 备案率 of 宝丰县 included). Also plants the two
    mistakes that depend on the data (宝丰县's 备案率, 鲁山县's 9月31日)."""
    fig, true = f5_of(sub.uq), f5_of(sub.uq)
    if sub.unit == "宝丰县" and sub.uq.q == Q3:
        # the clerk types 100 out of habit: 备案率 is "always" 100
        fig["filing_rate"] = dict(fig["filing_rate"], count=Decimal("100.0"))
        for rk in ("unit", "total"):
            sub.style.overrides[("F5", rk, "filing_rate.count")] = (
                100.0,
                "F5-002",
                "stated 备案率（项数） 100 but filed/completed = "
                f"{true['filed']['count']}/{true['completed']['count']} = "
                f"{true['filing_rate']['count']}",
            )
    if sub.unit == "鲁山县" and sub.uq.q == Q3:
        i = next(i for i, c in enumerate(sub.uq.completions) if c.filed_on == Q3.end)
        sub.style.overrides[("F4", i, "filed_on")] = (
            "2024.9.31",
            "ST005",
            "September has 30 days (meant 2024.9.30); the project still counts as filed in F5",
        )
    return fig


def write_inbox(subs: list[Submission], folder: Path, tmp: Path) -> list[dict]:
    notes = []
    for sub in subs:
        sub.stated = stated_f5(sub)
        sub.f6 = f6_of(sub.uq)
        b = build(sub)
        path = folder / sub.file
        if sub.file.endswith(".xls"):
            src = tmp / (Path(sub.file).stem + ".xlsx")
            save(b, src)
            shutil.move(soffice(src, "xls", tmp / "xls"), path)
        elif sub.style.formulas == "cached":
            src = tmp / sub.file
            save(b, src)
            shutil.move(soffice(src, "xlsx", tmp / "roundtrip"), path)
            freeze_zip(path)  # LibreOffice stamps 'now' too
        else:
            save(b, path)
        mine = [{"file": sub.file, **n} for n in b.notes]
        for keys, rule, why in sub.extra_notes:
            for k in keys:
                sheet, cell = b.cells[k]
                mine.append(
                    {
                        "file": sub.file,
                        "sheet": sheet,
                        "cell": cell,
                        "rule": rule,
                        "why": why,
                        "value": None,
                        "form": k[0],
                    }
                )
        if any(SEVERITY.get(n["rule"]) == "E" for n in mine) and sub.status == "ok":
            sub.status = "errors"
        notes += mine
    return notes


def expected(period: Quarter, subs: list[Submission], missing: list[str], extra_files: list[dict]) -> dict:
    included = [s for s in subs if s.included]
    units = {}
    for s in sorted(included, key=lambda s: UNITS.index(s.unit)):
        computed = f5_of(s.uq)
        units[s.unit] = {
            "file": s.file,
            "F5": f5_json(s.stated),
            "F5_recomputed_rates": {
                "filing_rate": f5_json(computed)["filing_rate"],
                "satisfaction_rate": f5_json(computed)["satisfaction_rate"],
            },
            "F6": f6_json(s.f6),
            "F1": {"rows": len(s.uq.f1)},
            "F2": {"rows": len(s.uq.f2)},
            "F3": {"rows": len(s.uq.in_progress)},
            "F4": {"rows": len(s.uq.completions)},
        }
    out = {
        "period": period.key,
        "office": OFFICE,
        "generated_by": f"sample_workbooks/make_samples.py (seed {SEED})",
        "conventions": "F5/F6 areas in 万㎡ (2 decimals), costs and losses in 万元, rates in "
        "percent (1 decimal, null when the denominator is 0). F5 per unit is "
        "what the file states, normalised (text numbers, fractions, '—' = 0). "
        "Totals are over the included units: sums of the stated unit figures; "
        "filing_rate = Σfiled / Σcompleted x 100 (count and area, from the "
        "printed 万㎡); satisfaction_rate = Σ(rate_i x filed_count_i) / "
        "Σfiled_count_i. F3/F4 areas (㎡) are not totalled here.",
        "submissions": [
            {
                "file": s.file,
                "unit": s.unit,
                "status": s.status,
                "included": s.included,
                "reported_on": s.reported.isoformat(),
            }
            for s in subs
        ]
        + extra_files,
        "missing_units": missing,
        "notes": (
            []
            if period != Q3
            else [
                "高新区 is 'errors' only when 2024Q2 is in the history database (F5-006); "
                "without history it is 'ok'.",
                "With --strict the units with status 'errors' leave the totals; these totals "
                "are without --strict.",
            ]
        ),
        "units": units,
        "totals": totals_of(included),
    }
    if period == Q3:
        out["scores"] = {"spec": "henan-affordable-housing-supervision", "units": score_ranking(subs)}
    superseded = {
        s.file: {
            "unit": s.unit,
            "F5": f5_json(s.stated),
            "F3": {"rows": len(s.uq.in_progress)},
            "F4": {"rows": len(s.uq.completions)},
        }
        for s in subs
        if s.status == "superseded"
    }
    if superseded:
        out["superseded"] = superseded
    return out
