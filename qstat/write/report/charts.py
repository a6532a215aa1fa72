"""The report's charts as PNG bytes, drawn with Pillow at the size they are printed.

A chart has no title of its own: the document's caption (图1　…) names it, once. Each chart is
drawn once, WIDTH_MM wide (the width the documents print it, render.CHART_WIDTH) at DPI, so its
text prints at the point sizes below. A picture looks the same in Word, WPS and LibreOffice and
serves the Markdown and HTML reports too, where a native Word chart would need a second drawing
path; and bars, lines and labels need no plotting library (matplotlib cost the report ~0.4 s to
import and ~0.1 s per chart). Pillow draws lines without anti-aliasing, so a chart is drawn
SUPERSAMPLE times larger and reduced.

Chinese labels need a CJK font, and CI machines have none: the package ships a subset of Noto
Sans CJK SC (fonts/, SIL OFL) and every chart uses it, so the images are the same everywhere.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from ...resources import resource

FONT_FILE = resource("qstat.write.report", "fonts", "NotoSansSC-qstat-subset.otf")
COLOURS = ("#3b6ea8", "#e08a2c", "#4f9a5a", "#b04a4a")
INK = "#262626"  # axes, ticks and text
# A report printed in black and white loses the colours: each series is told apart by its form
# too. Lines by marker and dash (dash, gap in points; None solid), bars solid or hatched.
MARKERS = ("circle", "square", "triangle")
DASHES: tuple[tuple[float, float] | None, ...] = (None, (3.7, 1.6), (1.2, 1.2))
HATCH_PT = 2.4  # the hatched bars' white stripes: one every HATCH_PT, a third of it wide
WIDTH_MM = 150  # as printed (render.CHART_WIDTH, public.py's pictures)
DPI = 200
SUPERSAMPLE = 3
TEXT_PT, VALUE_PT = 8.0, 7.0  # tick labels, legend and axis names; the values written on the data
LINE_PT, MARKER_PT, TICK_PT = 1.3, 5.0, 3.0  # line width, marker size, tick length
REFERENCE_DASH = (3.7, 1.6)  # a reference line (合计): dashed, in INK, with a white edge over the bars


def _px(pt: float) -> int:
    """Points (1/72 in) as pixels of the supersampled drawing."""
    return round(pt / 72 * DPI * SUPERSAMPLE)


MARGIN, GAP = _px(4), _px(3)
LINE = _px(TEXT_PT * 1.3)  # a line of text
HEADER = LINE + GAP  # the line above a plot: its values' unit and the legend


@cache
def _font(pt: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_FILE), _px(pt))


@dataclass
class Axes:
    """A plot area in pixels and what it shows: values 0..limit upwards, ``slots`` categories
    across (``pad`` empty slots either side: a few units keep bars of normal width)."""

    left: int
    top: int
    right: int
    bottom: int
    limit: float
    slots: int
    pad: float = 0.0

    @property
    def slot(self) -> float:
        return (self.right - self.left) / (self.slots + 2 * self.pad)

    def x(self, i: float) -> float:
        """The centre of category ``i`` (fractions for grouped bars)."""
        return self.left + (i + 0.5 + self.pad) * self.slot

    def y(self, value: float) -> float:
        return self.bottom - min(value, self.limit) / self.limit * (self.bottom - self.top)


@dataclass
class Key:
    """One legend entry: how its series is drawn and its name. ``kind``: bar, hatched (a bar
    with white stripes), reference (a dashed line), or a line's marker (MARKERS) with ``dash``."""

    label: str
    colour: str
    kind: str = "bar"
    dash: tuple[float, float] | None = None


