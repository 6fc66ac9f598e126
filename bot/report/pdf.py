"""The board report as a PDF, with matplotlib's PdfPages: A4 pages, one section per page
(more when its tables don't fit), each with its chart and its tables of counts."""

from __future__ import annotations

import io
import logging
import textwrap
from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from bot.report.charts import draw_chart, plt
from handlers.report.model import BoardReport, Section, Table
from handlers.report.suppress import SMALL
from handlers.safe_text import clip

__all__ = ["SUPPRESSION_NOTE", "pdf_bytes", "write_pdf"]

logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting: a line a glyph

A4 = (8.27, 11.69)
LINE = 0.021  # one table row, as a fraction of the page height
TOP, BOTTOM = 0.93, 0.05
CELL = 64  # characters in a cell
SUPPRESSION_NOTE = (
    f"Alle viiden kappaleen määrät näytetään muodossa {SMALL}, jotta ketään asiakasta "
    "ei voi tunnistaa. Raportissa on vain lukumääriä, ei kysymysten tai ohjausten tekstiä."
)


def _widths(columns: tuple[str, ...], cells: list[list[str]]) -> list[float]:
    """Column widths by their longest text (a count column stays narrow)."""
    longest = [max([len(c), *(len(row[i]) for row in cells)]) + 4 for i, c in enumerate(columns)]
    return [n / sum(longest) for n in longest]


class _Pages:
    def __init__(self, pdf: PdfPages, title: str) -> None:
        self.pdf, self.title = pdf, title
        self.fig: Figure | None = None
        self.pages = 0
        self.y = TOP

    def new(self) -> Figure:
        self.close()
        self.fig = plt.figure(figsize=A4)
        self.fig.text(0.06, 0.97, self.title, fontsize=8, color="#555555")
        self.pages += 1
        self.fig.text(0.94, 0.97, str(self.pages), fontsize=8, ha="right")
        self.y = TOP
        return self.fig

    def room(self, height: float) -> Figure:
        if self.fig is None or self.y - height < BOTTOM:
            return self.new()
        return self.fig

    def text(self, text: str, size: float = 10, bold: bool = False) -> None:
        lines = textwrap.wrap(text, int(105 * 9 / size)) or [""]
        fig = self.room(LINE * 1.6 * len(lines))
        fig.text(0.06, self.y, "\n".join(lines), fontsize=size, va="top",
                 weight="bold" if bold else "normal", linespacing=1.4)  # fmt: skip
        self.y -= LINE * (1.8 if size > 12 else 1.0) * (len(lines) + 0.4)

    def table(self, table: Table) -> None:
        rows = table.rows or ((table.empty, *[""] * (len(table.columns) - 1)),)
        height = LINE * (len(rows) + 2.5)
        fig = self.room(height)
        self.text(table.caption, 10, bold=True)
        ax = fig.add_axes((0.06, self.y - LINE * (len(rows) + 1), 0.88, LINE * (len(rows) + 1)))
        ax.set_axis_off()
        cells = [[clip(c, CELL) for c in row] for row in rows]
        t = ax.table(cellText=cells, colLabels=list(table.columns), loc="upper left",
                     cellLoc="left", colLoc="left", bbox=Bbox.from_bounds(0, 0, 1, 1),
                     colWidths=_widths(table.columns, cells))  # fmt: skip
        t.auto_set_font_size(False)
        t.set_fontsize(8)
        self.y -= LINE * (len(rows) + 1.8)

    def chart(self, section: Section) -> None:
        assert section.chart is not None
        rows = len(section.chart.labels) if section.chart.horizontal else 8
        height = min(0.42, max(0.2, LINE * (rows + 4)))
        fig = self.room(height + LINE)
        left = 0.38 if section.chart.horizontal and section.chart.labels else 0.1
        draw_chart(section.chart, fig, (left, self.y - height, 0.9 - left, height - LINE * 1.5))
        self.y -= height + LINE

    def close(self) -> None:
        if self.fig is not None:
            self.pdf.savefig(self.fig)  # type: ignore[no-untyped-call]
            plt.close(self.fig)
            self.fig = None


def write_pdf(report: BoardReport, path: Path) -> None:
    """Write `report` to `path` (replaced only when the whole PDF was written)."""
    tmp = path.with_name(path.name + ".kesken")
    try:
        tmp.write_bytes(pdf_bytes(report))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def pdf_bytes(report: BoardReport) -> bytes:
    """The whole PDF of `report`."""
    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": report.title, "Creator": "Järjestöbotti"}) as pdf:
        pages = _Pages(pdf, report.title)
        pages.new()
        pages.text(report.title, 16, bold=True)
        pages.text(SUPPRESSION_NOTE, 9)
        pages.y -= LINE
        for item in report.summary:
            pages.text(f"{item.label}: {item.value}", 11)
        for section in report.sections:
            pages.new()
            pages.text(section.title, 14, bold=True)
            if section.intro:
                pages.text(section.intro, 9)
            if section.chart is not None:
                pages.chart(section)
            for table in section.tables:
                pages.table(table)
        pages.close()
    return buffer.getvalue()
