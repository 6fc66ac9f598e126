"""Facets read from the question itself: where, which language, how old, cost, remote.

Staff describe a client in free text ("84-vuotias leski Keravalta, puhuu vain
venäjää, ei pääse kotoa"). The search must honour those constraints, so this
module turns them into `Filters`, remembering the words that set each one so
the answer can say which filters were applied and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from index.knowledge.model import Vocabularies
from index.language.crosslingual import finnish_terms
from index.language.detect import detect_language, words
from index.language.figurative import literal
from index.language.signs import signs_of
from index.search.child_peers import YOUNG, asks_for_peers
from index.search.community import newcomer_case
from index.search.everyday import low_income
from index.search.facet_age import asks_for_child, client_age
from index.search.facet_language import read_languages
from index.search.facet_not_for import ADULT, age_fit_hints, names_no_child, not_the_client
from index.search.facet_places import home_elsewhere, meant_places, places_named
from index.search.facet_remote import parent_homebound, read_in_person, read_remote
from index.search.gender import client_gender
from index.search.group_format import declines_groups
from index.search.illness_type import types_named
from index.search.relative_case import as_relative, for_kin, relatives_condition, same_kin
from index.search.violence_role import client_side
from index.search.vocab_match import VocabMatcher

_FREE = re.compile(
    # "ilmaista ei tarvitse olla", "ilmasta ei tarvi": free is not asked for
    r"\b(?!(?:ilmai|ilmas)\w*\s+(?:\w+\s+)?ei\s+(?:tarvi\w*|tarvitse|tartte|ole\s+pakko|oo\s+pakko))"
    r"(?:ilmai\w*|ilmas(?!to)\w*|ilmane(?:n|ks)\b|maksuto\w*|maksuttom\w*|maksutta\b|kostnadsfri\w*|avgiftsfri\w*|gratis|"
    r"ilman\s+(?:rahaa|maksua)|utan\s+(?:kostnad|avgift)|"
    # "det får helst inte kosta något", "shouldn't cost anything"
    r"(?:får|ska|bör|kan|skall)\s+(?:\w+\s+)?inte\s+kosta\b|"
    r"(?:shouldn't|should\s+not|mustn't|must\s+not|can't|cannot|can\s+not)\s+cost\b|"
    r"free\b(?!\s+time)|no\s+cost|without\s+(?:a\s+)?(?:fee|cost)|ei\s+(?:saa\s+)?maksa\w*|"
    r"ei\s+mitään\s+maksa\w*|\bei\s+(?:mitään\s+)?maksullis\w*|"
    r"(?:maksullis|\w*maksu(?!to))\w*,?\s+(?:\w+\s+){0,2}?(?:ei\s+(?:siis\s+|oikein\s+)?käy|eivät\s+käy|pois\w*|ei\s+tule\w*"
    r"|eivät\s+tule\w*|ei\s+onnistu|eivät\s+onnistu|karsiutu\w*|jää\s+pois|ei\s+kannata))",
    re.I,
)


# Evidence that remote taking part is only preferred, not required: being housebound ("ei pääse
# kotoa"), or remote as one way among others ("Keravalla tai netissä"; `facet_remote._either`)
SOFT_REMOTE = ("homebound", "either")
# A follow-up whose news is that the client cannot leave home: what is taken part in only at a
# place no longer fits (`housebound`); in a first description it is one detail among many
HOMEBOUND_NEWS = "homebound_news"
# The vocabulary's group for everyone: a word for it ("kaikkee unohtaa", "alla") names no need
EVERYONE = "kaikki"


def _evidence_merged(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Newer words win; remote asked for outright ("etänä") is no longer only preferred."""
    out = {**old, **new}
    for soft in SOFT_REMOTE if "online" in new else ():
        if soft not in new:
            out.pop(soft, None)
    return out


