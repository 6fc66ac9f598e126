"""The words that tell how a message stands to the case of its thread.

Whether it points back at the case or the answer ("hän", "näistä"), opens another matter or
another client ("toinen asiakas", "en helt annan sak"), brings in someone new ("en kvinna i
Kervo", "a colleague asks"), turns to someone else in the case ("entä hänen vaimolleen?"),
or asks at all; and thanks alone ("Kiitos, tämä auttoi!": `says_thanks`). `handlers/case.py`
weighs them with the message's meaning.
"""

from __future__ import annotations

import re

from index.language.detect import words

# Words pointing back at the case or at the answer just given.
BACK = frozenset(
    "hän hänen hänelle häntä hänellä häneltä hänet hänkin he heidän heille heitä heillä "
    "asiakas sama samaa saman samanlainen samanlaista samanlaisia samantapainen samantapaista "
    "vastaava vastaavaa vastaavia sinne siellä sieltä täällä näistä noista niistä tämä tämän "
    "myös myöskin itse "
    "hon han henne honom hans hennes hon de dem deras samma motsvarande där dit härifrån "
    "också även själv she he her him his they them their same similar too also "
    "she's he's they're she'd he'd".split()
)
ANSWER = re.compile(
    r"\b(?:jok\w+\s+(?:näistä|noista|niistä)|näistä|noista|någon\s+av\s+dessa|av\s+dessa"
    r"|any\s+of\s+these|one\s+of\s+these)\b",
    re.I,
)
# A message that opens by adding to what was said goes on about the same case: "Ja aikataulu
# on tiukka …", "Lisäksi …", "Och dessutom …", "And she works nights."
GOES_ON = re.compile(
    r"^\W*(?:ja|sekä|lisäksi|vielä|och|samt|dessutom|and|also|plus)\b(?!\s+(?:sitten|så|then)\b)",
    re.I,
)


def points_back(text: str, upto: int | None = None) -> bool:
    """Does the message (its first `upto` characters) point back at the case or the answer,
    or open by going on with it ("Ja …")?"""
    head = text if upto is None else text[:upto]
    return bool(set(words(head)) & BACK) or bool(ANSWER.search(head)) or bool(GOES_ON.match(text))


# A correction of what was said: the same client, whatever else the message restates ("Kaksi
# korjausta tietoihin: hän onkin 52-vuotias, ja hän asuu … Keravalla", "Sorry, I mixed up …").
CORRECTS = re.compile(
    r"\b(?:korjau\w*|korjaan|korjaisin|oikaisu\w*|sekoitin|sekotin|väärin|virhe\w*|"
    r"onkin|asuukin|puhuukin|tarkistin|"
    r"rättelse|rättar|förlåt|egentligen|blandade\s+ihop|"
    r"correction|correct(?:ing)?\s+myself|mixed\s+up|actually)",
    re.I,
)
# Another client or another matter: the case starts over.
WHOLLY = r"(?:(?:ihan|aivan|täysin|kokonaan|helt|completely|totally|entirely|quite)\s+)?"
OTHER = re.compile(
    rf"\b{WHOLLY}(?:toi\w*|eri|uu\w*|seuraava\w*)\s+"
    r"(?:asiakk?a\w*|asia\w*|kysymy\w*|tapau\w*|juttu\w*)"
    r"|\bei\s+liity\s+edelli\w*|\bihan\s+muuta"
    rf"|\b{WHOLLY}(?:annan?|annat|ny|nästa)\s+(?:klient\w*|fråga|fall\w*|sak|grej|ärende)"
    rf"|\b{WHOLLY}(?:another|different|new|next|separate)\s+"
    r"(?:client|question|case|matter|thing|topic)",
    re.I,
)


# A follow-up that turns to someone else in the case: "entä hänen vaimolleen?", "for his wife?"
ANOTHER_PERSON = re.compile(
    r"\b(?:vaimo|miehe|puoliso|äidi|isä|tyttäre|poja|sisko|sisaruks|velje|omaise|läheise)"
    r"\w*?(?:lle|lleen|llensa)\b|"  # for the wife: "vaimolleen", "omaisille"
    r"\bentä\s+(?:hänen\s+)?(?:vaimo|mie(?:s|he)|puoliso|äiti|isä|tytär|poika|sisko|veli)\w*|"
    r"\b(?:för|åt)\s+(?:hans|hennes)\s+(?:fru|man|make|maka|mamma|pappa|dotter|son|syster|bror)\b|"
    r"\bfor\s+(?:his|her|their)\s+(?:wife|husband|partner|mother|father|daughter|son|sister|"
    r"brother)\b|"
    # the relative as the one now asking: "Vaimo haluaisi myös tukea itselleen", "His wife
    # would like support too"
    r"^\W*(?:ja\s+|entä\s+)?(?:hänen\s+)?(?:vaimo|mies|puoliso|äiti|isä|tytär|poika|sisko|veli)"
    r"(?:nsa|nsä)?\s+(?:\w+\s+){0,2}(?:myös|itselleen)\b|"
    r"^\W*(?:and\s+)?(?:his|her|their)\s+(?:wife|husband|partner|mother|father|daughter|son)"
    r"\s+(?:\w+\s+){0,4}(?:too|also|herself|himself)\b",
    re.I,
)


