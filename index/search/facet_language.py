"""Which language a client needs, read from a question.

"ruotsinkielinen", "venäjäksi", "puhuu vain arabiaa", "ei puhu suomea, vain venäjää",
"somalia sujuvasti", "äidinkieli on somali", "pratar bara svenska", "in English"; either of
two, "arabiaksi tai somaliksi". Finnish is the default service language, so only an explicit
"suomenkielinen", "suomeksi" or "puhuu vain suomea" sets it; a negated mention ("ei puhu
venäjää") names no language.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import NamedTuple

from index.search.everyday import not_finnish
from index.search.language_declined import CANNOT_IN, WONT_DO, WRITER

# Per language: Finnish genitive, translative and partitive forms, then the
# Swedish and English names. Finnish is the default service language, so only
# an explicit "suomenkielinen"/"suomeksi" sets it.
_LANG_FORMS: dict[str, tuple[str, str, str, str, str]] = {
    "fi": ("suomen", "suomeksi", "suomea", "finska", "finnish"),
    "sv": ("ruotsin", "ruotsiksi", "ruotsia", "svenska", "swedish"),
    "en": ("englannin", "englanniksi", "englantia", "engelska", "english"),
    "ru": ("venäjän", "venäjäksi", "venäjää", "ryska", "russian"),
    "uk": ("ukrainan", "ukrainaksi", "ukrainaa", "ukrainska", "ukrainian"),
    "et": ("viron", "viroksi", "viroa", "estniska", "estonian"),
    "ar": ("arabian", "arabiaksi", "arabiaa", "arabiska", "arabic"),
    "so": ("somalin", "somaliksi", "somalia", "somaliska", "somali"),
    "fa": (
        "persian|farsin|darin",
        "persiaksi|farsiksi|dariksi",
        "persiaa|farsia|daria",
        "persiska",
        "persian|farsi|dari",
    ),
    "ku": (
        "kurdin|soranin",
        "kurdiksi|soraniksi",
        "kurdia|soraania",
        "kurdiska",
        "kurdish|sorani|kurmanji",
    ),
    "tr": ("turkin", "turkiksi", "turkkia", "turkiska", "turkish"),
    "vi": ("vietnamin", "vietnamiksi", "vietnamia", "vietnamesiska", "vietnamese"),
}
# Nominatives: "kielitaito: vain somali", "äidinkieli on arabia".
_LANG_NOMINATIVE = {
    "fi": "suomi",
    "sv": "ruotsi",
    "en": "englanti",
    "ru": "venäjä",
    "uk": "ukraina",
    "et": "viro",
    "ar": "arabia",
    "so": "somali",
    "fa": "persia|farsi|dari",
    "ku": "kurdi|sorani|kurmandzi",
    "tr": "turkki",
    "vi": "vietnam",
}
# Languages a client in the county may speak that the sample knowledge's services do not
# offer: read all the same, so that "puhuu vain tigrinjaa" is a language no service meets,
# said as such, not a constraint silently dropped. Finnish genitive, translative,
# partitive, nominative; Swedish; English.
_MORE_LANGS: dict[str, tuple[str, str, str, str, str, str]] = {
    "zh": ("kiinan", "kiinaksi", "kiinaa", "kiina|mandariini", "kinesiska", "chinese|mandarin"),
    "th": ("thain", "thaiksi", "thaita", "thai", "thailändska", "thai"),
    "ti": ("tigrinjan", "tigrinjaksi", "tigrinjaa", "tigrinja", "tigrinja", "tigrinya"),
    "am": ("amharan", "amharaksi", "amharaa", "amhara", "amhariska", "amharic"),
    "ne": ("nepalin", "nepaliksi", "nepalia", "nepali", "nepalesiska", "nepali"),
    "bn": ("bengalin", "bengaliksi", "bengalia", "bengali", "bengaliska", "bengali|bangla"),
    "ur": ("urdun", "urduksi", "urdua", "urdu", "urdu", "urdu"),
    "hi": ("hindin", "hindiksi", "hindiä|hindia", "hindi", "hindi", "hindi"),
    "ta": ("tamilin", "tamiliksi", "tamilia", "tamili", "tamilska", "tamil"),
    "pa": ("punjabin", "punjabiksi", "punjabia", "punjabi", "punjabi", "punjabi"),
    "ps": ("pashton", "pashtoksi", "pashtoa", "pashto", "pashto", "pashto"),
    "pl": ("puolan", "puolaksi", "puolaa", "puola", "polska", "polish"),
    "es": ("espanjan", "espanjaksi", "espanjaa", "espanja", "spanska", "spanish"),
    "pt": ("portugalin", "portugaliksi", "portugalia", "portugali", "portugisiska", "portuguese"),
    "fr": ("ranskan", "ranskaksi", "ranskaa", "ranska", "franska", "french"),
    "de": ("saksan", "saksaksi", "saksaa", "saksa", "tyska", "german"),
    "it": ("italian", "italiaksi", "italiaa", "italia", "italienska", "italian"),
    "sq": ("albanian", "albaniaksi", "albaniaa", "albania", "albanska", "albanian"),
    "bg": ("bulgarian", "bulgariaksi", "bulgariaa", "bulgaria", "bulgariska", "bulgarian"),
    "lv": ("latvian", "latviaksi", "latviaa", "latvia", "lettiska", "latvian"),
    "lt": ("liettuan", "liettuaksi", "liettuaa", "liettua", "litauiska", "lithuanian"),
    "tl": ("tagalogin", "tagalogiksi", "tagalogia", "tagalog", "tagalog", "tagalog|filipino"),
    "sw": ("swahilin", "swahiliksi", "swahilia", "swahili", "swahili", "swahili"),
}
_LANG_FORMS |= {code: (*forms[:3], *forms[4:]) for code, forms in _MORE_LANGS.items()}
_LANG_NOMINATIVE |= {code: forms[3] for code, forms in _MORE_LANGS.items()}
_NEG_WORDS = (
    "ei en eikä ettei jottei inte not no little huonosti vähän heikosti dålig knappt".split()
)
# "vaa": spoken "vain"
_ONLY = (
    r"vain|vaa|pelkästään|ainoastaan|lähinnä|vaan|pelkkää|oikeastaan|bara|endast|only|mainly|just"
)
# Speaking a language well is as good as "only" for choosing the service language.
_FLUENT = r"parhaiten|sujuvasti|hyvin|äidinkielenään|flytande|bäst|fluently|best|well"
# … and said after the language ("somalia sujuvasti"); not "hyvin vähän" (very little)
_FLUENT_AFTER = r"parhaiten|sujuvasti|äidinkielenään|hyvin(?!\s+(?:vähän|huono|heiko|niuka))"


def _lang_pattern(gen: str, trans: str, part: str, sv: str, en: str, nom: str) -> re.Pattern[str]:
    speak = r"(?:puhu\w*|osaa|osaavat|ymmärtää|taitaa)"
    only = rf"(?:(?:{_ONLY}|{_FLUENT})\s+){{0,2}}"
    return re.compile(
        rf"\b(?:{gen})\s?kiel\w*"  # ruotsinkielinen, venäjän kielellä
        rf"|\b(?:{trans})\b"  # ruotsiksi
        rf"|\b{speak}\s+{only}(?:{part})\b"  # puhuu vain venäjää, puhuu parhaiten viroa
        rf"|\b(?:{part})\s+(?:{_FLUENT_AFTER})\b|\b(?:{sv}|{en})\s+(?:flytande|fluently)\b"
        rf"|\b(?:{_ONLY})\s+(?:{part}|{nom})\b"  # (ei puhu suomea,) vain venäjää
        # "äidinkielensä on arabia", "hänen kielensä on ukraina", "kotikieli: somali"
        rf"|\b(?:äidin|koti|oma)?kiel(?:i|ensä|ensa|eni|emme|enne)\s*(?:on\s+|:\s*)(?:vain\s+)?(?:{nom})\b"
        rf"|\b(?:{part})\s+puhuv\w*"  # venäjää puhuva
        # "venäjä on se kieli, jolla…", "arabia on hänen kielensä"
        rf"|\b(?:{nom})\s+on\s+(?:se\s+|hänen\s+|hänelle\s+)?(?:\w+\s+)?(?:äidin)?kiel(?:i|ensä)\b"
        # "ei puhu (muuta) kuin somalia", spoken "ei puhu ku somalia"
        rf"|\bei\s+(?:puhu|osaa|ymmärrä)\w*\s+(?:muuta\s+)?(?:kuin|ku)\s+(?:{part}|{nom})\b"
        rf"|\b(?:måste|ska|bör)\s+vara\s+(?:på\s+)?{sv}\b|\b(?:has|have|needs?)\s+to\s+be\s+in\s+(?:{en})\b"
        rf"|\bpå\s+{sv}\b|\b(?:{sv[:-1]}|{sv})språkig\w*|\b(?:talar|pratar)\s+{only}{sv}\b"
        # "har alltid talat svenska", "hemma pratar de svenska", "has always spoken English"
        rf"|\b(?:talat|pratat|talar|pratar)\s+(?!(?:\w+\s+)?(?:inte|aldrig|ingen|knappt|dålig\w*|lite)\b)"
        rf"(?:\w+\s+){{0,2}}?{only}{sv}\b"
        rf"|\b(?:always|only\s+ever)\s+spoken\s+(?:{en})\b"
        rf"|\b(?:{en})\s+is\s+(?:his|her|their|the)\s+(?:\w+\s+){{0,2}}language"
        rf"|\b(?:{en})\s+would\s+be\s+(?:ideal|best|better|preferable|easiest)"
        rf"|\b(?:his|her|their)\s+(?:{en})\s+is\s+(?:much\s+|far\s+)?better\s+than"
        rf"|\b(?:{sv})\s+är\s+(?:hennes|hans|deras)\s+(?:\w+\s+)?språk"
        rf"|\bin\s+(?:{en})\b|\b(?:{en})[- ]speak\w*|\bspeaks?\s+{only}(?:{en})\b"
        rf"|\b(?:only|just|mainly|bara|endast|mest)\s+(?:{en}|{sv})\b",  # "…Finnish, only Russian"
        re.IGNORECASE,
    )


_LANG_PATTERNS = {
    code: _lang_pattern(*forms, _LANG_NOMINATIVE[code]) for code, forms in _LANG_FORMS.items()
}
# Every match of a language's pattern holds one of its forms as written: most questions name
# no language, and a substring test spares them the patterns (0.7 ms of a search's facets).
_LANG_WORDS = {
    code: tuple(
        form.lower()
        for forms in (gen, trans, part, sv[:-1], en, _LANG_NOMINATIVE[code])
        for form in forms.split("|")
    )
    for code, (gen, trans, part, sv, en) in _LANG_FORMS.items()
}


def _negated(negations: list[str]) -> re.Pattern[str]:
    """A negation ending at most two words before the end: "ei puhu", "does not speak"."""
    return re.compile(rf"(?:\b(?:{'|'.join(negations)})|n't)\s+(?:\w+\s+){{0,2}}$", re.I)


_NEGATED = _negated(_NEG_WORDS)
# In Swedish "en" is the article ("En svenskspråkig kvinna"), not Finnish "I don't".
_NEGATED_SV = _negated([w for w in _NEG_WORDS if w != "en"])


# A language named on its own after "tai"/"eller"/"or": "arabiaa tai somalia", "in Arabic or
# Somali", "på arabiska eller somaliska"; a client who speaks two ("puhuu vain ukrainaa ja
# venäjää") manages in either.
WORD_FORMS = {
    code: re.compile(rf"(?:{gen})(?:\s?kiel\w*)?|{trans}|{part}|{sv}|{en}|{nom}", re.I)
    for code, (gen, trans, part, sv, en) in _LANG_FORMS.items()
    for nom in (_LANG_NOMINATIVE[code],)
}
_OR = re.compile(
    r"\s*,?\s*(?:tai|taikka|vai|ja|eller|och|or|and)\s+(?:på\s+|in\s+)?(\w+(?:\s?kiel\w*)?)", re.I
)


# "ruotsin- tai suomenkielinen": the first word's elided head is the second's
_ELIDED = re.compile(r"\b(\w+)-\s+(tai|ja|eli|taikka)\s+(\w+?)(kiel\w*)", re.I)


def _unelided(text: str) -> str:
    return _ELIDED.sub(r"\1\4 \2 \3\4", text)


# Where a client comes from, for one who manages little in Finnish: the country's language
# (and a second one widely spoken there), in Finnish, Swedish or English ("somalialainen äiti",
# "en ukrainsk kvinna", "an Iraqi father"). Only countries with one clear language.
_ORIGIN: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(rf"\b(?:{stem})", re.I), code, other)
    for stem, code, other in (
        (r"somalia(?:lai|sta\b)|somalinai|somali(?:sk\w*)?\b|from\s+somalia", "so", None),
        (r"venäläi|venäjältä|rysk\b|russian\b|from\s+russia", "ru", None),
        (r"ukrainalai|ukrainasta|ukrainsk\w*|ukrainian|from\s+(?:the\s+)?ukraine", "uk", "ru"),
        (r"virolai|virosta|estnisk\w*|estonian|from\s+estonia", "et", None),
        (r"syyrialai|syyriasta|syrisk\w*|syrian|from\s+syria", "ar", None),
        (r"irakilai|irakista|irakisk\w*|iraqi|from\s+iraq", "ar", None),
        (r"afganistanilai|afganistanista|afgaani|afghan\w*", "fa", None),
        (r"vietnamilai|vietnamista|vietnames\w*", "vi", None),
        (r"turkkilai|turkista\b|turkisk\w*|turkish|from\s+turkey", "tr", None),
    )
]


def origin_language(text: str) -> tuple[str, str | None, str] | None:
    """(language, another, words) of the client's country of origin ("somalialainen äiti")."""
    hits = [(m.start(), c, o, m.group(0)) for pat, c, o in _ORIGIN if (m := pat.search(text))]
    return min(hits)[1:] if hits else None


