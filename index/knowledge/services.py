"""services/<org-id>.yaml: one association and its services, checked and converted."""

from __future__ import annotations

from index.knowledge.fields import Fields
from index.knowledge.model import Contact, Location, Organization, Service, SourceRef
from index.knowledge.slugs import SLUG_RE, slugify
from index.knowledge.problems import Checker, IdRegistry
from index.knowledge.vocab import VocabIndex
from index.knowledge.yamlsrc import YPath

COSTS = {"free": "maksuton", "fee": "maksullinen", "partly": "osittain maksullinen"}
COST_ALIASES = {"ilmainen": "free", "maksullinen": "fee", "osittain": "partly"}


def with_variants(*names: str) -> tuple[str, ...]:
    """Each name followed by its Swedish and English variants: name, name_sv, name_en, …"""
    return tuple(f"{name}{suffix}" for name in names for suffix in ("", "_sv", "_en"))


# The fields of the organisation and of a service, in the order the PTV import writes them.
ORG_FIELDS = ("id", *with_variants("name", "description"), "website", "email", "phone")
SERVICE_FIELDS = (
    "id",
    *with_variants("name", "summary", "description"),
    "target_groups",
    "themes",
    "municipalities",
    "online",
    "languages",
    "cost",
    *with_variants("how_to_join"),
    "referral_needed",
    "age_min",
    "age_max",
    "locations",
    *with_variants("schedule"),
    "contact",
    "links",
    "updated",
)
_LOCATION_FIELDS = {"name", "address", "municipality"}
_CONTACT_FIELDS = {"name", "email", "phone"}
_VOCAB_LISTS = ("target_groups", "themes", "municipalities", "languages")


def read_service_file(
    ck: Checker, stem: str, vocab: VocabIndex, service_ids: IdRegistry
) -> tuple[Organization | None, list[Service]]:
    """The organisation and services of one file; problems go to `ck`."""
    top = Fields.of(ck, (), ck.doc.data, "", {"organization", "services"})
    if top is None:
        return None, []
    org = _organization(ck, top, stem)
    org_id = org.id if org is not None else stem
    services: list[Service] = []
    for path, item in top.items("services"):
        service = _service(ck, path, item, org_id, org, vocab, service_ids)
        if service is not None:
            services.append(service)
    return org, services


def _organization(ck: Checker, top: Fields, stem: str) -> Organization | None:
    if not top.present("organization", required=True):
        return None
    f = Fields.of(ck, ("organization",), top.data["organization"], "järjestö", ORG_FIELDS)
    if f is None:
        return None
    ident = f.slug("id")
    if ident is not None and ident != stem:
        f.report(
            "id",
            f"järjestön tunniste {ident} ei vastaa tiedoston nimeä {stem}.yaml",
            f"muuta tunnisteeksi id: {stem} tai nimeä tiedosto {ident}.yaml",
        )
        ident = None
    name = f.translations("name")
    description = f.translations("description", required=False)
    website, email = f.url("website"), f.email("email")
    phone = f.string("phone", required=False)
    if ident is None or not name:
        return None
    return Organization(
        id=ident,
        name=name,
        description=description,
        website=website,
        email=email,
        phone=phone,
        source=SourceRef(ck.file, f.line()),
    )


def _service_id(f: Fields, org_id: str) -> str | None:
    value = f.string("id")
    if value is None:
        return None
    prefix, slash, slug = value.partition("/")
    if not slash:
        fix = f"esim. id: {org_id}/{slugify(value)}"
        f.report("id", f'palvelun tunnisteen pitää olla muotoa {org_id}/…, nyt "{value}"', fix)
        return None
    if prefix != org_id:
        f.report(
            "id",
            f'tunnisteen alkuosa "{prefix}" ei ole tämän tiedoston järjestö {org_id}',
            f"muuta tunnisteeksi {org_id}/{slug}",
        )
        return None
    if not SLUG_RE.match(slug):
        f.report(
            "id",
            f'tunnisteen loppuosa "{slug}" ei kelpaa',
            f"käytä vain pieniä kirjaimia a–z, numeroita ja väliviivoja: {org_id}/{slugify(slug)}",
        )
        return None
    return value


