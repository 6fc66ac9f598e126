"""Finnish search words for the county's association-cooperation vocabulary in English and Swedish.

crosslingual.py's glossary names the needs of a client (loneliness, debts, dementia) and a few
words of the cooperation itself. This one holds the rest of the cooperation's own vocabulary as
the knowledge writes it: the roadmap's goals, workstreams and actions and their status
(knowledge/roadmap/roadmap.yaml), the bodies, units and duties of the roles (roles.yaml) and the
topics of the guidance (knowledge/guidance/*.md): grants, cooperation agreements, referral, the
contact form, premises, newsletter, web and intranet pages, describing activities in PTV.

Each entry is (pattern over an English or Swedish question, the Finnish words the knowledge uses),
in the same form as `needs_glossary.NEEDS_GLOSSARY`: the pattern gets a leading word boundary
only, and Swedish ones are also tried inside compounds. Patterns are kept to the cooperation's
own words and phrases, so they stay silent on a description of a client's situation.
"Cooperation" alone has no entry: every text of the knowledge is about it, so it names no topic;
"association cooperation" is the county's "järjestöyhteistyö", which most roles' duties name.
"""

from __future__ import annotations

COOPERATION_GLOSSARY: list[tuple[str, str]] = [
    # English
    # the roadmap: goals, actions and how far they got (roadmap.yaml)
    (
        r"objectives?\b|(?:roadmap|cooperation|strategic|binding)\s+goals?\b"
        r"|goals?\s+of\s+the\s+(?:roadmap|cooperation)",
        "tavoite tavoitteet sitova",
    ),
    (r"actions?\b|workstreams?\b", "toimenpide toimenpidekokonaisuus"),
    (
        # not "achieve" alone: "what does it aim to achieve" asks the goal, not a status
        r"partially\s+(?:achieved|implemented|completed|reali[sz]ed)|in\s+progress"
        r"|unfinished|carried\s+(?:over|forward)|postponed",
        "toteutuu osittain kesken siirtyi",
    ),
    (r"(?:ngo|association|organi[sz]ation)s?\s+co-?operation", "järjestöyhteistyö"),
    (r"strateg\w*", "strategia strategiatyö"),
    (r"health\s+promot\w*|promot\w*\s+(?:health|wellbeing)|negotiation", "hyte hyte-neuvottelut"),
    (r"structures\b|structural\w*|organi[sz]ational\s+structure", "rakenteet rakenne"),
    (
        r"ways?\s+of\s+working|working\s+(?:methods|practices)"
        r"|(?:good|best|shared|common)\s+practices?"
        r"|operating\s+models?",
        "toimintatavat toimintamalli käytännöt käytänteet",
    ),
    (r"models?\b", "malli mallit toimintamalli"),
    (r"partnerships?\b|(?:cooperation|grant|key)\s+partners?\b", "kumppanuus avustuskumppanit"),
    (
        r"(?:shared|common|mutual)\s+understanding|awareness|visib\w*|well[-\s]known",
        "tunnettavuus näkyvyys ymmärrys",
    ),
    (r"impacts?\b(?!\s+on\s+(?:her|his|my))|effectiveness|outcomes?\b", "vaikuttavuus tulokset"),
    (
        r"stakeholder\w*|surveys?\b|questionnaires?\b|internal\s+(?:review|study|report)"
        r"|mapp(?:ed|ing)\b",
        "sidosryhmät kysely selvitys kartoitus",
    ),
    (
        r"communications\b|communication\s+(?:plan|team|unit|channels?)|information\s+flow"
        r"|flow\s+of\s+information",
        "viestintä tiedottaminen tiedonkulku",
    ),
    (r"projects?\b|(?:development|working|steering)\s+groups?", "hanke hankkeet kehittämisryhmä"),
    # getting associations involved ("get associations involved", "involve residents")
    (
        r"get(?:s|ting)?\s+(?:\w+\s+){0,2}involved|involvement\b"
        r"|(?:associations|ngos)\s+(?:are\s+)?involved"
        r"|(?:involv|engag)(?:e|es|ing)\s+(?:the\s+)?(?:associations?|ngos?|organi[sz]ations?"
        r"|residents)",
        "mukaan osallistaminen mukanaolo",
    ),
    # bodies and what they do (roles.yaml, jarjestoyhteistyon-neuvottelukunta.md)
    (r"committees?\b|local\s+democracy", "lautakunta lähidemokratia osallisuuslautakunta"),
    (r"regional\s+(?:board|government|executive)|(?:county|executive)\s+board", "aluehallitus"),
    (r"represent\w*", "edustus järjestöedustus edustaja"),
    (
        r"set(?:s|ting)?\s+up\s+the\b|(?:was|were)\s+(?:founded|established|set\s+up)|founding\b"
        r"|establish(?:es|ed|ing)?\s+(?:the|an?)\s+(?:\w+\s+)?(?:board|council|committee|network)",
        "asettaminen asettaa perustaminen",
    ),
    (
        r"approv\w*|ratif\w*|sign(?:s|ed|ing)?\s+(?:the|an?)\s+(?:agreement|contract)|who\s+signs",
        "hyväksyminen viranhaltija allekirjoittaa",
    ),
    (r"rules\s+of\s+procedure|terms\s+of\s+reference|statutes?\b|by-?laws?\b", "toimintasääntö"),
    (
        r"secretar\w*|chair(?:person|man|woman)\w*|chair(?:s|ed)?\s+(?:of\s+)?the\b"
        r"|(?:board|council|committee)\s+members?|members?\s+of\s+the\s+(?:\w+\s+)?(?:board|council"
        r"|committee)|deputy\s+members?|term\s+of\s+office|who\s+sits\s+on",
        "sihteeri puheenjohtaja jäsenet varajäsenet kokoonpano toimikausi",
    ),
    (
        r"agendas?\b|meeting\s+minutes|minutes\s+of\s+the\s+meeting|memos?\b|annual\s+plan\b",
        "esityslista muistio vuosisuunnitelma",
    ),
    (r"comment\w*", "kommentointi kommentoida"),
    (r"coordinators?\b|cooperation\s+team", "koordinaattori järjestöyhteistyön tiimi"),
    (
        r"divisions?\b(?!\s+of\b)|departments?\b|service\s+areas?|sectors?\b"
        r"|(?:our|my|your|each|every|own)\s+units?\b",
        "toimialat yksikkö",
    ),
    # grants (jarjestoavustukset.md)
    (
        r"application\s+(?:rounds?|periods?|forms?|deadlines?)|calls?\s+for\s+applications"
        r"|grant\s+applications?|apply\s+for\s+(?:a\s+)?(?:grant|funding)|deadlines?\b|due\s+date",
        "avustushaku hakemus hakuaika hakulomake määräaika",
    ),
    (
        r"(?:usage|spending|final|use)\s+reports?|report\s+on\s+(?:the\s+)?use"
        r"|how\s+the\s+grant\s+was\s+(?:used|spent)",
        "käyttöselvitys",
    ),
    (
        r"attachments?\b|(?:action|activity|operating)\s+plans?\b|annual\s+(?:activity\s+)?report"
        r"|financial\s+statements?|annual\s+accounts|(?:annual|draft)\s+budget",
        "liitteet toimintasuunnitelma toimintakertomus tilinpäätös talousarvio",
    ),
    (r"procure\w*|tender(?:s|ing)\b|(?:buy|purchas)\w*\s+services?\b", "hankinta kilpailutus"),
    # cooperation agreements (yhteistyosopimusprosessi.md)
    (
        r"templates?\b|terminat\w*\s+(?:the|an?)\s+(?:agreement|contract)|notice\s+period"
        r"|(?:agreement|contract)\s+period",
        "sopimuspohja irtisanominen sopimuskausi",
    ),
    (r"data\s+protection|privacy|gdpr|confidential\w*|consent\w*", "tietosuoja vaitiolo suostumus"),
    # referring a client (asiakkaan-ohjaaminen-jarjestoon.md)
    (
        r"refer(?:s|red|ring|ral|rals)?\b|signpost\w*|warm\s+(?:referral|handover|handoff)"
        r"|accompan\w*\s+(?:the\s+|my\s+|a\s+)?clients?",
        "ohjaaminen ohjaus saattaen lähete",
    ),
    # the common contact form (yhteinen-yhteydenottolomake.md): whom an association contacts
    (
        r"(?:who|whom)\s+(?:do|should|can|shall)\s+we\s+(?:contact|get\s+in\s+touch\s+with)"
        r"|(?:contact|reach|get\s+in\s+touch\s+with)\s+the\s+(?:county|wellbeing)",
        "yhteydenotto yhteydenottolomake",
    ),
    (
        r"enquir\w*|inquir\w*|contact\s+requests?|processing\s+times?|response\s+times?"
        r"|acknowledg\w*",
        "yhteydenotot käsittely käsittelyaika kuittaus",
    ),
    (
        r"forward(?:s|ed|ing)?\s+(?:it|them|this|the|a|an|my|our)\b|redirect\w*"
        r"|right\s+(?:person|party|unit)",
        "välittää oikealle taholle",
    ),
    (r"feedback|complaints?\b", "palaute muistutus asiakaspalaute"),
    # premises for associations (tilojen-tarjoaminen-jarjestoille.md)
    (
        r"bookings?\b|reserv(?:e|ed|ing|ation|ations)\b"
        r"|book\s+(?:a\s+|the\s+|our\s+)?(?:rooms?|spaces?|halls?|venues?|premises|facilit\w*)",
        "varauskäytännöt varaus tilavaraus",
    ),
    (r"keys\b|key\s+(?:cards?|fobs?)|access\s+control", "avaimet kulunvalvonta"),
    (
        r"cleaning\b|insurance\w*|liabilit\w*|safety\s+(?:instructions|rules|guidelines)",
        "siivous vakuutukset vastuut turvallisuusohjeet",
    ),
    (r"free\s+of\s+charge|fees?\b|charg(?:e|es|ed)\s+for\b", "maksuton maksullinen"),
    # newsletter, web and intranet pages (uutiskirje-ja-verkkosivut.md)
    (r"web\s?(?:site|page)s?\b|home\s?pages?\b|landing\s+page", "verkkosivut koontisivu"),
    (r"intranet\w*|intra\b", "intra intrasivut"),
    (r"publish\w*|publication\w*", "julkaisu julkaistu"),
    (
        r"subscri\w*|unsubscri\w*|mailing\s+list|news\s+(?:tips?|items?)|editorial",
        "tilaaminen tilauslomake uutisvinkki toimitus",
    ),
    (
        r"info(?:rmation)?\s+(?:sessions?|events?|desks?|points?|stands?)|webinars?\b"
        r"|present(?:ation|ing|s)?\s+(?:our|their|its)\b",
        "info hakuinfo infopiste esittely järjestöesittely",
    ),
    # describing activities in PTV and Lähellä.fi (jarjeston-toiminnan-kuvaaminen-ptv-lahella.md)
    (
        r"ptv\b|suomi\.fi|service\s+information\s+(?:repository|pool)|business\s+id"
        r"|(?:access|user)\s+rights?",
        "PTV palvelutietovaranto Y-tunnus käyttöoikeus palveluhallinta",
    ),
    (
        r"unpublished|(?:as|still)\s+a\s+draft"
        r"|(?:doesn'?t|does\s+not|isn'?t|is\s+not)\s+(?:show(?:ing)?|appear(?:ing)?)\b(?!\s+up)",
        "luonnos julkaistu näy",
    ),
    # Swedish
    # färdplanen: mål, åtgärder, läge
    (r"målsättning\w*|(?:bindande|färdplanens|strategiska)\s+mål\w*", "tavoite tavoitteet sitova"),
    (r"förverkliga(?:s|des)\b|genomförd\w*|pågå|uppskjut\w*", "toteutuu osittain kesken siirtyi"),
    (r"förhandling\w*|hälsofrämj\w*|främja\w*\s+(?:hälsa|välbefinnande)", "hyte hyte-neuvottelut"),
    (r"struktur\w*", "rakenteet rakenne"),
    (
        r"arbetssätt\w*|tillvägagångssätt\w*|verksamhetsmodell\w*|praxis\b",
        "toimintatavat toimintamalli käytännöt käytänteet",
    ),
    (r"modell(?:en|er|erna)?\b", "malli mallit toimintamalli"),
    (r"(?:förenings|organisations)samarbet\w*", "järjestöyhteistyö"),
    (r"partnerskap\w*|samarbetspartner\w*", "kumppanuus avustuskumppanit"),
    (r"synlig\w*|kännedom|medvetenhet|gemensam\s+förståelse", "tunnettavuus näkyvyys ymmärrys"),
    (r"effektiv\w*|genomslag\w*|verkningsfull\w*", "vaikuttavuus tulokset"),
    (r"intressent|enkät|kartlägg\w*|intern\s+utredning", "sidosryhmät kysely selvitys kartoitus"),
    (r"kommunikation\w*|informations(?:flöde|gång)\w*", "viestintä tiedottaminen tiedonkulku"),
    (r"projekt\w*|(?:utvecklings|arbets|styr)grupp\w*", "hanke hankkeet kehittämisryhmä"),
    (
        r"involvera\w*|(?:engagera|tar?\s+(?:man\s+)?med|få\s+med)"
        r"\s+(?:föreningar|organisationer)\w*",
        "mukaan osallistaminen mukanaolo",
    ),
    (r"utvärder\w*", "arviointi arviointimalli"),
    # organ och roller
    (r"nämnd\w*|närdemokrati\w*", "lautakunta lähidemokratia osallisuuslautakunta"),
    (r"(?:välfärds)?områdesstyrelse\w*|regionstyrelse\w*", "aluehallitus"),
    (r"företräd\w*", "edustus järjestöedustus edustaja"),
    (r"tills(?:ät|att)\w*|inrätta\w*|grundade\w*|grundandet", "asettaminen asettaa perustaminen"),
    (r"godkän|fastställ|underteckn|skriv\w*\s+under", "hyväksyminen viranhaltija allekirjoittaa"),
    (r"arbetsordning\w*|reglemente\w*|stadg(?:a|an|ar|arna)\b", "toimintasääntö"),
    (
        r"sekreterar\w*|ordförande\w*|ledam(?:ot|öter)\w*|suppleant\w*|mandatperiod\w*"
        r"|sammansättning\w*",
        "sihteeri puheenjohtaja jäsenet varajäsenet kokoonpano toimikausi",
    ),
    (
        r"föredragningslist\w*|dagordning\w*|protokoll\w*|minnesanteckning\w*|årsplan\w*",
        "esityslista muistio vuosisuunnitelma",
    ),
    (r"kommenter\w*|synpunkt\w*", "kommentointi kommentoida"),
    (r"koordinator\w*|samordnare\w*", "koordinaattori järjestöyhteistyön tiimi"),
    (r"enhet(?:en|er|erna)\b|sektor\w*|verksamhetsområde\w*|serviceområde\w*", "toimialat yksikkö"),
    # bidrag
    (
        r"ansökningstid\w*|ansökningsomgång\w*|ansökningsblankett\w*|bidragsansök\w*|tidsfrist\w*"
        r"|söka\s+(?:\w+\s+)?(?:bidrag|understöd)\w*|sista\s+ansökningsdag\w*",
        "avustushaku hakemus hakuaika hakulomake määräaika",
    ),
    (r"redovisning\w*|slutrapport\w*", "käyttöselvitys"),
    (
        r"bilag(?:a|an|or|orna)\b|verksamhetsplan\w*|verksamhetsberättelse\w*|bokslut\w*"
        r"|årsbudget\w*",
        "liitteet toimintasuunnitelma toimintakertomus tilinpäätös talousarvio",
    ),
    (r"upphandl\w*|konkurrensutsätt\w*|köp(?:a|er)\s+tjänst\w*", "hankinta kilpailutus"),
    # samarbetsavtal, hänvisning, kontaktformulär
    (
        r"avtalsmall\w*|mall(?:en|ar|arna)\b|uppsägning\w*|avtalsperiod\w*|avtalstid\w*",
        "sopimuspohja irtisanominen sopimuskausi",
    ),
    (r"dataskydd\w*|tystnadsplikt\w*|sekretess\w*|samtyck\w*", "tietosuoja vaitiolo suostumus"),
    (r"hänvis\w*|remiss(?:en|er|erna)?\b|slussa\w*|lotsa\w*", "ohjaaminen ohjaus saattaen lähete"),
    (
        r"vem\s+(?:\w+\s+){0,2}(?:kontakta|vända\s+(?:oss|mig)\s+till)"
        r"|(?:kontakta|nå)\s+välfärdsområdet",
        "yhteydenotto yhteydenottolomake",
    ),
    (
        r"förfrågning\w*|förfrågan\w*|handläggning\w*|handlägg(?:a|er|s)\b|kvitten\w*|svarstid\w*",
        "yhteydenotot käsittely käsittelyaika kuittaus",
    ),
    (r"vidarebefordr\w*|skicka\s+vidare|rätt\s+(?:instans|person)", "välittää oikealle taholle"),
    (r"återkoppl\w*|klagomål\w*|anmärkning\w*", "palaute muistutus asiakaspalaute"),
    # lokaler
    (r"boka\w*|bokning\w*|reserver\w*", "varauskäytännöt varaus tilavaraus"),
    (r"nyck(?:el|eln|lar|larna)\b|passerkort\w*|passersystem\w*", "avaimet kulunvalvonta"),
    (
        r"städning\w*|städa(?:s|r)?\b|försäkring\w*|skadeansvar\w*|säkerhetsinstruktion\w*",
        "siivous vakuutukset vastuut turvallisuusohjeet",
    ),
    (r"(?:avgifts|kostnads)fri\w*|avgiftsbelag\w*|hyra\s+för\s+lokal\w*", "maksuton maksullinen"),
    # nyhetsbrev, webbplats och intranät; PTV och Lähellä.fi
    (r"webbplats\w*|webbsid\w*|hemsid\w*|nätsid\w*", "verkkosivut koontisivu"),
    (r"intranät\w*", "intra intrasivut"),
    (r"publicer\w*", "julkaisu julkaistu"),
    (
        r"prenumer\w*|avprenumer\w*|sändlist\w*|e-postlist\w*|nyhetstips\w*|redaktion\w*",
        "tilaaminen tilauslomake uutisvinkki toimitus",
    ),
    (
        r"info(?:rmations)?(?:tillfälle|möte|punkt|disk)\w*|webbinari\w*|presenter\w*"
        r"|presentation\w*",
        "info hakuinfo infopiste esittely järjestöesittely",
    ),
    (
        r"servicedatalager\w*|fo-?nummer\w*|användarrättighet\w*|behörighet\w*",
        "PTV palvelutietovaranto Y-tunnus käyttöoikeus palveluhallinta",
    ),
    # the service tray ("välfärdsbrickan"); crosslingual.py has its English names
    (r"(?:välfärds|tjänste)?brick(?:a|an)\b", "hyvinvointitarjotin"),
    (r"utkast\w*|syns\s+inte|visas\s+inte|inte\s+(?:syns|visas)", "luonnos julkaistu näy"),
]
