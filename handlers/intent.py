"""What the user wants: services for a client, knowledge (roadmap/guidance/roles), the form, help.

Cheap, explainable cues decide most questions; when the cues tie, the search
itself decides by comparing how well the best service and the best
roadmap/guidance/role document match the question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.roadmap_goal_words import goal_numbers
from index.search.engine import Searcher
from index.search.facets import Filters

_HELP = re.compile(
    r"^\s*(?:/?help|/?apua|ohje|ohjeet|hjälp|hei|moi|terve|hello|hi|hej|"
    r"mitä\s+(?:sä\s+|sinä\s+|te\s+)?(?:osaat|osaatte|voit|sinulta\s+voi)\w*.*|"
    r"mitä\s+(?:tällä|botilla)\b.*|"
    r"miten\s+(?:(?:tätä|sinua|bottia|chattia)\s+)+käyte\w*.*|vad\s+kan\s+du.*|what\s+can\s+you\s+do.*|"
    r"how\s+do\s+i\s+use\s+(?:this|you).*)\s*[?!.]*\s*$",
    re.I,
)
_CONTACT = re.compile(
    r"^\s*/?yhteydenotto\s*$|"
    r"\b(?:haluan|haluaisin|haluamme|haluaisimme|voinko|voimmeko|miten\s+voin|avaa|täytä|lähetä|jätä|"
    r"tehdä|jättää|lähettää)\b.{0,30}\b(?:yhteydenot\w*|yhteydenottolomak\w*)|"
    r"\b(?:open|fill\s+in|send)\b.{0,20}\bcontact\s+(?:form|request)|"
    r"\b(?:öppna|skicka|fylla\s+i)\b.{0,20}\bkontaktformulär\w*",
    re.I,
)
_KNOWLEDGE_CUES = re.compile(
    r"\b(?:tiekart\w*|toimenpi\w*|toimeenpano\w*|tavoi?tt?e\w*|visio\w*|sitova\w*|mittar\w*|"
    r"neuvottelukun\w*|lautakun\w*|avustu\w*|käyttöselvity\w*|yhteistyösopimu\w*|sopimu\w*|"
    r"hyvinvointitarjot\w*|ptv\w*|lähellä\.fi\w*|avainhenkilö\w*|osallisuusohjelm\w*|"
    r"yhteiskehit\w*|uutiskirje\w*|koontisivu\w*|verkkosivu\w*|nettisivu\w*|toteutu\w*|"
    r"\w*vastuu\w*|vastaa|vastaavat|selvity\w*|järjestöyhteistyö\w*|kehittämisehdotu\w*|"
    r"strategi\w*|yhdistyksen\s+kanssa|järjestön\s+kanssa|järjestöjen\s+kanssa|yhteistyöstä|"
    r"tiloja\s+järjestöille|järjestöt\s+(?:voivat|saavat)|järjestön\s+(?:pitää|tulee|täytyy)|"
    r"pitääkö\s+järjestön|färdplan\w*|föreningssamarbet\w*|förening\w*|roadmap|"
    r"cooperation|grant\w*|yhteydenottolomak\w*|yhteisellä\s+lomakkeella|lomakkeella|"
    # who answers for what, and the county's own tools, in Swedish and English
    r"ansvar\w*|\w*bidrag\w*|kontaktformulär\w*|åtgärd\w*|responsib\w*|in\s+charge|"
    r"contact\s+form\w*|status\s+of|delaktighetsprogram\w*|genomförandeplan\w*|"
    r"implementation\s+plan\w*|participation\s+programme\w*|"
    r"key\s+(?:person|people|contact)\w*|wellbeing\s+(?:tray|service\s+tray)|"
    # who does a task of the cooperation: "kuka nimeää", "vem följer upp", "who prepares"
    r"(?:kuka|ketkä|kenen)\s+(?:\w+\s+)?(?:päättä\w*|hyväksy\w*|nimeä\w*|valmistel\w*|seuraa\w*|kerää\w*|"
    r"pisteyt\w*|ylläpitä\w*|päivittä\w*|koordinoi\w*|käsittele\w*|vetä\w*|johta\w*)|"
    r"vem\s+(?:följer\s+upp|bereder|förbereder|tar\s+emot|utser|beslutar|bestämmer|godkänner)|"
    r"who\s+(?:prepares|decides|approves|appoints|follows\s+up|monitors|receives|maintains|"
    r"updates|coordinates)\b|"
    r"miten\s+(?:(?:mä|mie|minä|me|sä|sinä)\s+)?(?:ohjaan|ohjataan|ohjaamme|toimin|toimitaan|"
    r"edetään|menetellään)\b|"
    # is a referral needed, how does an association go about it, premises for associations
    r"(?:tarvi\w*|tarvitaanko|tarvitseeko|pitääkö)\s+(?:\w+\s+){0,3}lähete\w*|gå\s+till\s+väga|"
    # referring a client to an association, asked as how-to: "jos haluun ohjata sen jonkun
    # yhdistyksen ryhmään"; an association's representative in the county's working groups
    r"ohja(?:ta|an|amme|taan|amaan)\s+(?:\w+\s+){0,4}(?:yhdistyk|järjestö)\w*|edustaj\w*|"
    # a unit's contact person for associations; the county's own premises lent to one
    r"yhdyshenkilö\w*|(?:meidän|meiän)\s+(?:\w+\s+){0,2}tilo(?:issa|ja|ihin|t)|"
    r"(?:kuka|ketkä)\s+(?:\w+\s+){0,2}valits\w*|"
    r"\w*lokaler(?:na)?\b|premises|"
    r"ohjaamine\w*\s+järjest\w*|ammattilaisena|henkilöstö\w*|"
    # how an action stands: "onko se jo valmis", "vieläkö kesken", "missä mennään"
    r"kesken|tekemättä|valmi(?:s|ina|iksi)|tehty|päätetty|päättämättä|(?<!pitkälle\s)edenn\w*|missä\s+mennään|työn\s+alla|"
    r"tekeillä|mittaami\w*|arviointimall\w*|suunnitteluvaihe\w*|suunnitteilla|"
    r"(?:jo|vielä|oikeesti|oikeasti)\s+(?:\w+\s+)?(?:käynnissä|pyörimässä|toiminnassa)|"
    # what staff should do: "mitä nyt teen", "ei löydy sopivaa", the client's consent
    r"mitä\s+(?:nyt\s+|mä\s+|minä\s+|mun\s+|minun\s+|meidän\s+)?(?:teen|tehdä|kuuluu)|"
    r"ei\s+löydy|en\s+löydä|suostumu\w*|tietosuoj\w*|vaitiolo\w*|"
    r"asiakkaan\s+(?:tiedo\w*|tieto\w*|puolesta)|(?:saa|saanko|saako)\s+kertoa|luovutta\w*|"
    # an association's people who want to come to the unit, and the paper it may need: "meidän
    # osastolle haluais tulla vertaistukijat … pitääkö tästä tehdä joku paperi, miten homma etenee"
    r"(?:osastolle|osastollemme|yksikköön|yksikköömme|palvelutaloon|terveysasemalle|meille)\s+"
    r"(?:\w+\s+){0,2}?(?:halua\w*|toivo\w*|tarjo\w*)\s+(?:\w+\s+)?tulla|"
    r"(?:halua\w*|toivo\w*|tarjoutu\w*)\s+tulla\s+(?:\w+\s+){0,2}?(?:osastolle\w*|yksikköö\w*|"
    r"palvelutaloo\w*|terveysasemalle)|"
    r"(?:pitääkö|pitäiskö|tarvitaanko|tarviiko|täytyykö)\s+(?:\w+\s+){0,3}?(?:tehdä|kirjoittaa|"
    r"laatia|allekirjoittaa)\s+(?:\w+\s+)?(?:paperi\w*|kirjallin\w*)|"
    r"(?:miten|kuinka)\s+(?:\w+\s+){0,2}?(?:homma|prosessi)\s+etenee|"
    # an association tells its own plan and asks whom to agree it with: "meillä on eläkeläisten
    # kerho … keneltä pitää kysyä lupa", "käsityökerho haluaisi lahjoittaa … kenen kanssa sovin"
    r"(?:meillä|meiän|meidän\s+(?:yhdistyksellä|järjestöllä|seuralla))\s+on\s+(?:\w+\s+){0,2}?"
    r"(?:kerho|yhdistys|järjestö|seura)\w*|"
    r"\w*(?:kerho|yhdistys|järjestö|seura)\w*\s+(?:\w+\s+)?(?:haluai\w*|haluaa|haluis|toivoo)\s+"
    r"(?:\w+\s+)?(?:lahjoitta\w*|tulla|jakaa|järjestää|tarjota|pitää|tuoda|esitellä)|"
    r"(?:keneltä|kenelle|kenen\s+kanssa|kehen)\s+(?:\w+\s+){0,2}?(?:sovin|sovimme|sovitaan|sopia|"
    r"kysyä\s+lupa\w*|kysymme\s+lupa\w*)|"
    r"who\s+do\s+we\s+(?:ask|contact|talk\s+to|agree\s+(?:it\s+)?with)|"
    r"vem\s+(?:ska|kan|bör)\s+vi\s+(?:fråga|kontakta|prata\s+med|komma\s+överens\s+med)|"
    # an association acting towards staff: "järjestö kysyi / otti yhteyttä"
    r"(?:järjestö|yhdistys)\w*\s+(?:otti|ottaa|on\s+ottanut)\b.{0,25}\byhteyt\w*|"
    # whole words only: "vastaanotolle" (to the appointment) is not "vastaa"
    r"(?:järjestö|yhdistys)\w*\s+(?:\w+\s+){0,2}(?:kysy\w*|kysel\w*|pyys\w*|pyytää))\b",
    re.I,
)
_SERVICE_CUES = re.compile(
    r"\b(?:asiakk?a\w*|client\w*|klient\w*|\d{1,3}\s?-?\s?(?:v|vuotia\w*|åring\w*|year)|"
    r"vertais\w*|(?!(?:työ|ohjaus|johto|asiantuntija|projekti|kehittämis)ryhm)\w*ryhm\w*|\w*kerho\w*|kamratstöd\w*|stödgrupp\w*|grupp\w*|group\w*|"
    r"peer|yksinäi\w*|mies|nainen|äiti|isä|poika|tytär|lapsi\w*|leski\w*|perhe\w*|"
    r"man|woman|mother|father|son|daughter|pensionär\w*|eläkeläi\w*|nuori|nuoret|"
    r"vaimo\w*|puoliso\w*|aviomie\w*|mummo\w*|pappa\w*|vaari\w*|isoäi\w*|isois\w*|rouva\w*|"
    r"mieh(?:ensä|ellä|elleen|eltä|estä|ensa)|"
    r"wife|husband|hustru|farmor|mormor|farfar|morfar|guy|lady|mum|mom|dad|kid|kids|teen\w*|"
    r"pensioner|widow\w*|grandm\w*|grandp\w*|änka|änkling|kille|tjej|"
    r"maahanmuutt\w*|velka\w*|ruoka\w*|mistä\s+sa\w*|onko\s+\w+\s+(?:mitään|jotain)|"
    r"löytyykö|onks|is\s+there\s+any\w*|finns\s+det|"
    # whom the help is for, and an association that would give it: "psoriaasista kärsiville",
    # "onko järjestöillä tukea" (not "järjestöille": support for associations), "yhdistys,
    # joka auttaa", "auttaako jokin yhdistys"
    r"(?!selville)\w{3,}(?:ville|välle|neille|neillä)|"
    r"(?:onko|onks|löytyykö)\s+(?:(?!järjestöille|yhdistyksille)\w+\s+){0,2}(?:tukea|apua)|"
    r"(?:järjestö|yhdisty)\w*,?\s+(?:joka|jotka)\s+(?:autta|tarjo|järjest|anta|hoita|teke)\w*|"
    r"autta\w*\s+(?:\w+\s+)?(?:järjestö|yhdistys))\b",
    re.I,
)


_ASSOCIATION_ASKS = re.compile(
    r"\b(?:järjestö|yhdistys|förening|association|ngo)\w*\s+(?:\w+\s+){0,2}"
    r"(?:kysy\w*|kysel\w*|pyys\w*|pyytää|frågade|frågar|asked|asks|"
    # an association that wants money from the county: "yhdistys haluais meiltä rahaa"
    r"(?:halua\w*|tarvits\w*|hake\w*|hakis\w*)\s+(?:\w+\s+){0,2}(?:rahaa|rahoitu\w*|avustu\w*))\b",
    re.I,
)
_CLIENT = re.compile(r"\b(?:asiak\w*|client\w*|klient\w*)", re.I)


@dataclass(frozen=True)
class IntentGuess:
    intent: str  # services | knowledge (roadmap/guidance/roles) | contact | help | none | undecided
    service_cues: int
    knowledge_cues: int


def guess_intent(text: str, filters: Filters) -> IntentGuess:
    """First pass on words alone; 'undecided' is settled by search scores."""
    stripped = text.strip()
    if not stripped:
        return IntentGuess("none", 0, 0)
    if _HELP.match(stripped):
        return IntentGuess("help", 0, 0)
    if _CONTACT.search(stripped):
        return IntentGuess("contact", 0, 0)
    if _ASSOCIATION_ASKS.search(stripped) and not _CLIENT.search(stripped):
        # an association asking staff something ("yhdistys kysyi saako ne pitää ryhmää meidän
        # tiloissa"): a question about the cooperation, whatever groups it names
        return IntentGuess("knowledge", 0, 1)
    # each cue counts once: "onks … vai onks …" asks once
    k = len({m.lower() for m in _KNOWLEDGE_CUES.findall(stripped)})
    k += bool(goal_numbers(stripped))  # "nelostavotteessa", "goal number two": a roadmap goal
    s = len({m.lower() for m in _SERVICE_CUES.findall(stripped)})
    s += (filters.age is not None) + (filters.language is not None) + (filters.online is not None)
    if k > s:
        return IntentGuess("knowledge", s, k)
    if s > k:
        return IntentGuess("services", s, k)
    # two cues of procedure or more, as many of a case: a how-to question about a client
    # ("tarviiks asiakkaalle lähete, jos haluun ohjata sen jonkun yhdistyksen ryhmään?")
    return IntentGuess("knowledge" if k >= 2 else "undecided", s, k)


# The learned model's probability from which a question the word cues took for a case (or
# left undecided) is about the cooperation: leave-one-set-out over the read sets, 0.8 routed
# fewest wrong (docs/evaluation.md, twenty-fourth stop).
COOPERATION_FROM = 0.8


def intent_of(searcher: Searcher, text: str, filters: Filters) -> str:
    """The intent. A case by its cues, or an undecided one, is a question on the cooperation when
    the learned model (index/search/intent_model.py) is sure of it; an undecided one also when
    the knowledge matches it better than any service."""
    guess = guess_intent(text, filters)
    if guess.intent not in ("services", "undecided"):
        return guess.intent
    model = searcher.intents
    if model is not None and model.probability(searcher.embed_query(text)) >= COOPERATION_FROM:
        return "knowledge"
    if guess.intent == "services":
        return "services"
    best = searcher.best_dense_by_kind(text)
    best_service = best.get("service", 0.0)
    best_other = max((v for k, v in best.items() if k != "service"), default=0.0)
    return "knowledge" if best_other > best_service else "services"