@dataclass(frozen=True)
class Filters:
    """Constraints read from a question; `None` means the question said nothing."""

    municipality: str | None = None
    language: str | None = None  # service language the client needs
    or_language: str | None = None  # another the client would manage in ("arabia tai somali")
    age: int | None = None
    cost: str | None = None  # "free"
    online: bool | None = None  # a remote way to take part is wanted
    in_person: bool = False  # meeting in person asked for, or remote turned down
    target_groups: tuple[str, ...] = ()  # hints, boost only
    themes: tuple[str, ...] = ()  # hints, boost only
    not_language: str | None = None  # "fi": the client does not manage in Finnish
    gender: str | None = None  # "f" / "m": the client's, a hint (index/search/gender.py)
    implied: tuple[str, ...] = ()  # of the hints, those only an everyday sign gave (signs.yaml)
    not_for: tuple[tuple[str, ...], ...] = ()  # groups the client is not (facet_not_for.py)
    no_child: bool = False  # no child, parent or family in the case: parents' groups don't fit
    for_child: bool = False  # something asked for the client's children: their services fit
    child_peers: bool = False  # a child's own peers asked for: parents' groups are not it
    no_group: bool = False  # a group turned down: groups lower (group_format.py)
    newcomer: bool = False  # another language or origin in the case (index/search/community.py)
    violence: str | None = None  # "uses" / "experiences": the client's side (violence_role.py)
    illness_types: tuple[str, ...] = ()  # "1": type 1 diabetes named (illness_type.py)
    relative: bool = False  # a relative's condition told: services for the ill lower
    for_kin: str = ""  # a relative asked for as the one served ("itse miehelle"): a new client
    evidence: dict[str, str] = field(default_factory=dict, compare=False)  # facet → words

    def states_constraint(self) -> bool:
        """Is a place, language, age, cost, remote or little money stated?"""
        stated = (self.municipality, self.language, self.age, self.cost, self.online)
        return (
            any(v is not None for v in stated)
            or self.not_language is not None
            or ("low_income" in self.evidence)
        )

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "municipality": self.municipality,
            "language": self.language,
            "age": self.age,
            "cost": self.cost,
            "online": self.online,
        }
        if self.or_language:
            out["or_language"] = self.or_language
        if self.in_person:  # meeting in person asked for: remote-only services lower
            out["in_person"] = True
        if self.no_group:  # a group turned down: groups lower
            out["no_group"] = True
        if self.not_language:
            out["not_language"] = self.not_language
        if self.not_for:  # whom the client is said not to be, in the question's words
            out["not_for"] = self.evidence.get("not_for", "")
        return out

    def client(self) -> Filters:
        """Only who the client is (place, age, language, gender), not the need or its terms."""
        keep = ("municipality", "language", "or_language", "age", "not_language", "gender")
        said = {k: v for k, v in self.evidence.items() if k in keep}
        return Filters(**{k: getattr(self, k) for k in keep}, newcomer=self.newcomer, evidence=said)

    def merged(self, newer: Filters) -> Filters:
        """This question's filters refined by a follow-up's: newer values win."""
        evidence = _evidence_merged(self.evidence, newer.evidence)
        if "homebound" in newer.evidence and "homebound" not in self.evidence:
            evidence[HOMEBOUND_NEWS] = newer.evidence["homebound"]  # the refinement's point
        # "Mites itse miehelle?" after "mies juo joka ilta": the relative is the client now
        turned = bool(newer.for_kin) and same_kin(self.evidence.get("relative", ""), newer.for_kin)
        if turned:
            evidence.pop("relative", None)
        # the later way of taking part wins: "entä kasvokkain?" after "etänä", or the other way
        if newer.online is not None or newer.in_person:
            online, in_person = newer.online, newer.in_person
        else:
            online, in_person = self.online, self.in_person
        return replace(
            self,
            municipality=newer.municipality or self.municipality,
            language=newer.language or self.language,
            or_language=newer.or_language if newer.language else self.or_language,
            age=newer.age if newer.age is not None else self.age,
            cost=newer.cost or self.cost,
            online=online,
            in_person=in_person,
            target_groups=newer.target_groups or self.target_groups,
            themes=newer.themes or self.themes,
            not_language=None
            if newer.language and newer.language == self.not_language
            else newer.not_language or self.not_language,
            gender=newer.gender or self.gender,
            implied=newer.implied if newer.themes or newer.target_groups else self.implied,
            not_for=tuple(dict.fromkeys(self.not_for + newer.not_for)),
            no_child=self.no_child and newer.no_child,  # a child said in a follow-up counts
            for_child=self.for_child or newer.for_child,
            child_peers=self.child_peers or newer.child_peers,
            no_group=self.no_group or newer.no_group,
            newcomer=self.newcomer or newer.newcomer,
            violence=newer.violence or self.violence,
            illness_types=newer.illness_types or self.illness_types,
            relative=newer.relative or (self.relative and not turned),
            for_kin=newer.for_kin,
            evidence=evidence,
        )


# "ei välttämättä ilmainen", "ei tarvitse olla maksuton": free is not asked for
_NOT_NEEDED = re.compile(
    r"\bei\s+(?:välttämättä|tarvi\w*\s+olla|tarvitse\s+olla|pakko\s+olla)\s+$", re.I
)


