"""PTV Open API (v11) service records → format-v1 services (`jarjestobotti import ptv`).

Input: JSON files or folders of them, each a service record, a list, or an
API page (`itemList`). Organisation and service-channel records given along
with them fill in the organisation's names and contact details and a new
service's contact. Writing the files (and keeping coordinator edits) is
`index/ptv/files.py`; the mapping table is `index/ptv/mapping.py`.

What PTV owns — overwritten on every re-import:
  service: name, summary, description, how_to_join (each with _sv/_en),
           languages, municipalities, cost (when PTV states it), links.ptv,
           updated (PTV's `modified`, unless the file has a later date);
           target_groups and themes get PTV's mapped values added
           (values a coordinator added stay; PTV's can't be removed by hand —
           fix them in PTV or in the mapping table)
  organisation: name (with _sv/_en)
Everything else belongs to coordinators and is kept: online, referral_needed,
age_min/age_max, locations, schedule, contact, other links, the service id,
services without a PTV link, and the organisation's description, website,
email and phone (filled from PTV only while empty).

A record is skipped, with its reasons, when it has no Finnish name or text,
is not offered in our municipalities (vocabularies.yaml), is not produced
by an organisation type that counts (API sync: associations unless
--include-public), or maps to no target group or theme.
Every PTV value with no counterpart in our vocabularies is counted in the report.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.knowledge.slugs import slugify
from index.ptv import mapping as M
from index.ptv.mapping import Classifier

LANGS = ("fi", "sv", "en")
SUMMARY_TYPES = ("Summary", "ShortDescription")
INSTRUCTION_TYPES = ("UserInstruction", "ServiceUserInstruction")
FEES = {"fi": "Maksut", "sv": "Avgifter", "en": "Fees"}
DEFAULT_HOW_TO_JOIN = "Katso ajantasaiset ohjeet ja yhteystiedot palvelun Suomi.fi-sivulta."
PTV_URL = "https://www.suomi.fi/palvelut/{slug}/{id}"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@dataclass
class Converted:
    """One PTV service as our fields: what PTV owns, plus first-import extras."""

    ptv_id: str
    org_key: str  # PTV organisation id (or name when the record has none)
    org_names: dict[str, str]
    fields: dict[str, Any]  # PTV-owned service fields, format-v1 names
    target_groups: list[str]
    themes: list[str]
    contact: dict[str, str] = field(default_factory=dict)  # for a new service only
    cost_stated: bool = True


@dataclass
class ImportReport:
    records: int = 0
    converted: int = 0
    skipped: list[tuple[str, str, list[str]]] = field(default_factory=list)  # id, name, why
    skip_reasons: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (what, value)
    defaults: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[tuple[str, str, str]] = field(default_factory=list)  # ptv id, our id, name
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # uusi/päivitetty, id, name
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _clean(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def texts(items: Iterable[dict[str, Any]] | None, types: Iterable[str]) -> dict[str, str]:
    """Language → text for the first item of one of `types` in each language."""
    out: dict[str, str] = {}
    wanted = tuple(types)
    for item in items or []:
        value, lang = item.get("value"), item.get("language")
        if (
            item.get("type", wanted[0]) in wanted
            and lang in LANGS
            and isinstance(value, str)
            and (cleaned := _clean(value))
            and lang not in out
        ):
            out[lang] = cleaned
    return out


def read_records(
    paths: Iterable[Path], report: ImportReport
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Service records, and organisation and channel records by id, from files/folders."""
    services: list[dict[str, Any]] = []
    orgs: dict[str, dict[str, Any]] = {}
    channels: dict[str, dict[str, Any]] = {}
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.json")) if path.is_dir() else [path]
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            report.errors.append(f"{file}: ei luettavissa ({exc})")
            continue
        items = data.get("itemList", [data]) if isinstance(data, dict) else data
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                report.errors.append(f"{file}: ei PTV-tietue (id puuttuu)")
            elif "serviceNames" in item:
                services.append(item)
            elif "organizationNames" in item:
                orgs[item["id"]] = item
            elif "serviceChannelNames" in item:
                channels[item["id"]] = item
            else:
                report.errors.append(f"{file}: tuntematon PTV-tietue {item['id']}")
    return services, orgs, channels


def _owner(rec: dict[str, Any]) -> dict[str, Any] | None:
    links = [o for o in rec.get("organizations") or [] if isinstance(o.get("organization"), dict)]
    for role in ("Responsible", "Producer"):
        for link in links:
            if link.get("roleType") == role:
                return dict(link["organization"])
    return dict(links[0]["organization"]) if links else None


