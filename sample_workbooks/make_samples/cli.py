"""Regenerate everything under sample_workbooks/ (or --out), then read the files back."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from .city import ALIASES, MEASURES, OFFICE, OFFICE_IDENTITY, Q2, Q3, SAMPLES, UNITS, fullwidth
from .files import write_docx, write_lock_file
from .inboxes import expected, q2_submissions, q3_submissions, write_inbox
from .ledger import simulate_unit
from .readme import readme

YE_REPORT = "叶县2024年第三季度工程质量运行态势分析报告.docx"

# --------------------------------------------------------------------------- verification


def verify(folder: Path, expected_dir: Path) -> None:
    """Read every spreadsheet back with python-calamine and check the F5 figures of the
    unit row against the expected JSON (cheap: label search, no reader logic beyond that)."""
    import python_calamine as pc

    exp = json.loads((expected_dir / f"{folder.name}.json").read_text("utf-8"))
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".xlsx", ".xls") or path.name.startswith("~$"):
            continue
        wb = pc.CalamineWorkbook.from_path(str(path))
        found = False
        for name in wb.sheet_names:
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for i, row in enumerate(rows):
                if any(isinstance(v, str) and v.replace(" ", "").startswith("本季度在建") for v in row):
                    found = True
                    data = rows[i + 2]
                    unit = next(v for v in data if isinstance(v, str) and v)
                    if unit in exp["units"] and exp["units"][unit]["file"] == path.name:
                        want = exp["units"][unit]["F5"]["carried_over"]["count"]
                        got = [v for v in data if v not in ("", None)][1]
                        if str(got).strip() not in (str(want), fullwidth(str(want))) and got != want:
                            raise SystemExit(f"verify: {path.name}: carried_over {got} != {want}")
        if not found:
            raise SystemExit(f"verify: {path.name}: no 附表5 header found")
        print(f"  ok  {folder.name}/{path.name}: {', '.join(wb.sheet_names)}")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="make_samples", description=__doc__.splitlines()[0])
    ap.add_argument("--no-verify", action="store_true", help="skip reading the files back")
    ap.add_argument("--out", type=Path, default=SAMPLES, help="where to write (default: sample_workbooks/)")
    args = ap.parse_args(argv)
    out = args.out

    sim = {unit: simulate_unit(unit) for unit in UNITS}
    for sub in ("2024Q2", "2024Q3", "expected"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    (out / "qstat.toml").write_text(
        f'name = "{OFFICE}"\nlevel = "city"\nunits = [\n'
        + "".join(f'    "{u}",\n' for u in UNITS)
        + "]\n\n[aliases]\n"
        + "".join(f'"{a}" = "{u}"\n' for a, u in ALIASES.items())
        + OFFICE_IDENTITY,
        encoding="utf-8",
    )

    with tempfile.TemporaryDirectory(prefix="qstat-samples-") as tmpdir:
        tmp = Path(tmpdir)
        q2subs = q2_submissions(sim)
        q2notes = write_inbox(q2subs, out / "2024Q2", tmp)
        q3subs = [s for s in q3_submissions(sim)]
        gx = next(s for s in q3subs if s.unit == "高新区")
        gx.extra_notes.append(
            (
                [("F5", "unit", f"carried_over.{m}") for m in MEASURES],
                "F5-006",
                "carried_over differs from 2024Q2 in_progress (a terminated project dropped)",
            )
        )
        q3notes = write_inbox(q3subs, out / "2024Q3", tmp)

    q3 = out / "2024Q3"
    write_lock_file(q3 / "~$宝丰县.xlsx")
    write_docx(
        q3 / "情况说明.docx",
        [
            "石龙区住房和城乡建设局",
            "关于2024年第三季度工程质量统计报表延期报送的情况说明",
            "平顶山市建设工程质量监督站：",
            "因我局统计人员岗位调整，2024年第三季度工程质量监督统计报表（附表1-附表6）"
            "未能按时报送，拟于10月20日前补报。特此说明。",
            "2024年10月8日",
        ],
    )
    write_docx(  # 叶县's own analysis report (第五条), read for the city's report
        q3 / YE_REPORT,
        [
            "叶县2024年第三季度工程质量运行态势分析报告",
            "平顶山市建设工程质量监督站：",
            "现将我县2024年第三季度工程质量运行态势报告如下：",
            "一、企业总体情况",
            "全县在册建筑业企业31家，其中施工总承包二级企业6家，本季度新增三级企业2家。",
            "三、对工程参建各方质量行为的监督情况及存在的主要问题",
            "本季度检查参建单位42家次，发现建设单位未按规定组织分户验收、监理旁站记录不全等问题，均已责令整改。",
            "五、质量通病治理",
            "以住宅工程渗漏为重点，抽查住宅工程8项，发现渗漏问题3处，已全部整改。",
            "十、监督执法情况",
            "本季度下发整改通知书9份、局部停工通知书1份。",
            "十一、对策建议",
            "建议加强乡镇项目的监督力量，推行质量信息公开。",
            "叶县住房和城乡建设局",
            "2024年10月10日",
        ],
    )
    intake = [
        {
            "file": "叶县.xlsx",
            "sheet": "—",
            "cell": "—",
            "rule": "IN005",
            "why": "duplicate for 叶县: superseded by 叶县(修改).xlsx (报送日期 10月12日 > 10月8日)",
        },
        {
            "file": "~$宝丰县.xlsx",
            "sheet": "—",
            "cell": "—",
            "rule": "IN002",
            "why": "Excel lock file: ignored (status ignored)",
        },
        {
            "file": "情况说明.docx",
            "sheet": "—",
            "cell": "—",
            "rule": "—",
            "why": "not a spreadsheet: status ignored (a zip, but not a workbook); no error",
        },
        {
            "file": YE_REPORT,
            "sheet": "—",
            "cell": "—",
            "rule": "—",
            "why": "叶县's own analysis report: status report, quoted per section (attributed) in the report",
        },
        {
            "file": "(none)",
            "sheet": "—",
            "cell": "—",
            "rule": "IN008",
            "why": "石龙区 sent nothing (未报单位)",
        },
    ]
    ignored: list[dict[str, object]] = [
        {"file": "~$宝丰县.xlsx", "unit": None, "status": "ignored", "included": False},
        {"file": "情况说明.docx", "unit": None, "status": "ignored", "included": False},
        {"file": YE_REPORT, "unit": "叶县", "status": "report", "included": False},
    ]
    for period, subs, missing, extra in ((Q2, q2subs, [], []), (Q3, q3subs, ["石龙区"], ignored)):
        (out / "expected" / f"{period.key}.json").write_text(
            json.dumps(expected(period, subs, missing, extra), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    (out / "README.md").write_text(
        readme(q2subs, q3subs, q2notes, q3notes, intake, sim, out / "2024Q2"), encoding="utf-8"
    )
    if q2notes and any(n["rule"] != "—" for n in q2notes):
        raise SystemExit(f"2024Q2 must be clean, got {q2notes[:3]}")
    print(f"wrote {out}")
    if not args.no_verify:
        verify(out / "2024Q2", out / "expected")
        verify(out / "2024Q3", out / "expected")
