"""The board report as HTML: a standalone file (`jarjestobotti report --out x.html`) and
the body of `/admin/raportti`; charts as SVG `data:` URIs inside the page, no CDN."""

from __future__ import annotations

from bot.report.charts import svg_data_uri
from bot.report.pdf import SUPPRESSION_NOTE
from bot.web.templating import environment
from handlers.report.model import BoardReport

__all__ = ["chart_uris", "render_html"]


def chart_uris(report: BoardReport) -> dict[str, str]:
    """Section id → its chart as an SVG data URI."""
    return {s.id: svg_data_uri(s.chart) for s in report.sections if s.chart is not None}


def render_html(report: BoardReport) -> str:
    """The standalone HTML file (its own inline style; no scripts, nothing fetched)."""
    template = environment.get_template("board_report.html")
    return template.render(report=report, charts=chart_uris(report), note=SUPPRESSION_NOTE)
