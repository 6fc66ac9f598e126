"""Knowledge objects → reply parts, in the reply language.

Everything on a card comes from the knowledge files (service text as written,
`_sv`/`_en` variants where present); only labels and connecting words are ours.
"""

from __future__ import annotations

import datetime as dt

from handlers.labels import label
from handlers.messages import (
    Choice,
    ContactInfo,
    GuidanceExcerpt,
    RoadmapItem,
    RoleCard,
    RoleRef,
    ServiceCard,
)
from index.knowledge.model import GuidanceDoc, KnowledgeBase, Role, Service, Vocabularies, pick
from index.language.elsewhere import elsewhere_name
from index.search.engine import Hit

STALE_AFTER = dt.timedelta(days=365)


def feedback_choices(lang: str) -> tuple[Choice, Choice]:
    """The 👍/👎 buttons every answer carries."""
    return (
        Choice(label("thumbs_up", lang), "feedback", "1"),
        Choice(label("thumbs_down", lang), "feedback", "-1"),
    )


def municipality_label(vocab: Vocabularies, muni: str, lang: str) -> str:
    """The municipality's name: the vocabulary's label, a municipality outside the county by
    its own name (index/language/elsewhere.py), else the id as written."""
    if muni in vocab.municipalities:
        return vocab.municipalities[muni].label(lang)
    return elsewhere_name(muni, lang) or muni


def _facet_word(facet: str, value: str, vocab: Vocabularies, lang: str, age: str) -> str:
    """One facet as words on a card: "Kerava", "kieli: ruotsi", the age under label `age`,
    "maksuton", "etänä", a target group's or theme's label; "" when there are none."""
    if facet == "municipality" and value:
        return municipality_label(vocab, value, lang)
    if facet == "language" and value:
        name = vocab.languages[value].label(lang) if value in vocab.languages else value
        return label("why_language", lang, v=name)
    if facet == "age" and value:
        return label(age, lang, v=value)
    if facet in ("cost", "online"):
        return label(f"why_{facet}", lang)
    if facet == "target_group" and value in vocab.target_groups:
        return vocab.target_groups[value].label(lang)
    if facet == "theme" and value in vocab.themes:
        return vocab.themes[value].label(lang)
    return ""


def why_words(hit: Hit, vocab: Vocabularies, lang: str) -> tuple[str, ...]:
    """The facets a hit matched, as words: ("Kerava", "kieli: ruotsi", "yksinäisyys")."""
    out = (_facet_word(f, v, vocab, lang, "why_age") for f, v in hit.reasons)
    return tuple(dict.fromkeys(w for w in out if w))


def unmet_words(hit: Hit, vocab: Vocabularies, lang: str) -> tuple[str, ...]:
    """The stated constraints a service shown beyond them does not meet, as words:
    ("Kerava", "maksuton")."""
    out = (_facet_word(f, v, vocab, lang, "unmet_age") for f, v in hit.unmet)
    return tuple(w for w in out if w)


def _place(s: Service, vocab: Vocabularies, lang: str) -> str:
    munis = ", ".join(municipality_label(vocab, m, lang) for m in s.municipalities)
    locs = "; ".join(", ".join(x for x in (loc.name, loc.address) if x) for loc in s.locations)
    online = label("online", lang) if s.online else ""
    return " – ".join(x for x in (locs, munis, online) if x)


def service_card(
    s: Service,
    hit: Hit | None,
    rank: int,
    kb: KnowledgeBase,
    lang: str,
    today: dt.date,
    detailed: bool = False,
    *,
    referable: bool = False,
) -> ServiceCard:
    vocab = kb.vocabularies
    contact = s.effective_contact()
    link = next(iter(s.links.values()), None) or s.organization.website
    return ServiceCard(
        id=s.id,
        rank=rank,
        name=pick(s.name, lang),
        organization=pick(s.organization.name, lang),
        summary=pick(s.summary, lang),
        why=why_words(hit, vocab, lang) if hit else (),
        how_to_join=pick(s.how_to_join, lang),
        referral=label("referral_needed" if s.referral_needed else "referral_not_needed", lang),
        cost=label(f"cost_{s.cost}", lang),
        languages=", ".join(
            vocab.languages[c].label(lang) if c in vocab.languages else c for c in s.languages
        ),
        place=_place(s, vocab, lang),
        schedule=pick(s.schedule, lang),
        contact=ContactInfo(contact.name, contact.email, contact.phone, s.organization.website),
        link=link,
        updated=s.updated,
        stale=today - s.updated > STALE_AFTER,
        source=s.source.file if s.source else "",
        online=s.online,
        description=pick(s.description, lang) if detailed else "",
        referable=referable,
        unmet=unmet_words(hit, vocab, lang) if hit else (),
    )


