"""The public report (seed 002 第五条, 第十五条): 工程质量总体状况分析报告 for a half-year or a year,
written for the public, as a 公文 .docx and one self-contained HTML page for the office's website.

    build_public("2024H1", "qstat.sqlite", "out/2024H1", narrative="2024H1.md") -> ReportResult

Only office-level figures, their trend, the 质量指数 and the measures the clerk writes: no
findings, no units' own 文字材料, no 未报 lists (the quarterly report is where those go), and no
company names unless [public] name_companies = true. A section the clerk has not written stops
the command (PublicReportError lists them): nothing is published with 【待填写】 in it.

The content is a list of blocks (heading, paragraph, table, chart) so that the Word document
and the HTML page say the same thing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...config import Config
from ...forms.f1_bad_behaviour import PARTY_TYPES
from ...history import TOTAL, Reader
from ...index import Inputs, inputs, recorded_periods
from ...periods import Period
from ..outputs import atomic_outputs
from ..safe import safe_name
from .data import ReportError
from .narrative import Narrative, NarrativeError, parse_narrative_file, section_title
from .quality_index import index_chart, index_context
from .render import TEMPLATES, data_uri, keep_tables, render_text
from .wording import change, number

HTML_TEMPLATE = TEMPLATES / "public.html.j2"
# The clerk's sections the public report prints (第十条 item 7 numbering, 12-14 a year's), each
# under the public report's own heading; every one must be written.
MEASURES = (4, 5, 10)  # 实体质量监督措施, 质量通病治理, 监督执法
YEAR_WORK = (12, 13, 14)  # 机制建立, 政策制定, 活动开展
NEXT_STEPS = 11  # 对策建议
APPROVAL = (
    "公开前须由本级住房城乡建设主管部门主要领导审批同意（第十五条）；以公告或报纸、电视、网络等形式发布，"
    "网上公布时间不少于1个月。"
)


class PublicReportError(ReportError):
    """The public report cannot be published yet; ``missing`` names the unwritten sections."""

    def __init__(self, message: str, missing: list[str] | None = None) -> None:
        super().__init__(message)
        self.missing = missing or []


@dataclass
class Block:
    """One piece of the report: kind heading | paragraph | table | chart."""

    kind: str
    text: str = ""  # a heading's or paragraph's text, a table's or chart's caption
    header: list[str] = field(default_factory=list)  # a table's
    rows: list[list[str]] = field(default_factory=list)
    chart: str = ""  # a chart's name


@dataclass
class PublicResult:
    period: Period
    title: str
    outputs: dict[str, Path] = field(default_factory=dict)  # "docx", "html"


def build_public(
    period: str | Period,
    db: str | Path,
    out: str | Path,
    narrative: str | Path | None = None,
    config: Config | None = None,
    today: date | None = None,
) -> PublicResult:
    """Write the .docx and the .html into ``out``; PublicReportError while a section is unwritten."""
    period = period if isinstance(period, Period) else Period.parse(str(period))
    if period.quarter:
        raise ReportError(
            f"公开报告每半年发布一次：请用 --period {period.year}H1、{period.year}H2 或 {period.year}"
        )
    config = config or Config()
    with Reader(db) as read:  # one connection for the report's queries
        found = inputs(read, period)
        if found is None:
            raise ReportError(
                f"历史数据库{db}中没有{period.chinese()}任何季度的汇总数据，请先运行 qstat consolidate"
            )
        text = _narrative(narrative, period)
        missing = [
            section_title(n, period.is_annual)
            for n in (*MEASURES, *(YEAR_WORK if period.is_annual else ()), NEXT_STEPS)
            if not _written(text, n)
        ]
        if missing:
            raise PublicReportError(
                "公开报告还有未填写的内容，未生成："
                + "、".join(missing)
                + "（请在 --narrative 文字材料中填写）",
                missing,
            )
        office = config.name or _office(read)
        blocks = _blocks(read, period, found, text, config)
        charts = {"index": index_chart(read, period, config.index)}
    title = f"{office}{period.chinese()}工程质量总体状况分析报告"
    report_date = f"{(today or date.today()):%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
    signature = config.signature or office
    name = f"{safe_name(office, '汇总')}_{period}_工程质量总体状况分析报告（公开）"
    files = {
        f"{name}.docx": _docx(title, blocks, charts, signature, report_date),
        f"{name}.html": render_text(
            HTML_TEMPLATE,
            {
                "title": title,
                "blocks": [vars(b) for b in blocks],
                "signature": signature,
                "report_date": report_date,
            },
            {k: data_uri(png) for k, png in charts.items()},
        ).encode(),
    }
    out = Path(out)
    with atomic_outputs(out) as stage:
        for file, content in files.items():
            stage(file).write_bytes(content)
    return PublicResult(period, title, {"docx": out / f"{name}.docx", "html": out / f"{name}.html"})


def _narrative(path: str | Path | None, period: Period) -> Narrative | None:
    if not path:
        return None
    try:
        return parse_narrative_file(
            Path(path).read_text(encoding="utf-8-sig"), Path(path).name, period.is_annual
        )
    except (OSError, UnicodeDecodeError) as e:
        raise ReportError(f"无法读取文字材料文件{path}：{e}") from e
    except NarrativeError as e:
        raise ReportError(str(e)) from e


def _written(text: Narrative | None, number: int) -> bool:
    paragraphs = text.sections.get(number, []) if text else []
    return bool(paragraphs) and not any("【待填写" in p for p in paragraphs)


def _office(read: Reader) -> str:
    names = [o for (o,) in read("SELECT office FROM runs ORDER BY period DESC") if o]
    return names[0] if names else ""


def _blocks(
    read: Reader, period: Period, found: Inputs, text: Narrative | None, config: Config
) -> list[Block]:
    form = period.statistics_form
    total = found.figures.get((TOTAL, form), {})
    ago = inputs(read, Period(period.year - 1, half=period.half))
    before = ago.figures.get((TOTAL, form), {}) if ago else {}
    word = period.chinese()
    recorded = {str(p) for p in recorded_periods(read)}
    quarters = [q for q in period.quarters if str(q) in recorded]
    blocks = [Block("heading", "一、总体情况"), Block("paragraph", _overview(word, total))]
    if len(quarters) < len(period.quarters) and str(period) not in recorded:
        names = "、".join(q.chinese() for q in quarters)
        blocks.append(Block("paragraph", f"本报告数据为{names}的汇总数据。"))
    blocks.append(_figures_table(period, total, before))
    blocks += [Block("heading", "二、发展趋势"), *_trend(read, period, quarters)]
    index = index_context(read, period, config.index)["quality_index"]
    blocks += [Block("heading", "三、工程质量指数")]
    if index["sentence"]:
        blocks.append(
            Block(
                "paragraph",
                index["sentence"] + "质量指数综合备案率、用户满意率、质量事故、不良行为记录、"
                "行政处罚、自评得分和统计报送情况，满分100。",
            )
        )
    blocks.append(
        Block(
            "table",
            "表3　各地质量指数",
            ["单位", "上期", "本期", "较上期", "排名"],
            [
                [r["unit"], r["before"], r["index"], r["change"], r["rank"]]
                for r in index["rows"] + [index["office"]]
            ],
        )
    )
    blocks.append(Block("chart", "图1　质量指数走势", chart="index"))
    blocks += [Block("heading", "四、质量行为监管"), *_conduct(read, period, found, config)]
    blocks += [Block("heading", "五、采取的主要措施")]
    sections = (*MEASURES, *(YEAR_WORK if period.is_annual else ()))
    for n, numeral in zip(sections, "一二三四五六"):
        blocks.append(Block("subheading", f"（{numeral}）{section_title(n, period.is_annual)}"))
        blocks += [Block("paragraph", p) for p in (text.sections[n] if text else [])]
    blocks += [Block("heading", "六、下一步工作")]
    blocks += [Block("paragraph", p) for p in (text.sections[NEXT_STEPS] if text else [])]
    return blocks


def _overview(word: str, total: dict) -> str:
    def v(key: str, digits: int = 0) -> str:
        return number(total.get(key), digits)

    sentence = (
        f"{word}，新注册工程{v('new.count')}项、{v('new.area', 2)}万㎡；"
        f"截至期末在建工程{v('in_progress.count')}项、{v('in_progress.area', 2)}万㎡；"
        f"竣工工程{v('completed.count')}项、{v('completed.area', 2)}万㎡，"
        f"办理质量备案{v('filed.count')}项，备案率{v('filing_rate.count', 1)}%（按项数）；"
        f"用户满意率{v('satisfaction_rate', 1)}%。"
    )
    accidents = total.get("accidents.count") or 0
    if accidents:
        sentence += f"发生工程质量事故{v('accidents.count')}起，死亡{v('accidents.deaths')}人。"
    else:
        sentence += "未发生工程质量事故。"
    return sentence


FIGURES = (  # label, key, digits, is a rate
    ("新注册工程（项）", "new.count", 0, False),
    ("新注册工程（万㎡）", "new.area", 2, False),
    ("在建工程（项）", "in_progress.count", 0, False),
    ("竣工工程（项）", "completed.count", 0, False),
    ("竣工工程（万㎡）", "completed.area", 2, False),
    ("质量备案工程（项）", "filed.count", 0, False),
    ("质量备案率（%）", "filing_rate.count", 1, True),
    ("用户满意率（%）", "satisfaction_rate", 1, True),
    ("质量事故（起）", "accidents.count", 0, False),
    ("事故死亡人数（人）", "accidents.deaths", 0, False),
)


def _figures_table(period: Period, total: dict, before: dict) -> Block:
    """The period against the same period a year earlier (同比), figures as printed."""
    rows = []
    for label, key, digits, is_rate in FIGURES:
        now, then = total.get(key), before.get(key)
        printed = [None if x is None else round(x, digits) for x in (now, then)]  # compared as printed
        rows.append(
            [label, number(now, digits), number(then, digits), change(printed[0], printed[1], is_rate) or "—"]
        )
    if all(r[2] == "—" for r in rows):  # no year-ago figures: a column with nothing in it is left out
        return Block("table", "表1　主要指标", ["指标", period.chinese()], [r[:2] for r in rows])
    return Block("table", "表1　主要指标", ["指标", period.chinese(), "上年同期", "同比"], rows)


def _trend(read: Reader, period: Period, quarters: list[Period]) -> list[Block]:
    """Each quarter of the period beside the period itself: how the figures moved."""
    columns = [(q.chinese().replace(f"{q.year}年", ""), inputs(read, q)) for q in quarters]
    rows = []
    for label, key, digits, _ in FIGURES:
        if key.startswith("in_progress"):
            continue
        rows.append(
            [label]
            + [number(f.figures.get((TOTAL, "F5"), {}).get(key), digits) if f else "—" for _, f in columns]
        )
    return [
        Block("paragraph", f"{period.chinese()}各季度主要指标如下表。"),
        Block("table", "表2　各季度主要指标", ["指标"] + [c for c, _ in columns], rows),
    ]


def _conduct(read: Reader, period: Period, found: Inputs, config: Config) -> list[Block]:
    """不良行为记录 by type of party and 行政处罚; names only with [public] name_companies."""
    records = found.figures.get((TOTAL, "F1"), {})
    penalties = number(found.figures.get((TOTAL, "F2"), {}).get("rows"), 0)
    kinds = "、".join(
        f"{word}单位{records[f'party.{kind}']:g}条"
        for kind, word in PARTY_TYPES.items()
        if records.get(f"party.{kind}")
    )
    sentence = f"{period.chinese()}记录工程建设各方主体不良行为{number(records.get('rows'), 0)}条"
    sentence += f"（{kinds}）" if kinds else ""
    sentence += f"，实施行政处罚{penalties}起。"
    blocks = [Block("paragraph", sentence)]
    if config.public.name_companies:
        quarters = [str(q) for q in period.quarters]
        marks = ",".join("?" * len(quarters))
        for table, what in (("bad_behaviour", "记入不良行为记录的单位"), ("penalties", "受到行政处罚的单位")):
            names = [
                n
                for (n,) in read(
                    f"SELECT DISTINCT party FROM {table} WHERE party != '' AND period IN ({marks})"
                    " ORDER BY party",
                    tuple(quarters),
                )
            ]
            if names:
                blocks.append(Block("paragraph", f"{what}：{'、'.join(names)}。"))
    return blocks


def _docx(
    title: str, blocks: list[Block], charts: dict[str, bytes], signature: str, report_date: str
) -> bytes:
    """The 公文: GB/T 9704 page and styles (qstat/gongwen.py), the blocks in order, the 落款."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    from ...gongwen import body_styles, no_grid, page_setup, signature_lines

    doc = Document()
    page_setup(doc)
    body_styles(doc)
    doc.add_paragraph(title, style="Title")
    styles = {"heading": "Heading 1", "subheading": "Heading 2", "paragraph": None}
    for b in blocks:
        if b.kind in styles:
            doc.add_paragraph(b.text, style=styles[b.kind])
        elif b.kind == "table":
            doc.add_paragraph(b.text, style="Caption")
            table = doc.add_table(rows=1 + len(b.rows), cols=len(b.header))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, values in enumerate([b.header, *b.rows]):
                for c, value in enumerate(values):
                    p = table.cell(r, c).paragraphs[0]
                    p.style = "Table Text"
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT if c == 0 and r else WD_ALIGN_PARAGRAPH.CENTER
                    p.add_run(value).bold = r == 0
            for r, row in enumerate(table.rows):  # no row broken over pages, the header repeated
                marks = ("w:cantSplit", "w:tblHeader") if r == 0 else ("w:cantSplit",)
                row._tr.get_or_add_trPr().extend(OxmlElement(m) for m in marks)
        elif b.kind == "chart":
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip it
            p.paragraph_format.keep_with_next = True
            no_grid(p)
            p.add_run().add_picture(io.BytesIO(charts[b.chart]), width=Mm(150))
            doc.add_paragraph(b.text, style="Caption")
    keep_tables(doc)
    doc.add_paragraph()
    for line in signature_lines(signature, report_date):
        doc.add_paragraph(line).paragraph_format.first_line_indent = Pt(0)
    doc.core_properties.title = title
    doc.core_properties.author = "qstat"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
