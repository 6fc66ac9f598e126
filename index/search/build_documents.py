"""KnowledgeBase → searchable `Document`s (ids as in knowledge-format.md).

A service document carries all of its text in every language present plus the
labels of its facets (target groups, themes, places, languages, cost), so that
both the lexical and the dense index can match "ruotsinkielinen" or "äldre"
even when the description doesn't say it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from index.knowledge.model import (
    LANGS,
    GuidanceDoc,
    KnowledgeBase,
    Roadmap,
    Role,
    Service,
    Translations,
    Vocabularies,
)
from index.memo import LastCall
from index.search.documents import Document

STATUS_FI = {
    "toteutuu": "toteutui",
    "osittain": "toteutui osittain",
    "ei-toteudu": "ei toteutunut",
    "kesken": "kesken",
}
ORIGIN_FI = {
    "siirtynyt-2024": "siirtyi vuodelta 2024",
    "selvitys": "nostettu hyvinvointialueen sisäisestä selvityksestä",
}
COST_FI = {"free": "maksuton, ilmainen", "fee": "maksullinen", "partly": "osittain maksullinen"}


def _all(text: Translations) -> list[str]:
    return [text[lang] for lang in LANGS if text.get(lang)]


def _labels(vocab: Vocabularies, kind: str, ids: Iterable[str]) -> list[str]:
    entries = vocab.by_kind(kind)
    out: list[str] = []
    for vid in ids:
        entry = entries.get(vid)
        if entry is not None:
            out.extend(entry.labels.get(lang, "") for lang in LANGS)
    return [x for x in out if x]


def service_document(s: Service, vocab: Vocabularies) -> Document:
    age = ""
    if s.age_min is not None and s.age_max is not None:
        age = f"{s.age_min}–{s.age_max}-vuotiaille"
    elif s.age_min is not None:
        age = f"yli {s.age_min}-vuotiaille"
    elif s.age_max is not None:
        age = f"alle {s.age_max + 1}-vuotiaille"
    parts = [
        *_all(s.name),
        *_all(s.organization.name),
        *_all(s.summary),
        *_all(s.description),
        *_all(s.how_to_join),
        *_all(s.schedule),
        "Kenelle: " + ", ".join(_labels(vocab, "target_groups", s.target_groups)),
        "Teemat: " + ", ".join(_labels(vocab, "themes", s.themes)),
        "Missä: " + ", ".join(_labels(vocab, "municipalities", s.municipalities)),
        "Kielet: " + ", ".join(_labels(vocab, "languages", s.languages)),
        "Hinta: " + COST_FI.get(s.cost, s.cost),
        "Verkossa, etänä" if s.online else "",
        "Tarvitsee lähetteen" if s.referral_needed else "",
        age,
        *(" ".join(x for x in (loc.name, loc.address) if x) for loc in s.locations),
    ]
    return Document(
        id=s.id,
        kind="service",
        title=s.name.get("fi", s.id),
        text="\n".join(p for p in parts if p),
        source_file=s.source.file if s.source else "",
    )


def guidance_documents(g: GuidanceDoc) -> list[Document]:
    src = g.source.file if g.source else ""
    docs: list[Document] = []
    if g.intro.strip():
        docs.append(Document(f"{g.id}#johdanto", "guidance", g.title, f"{g.title}\n{g.intro}", src))
    for sec in g.sections:
        docs.append(
            Document(
                id=f"{g.id}#{sec.slug}",
                kind="guidance",
                title=f"{g.title}: {sec.heading}",
                text=f"{g.title}\n{sec.heading}\n{sec.text}",
                source_file=src,
            )
        )
    return docs


def roadmap_documents(r: Roadmap, roles: dict[str, Role]) -> list[Document]:
    src = r.source.file if r.source else "roadmap/roadmap.yaml"

    def who(ids: Iterable[str]) -> str:
        return ", ".join(roles[i].name if i in roles else i for i in ids)

    docs = [
        Document(
            "vision", "roadmap", "Järjestöyhteistyön visio", f"{r.title}\nVisio\n{r.vision}", src
        ),
        Document(
            "binding-goal",
            "roadmap",
            "Sitova tavoite ja sen mittarit",
            "\n".join([r.title, "Sitova tavoite: " + r.binding_goal, "Mittarit:", *r.metrics]),
            src,
        ),
        Document(
            "development-proposals",
            "roadmap",
            "Sisäisen selvityksen kehittämisehdotukset",
            "\n".join(
                [
                    r.title,
                    "Vuonna 2024 toteutetun sisäisen selvityksen kehittämisehdotukset:",
                    *r.development_proposals,
                ]
            ),
            src,
        ),
    ]
    for goal in r.goals:
        head = f"Tavoite {goal.number}: {goal.title}"
        docs.append(
            Document(
                goal.id,
                "roadmap",
                head,
                "\n".join(
                    [
                        head,
                        "Toimenpidekokonaisuudet: " + ", ".join(w.title for w in goal.workstreams),
                        *(["Vuonna 2024 saavutettiin:"] if goal.achievements_2024 else []),
                        *goal.achievements_2024,
                    ]
                ),
                src,
            )
        )
        for ws in goal.workstreams:
            lines = [f"{ws.title} ({head})"]
            for a in ws.actions:
                status = STATUS_FI.get(a.status or "", "")
                lines.append(f"{a.year}: {a.text}" + (f" – {status}" if status else ""))
            docs.append(Document(ws.id, "roadmap", ws.title, "\n".join(lines), src))
            for a in ws.actions:
                facts = [
                    f"Toimenpide vuodelle {a.year}: {a.text}",
                    f"{ws.title} – {head}",
                    f"Tila: {STATUS_FI.get(a.status or '', '')}" if a.status else "",
                    ORIGIN_FI.get(a.origin or "", ""),
                    f"Vastuutahot: {who(a.responsible)}" if a.responsible else "",
                ]
                docs.append(
                    Document(a.id, "roadmap", a.text, "\n".join(f for f in facts if f), src)
                )
    return docs


def role_document(role: Role) -> Document:
    text = "\n".join(
        [role.name, role.description, "Vastuut:", *role.responsibilities, role.contact or ""]
    )
    src = role.source.file if role.source else "roadmap/roles.yaml"
    return Document(role.id, "role", role.name, text.strip(), src)


_DOCUMENTS: LastCall[Service, Document] = LastCall()  # the last call's, by service identity


def service_documents(services: Sequence[Service], vocab: Vocabularies) -> list[Document]:
    """`service_document` of each service; a service that is the very object of the last
    call (a re-read keeps an unchanged file's services: `index.knowledge.file_memo`), with
    equal vocabularies, keeps its document."""
    return _DOCUMENTS.map(services, lambda s: service_document(s, vocab), context=vocab)


def build_documents(kb: KnowledgeBase) -> list[Document]:
    """Every document of the knowledge base, in a stable order."""
    docs = service_documents(kb.services, kb.vocabularies)
    for g in kb.guidance:
        docs.extend(guidance_documents(g))
    if kb.roadmap is not None:
        docs.extend(roadmap_documents(kb.roadmap, dict(kb.roles)))
    docs.extend(role_document(r) for r in kb.roles.values())
    return docs
