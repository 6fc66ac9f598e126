"""Finnish search words for the needs of a client named in English or Swedish.

How staff name common needs (loneliness, debts, dementia, a drinking spouse, a place to drop
in) and a few words of the cooperation itself, for `crosslingual`: each entry is (pattern over
an English or Swedish question, the Finnish words the knowledge uses). A pattern gets a leading
word boundary only; Swedish ones are also tried inside compounds ("långtidsarbetslös"). English
entries come first, then Swedish ones; `ENGLISH_ONLY` holds English words that are everyday
Swedish ones too.
"""

from __future__ import annotations

NEEDS_GLOSSARY: list[tuple[str, str]] = [
    # English
    (
        r"elderly|older (?:man|woman|people|person)|seniors?|pensioners?|retired",
        "ikääntyneet seniorit eläkeläiset",
    ),
    (r"lonel\w*|isolat\w*|alone|no friends", "yksinäisyys yksinäinen"),
    (
        r"widow\w*|(?:wife|husband|spouse|partner) died|bereave\w*|grie\w*|mourn\w*",
        "leski suru menetys sururyhmä",
    ),
    (
        r"violen\w*|abus\w*|beat(?:s|en)?\b|controls? (?:all )?(?:her|his|their) money",
        "väkivalta lähisuhdeväkivalta kriisi",
    ),
    (
        r"debts?|money problems|bills|budget|payday\w*|loans?\b|collection agenc\w*|debt collect\w*"
        r"|bailiff\w*|enforcement (?:authority|officer|agency)|garnish\w*|arrears|credit cards?",
        "velat talous velkaneuvonta",
    ),
    # falls and frailty: "fell twice", "scared of falling", "weak legs", "poor balance"
    (
        r"fell\b(?!\s+ill)|falls\b|falling\b|(?:poor|bad|lost)\s+balance|balance\s+(?:group|class)\w*"
        r"|weak\s+legs|get(?:ting)?\s+moving|exercis\w*",
        "kaatuminen tasapaino liikunta jumppa",
    ),
    (
        # not "she speaks Finnish (fine)": the client's language stated, no wish to learn it
        r"(?:practi[cs]e|learn\w*|speak(?!s\b)\w*) finnish|finnish (?:course|class\w*|lessons)"
        r"|language caf\w*",
        "suomen kieli kielikahvila keskusteluryhmä kotoutuminen",
    ),
    (
        r"immigra\w*|moved to finland|expat\w*|refugee\w*|newcomer\w*",
        "maahanmuuttajat kotoutuminen",
    ),
    (
        r"(?<!her )(?<!his )(?<!their )(?<!my )(?<!'s )(?:parent\w*|mother|father)"
        r"|kids|children|child|daycare|toddler\w*",
        "vanhemmat perhe lapset vanhemmuus",
    ),
    (r"dementia|memory|alzheimer\w*", "muisti muistisairaus"),
    (r"depress\w*|anxi\w*|mental health|burn\w*out|psycho\w*", "mielenterveys masennus ahdistus"),
    (
        r"alcohol\w*|drink\w*|drugs?|addict\w*|gambl\w*|substance|weed\b|cannabis|marijuana|hashish",
        "päihteet alkoholi riippuvuus",
    ),
    # harming oneself: "she's been cutting herself", "suicidal thoughts"
    (
        r"self[- ]harm\w*|cutting (?:herself|himself|themselves)|suicid\w*",
        "mielenterveys kriisituki itsetuhoiset ajatukset",
    ),
    # not daring to go out alone: what an outdoor friend is for
    (
        r"(?:afraid|scared|frightened) (?:\w+ )?to go out\w*"
        r"|(?:doesn't|does not|won't) dare (?:to )?go out",
        "ulkoilu ulkoiluystävä",
    ),
    (r"food (?:aid|bank|parcel\w*)|free food|hungry|meals?", "ruoka-apu ruokajako lounas"),
    (r"housing|homeless\w*|evict\w*", "asuminen asunnottomuus asumisneuvonta"),
    (r"unemploy\w*|job(?:s|less\w*)?\b|employment|work experience", "työllistyminen työtön työ"),
    (r"carers?|caregiver\w*|caring for", "omaishoitaja omaishoito"),
    (r"disab\w*|wheelchair\w*|blind|deaf", "vammaiset apuvälineet"),
    (r"peer support|support group\w*|peer group\w*", "vertaistuki vertaisryhmä"),
    # a place to drop in and be among people: the knowledge's "olohuone", "kohtaamispaikka"
    (
        r"drop[- ]?in\w*|low[- ]threshold|meeting\s+place\w*|hang(?:ing)?\s+out\b",
        "kohtaamispaikka olohuone matalan kynnyksen",
    ),
    (r"exercis\w*|gym\w*|sports?|physical activity|walking", "liikunta jumppa"),
    (r"smartphone\w*|computer\w*|digital|internet|online banking", "digituki älypuhelin"),
    (r"crisis|suicid\w*|trauma\w*", "kriisituki keskusteluapu"),
    (r"youth|teen\w*|young (?:people|person|man|woman)", "nuoret"),
    (r"friend\w*|visitor|befriend\w*|company", "ystävätoiminta ystävä seura"),
    (r"anonym\w*|chat\w*", "anonyymi chat"),
    # life situations and conditions staff name in English
    (
        r"divorc\w*|separat(?:ed|ion)|break-?up|split up|every other week|two homes|custody",
        "ero eroperheet",
    ),
    (r"exhaust\w*|worn out|burnt? out", "uupumus jaksaminen"),
    (
        r"(?:young|teen(?:age)?|first-time)\s+(?:mum|mom|mother)s?\b",
        "nuoret äidit vauvaperhe",
    ),
    (r"single (?:mum|mom|mother|dad|father|parent)s?\b", "yksinhuoltajat yksinhuoltaja"),
    (r"warm (?:pool|water)|hydrotherap\w*|aqua\w*|water (?:exercise|gym)\w*", "vesijumppa allas"),
    (r"prison\w*|inmate\w*|jail\w*", "vanki vankila"),
    (r"homework|school\w*|pupils?", "läksyt koulu koululaiset"),
    (r"hobb(?:y|ies)|leisure", "harrastus harrastukset"),
    (r"swim\w*", "uinti"),
    (r"danc\w*", "tanssi"),
    (r"volunteer\w*", "vapaaehtoinen vapaaehtoistoiminta"),
    (r"cancer", "syöpä"),
    (r"diabet\w*", "diabetes"),
    (r"stroke", "aivoinfarkti aivoverenkiertohäiriö"),
    (r"sleep apn\w*|cpap|snor\w*", "uniapnea"),
    (r"hearing|hard of hearing", "kuulo kuulovamma"),
    (r"visual(?:ly)? impair\w*|eyesight|sight loss", "näkövamma"),
    (r"autis\w*|adhd|neuropsychiatric|special needs", "erityislapsi neuropsykiatrinen"),
    (r"pregnan\w*|bab(?:y|ies)|newborn\w*", "vauva raskaus vauvaperhe"),
    (r"benefits?|social security|kela", "etuus sosiaaliturva kela"),
    (r"appeal\w*", "muutoksenhaku oikaisuvaatimus"),
    (r"veteran\w*", "veteraani"),
    (r"rainbow|lgbt\w*|queer|gay|lesbian\w*|transgender", "sateenkaari"),
    (r"rheumat\w*|arthritis|chronic pain", "reuma kipu"),
    (r"grants?|funding|subsid\w*", "avustus järjestöavustukset"),
    (r"associations?|ngos?|non-profits?|voluntary organi[sz]ations?", "järjestö yhdistys"),
    (r"roadmap", "tiekartta"),
    (r"advisory (?:board|council)|council", "neuvottelukunta"),
    (r"agreements?|contracts?", "yhteistyösopimus sopimus"),
    (r"premises|facilities|meeting rooms?", "tilat"),
    (r"contact form", "yhteydenottolomake"),
    (r"newsletter\w*", "uutiskirje"),
    # when a body meets ("When does the advisory board meet?"), not meeting other people
    (
        r"meetings?\b|convenes?\b|(?:board|council|committee)\s+meets?\b"
        r"|does\s+the\s+\w+(?:\s+\w+)?\s+meet\b",
        "kokous kokoontuu kokoukset",
    ),
    (r"key (?:person|people|contact)\w*", "avainhenkilöverkosto avainhenkilö"),
    # the county's service tray (Hyvinvointitarjotin) by its English names
    (r"wellbeing (?:tray|service tray|platform)", "hyvinvointitarjotin ylläpito palaute"),
    # what the roles do (knowledge/roadmap/roles.yaml)
    (r"implementation plan\w*", "toimeenpanosuunnitelma"),
    (r"prepar\w*|draft\w*", "valmistelu"),
    (r"follow\w* up|monitor\w*", "seuranta"),
    (r"receiv\w*|takes? in\b", "vastaanotto"),
    (r"describ\w*|description\w*", "kuvaaminen kuvaus"),
    (r"appoint\w*|nominat\w*", "nimeäminen"),
    (r"coordinat\w*", "koordinointi"),
    (r"participation\w*|inclusion\w*", "osallisuus osallisuusohjelma"),
    (r"updat\w*", "päivitetään päivitys"),
    (r"principles?", "periaatteet"),
    (r"evaluat\w*|assess\w*|scor(?:e|es|ed|ing)\b", "arviointi pisteytys"),
    # developing the county's services together with associations (yhteiskehittäminen)
    (
        r"co-?(?:develop|design|creat)\w*|workshops?\b|pilots?\b|piloting",
        "yhteiskehittäminen kehittäminen työpaja pilotti",
    ),
    (r"measur\w*|metrics?\b|indicators?\b", "mittari mittarit mittaaminen"),
    # the roadmap's own aims: knowing each other, clear roles and responsibilities
    (
        r"(?:get(?:ting)?\s+to\s+)?know(?:s|ing)?\s+(?:each\s+other|one\s+another)",
        "toisensa tunteminen",
    ),
    (
        r"roles?\s+and\s+responsibilit\w*|division\s+of\s+(?:roles|responsibilit\w*)",
        "roolit vastuunjako",
    ),
    (r"experts?\s+by\s+experience|lived\s+experience", "kokemusasiantuntija"),
    # Swedish
    (r"äldre|pensionär\w*|senior\w*", "ikääntyneet seniorit eläkeläiset"),
    (r"ensam\w*|isolerad\w*", "yksinäisyys yksinäinen"),
    (r"änk\w*|sorg\w*|sörj\w*", "leski suru menetys"),
    # "slår", "blir slagen" — not "samma slags hjälp" (kind of) or "slaganfall" (a stroke)
    (r"våld\w*|misshand\w*|slår\b|slog\b|slagen\b|slagits?\b", "väkivalta lähisuhdeväkivalta"),
    (
        r"skuld\w*|ekonomi\w*|räkning\w*|inkasso\w*|kronofogd\w*|utmätning\w*|snabblån\w*"
        r"|sms-lån\w*|betalningsanmärkning\w*",
        "velat talous velkaneuvonta",
    ),
    (r"invandr\w*|flykting\w*|nyanländ\w*", "maahanmuuttajat kotoutuminen"),
    (
        r"(?<!hennes )(?<!hans )(?<!deras )(?<!sin )(?<!sina )(?<!min )(?:föräld\w*|mamma|pappa)"
        r"|barn\w*|familj\w*",
        "vanhemmat perhe lapset",
    ),
    (r"minne\w*|demens\w*|alzheimer\w*", "muisti muistisairaus"),
    (
        r"psykisk\w*|nedstämd\w*|depress\w*|deprimer\w*|ångest\w*|mår dåligt",
        "mielenterveys masennus ahdistus",
    ),
    (
        r"alkohol\w*|missbruk\w*|beroende\w*|droger|drickande\w*|spriten|ölen\b|fylleri\w*"
        r"|dricker\b(?! (?:kaffe|te|vatten|saft|mjölk|juice))"
        r"|cannabis|hasch\w*|knark\w*",
        "päihteet alkoholi riippuvuus",
    ),
    (
        r"självskad\w*|skadar sig själv|skär sig\b|självmord\w*",
        "mielenterveys kriisituki itsetuhoiset ajatukset",
    ),
    (r"vågar inte (?:\w+ )?gå ut|vågat gå ut|promenad\w*|promenera\w*", "ulkoilu ulkoiluystävä"),
    (r"mathjälp|matbank\w*|gratis mat|matkasse\w*", "ruoka-apu ruokajako"),
    (r"gympa|motion\w*|träning\w*|idrott\w*", "liikunta jumppa"),
    (
        r"ramla\w*|ramlat|föll\b|fallit|balans\w*|halka\w*|halkade|höftfraktur\w*|bröt höften",
        "kaatuminen tasapaino liikunta",
    ),
    (r"kamratstöd\w*|stödgrupp\w*|samtalsgrupp\w*", "vertaistuki vertaisryhmä"),
    (r"träffpunkt\w*|lågtröskel\w*|dagcent\w*", "kohtaamispaikka olohuone matalan kynnyksen"),
    (r"anhörig\w*|närstående\w*", "omaiset läheiset"),
    (r"närståendevård\w*", "omaishoitaja omaishoito"),
    (r"stroke|slaganfall\w*|hjärn\w*", "aivoinfarkti aivoverenkiertohäiriö"),
    (r"\bunga\b|ungdom\w*|tonåring\w*|1\d-åring\w*", "nuoret"),  # not "en 79-åring"
    (r"skriva anonymt|chatt\w*", "anonyymi chat"),
    (
        r"skilsmäss\w*|separation\w*|separer\w*|skild\w*|skilde\s+sig|skiljer\s+sig"
        r"|(?:gick|går|flyttade|flyttat)\s+isär|varannan\s+vecka",
        "ero eroperheet",
    ),
    (r"utmatt\w*|utbränd\w*|slutkörd\w*", "uupumus jaksaminen"),
    (r"glöm\w*|vilse\b|förvirr\w*", "muisti muistisairaus unohtelu"),
    (
        r"(?:ung|unga|tonårs|förstagångs)mamm\w*|ung\s+mamma",
        "nuoret äidit vauvaperhe",
    ),
    (r"ensamstående\s+(?:mamm|papp|föräld)\w*", "yksinhuoltajat yksinhuoltaja"),
    (r"varmvatten\w*|vattengymnastik\w*|bassäng\w*", "vesijumppa allas"),
    (r"fängelse\w*|fånge\w*", "vanki vankila"),
    (r"läx\w*|skolbarn\w*|skolelev\w*", "läksyt koulu koululaiset"),
    (r"hobby\w*|fritid\w*", "harrastus harrastukset"),
    # a device or the net to manage, as the English entry: "smarttelefon", "datorn", "nätbanken"
    (
        r"smarttelefon\w*|mobiltelefon\w*|dator\w*|surfplatt\w*|digital\w*|nätbank\w*"
        r"|internetbank\w*|e-tjänst\w*",
        "digituki älypuhelin",
    ),
    (r"simn\w*|simma\w*", "uinti"),
    (r"dans\w*", "tanssi"),
    (r"frivillig\w*", "vapaaehtoinen vapaaehtoistoiminta"),
    (r"cancer", "syöpä"),
    (r"diabet\w*", "diabetes"),
    (r"sömnapné\w*", "uniapnea"),
    (r"hörsel\w*|hörapparat\w*", "kuulo kuulovamma"),
    (r"synskad\w*|syn(?:en)?\b", "näkövamma"),
    (r"autism\w*|adhd|npf", "erityislapsi neuropsykiatrinen"),
    (r"gravid\w*|bebis\w*", "vauva raskaus vauvaperhe"),
    (r"förmån\w*|fpa", "etuus sosiaaliturva kela"),
    (r"besvär\w*|överklag\w*", "muutoksenhaku oikaisuvaatimus"),
    (r"veteran\w*", "veteraani"),
    (r"regnbåg\w*|hbtq\w*", "sateenkaari"),
    (r"reum\w*|smärt\w*", "reuma kipu"),
    (r"bostad\w*|hemlös\w*|vräkning\w*", "asuminen asunnottomuus"),
    # losing or looking for work, not any "jobbar" (works)
    (
        r"arbetslös\w*|jobbsök\w*|(?:söker|sökt|hitta|få|förlor\w*|mist\w*)\s+(?:ett\s+|sitt\s+)?jobb",
        "työllistyminen työtön",
    ),
    (r"bidrag\w*|understöd\w*", "avustus järjestöavustukset"),
    (r"förening\w*|organisation\w*", "järjestö yhdistys"),
    (r"färdplan\w*", "tiekartta"),
    (r"åtgärd\w*", "toimenpide"),
    (r"lokal(?:er|en)\b", "tilat"),
    (r"samarbetsavtal\w*|avtal\w*", "yhteistyösopimus sopimus"),
    (r"delegation\w*", "neuvottelukunta"),
    (r"kontaktformulär\w*", "yhteydenottolomake"),
    (r"nyhetsbrev\w*", "uutiskirje"),
    (r"sammanträd\w*|(?:delegationen|nämnden)\s+möts", "kokous kokoontuu kokoukset"),
    (r"nyckelperson\w*", "avainhenkilöverkosto avainhenkilö"),
    (r"genomförandeplan\w*|verkställighetsplan\w*", "toimeenpanosuunnitelma"),
    (r"bereder|bereda|beredning\w*|förbereder", "valmistelu"),
    (r"följer upp|uppfölj\w*", "seuranta"),
    (r"tar emot|mottag\w*", "vastaanotto"),
    (r"beskriv\w*", "kuvaaminen kuvaus"),
    (r"utser|utnämn\w*", "nimeäminen"),
    (r"samordn\w*|koordiner\w*", "koordinointi"),
    (r"uppdater\w*", "päivitetään päivitys"),
    (r"princip\w*", "periaatteet"),
    (r"bedöm\w*|poängsätt\w*", "arviointi pisteytys"),
    (r"delaktighet\w*", "osallisuus osallisuusohjelma"),
    (
        r"utveckla\s+(?:\w+\s+){0,2}(?:tjänst|service|verksamhet)\w*|samutveckl\w*|workshop\w*"
        r"|pilot(?:försök|projekt)\w*",
        "yhteiskehittäminen kehittäminen työpaja pilotti",
    ),
    (r"mät(?:a|er|s|t)\b|mätare\w*|indikator\w*", "mittari mittarit mittaaminen"),
    (r"(?:lära\s+)?känn(?:a|er)\s+varandra", "toisensa tunteminen"),
    (r"roller(?:na)?\b|ansvarsfördelning\w*", "roolit vastuunjako"),
]
# English words that are everyday Swedish ones too, searched in English only: "flyttade hit"
# (moved here) is no violence, "hålla rent" (keep clean) no housing
ENGLISH_ONLY: list[tuple[str, str]] = [
    (r"\bhit\b|hits\b|hitting\b", "väkivalta lähisuhdeväkivalta kriisi"),
    (r"rent", "asuminen asunnottomuus asumisneuvonta"),
]