class Chart:
    """A white picture WIDTH_MM × ``height_mm`` to draw on; ``png()`` reduces and encodes it."""

    def __init__(self, height_mm: float):
        size = [round(mm / 25.4 * DPI) * SUPERSAMPLE for mm in (WIDTH_MM, height_mm)]
        self.image = Image.new("RGB", (size[0], size[1]), "white")
        self.draw = ImageDraw.Draw(self.image)

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height

    def text(self, xy: tuple[float, float], text: str, pt: float = TEXT_PT, anchor: str = "mm") -> None:
        self.draw.text(xy, text, fill=INK, font=_font(pt), anchor=anchor)

    def marker(self, x: float, y: float, colour: str, kind: str) -> None:
        """A circle, square or triangle of about the same weight, centred on (x, y)."""
        r = _px(MARKER_PT) / 2
        if kind == "circle":
            self.draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        elif kind == "square":
            r *= 0.9
            self.draw.rectangle((x - r, y - r, x + r, y + r), fill=colour)
        else:
            r *= 1.25
            self.draw.polygon([(x, y - r), (x + r * 0.87, y + r / 2), (x - r * 0.87, y + r / 2)], fill=colour)

    def line(
        self,
        points: list[tuple[float, float | None]],
        colour: str,
        marker: str,
        dash: tuple[float, float] | None = None,
    ) -> None:
        """A series as a line with markers; a missing value (None) breaks the line."""
        run: list[tuple[float, float]] = []
        for x, y in points + [(0.0, None)]:
            if y is not None:
                run.append((x, y))
                continue
            if len(run) > 1:
                self.stroke(run, colour, dash)
            for px, py in run:
                self.marker(px, py, colour, marker)
            run = []

    def stroke(
        self,
        run: list[tuple[float, float]],
        colour: str,
        dash: tuple[float, float] | None,
        pt: float = LINE_PT,
    ) -> None:
        """A line through ``run``, solid or dashed (dash, gap in points; the pattern goes on round
        the corners)."""
        if dash is None:
            self.draw.line(run, fill=colour, width=_px(pt), joint="curve")
            return
        on, period = _px(dash[0]), _px(dash[0] + dash[1])
        done = 0.0  # the length drawn so far, where the pattern stands
        for (x0, y0), (x1, y1) in zip(run, run[1:]):
            length = math.hypot(x1 - x0, y1 - y0)
            at = 0.0
            while at < length:
                inside = done % period
                step = min((on if inside < on else period) - inside, length - at)
                if inside < on:
                    a, b = at / length, (at + step) / length
                    ends = [(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t) for t in (a, b)]
                    self.draw.line(ends, fill=colour, width=_px(pt))
                at, done = at + step, done + step

    def reference(self, x0: float, x1: float, y: float) -> None:
        """A dashed line across the plot at ``y`` in INK, edged in white to show over the bars."""
        self.stroke([(x0, y), (x1, y)], "white", None, 2.2)
        self.stroke([(x0, y), (x1, y)], INK, REFERENCE_DASH, 1.0)

    def bar(self, box: tuple[float, float, float, float], colour: str, hatched: bool = False) -> None:
        """A filled rectangle; ``hatched``: crossed by white diagonal stripes."""
        self.draw.rectangle(box, fill=colour)
        if not hatched:
            return
        x0, y0, x1, y1 = (round(v) for v in box)
        if x1 <= x0 or y1 <= y0:
            return
        # The stripes drawn on a copy of the bar, so they stop at its edges, and the copy put
        # back: the same pixels as pasting white through a mask of them, at a third of the cost.
        bar = self.image.crop((x0, y0, x1, y1))
        draw, pitch, height = ImageDraw.Draw(bar), _px(HATCH_PT), y1 - y0
        for x in range(0, x1 - x0 + height + pitch, pitch):
            draw.line([(x, 0), (x - height, height)], fill="white", width=round(pitch / 3))
        self.image.paste(bar, (x0, y0))

    def legend(self, keys: list[Key], right: float, y: float) -> None:
        """The keys in a row ending at ``right``, centred on ``y``."""
        font, swatch = _font(TEXT_PT), _px(14)
        for key in reversed(keys):
            right -= font.getlength(key.label)
            self.text((right, y), key.label, anchor="lm")
            right -= _px(4) + swatch
            if key.kind in ("bar", "hatched"):
                half = _px(3.5)
                box = (right + swatch - 2 * half, y - half, right + swatch, y + half)
                self.bar(box, key.colour, key.kind == "hatched")
            elif key.kind == "reference":
                self.reference(right, right + swatch, y)
            else:
                self.stroke([(right, y), (right + swatch, y)], key.colour, key.dash)
                self.marker(right + swatch / 2, y, key.colour, key.kind)
            right -= _px(12)

    def png(self) -> bytes:
        """The picture reduced to its size, as PNG (8-bit RGB, unfiltered rows, DPI in pHYs).
        Written here: Image.save would first import every format plugin of Pillow (~0.05 s)."""
        image = self.image.reduce(SUPERSAMPLE)
        width, height = image.size
        pixels, stride = image.tobytes(), width * 3
        rows = b"".join(b"\0" + pixels[y * stride : (y + 1) * stride] for y in range(height))
        per_metre = round(DPI / 0.0254)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
            + _chunk(b"IDAT", zlib.compress(rows, 6))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: length, type, data, CRC of type and data."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _ticks(high: float, integer: bool = False) -> list[float]:
    """Ticks from 0 to at most ``high`` on a round step (1, 2, 2.5 or 5 × 10ⁿ; whole numbers if
    ``integer``), about six of them."""
    raw = max(high, 1e-9) / 6
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude
        for m in (1, 2, 2.5, 5, 10)
        if m * magnitude >= raw and (not integer or m * magnitude >= 1)
    )
    if integer:
        step = math.ceil(step)
    return [i * step for i in range(int(high / step + 1e-9) + 1)]


