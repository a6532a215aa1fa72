"""The command line: parse arguments, call the library, print, set the exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .config import Config
from .consolidate import consolidate
from .periods import Period


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qstat", description="河南省建设工程质量监督统计报表汇总")
    commands = parser.add_subparsers(dest="command", required=True)
    handlers = {}
    for add in (_add_consolidate, _add_report):  # one function per subcommand: it adds its arguments
        name, handler = add(commands)
        handlers[name] = handler
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    return handlers[args.command](args)


def _add_consolidate(commands) -> tuple[str, object]:
    c = commands.add_parser("consolidate", help="汇总收件目录中的全部报表")
    c.add_argument("inbox", type=Path)
    c.add_argument("--period", required=True, help="2024Q3（季度）或 2024（年度）")
    c.add_argument("--config", type=Path, help="qstat.toml")
    c.add_argument("--out", type=Path, help="输出目录，默认 out/<period>")
    c.add_argument("--db", type=Path, default=Path("qstat.sqlite"), help="历史数据库")
    c.add_argument("--strict", action="store_true", help="有错误的报表不计入汇总")
    c.add_argument("--quiet", action="store_true", help="不显示进度条")
    return "consolidate", _consolidate


def _consolidate(args: argparse.Namespace) -> int:
    try:
        period = Period.parse(args.period)
        config = Config.load(args.config) if args.config else Config()
    except (ValueError, OSError) as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    if not args.inbox.is_dir():
        print(f"qstat: 收件目录不存在：{args.inbox}", file=sys.stderr)
        return 2
    progress = None if args.quiet or not sys.stderr.isatty() else _progress_bar
    result = consolidate(args.inbox, period, config, out=args.out, db=args.db,
                         strict=args.strict, on_progress=progress)
    if progress:
        print(file=sys.stderr)
    summary = result.summary()
    subs = summary["submissions"]
    counts = {s: sum(x["status"] == s for x in subs)
              for s in ("ok", "errors", "unreadable", "ignored", "superseded")}
    errors = sum(f["severity"] == "error" for f in summary["findings"])
    warnings = sum(f["severity"] == "warning" for f in summary["findings"])
    units = sorted({x["unit"] for x in subs if x["included"]})
    print(f"{result.office or '汇总'} {period.chinese()}：文件 {len(subs)} 个"
          f"（正常 {counts['ok']}，有错误 {counts['errors']}，无法读取 {counts['unreadable']}，"
          f"已替换 {counts['superseded']}，已忽略 {counts['ignored']}）")
    print(f"计入汇总单位 {len(units)} 个；错误 {errors} 条，警告 {warnings} 条")
    if result.missing_units:
        print(f"未报单位：{'、'.join(result.missing_units)}")
    for name, path in result.outputs.items():
        print(f"  {name}: {path}")
    return result.exit_code


def _progress_bar(done: int, total: int, name: str) -> None:
    width = 30
    filled = width * done // max(total, 1)
    print(f"\r读取 [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}",
          end="", file=sys.stderr, flush=True)


def _add_report(commands) -> tuple[str, object]:
    c = commands.add_parser("report", help="生成工程质量运行态势分析报告（Word/Markdown/HTML）")
    c.add_argument("--period", required=True, help="2024Q3（季度报告）或 2024（年度报告）")
    c.add_argument("--db", type=Path, default=Path("qstat.sqlite"), help="历史数据库")
    c.add_argument("--out", type=Path, help="输出目录，默认 out/<period>")
    c.add_argument("--template", type=Path, help="自定义模板（.docx，或 .md.j2/.html.j2）")
    c.add_argument("--narrative", type=Path, help="文字材料文件（Markdown，## 一、… 分节）")
    c.add_argument("--format", choices=("docx", "md", "html"), default="docx", dest="fmt")
    c.add_argument("--narrative-skeleton", type=Path, metavar="FILE",
                   help="只写出空白的文字材料文件供填写，不生成报告")
    c.add_argument("--office", default="", help="写入文字材料文件标题的单位名称")
    return "report", _report


def _report(args: argparse.Namespace) -> int:
    from .report import ReportError, build_report, write_skeleton  # matplotlib loads only here

    try:
        if args.narrative_skeleton:
            print(f"文字材料文件：{write_skeleton(args.narrative_skeleton, args.period, args.office)}")
            return 0
        result = build_report(args.period, args.db, args.out or Path("out") / args.period,
                              template=args.template, narrative=args.narrative, fmt=args.fmt)
    except (ReportError, ValueError) as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    print(f"{result.title}：{result.outputs['report']}")
    if result.placeholders:
        print(f"待填写的章节 {len(result.placeholders)} 个：{'、'.join(result.placeholders)}")
    return 0
