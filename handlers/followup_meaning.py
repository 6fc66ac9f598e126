"""What a short follow-up about the cards shown asks, by meaning.

The word rules (`followups.asks_for_others`, `nearby.asks_closer`, `turn_words.says_thanks`,
`dismiss.turned_down`, `followups.item_asked`) read the usual wordings; a worker has many more
("ei noi oikein osu, muita?", "matka on hänelle liian pitkä", "kolmas pois listalta",
"onko kolmoseen jonoa?"). A short message they leave undecided is compared with the examples
of `followup_examples.yaml` in the search's own query vectors (cached on disk as questions):
it is the action, among those it could be, whose nearest example is nearest, when that
example is nearer by `MARGIN` than every example of a refinement and of a new question.

What it could be: a card turned down or asked about only when the message points at one by
its place in the answer (`followups.card_number`) or at the first by "that one", "tuo",
"sinne" (`dismiss.THERE`); other options and thanks only with no constraint, need or group of
their own, and thanks only with no question mark ("Kiitos! Onko muita?" asks for more);
something closer with no constraint but the case's own town (a district of it: "jotain Korson
kulmilta?"), and with a need read in it twice the margin. Never another client or matter,
nor a cue of a question on the cooperation (`intent.guess_intent`).
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import yaml

from handlers.context import ConversationState
from handlers.dismiss import THERE, card_ids
from handlers.followups import FollowUp, card_number
from handlers.intent import guess_intent
from handlers.turn_words import OTHER
from index.language.detect import words
from index.search.embcache import embed_texts
from index.search.engine import Searcher
from index.search.facets import EVERYONE, Filters  # the group for everyone names no need

EXAMPLES_FILE = Path(__file__).with_name("followup_examples.yaml")
POINTED = ("dismiss", "details")  # about one card, pointed at by its place
FREE = ("more", "closer", "thanks")
RIVALS = ("refine", "new")
KINDS = (*FREE, *POINTED, *RIVALS)
MAX_WORDS = 12
MARGIN = 0.02

_lock = threading.Lock()
_vectors: dict[str, dict[str, np.ndarray]] = {}  # embedder model → kind → example vectors


def _examples() -> dict[str, list[str]]:
    data = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return {k: [str(x) for x in data[k]] for k in KINDS}


def _example_vectors(searcher: Searcher) -> dict[str, np.ndarray]:
    key = searcher.embedder.model
    with _lock:
        if key not in _vectors:
            examples = _examples()
            texts = [t for k in KINDS for t in examples[k]]  # cached as questions on disk
            matrix = embed_texts(searcher.embedder, texts, cache=searcher.cache, queries=True)[0]
            out, at = {}, 0
            for k in KINDS:
                out[k] = matrix[at : at + len(examples[k])]
                at += len(examples[k])
            _vectors[key] = out
        return _vectors[key]


def action_by_meaning(
    searcher: Searcher, text: str, allowed: tuple[str, ...], margin: float = MARGIN
) -> str | None:
    """The one of `allowed` the message clearly means (by `margin`), else None."""
    if not allowed or not 0 < len(words(text)) <= MAX_WORDS:
        return None
    v = searcher.embed_query(text)
    sims = {k: float((m @ v).max()) for k, m in _example_vectors(searcher).items()}
    best = max(allowed, key=lambda k: sims[k])
    return best if sims[best] - max(sims[k] for k in RIVALS) >= margin else None


def meant_action(
    searcher: Searcher, text: str, f: Filters, town: str | None
) -> tuple[str, int | None] | None:
    """(action, card number) of a follow-up about the cards shown, by meaning; or None."""
    if OTHER.search(text):
        return None  # another client or matter
    guess = guess_intent(text, f)
    if guess.knowledge_cues or guess.intent in ("knowledge", "help", "contact"):
        return None  # "Mitä asiakkaan tietoja saan kertoa järjestölle?": the cooperation's
    stated = f.states_constraint()
    if (n := card_number(text)) is not None:
        meant = None if stated else action_by_meaning(searcher, text, POINTED)
        return (meant, n) if meant else None
    needs = bool(f.themes) or any(g != EVERYONE for g in f.target_groups)
    only_town = f.municipality == town and not _stated_beyond_place(f)
    if not (stated or needs):
        # thanks asks nothing ("Kiitos! Onko muita?" asks for more); "that one", "sinne"
        # point at the first card shown ("That one's full", "Miten sinne pääsee mukaan?")
        free = tuple(k for k in FREE if k != "thanks" or "?" not in text)
        there = THERE.search(text) is not None
        meant = action_by_meaning(searcher, text, (*free, *POINTED) if there else free)
        return (meant, 1 if meant in POINTED else None) if meant else None
    if stated and not only_town:
        return None
    # "ei jaksa matkustaa" (also read as a sign of exhaustion), "jotain Korson kulmilta?"
    meant = action_by_meaning(searcher, text, ("closer",), 2 * MARGIN if needs else MARGIN)
    return (meant, None) if meant else None


def _stated_beyond_place(f: Filters) -> bool:
    """A constraint stated other than the place."""
    others = (f.language, f.age, f.cost, f.online, f.not_language)
    return any(v is not None for v in others) or "low_income" in f.evidence


def meant_followup(
    searcher: Searcher, text: str, f: Filters, prev: ConversationState
) -> FollowUp | None:
    """A follow-up about the cards `prev` showed, read by meaning (`meant_action`)."""
    meant = meant_action(searcher, text, f, prev.filters.municipality)
    if meant is None:
        return None
    kind, n = meant
    if kind == "dismiss":
        ids = card_ids(searcher.kb, prev, n) if n else []
        return FollowUp("dismiss", ids=tuple(ids)) if ids else None
    return FollowUp(kind, n)
