"""Typed, immutable picture of a knowledge base (format v1, see knowledge/README.md).

The loader (`index.knowledge.loader`) builds these from the files; everything downstream
(documents, search, handlers) reads only these types, never raw YAML.
Translatable text is a `Translations` mapping of language code to string: `fi` always,
`sv` / `en` where the file has a `_sv` / `_en` variant.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

LANGS = ("fi", "sv", "en")

Translations = Mapping[str, str]
"""Language code → text. `fi` is present whenever the field is."""


def pick(text: Translations | None, lang: str) -> str:
    """The text in `lang`, falling back to Finnish, then any language present."""
    if not text:
        return ""
    return text.get(lang) or text.get("fi") or next(iter(text.values()), "")


@dataclass(frozen=True)
class SourceRef:
    """Where something was defined, for error messages and answer citations."""

    file: str  # path relative to the knowledge root, e.g. "services/lahteella-ry.yaml"
    line: int  # 1-based


@dataclass(frozen=True)
class VocabEntry:
    id: str
    labels: Translations  # fi / sv / en display labels
    synonyms: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return pick(self.labels, lang) or self.id


@dataclass(frozen=True)
class Vocabularies:
    target_groups: Mapping[str, VocabEntry]
    themes: Mapping[str, VocabEntry]
    municipalities: Mapping[str, VocabEntry]
    languages: Mapping[str, VocabEntry]

    def by_kind(self, kind: str) -> Mapping[str, VocabEntry]:
        """`kind` is one of target_groups, themes, municipalities, languages."""
        return {
            "target_groups": self.target_groups,
            "themes": self.themes,
            "municipalities": self.municipalities,
            "languages": self.languages,
        }[kind]


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None

    def is_empty(self) -> bool:
        return not (self.name or self.email or self.phone)


@dataclass(frozen=True)
class Location:
    name: str | None
    address: str | None
    municipality: str | None


@dataclass(frozen=True)
class Organization:
    id: str
    name: Translations
    description: Translations = field(default_factory=dict)
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class Service:
    id: str  # "<org-id>/<service-slug>"
    organization: Organization
    name: Translations
    summary: Translations
    description: Translations
    target_groups: tuple[str, ...]
    themes: tuple[str, ...]
    municipalities: tuple[str, ...]
    online: bool
    languages: tuple[str, ...]
    cost: str  # free | fee | partly
    how_to_join: Translations
    referral_needed: bool
    updated: dt.date
    age_min: int | None = None
    age_max: int | None = None
    locations: tuple[Location, ...] = ()
    schedule: Translations = field(default_factory=dict)
    contact: Contact | None = None  # None: fall back to the organisation's
    links: Mapping[str, str] = field(default_factory=dict)
    source: SourceRef | None = None

    def effective_contact(self) -> Contact:
        """The service's own contact, else the organisation's."""
        if self.contact is not None and not self.contact.is_empty():
            return self.contact
        org = self.organization
        return Contact(name=None, email=org.email, phone=org.phone)


@dataclass(frozen=True)
class GuidanceSection:
    slug: str  # result id is "<doc-id>#<slug>"
    heading: str
    text: str  # Markdown body of the section, heading excluded
    line: int  # 1-based line of the heading in the file


@dataclass(frozen=True)
class GuidanceDoc:
    id: str
    title: str
    audience: tuple[str, ...]
    tags: tuple[str, ...]
    updated: dt.date
    intro: str  # text before the first `##` heading (the `#` title line excluded)
    sections: tuple[GuidanceSection, ...]
    source: SourceRef | None = None


@dataclass(frozen=True)
class Action:
    id: str
    year: int
    text: str
    status: str | None  # toteutuu | osittain | ei-toteudu | kesken
    origin: str | None  # siirtynyt-2024 | selvitys | None
    responsible: tuple[str, ...]
    source: SourceRef | None = None


@dataclass(frozen=True)
class Workstream:
    id: str
    title: str
    actions: tuple[Action, ...]
    source: SourceRef | None = None


@dataclass(frozen=True)
class Goal:
    id: str
    number: int
    title: str
    workstreams: tuple[Workstream, ...]
    achievements_2024: tuple[str, ...] = ()
    source: SourceRef | None = None


@dataclass(frozen=True)
class Roadmap:
    id: str
    title: str
    source_text: str  # the `source` field: where the roadmap comes from
    notes: str | None
    vision: str
    binding_goal: str
    metrics: tuple[str, ...]
    development_proposals: tuple[str, ...]
    goals: tuple[Goal, ...]
    source: SourceRef | None = None


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    kind: str  # toimielin | rooli | verkosto | yksikko
    description: str
    responsibilities: tuple[str, ...]
    contact: str | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything loaded from one knowledge folder, already validated."""

    root: str
    vocabularies: Vocabularies
    organizations: Mapping[str, Organization]
    services: tuple[Service, ...]
    guidance: tuple[GuidanceDoc, ...]
    roadmap: Roadmap | None
    roles: Mapping[str, Role]
    content_hash: str  # sha256 over every file's relative path and bytes
    file_hashes: Mapping[str, str] = field(default_factory=dict)  # rel path → sha256

    @cached_property
    def theme_counts(self) -> Mapping[str, int]:
        """How many services carry each theme: a theme few carry says most of a service."""
        return Counter(t for s in self.services for t in s.themes)

    @cached_property
    def group_counts(self) -> Mapping[str, int]:
        """How many services carry each target group ("sateenkaari" says more than "nuoret")."""
        return Counter(g for s in self.services for g in s.target_groups)

    @cached_property
    def services_by_id(self) -> Mapping[str, Service]:
        """Every service by its id, made once per knowledge base (ids are unique: the loader
        refuses a repeated one). At 100,000 services a scan per card or per kind check cost
        milliseconds."""
        return {s.id: s for s in self.services}

    def service(self, service_id: str) -> Service | None:
        return self.services_by_id.get(service_id)
