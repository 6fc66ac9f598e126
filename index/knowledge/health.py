"""Content health report: what in the knowledge needs a coordinator's attention.

The files can validate and still age badly: a service not checked for a year,
one nobody can reach, the same service typed in twice (often by two
associations, or once by hand and once from PTV), vocabulary values no
service uses (a typo'd synonym list, or a target group nobody serves — both
worth knowing). The report is in Finnish, for `jarjestobotti knowledge
report` and the page `/admin/sisalto`.

Near-duplicates are found with the index's own passage vectors (cosine
similarity of unit vectors): no extra model, and "duplicate" means what
search sees as interchangeable. e5 vectors of any two services in one field
score 0.85–0.95, so the default threshold is high; a pair above it is
practically the same text.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.search.artifact import SearchIndex, load_index, passage_text
from index.search.build_documents import service_document
from index.search.embcache import EmbeddingCache, embed_texts
from index.search.embedder import Embedder
from index.errors import SearchIndexError
from index.knowledge.model import KnowledgeBase, Service

DUPLICATE_THRESHOLD = 0.975
STALE_MONTHS = 12
VOCAB_KINDS = {
    "target_groups": "kohderyhmät",
    "themes": "teemat",
    "municipalities": "kunnat",
    "languages": "kielet",
}


@dataclass(frozen=True)
class ServiceRef:
    id: str
    name: str
    organization: str
    file: str
    line: int
    updated: dt.date

    @classmethod
    def of(cls, s: Service) -> ServiceRef:
        return cls(s.id, s.name.get("fi", s.id), s.organization.name.get("fi", ""),
                   s.source.file if s.source else "", s.source.line if s.source else 0,
                   s.updated)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.file else self.id


@dataclass(frozen=True)
class DuplicatePair:
    first: ServiceRef
    second: ServiceRef
    similarity: float


@dataclass(frozen=True)
class HealthReport:
    today: dt.date
    stale_before: dt.date
    service_count: int
    stale: tuple[ServiceRef, ...]
    no_contact: tuple[ServiceRef, ...]
    duplicates: tuple[DuplicatePair, ...]
    threshold: float
    unused: Mapping[str, tuple[tuple[str, str], ...]]  # kind → (id, Finnish label)

    @property
    def finding_count(self) -> int:
        unused = sum(len(v) for v in self.unused.values())
        return len(self.stale) + len(self.no_contact) + len(self.duplicates) + unused


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day if it is shorter)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def has_contact_route(s: Service) -> bool:
    """Can a professional reach the service: phone, e-mail, website or a link page."""
    contact = s.effective_contact()
    org = s.organization
    return bool(contact.email or contact.phone or org.email or org.phone or org.website
                or any(s.links.values()))


def service_vectors(kb: KnowledgeBase, index: SearchIndex) -> np.ndarray:
    """Rows of `index.embeddings` for `kb.services`, in the same order."""
    rows = {d.id: i for i, d in enumerate(index.docs) if d.kind == "service"}
    missing = [s.id for s in kb.services if s.id not in rows]
    if missing:
        raise ValueError(f"hakemistosta puuttuu palveluja: {', '.join(missing[:5])}")
    picked = [rows[s.id] for s in kb.services]
    return np.asarray(index.embeddings[picked], dtype=np.float32).reshape(len(picked), -1)


def near_duplicates(services: Sequence[Service], vectors: np.ndarray,
                    threshold: float) -> list[DuplicatePair]:
    if len(services) < 2:
        return []
    sims = vectors @ vectors.T
    first, second = np.triu_indices(len(services), k=1)
    scores = sims[first, second]
    pairs = [DuplicatePair(ServiceRef.of(services[int(a)]), ServiceRef.of(services[int(b)]),
                           float(score))
             for a, b, score in zip(first, second, scores, strict=True) if score > threshold]
    return sorted(pairs, key=lambda p: (-p.similarity, p.first.id, p.second.id))


def vectors_for_report(kb: KnowledgeBase, index_dir: Path, embedder: Embedder,
                       cache_dir: Path | None) -> np.ndarray:
    """The services' vectors: from the saved index when it was built from `kb`, else
    embedded now (the embedding cache and the stale index's vectors make it cheap)."""
    previous: SearchIndex | None = None
    try:
        previous = load_index(index_dir, embedder)
        if previous.manifest["knowledge_hash"] == kb.content_hash:
            return service_vectors(kb, previous)
    except (SearchIndexError, ValueError):
        pass
    texts = [passage_text(service_document(s, kb.vocabularies)) for s in kb.services]
    known = ({passage_text(d): previous.embeddings[i] for i, d in enumerate(previous.docs)}
             if previous is not None else None)
    cache = EmbeddingCache(cache_dir) if cache_dir is not None else None
    return embed_texts(embedder, texts, known=known, cache=cache)[0]


def unused_values(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, str], ...]]:
    used: dict[str, set[str]] = {kind: set() for kind in VOCAB_KINDS}
    for s in kb.services:
        used["target_groups"].update(s.target_groups)
        used["themes"].update(s.themes)
        used["municipalities"].update(s.municipalities)
        used["municipalities"].update(loc.municipality for loc in s.locations if loc.municipality)
        used["languages"].update(s.languages)
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for kind in VOCAB_KINDS:
        entries = kb.vocabularies.by_kind(kind)
        out[kind] = tuple((vid, e.label("fi")) for vid, e in entries.items()
                          if vid not in used[kind])
    return out