# A question or a request: a question mark, a question word or a request verb, or a Finnish
# yes/no question's -ko/-kö on a sentence's first word ("Onko", "Voisiko", "Löytyykö").
ASKS = re.compile(
    r"\?|(?:^|[.!;:]\s+)\w+(?:ko|kö)\b|\b(?:mi(?:ten|tä|kä|hin|ssä|stä|llä|lloin)|kuka|ketkä|"
    r"kenen|kenelle|miksi|kerro\w*|näytä|etsi|listaa|haluaisin\s+tietää|voisitko|"
    r"vad|hur|vem|vilk\w+|när|berätta|visa|"
    r"what|how|who|where|when|which|why|tell|show|list)\b",
    re.I,
)

# What "another matter" names when it is another client, not another need of the same one.
ANOTHER_CLIENT = re.compile(r"asiakk?a|klient|client|tapau|case|fall", re.I)
# Someone the message itself brings in ("en kvinna i Kervo", "a man whose…", "kollega kysyi
# eräästä perheestä"): "henne", "her" then point at that person, not at the case's client.
SOMEONE_NEW = re.compile(
    r"\b(?:en|ett|a|an|eräs|eräät|yksi)\s+(?:\w+\s+){0,2}?"
    r"(?:kvinn\w*|man|pojke|flick\w*|mamma|pappa|familj\w*|barn|äldre|änk\w*|klient\w*"
    r"|woman|man|boy|girl|mother|father|family|child|widow\w*|client|person"
    r"|nai\w*|mie\w*|poika|poja\w*|tyttö\w*|äiti\w*|isä\w*|perhe\w*|lapsi\w*|asiak\w*)\b"
    r"|\b(?:kolleg\w*|colleague\w*|työkaveri\w*)",
    re.I,
)


# Someone brought in with an age said of them, not of the case's client: "68-vuotias isä sai
# Alzheimer-diagnoosin", "Asiakkaani on 45-vuotias nainen", "en 35-årig kvinna", "a 40-year-old
# woman". The age qualifies the person named after it (not "hän on 15-vuotias ja …"), and no one
# of the case owns them ("Hänen 24-vuotias isoveljensä", "Perheen 13-vuotias tytär", "his
# 24-year-old brother"; a Finnish genitive, but not an -inen adjective: "keravalainen").
_AGED = (
    r"(?:\d{1,3}\s*-\s*(?:v\b\.?|vuotia\w*|årig\w*|year-old\w*)|[a-zåäö]+vuotia\w*"
    r"|[a-z]+-year-old\w*)"
)
_AGED_PERSON = re.compile(
    rf"(?<![-\w]){_AGED}\s+(?!(?:ja|eikä|mutta|sekä|tai|eli|kun|ei|on|oli|och|men|eller|and|but"
    r"|or|now|when|with)\b)[a-zåäö]",
    re.I,
)
_OWNER = re.compile(
    r"(?:\b\w{2,}(?<!ne)n|\b(?:hänen|heidän|his|her|their|hans|hennes|deras)|\w+'s|\w{2,}(?:ens|ets))\s*$",
    re.I,
)


def introduces_someone(text: str) -> int | None:
    """Where the message brings in a person of its own with their age, if it does."""
    for m in _AGED_PERSON.finditer(text):
        if not _OWNER.search(text[: m.start()]):
            return m.start()
    return None


