"""What the bot can do, with example questions, in the user's language."""

from __future__ import annotations

from handlers.context import BotContext
from handlers.messages import Choice, Choices, Reply, Text
from handlers.texts import Catalogue, language_code

_HELP: dict[str, str] = {
    "fi": "Autan löytämään järjestöjen palveluja asiakkaillesi ja kerron järjestöyhteistyön "
    "tiekartasta. Kuvaa asiakkaan tilanne omin sanoin – ikä, kunta, kieli ja tarve riittävät. "
    'Voit tarkentaa: "entä Vantaalla?", "ruotsiksi?", "ilmaisia?", "näytä lisää", '
    '"kerro lisää kakkosesta". Järjestöt voivat lähettää yhteydenoton yhteisellä lomakkeella.',
    "sv": "Jag hjälper dig att hitta föreningars tjänster för dina klienter och berättar om "
    "färdplanen för föreningssamarbetet. Beskriv klientens situation med egna ord – ålder, "
    'kommun, språk och behov räcker. Du kan precisera: "och i Vanda?", "på svenska?", '
    '"avgiftsfria?", "visa fler", "berätta mer om nummer två".',
    "en": "I help you find association services for your clients and answer questions about the "
    "association cooperation roadmap. Describe the client's situation in your own words – age, "
    'municipality, language and need are enough. You can refine: "what about Vantaa?", '
    '"in Swedish?", "free ones?", "show more", "tell me more about the second".',
}
HELP_TEXT = Catalogue("help", {"help": _HELP})
EXAMPLES = {
    "fi": (
        "78-vuotias leski Keravalta, puhuu ruotsia, ei käy enää kotoa ulkona",
        "Velkaneuvontaa arabiaksi Vantaalla?",
        "Mitkä vuoden 2024 toimenpiteet eivät toteutuneet kokonaan?",
        "Kuka auttaa järjestöjä kuvaamaan toimintansa PTV:hen?",
    ),
    "sv": (
        "Finns det kamratstöd på svenska för anhöriga i Vanda?",
        "Gympa för pensionärer på svenska i Myrbacka?",
    ),
    "en": (
        "Is there anything for an isolated elderly man in Kerava who speaks English?",
        "What are the goals of the association cooperation roadmap?",
    ),
}


def show_help(ctx: BotContext, lang: str) -> Reply:
    examples = EXAMPLES[language_code(lang)]
    return Reply(
        parts=[
            Text(HELP_TEXT.get("help", lang)),
            Choices(tuple(Choice(q, "ask", q) for q in examples)),
        ],
        language=lang,
        intent="help",
    )
