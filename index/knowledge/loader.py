"""Read a knowledge folder into a validated `KnowledgeBase`, or explain every problem.

`check_knowledge` and `load_knowledge` run the very same pass, so a folder that
checks clean always loads. All problems are collected at once: a coordinator
fixing files by hand should see the whole list, not one error per run.
"""

from __future__ import annotations

import hashlib
from itertools import islice
from pathlib import Path

from index.errors import KnowledgeError, Problem
from index.knowledge.model import GuidanceDoc, KnowledgeBase, Organization, Role, Service, Vocabularies
from index.knowledge.problems import Checker, IdRegistry
from index.knowledge.file_memo import ServiceFiles
from index.knowledge.guidance import read_guidance
from index.knowledge.roadmap import read_roadmap, read_roles
from index.knowledge.services import read_service_file
from index.knowledge.vocab import VocabIndex, read_vocabularies
from index.knowledge.yamlsrc import WHOLE_FILE, load_yaml, new_reading_pass, remembering

VOCABULARIES = "vocabularies.yaml"
ROADMAP = "roadmap/roadmap.yaml"
ROLES = "roadmap/roles.yaml"
_MISSING_FIX = {
    VOCABULARIES: "luo tiedosto, jossa ovat kohdat target_groups, themes, municipalities "
    "ja languages (malli: knowledge/README.md)",
    ROADMAP: "luo tiekarttatiedosto roadmap/roadmap.yaml (malli: knowledge/README.md)",
    ROLES: "luo roolitiedosto roadmap/roles.yaml, jossa on kohta roles: "
    "(malli: knowledge/README.md)",
}


def load_knowledge(root: Path) -> KnowledgeBase:
    """The knowledge base in `root`; raises `KnowledgeError` carrying every problem."""
    kb, problems = read_knowledge(root)
    if problems or kb is None:
        raise KnowledgeError(problems)
    return kb


def check_knowledge(root: Path) -> list[Problem]:
    """Every problem in `root`, sorted by file and line; empty when it loads cleanly."""
    return read_knowledge(root)[1]


def knowledge_files(root: Path) -> list[str]:
    """Relative paths (POSIX) of the files that make up the knowledge, sorted.

    Only these count: other files (README.md, editor backups, notes) are ignored.
    """
    found = [name for name in (VOCABULARIES, ROADMAP, ROLES) if (root / name).is_file()]
    for folder, suffix in (("services", ".yaml"), ("guidance", ".md")):
        if (root / folder).is_dir():
            found += [
                f"{folder}/{p.name}"
                for p in (root / folder).iterdir()
                if p.is_file() and p.suffix == suffix and not p.name.startswith(".")
            ]
    return sorted(found)


