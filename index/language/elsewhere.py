"""Municipalities outside the county that staff meet: where a client may live instead.

A hospital social worker in Vantaa discharges a patient who lives in Espoo; a Swedish-speaking
widower lives "i Sibbo". The knowledge's services are for the county's residents
(Vantaa and Kerava), so a client who lives elsewhere has no exact fit, and the bot is to say so
instead of listing Vantaa's services as if they fitted.

Every municipality of Uusimaa (the region around the county) and the largest towns elsewhere,
by their Finnish and Swedish names. A name's inflected forms are found from a stem (see
`places._stem`); where consonant gradation or a stem change hides it ("Turku" → "Turussa",
"Lappeenranta" → "Lappeenrannassa", "Kauniainen" → "Kauniaisissa"), the changed stem is listed
too. Names that are also ordinary words (a bay, an eagle, a fork) are read only capitalised.
A municipality the knowledge's vocabulary lists is the knowledge's own, not elsewhere.
"""

from __future__ import annotations

# id → (Finnish name, Swedish name, further stems of the same name)
ELSEWHERE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # Uusimaa
    "askola": ("Askola", "Askola", ()),
    "espoo": ("Espoo", "Esbo", ()),
    "hanko": ("Hanko", "Hangö", ()),
    "helsinki": ("Helsinki", "Helsingfors", ()),
    "hyvinkaa": ("Hyvinkää", "Hyvinge", ()),
    "inkoo": ("Inkoo", "Ingå", ()),
    "jarvenpaa": ("Järvenpää", "Träskända", ()),
    "karkkila": ("Karkkila", "Högfors", ()),
    "kauniainen": ("Kauniainen", "Grankulla", ("kauniais",)),
    "kirkkonummi": ("Kirkkonummi", "Kyrkslätt", ()),
    "lapinjarvi": ("Lapinjärvi", "Lappträsk", ()),
    "lohja": ("Lohja", "Lojo", ()),
    "loviisa": ("Loviisa", "Lovisa", ()),
    "myrskyla": ("Myrskylä", "Mörskom", ()),
    "mantsala": ("Mäntsälä", "Mäntsälä", ()),
    "nurmijarvi": ("Nurmijärvi", "Nurmijärvi", ()),
    "pornainen": ("Pornainen", "Borgnäs", ("pornais",)),
    "porvoo": ("Porvoo", "Borgå", ()),
    "pukkila": ("Pukkila", "Pukkila", ()),
    "raasepori": ("Raasepori", "Raseborg", ()),
    "sipoo": ("Sipoo", "Sibbo", ()),
    "siuntio": ("Siuntio", "Sjundeå", ()),
    "tuusula": ("Tuusula", "Tusby", ()),
    "vihti": ("Vihti", "Vichtis", ()),
    # the largest towns elsewhere
    "hameenlinna": ("Hämeenlinna", "Tavastehus", ()),
    "joensuu": ("Joensuu", "Joensuu", ()),
    "jyvaskyla": ("Jyväskylä", "Jyväskylä", ()),
    "kajaani": ("Kajaani", "Kajana", ()),
    "kokkola": ("Kokkola", "Karleby", ()),
    "kotka": ("Kotka", "Kotka", ()),
    "kouvola": ("Kouvola", "Kouvola", ()),
    "kuopio": ("Kuopio", "Kuopio", ()),
    "lahti": ("Lahti", "Lahtis", ("lahde",)),
    "lappeenranta": ("Lappeenranta", "Villmanstrand", ("lappeenranna",)),
    "mikkeli": ("Mikkeli", "S:t Michel", ()),
    "oulu": ("Oulu", "Uleåborg", ()),
    "pori": ("Pori", "Björneborg", ()),
    "rauma": ("Rauma", "Raumo", ()),
    "riihimaki": ("Riihimäki", "Riihimäki", ()),
    "rovaniemi": ("Rovaniemi", "Rovaniemi", ()),
    "salo": ("Salo", "Salo", ()),
    "savonlinna": ("Savonlinna", "Nyslott", ()),
    "seinajoki": ("Seinäjoki", "Seinäjoki", ()),
    "tampere": ("Tampere", "Tammerfors", ()),
    "turku": ("Turku", "Åbo", ("turu",)),
    "vaasa": ("Vaasa", "Vasa", ()),
}

# Also ordinary words: lahti (a bay), kotka (an eagle), salo (backwoods), hanko (a fork),
# pori, rauma, lahde (lähde, a spring, when written without dots), vasa (a calf in Swedish).
ORDINARY_WORDS = frozenset(
    {"lahti", "lahtis", "lahde", "kotka", "salo", "hanko", "pori", "rauma", "raumo", "vasa"}
)


def names_elsewhere() -> dict[str, tuple[str, ...]]:
    """id → every name and stem, lowercased, in the form `places.PLACES` holds them."""
    return {
        muni: tuple(dict.fromkeys(n.lower() for n in (fi, sv, *more)))
        for muni, (fi, sv, more) in ELSEWHERE.items()
    }


def elsewhere_name(muni: str, lang: str) -> str | None:
    """The municipality's name in the language (Swedish for "sv", else Finnish)."""
    names = ELSEWHERE.get(muni)
    if names is None:
        return None
    return names[1] if lang == "sv" else names[0]
