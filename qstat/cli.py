"""The command line: parse arguments, call the library, print, set the exit status."""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .periods import Period

# Each command imports the modules it uses when it runs: `qstat --help` does not even load the
# configuration, `qstat check` not the writers, the scores, the templates or the report.


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; tests/test_docs.py checks docs/commands.md against it.

    ``command``: only that subcommand is added (a run needs no other: building all of them
    costs every start ~7 ms); help and errors with no known command still list them all.
    """
    parser = argparse.ArgumentParser(prog="qstat", description="河南省建设工程质量监督统计报表汇总")
    commands = parser.add_subparsers(dest="command", required=True)
    # One function per subcommand (COMMANDS): it adds its arguments and names its handler.
    for add in (COMMANDS[command],) if command in COMMANDS else COMMANDS.values():
        name, handler = add(commands)
        commands.choices[name].set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``argv`` None: this process's own arguments, as the `qstat` program (``args.program``)."""
    program = argv is None
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser(argv[0] if argv else None).parse_args(argv, argparse.Namespace(program=program))
    except SystemExit as e:
        return 2 if e.code else 0
    return args.handler(args)


def _add_consolidate(commands) -> tuple[str, object]:
    c = commands.add_parser("consolidate", help="汇总收件目录中的全部报表")
    c.add_argument("inbox", type=Path)
    c.add_argument("--period", required=True, help="2024Q3（季度）或 2024（年度）")
    c.add_argument("--config", type=Path, help="qstat.toml")
    c.add_argument("--out", type=Path, help="输出目录，默认 out/<period>")
    c.add_argument("--db", type=Path, default=Path("qstat.sqlite"), help="历史数据库")
    c.add_argument("--strict", action="store_true", help="有错误的报表不计入汇总")
    c.add_argument("--quiet", action="store_true", help="不显示进度条")
    _add_date(c, "汇总表的报送日期、审核意见的成文日期")
    return "consolidate", _consolidate


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD（如 2024-10-12），而不是“{text}”") from None


def _add_date(c, what: str) -> None:
    c.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help=f"{what}，默认今天")


def _config(path: Path | None) -> Config:
    """The configuration in ``path``, else the defaults."""
    from .config import Config

    return Config.load(path) if path else Config()


def _period(text: str) -> Period:
    """The period a --period names (2024Q3, 2024); ValueError with a Chinese message if none."""
    from .periods import Period

    return Period.reported(text)


def _inbox_and_config(args: argparse.Namespace) -> Config | None:
    """The configuration, once the inbox is known to exist; None (after a message) if not."""
    try:
        config = _config(args.config)
    except (ValueError, OSError) as e:
        print(f"qstat: {e}", file=sys.stderr)
        return None
    if not args.inbox.is_dir():
        print(f"qstat: 收件目录不存在：{args.inbox}", file=sys.stderr)
        return None
    return config


