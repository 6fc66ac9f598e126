"""Recognise follow-ups that refine or continue the previous question of a thread.

"entä Vantaalla?", "ruotsiksi?", "ilmaisia?", "näytä lisää", "Onko muita
vaihtoehtoja?" (`asks_for_others`), "kerro lisää kakkosesta", "Mikä on ykkösen
puhelinnumero?" (`item_asked`, by the words that name a card's place: `card_number`),
"kuka vastaa tästä?" — short messages that only make sense against the previous
turn. Anything longer or with its own content is a new question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.turn_words import mostly_of
from index.language.detect import words
from index.search.facets import Filters

_MORE = re.compile(
    r"^\s*(?:näytä\s+)?(?:lisää|enemmän|muita|seuraavat)(?:\s+palveluja)?\s*[?!.]*$|"
    r"^\s*(?:show\s+)?more(?:\s+results)?\s*[?!.]*$|^\s*(?:visa\s+)?fler\s*[?!.]*$",
    re.I,
)
# "Onko muita vaihtoehtoja?", "Mitä muuta löytyy?", "Any other options?", "Finns det något
# annat?": a short message asking for others (a word of `_OTHERS`, or of options), holding
# little else (`turn_words.mostly_of` the asking words) and no need or constraint of its
# own, is "more".
_OTHERS = frozenset(
    "muita muuta muut muitakin muutakin lisää other others else andra annat annan fler mer "
    "more".split()
)
_OPTIONS = re.compile(
    r"\b(?:vaihtoeh\w*|option\w*|alternati\w*|alternativ\w*|ehdotu\w*|vinkke\w*|"
    r"förslag\w*|ideas?|suggestions?)\b",
    re.I,
)
_ASKING_OTHERS = _OTHERS | frozenset(
    "vaihtoehtoja vaihtoehtoa vaihtoehdot palveluja palveluita paikkoja ryhmiä ehdotuksia "
    "löytyy löytyykö löytyisikö löytyiskö onko onks olisiko olisko ois olisi on mitä mikä "
    "näytä kerro vielä jotain joitain joitakin mitään sitten entä entäs no mutta tarjolla "
    "oisko oiskohan onkohan löytyiskö löytyisköhän eiks eikö ollu ollut ku kuin nää nämä "
    "näitä näiden kolme kaks kaksi pls please pliis plz voisitko voitko voisiko saisinko "
    "nåt nånting "
    "any anything options option alternatives ideas suggestions what is are there show me "
    "some got have you do can could list finns det något några alternativ förslag visa har "
    "ni vad kan du".split()
)


def asks_for_others(text: str, f: Filters | None = None) -> bool:
    """A short message asking only for other options than those shown."""
    ws = words(text)
    if not 0 < len(ws) <= MAX_FOLLOWUP_WORDS:
        return False
    if not (any(w in _OTHERS for w in ws) or _OPTIONS.search(text)):
        return False
    if f is not None and (f.states_constraint() or f.themes or f.target_groups):
        return False
    return mostly_of(ws, _ASKING_OTHERS)


_DETAILS = re.compile(
    r"\b(?:kerro\s+(?:lisää|enemmän)|lisätieto\w*|tarkemmin|"
    r"tell\s+me\s+more|more\s+about|details|berätta\s+mer|mer\s+om)\b",
    re.I,
)
_WHO = re.compile(
    r"\b(?:kuka|ketkä|kenen)\s+(?:vastaa|vastaavat|vastuulla|hoitaa)|"
    r"\bwho\s+is\s+responsible|\bwho\s+answers|\bvem\s+ansvarar",
    re.I,
)
_DEICTIC = re.compile(
    r"\b(?:tästä|tuosta|siitä|näistä|noista|tämän|sen|this|that|it|these|"
    r"detta|det|den|dessa)\b",
    re.I,
)
_ORDINALS = {
    1: ("ensimmäi", "eka", "ykkö", "first", "första", "ettan"),
    2: ("toise", "toinen", "toka", "kakko", "second", "andra", "tvåan"),
    3: ("kolma", "kolmo", "third", "tredje", "trean"),
    4: ("neljä", "nelo", "fourth", "fjärde", "fyran"),
    5: ("viide", "viitos", "vito", "fifth", "femte", "femman"),
}
MAX_FOLLOWUP_WORDS = 7


@dataclass(frozen=True)
class FollowUp:
    kind: str  # more | details | who | refine | dismiss | closer | thanks
    number: int | None = None  # "kakkosesta" → 2
    ids: tuple[str, ...] = ()  # dismiss: the services the message turns down


def ordinal(text: str) -> int | None:
    for tok in words(text):
        if tok.isdigit() and 0 < int(tok) < 100:
            return int(tok)
        for n, stems in _ORDINALS.items():
            if tok.startswith(stems):
                return n
    return None


FILLER = frozenset(
    "entä entäs mites mitäs ja tai myös sitten vaikka niitä sellaisia semmoisia jotain onko "
    "löytyykö olisiko mieluummin ennemmin vain pelkästään what about how and or any ones only "
    "those och eller i in på om men hur med det de några bara finns mieluiten mielellään".split()
)
# Asking words that carry no need of their own ("voisiko saada apua?").
REQUEST = frozenset(
    "apua tukea jotain jotakin mitään voisi voisiko saisi saisiko pitäisi löytyisi sopisi sopisiko "
    "olisi mikä mihin minkä mistä mitä muuta kiitos help support something anything could would "
    "should hjälp stöd något någon kunde skulle vad finns det kan".split()
)


def _only_facets(text: str, f: Filters) -> bool:
    """True when the message states facets and nothing else ("ilmaisia?", "entä Vantaalla?")."""
    if not any(x is not None for x in (f.municipality, f.language, f.age, f.cost, f.online)):
        return False
    facet_words = {w for ev in f.evidence.values() for w in words(ev)}
    rest = [w for w in words(text) if w not in facet_words and w not in FILLER]
    return not rest


def needs_context(text: str) -> bool:
    """'näytä lisää', 'kerro lisää kakkosesta': meaningless without a previous answer."""
    if len(words(text)) > MAX_FOLLOWUP_WORDS:
        return False
    return bool(
        _MORE.match(text)
        or (_DETAILS.search(text) and ordinal(text) is not None)
        or (_WHO.search(text) and _DEICTIC.search(text))
    )


# What a worker asks about one service shown: its phone, place, time, cost, how to join.
_ABOUT_ITEM = re.compile(
    r"\b(?:puhelin\w*|numero\w*|osoite\w*|osoitteen|missä|mihin|milloin|monelta|maksa\w*|"
    r"maksu\w*|ilmai\w*|hinta\w*|hinnan|yhteystie\w*|sähköpost\w*|aukiolo\w*|kokoontu\w*|"
    r"ilmoittau\w*|lähet\w*|yhtey\w*|soit\w*|meila\w*|paljonko|kerro\w*|var|när|"
    r"telefon\w*|nummer\w*|kostar|avgift\w*|remiss\w*|aika\w*|ajat|aukea\w*|auki|"
    r"tavoit\w*|kenelle|kuka|sivu\w*|nettisivu\w*|linkki\w*|tiedot|pääseekö|mukaan|"
    r"tider|öppet|länk\w*|webb\w*|hur|vem|time|times|open|opening|website|link|who|join|"
    r"apply|how|info|"
    r"adress\w*|kontakt\w*|anmäl\w*|where|when|phone|number|cost|costs|free|price|address|"
    r"contact|e-?mail|sign\s+up|register|referral)\b",
    re.I,
)
# A card's number written as one: "option 1", "#3", "nummer 2", "Paljonko 2 maksaa?" (a
# digit alone, not an age or a time: "2-vuotias", "2 v", "klo 2"); "ton toisen" (that
# second one), where "toinen" alone is also "another".
_NUMBERED = re.compile(
    r"(?:#|\b(?:option|number|no|nro|numero|nummer|kohta|vaihtoehto)\s*)([1-5])\b|"
    r"(?<![\w.:,-])(?<!klo )([1-5])(?![\w.:,-]|\s*(?:v\b|vuot|år|years?|kk|h\b|€))",
    re.I,
)
_THAT_SECOND = re.compile(
    r"\b(?:ton|tuon|sen|tän|tämän|toi|tuo|se|tossa|tuossa|siinä|tosta|tuosta|siitä|the)\s+"
    r"toi(?:nen|se\w*)",
    re.I,
)
_ORDINAL_DOT = re.compile(r"(?<![\w.])([1-5])\.\s+(?=[a-zåäö])")  # "3. vaihtoehto" (the third)
# A card pointed at by its place in the answer: the spoken card names ("ykkönen", "kakkoseen",
# "eka", "toka"), the written ordinals ("ensimmäinen", "kolmannen"), "the first (one)",
# "tvåan"; not a time, a school year or a child counted ("ensimmäistä kertaa", "lukion
# kolmannella", "first time", "neljä lasta"), nor "toinen" or "andra" alone ("another").
_CARDS = {
    1: r"ykkö\w*|eka(?:a|n|an|sta|lla|lle)?|ensimmäi(?:nen|sen|seen|sestä)|first|första|ettan|"
    r"ylin|ylintä|ylimmä\w*|ylimpä\w*|top\s+one",
    2: r"kakko\w*|toka(?:a|n|an|sta|lla|lle)?|second|tvåan",
    3: r"kolmo\w*|kolma(?:s|nnen|nteen|nne(?:sta|stä))|third|tredje|trean",
    4: r"nelo\w*|neljä(?:s|nnen|nteen|nne(?:sta|stä))|fourth|fjärde|fyran",
    5: r"vito\w*|vitos\w*|viide(?:s|nnen|nteen|nne(?:sta|stä))|fifth|femte|femman",
}
# "nummer två", "number three", "vaihtoehto kaksi": a card's number written as a word
_NUMBER_WORDS = {
    1: "yksi|ett|en|one",
    2: "kaksi|två|two",
    3: "kolme|tre|three",
    4: "neljä|fyra|four",
    5: "viisi|fem|five",
}
_NUMBER_WORD = re.compile(
    r"\b(?:nummer|number|numero|nro|kohta|vaihtoehto|option)\s+(?:"
    + "|".join(f"(?P<w{n}>{forms})" for n, forms in _NUMBER_WORDS.items())
    + r")\b",
    re.I,
)
_NOT_A_CARD = r"(?!\s+(?:kerta\w*|time|times|gången|gång|language|child|lapsi\w*|luok\w*))"
_CARD = re.compile(
    "|".join(rf"\b(?P<c{n}>{forms}){_NOT_A_CARD}\b" for n, forms in _CARDS.items()), re.I
)


def card_number(text: str) -> int | None:
    """The card a message points at by its place in the answer ("kakkosesta", "the first
    one", "#3", "nummer 2"), or None; a bare digit is left to the asking (`item_asked`)."""
    if written := [int(m.group(1)) for m in _NUMBERED.finditer(text) if m.group(1)]:
        return written[0]
    if m := _ORDINAL_DOT.search(text):
        return int(m.group(1))
    if m := _NUMBER_WORD.search(text):
        return next(int(k[1:]) for k, v in m.groupdict().items() if v)
    if _THAT_SECOND.search(text):
        return 2
    if m := _CARD.search(text):
        return next(int(k[1:]) for k, v in m.groupdict().items() if v)
    return None


ITEM_WORDS = 12  # a question about one service may be longer than other follow-ups


def item_asked(text: str) -> int | None:
    """'Mikä on ykkösen puhelinnumero?', 'Onko ykkönen maksuton?', 'Where does the first one
    meet?', 'Paljonko 2 maksaa?': the place in the answer of the one service asked about."""
    if not asks_about_item(text):
        return None
    if (n := card_number(text)) is not None:
        return n
    for m in _NUMBERED.finditer(text):
        before = text[: m.start()].split()
        # a bare digit right after an asking word or first ("Paljonko 2 maksaa?", "2:n
        # osoite?"), not after "on", "is", "age" (an age asked about)
        if m.group(2) and (not before or _ABOUT_ITEM.fullmatch(before[-1].strip(",.?!"))):
            return int(m.group(2))
    return None


def asks_about_item(text: str) -> bool:
    """A short question of what one service shown is like: where, when, what it costs."""
    return len(words(text)) <= ITEM_WORDS and _ABOUT_ITEM.search(text) is not None


def detect_followup(text: str, f: Filters, has_context: bool) -> FollowUp | None:
    if not has_context or len(words(text)) > MAX_FOLLOWUP_WORDS:
        return None
    if _MORE.match(text) or asks_for_others(text, f):
        return FollowUp("more")
    pointed = _DEICTIC.search(text) or ordinal(text) is not None  # "tästä", "ykkösestä"
    if _WHO.search(text) and (pointed or len(words(text)) <= 2):
        return FollowUp("who", ordinal(text))
    if _DETAILS.search(text) and ordinal(text) is not None:
        return FollowUp("details", ordinal(text))
    if _only_facets(text, f):
        return FollowUp("refine")
    return None
