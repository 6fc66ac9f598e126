"""Reply → plain text, as a person reads it in a terminal or a text-only chat.

This is also the `answer` field of `ask --json`: the text the bot would send.
Cards come as `CardView`s (handlers/card_view.py); this only lays them out.
"""

from __future__ import annotations

from handlers.card_view import CARD_TYPES, Bullet, CardView, Paragraph, Row, card_view, field_text
from handlers.messages import Choices, FormRequest, Notice, Part, Reply, Text


def card_lines(view: CardView) -> list[str]:
    """A service starts `1. Name – Organisation`; other cards are bullets."""
    numbered = view.kind == "service"
    pad = "   " if numbered else "  "
    head = f"{view.title} – {view.subtitle}" if view.subtitle else view.title
    lines = [head if numbered else f"• {head}"]
    for line in view.body:
        if isinstance(line, Paragraph):
            lines += [f"{pad}{x}" for x in line.text.splitlines()]
        elif isinstance(line, Row):
            lines.append(pad + field_text(line.fields))
        elif isinstance(line, Bullet):
            lines.append(f"{pad}– {line.text}")
    if view.link:
        lines.append(f"{pad}{view.link.label}: {view.link.url}")
    if view.meta:
        lines.append(pad + field_text(view.meta))
    if view.stale:
        lines.append(f"{pad}⚠ {view.stale}")
    return lines


def _part(part: Part, lang: str) -> list[str]:
    if isinstance(part, Text):
        return [part.text]
    if isinstance(part, Notice):
        return [("⚠ " if part.level != "info" else "") + part.text]
    if isinstance(part, CARD_TYPES):
        return card_lines(card_view(part, lang))
    if isinstance(part, Choices):
        return ["[" + "] [".join(c.label for c in part.choices) + "]"] if part.choices else []
    if isinstance(part, FormRequest):
        return [f"→ {part.title}: /yhteydenotto"]
    return []


def render_text(reply: Reply) -> str:
    blocks = ["\n".join(_part(p, reply.language)) for p in reply.parts]
    return "\n\n".join(b for b in blocks if b)