def _label(value: float) -> str:
    return f"{value:g}"


def _x_label_lines(labels: list[str], slot: float) -> list[list[str]]:
    """Each category's label as printed: on one line; where any is too wide for its slot, a
    period broken after its year (2024年 / 一季度); else each character on a line of its own,
    read downwards as Chinese is when space is short."""
    font = _font(TEXT_PT)
    for split in (lambda t: [t], lambda t: t.replace("年", "年\n", 1).split("\n"), list):
        lines = [split(t) for t in labels]
        if all(font.getlength(x) <= slot * 0.95 for ls in lines for x in ls):
            return lines
    return lines


def _left(ticks: Sequence[float]) -> float:
    """Where the plot area starts: after the widest value label and its tick."""
    return MARGIN + max(_font(TEXT_PT).getlength(_label(t)) for t in ticks) + _px(TICK_PT) + GAP


def _below(lines: list[list[str]]) -> float:
    """The height the category ticks and their labels take under the plot area."""
    return _px(TICK_PT) + GAP + max((len(ls) for ls in lines), default=0) * LINE


def _axes(
    chart: Chart,
    top: float,
    bottom: float,
    ticks: Sequence[float],
    limit: float,
    slots: int,
    *,
    name: str = "",
    labels: list[str] | None = None,
    pad: float = 0.0,
    keys: list[Key] | None = None,
    left: float | None = None,
) -> Axes:
    """A plot area between ``top`` and ``bottom`` (pixels) with its frame drawn: a header line
    (``name``, the values' unit, at the left; the legend at the right), the left and bottom
    axes, the value ticks, and the categories' ticks and ``labels`` (None: ticks only).
    ``left``: where the plot starts, for panels one above the other (default: after the ticks)."""
    left = _left(ticks) if left is None else left
    right = chart.width - MARGIN
    if name:
        chart.text((MARGIN, top + LINE / 2), name, anchor="lm")
    if keys:
        chart.legend(keys, right, top + LINE / 2)
    lines = _x_label_lines(labels, (right - left) / (slots + 2 * pad)) if labels else []
    axes = Axes(
        round(left), round(top + HEADER), round(right), round(bottom - _below(lines)), limit, slots, pad
    )
    width, tick = _px(0.8), _px(TICK_PT)
    chart.draw.line([(axes.left, axes.top), (axes.left, axes.bottom), (axes.right, axes.bottom)], INK, width)
    for t in ticks:
        y = axes.y(t)
        chart.draw.line([(axes.left - tick, y), (axes.left, y)], INK, width)
        chart.text((axes.left - tick - GAP, y), _label(t), anchor="rm")
    for i in range(slots):
        x = axes.x(i)
        chart.draw.line([(x, axes.bottom), (x, axes.bottom + tick)], INK, width)
        for n, text in enumerate(lines[i] if i < len(lines) else []):
            chart.text((x, axes.bottom + tick + GAP + n * LINE), text, anchor="mt")
    return axes


def _bars(
    chart: Chart, axes: Axes, values: list[float], offset: float, width: float, key: Key, texts: list[str]
) -> None:
    """One series of bars (``offset`` and ``width`` in slots) with its values written above."""
    for i, (value, text) in enumerate(zip(values, texts)):
        x0, x1 = axes.x(i + offset - width / 2), axes.x(i + offset + width / 2)
        top = axes.y(value)
        if top < axes.bottom:
            chart.bar((x0, top, x1, axes.bottom), key.colour, key.kind == "hatched")
        chart.text(((x0 + x1) / 2, top - _px(1)), text, VALUE_PT, anchor="mb")


