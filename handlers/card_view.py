"""One view of a card, decided once for every surface.

A service, roadmap item, role or guidance card becomes a `CardView`: its title,
subtitle, body lines (paragraphs, labelled rows, bullets) in display order, the
link (only a safe one), the update date and source, the stale warning and the
buttons, all in the reply's language. Slack, Teams, the terminal and the web
chat only style a `CardView`; none decides which fields a card shows, their
labels or their order.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.labels import label
from handlers.messages import Action, GuidanceExcerpt, RoadmapItem, RoleCard, ServiceCard
from handlers.safe_text import safe_url

Card = ServiceCard | RoadmapItem | RoleCard | GuidanceExcerpt
CARD_TYPES = (ServiceCard, RoadmapItem, RoleCard, GuidanceExcerpt)


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    key: str = ""  # which field, so a surface may style it (a date, tel:/mailto: links)


@dataclass(frozen=True)
class Paragraph:
    text: str
    markup: bool = False  # True: the text carries the neutral **bold**


@dataclass(frozen=True)
class Row:
    fields: tuple[Field, ...]  # one line: `Caption: value · Caption: value`


@dataclass(frozen=True)
class Bullet:
    text: str


Line = Paragraph | Row | Bullet


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Button:
    label: str
    action: Action  # what the button asks the router for
    value: str = ""


@dataclass(frozen=True)
class CardView:
    kind: str  # service | roadmap | role | guidance
    title: str
    subtitle: str = ""
    body: tuple[Line, ...] = ()
    link: Link | None = None
    meta: tuple[Field, ...] = ()  # when updated, where from
    stale: str = ""  # the warning when the information is old
    actions: tuple[Button, ...] = ()


def _row(key: str, value: str, lang: str) -> Row:
    return Row((Field(label(key, lang), value, key),))


def _service(c: ServiceCard, lang: str) -> CardView:
    body: list[Line] = [Paragraph(c.summary)] if c.summary else []
    if c.description.strip():
        body.append(Paragraph(c.description.strip()))
    if c.why:
        body.append(_row("why", ", ".join(c.why), lang))
    if c.unmet:
        body.append(_row("unmet", ", ".join(c.unmet), lang))
    join = f"{c.how_to_join} ({c.referral})" if c.referral else c.how_to_join
    body.append(_row("how_to_join", join, lang))
    body.append(
        Row(
            (
                Field(label("cost", lang), c.cost, "cost"),
                Field(label("languages", lang), c.languages, "languages"),
            )
        )
    )
    body += [_row(k, v, lang) for k, v in (("place", c.place), ("schedule", c.schedule)) if v]
    contact = ", ".join(x for x in (c.contact.name, c.contact.phone, c.contact.email) if x)
    if contact:
        body.append(_row("contact", contact, lang))
    url = safe_url(c.link)
    actions = [] if c.description else [Button(label("details", lang), "details", str(c.rank))]
    if c.referable:
        actions.append(Button(label("refer", lang), "refer", c.id))
    return CardView(
        kind="service",
        title=f"{c.rank}. {c.name}" if c.rank else c.name,  # a card turned down: no number
        subtitle=c.organization,
        body=tuple(body),
        link=Link(label("link", lang), url) if url else None,
        meta=(
            Field(label("updated", lang), c.updated.isoformat(), "updated"),
            Field(label("source", lang), c.source, "source"),
        ),
        stale=label("stale", lang) if c.stale else "",
        actions=tuple(actions),
    )


def _roadmap(item: RoadmapItem, lang: str) -> CardView:
    title = " › ".join(item.path) if item.kind == "action" else item.title
    body: list[Line] = []
    if item.text and (item.kind == "action" or item.text != item.title):
        body.append(Paragraph(item.text))
    if item.status:
        body.append(_row("status", item.status, lang))
    body += [Bullet(d) for d in item.details]
    if item.responsible:
        who = "; ".join(r.name + (f" ({r.contact})" if r.contact else "") for r in item.responsible)
        body.append(_row("responsible", who, lang))
    source = f"{label('roadmap_name', lang)}, {item.source}"
    return CardView(
        kind="roadmap",
        title=title,
        body=tuple(body),
        meta=(Field(label("source", lang), source, "source"),),
    )


def _role(role: RoleCard, lang: str) -> CardView:
    body: list[Line] = [Paragraph(role.description)] if role.description else []
    body += [Bullet(r) for r in role.responsibilities]
    if role.contact:
        body.append(_row("contact", role.contact, lang))
    return CardView(kind="role", title=role.name, body=tuple(body))


def _guidance(g: GuidanceExcerpt, lang: str) -> CardView:
    meta = [Field(label("updated", lang), g.updated.isoformat(), "updated")] if g.updated else []
    meta.append(Field(label("source", lang), g.source, "source"))
    return CardView(
        kind="guidance",
        title=g.title,
        body=tuple(Paragraph(line, markup=True) for line in g.text.splitlines() if line.strip()),
        meta=tuple(meta),
    )


def card_view(card: Card, lang: str) -> CardView:
    """What a card shows, in `lang`, in display order."""
    if isinstance(card, ServiceCard):
        return _service(card, lang)
    if isinstance(card, RoadmapItem):
        return _roadmap(card, lang)
    if isinstance(card, RoleCard):
        return _role(card, lang)
    return _guidance(card, lang)


def field_text(fields: tuple[Field, ...]) -> str:
    """`Caption: value · Caption: value`, the plain-text form of a row or the meta line."""
    return " · ".join(f"{f.label}: {f.value}" for f in fields)
