"""The Teams app package's texts (name, descriptions, bot commands) in fi, sv and en.

Finnish goes into `manifest.json`; Swedish and English into the localization files.
"""

from __future__ import annotations

from handlers.texts import Catalogue

_TEXTS: dict[str, dict[str, str]] = {
    "name.short": {
        "fi": "Järjestöbotti",
        "sv": "Föreningsboten",
        "en": "Association bot",
    },
    "name.full": {
        "fi": "Järjestöbotti – järjestöjen palvelut asiakkaillesi",
        "sv": "Järjestöbotti – föreningarnas tjänster för dina klienter",
        "en": "Järjestöbotti – association services for your clients",
    },
    "description.short": {
        "fi": "Löydä järjestöjen palvelut asiakkaillesi Vantaalla ja Keravalla.",
        "sv": "Hitta föreningarnas tjänster för dina klienter i Vanda och Kervo.",
        "en": "Find association services for your clients in Vantaa and Kerava.",
    },
    "description.full": {
        "fi": (
            "Järjestöbotti auttaa Vantaan ja Keravan hyvinvointialueen työntekijöitä löytämään "
            "järjestöjen palveluja asiakkailleen: kuvaa asiakkaan tilanne omin sanoin, niin botti "
            "ehdottaa sopivia vertaisryhmiä, neuvontaa ja toimintaa ja kertoo, miten mukaan "
            "pääsee. Botti vastaa myös järjestöyhteistyön tiekarttaa koskeviin kysymyksiin, ja "
            "järjestöt voivat lähettää sen kautta yhteydenoton hyvinvointialueelle. Älä kirjoita "
            "asiakkaan tunnistetietoja."
        ),
        "sv": (
            "Järjestöbotti hjälper personalen i Vanda och Kervo välfärdsområde att hitta "
            "föreningarnas tjänster för sina klienter: beskriv klientens situation med egna ord "
            "så föreslår boten lämpliga kamratgrupper, rådgivning och verksamhet och berättar hur "
            "man kommer med. Boten svarar också på frågor om färdplanen för föreningssamarbetet. "
            "Skriv inga uppgifter som identifierar en klient."
        ),
        "en": (
            "Järjestöbotti helps staff of the Vantaa and Kerava wellbeing county find services "
            "run by associations for their clients: describe the client's situation in your own "
            "words and the bot suggests suitable peer groups, counselling and activities, and "
            "tells how to join. It also answers questions about the association cooperation "
            "roadmap, and associations can send a contact request to the county through it. Do "
            "not type any details that identify a client."
        ),
    },
    "command.help.title": {
        "fi": "apua",
        "sv": "hjälp",
        "en": "help",
    },
    "command.help.description": {
        "fi": "Mitä botti osaa, ja esimerkkikysymyksiä",
        "sv": "Vad boten kan, med exempelfrågor",
        "en": "What the bot can do, with example questions",
    },
    "command.contact.title": {
        "fi": "yhteydenotto",
        "sv": "öppna kontaktformuläret",
        "en": "open contact form",
    },
    "command.contact.description": {
        "fi": "Avaa järjestöjen yhteinen yhteydenottolomake",
        "sv": "Öppna föreningarnas gemensamma kontaktformulär",
        "en": "Open the associations' common contact form",
    },
}
TEXTS = Catalogue("teams package", _TEXTS)
MANIFEST_TEXTS = ("name.short", "name.full", "description.short", "description.full")
COMMANDS = ("help", "contact")