def unit_bars(units: list[str], series: dict[str, list[float]], unit_label: str) -> bytes:
    """Grouped bars per unit (竣工 and 备案 项数), values written above the bars."""
    chart = Chart(68)
    high = max([v for values in series.values() for v in values] + [1]) * 1.15
    ticks = _ticks(high, integer=True)
    keys = [
        Key(name, COLOURS[i % len(COLOURS)], "hatched" if i % 2 else "bar") for i, name in enumerate(series)
    ]
    pad = max(0, (6 - len(units)) / 2)
    axes = _axes(
        chart,
        MARGIN,
        chart.height - MARGIN,
        ticks,
        high,
        len(units),
        name=unit_label,
        labels=units,
        pad=pad,
        keys=keys,
    )
    width = 0.8 / max(len(series), 1)
    for i, (key, values) in enumerate(zip(keys, series.values())):
        offset = (i - (len(series) - 1) / 2) * width
        _bars(chart, axes, values, offset, width, key, [f"{v:g}" for v in values])
    return chart.png()


def rate_bars(units: list[str], rates: list[float | None], total: float | None) -> bytes:
    """One bar per unit (a unit with no rate shows “—”), the office's rate as a dashed line."""
    chart = Chart(64)
    keys = [] if total is None else [Key(f"合计 {total:.1f}%", INK, "reference")]
    pad = max(0, (6 - len(units)) / 2)
    axes = _axes(
        chart,
        MARGIN,
        chart.height - MARGIN,
        [0, 20, 40, 60, 80, 100],
        115,
        len(units),
        name="%",
        labels=units,
        pad=pad,
        keys=keys,
    )
    texts = ["—" if r is None else f"{r:.1f}" for r in rates]
    _bars(chart, axes, [r or 0 for r in rates], 0, 0.6, Key("", COLOURS[0]), texts)
    if total is not None:
        chart.reference(axes.left, axes.right, axes.y(total))
    return chart.png()


def _points(axes: Axes, values: list[float | None]) -> list[tuple[float, float | None]]:
    """A series' points in pixels (None where it has no value)."""
    return [(axes.x(i), None if v is None else axes.y(v)) for i, v in enumerate(values)]


def _write_values(chart: Chart, axes: Axes, values: list[float | None], pt: float) -> None:
    """Each value written (one decimal) above its point."""
    for i, v in enumerate(values):
        if v is not None:
            chart.text((axes.x(i), axes.y(v) - _px(MARKER_PT / 2 + 2)), f"{v:.1f}", pt, anchor="mb")


def trend(
    periods: list[str],
    counts: dict[str, list[float | None]],
    rate_name: str,
    rates: list[float | None],
) -> bytes:
    """Counts by period as lines above, the filing rate in its own panel below (no second axis)."""
    chart = Chart(70)  # under the 72 mm a chart may take (render.CHART_HEIGHT)
    high = max([v or 0 for values in counts.values() for v in values] + [1]) * 1.15
    keys = [
        Key(name, COLOURS[i % len(COLOURS)], MARKERS[i % len(MARKERS)], DASHES[i % len(DASHES)])
        for i, name in enumerate(counts)
    ]
    counted, rated = _ticks(high, integer=True), [0, 50, 100]
    left = _left([*counted, *rated])  # one x axis for both panels
    lines = _x_label_lines(periods, (chart.width - MARGIN - left) / len(periods))
    plots = chart.height - 2 * MARGIN - 2 * HEADER - _below([]) - GAP - _below(lines)
    split = MARGIN + HEADER + plots * 3 / 5 + _below([])  # the counts' plot 3/5, the rate's 2/5
    upper = _axes(chart, MARGIN, split, counted, high, len(periods), name="项数", keys=keys, left=left)
    for key, values in zip(keys, counts.values()):
        chart.line(_points(upper, values), key.colour, key.kind, key.dash)
    lower = _axes(
        chart,
        split + GAP,
        chart.height - MARGIN,
        rated,
        115,
        len(periods),
        name=rate_name,
        labels=periods,
        left=left,
    )
    chart.line(_points(lower, rates), COLOURS[3], "square")
    _write_values(chart, lower, rates, VALUE_PT)
    return chart.png()


def period_label(period) -> str:
    """A period as a chart axis says it: 2024年二季度, 2024年."""
    return f"{period.year}年" if period.is_annual else f"{period.year}年{'一二三四'[period.quarter - 1]}季度"


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
    chart = Chart(56)
    ticks = [0, 20, 40, 60, 80, 100]
    axes = _axes(
        chart,
        MARGIN,
        chart.height - MARGIN,
        ticks,
        105,
        max(len(periods), 2),
        name="质量指数",
        labels=periods,
    )
    series: list[float | None] = list(values)
    chart.line(_points(axes, series), COLOURS[0], "circle")
    _write_values(chart, axes, series, TEXT_PT)
    return chart.png()