def role_ref(role_id: str, kb: KnowledgeBase) -> RoleRef:
    role = kb.roles.get(role_id)
    return RoleRef(role_id, role.name if role else role_id, role.contact if role else None)


def role_card(role: Role) -> RoleCard:
    return RoleCard(
        role.id,
        role.name,
        role.kind,
        role.description,
        role.responsibilities,
        role.contact,
        role.source.file if role.source else "roadmap/roles.yaml",
    )


def _status(status: str, lang: str) -> str:
    """An action's status in the answer's language; in Swedish and English also in the
    report's own Finnish words, which readers quote and search by."""
    said = label("status_" + status, lang)
    return label("status_in_report", lang, status=said, report=label("report_" + status, "fi"))


def roadmap_item(item_id: str, kb: KnowledgeBase, lang: str) -> RoadmapItem | None:
    """Any roadmap result id → a card naming goal → workstream → action, status and roles."""
    r = kb.roadmap
    if r is None:
        return None
    src = r.source_text
    # Parts of the whole roadmap: id (also the kind) → title label, text, details.
    whole: dict[str, tuple[str, str, tuple[str, ...]]] = {
        "vision": ("roadmap_vision", r.vision, ()),
        "binding-goal": ("roadmap_binding_goal", r.binding_goal, r.metrics),
        "development-proposals": ("roadmap_proposals", "", r.development_proposals),
    }
    if item_id in whole:
        key, text, details = whole[item_id]
        title = label(key, lang)
        return RoadmapItem(item_id, item_id, title, (r.title,), text, details=details, source=src)
    for goal in r.goals:
        gtitle = f"{goal.number}. {goal.title}"
        if goal.id == item_id:
            return RoadmapItem(
                goal.id,
                "goal",
                gtitle,
                (gtitle,),
                ", ".join(w.title for w in goal.workstreams),
                details=goal.achievements_2024,
                source=src,
            )
        for ws in goal.workstreams:
            if ws.id == item_id:
                lines = tuple(
                    f"{a.year}: {a.text}" + (f" ({_status(a.status, lang)})" if a.status else "")
                    for a in ws.actions
                )
                return RoadmapItem(
                    ws.id, "workstream", ws.title, (gtitle, ws.title), "", details=lines, source=src
                )
            for a in ws.actions:
                if a.id == item_id:
                    origin = (label("origin_" + a.origin, lang),) if a.origin else ()
                    return RoadmapItem(
                        a.id,
                        "action",
                        a.text,
                        (gtitle, ws.title, f"{a.year}"),
                        a.text,
                        year=a.year,
                        status=_status(a.status, lang) if a.status else None,
                        responsible=tuple(role_ref(x, kb) for x in a.responsible),
                        details=origin,
                        source=src,
                    )
    return None


def guidance_excerpt(result_id: str, kb: KnowledgeBase) -> GuidanceExcerpt | None:
    doc_id, _, slug = result_id.partition("#")
    doc: GuidanceDoc | None = next((g for g in kb.guidance if g.id == doc_id), None)
    if doc is None:
        return None
    src = doc.source.file if doc.source else f"guidance/{doc_id}.md"
    for sec in doc.sections:
        if sec.slug == slug:
            return GuidanceExcerpt(
                result_id, f"{doc.title}: {sec.heading}", sec.text.strip(), doc.updated, src
            )
    return GuidanceExcerpt(result_id, doc.title, doc.intro.strip(), doc.updated, src)
