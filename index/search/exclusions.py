"""What a service says it does not do, read against what a case asks for.

Services often say plainly what they are not: "Perheystävä ei ole lastenhoitaja", "Ystävä ei
tee kotitöitä eikä hoida lääkkeitä", "Emme tulkkaa viranomaistapaamisissa". When a case asks
for just that ("mistä saisi jonkun hoitamaan sairasta lasta kotona", "joku jakamaan lääkkeet
dosettiin"), the nearest service is no fit, however close it is in meaning: the answer says
so and quotes the service's own sentence.

Read from the knowledge's Finnish text only, with no word list of any question: a sentence
whose service-side negation ("ei", "emme", "eivät", "eikä") governs a verb of providing
(on, tee, hoida, anna, avusta, korvaa, tarjoa, järjestä, edusta, tulkkaa …) excludes the
content words after the verb, up to the clause's end. Relative and conditional clauses
("joilla ei ole …", "jos ei halua") describe who comes, not what is left out, and "ei tarvita",
"ei ole pakko" lower a threshold; neither excludes anything. On the case's side only the
sentences that ask (a question, "tarvitsisi", "kysyy", "joku, joka …") count, and not what
the case asks to do without ("ilman, että tarvitsee jonottaa kuulokeskukseen").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from index.knowledge.model import Service
from index.language.negation import CLAUSE_BREAK, asserted
from index.language.segments import sentences

Tokenize = Callable[[str], list[str]]

_VERBS = (
    "ole|tee|hoida|anna|avusta|korvaa|tarjoa|järjestä|edusta|myönnä|lainaa|käytä|käsittele"
    "|täytä|pysty|tulkkaa|tulkata|sovellu|sovi|kuljeta|siivoa"
)
_NEGATION = re.compile(
    r"\b(?:ei|eikä|emme|emmekä|eivät|eivätkä)\s+(?:kuitenkaan\s+|myöskään\s+|valitettavasti\s+)?"
    rf"(?=(?:{_VERBS})\b)",
    re.I,
)
# Verbs whose own meaning is the activity left out ("Emme tulkkaa …"), with the stem every
# form of the doing shares ("tulkkaamaan", "tulkki", "tulkkausta"); the others only carry
# what follows them ("ei tee kotitöitä": the chores).
_ACTIVITY = {
    "tulkkaa": "tulk",
    "tulkata": "tulk",
    "kuljeta": "kulje",
    "siivoa": "siivo",
    "edusta": "edust",
}
_NOT_EXCLUDING_BEFORE = re.compile(
    r"\b(?:joka|jotka|jolla|joilla|jonka|joiden|joita|jolle|joille|jos|kun|ettei|jottei|vaikka)\b",
    re.I,
)
_NOT_EXCLUDING_AFTER = re.compile(
    r"^(?:\w+\s+)?(?:pakko|pakollis\w*|tarvit\w*|edellytys|merkitystä|vain|välttämät\w*|väliä|"
    r"haittaa|halua\w*|vielä|aina)\b",
    re.I,
)
# Whom a limit is for, said before it ("Yläkoululaisille emme …", "Lapsille ei ole …").
_FOR_WHOM = re.compile(r"\w{3,}(?:lle|ille)\b", re.I)
_SCOPE_END = re.compile(
    r",(?!\s*kuten)|\s[–—]\s|\bmutta\b|\bvaan\b|\beikä\b|\beivätkä\b|\bemmekä\b|[:;.!?]", re.I
)
# Words too general to say what is left out ("ei osallistu ryhmään", "asiakkaan puolesta").
_GENERAL = frozenset(
    "ryhmä asiakas puolesta mikään kukaan aina liian itse vain osallistuja olla tehdä joku asia "
    "palvelu myös kuitenkaan siis oma kuten muu esimerkiksi henkilökohtainen toimi aika tieto "
    "eteenpäin mukaan kerta päivä viikko käynti hoitaa antaa avustaa tarjota järjestää myöntää "
    "maksaa käyttää täyttää pystyä osallistua korvata lainata käsitellä".split()
)
# A sentence of the case that asks for something.
_ASKS = re.compile(
    r"\?|\b(?:kysy\w*|tarvit\w*|tarvits\w*|tarvii|toivo\w*|halua\w*|etsi\w*|pitäisi|"
    r"\w+isi(?:ko|kö)?|\w+ttaisiin|saisi\w*|voisi\w*|mistä|onko|onks|olisiko|löytyy\w*|"
    r"joku,?\s+joka|jonkun|ketään)\b",
    re.I,
)
_WITHOUT = re.compile(r"\b(?:ilman|without|utan)\b.*", re.I)
# A Swedish or English case asks in its own words; only the activities a service leaves out by
# its verb ("Emme tulkkaa") are read from it, each by the stem of its Finnish doing.
_ASKS_OTHER = re.compile(
    r"\?|\b(?:needs?|needed|looking\s+for|would\s+like|wants?|someone|somebody|anyone|"
    r"behöver|söker|vill|önskar|någon|finns\s+det)\b",
    re.I,
)
# Each doing by the stem every Finnish form shares, and the starts of its other words in
# Finnish, Swedish and English ("kyyti", "interpret", "tolk"); `task_request` reads them too.
DOINGS: dict[str, tuple[str, ...]] = {
    "tulk": ("interpret", "tolk"),
    "kulje": ("kyyti", "kyydi", "transport", "skjuts"),
    "siivo": ("clean", "städ"),
    "edust": ("represent", "företräd"),
}


@dataclass(frozen=True)
class Exclusion:
    sentence: str  # the service's own words
    words: tuple[tuple[str, ...], ...]  # each excluded word: its lemma, then its parts


def _agent(lemma: str) -> str:
    """The doer names the doing: "hoitaja" → "hoitaa", "avustaja" → "avustaa"."""
    if len(lemma) >= 6 and lemma.endswith("ja") and lemma[-3] in "aä":
        return lemma[:-2] + lemma[-3]
    return lemma


def _lemmas(word: str, tokenize: Tokenize) -> tuple[str, ...]:
    """The word's lemma, then its compound parts; a hyphenated word's lemma is its parts
    joined ("wc-käynneissä" → "wc-käynti", "wc", "käynti")."""
    lemmas = tuple(_agent(t) for t in tokenize(word))
    if "-" in word.strip("-") and len(lemmas) > 1:
        return ("-".join(lemmas), *lemmas)
    return lemmas


def exclusions_of(service: Service, tokenize: Tokenize) -> tuple[Exclusion, ...]:
    """Every sentence of the service's Finnish text that says what it does not do."""
    texts = (t.get("fi", "") for t in (service.description, service.summary, service.how_to_join))
    out = []
    for text in texts:
        for sentence in sentences(text):
            if sentence.rstrip().endswith("?"):
                continue  # asked of the reader ("… mutta ei ole omaa soitinta?"), not said
            words = _excluded_words(sentence, tokenize)
            if words:
                out.append(Exclusion(sentence, words))
    return tuple(out)


