"""Writing imported PTV services into `services/<org-id>.yaml`, keeping coordinator edits.

A service is recognised by the PTV id in its `links.ptv` address, so a
re-import updates it in place wherever it lives (even after a coordinator
renamed its id or moved it to another file). Only the fields PTV owns are
overwritten (see `index/ptv/records.py`); the rest of the file — other services,
coordinator-only fields — is kept. YAML comments are not kept in a file the
importer rewrites (PyYAML doesn't read them); a file is rewritten only when
its content changes.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from index.errors import KnowledgeError, Problem
from index.knowledge.loader import ROADMAP, ROLES, VOCABULARIES, check_knowledge
from index.knowledge.model import Vocabularies
from index.knowledge.problems import Checker
from index.knowledge.services import ORG_FIELDS, SERVICE_FIELDS, with_variants
from index.knowledge.slugs import slugify
from index.knowledge.vocab import read_vocabularies
from index.knowledge.yamlsrc import load_yaml
from index.ptv.mapping import Classifier
from index.ptv.records import UUID_RE, Converted, ImportReport, convert, read_records

HEADER = (
    "# Palvelut on tuotu Suomi.fi-palvelutietovarannosta (PTV): jarjestobotti import ptv.\n"
    "# Uusi tuonti päivittää PTV:n omistamat kentät; muut muokkaukset säilyvät\n"
    "# (ks. knowledge/README.md). Kommentit eivät säily uudelleentuonnissa.\n"
)
TEXT_KEYS = with_variants("name", "summary", "description", "how_to_join")  # PTV owns these
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def read_vocabulary_file(path: Path) -> Vocabularies:
    """Our vocabularies from one file; raises `KnowledgeError` if it doesn't validate."""
    doc, problems = load_yaml(path.read_text(encoding="utf-8"), VOCABULARIES)
    if doc is None:
        raise KnowledgeError(problems)
    vocab, _ = read_vocabularies(Checker(VOCABULARIES, doc, problems))
    if problems:
        raise KnowledgeError(problems)
    return vocab


def ptv_id_of(service: Any) -> str | None:
    links = service.get("links") if isinstance(service, dict) else None
    url = links.get("ptv") if isinstance(links, dict) else None
    found = UUID_RE.search(url) if isinstance(url, str) else None
    return found.group(0).lower() if found else None


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    return {
        **{k: data[k] for k in order if k in data},
        **{k: v for k, v in data.items() if k not in order},
    }


def _union(old: Any, new: list[str]) -> list[str]:
    kept = [v for v in old if isinstance(v, str)] if isinstance(old, list) else []
    return kept + [v for v in new if v not in kept]


def _organization(doc: dict[str, Any], stem: str, c: Converted, record: dict[str, Any]) -> None:
    org = doc["organization"] if isinstance(doc.get("organization"), dict) else {}
    org.setdefault("id", stem)
    names = c.org_names
    org["name"] = names.get("fi") or next(iter(names.values()))
    for lang in ("sv", "en"):
        if lang in names:
            org[f"name_{lang}"] = names[lang]
    web = next(
        (
            w.get("url")
            for w in record.get("webPages") or []
            if isinstance(w, dict) and isinstance(w.get("url"), str)
        ),
        None,
    )
    if web and not web.startswith(("http://", "https://")):
        web = "https://" + web.lstrip("/")
    email = next(
        (
            e.get("value")
            for e in record.get("emails") or []
            if isinstance(e, dict) and _EMAIL.fullmatch(str(e.get("value")))
        ),
        None,
    )
    phone = next(
        (
            f"{p.get('prefixNumber') or ''} {p.get('number')}".strip()
            for p in record.get("phoneNumbers") or []
            if isinstance(p, dict) and p.get("number")
        ),
        None,
    )
    for key, value in (("website", web), ("email", email), ("phone", phone)):
        if value and not org.get(key):  # coordinator-owned: filled only while empty
            org[key] = value
    doc["organization"] = _ordered(org, ORG_FIELDS)


