"""Mapping table: PTV classifications → our vocabularies (knowledge/vocabularies.yaml).

PTV (Suomi.fi-palvelutietovaranto) classifies a service with national code
lists: target groups (KR…), service classes (P…, PTVL), life events (KE…)
and ontology terms (YSO/JUPO, here matched by their Finnish label). Each
entry below says which of our vocabulary values a PTV value means, as
(kind, id) pairs; kind is target_groups or themes. A value missing from the
table, or mapped to nothing, has no counterpart: the importer reports it
with its count, it is never dropped silently.

Ontology terms are also matched automatically against our own labels and
synonyms (e.g. "liikunta", "vertaistuki"), so the table below lists only
terms whose wording differs from ours.

To change what an import produces, edit these tables (and tests/test_ptv.py):
every id used here must exist in knowledge/vocabularies.yaml.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from index.knowledge.model import Vocabularies

Target = tuple[tuple[str, str], ...]  # ((kind, vocabulary id), ...)


def _tg(*ids: str) -> Target:
    return tuple(("target_groups", i) for i in ids)


def _th(*ids: str) -> Target:
    return tuple(("themes", i) for i in ids)


# PTV target groups (KR codes). Businesses (KR2…) and authorities (KR3) are not
# an association service's audience: deliberately mapped to nothing.
TARGET_GROUPS: Mapping[str, Target] = {
    "KR1": _tg("kaikki"),  # Kansalaiset
    "KR1.1": _tg("ikaantyneet"),  # Ikäihmiset
    "KR1.2": _tg("lapset", "perheet"),  # Lapset ja lapsiperheet
    "KR1.3": _tg("nuoret"),  # Nuoret
    "KR1.4": _tg("pitkaaikaissairaat"),  # Pitkäaikaissairaat
    "KR1.5": (),  # Ulkosuomalaiset
    "KR1.6": _tg("vammaiset"),  # Vammaiset
    "KR1.7": _tg("maahanmuuttajat"),  # Maahanmuuttajat
    "KR2": (),
    "KR3": (),  # Yritykset ja yhteisöt, Viranomaiset
}
# Target groups by Finnish name, for codes not in the table above.
TARGET_GROUP_NAMES: Mapping[str, Target] = {
    "maahanmuuttajat": _tg("maahanmuuttajat"),
    "omaishoitajat": _tg("omaishoitajat"),
    "työttömät": _tg("tyottomat"),
}

# PTV service classes (PTVL P codes) that correspond to a theme. Classes of
# municipal administration (building, land use, permits, …) have none.
SERVICE_CLASSES: Mapping[str, Target] = {
    "P1": _th("asuminen"),
    "P1.1": _th("asuminen"),  # Asuminen, Vuokra-asuminen
    "P3": _th("vanhemmuus"),  # Perheiden palvelut
    "P3.2": _th("vanhemmuus"),  # Lapsen saaminen
    "P3.6": _th("vanhemmuus"),  # Lapsiperheiden sosiaalipalvelut
    "P3.7": _th("vanhemmuus"),  # Kasvatus- ja perheneuvonta
    "P4.1": _th("asuminen"),  # Asumispalvelut
    "P4.4": _th("oikeudet"),  # Vammaisten muut kuin asumis- ja kotipalvelut
    "P4.10": _th("talous"),  # Toimeentulotuki
    "P4.11": _th("kotoutuminen"),  # Kotouttaminen
    "P4.12": _th("vertaistuki", "vapaaehtoistyo"),  # Sos.palv. vertais- ja vapaaehtoistoim.
    "P4.13": _th("oikeudet"),  # Sosiaalipalvelujen neuvonta- ja ohjauspalvelut
    "P5": _th("terveys"),  # Terveydenhuolto, sairaanhoito ja ravitsemus
    "P5.7": _th("mielenterveys", "paihteet"),  # Päihde- ja mielenterveyspalvelut
    "P5.11": _th("terveys"),  # Oma- ja itsehoito
    "P5.13": _th("terveys"),  # Kuntoutus
    "P5.14": _th("terveys"),  # Kotisairaanhoito ja omaishoito
    "P5.17": _th("terveys"),  # Terveyden ja hyvinvoinnin neuvonta- ja ohjauspalvelut
    "P5.19": _th("oikeudet"),  # Potilaan oikeudet
    "P5.20": _th("terveys"),  # Ravinto
    "P6.4": _th("tyollistyminen"),  # Ammatinvalinta ja opintojen ohjaus
    "P6.10": _th("tyollistyminen"),  # Aikuis- ja täydennyskoulutus
    "P7": _th("oikeudet"),
    "P7.11": _th("oikeudet"),  # Oikeusturva, Edunvalvonta
    "P8.4": _th("vapaaehtoistyo"),  # Kansalaisjärjestöjen toiminta
    "P10": _th("tyollistyminen"),  # Työ ja työttömyys
    "P10.1": _th("tyollistyminen"),  # Työnhaku ja työpaikat
    "P10.2": _th("tyollistyminen"),  # Ammatinvalinta ja urasuunnittelu
    "P10.4": _th("tyollistyminen"),  # Työkyky ja ammatillinen kuntoutus
    "P10.6": _th("talous"),  # Työttömän tuet ja etuudet
    "P10.7": _th("tyollistyminen"),  # Tuettu työllistyminen
    "P15": _th("talous"),
    "P15.1": _th("talous"),  # Yksityinen talous, velkaneuvonta
    "P19.3": _th("kriisituki"),  # Hätänumerot ja onnettomuustilanteet
    "P22": _th("kotoutuminen"),  # Maahan- ja maastamuutto
    "P25": _th("harrastukset"),  # Kulttuuri
    "P25.2": _th("harrastukset"),  # Taiteet
    "P25.5": _th("harrastukset"),  # Vapaa-ajan palvelut
    "P25.7": _th("harrastukset"),  # Vapaa sivistystyö ja taidekasvatus
    "P27": _th("liikunta"),
    "P27.1": _th("liikunta"),  # Liikunta ja ulkoilu / urheilu
}

# PTV life events (KE codes): a theme and, where the event names one, a target group.
LIFE_EVENTS: Mapping[str, Target] = {
    "KE1": _th("vanhemmuus"),  # Lapsen saaminen
    "KE3": _th("tyollistyminen"),  # Opiskelu
    "KE4": _th("asuminen"),  # Muuttaminen
    "KE5": _th("kotoutuminen") + _tg("maahanmuuttajat"),  # Maahanmuuttajana Suomeen
    "KE7": _th("vanhemmuus"),  # Avioero
    "KE8": _th("tyollistyminen", "talous") + _tg("tyottomat"),  # Työttömäksi jääminen
    "KE11": _th("terveys") + _tg("pitkaaikaissairaat"),  # Vakava sairastuminen
    "KE12": _th("terveys"),  # Kuntoutus
    "KE13": _tg("vammaiset"),  # Vammautuminen
    "KE14": _th("suru") + _tg("omaiset"),  # Omaisen kuolema
}

# Ontology terms by Finnish label (casefolded) whose wording differs from ours.
ONTOLOGY_TERMS: Mapping[str, Target] = {
    "nuorisotyö": _tg("nuoret"),
    "nuoret": _tg("nuoret"),
    "ikääntyneet": _tg("ikaantyneet"),
    "vanhukset": _tg("ikaantyneet"),
    "vammaiset": _tg("vammaiset"),
    "omaishoito": _tg("omaishoitajat"),
    "vertaistoiminta": _th("vertaistuki"),
    "vertaisryhmät": _th("vertaistuki"),
    "tukihenkilötoiminta": _th("ystavatoiminta"),
    "ystävätoiminta": _th("ystavatoiminta"),
    "mielenterveyspalvelut": _th("mielenterveys"),
    "päihdepalvelut": _th("paihteet"),
    "päihdehuolto": _th("paihteet"),
    "velkaneuvonta": _th("talous"),
    "talousneuvonta": _th("talous"),
    "ruoka-apu": _th("ruoka-apu"),
    "kotouttaminen": _th("kotoutuminen"),
    "vapaaehtoistyö": _th("vapaaehtoistyo"),
    "harrastukset": _th("harrastukset"),
    "kulttuuritoiminta": _th("harrastukset"),
    "urheilu": _th("liikunta"),
    "lähisuhdeväkivalta": _th("vakivalta") + _tg("vakivaltaa-kokeneet"),
    "kriisiapu": _th("kriisituki"),
    "sururyhmät": _th("suru"),
    "muistisairaudet": _th("muisti"),
    "asumisneuvonta": _th("asuminen"),
}

# Areas. Municipality codes (Statistics Finland) of the wellbeing county.
MUNICIPALITY_CODES: Mapping[str, str] = {"092": "vantaa", "245": "kerava"}
BOTH = ("vantaa", "kerava")
# Larger areas that contain both: Uusimaa region, Helsinki business sub-region.
REGION_CODES: Mapping[tuple[str, str], tuple[str, ...]] = {
    ("region", "01"): BOTH,
    ("businessregions", "011"): BOTH,
    ("businessregion", "011"): BOTH,
}
NATIONWIDE = frozenset(
    {"nationwide", "wholecountry", "nationwideexceptalandislands", "wholecountryexceptalandislands"}
)
# Other municipalities are matched by their Finnish name against the labels of
# knowledge/vocabularies.yaml `municipalities` (add e.g. `vaasa: {fi: Vaasa, …}` there).

# Who produces a service: PTV organisationType (OrganizationTypeEnum in
# PTV.Domain.Model/Enums). Associations ("Järjestöt", TT2) count by default; public
# producers (TT1) only with --include-public; companies never.
ASSOCIATION_TYPES = frozenset({"Organization"})
PUBLIC_TYPES = frozenset(
    {"State", "Municipality", "RegionalOrganization", "TT1", "SotePublic", "Region"}
)

# serviceChargeType → cost. None (not stated) is reported and defaults to "partly".
CHARGE_TYPES: Mapping[str, str] = {
    "FreeOfCharge": "free",
    "Free": "free",
    "Chargeable": "fee",
    "Charged": "fee",
}
UNKNOWN_CHARGE = "partly"


def _fi_label(entry: dict[str, Any]) -> str:
    names = {
        n.get("language"): n.get("value") for n in entry.get("name") or [] if isinstance(n, dict)
    }
    return str(names.get("fi") or names.get("en") or names.get("sv") or "").strip()


class Classifier:
    """PTV classifications → our vocabulary ids; unknown values go to the report."""

    def __init__(self, vocab: Vocabularies) -> None:
        self.vocab = vocab
        self.places = {
            e.labels.get("fi", "").casefold(): m for m, e in vocab.municipalities.items()
        }
        self.words: dict[str, Target] = dict(ONTOLOGY_TERMS)
        for kind in ("target_groups", "themes"):
            for vid, entry in vocab.by_kind(kind).items():
                for word in (entry.labels.get("fi", ""), *entry.synonyms):
                    self.words.setdefault(word.casefold(), ((kind, vid),))

    def _known(self, targets: Target, found: dict[str, list[str]]) -> bool:
        hit = False
        for kind, vid in targets:
            if vid in self.vocab.by_kind(kind):
                hit = True
                if vid not in found[kind]:
                    found[kind].append(vid)
        return hit

    def classify(
        self, rec: dict[str, Any], unmapped: Counter[tuple[str, str]]
    ) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {"target_groups": [], "themes": []}
        for what, key, table in (
            ("kohderyhmä", "targetGroups", TARGET_GROUPS),
            ("palveluluokka", "serviceClasses", SERVICE_CLASSES),
            ("elämäntilanne", "lifeEvents", LIFE_EVENTS),
        ):
            for entry in rec.get(key) or []:
                code, label = str(entry.get("code") or ""), _fi_label(entry)
                targets = table.get(code) or (
                    TARGET_GROUP_NAMES.get(label.casefold(), ()) if key == "targetGroups" else ()
                )
                if not self._known(targets, found):
                    unmapped[(what, f"{code} {label}".strip())] += 1
        for entry in rec.get("ontologyTerms") or []:
            label = _fi_label(entry)
            if label and not self._known(self.words.get(label.casefold(), ()), found):
                unmapped[("asiasana", label)] += 1
        return found

    def _municipality(self, muni: dict[str, Any]) -> str | None:
        by_code = MUNICIPALITY_CODES.get(str(muni.get("code")))
        mapped = by_code or self.places.get(_fi_label(muni).casefold())
        return mapped if mapped in self.vocab.municipalities else None

    def municipalities(self, rec: dict[str, Any], unmapped: Counter[tuple[str, str]]) -> list[str]:
        every = list(self.vocab.municipalities)
        if str(rec.get("areaType") or "").casefold() in NATIONWIDE:
            return every
        out: list[str] = []
        for area in rec.get("areas") or []:
            kind, code = str(area.get("type") or "").casefold(), str(area.get("code") or "")
            places = list(REGION_CODES.get((kind, code), ()))
            if kind in NATIONWIDE:
                places = every
            for muni in area.get("municipalities") or []:
                if (mapped := self._municipality(muni)) is not None:
                    places.append(mapped)
                else:
                    unmapped[("kunta", f"{muni.get('code')} {_fi_label(muni)}")] += 1
            if not places and not area.get("municipalities"):
                unmapped[("alue", f"{area.get('type')} {code}".strip())] += 1
            out += [p for p in places if p not in out]
        return [m for m in every if m in out]

    def languages(self, rec: dict[str, Any], unmapped: Counter[tuple[str, str]]) -> list[str]:
        out = []
        for code in rec.get("languages") or []:
            if code not in self.vocab.languages:
                unmapped[("kieli", str(code))] += 1
            elif code not in out:
                out.append(code)
        first = ("fi", "sv", "en")  # the order of our files: Finnish first
        return sorted(out, key=lambda c: (first.index(c) if c in first else 3, out.index(c)))
