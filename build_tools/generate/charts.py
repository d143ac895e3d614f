"""Geometry of the static SVG bar charts drawn at build time (no markup here).

Charts are horizontal bar charts: one row per category (a country), one bar per series
(grouped) or one segment per series (stacked). Python computes every coordinate in a
*logical* layout where the category labels sit at the inline start and bars grow towards the
inline end. For right-to-left languages the layout is mirrored (``x → width - x``) and text
keeps its logical ``text-anchor`` (``start``/``end``): the SVG root carries ``direction="rtl"``,
so ``start`` means the right-hand edge of the text there. The markup lives in
``overrides/generators/chart_macros.j2``.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

WIDTH = 720.0
# The phone layout (issue 25): drawn at about the width it is shown at on a 390 px screen, with
# each category's label above its bars, so text keeps its 12 px instead of shrinking to 6 px.
NARROW_WIDTH = 360.0
FONT_SIZE = 12.0
MARGIN = 8.0
LABEL_GAP = 8.0
BAR_HEIGHT = 11.0
STACK_HEIGHT = 16.0
ROW_GAP = 8.0
LEGEND_ROW = 20.0
SWATCH = 11.0
AXIS_SPACE = 40.0
VALUE_SPACE = 44.0


@dataclass(frozen=True)
class Rect:
    """A bar or bar segment, in final (possibly mirrored) coordinates."""

    x: float
    y: float
    width: float
    height: float
    series: int
    title: str


@dataclass(frozen=True)
class Text:
    """A piece of text; ``anchor`` is logical (``start``/``middle``/``end``)."""

    x: float
    y: float
    text: str
    anchor: str


@dataclass(frozen=True)
class Line:
    """A straight line (gridline or axis)."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Row:
    """One category: its label, bars and value labels."""

    label: Text
    bars: list[Rect] = field(default_factory=list)
    values: list[Text] = field(default_factory=list)


@dataclass
class LegendItem:
    """One series in the legend."""

    swatch: Rect
    label: Text


@dataclass
class MarkerItem:
    """One marker in the legend: a symbol drawn next to values that are not bars, and its meaning."""

    symbol: Text
    label: Text