def read_knowledge(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    """The knowledge base (None if anything is wrong) and all problems found."""
    new_reading_pass()
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(
            Problem(
                str(root),
                0,
                WHOLE_FILE,
                "tietopohjakansiota ei löydy",
                "anna oikea kansio: --knowledge KANSIO tai JARJESTOBOTTI_KNOWLEDGE_DIR",
            )
        )
        return None, problems
    files = knowledge_files(root)
    blobs = {rel: (root / rel).read_bytes() for rel in files}
    texts = {rel: text for rel in files if (text := _decode(rel, blobs[rel], problems)) is not None}
    _check_layout(root, files, problems)

    vocab, loaded = Vocabularies({}, {}, {}, {}), frozenset[str]()
    if (ck := _yaml(VOCABULARIES, texts, problems)) is not None:
        vocab, loaded = read_vocabularies(ck)
    index = VocabIndex(vocab, loaded)

    organizations: dict[str, Organization] = {}
    services: list[Service] = []
    service_ids = IdRegistry("palvelun tunniste")
    memo = ServiceFiles(texts.get(VOCABULARIES), remembering())
    for rel in (f for f in files if f.startswith("services/")):
        before, claimed = len(problems), len(service_ids.first)
        if rel in texts and (kept := memo.reuse(rel, texts[rel], service_ids)) is not None:
            org, found = kept.org, list(kept.services)
        elif (ck := _yaml(rel, texts, problems)) is not None:
            org, found = read_service_file(ck, Path(rel).stem, index, service_ids)
            if len(problems) == before and memo.enabled:  # the ids this file claimed:
                new = islice(reversed(service_ids.first.items()), len(service_ids.first) - claimed)
                memo.keep(rel, texts[rel], (org, found), list(new)[::-1])
        else:
            continue
        if org is not None:
            organizations[org.id] = org
        services += found

    guidance: list[GuidanceDoc] = []
    guidance_ids = IdRegistry("ohjeen tunniste")
    for rel in (f for f in files if f.startswith("guidance/")):
        if rel in texts:
            doc = read_guidance(rel, texts[rel], problems, guidance_ids)
            if doc is not None:
                guidance.append(doc)

    roles: dict[str, Role] = {}
    declared: dict[str, str] | None = None
    if (ck := _yaml(ROLES, texts, problems)) is not None:
        roles, declared = read_roles(ck)
    roadmap = None
    if (ck := _yaml(ROADMAP, texts, problems)) is not None:
        roadmap = read_roadmap(ck, declared)

    problems = sorted(set(problems))
    if problems:
        return None, problems
    memo.done()
    file_hashes = _file_hashes(blobs)
    kb = KnowledgeBase(
        root=str(root),
        vocabularies=vocab,
        organizations=organizations,
        services=tuple(services),
        guidance=tuple(guidance),
        roadmap=roadmap,
        roles=roles,
        content_hash=content_hash(file_hashes),
        file_hashes=file_hashes,
    )
    return kb, []


def knowledge_hash(root: Path) -> str:
    """`KnowledgeBase.content_hash` of the files under `root`, from their bytes alone (no
    YAML is read): what a saved index records it was built from."""
    blobs = {rel: (root / rel).read_bytes() for rel in knowledge_files(root)}
    return content_hash(_file_hashes(blobs))


def _file_hashes(blobs: dict[str, bytes]) -> dict[str, str]:
    return {rel: hashlib.sha256(blob).hexdigest() for rel, blob in blobs.items()}


def content_hash(file_hashes: dict[str, str]) -> str:
    """One sha256 over every file's relative path and content hash, in path order."""
    digest = hashlib.sha256()
    for rel in sorted(file_hashes):
        digest.update(f"{rel}\0{file_hashes[rel]}\n".encode())
    return digest.hexdigest()


def _decode(rel: str, blob: bytes, problems: list[Problem]) -> str | None:
    try:
        return blob.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = blob.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(
                rel,
                line,
                WHOLE_FILE,
                "tiedosto ei ole UTF-8-merkistössä (ääkköset eivät lue oikein)",
                "tallenna tiedosto editorissa merkistöllä UTF-8",
            )
        )
        return None


def _yaml(rel: str, texts: dict[str, str], problems: list[Problem]) -> Checker | None:
    """A checker over the YAML file `rel`, or None if it is missing or unreadable."""
    if rel not in texts:
        return None
    doc, found = load_yaml(texts[rel], rel)
    problems.extend(found)
    return None if doc is None else Checker(rel, doc, problems)


def _check_layout(root: Path, files: list[str], problems: list[Problem]) -> None:
    """Required files, and files a coordinator meant to add but named so they'd be ignored."""
    for rel, fix in _MISSING_FIX.items():
        if rel not in files:
            problems.append(Problem(rel, 0, WHOLE_FILE, "tiedosto puuttuu", fix))
    if not any(f.startswith("services/") for f in files):
        problems.append(
            Problem(
                "services",
                0,
                WHOLE_FILE,
                "kansiossa services/ ei ole yhtään palvelutiedostoa (.yaml)",
                "lisää jokaiselle järjestölle oma tiedosto services/<järjestön-tunniste>.yaml",
            )
        )
    for folder, suffix, wrong in (
        ("services", ".yaml", (".yml", ".YAML", ".Yaml")),
        ("guidance", ".md", (".MD", ".markdown", ".Md")),
    ):
        if not (root / folder).is_dir():
            continue
        for path in sorted((root / folder).iterdir()):
            if path.is_file() and path.suffix in wrong:
                problems.append(
                    Problem(
                        f"{folder}/{path.name}",
                        0,
                        WHOLE_FILE,
                        f"tiedostopääte {path.suffix} ei käy, joten tiedosto jäisi huomiotta",
                        f"nimeä tiedosto uudelleen: {folder}/{path.stem}{suffix}",
                    )
                )
