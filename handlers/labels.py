"""Every user-facing label, once per language (fi, sv, en).

Handlers look labels up here by key; a missing Swedish or English label falls
back to Finnish, so a new label never breaks a reply.
"""

from __future__ import annotations

from handlers.texts import Catalogue

_LABELS: dict[str, dict[str, str]] = {
    "services_intro": {
        "fi": "Nämä järjestöjen palvelut sopivat kuvaukseesi:",
        "sv": "Dessa tjänster från föreningar passar din beskrivning:",
        "en": "These association services fit your description:",
    },
    "filters_applied": {"fi": "Rajaukset", "sv": "Avgränsningar", "en": "Filters"},
    "relaxed": {
        "fi": "Ehtoa {what} vastaavaa palvelua ei löytynyt, joten tuloksissa on myös muita.",
        "sv": "Ingen tjänst uppfyllde villkoret {what}, så även andra visas.",
        "en": "No service matched {what}, so others are shown too.",
    },
    "why": {"fi": "Miksi sopii", "sv": "Varför", "en": "Why it fits"},
    "how_to_join": {"fi": "Näin mukaan", "sv": "Så deltar man", "en": "How to join"},
    "cost": {"fi": "Hinta", "sv": "Pris", "en": "Cost"},
    "cost_free": {"fi": "maksuton", "sv": "avgiftsfri", "en": "free"},
    "cost_fee": {"fi": "maksullinen", "sv": "avgiftsbelagd", "en": "fee"},
    "cost_partly": {
        "fi": "osittain maksullinen",
        "sv": "delvis avgiftsbelagd",
        "en": "partly paid",
    },
    "languages": {"fi": "Kielet", "sv": "Språk", "en": "Languages"},
    "place": {"fi": "Paikka", "sv": "Plats", "en": "Place"},
    "online": {"fi": "verkossa / etänä", "sv": "på distans", "en": "online / remote"},
    "schedule": {"fi": "Aika", "sv": "Tid", "en": "When"},
    "contact": {"fi": "Yhteystiedot", "sv": "Kontakt", "en": "Contact"},
    "link": {"fi": "Linkki", "sv": "Länk", "en": "Link"},
    "updated": {"fi": "Päivitetty", "sv": "Uppdaterad", "en": "Updated"},
    "stale": {
        "fi": "Tieto on yli 12 kuukautta vanha – tarkista ajantasaisuus ennen ohjaamista.",
        "sv": "Uppgiften är över 12 månader gammal – kontrollera att den gäller.",
        "en": "This information is over 12 months old – check it is current.",
    },
    "referral_needed": {"fi": "Tarvitaan lähete", "sv": "Remiss behövs", "en": "Referral needed"},
    "referral_not_needed": {"fi": "Ei lähetettä", "sv": "Ingen remiss", "en": "No referral needed"},
    "source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "more": {"fi": "Näytä lisää", "sv": "Visa fler", "en": "Show more"},
    "details": {"fi": "Lisätietoja", "sv": "Mer information", "en": "Details"},
    "thumbs_up": {"fi": "👍 Hyödyllinen", "sv": "👍 Användbart", "en": "👍 Helpful"},
    "thumbs_down": {"fi": "👎 Ei auttanut", "sv": "👎 Hjälpte inte", "en": "👎 Not helpful"},
    "why_language": {"fi": "kieli: {v}", "sv": "språk: {v}", "en": "language: {v}"},
    "why_age": {"fi": "sopii {v}-vuotiaalle", "sv": "passar {v}-åring", "en": "suits age {v}"},
    "why_cost": {"fi": "maksuton", "sv": "avgiftsfri", "en": "free"},
    "why_online": {"fi": "etänä", "sv": "på distans", "en": "remote"},
    "roadmap_name": {
        "fi": "Järjestöyhteistyön tiekartta",
        "sv": "Färdplan för föreningssamarbetet",
        "en": "Association cooperation roadmap",
    },
    "roadmap_vision": {"fi": "Visio", "sv": "Vision", "en": "Vision"},
    "roadmap_binding_goal": {"fi": "Sitova tavoite", "sv": "Bindande mål", "en": "Binding goal"},
    "roadmap_proposals": {
        "fi": "Sisäisen selvityksen kehittämisehdotukset (2024)",
        "sv": "Utvecklingsförslag från den interna utredningen (2024)",
        "en": "Development proposals from the internal survey (2024)",
    },
    "responsible": {"fi": "Vastuutahot", "sv": "Ansvariga", "en": "Responsible"},
    "status": {"fi": "Tila", "sv": "Status", "en": "Status"},
    "status_toteutuu": {"fi": "toteutui", "sv": "genomfördes", "en": "achieved"},
    "status_osittain": {
        "fi": "toteutui osittain",
        "sv": "genomfördes delvis",
        "en": "partly achieved",
    },
    "status_ei-toteudu": {"fi": "ei toteutunut", "sv": "genomfördes inte", "en": "not achieved"},
    "status_kesken": {
        "fi": "kesken (vuoden 2025 toimenpide)",
        "sv": "pågår (åtgärd för 2025)",
        "en": "in progress (2025 action)",
    },
    "origin_siirtynyt-2024": {
        "fi": "siirtyi vuodelta 2024",
        "sv": "överförd från 2024",
        "en": "carried over from 2024",
    },
    "origin_selvitys": {
        "fi": "nostettu sisäisestä selvityksestä",
        "sv": "från den interna utredningen",
        "en": "raised by the internal survey",
    },
    "roles_intro": {
        "fi": "Näistä asioista vastaavat:",
        "sv": "Ansvariga för detta:",
        "en": "Who is responsible:",
    },
    "guidance_intro": {
        "fi": "Ohjeista löytyi tämä:",
        "sv": "Ur anvisningarna:",
        "en": "From the guidance documents:",
    },
    "roadmap_intro": {
        "fi": "Järjestöyhteistyön tiekartasta:",
        "sv": "Ur färdplanen för föreningssamarbetet:",
        "en": "From the association cooperation roadmap:",
    },
    "roadmap_notes": {"fi": "Huom: {v}", "sv": "Obs: {v}", "en": "Note: {v}"},
    "nothing_roadmap": {
        "fi": "En löytänyt tähän vastausta tiekartasta tai ohjeista. Kysy järjestöyhteistyön "
        "koordinaattoreilta (jarjestoyhteistyo@example.fi).",
        "sv": "Jag hittade inget svar i färdplanen eller anvisningarna. Fråga koordinatorerna "
        "(jarjestoyhteistyo@example.fi).",
        "en": "I found no answer in the roadmap or guidance. Ask the coordinators "
        "(jarjestoyhteistyo@example.fi).",
    },
    "contact_form": {"fi": "Yhteydenottolomake", "sv": "Kontaktformulär", "en": "Contact form"},
    "contact_form_intro": {
        "fi": "Järjestöt voivat ottaa yhteyttä hyvinvointialueeseen yhteisellä "
        "yhteydenottolomakkeella. Jokainen yhteydenotto kirjataan ja ohjataan oikealle henkilölle.",
        "sv": "Föreningar kan kontakta välfärdsområdet via det gemensamma kontaktformuläret. "
        "Varje ärende registreras och styrs till rätt person.",
        "en": "Associations can contact the wellbeing county through the common contact form. "
        "Every request is logged and routed to the right person.",
    },
    "feedback_thanks": {
        "fi": "Kiitos palautteesta!",
        "sv": "Tack för responsen!",
        "en": "Thanks for the feedback!",
    },
    "feedback_nothing": {
        "fi": "En löydä vastausta, johon palaute liittyisi. Kysy ensin jotain.",
        "sv": "Jag hittar inget svar att ge respons på. Fråga något först.",
        "en": "There is no answer to give feedback on yet. Ask something first.",
    },
    "no_more": {
        "fi": "Enempää sopivia palveluja ei löytynyt.",
        "sv": "Inga fler passande tjänster.",
        "en": "No more matching services.",
    },
    "no_context": {
        "fi": "En tiedä, mihin kysymykseen tämä jatkaa. Kerro asiakkaan tilanne, "
        "niin etsin palveluja.",
        "sv": "Jag vet inte vilken fråga detta fortsätter. Beskriv klientens situation.",
        "en": "I don't know which question this continues. Describe the client's situation.",
    },
    "no_such_item": {
        "fi": "Edellisessä vastauksessa ei ollut kohtaa {v}.",
        "sv": "Det fanns ingen punkt {v} i förra svaret.",
        "en": "There was no item {v} in the previous answer.",
    },
    "fit_partial": {
        "fi": "Tietopohjasta ei löytynyt palvelua, joka sopisi tähän tarkalleen. "
        "Lähimmät vaihtoehdot:",
        "sv": "Kunskapsbasen har ingen tjänst som passar exakt. De närmaste alternativen:",
        "en": "Nothing in the knowledge base fits this exactly. The nearest services:",
    },
    "fit_human_route": {
        "fi": "Jos nämä eivät sovi, ohje neuvoo näin:",
        "sv": "Om de inte passar, säger anvisningen så här (på finska):",
        "en": "If these don't fit, the guidance says (in Finnish):",
    },
    "fit_none": {
        "fi": "Tietopohjasta ei löytynyt palvelua, joka sopisi tähän tarkalleen.",
        "sv": "Kunskapsbasen har ingen tjänst som passar exakt.",
        "en": "Nothing in the knowledge base fits this exactly.",
    },
    "fit_none_route": {
        "fi": "Kun sopivaa ei löydy, ohje neuvoo näin:",
        "sv": "När inget passar, säger anvisningen så här (på finska):",
        "en": "When nothing fits, the guidance says (in Finnish):",
    },
    "fit_loosely": {
        "fi": "Löyhästi aiheeseen liittyviä palveluita:",
        "sv": "Tjänster med lös anknytning till frågan:",
        "en": "Services loosely related to the question:",
    },
    "apology": {
        "fi": "Pahoittelut, jokin meni vikaan. Yritä hetken päästä uudelleen.",
        "sv": "Förlåt, något gick fel. Försök igen om en stund.",
        "en": "Sorry, something went wrong. Please try again in a moment.",
    },
}

LABELS = Catalogue("labels", _LABELS)


def label(key: str, lang: str, **values: object) -> str:
    """The label in `lang` (Finnish when missing), with `{values}` filled in."""
    return LABELS.get(key, lang, **values)