def _consolidate(args: argparse.Namespace) -> int:
    from .consolidate import consolidate
    from .history import HistoryError
    from .intake import REPORT_READ, report_states
    from .rules import Status
    from .write import OutputError
    from .write.returns import ReviewTemplateError

    try:
        period = _period(args.period)
    except ValueError as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    config = _inbox_and_config(args)
    if config is None:
        return 2
    progress = None if args.quiet or not sys.stderr.isatty() else _progress_bar
    try:
        result = consolidate(
            args.inbox,
            period,
            config,
            out=args.out,
            db=args.db,
            strict=args.strict,
            on_progress=progress,
            today=args.date,
        )
    except ReviewTemplateError as e:  # an edited 审核意见 template that cannot render
        print(f"qstat: {e}（未写出任何文件）", file=sys.stderr)
        return 2
    except (HistoryError, OutputError) as e:  # a bad --db; an output open in Excel/WPS
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    if progress:
        print(file=sys.stderr)
    tally = result.tally
    files = "，".join(
        f"{label} {tally.files[s]}"
        for s, label in (
            (Status.OK, "正常"),
            (Status.ERRORS, "有错误"),
            (Status.UNREADABLE, "无法读取"),
            (Status.SUPERSEDED, "已替换"),
            (Status.IGNORED, "已忽略"),
            (Status.REPORT, "分析报告"),
        )
    )
    print(f"{result.office or '汇总'} {period.chinese()}：文件 {len(result.submissions)} 个（{files}）")
    print(
        f"计入汇总单位 {tally.included_units} 个；错误 {tally.errors} 条，警告 {tally.warnings} 条"
        + (f"（另有已说明的警告 {tally.explained} 条）" if tally.explained else "")
    )
    unreadable = {s.unit for s in result.submissions if s.status == Status.UNREADABLE}
    for said, units in (
        ("未报单位", [u for u in result.missing_units if u not in unreadable]),
        ("报表无法读取、未计入汇总的单位", [u for u in result.missing_units if u in unreadable]),
    ):
        if units:
            print(f"{said}：{'、'.join(units)}")
    reports = report_states(result.submissions)
    if reports:  # the units' own analysis reports, once any came
        unsent = [u for u in result.units if reports.get(u) != REPORT_READ]
        unsent_said = f"，未报：{'、'.join(unsent)}" if unsent else ""
        print(f"分析报告：已报 {len(result.units) - len(unsent)} 个{unsent_said}")
    for note in (f for f in result.findings if f.rule == "IN013"):
        print(note.message)
    returned = [path for name, path in result.outputs.items() if name.startswith("退回/")]
    for name, path in result.outputs.items():
        if not name.startswith("退回/"):
            print(f"  {name}: {path}")
    if returned:
        print(f"  退回: {len(returned)} 个文件（审核标注表、审核意见）在 {returned[0].parent}")
    return result.exit_code


def _add_scores(commands) -> tuple[str, object]:
    c = commands.add_parser("scores", help="审核并排名各单位的考核评分表（自评打分表）")
    c.add_argument("inbox", type=Path)
    c.add_argument("--sheet", help="评分表所在工作表名称（默认按表头查找）")
    c.add_argument("--config", type=Path, help="qstat.toml")
    c.add_argument("--out", type=Path, default=Path("out") / "scores", help="输出目录")
    _add_date(c, "排名表的制表日期")
    return "scores", _scores


def _scores(args: argparse.Namespace) -> int:
    from .scores import rank_inbox
    from .write import OutputError

    config = _inbox_and_config(args)
    if config is None:
        return 2
    try:
        ranking, subs = rank_inbox(args.inbox, config, sheet=args.sheet, out=args.out, today=args.date)
    except OutputError as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    if ranking is None:
        print("qstat: 收件目录中没有找到考核评分表", file=sys.stderr)
        return 2
    print(f"{ranking.spec.title if ranking.spec else '考核评分表'}：参加排名 {len(ranking.ranked)} 个单位")
    for u in ranking.units:
        total = "" if u.total is None else f"{u.total:g}"
        print(f"  {u.rank or '-':>3}  {u.unit:<8} {total:>6} {u.grade:<2} {u.mark} {u.note}".rstrip())
    for f in ranking.findings:
        print(f"  [{f.rule}] {f.unit or ''} {f.file} {f.sheet}!{f.cell}：{f.message}")
    print(f"  ranking: {args.out}")
    return 1 if any(f.is_error for s in subs for f in s.findings) else 0


def _progress_bar(done: int, total: int, name: str) -> None:
    width = 30
    filled = width * done // max(total, 1)
    print(
        f"\r读取 [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}",
        end="",
        file=sys.stderr,
        flush=True,
    )


def _add_check(commands) -> tuple[str, object]:
    c = commands.add_parser("check", help="报送前自查单个报表文件")
    c.add_argument("files", type=Path, nargs="+")
    c.add_argument("--period", help="2024Q3；默认取表中写明的期别，或报送日期前的上一季度")
    c.add_argument("--config", type=Path, help="qstat.toml（核对单位名称）")
    c.add_argument("--db", type=Path, help="历史数据库：给出时核对上期接转等跨期规则")
    return "check", _check


