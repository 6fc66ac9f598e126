"""Reply → plain text, as a person reads it in a terminal or a text-only chat.

This is also the `answer` field of `ask --json`: the text the bot would send.
"""

from __future__ import annotations

from handlers.labels import label
from handlers.messages import (
    Choices,
    FormRequest,
    GuidanceExcerpt,
    Notice,
    Part,
    Reply,
    RoadmapItem,
    RoleCard,
    ServiceCard,
    Text,
)


def _service(c: ServiceCard, lang: str) -> list[str]:
    lines = [f"{c.rank}. {c.name} – {c.organization}"]
    if c.summary:
        lines.append(f"   {c.summary}")
    if c.description:
        lines += [f"   {line}" for line in c.description.strip().splitlines()]
    if c.why:
        lines.append(f"   {label('why', lang)}: {', '.join(c.why)}")
    lines.append(f"   {label('how_to_join', lang)}: {c.how_to_join} ({c.referral})")
    lines.append(f"   {label('cost', lang)}: {c.cost} · {label('languages', lang)}: {c.languages}")
    if c.place:
        lines.append(f"   {label('place', lang)}: {c.place}")
    if c.schedule:
        lines.append(f"   {label('schedule', lang)}: {c.schedule}")
    contact = ", ".join(x for x in (c.contact.name, c.contact.phone, c.contact.email) if x)
    if contact:
        lines.append(f"   {label('contact', lang)}: {contact}")
    if c.link:
        lines.append(f"   {label('link', lang)}: {c.link}")
    lines.append(
        f"   {label('updated', lang)}: {c.updated.isoformat()} · {label('source', lang)}: "
        f"{c.source}"
    )
    if c.stale:
        lines.append(f"   ⚠ {label('stale', lang)}")
    return lines


def _roadmap(item: RoadmapItem, lang: str) -> list[str]:
    lines = [f"• {' › '.join(item.path)}" if item.kind == "action" else f"• {item.title}"]
    if item.kind == "action" or (item.text and item.text != item.title):
        lines.append(f"  {item.text}")
    if item.status:
        lines.append(f"  {label('status', lang)}: {item.status}")
    lines += [f"  – {d}" for d in item.details]
    if item.responsible:
        who = "; ".join(
            f"{r.name}" + (f" ({r.contact})" if r.contact else "") for r in item.responsible
        )
        lines.append(f"  {label('responsible', lang)}: {who}")
    lines.append("  " + label("roadmap_source", lang, src=item.source))
    return lines


def _part(part: Part, lang: str) -> list[str]:
    if isinstance(part, Text):
        return [part.text]
    if isinstance(part, Notice):
        return [("⚠ " if part.level != "info" else "") + part.text]
    if isinstance(part, ServiceCard):
        return _service(part, lang)
    if isinstance(part, RoadmapItem):
        return _roadmap(part, lang)
    if isinstance(part, RoleCard):
        lines = [f"• {part.name}", f"  {part.description}"]
        lines += [f"  – {r}" for r in part.responsibilities]
        if part.contact:
            lines.append(f"  {label('contact', lang)}: {part.contact}")
        return lines
    if isinstance(part, GuidanceExcerpt):
        return [
            f"• {part.title}",
            *(f"  {x}" for x in part.text.splitlines() if x.strip()),
            f"  {label('source', lang)}: {part.source}",
        ]
    if isinstance(part, Choices):
        return ["[" + "] [".join(c.label for c in part.choices) + "]"] if part.choices else []
    if isinstance(part, FormRequest):
        return [f"→ {part.title}: /yhteydenotto"]
    return []


def render_text(reply: Reply) -> str:
    blocks = ["\n".join(_part(p, reply.language)) for p in reply.parts]
    return "\n\n".join(b for b in blocks if b)