def _service(
    ck: Checker,
    path: YPath,
    item: object,
    org_id: str,
    org: Organization | None,
    vocab: VocabIndex,
    service_ids: IdRegistry,
) -> Service | None:
    raw_id = item.get("id") if isinstance(item, dict) else None
    number = int(path[-1]) + 1
    label = f"palvelu {raw_id}" if isinstance(raw_id, str) else f"palvelu nro {number}"
    f = Fields.of(ck, path, item, label, SERVICE_FIELDS)
    if f is None:
        return None
    ident = _service_id(f, org_id)
    if ident is not None and not service_ids.claim(ck, (*path, "id"), ident):
        ident = None
    translated = {
        key: f.translations(key) for key in ("name", "summary", "description", "how_to_join")
    }
    schedule = f.translations("schedule", required=False)
    facets: dict[str, tuple[str, ...]] = {}
    for kind in _VOCAB_LISTS:
        values = f.strings(kind)
        for value_path, value in values:
            vocab.check(f, value_path[len(path) :], kind, value)
        facets[kind] = tuple(value for _, value in values)
    online, referral = f.flag("online"), f.flag("referral_needed")
    cost = f.enum("cost", COSTS, aliases=COST_ALIASES)
    age_min, age_max = f.integer("age_min"), f.integer("age_max")
    if age_min is not None and age_max is not None and age_min > age_max:
        f.report(
            "age_min",
            f"alaikäraja age_min ({age_min}) on suurempi kuin yläikäraja age_max ({age_max})",
            "tarkista ikärajat: age_min on pienin ja age_max suurin ikä",
        )
    locations = _locations(ck, f, vocab)
    contact = _contact(ck, f)
    links = _links(ck, f)
    updated = f.date("updated")
    if (
        ident is None
        or org is None
        or not all(translated.values())
        or not all(facets.values())
        or online is None
        or referral is None
        or cost is None
        or updated is None
    ):
        return None
    return Service(
        id=ident,
        organization=org,
        name=translated["name"],
        summary=translated["summary"],
        description=translated["description"],
        target_groups=facets["target_groups"],
        themes=facets["themes"],
        municipalities=facets["municipalities"],
        online=online,
        languages=facets["languages"],
        cost=cost,
        how_to_join=translated["how_to_join"],
        referral_needed=referral,
        updated=updated,
        age_min=age_min,
        age_max=age_max,
        locations=locations,
        schedule=schedule,
        contact=contact,
        links=links,
        source=SourceRef(ck.file, f.line()),
    )


def _locations(ck: Checker, f: Fields, vocab: VocabIndex) -> tuple[Location, ...]:
    out: list[Location] = []
    for path, item in f.items("locations", required=False):
        loc = Fields.of(ck, path, item, f.label, _LOCATION_FIELDS)
        if loc is None:
            continue
        name, address = loc.string("name", False), loc.string("address", False)
        municipality = loc.string("municipality", False)
        if municipality is not None:
            vocab.check(loc, ("municipality",), "municipalities", municipality)
        if name is None and address is None:
            loc.report((), "paikalta puuttuu sekä nimi että osoite", "lisää name: tai address:")
        out.append(Location(name=name, address=address, municipality=municipality))
    return tuple(out)


def _contact(ck: Checker, f: Fields) -> Contact | None:
    if not f.present("contact", required=False):
        return None
    c = Fields.of(ck, (*f.path, "contact"), f.data["contact"], f.label, _CONTACT_FIELDS)
    if c is None:
        return None
    return Contact(
        name=c.string("name", False), email=c.email("email"), phone=c.string("phone", False)
    )


def _links(ck: Checker, f: Fields) -> dict[str, str]:
    if not f.present("links", required=False):
        return {}
    raw = f.data["links"]
    if not isinstance(raw, dict):
        f.report("links", "linkit kirjoitetaan muodossa nimi: osoite", "esim. lahella: https://…")
        return {}
    links = Fields(ck, (*f.path, "links"), raw, f.label)
    return {key: url for key in raw if (url := links.url(key, required=True)) is not None}