def _check(args: argparse.Namespace) -> int:
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"qstat: 文件不存在：{'、'.join(missing)}", file=sys.stderr)
        return 2
    # Where processes fork, the whole check runs in one child forked before anything heavy is
    # imported: the child imports, reads every file in its own process and leaves without the
    # interpreter's clean-up, while this process stays small (issue 24: a check in about three
    # times a bare read). If a file kills that child (a native crash, the OOM killer), nothing
    # was printed: the check runs again here, each file in a child of its own (costing only
    # itself), and prints what it always did. Once it has printed, the `qstat` program leaves
    # as the child did: the fork left its pages copy-on-write, and the clean-up would fault on
    # each of them again (~1,700 pages, ~20 ms).
    forks = hasattr(os, "fork")
    if forks:
        from .forked import ChildDied, Forked

        try:
            code, out, err = Forked(_check_alone, args).result()
        except ChildDied:
            code, out, err = _checked(args, isolated=True)
    else:
        code, out, err = _checked(args, isolated=True)
    sys.stderr.write(err)
    sys.stdout.write(out)
    if forks and args.program:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _check_alone(args: argparse.Namespace) -> tuple[int, str, str]:
    """_checked in the child _check forks, every file read in it. No cyclic garbage collection:
    the child leaves with os._exit, and reading makes next to no cycles, but enough containers
    (a workbook's rows) for the collector to walk them over and over."""
    gc.disable()
    return _checked(args, isolated=False)


def _checked(args: argparse.Namespace, isolated: bool) -> tuple[int, str, str]:
    """`qstat check`'s exit status and what it prints on stdout and on stderr (check.check's
    ``isolated``: each file read in a process of its own)."""
    from .check import check
    from .rules import Status

    try:
        if args.db:  # a mistyped path must not silently skip the cross-period rules
            from .history import require_history

            require_history(args.db, exists=True)
        results = check(args.files, args.period, args.config, args.db, isolated)
    except (ValueError, OSError) as e:
        return 2, "", f"qstat: {e}\n"
    out = io.StringIO()
    for sub, period in results:
        checked = f"，{period.chinese()}" if period else ""
        print(
            f"{sub.file}（{sub.unit or '单位未识别'}{checked}）：{Status(sub.status).label}"
            f"，错误 {sub.errors} 条，警告 {sub.warnings} 条，已说明 {sub.explained} 条",
            file=out,
        )
        for f in sorted(sub.findings, key=lambda f: f.severity.rank):
            where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (f.sheet or "")
            note = f"〔已说明：{f.explanation}〕" if f.explanation else ""
            print(f"  {f.severity.label} {f.rule} {where} {f.message}{note}", file=out)
    return (1 if any(sub.errors for sub, _ in results) else 0), out.getvalue(), ""


def _add_report(commands) -> tuple[str, object]:
    c = commands.add_parser("report", help="生成工程质量运行态势分析报告（Word/Markdown/HTML）")
    c.add_argument(
        "--period", required=True, help="2024Q3（季度）、2024（年度）或 2024H1/2024H2（半年，仅 --public）"
    )
    c.add_argument("--db", type=Path, default=Path("qstat.sqlite"), help="历史数据库")
    c.add_argument("--out", type=Path, help="输出目录，默认 out/<period>")
    c.add_argument("--template", type=Path, help="自定义模板（.docx，或 .md.j2/.html.j2）")
    c.add_argument("--narrative", type=Path, help="文字材料文件（Markdown，## 一、… 分节）")
    c.add_argument("--format", choices=("docx", "md", "html"), default="docx", dest="fmt")
    c.add_argument(
        "--narrative-skeleton", type=Path, metavar="FILE", help="只写出空白的文字材料文件供填写，不生成报告"
    )
    c.add_argument("--office", default="", help="写入文字材料文件标题的单位名称")
    c.add_argument(
        "--public",
        action="store_true",
        help="生成向社会公开的半年或年度工程质量总体状况分析报告（Word 与网页），有未填写的内容时拒绝生成",
    )
    c.add_argument("--config", type=Path, help="qstat.toml：报告落款用其中 [office] 的 full_name")
    _add_date(c, "报告的成文日期")
    return "report", _report