# The people of a case named again without a pronoun: "Miestä ei voi jättää hetkeksikään
# yksin, eikä rouva aja autoa" after "rouva … hoitaa kotona miestään". Finnish has no article,
# so the word itself, said of someone the case already has, points back to them.
_PEOPLE = (
    ("rouva",), ("mies", "miehe", "miest"), ("vaimo",), ("äiti", "äidi"), ("isä",),
    ("poika", "poja"), ("tytär", "tyttäre"), ("tyttö", "tytö"), ("lapsi", "lapse", "lapset"),
    ("pappa",), ("mummo", "mummu"), ("nainen", "naise"), ("puoliso",), ("vauva",),
    ("sisko", "sisar"), ("veli", "velje"), ("kvinnan",), ("mannen",), ("mamman",),
    ("pappan",), ("sonen",), ("dottern",), ("frun",), ("maken",),
)  # fmt: skip


def names_case_people(text: str, case: str) -> bool:
    """Does the message name again someone the case has ("rouva", "miestä")?"""
    said = set(words(text))
    before = set(words(case))
    return any(
        any(w.startswith(stems) for w in said) and any(w.startswith(stems) for w in before)
        for stems in _PEOPLE
    )


# Another matter of the same family: "Toinen asia samasta perheestä: hänen 16-vuotias
# tyttärensä …", "sen vaimo on alkanu unohdella", "his wife has started forgetting things".
# The family lives in one place: the place carries over, the need and the age do not.
SAME_FAMILY = re.compile(
    r"\b(?:samasta|samassa)\s+perhee\w*|\bsame\s+family|\bsamma\s+familj\w*|"
    r"\b(?:hänen|sen|hans|hennes|his|her)\s+(?:\w+\s+){0,2}?(?:vaimo\w*|mie(?:s|he|st)\w*|"
    r"puoliso\w*|tytär\w*|tyttäre\w*|poika\w*|poja\w*|lapse\w*|lapsi|äiti\w*|isä\w*|"
    r"hustru|fru|man|make|son|dotter|barn|wife|husband|partner|son|daughter|kids|children)\b",
    re.I,
)


# Thanks and praise alone ("Kiitos, tämä auttoi!", "Thanks, that was helpful", "Tack så
# mycket!", "Loistavaa, just tällasta etsin", "tosi hyvä lista 👍"): nothing to search; the
# thread's case stays for whatever is asked next. A question, or more than two words beyond
# thanks and praise ("Kiitos! Hänellä on myös masennus."), is not thanks alone.
_THANKS = frozenset(
    "kiitos kiitoksia kiitti kiitokset kiitoksii thanks thank thx ty cheers tack tackar".split()
)
_PRAISE_FIRST = re.compile(
    r"^\W*(?:loistava\w*|mahtava\w*|täydellis\w*|hieno\w*|super\w*|great|perfect|excellent|"
    r"awesome|brilliant|nice|toppen|perfekt|utmärkt|tosi hyvä|todella hyvä|jee|jes)\b|"
    r"[👍🙏👌❤]",
    re.I,
)
_PRAISE = _THANKS | frozenset(
    "paljon tosi todella oikein hyvä hyvää hyviä hienoa hieno loistavaa loistava mahtavaa kiva "
    "super auttoi auttaa tämä tää tästä tätä tällasta tällaista just juuri etsin se oli on apua "
    "avusta vinkeistä vinkistä vinkkejä vastauksesta nopeasta nopeesta lista listasta ok okei "
    "selvä jes joo riittää riittää hyvin välitän nämä näitä "
    "you very much so great perfect helpful that this it helped was is for the help tips answer "
    "a lot cheers list exactly what needed nice very useful again so much ty "
    "kovasti tuhannesti tosiaan taas jee hyvin meni "
    "så mycket bra toppen perfekt hjälpte hjälper det här var för hjälpen svaret precis tusen "
    "snällt snälla jobbat".split()
)
_EXTRA = 2  # words beyond the expected ones a short message may hold ("välitän asiakkaalle")


def mostly_of(ws: list[str], expected: frozenset[str]) -> bool:
    """Are the words all `expected` ones, but for `_EXTRA` others in a message of more than
    three words? (Thanks alone, other options asked: `followups.asks_for_others`.)"""
    return sum(w not in expected for w in ws) <= (_EXTRA if len(ws) > 3 else 0)


def says_thanks(text: str) -> str | None:
    """A message of thanks and praise alone: the language it thanks in, else None."""
    ws = words(text)
    thanked = any(w in _THANKS for w in ws) or _PRAISE_FIRST.search(text) is not None
    if not ws or not thanked or "?" in text or not mostly_of(ws, _PRAISE):
        return None
    if any(w.startswith(("thank", "thx", "cheers", "great", "perfect", "awesome")) for w in ws):
        return "en"
    return "sv" if any(w.startswith(("tack", "toppen", "perfekt")) for w in ws) else "fi"
