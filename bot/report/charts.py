"""Bar charts of the report with matplotlib (Agg backend: no display, no CDN).

A count of 1–4 is never drawn to its height: its bar is drawn hatched up to the
threshold and labelled "< 5", like every table cell. Other bars carry their count.
"""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")  # before pyplot: server-side rendering only

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from handlers.report.model import Chart
from handlers.report.suppress import MIN_COUNT, is_small, shown

__all__ = ["draw_chart", "plt", "svg_data_uri"]

plt.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays text in SVG (searchable, smaller)
        "pdf.fonttype": 42,  # TrueType in the PDF: pdftotext reads the labels
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)
COLOURS = ("#1f5f8b", "#e07b39", "#4c9a4c", "#8a5fb0", "#b0463c")


def _plot(ax: Axes, chart: Chart) -> None:
    n_series = max(1, len(chart.series))
    width = 0.8 / n_series
    positions = range(len(chart.labels))
    for i, (name, values) in enumerate(chart.series):
        offsets = [p - 0.4 + width * (i + 0.5) for p in positions]
        heights = [MIN_COUNT if is_small(v) else v for v in values]
        colour = COLOURS[i % len(COLOURS)]
        bar = ax.barh if chart.horizontal else ax.bar
        bars = bar(offsets, heights, width, color=colour, label=name or None)
        for rect, value in zip(bars, values, strict=True):
            if is_small(value):
                rect.set_facecolor("white")
                rect.set_edgecolor(colour)
                rect.set_hatch("///")
        ax.bar_label(bars, labels=[shown(v) for v in values], padding=2, fontsize=8)
    ticks = list(positions)
    if chart.horizontal:
        ax.set_yticks(ticks, chart.labels)
        ax.invert_yaxis()
        ax.set_xlabel("kpl")
    else:
        ax.set_xticks(ticks, chart.labels, rotation=30 if len(chart.labels) > 6 else 0)
        ax.set_ylabel("kpl")
    if any(name for name, _ in chart.series):
        ax.legend(frameon=False)
    ax.set_title(chart.title, loc="left", fontsize=11)


def draw_chart(
    chart: Chart, fig: Figure | None = None, rect: tuple[float, float, float, float] = (0, 0, 1, 1)
) -> Figure:
    """The chart on a new figure, or in `rect` (left, bottom, width, height) of `fig`."""
    if fig is None:
        rows = len(chart.labels) if chart.horizontal else 6
        fig = plt.figure(figsize=(7.5, max(2.4, 0.35 * rows + 1.2)))
        ax = fig.add_subplot()
    else:
        ax = fig.add_axes(rect)
    if not chart.labels:
        ax.set_axis_off()
        ax.set_title(chart.title, loc="left", fontsize=11)
        ax.text(0.0, 0.5, "Ei tietoja tältä ajalta.", transform=ax.transAxes)
        return fig
    _plot(ax, chart)
    return fig


def svg_data_uri(chart: Chart) -> str:
    """The chart as an SVG `data:` URI: part of the HTML file itself, and allowed by the
    admin pages' Content-Security-Policy (img-src data:), unlike inline SVG's style attributes."""
    fig = draw_chart(chart)
    buffer = io.BytesIO()
    try:
        fig.tight_layout()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