def _report(args: argparse.Namespace) -> int:
    from .write.report import ReportError, build_report, write_skeleton  # docxtpl loads only here

    try:
        if args.narrative_skeleton:
            print(f"文字材料文件：{write_skeleton(args.narrative_skeleton, args.period, args.office)}")
            return 0
        config = _config(args.config) if args.config else None
        if args.public:
            return _public(args, config)
        result = build_report(
            args.period,
            args.db,
            args.out or Path("out") / args.period,
            template=args.template,
            narrative=args.narrative,
            fmt=args.fmt,
            today=args.date,
            config=config,
        )
    except (ReportError, ValueError, OSError) as e:  # OutputError is an OSError
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    print(f"{result.title}：{result.outputs['report']}")
    if result.date_note:
        print(result.date_note)
    if result.placeholders:
        print(f"待填写的章节 {len(result.placeholders)} 个：{'、'.join(result.placeholders)}")
    if result.to_confirm:
        print(
            f"请核实后确认或删除的判断和草稿 {len(result.to_confirm)} 处（报告中标有【请核实】或【草稿】）："
        )
        for n, item in enumerate(result.to_confirm, 1):
            print(f"  {n}. {item}")
    return 0


def _public(args: argparse.Namespace, config: Config | None) -> int:
    """`report --public`: the .docx and the .html page, or the sections still to be written."""
    from .write.report.public import APPROVAL, PublicReportError, build_public

    out = args.out or Path("out") / args.period
    try:
        result = build_public(
            args.period, args.db, out, narrative=args.narrative, config=config, today=args.date
        )
    except PublicReportError as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 1
    print(f"{result.title}：{result.outputs['docx']}")
    print(f"网页：{result.outputs['html']}")
    print(f"注：{APPROVAL}")
    return 0


def _add_template(commands) -> tuple[str, object]:
    c = commands.add_parser("template", help="生成下发给下级单位填写的报表模板（填写时自动检查）")
    who = c.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", help="填报单位名称，如 叶县")
    who.add_argument("--all", action="store_true", help="为配置文件中的全部单位各生成一个模板")
    c.add_argument("--period", required=True, help="2024Q3（季度）或 2024（年度）")
    c.add_argument("--config", type=Path, help="qstat.toml（--all 必需；score_sheet 指定评分表）")
    c.add_argument(
        "--db", type=Path, default=Path("qstat.sqlite"), help="历史数据库：预填上期接转（不存在时不预填）"
    )
    c.add_argument(
        "--score-sheet",
        metavar="ID|FILE",
        help="附带的考核评分表：内置评分表编号或 .toml 文件，默认取配置中的 score_sheet",
    )
    c.add_argument(
        "--out",
        type=Path,
        help="--unit：输出文件，默认 out/<period>/模板/<单位>_<period>.xlsx；--all：输出目录",
    )
    _add_date(c, "自查表上的模板下发日期")
    return "template", _template


def _template(args: argparse.Namespace) -> int:
    from .write.template import TemplateError, template_name, write_template, write_templates

    try:
        period = _period(args.period)
        config = _config(args.config)
        if args.all and not args.config:
            raise TemplateError("--all 需要 --config（其中列出全部单位）")
        folder = Path("out") / str(period) / "模板"
        options = {"db": args.db, "today": args.date, "score_sheet": args.score_sheet}
        if args.all:
            results = write_templates(args.out or folder, period, config, **options)
        else:
            path = args.out or folder / template_name(args.unit, period)
            path.parent.mkdir(parents=True, exist_ok=True)
            results = [write_template(path, args.unit, period, config, **options)]
    except (TemplateError, ValueError, OSError) as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    for result in results:
        carried = result.carried_over
        prefill = (
            f"，已预填上期接转 {carried.count:g} 项、{carried.area:g} 万㎡、{carried.cost:g} 万元"
            if carried
            else ""
        )
        listed = f"，已预填附表3在建工程 {len(result.projects)} 项" if result.projects else ""
        print(f"{result.unit} {period.chinese()}：{result.path}{prefill}{listed}")
    for note in dict.fromkeys(n for r in results for n in r.notes):
        print(f"  注：{note}")
    return 0