def either_language(text: str, code: str, evidence: str) -> str | None:
    """The other language when the client would manage in either ("arabiaksi tai somaliksi")."""
    text = _unelided(text)
    at = text.find(evidence)
    m = _OR.match(text, at + len(evidence)) if at >= 0 and evidence else None
    if m is None:
        return None
    other = next((c for c, pat in WORD_FORMS.items() if pat.fullmatch(m.group(1))), None)
    return other if other != code else None


_FINLAND_SWEDISH = re.compile(r"\b(?:suomenruotsalai\w*|finlandssvensk\w*|finland-swed\w*)", re.I)
# Sign language ("käyttää viittomakieltä", "viittomakielinen", "teckenspråkig", "uses sign
# language"): a client's language no service of the knowledge may offer. It is kept as a
# stated language (ISO 639-2 "sgn"), so that the answer says no service meets it instead of
# listing spoken-language groups as a fit.
SIGN = "sgn"
_SIGN = re.compile(r"\b(?:viittomakiel\w*|teckenspråk\w*|sign(?:ed)?\s+language\w*)", re.I)


class LanguageReading(NamedTuple):
    language: str | None  # the service language the client needs
    other: str | None  # another the client manages in ("arabiaksi tai somaliksi")
    evidence: str  # the words that said it
    little_finnish: str | None  # the words saying the client does not manage in Finnish


