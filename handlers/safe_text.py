"""Text cut to a limit and the one check of which links are safe to render.

Every renderer (Slack, Teams, terminal, web) uses these, so a long text is cut
the same way everywhere and a link one surface refuses no other shows.
"""

from __future__ import annotations

UNSAFE_URL_CHARS = frozenset('<>|" \t\r\n')


def clip(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_url(url: str | None) -> str | None:
    """`url` when it is a plain http(s) address no markup can break out of, else None."""
    if not url or not url.startswith(("https://", "http://")):
        return None
    if any(c in UNSAFE_URL_CHARS or ord(c) < 32 for c in url):
        return None
    return url