def _add_history(commands) -> tuple[str, object]:
    c = commands.add_parser("history", help="导出历史数据库中的各期数据（期别×单位，每项数据一列）")
    c.add_argument("--db", type=Path, required=True, help="历史数据库")
    c.add_argument(
        "--form",
        choices=("F1", "F2", "F3", "F4", "F5", "F6", "F7", "INDEX"),
        help="只导出一张报表的数据（F5 即附表5；INDEX 即质量指数），默认全部",
    )
    c.add_argument("--config", type=Path, help="qstat.toml：质量指数按其中 [index] 的权重计算")
    c.add_argument("--unit", help="只导出一个单位（或“合计”）")
    c.add_argument("--out", type=Path, required=True, help="输出文件：.xlsx 或 .csv")
    return "history", _history


def _history(args: argparse.Namespace) -> int:
    from .history import HistoryError
    from .write.history_table import HistoryTableError, write_history_table  # pandas loads only here

    try:
        index = _config(args.config).index if args.config else None
        rows = write_history_table(args.db, args.out, form=args.form, unit=args.unit, index=index)
    except (HistoryTableError, HistoryError, ValueError, OSError) as e:  # OutputError is an OSError
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    print(f"历史数据 {rows} 行：{args.out}")
    return 0


def _add_serve(commands) -> tuple[str, object]:
    c = commands.add_parser("serve", help="在浏览器中办理：收报表、看问题、汇总、下载（网页界面）")
    c.add_argument("--config", type=Path, help="qstat.toml（单位名单、[serve] password）")
    c.add_argument("--period", help="2024Q3 或 2024；默认上一季度")
    c.add_argument("--inbox", type=Path, help="收件目录：上传的报表存放于此，默认 inbox/<period>")
    c.add_argument("--out", type=Path, help="输出目录，默认 out/<period>")
    c.add_argument("--db", type=Path, default=Path("qstat.sqlite"), help="历史数据库")
    c.add_argument("--host", default="127.0.0.1", help="监听地址，默认 127.0.0.1（仅本机可访问）")
    c.add_argument("--port", type=int, default=8000, help="端口，默认 8000")
    c.add_argument("--password", help="访问密码；监听本机以外的地址时必须设置")
    c.add_argument("--open", action="store_true", help="启动后在浏览器中打开页面")
    return "serve", _serve


def _serve(args: argparse.Namespace) -> int:
    from .periods import last_quarter_before
    from .serve import ServeError, Settings, check_bind, serve  # the web stack loads only here

    try:
        period = _period(args.period) if args.period else last_quarter_before(date.today())
        config = _config(args.config)
        password = args.password or config.serve_password
        check_bind(args.host, password)
    except (ValueError, OSError, ServeError) as e:
        print(f"qstat: {e}", file=sys.stderr)
        return 2
    settings = Settings(
        inbox=args.inbox or Path("inbox") / str(period),
        out=args.out or Path("out") / str(period),
        period=period,
        config=config,
        db=args.db,
        password=password,
    )
    url = f"http://{'localhost' if args.host in ('127.0.0.1', '::1') else args.host}:{args.port}/"
    print(f"{config.name or '汇总'} {period.chinese()}：在浏览器中打开 {url}（按 Ctrl+C 停止）")
    print(f"  收件目录：{settings.inbox}  输出目录：{settings.out}")
    if args.open:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, (url,)).start()
    try:
        serve(settings, host=args.host, port=args.port)
    except OSError as e:  # the port is taken
        print(f"qstat: 无法在 {args.host}:{args.port} 上启动：{e}", file=sys.stderr)
        return 2
    return 0


# Each subcommand by name, in the order `qstat --help` lists them.
COMMANDS = {
    "consolidate": _add_consolidate,
    "check": _add_check,
    "scores": _add_scores,
    "report": _add_report,
    "template": _add_template,
    "history": _add_history,
    "serve": _add_serve,
}
