"""Jinja2 pages for the contact form and the coordinator view.

Autoescaping is on for every template, and undefined names fail loudly, so
text a user typed can only ever appear as text. Every page is sent with a
strict Content-Security-Policy and is never cached (it may hold personal data).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

__all__ = ["PAGE_HEADERS", "TEMPLATES_DIR", "environment", "render"]

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

environment = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(
    name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    html = environment.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})
