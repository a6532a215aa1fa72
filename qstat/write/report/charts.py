"""The report's charts as PNG bytes (matplotlib, no GUI, no global pyplot state).

A chart has no title of its own: the document's caption (图1　…) names it, once.

Chinese labels need a CJK font, and CI machines have none: the package ships a subset of Noto
Sans CJK SC (fonts/, SIL OFL) and every chart uses it, so the images are the same everywhere.
"""

from __future__ import annotations

import io
import math
from functools import cache

import numpy as np
from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PIL import Image

from ...resources import resource

FONT_FILE = resource("qstat.write.report", "fonts", "NotoSansSC-qstat-subset.otf")
COLOURS = ("#3b6ea8", "#e08a2c", "#4f9a5a", "#b04a4a")
DPI = 150
PAD = 0.1  # inches of margin around what is drawn (savefig's pad_inches)


@cache
def font_family() -> str:
    """Register the shipped CJK font with matplotlib once; its family name."""
    font_manager.fontManager.addfont(str(FONT_FILE))
    return font_manager.FontProperties(fname=str(FONT_FILE)).get_name()


def _style() -> dict:
    return {
        "font.family": [font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _png(fig: Figure) -> bytes:
    """The figure drawn once, cut to what was drawn and a PAD margin: savefig's
    bbox_inches="tight" gives the same picture but draws the figure twice to find that box."""
    fig.set_dpi(DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = fig.get_tightbbox(canvas.get_renderer()).padded(PAD)  # inches from the bottom left
    pixels = np.asarray(canvas.buffer_rgba())  # rows from the top
    height, width = pixels.shape[:2]
    top, bottom = max(0, math.floor(height - box.y1 * DPI)), min(height, math.ceil(height - box.y0 * DPI))
    left, right = max(0, math.floor(box.x0 * DPI)), min(width, math.ceil(box.x1 * DPI))
    buf = io.BytesIO()
    Image.fromarray(pixels[top:bottom, left:right]).save(buf, format="png", dpi=(DPI, DPI))
    return buf.getvalue()


def unit_bars(units: list[str], series: dict[str, list[float]], unit_label: str) -> bytes:
    """Grouped bars per unit (竣工 and 备案 项数), values written above the bars."""
    with rc_context(_style()):
        fig = Figure(figsize=(7.2, 3.2))
        ax = fig.add_subplot()
        width = 0.8 / max(len(series), 1)
        for i, (name, values) in enumerate(series.items()):
            xs = [x + (i - (len(series) - 1) / 2) * width for x in range(len(units))]
            bars = ax.bar(xs, values, width, label=name, color=COLOURS[i % len(COLOURS)])
            ax.bar_label(bars, labels=[f"{v:g}" for v in values], fontsize=7, padding=1)
        _units_axis(ax, units)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(unit_label)
        ax.legend(frameon=False, ncols=len(series), loc="lower right", bbox_to_anchor=(1, 1))
        ax.margins(y=0.15)
        return _png(fig)


def rate_bars(units: list[str], rates: list[float | None], total: float | None) -> bytes:
    """One bar per unit (a unit with no rate shows “—”), the office's rate as a line."""
    with rc_context(_style()):
        fig = Figure(figsize=(7.2, 3.0))
        ax = fig.add_subplot()
        bars = ax.bar(range(len(units)), [r or 0 for r in rates], 0.6, color=COLOURS[0])
        ax.bar_label(bars, labels=["—" if r is None else f"{r:.1f}" for r in rates], fontsize=7, padding=1)
        if total is not None:
            ax.axhline(total, color=COLOURS[3], linewidth=1, linestyle="--", label=f"合计 {total:.1f}%")
            ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(1, 1))
        _units_axis(ax, units)
        ax.set_ylim(0, 115)
        ax.set_ylabel("%")
        return _png(fig)


def trend(
    periods: list[str],
    counts: dict[str, list[float | None]],
    rate_name: str,
    rates: list[float | None],
) -> bytes:
    """Counts by period as lines above, the filing rate in its own panel below (no second axis)."""
    with rc_context(_style()):
        fig = Figure(figsize=(7.2, 4.2))
        ax, rate_ax = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        xs = list(range(len(periods)))
        for i, (name, values) in enumerate(counts.items()):
            ax.plot(xs, values, marker="o", label=name, color=COLOURS[i % len(COLOURS)])
        ax.set_ylabel("项数")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0, top=max([v or 0 for vs in counts.values() for v in vs] + [1]) * 1.15)
        ax.legend(frameon=False, fontsize=8, loc="lower right", ncols=len(counts), bbox_to_anchor=(1, 1))
        rate_ax.plot(xs, rates, marker="s", color=COLOURS[3])
        for x, r in zip(xs, rates):
            if r is not None:
                rate_ax.annotate(
                    f"{r:.1f}", (x, r), textcoords="offset points", xytext=(0, 4), ha="center", fontsize=7
                )
        rate_ax.set_ylim(0, 115)
        rate_ax.set_ylabel(rate_name)
        rate_ax.set_xticks(xs, periods)
        rate_ax.set_xlim(-0.5, len(periods) - 0.5)
        return _png(fig)


def period_label(period) -> str:
    """A period as a chart axis says it: 2024年二季度, 2024年."""
    return f"{period.year}年" if period.is_annual else f"{period.year}年{'一二三四'[period.quarter - 1]}季度"


def _units_axis(ax, units: list[str]) -> None:
    ax.set_xticks(range(len(units)), units, rotation=0 if len(units) <= 12 else 45)
    ax.tick_params(axis="x", labelsize=8)
    pad = max(0, (6 - len(units)) / 2)  # a few units keep bars of normal width
    ax.set_xlim(-0.5 - pad, len(units) - 0.5 + pad)


def report_charts(data) -> dict[str, bytes]:
    """The three charts of a report: completed/filed by unit, filing rate by unit, the trend."""
    cur = data.current
    units = cur.units
    counts = {
        name: [cur.get(u, f"{key}.count") or 0 for u in units]
        for name, key in (("竣工工程", "completed"), ("备案工程", "filed"))
    }
    rates = [cur.get(u, "filing_rate.count") for u in units]
    series = data.series or [cur]
    lines = {
        name: [s.total(f"{key}.count", "F5") for s in series]
        for name, key in (("新注册", "new"), ("竣工", "completed"), ("备案", "filed"))
    }
    return {
        "units": unit_bars(units, counts, "项数"),
        "filing_rate": rate_bars(units, rates, cur.total("filing_rate.count")),
        "trend": trend(
            [period_label(s.period) for s in series],
            lines,
            "备案率（%）",
            [s.total("filing_rate.count", "F5") for s in series],
        ),
    }


def index_line(periods: list[str], values: list[float]) -> bytes:
    """The office's 质量指数 by period, its values written over the points, on a 0-100 axis."""
    with rc_context(_style()):
        fig = Figure(figsize=(7.2, 2.8))
        ax = fig.add_subplot()
        xs = list(range(len(periods)))
        ax.plot(xs, values, marker="o", color=COLOURS[0])
        for x, v in zip(xs, values):
            ax.annotate(
                f"{v:.1f}", (x, v), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8
            )
        ax.set_xticks(xs, periods)
        ax.set_xlim(-0.5, max(len(periods), 2) - 0.5)
        ax.set_ylim(0, 105)
        ax.set_ylabel("质量指数")
        return _png(fig)
