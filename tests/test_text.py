"""Lexical tokenisation: inflected and compound Finnish words meet their other forms."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from index.language.tokens import (
    TOKENIZER_NAMES,
    WordTokenizer,
    make_tokenizer,
    tokenizer_from_json,
)

CORPUS = [
    "Omaishoitajien vertaistukiryhmä kokoontuu Keravalla kerran kuukaudessa. "
    "Vertaistuki auttaa jaksamaan arjessa.",
    "Vertaisryhmä eroperheiden vanhemmille: vertaiset jakavat kokemuksia ja saavat tukea.",
    "Tukiryhmä ja keskusteluryhmä nuorille. Ryhmä kokoontuu Vantaalla, ja tuki on maksutonta.",
    "Vertaistukea ja vertaisohjaajan tukea päihdekuntoutujille Tikkurilassa.",
    "Ruoka-apu ja ruokakassit vähävaraisille perheille torstaisin klo 12–14.",
    "Turvallisuuden tunne ja uudet ystävät: turvallisuus on tärkeää kaikille.",
    "Stödgrupp för närståendevårdare i Kervo. Kamratstöd och samtalsgrupper på svenska.",
    "Peer support groups for family carers in Kerava and Vantaa.",
]
QUESTION = "Onko Keravalla vertaistukiryhmää omaishoitajille, ja mihin aikaan se kokoontuu?"


@pytest.fixture(scope="module")
def fitted() -> dict[str, WordTokenizer]:
    out = {}
    for name in TOKENIZER_NAMES:
        tok = make_tokenizer(name)
        tok.fit(CORPUS)
        out[name] = tok
    return out


def shared(tok: WordTokenizer, a: str, b: str) -> set[str]:
    return set(tok.tokenize(a)) & set(tok.tokenize(b))


def test_plain_lowercases_and_keeps_finnish_letters_and_digits(
    fitted: dict[str, WordTokenizer],
) -> None:
    tokens = fitted["plain"].tokenize("Äitien Vertaisryhmä, klo 18–20! (Kerava) #perhe_kahvila")
    assert tokens == ["äitien", "vertaisryhmä", "klo", "18", "20", "kerava", "perhe", "kahvila"]


@pytest.mark.parametrize("name", TOKENIZER_NAMES)
def test_stopwords_are_dropped(fitted: dict[str, WordTokenizer], name: str) -> None:
    text = QUESTION + " Hon söker stöd för sin mamma. What is there for me?"
    tokens = fitted[name].tokenize(text)
    for stop in ("onko", "ja", "on", "se", "mihin", "för", "sin", "what", "is", "there", "me"):
        assert stop not in tokens, (name, stop, tokens)
    assert tokens, name


def test_lemma_finds_the_base_form(fitted: dict[str, WordTokenizer]) -> None:
    lemma = fitted["lemma"]
    assert lemma.tokenize("Keravalla") == ["kerava"]
    assert lemma.tokenize("omaishoitajille") == ["omaishoitaja"]
    assert shared(lemma, "vertaistukiryhmään", "vertaistukiryhmä") == {"vertaistukiryhmä"}
    assert shared(lemma, "vertaisryhmissä", "Vertaisryhmä") == {"vertaisryhmä"}


def test_stem_meets_inflected_forms(fitted: dict[str, WordTokenizer]) -> None:
    stem = fitted["stem"]
    assert stem.tokenize("Keravalla") == stem.tokenize("Kerava") == ["kerav"]
    assert shared(stem, "vertaistukiryhmään", "vertaistukiryhmä")
    assert shared(stem, "omaishoitajille", "omaishoitajien")


@pytest.mark.parametrize("name", ["lemma+compound", "stem+compound"])
def test_compounds_share_their_parts(fitted: dict[str, WordTokenizer], name: str) -> None:
    """A search for "vertaisryhmä" reaches a document about a "vertaistukiryhmä"."""
    tok = fitted[name]
    common = shared(tok, "vertaistukiryhmään", "vertaisryhmä")
    assert len(common) >= 2, common  # the modifier (vertais-) and the head (ryhmä)
    assert shared(tok, "vertaistukiryhmään", "tuki")  # ...and so does the middle part


def test_compound_parts_come_in_addition_to_the_whole_word(
    fitted: dict[str, WordTokenizer],
) -> None:
    tokens = fitted["lemma+compound"].tokenize("vertaistukiryhmään")
    assert tokens[0] == "vertaistukiryhmä"
    assert {"vertainen", "tuki", "ryhmä"} <= set(tokens)


def test_non_compounds_stay_whole(fitted: dict[str, WordTokenizer]) -> None:
    tok = fitted["lemma+compound"]
    assert tok.tokenize("Keravalla") == ["kerava"]
    # -isuus nouns are derivations, not "-is" + "uusi" (new)
    assert tok.tokenize("turvallisuuden") == ["turvallisuus"]


def test_swedish_and_english_text_is_normalised_in_its_own_language(
    fitted: dict[str, WordTokenizer],
) -> None:
    lemma = fitted["lemma"]
    assert "stödgrupp" in lemma.tokenize("Finns det stödgrupper för närståendevårdare?")
    assert {"group", "carer"} <= set(lemma.tokenize("Are there support groups for carers?"))
    stem = fitted["stem"]
    assert "famili" in stem.tokenize("Support for the families")


def test_fitted_state_round_trips_through_json(fitted: dict[str, WordTokenizer]) -> None:
    for name, tok in fitted.items():
        state = json.loads(json.dumps(tok.to_json()))
        again = tokenizer_from_json(state)
        assert again.name == name
        for text in [*CORPUS, QUESTION, "vertaistukiryhmään", "vertaisryhmä"]:
            assert again.tokenize(text) == tok.tokenize(text), (name, text)


def test_compound_tokenizer_must_be_fitted() -> None:
    with pytest.raises(ValueError, match="fitted"):
        make_tokenizer("lemma+compound").tokenize("vertaistukiryhmä")
    assert make_tokenizer("lemma").tokenize("ryhmissä") == ["ryhmä"]  # no fit needed


def test_unknown_tokenizer_names_are_refused() -> None:
    for bad in ("snowball", "lemma+ngrams", "lemma+compound+x"):
        with pytest.raises(ValueError, match="unknown tokenizer"):
            make_tokenizer(bad)
    with pytest.raises(ValueError):
        tokenizer_from_json({"format": 99, "name": "lemma"})
    with pytest.raises(ValueError):
        tokenizer_from_json({"format": 1, "name": "lemma+compound"})


@pytest.mark.parametrize("name", TOKENIZER_NAMES)
def test_query_tokenisation_is_fast(fitted: dict[str, WordTokenizer], name: str) -> None:
    tok = fitted[name]
    tok.tokenize(QUESTION)  # dictionaries loaded, words seen once
    start = time.perf_counter()
    for _ in range(200):
        tok.tokenize(QUESTION)
    per_query = (time.perf_counter() - start) / 200
    assert per_query < 0.001, f"{name}: {per_query * 1000:.3f} ms per query"


QUERIES = [
    "Löytyykö Keravalta vertaisryhmiä omaishoitajille?",
    "Missä vertaistukiryhmämme kokoontuvat ja onko tukiryhmissä nuoria?",
    "Ruoka-apua ja ruokakasseja vähävaraisille perheille Vantaalla?",
    "Finns det stödgrupper för närståendevårdare i Kervo?",
    "Are there peer support groups for family carers in Vantaa?",
]
_RESTORE = """
import json, sys
from index.language.tokens import tokenizer_from_json
state, queries = json.load(sys.stdin)
tok = tokenizer_from_json(state)
print(json.dumps([[tok.tokenize(q) for q in queries], "simplemma" in sys.modules]))
"""


def test_restored_lemma_tokenizer_needs_no_simplemma(fitted: dict[str, WordTokenizer]) -> None:
    """A loaded index lemmatises from its own table: same terms, none of simplemma's memory."""
    tok = fitted["lemma+compound"]
    state = tok.to_json()
    # the same splitter without the table lemmatises with simplemma itself; the
    # two agree on every term a document has (others stay unlemmatised: "finns")
    reference = tokenizer_from_json({k: v for k, v in state.items() if k != "lemmas"})
    corpus_terms = {t for text in CORPUS for t in tok.tokenize(text)}
    expected = [tok.tokenize(q) for q in QUERIES]
    for query, tokens in zip(QUERIES, expected, strict=True):
        in_corpus = [t for t in reference.tokenize(query) if t in corpus_terms]
        assert [t for t in tokens if t in corpus_terms] == in_corpus, query
    terms = {t for ts in expected for t in ts}
    assert {"omaishoitaja", "vertaisryhmä", "ryhmä", "stödgrupp", "carer"} <= terms
    run = subprocess.run(
        [sys.executable, "-c", _RESTORE],
        input=json.dumps([state, QUERIES]),
        capture_output=True,
        text=True,
        check=True,
    )
    tokens, imported = json.loads(run.stdout)
    assert tokens == expected
    assert not imported
