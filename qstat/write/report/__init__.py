"""The quality situation analysis report (工程质量运行态势分析报告), 第十条 item 7 / 第十一条.

    build_report("2024Q3", "qstat.sqlite", "out/2024Q3")  -> ReportResult

data.py reads the history, content.py writes the sentences and tables (wording.py words the
comparisons), narrative.py takes the clerk's and the units' text, charts.py draws the charts,
render.py fills the Word or Markdown template. Nothing is written unless everything rendered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ...config import Config
from ...history import Reader
from ...periods import Period
from ..outputs import atomic_outputs
from ..safe import safe_name
from .data import ReportError, gather, units_material
from .narrative import (
    NUMERALS,
    PROMPTS,
    NarrativeError,
    compose,
    drafted,
    numeral,
    order,
    parse_narrative_file,
    section_title,
    skeleton,
)
from .quality_index import index_chart, index_context

# content.py and render.py (python-docx, docxtpl, Jinja2) load when a report is made: a
# consolidation reads the units' Word reports with narrative.py and the page lists FORMATS.
FORMATS = ("docx", "md", "html")
__all__ = [
    "FORMATS",
    "ReportError",
    "ReportResult",
    "build_report",
    "editor_sections",
    "write_narrative",
    "write_skeleton",
]


@dataclass
class ReportResult:
    period: Period
    title: str
    outputs: dict[str, Path] = field(default_factory=dict)  # "report": the document written
    placeholders: list[str] = field(default_factory=list)  # sections still to be written
    to_confirm: list[str] = field(default_factory=list)  # judgements 【请核实】 and units' drafts
    date_note: str = ""  # the 成文日期 is more than one quarter after the period (for the CLI)


def late_date_note(period: Period, day: date) -> str:
    """A warning when the 成文日期 is after the end of the quarter following the period (第五条:
    the report goes up 于每季度末), e.g. a report of 2024Q3 made in 2026 without --date; '' else."""
    after = period.end + timedelta(days=1)
    limit = Period(after.year, (after.month - 1) // 3 + 1).end
    if day <= limit:
        return ""
    return (
        (
            f"注意：成文日期{day:%Y年%m月%d日}晚于{period.chinese()}结束后的下一个季度末"
            f"（{limit:%Y年%m月%d日}），请核实，或用 --date 指定成文日期。"
        )
        .replace("年0", "年")
        .replace("月0", "月")
    )


def build_report(
    period: str | Period,
    db: str | Path,
    out: str | Path,
    template: str | Path | None = None,
    narrative: str | Path | None = None,
    fmt: str = "docx",
    today: date | None = None,
    config: Config | None = None,
) -> ReportResult:
    """Render the period's report from the history into ``out``; ReportError if it cannot be made.

    ``today`` is the 成文日期 (default the machine's date); ``config`` gives the 落款 ([office]
    full_name, else the office name the history recorded), the 主送机关 ([office] recipient) and
    the 风险预警 thresholds ([warnings]).
    """
    from .charts import report_charts  # Pillow
    from .content import PLACEHOLDER, build_context, to_confirm
    from .render import DEFAULT_TEMPLATES, data_uri, markdown_to_html, render_docx, render_text

    period = period if isinstance(period, Period) else Period.parse(str(period))
    if period.is_half:
        raise ReportError(f"{period}是半年：半年只发布公开报告，请加 --public")
    if fmt not in FORMATS:
        raise ReportError(f"不支持的格式：{fmt}（可用：{'、'.join(FORMATS)}）")
    template = Path(template) if template else DEFAULT_TEMPLATES[fmt]
    if not template.is_file():
        raise ReportError(f"模板文件不存在：{template}")
    text = None
    if narrative:
        try:
            text = parse_narrative_file(
                Path(narrative).read_text(encoding="utf-8-sig"), Path(narrative).name, period.is_annual
            )
        except (OSError, UnicodeDecodeError) as e:
            raise ReportError(f"无法读取文字材料文件{narrative}：{e}") from e
        except NarrativeError as e:
            raise ReportError(str(e)) from e
    settings = config.index if config else None  # the 质量指数's weights ([index])
    with Reader(db) as read:  # one connection for the report's queries
        data = gather(read, period)
        quality_index = index_context(read, period, settings)["quality_index"]
        context = build_context(data, text, today, config, quality_index)
        charts = report_charts(data)
        if quality_index["rows"]:
            charts["index"] = index_chart(read, period, settings)
    name = f"{safe_name(context['office'], '汇总')}_{period}_工程质量运行态势分析报告.{fmt}"
    files: dict[str, bytes] = {}
    if fmt == "docx":
        files[name] = render_docx(template, context, charts)
    elif fmt == "md":  # the charts as PNG files beside the Markdown
        images = {k: f"{period}_chart_{k}.png" for k in charts}
        files[name] = render_text(template, context, images).encode()
        files |= {images[k]: png for k, png in charts.items()}
    else:
        page = render_text(template, context, {k: data_uri(png) for k, png in charts.items()})
        if not template.name.endswith((".html", ".html.j2")):
            page = markdown_to_html(page, context["title"])
        files[name] = page.encode()
    out = Path(out)
    with atomic_outputs(out) as stage:
        for file, content in files.items():
            stage(file).write_bytes(content)
    printed = sorted(
        context["sections"] + context["annual_sections"], key=lambda s: NUMERALS.index(s["numeral"])
    )  # a year's 三-五 follow 二
    placeholders = [s["heading"] for s in printed if any(p.startswith(PLACEHOLDER) for p in s["paragraphs"])]
    return ReportResult(
        period,
        context["title"],
        {"report": out / name},
        placeholders,
        to_confirm(context),
        late_date_note(period, today or date.today()),
    )


def write_skeleton(path: str | Path, period: str | Period, office: str = "") -> Path:
    """A blank narrative file for the clerk to fill (sections 一 to 十一; a year's 一 to 十四)."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(_narrative_title(period, office), period.is_annual) + "\n", encoding="utf-8")
    return path


def write_narrative(path: Path, period: Period, office: str, texts: dict[int, str]) -> Path:
    """The page's boxes (section number → text) saved as the narrative file the report reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = compose(_narrative_title(period, office), texts, period.is_annual)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def editor_sections(period: Period, db: Path, narrative: Path) -> list[dict]:
    """The page's narrative editor, one box per section in printed order: the clerk's saved text
    (``narrative``), else the draft from the units' material recorded for the period.

    Raises ReportError when the saved file cannot be read."""
    from .content import DATA_SECTIONS

    annual = period.is_annual
    saved = None
    if narrative.is_file():
        try:
            text = narrative.read_text(encoding="utf-8-sig")
            saved = parse_narrative_file(text, narrative.name, annual)
        except (OSError, UnicodeDecodeError, NarrativeError) as e:
            raise ReportError(f"无法读取已保存的文字材料{narrative.name}：{e}") from e
    units = units_material(db, period)
    boxes = []
    for number in order(annual):
        paragraphs = drafted(saved, units, number)
        own = bool(saved and saved.sections.get(number))
        boxes.append(
            {
                "number": number,
                "heading": f"{numeral(number, annual)}、{section_title(number, annual)}",
                "text": "\n\n".join(paragraphs),
                "drafted": bool(paragraphs) and not own,  # the units' words, for the clerk to check
                "prompt": PROMPTS.get(number, "（可选）补充说明"),
                "figures": number in DATA_SECTIONS,  # written from the figures; the text follows them
            }
        )
    return boxes


def _narrative_title(period: Period, office: str) -> str:
    return f"{office}{period.chinese()}工程质量运行态势分析报告 文字材料"