def needs_in_finnish(question: str, lang: str, cooperation: bool = False) -> str:
    """The glossary's Finnish words for the needs a question names, not for need words used
    in another sense ("upprörd och förvirrad" is no memory loss: `figurative`); with
    `cooperation`, for the cooperation's own words too (a search of the knowledge only)."""
    return finnish_terms(literal(question), lang, cooperation)


def extract_filters(
    question: str, vocab: Vocabularies, matcher: VocabMatcher | None = None
) -> Filters:
    """Read every facet the question states. Both municipalities named → no municipality filter."""
    qlang = detect_language(question)
    evidence: dict[str, str] = {}
    named = places_named(question)
    munis = {m: w for m, w in named.items() if m in vocab.municipalities}
    municipality = None
    if len(munis) > 1:
        munis = meant_places(question, munis)
    elsewhere = {m: w for m, w in named.items() if m not in vocab.municipalities}
    if home := home_elsewhere(question, elsewhere, munis):
        munis = {home: elsewhere[home]}  # no service is for its residents: said, not hidden
    if len(munis) == 1:
        municipality, evidence["municipality"] = next(iter(munis.items()))
    language, or_language, ev, little_finnish = read_languages(question, qlang, vocab.languages)
    if language:
        evidence["language"] = ev
    age, ev = client_age(question)
    if age is not None:
        evidence["age"] = ev
    cost = None
    if poor := low_income(question):  # a preference: reported, not a filter (fees may be reduced)
        evidence["low_income"] = poor
    if (m := _FREE.search(question)) and not _NOT_NEEDED.search(question[: m.start()]):
        cost, evidence["cost"] = "free", m.group(0)
    online, said = read_remote(question)
    for_child = asks_for_child(question)
    child = (age is not None and age < ADULT) or for_child
    if "homebound" in said and child and parent_homebound(question, said["homebound"]):
        online, said = None, {}  # "äiti on ollut sängyn pohjalla": the boy is the client
    evidence.update(said)
    young = child or (age is not None and age < YOUNG)  # a young adult's peers too
    if young and (peers := asks_for_peers(question, qlang)):
        evidence["child_peers"] = peers
    in_person = read_in_person(question) if not online else {}
    evidence.update(in_person)
    if no_group := declines_groups(question):
        evidence["no_group"] = no_group
    if not_for := not_the_client(question, qlang):
        evidence["not_for"] = not_for.evidence
    little = little_finnish if language != "fi" else None
    if little:
        evidence["not_language"] = little
    groups: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    implied: tuple[str, ...] = ()
    if matcher is not None:
        need_words = words(literal(question))  # "vaimo uhkaa lähteä" names no violence
        groups, themes = matcher.match(need_words + words(needs_in_finnish(question, qlang)))
        groups = tuple(g for g in groups if g != EVERYONE)  # "kaikkee", "alla": no one's need
        groups = age_fit_hints(groups, age, question)
        sign_groups, sign_themes = signs_of(question)
        new_groups = tuple(g for g in sign_groups if g in vocab.target_groups and g not in groups)
        new_themes = tuple(t for t in sign_themes if t in vocab.themes and t not in themes)
        groups, themes, implied = groups + new_groups, themes + new_themes, new_groups + new_themes
    violence, groups, themes, implied = client_side(question, groups, themes, implied)
    adult = not for_child and (age is None or age >= ADULT)  # a child's case is the child's
    if (
        adult
        and matcher is not None
        and (relative := relatives_condition(question, qlang, _reader(matcher, qlang)))
    ):
        evidence["relative"], groups = relative, as_relative(groups)
    return Filters(
        municipality=municipality,
        language=language,
        or_language=or_language,
        age=age,
        cost=cost,
        online=online,
        in_person=bool(in_person),
        target_groups=groups,
        themes=themes,
        not_language="fi" if little else None,
        gender=client_gender(question),
        implied=implied,
        not_for=not_for.phrases if not_for else (),
        no_child=names_no_child(question) and (age is None or age >= ADULT),  # a minor has parents
        for_child=for_child,
        child_peers="child_peers" in evidence,
        no_group="no_group" in evidence,
        newcomer=newcomer_case(question, language, bool(little), groups),
        violence=violence,
        illness_types=types_named(question),
        relative="relative" in evidence,
        for_kin=for_kin(question, qlang),
        evidence=evidence,
    )


def _reader(matcher: VocabMatcher, qlang: str) -> Callable[[str], tuple[set[str], set[str]]]:
    """The needs a clause names, in Swedish or English through the glossary's Finnish too."""
    return lambda text: matcher.needs(f"{text} {needs_in_finnish(text, qlang)}")