def health_report(kb: KnowledgeBase, vectors: np.ndarray | SearchIndex, today: dt.date,
                  *, threshold: float = DUPLICATE_THRESHOLD) -> HealthReport:
    """The report for `kb`; `vectors` are the services' rows (or the index to take them from)."""
    if isinstance(vectors, SearchIndex):
        vectors = service_vectors(kb, vectors)
    cutoff = months_before(today, STALE_MONTHS)
    services = list(kb.services)
    stale = sorted((ServiceRef.of(s) for s in services if s.updated < cutoff),
                   key=lambda r: (r.updated, r.id))
    unreachable = [ServiceRef.of(s) for s in services if not has_contact_route(s)]
    return HealthReport(
        today=today, stale_before=cutoff, service_count=len(services), stale=tuple(stale),
        no_contact=tuple(sorted(unreachable, key=lambda r: r.id)),
        duplicates=tuple(near_duplicates(services, vectors, threshold)),
        threshold=threshold, unused=unused_values(kb))


def _date(day: dt.date) -> str:
    return f"{day.day}.{day.month}.{day.year}"


def report_text(report: HealthReport) -> str:
    """The report as plain Finnish text (the CLI output)."""
    lines = [f"Tietopohjan sisältöraportti {_date(report.today)}: {report.service_count} "
             f"palvelua, {report.finding_count} huomiota.", ""]

    def section(title: str, rows: list[str], none: str, count: int | None = None) -> None:
        lines.append(f"{title} ({len(rows) if count is None else count})")
        lines.extend([f"  - {row}" for row in rows] if rows else [f"  {none}"])
        lines.append("")

    section(f"Päivittämättä yli {STALE_MONTHS} kuukautta (päivitetty ennen "
            f"{_date(report.stale_before)})",
            [f"{r.id} – {r.name}, päivitetty {_date(r.updated)} ({r.where})"
             for r in report.stale],
            "Kaikki palvelut on päivitetty viimeisen vuoden aikana.")
    section("Ei yhteystapaa (ei puhelinta, sähköpostia, verkkosivua eikä linkkiä)",
            [f"{r.id} – {r.name} ({r.where}): lisää palvelulle contact-kohta tai "
             f"järjestölle puhelin, sähköposti tai verkkosivu" for r in report.no_contact],
            "Jokaiselle palvelulle on yhteystapa.")
    section(f"Lähes samanlaiset palvelut (samankaltaisuus yli {report.threshold:.3f})",
            [f"{p.first.id} ({p.first.where}) ja {p.second.id} ({p.second.where}): "
             f"{p.similarity:.3f} – tarkista, onko sama palvelu kahdesti"
             for p in report.duplicates],
            "Ei lähes samanlaisia palveluja.")
    unused = [f"{VOCAB_KINDS[kind]}: " + ", ".join(f"{vid} ({label})" for vid, label in vals)
              for kind, vals in report.unused.items() if vals]
    section("Sanaston arvot, joita mikään palvelu ei käytä", unused,
            "Kaikkia sanaston arvoja käytetään.", sum(len(v) for v in report.unused.values()))
    return "\n".join(lines).rstrip() + "\n"