def read_languages(text: str, qlang: str, known: Collection[str]) -> LanguageReading:
    """Every language reading of `text`, limited to the `known` (vocabulary) languages."""
    little = not_finnish(text)
    language, ev = read_language(text, qlang, little)
    # A language no service offers is still the client's: the answer says it is not met.
    # Only the either-or second language and a country's language must be the knowledge's.
    other = either_language(text, language, ev) if language else None
    # The language the worker writes in, taken for want of one named ("A Ukrainian client …
    # her Finnish is still basic"), gives way to the country's, as no language does.
    writers = language == qlang != "fi" and ev == little
    origin = origin_language(text) if little and (language is None or writers) else None
    if origin is not None and (language is None or origin[0] in known):
        language, other, ev = origin  # "somalialainen äiti … puhuu vasta vähän suomea"
        if language not in known:
            language = other = None
    if other == "fi" and not little:
        return LanguageReading(None, None, "", little)  # "ruotsiksi tai suomeksi": any will do
    other = other if other in known and other != "fi" else None
    return LanguageReading(language, other, ev if language else "", little)


def read_language(text: str, qlang: str, little: str | None) -> tuple[str | None, str]:
    """The first language the text names as the client's (`little`: weak Finnish, said)."""
    text = _unelided(text)
    low = text.lower()
    best: tuple[int, str, str] | None = None
    cannot = ""  # Finnish the client cannot manage, as written
    negated = _NEGATED_SV if qlang == "sv" else _NEGATED
    for code, pat in _LANG_PATTERNS.items():
        if not any(form in low for form in _LANG_WORDS[code]):
            continue
        for m in pat.finditer(text):
            only = re.match(rf"(?:{_ONLY})\b", m.group(0), re.I)
            if not only and negated.search(text[: m.start()][-40:]):
                continue  # "vain X" names what the client does speak, after any "ei"
            # Finnish is the default: only "suomenkielinen", "suomeksi", "puhuu vain suomea".
            explicit = re.search(
                rf"kiel|ksi|finsk|finnish|\b(?:{_ONLY}|{_FLUENT})\b", m.group(0), re.I
            )
            if code == "fi" and (little or not explicit):
                continue
            if code == "fi" and CANNOT_IN.search(text[: m.start()][-80:]):
                cannot = cannot or m.group(0)
                continue
            if WONT_DO.match(text, m.end()):
                continue  # "på finska blir det inget", "suomeksi ei onnistu"
            if WRITER.search(text[: m.start()][-30:]):
                continue  # "sorry for writing in English": the writer's language
            if best is None or m.start() < best[0]:
                best = (m.start(), code, m.group(0))
    sign = _SIGN.search(text) if best is None else None
    if sign is not None and not negated.search(text[: sign.start()][-40:]):
        best = (sign.start(), SIGN, sign.group(0))
    swede = _FINLAND_SWEDISH.search(text) if best is None else None
    if swede is not None:
        best = (swede.start(), "sv", swede.group(0))  # a Finland-Swede speaks Swedish
    if best is not None:
        return best[1], best[2]
    # A question written in Swedish/English about a client with little Finnish.
    if (little or cannot) and qlang in ("sv", "en"):
        return qlang, little or cannot
    return None, ""