def _excluded_words(sentence: str, tokenize: Tokenize) -> tuple[tuple[str, ...], ...]:
    found: list[tuple[str, ...]] = []
    for m in _NEGATION.finditer(sentence):
        before = sentence[: m.start()]
        clause = before[max(before.rfind(","), before.rfind("–")) + 1 :]
        rest = sentence[m.end() :]
        if _NOT_EXCLUDING_BEFORE.search(clause) or _NOT_EXCLUDING_AFTER.match(rest):
            continue
        if _FOR_WHOM.search(clause):
            continue  # "Yläkoululaisille emme pysty tarjoamaan läksyapua": only for some
        verb, *scope = _SCOPE_END.split(rest, maxsplit=1)[0].split()
        if verb.lower() in _ACTIVITY:  # "Emme tulkkaa": any word of the doing, by its stem
            found.append((f"^{_ACTIVITY[verb.lower()]}",))
        for word in scope:
            whole, *parts = _lemmas(word, tokenize) or ("",)
            if whole in _GENERAL or len(whole) < 4:
                continue
            # a compound's parts stand for it only when there are two to find
            found.append((whole, *parts) if len(parts) > 1 else (whole,))
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Asked:
    lemmas: frozenset[str]  # each asking word's lemma (a hyphenated one's parts too)
    words: tuple[str, ...]  # the asking words as written, lower case


def _asking_words(question: str, asks: re.Pattern[str], lang: str = "fi") -> Iterator[str]:
    """The words, lower case, of the case's sentences that ask, less what they ask to avoid
    and the clauses they negate ("kun ei ole lääkkeitä jaettavana eikä ketään autettavana")."""
    for sentence in sentences(question):
        if asks.search(sentence):
            for clause in CLAUSE_BREAK.split(_WITHOUT.sub("", sentence)):
                ws = [w.strip(".,;:!?()\"'”").lower() for w in clause.split()]
                yield from asserted([w for w in ws if w], lang)


def asked(question: str, tokenize: Tokenize) -> Asked:
    """What the case's sentences that ask for something say, not what it asks to avoid."""
    lemmas: set[str] = set()
    said: list[str] = []
    for word in _asking_words(question, _ASKS):
        found = _lemmas(word, tokenize)
        said.append(word)
        lemmas.update(found if "-" in word else found[:1])
    return Asked(frozenset(lemmas), tuple(said))


def asked_activities(question: str, lang: str) -> Asked:
    """A Swedish or English case's asking sentences, as the stems of the activities they name
    in Finnish ("someone to come along and interpret" → "tulk")."""
    words = _asking_words(question, _ASKS_OTHER, lang)
    said = [stem for w in words for stem, others in DOINGS.items() if w.startswith(others)]
    return Asked(frozenset(), tuple(said))


def excluded(case: Asked, exclusions: Sequence[Exclusion]) -> str | None:
    """The service's sentence that leaves out what is asked: an excluded word asked as such,
    or every part of an excluded compound asked ("lastenhoitaja": "hoitamaan … lapsia")."""
    for ex in exclusions:
        for whole, *parts in ex.words:
            if whole.startswith("^"):
                hit = any(w.startswith(whole[1:]) for w in case.words)
            else:
                hit = whole in case.lemmas or (bool(parts) and all(p in case.lemmas for p in parts))
            if hit:
                return ex.sentence
    return None


class ServiceExclusions:
    """Each service's exclusions, read on first use; one per loaded knowledge base (a
    searcher), so an edited service is read again with the index that holds it."""

    def __init__(self, tokenize: Tokenize):
        self.tokenize = tokenize
        self._read: dict[str, tuple[Exclusion, ...]] = {}

    def excluded(self, question: str, service: Service, lang: str = "fi") -> str | None:
        """The sentence of `service` that says it does not do what the case asks, or None."""
        exclusions = self._read.get(service.id)
        if exclusions is None:
            exclusions = self._read[service.id] = exclusions_of(service, self.tokenize)
        if not exclusions:
            return None
        if lang != "fi":
            return excluded(asked_activities(question, lang), exclusions)
        return excluded(asked(question, self.tokenize), exclusions)