def _upsert(services: list[Any], org_id: str, c: Converted, report: ImportReport) -> None:
    owned = {k: v for k, v in c.fields.items() if k != "ptv_link"}
    for i, old in enumerate(services):
        if ptv_id_of(old) == c.ptv_id:
            new = {k: v for k, v in old.items() if k not in TEXT_KEYS}
            new |= owned
            if not c.cost_stated and old.get("cost"):
                new["cost"] = old["cost"]  # PTV says nothing: keep what a coordinator set
            new["target_groups"] = _union(old.get("target_groups"), c.target_groups)
            new["themes"] = _union(old.get("themes"), c.themes)
            new["links"] = {
                **(old.get("links") if isinstance(old.get("links"), dict) else {}),
                "ptv": c.fields["ptv_link"],
            }
            if isinstance(old.get("updated"), dt.date) and old["updated"] > new["updated"]:
                new["updated"] = old["updated"]  # checked by a coordinator after PTV's edit
            new.setdefault("online", False)
            new.setdefault("referral_needed", False)
            services[i] = _ordered(new, SERVICE_FIELDS)
            if services[i] == old:
                report.unchanged += 1
            else:
                report.updated += 1
                report.changes.append(("päivitetty", str(new.get("id")), c.fields["name"]))
            return
    taken = {s.get("id") for s in services if isinstance(s, dict)}
    base = f"{org_id}/{slugify(c.fields['name'])[:60].strip('-') or 'palvelu'}"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    new = {
        "id": ident,
        **owned,
        "target_groups": c.target_groups,
        "themes": c.themes,
        "online": False,
        "referral_needed": False,
        "links": {"ptv": c.fields["ptv_link"]},
    }
    if c.contact:
        new["contact"] = c.contact
    services.append(_ordered(new, SERVICE_FIELDS))
    report.created += 1
    report.changes.append(("uusi", ident, c.fields["name"]))


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  - id: …" as in the hand-written files


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    )


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flat = bool(value) and all(isinstance(v, str | int | float | bool) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump(doc: dict[str, Any]) -> str:
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
    return HEADER + re.sub(r"\n(  - id: )", r"\n\n\1", text).replace(
        "services:\n\n  - id:", "services:\n  - id:"
    )


def import_ptv(paths: list[Path], out_dir: Path, vocab: Vocabularies) -> ImportReport:
    """Convert the PTV records under `paths` into `out_dir/services/`; see the report."""
    report = ImportReport()
    records, orgs, channels = read_records(paths, report)
    return import_records(records, orgs, channels, out_dir, vocab, report)


def import_records(
    records: list[dict[str, Any]],
    orgs: dict[str, dict[str, Any]],
    channels: dict[str, dict[str, Any]],
    out_dir: Path,
    vocab: Vocabularies,
    report: ImportReport,
    *,
    producers: frozenset[str] | None = None,
    remove: Collection[str] = (),
) -> ImportReport:
    """Write converted `records` into `out_dir/services/` and take out the services
    whose PTV id is in `remove` (archived or withdrawn in PTV)."""
    report.records += len(records)
    classifier = Classifier(vocab)
    converted = [
        c for r in records if (c := convert(r, orgs, channels, classifier, report, producers))
    ]
    folder = out_dir / "services"
    folder.mkdir(parents=True, exist_ok=True)
    docs: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            texts[path.stem] = path.read_text(encoding="utf-8")
            doc = yaml.safe_load(texts[path.stem])
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            doc = None
        if isinstance(doc, dict) and isinstance(doc.get("services", []), list):
            docs[path.stem] = doc
            where |= {
                pid: path.stem
                for s in doc.get("services") or []
                if (pid := ptv_id_of(s)) is not None
            }
        else:
            docs[path.stem] = {}  # unreadable: left alone, its services are not updated
    touched = _remove(docs, {pid.lower() for pid in remove}, report)
    by_org: dict[str, str] = {}
    for c in converted:
        stem = where.get(c.ptv_id) or by_org.setdefault(
            c.org_key, slugify(c.org_names.get("fi") or next(iter(c.org_names.values())))[:80]
        )
        doc = docs.setdefault(stem, {"organization": {"id": stem}, "services": []})
        if not doc:
            report.errors.append(
                f"services/{stem}.yaml ei ole luettavissa: palvelua "
                f"{c.ptv_id} ei päivitetty (korjaa tiedosto ja tuo uudelleen)"
            )
            continue
        _organization(doc, stem, c, orgs.get(c.org_key, {}))
        doc.setdefault("services", [])
        _upsert(doc["services"], str(doc["organization"]["id"]), c, report)
        touched.add(stem)
    for stem in sorted(touched):
        if not docs[stem].get("services"):
            (folder / f"{stem}.yaml").unlink(missing_ok=True)  # its last service left PTV
            report.written.append(f"services/{stem}.yaml (poistettu)")
            continue
        text = dump(
            {
                "organization": docs[stem]["organization"],
                **{k: v for k, v in docs[stem].items() if k != "organization"},
            }
        )
        if texts.get(stem) != text:
            (folder / f"{stem}.yaml").write_text(text, encoding="utf-8")
            report.written.append(f"services/{stem}.yaml")
    return report


def _remove(docs: dict[str, dict[str, Any]], gone: set[str], report: ImportReport) -> set[str]:
    """Take the services PTV archived or withdrew out of `docs`; the files touched."""
    touched: set[str] = set()
    for stem, doc in docs.items():
        services = doc.get("services") or []
        kept = [s for s in services if ptv_id_of(s) not in gone]
        if len(kept) < len(services):
            for s in services:
                if (pid := ptv_id_of(s)) in gone and pid is not None:
                    report.removed.append((pid, str(s.get("id")), str(s.get("name"))))
            doc["services"] = kept
            touched.add(stem)
    return touched


def validate_output(out_dir: Path, reference: Path) -> list[Problem]:
    """`knowledge check` on the output: `out_dir` itself if it is a whole knowledge
    folder, else its services with the vocabularies and roadmap of `reference`."""
    if (out_dir / VOCABULARIES).is_file():
        return check_knowledge(out_dir)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for rel in (VOCABULARIES, ROADMAP, ROLES):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(reference / rel, root / rel)
        shutil.copytree(out_dir / "services", root / "services")
        return check_knowledge(root)