def convert(
    rec: dict[str, Any],
    orgs: dict[str, dict[str, Any]],
    channels: dict[str, dict[str, Any]],
    classifier: Classifier,
    report: ImportReport,
    producers: frozenset[str] | None = None,
) -> Converted | None:
    """Our fields for one PTV service record, or None (the reasons go to the report).
    `producers`: the PTV organisation types that count (None: any; see mapping.py)."""
    names = texts(rec.get("serviceNames"), ("Name",))
    descs = rec.get("serviceDescriptions")
    summary, description = texts(descs, SUMMARY_TYPES), texts(descs, ("Description",))
    found = classifier.classify(rec, report.unmapped)
    places = classifier.municipalities(rec, report.unmapped)
    languages = classifier.languages(rec, report.unmapped)
    owner = _owner(rec)
    reasons = []
    if "fi" not in names or not ({"fi"} & (summary.keys() | description.keys())):
        reasons.append("ei suomenkielistä nimeä tai kuvausta")
    if owner is None:
        reasons.append("ei vastuuorganisaatiota")
    if owner is not None and producers is not None:
        kind = orgs.get(str(owner.get("id")), {}).get("organizationType")
        if kind is None:
            reasons.append("vastuuorganisaation tyyppi ei tiedossa (organisaatiota ei PTV:ssä)")
        elif kind not in producers:
            reasons.append(f"tuottaja ei ole järjestö (PTV:n organisaatiotyyppi {kind})")
    if not places:
        known = ", ".join(e.labels.get("fi", m) for m, e in classifier.vocab.municipalities.items())
        reasons.append(f"ei tarjolla tietopohjan kunnissa ({known})")
    if not found["target_groups"]:
        reasons.append("kohderyhmälle ei vastinetta sanastossa")
    if not found["themes"]:
        reasons.append(
            "palveluluokalle, elämäntilanteelle tai asiasanoille ei vastinetta teemoissa"
        )
    if reasons or owner is None:
        report.skipped.append(
            (str(rec.get("id")), names.get("fi") or next(iter(names.values()), ""), reasons)
        )
        report.skip_reasons[reasons[0]] += 1
        return None
    if "fi" not in summary:
        summary["fi"] = _first_sentence(description["fi"])
        report.defaults["summary: kuvauksen ensimmäinen virke"] += 1
    for lang, text in summary.items():
        description.setdefault(lang, text)
    for lang, fee in texts(descs, ("ChargeTypeAdditionalInfo",)).items():
        if lang in description:
            description[lang] += f"\n\n{FEES[lang]}: {fee}"
    how = texts(descs, INSTRUCTION_TYPES)
    if "fi" not in how:
        how["fi"] = DEFAULT_HOW_TO_JOIN
        report.defaults["how_to_join: viittaus Suomi.fi-sivuun"] += 1
    charge = rec.get("serviceChargeType")
    cost = M.CHARGE_TYPES.get(str(charge)) if charge else None
    if cost is None:
        report.defaults[f"cost: {M.UNKNOWN_CHARGE} (PTV:ssä {charge or 'ei tietoa'})"] += 1
    if not languages:
        languages = ["fi"]
        report.defaults["languages: fi (PTV:ssä ei käytettävää kieltä)"] += 1
    org_record = orgs.get(str(owner.get("id")), {})
    org_names = texts(org_record.get("organizationNames"), ("Name",)) or {
        "fi": str(owner.get("name") or "").strip()
    }
    fields: dict[str, Any] = {}
    for key, values in (
        ("name", names),
        ("summary", summary),
        ("description", description),
        ("how_to_join", how),
    ):
        for lang in LANGS:
            if lang in values:
                fields[key if lang == "fi" else f"{key}_{lang}"] = values[lang]
    fields |= {
        "languages": languages,
        "municipalities": places,
        "cost": cost or M.UNKNOWN_CHARGE,
        "updated": _date(rec.get("modified")),
    }
    ptv_id = str(rec["id"])
    fields["ptv_link"] = PTV_URL.format(slug=slugify(names["fi"])[:60].strip("-"), id=ptv_id)
    report.converted += 1
    return Converted(
        ptv_id,
        str(owner.get("id") or org_names.get("fi")),
        org_names,
        fields,
        found["target_groups"],
        found["themes"],
        contact=_channel_contact(rec, channels),
        cost_stated=cost is not None,
    )


def _first_sentence(text: str, limit: int = 200) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _date(value: Any) -> dt.date:
    try:
        return dt.datetime.fromisoformat(str(value)[:19]).date()
    except ValueError:
        return dt.date.today()


def _channel_contact(rec: dict[str, Any], channels: dict[str, dict[str, Any]]) -> dict[str, str]:
    """E-mail and phone of the service's first channel that has them (new services only)."""
    for link in rec.get("serviceChannels") or []:
        channel = channels.get(str((link.get("serviceChannel") or {}).get("id")), {})
        emails = [
            e.get("value")
            for e in (channel.get("supportEmails") or []) + (channel.get("emails") or [])
            if isinstance(e, dict)
        ]
        phones = [
            f"{p.get('prefixNumber') or ''} {p.get('number') or ''}".strip()
            for p in (channel.get("supportPhones") or []) + (channel.get("phoneNumbers") or [])
            if isinstance(p, dict)
        ]
        email = next((e for e in emails if isinstance(e, str) and "@" in e), None)
        phone = next((p for p in phones if any(c.isdigit() for c in p)), None)
        if email or phone:
            return {k: v for k, v in (("email", email), ("phone", phone)) if v}
    return {}
