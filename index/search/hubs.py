"""Services that every Swedish or English question comes near, whatever it is about: hubs.

The knowledge is written in Finnish; a few services also carry long Swedish or English text
(the rainbow families' meetings, the English-speaking seniors' coffee call, the stroke
relatives' group in Swedish). To the model, a question in Swedish or English is near those
passages whatever the need: over the read case sets, the rainbow families' meetings were among
the first five services for 46 of 103 English cases and fitted 3 of them; the stroke relatives'
group was among them for 57 of 104 Swedish cases and fitted 5. Such a service is a hub of the
language. Its nearness is the language's, and it also made the second stage sure of a fit
that was not there: a hub first, "good", for a no-match case.

How much of a hub a service is comes from the knowledge itself, not from questions: its mean
cosine to the vocabulary's target groups and themes, their labels in that language embedded as
questions are (what questions in the language are about), as a z-score over the services. A
hub (z ≥ HUB_Z) whose most specific tag — the target group or theme fewest services carry
("sateenkaari", not "perheet") — the question neither names nor implies is scored at
HUB_FACTOR in the first stage. A hub the question does point at keeps its score: the Swedish
conversation group for a Swedish speaker's low mood, the benefits advice for a benefits case.

Finnish questions are left as they are (the text is theirs). Measured on the read sets:
docs/evaluation.md, the twenty-sixth stop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.knowledge.model import KnowledgeBase, Service, Vocabularies
from index.search.embcache import EmbeddingCache, embed_texts
from index.search.embedder import Embedder
from index.search.service_kind import tag_counts

if TYPE_CHECKING:
    from index.search.facets import Filters

HUB_LANGS = ("sv", "en")
HUB_Z = 1.4  # z-score of the mean cosine to the language's labels from which a service is a hub
HUB_FACTOR = 0.6  # a hub's first-stage score when the question does not point at it


def vocabulary_labels(vocab: Vocabularies, lang: str) -> list[str]:
    """The target groups' and themes' labels in `lang` ("older people", "loneliness")."""
    out = []
    for kind in ("target_groups", "themes"):
        for entry in vocab.by_kind(kind).values():
            text = entry.labels.get(lang)
            if text:
                out.append(text)
    return out


class Hubs:
    """Per language, how much of a hub each document is, and the first-stage correction."""

    def __init__(
        self,
        embeddings: np.ndarray,
        service_at: Sequence[Service | None],
        kb: KnowledgeBase,
        embedder: Embedder,
        cache: EmbeddingCache | None = None,
    ):
        """The labels' vectors come from the embedding cache when it has them (a reload
        embeds none); the z-scores cost one matrix product per language. What a hub's most
        specific tags are is read once here, not on every search."""
        self.z: dict[str, np.ndarray] = {}
        self.hubs: dict[str, frozenset[int]] = {}  # per language, the hubs' positions
        rows = [i for i, s in enumerate(service_at) if s is not None]
        for lang in HUB_LANGS:
            labels = vocabulary_labels(kb.vocabularies, lang)
            if not labels or len(rows) < 2:
                continue
            queries = embed_texts(embedder, labels, cache=cache, queries=True)[0]
            mean = (embeddings @ queries.T).mean(axis=1)
            spread = float(mean[rows].std()) or 1.0
            self.z[lang] = (mean - float(mean[rows].mean())) / spread
            self.hubs[lang] = frozenset(i for i in rows if self.z[lang][i] >= HUB_Z)
        themes = kb.theme_counts
        generic = max(themes, key=themes.__getitem__, default="")  # "vertaistuki"
        self._hub: dict[int, _Hub] = {}
        for pos in frozenset().union(*self.hubs.values()):
            s = service_at[pos]
            assert s is not None
            self._hub[pos] = _Hub(
                specific=_most_specific(kb, s),
                themes=frozenset(s.themes) - {generic},
                languages=frozenset(s.languages),
            )

    def demote(
        self, ranked: list[tuple[int, float]], lang: str, f: Filters
    ) -> list[tuple[int, float]]:
        """`ranked` (position, fused score) with the hubs the question does not point at
        scored at HUB_FACTOR, best first again; unchanged for a language without hubs."""
        hubs = self.hubs.get(lang)
        if not hubs:
            return ranked
        asked = set(f.target_groups) | set(f.themes)
        out = [
            (pos, score * HUB_FACTOR)
            if pos in hubs and not self._hub[pos].pointed_at(asked, f.language)
            else (pos, score)
            for pos, score in ranked
        ]
        if out != ranked:
            out.sort(key=lambda t: -t[1])
        return out


@dataclass(frozen=True)
class _Hub:
    specific: frozenset[str]  # its tags fewest services carry
    themes: frozenset[str]  # its themes but the one most services carry
    languages: frozenset[str]

    def pointed_at(self, asked: set[str], language: str | None) -> bool:
        """Does the question name the service's most specific tag? Or is the service held in
        the client's own language, not in Finnish, and about a topic the case names (the
        Swedish friend service for a lonely widow who "bara talar svenska"; not the Swedish
        conversation group for one who wants to exercise)?"""
        own = language not in (None, "fi") and language in self.languages
        if own and "fi" not in self.languages and asked & self.themes:
            return True
        return not self.specific or bool(asked & self.specific)


def _most_specific(kb: KnowledgeBase, s: Service) -> frozenset[str]:
    """The service's target groups and themes that fewest services carry (ties all count)."""
    tags = tag_counts(kb, s)
    rarest = min((n for n, _ in tags), default=0)
    return frozenset(t for n, t in tags if n == rarest)