@dataclass
class BarChart:
    """Everything the chart template needs to draw one chart and its data table."""

    id: str
    title: str
    desc: str
    width: float
    height: float
    direction: str
    rows: list[Row]
    legend: list[LegendItem]
    grid: list[Line]
    ticks: list[Text]
    axis: Line
    axis_label: Text
    series: list[str]
    table_header: list[str]
    table_rows: list[tuple[str, list[str]]]
    markers: list[MarkerItem] = field(default_factory=list)
    # The same chart laid out for a phone (labels above the bars); the template shows one of the two.
    narrow: BarChart | None = None


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Rough rendered width of ``text``: wide (CJK) characters count double."""
    units = sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.58 for ch in text)
    return units * size


def nice_ticks(maximum: float, target: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (steps of 1, 2 or 5 × 10^n)."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / target
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    count = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 6) for i in range(count + 1)]


def _r(value: float) -> float:
    return round(value, 1)


class _Mirror:
    """Maps logical x coordinates to physical ones (identity in LTR, mirrored in RTL)."""

    def __init__(self, width: float, rtl: bool) -> None:
        self.width = width
        self.rtl = rtl

    def x(self, x: float) -> float:
        return _r(self.width - x if self.rtl else x)

    def rect(self, x: float, y: float, w: float, h: float, series: int, title: str) -> Rect:
        left = self.width - x - w if self.rtl else x
        return Rect(_r(left), _r(y), _r(w), _r(h), series, title)

    def text(self, x: float, y: float, text: str, anchor: str) -> Text:
        return Text(self.x(x), _r(y), text, anchor)


def _legend(series: list[str], x0: float, x1: float, y0: float, m: _Mirror) -> tuple[list[LegendItem], float]:
    """Legend items laid out in rows that wrap at ``x1``; returns the items and the height used."""
    items: list[LegendItem] = []
    x, y = x0, y0
    for i, name in enumerate(series):
        item_width = SWATCH + 6 + text_width(name) + 18
        if x > x0 and x + item_width > x1:
            x, y = x0, y + LEGEND_ROW
        items.append(LegendItem(m.rect(x, y, SWATCH, SWATCH, i, name),
                                m.text(x + SWATCH + 6, y + SWATCH - 1, name, "start")))
        x += item_width
    return items, (y - y0) + LEGEND_ROW + 6


def _marker_legend(items: list[tuple[str, str]], x0: float, x1: float, y0: float,
                   m: _Mirror) -> tuple[list[MarkerItem], float]:
    out: list[MarkerItem] = []
    x, y = x0, y0
    for symbol, name in items:
        item_width = text_width(symbol) + 6 + text_width(name) + 18
        if x > x0 and x + item_width > x1:
            x, y = x0, y + LEGEND_ROW
        out.append(MarkerItem(m.text(x, y + SWATCH - 1, symbol, "start"),
                              m.text(x + text_width(symbol) + 6, y + SWATCH - 1, name, "start")))
        x += item_width
    return out, ((y - y0) + LEGEND_ROW if items else 0.0)


def bar_chart(chart_id: str, **options: Any) -> BarChart:
    """Lay out a horizontal bar chart twice: for wide screens, and for phones (``narrow``).

    Options are those of :func:`layout_bar_chart`.
    """
    wide = layout_bar_chart(chart_id, **options)
    wide.narrow = layout_bar_chart(chart_id, **options, width=NARROW_WIDTH, labels_above=True)
    return wide


def layout_bar_chart(chart_id: str, *, title: str, desc: str, categories: list[str], series: list[str],
                     values: list[list[float | None]], fmt: Callable[[float | None], str], axis_label: str,
                     rtl: bool = False, stacked: bool = False, total_label: str | None = None,
                     missing: str = "", labels: list[list[str]] | None = None,
                     marks: list[list[list[tuple[str, str]]]] | None = None,
                     marker_legend: list[tuple[str, str]] | None = None,
                     width: float = WIDTH, labels_above: bool = False) -> BarChart:
    """Lay out a horizontal bar chart ``width`` units wide.

    ``values[i][j]`` is the value of series ``j`` for category ``i`` (``None`` = no value: no bar
    is drawn and ``missing`` is shown instead, never 0). ``fmt`` formats numbers for the reader's
    language; ``labels[i][j]`` replaces the formatted value in value labels and the data table
    (e.g. "65 years and 7 months"). With ``stacked``, the segments of a row add up and the row
    total is printed at the bar end (and is a column of the data table, headed ``total_label``).
    ``marks[i][j]`` lists (symbol, meaning) of what a cell holds besides its number (a flat
    amount, a rate that varies, a share described in words): symbols are drawn after the row's
    value, explained in the legend (``marker_legend``), and written out in words in the data table.
    With ``labels_above``, each category's label sits on its own line above its bars and the
    bars use the whole width (the phone layout).
    """
    m = _Mirror(width, rtl)
    marks = marks or [[[] for _ in row] for row in values]
    totals: list[float | None] = [sum(v for v in row if v is not None) if any(v is not None for v in row) else None
                                  for row in values]

    def shown(i: int, j: int, v: float | None) -> str:
        if v is None:
            return missing
        return labels[i][j] if labels else fmt(v)

    def symbols(cells: list[list[tuple[str, str]]]) -> str:
        found = {sym for cell in cells for sym, _ in cell}
        return "".join(s for s, _ in marker_legend or [] if s in found)

    def value_tail(row_values: list[float | None], total: float | None, i: int) -> list[str]:
        """The value labels drawn at the ends of row ``i``'s bars."""
        if stacked:
            return [" ".join(filter(None, [fmt(total) if total is not None else missing, symbols(marks[i])]))]
        return [" ".join(filter(None, [shown(i, j, v), symbols([marks[i][j]])])) for j, v in enumerate(row_values)]

    label_w = min(220.0, max(60.0, max((text_width(c) for c in categories), default=60.0)))
    plot_x0 = MARGIN if labels_above else MARGIN + label_w + LABEL_GAP
    # Room at the bar ends for the longest value label ("65 years and 7 months ‡"), so no label
    # runs off the drawing (that showed in the 360-unit phone layout).
    tails = [value_tail(row, total, i) for i, (row, total) in enumerate(zip(values, totals, strict=True))]
    value_space = max([VALUE_SPACE, *(text_width(t) + 10 for row_tails in tails for t in row_tails)])
    plot_x1 = width - MARGIN - value_space
    label_h = FONT_SIZE + 4 if labels_above else 0.0
    legend, legend_h = _legend(series, plot_x0, width - MARGIN, MARGIN, m)
    used = [(s, n) for s, n in marker_legend or [] if any(s == sym for row in marks for cell in row for sym, _ in cell)]
    marker_items, marker_h = _marker_legend(used, plot_x0, width - MARGIN, MARGIN + legend_h, m)
    top = MARGIN + legend_h + marker_h

    peak = max([t for t in totals if t is not None] if stacked else [v for row in values for v in row if v is not None],
               default=0.0)
    ticks = nice_ticks(peak)
    scale = (plot_x1 - plot_x0) / ticks[-1]
    row_h = STACK_HEIGHT if stacked else BAR_HEIGHT * len(series)

    rows: list[Row] = []
    y = top

    def words(cell: list[tuple[str, str]]) -> str:
        return "".join(f" ({sym} {name})" for sym, name in cell)

    for i, (name, row_values) in enumerate(zip(categories, values, strict=True)):
        if labels_above:
            row = Row(m.text(plot_x0, y + FONT_SIZE, name, "start"))
            y += label_h
        else:
            row = Row(m.text(plot_x0 - LABEL_GAP, y + row_h / 2 + FONT_SIZE / 3, name, "end"))
        if stacked:
            x = plot_x0
            for j, v in enumerate(row_values):
                if v:
                    w = v * scale
                    row.bars.append(m.rect(x, y, w, row_h, j, f"{series[j]}: {shown(i, j, v)}{words(marks[i][j])}"))
                    x += w
            row.values.append(m.text(x + 4, y + row_h / 2 + FONT_SIZE / 3, tails[i][0], "start"))
        else:
            for j, v in enumerate(row_values):
                by = y + j * BAR_HEIGHT
                w = (v or 0.0) * scale
                if v is not None:
                    row.bars.append(m.rect(plot_x0, by + 0.5, w, BAR_HEIGHT - 1, j, f"{series[j]}: {shown(i, j, v)}"))
                row.values.append(m.text(plot_x0 + w + 4, by + BAR_HEIGHT - 2, tails[i][j], "start"))
        rows.append(row)
        y += row_h + ROW_GAP

    plot_bottom = y - ROW_GAP / 2
    grid = [Line(m.x(plot_x0 + t * scale), top - 4, m.x(plot_x0 + t * scale), plot_bottom) for t in ticks]
    tick_labels = [m.text(plot_x0 + t * scale, plot_bottom + FONT_SIZE + 4, fmt(t), "middle") for t in ticks]
    axis = Line(m.x(plot_x0), top - 4, m.x(plot_x0), plot_bottom)
    axis_text = m.text((plot_x0 + plot_x1) / 2, plot_bottom + 2 * FONT_SIZE + 10, axis_label, "middle")
    height = _r(plot_bottom + AXIS_SPACE)

    header = list(series) + ([total_label] if stacked and total_label else [])
    table_rows = []
    for i, (name, row_values, total) in enumerate(zip(categories, values, totals, strict=True)):
        cells = [shown(i, j, v) + words(marks[i][j]) for j, v in enumerate(row_values)]
        if stacked and total_label:
            cells.append(fmt(total) if total is not None else missing)
        table_rows.append((name, cells))
    return BarChart(chart_id, title, desc, width, height, "rtl" if rtl else "ltr", rows, legend, grid,
                    tick_labels, axis, axis_text, list(series), header, table_rows, marker_items)
