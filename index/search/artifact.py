"""The saved search index: build it, write it atomically, load it only if it fits.

Layout of a saved index (no pickle anywhere; JSON, JSONL, .npy and FAISS):

    manifest.json     format version, embedder/model/dim, counts, hashes, versions
    documents.jsonl   the Documents, in index position order
    tokenizer.json    the fitted lexical tokenizer
    vectors.faiss     passage vectors, id = document position
    lexical/          BM25 matrices (bm25s, allow_pickle=False)

`save_index(index, var/index)` writes a hidden sibling folder, then atomically
repoints the symlink `var/index` at it: a reader sees the old or the new index,
never half of one. The previous folder stays until the next save, for readers
still loading it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import shutil
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from index.language.tokens import Tokenizer, tokenizer_from_json
from index.search.doc_lines import document_lines
from index.search.documents import Document
from index.search.embedder import Embedder
from index.search.lexical import LexicalIndex
from index.search.vector import VectorIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: tokenizer.json carries the lemma table
MANIFEST, DOCUMENTS, TOKENIZER = "manifest.json", "documents.jsonl", "tokenizer.json"
VECTORS, LEXICAL = "vectors.faiss", "lexical"
BUILD = "jarjestobotti index build"
REBUILD = f"Rakenna hakemisto uudelleen: {BUILD}"
_DOC_FIELDS = tuple(f.name for f in fields(Document))
_MANIFEST_TYPES = {"format_version": int, "embedder": str, "model": str, "dim": int}
_MANIFEST_TYPES |= {"document_count": int, "tokenizer": str, "knowledge_hash": str, "files": dict}


@dataclass
class SearchIndex:
    """Everything search needs in memory; position i is the same document everywhere."""

    docs: list[Document]
    vector: VectorIndex
    lexical: LexicalIndex
    tokenizer: Tokenizer
    manifest: dict[str, Any]
    embeddings: np.ndarray  # (n, dim) float32, row i = docs[i]


def passage_text(doc: Document) -> str:
    """What gets embedded and tokenised: the title (unless the text opens with it) and text."""
    if doc.title and not doc.text.startswith(doc.title):
        return f"{doc.title}\n{doc.text}"
    return doc.text


def _sha256(path: Path) -> str:
    """Hex digest; also fsyncs, so a file is durable before the symlink points at it."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
        os.fsync(f.fileno())
    return h.hexdigest()


def _write_files(index: SearchIndex, folder: Path) -> None:
    folder.mkdir(parents=True)
    with (folder / DOCUMENTS).open("w", encoding="utf-8") as f:
        f.writelines(document_lines(index.docs))
    _write_json(folder / TOKENIZER, index.tokenizer.to_json())
    index.vector.save(folder / VECTORS)
    index.lexical.save(folder / LEXICAL)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    index.manifest["files"] = {p.relative_to(folder).as_posix(): _sha256(p) for p in files}
    _write_json(folder / MANIFEST, index.manifest)
    _sha256(folder / MANIFEST)  # for its fsync


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")


def save_index(index: SearchIndex, out_dir: Path) -> None:
    """Write `index` beside `out_dir`, then atomically point the `out_dir` symlink at it."""
    out_dir = Path(out_dir)
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    prefix, stamp = f".{out_dir.name}.v", dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    folder = parent / f"{prefix}{stamp}-{secrets.token_hex(4)}"
    previous = out_dir.resolve() if out_dir.is_symlink() else None
    link = parent / f".{out_dir.name}.link-{secrets.token_hex(4)}"
    try:
        _write_files(index, folder)
        os.symlink(folder.name, link)
        if out_dir.is_dir() and not out_dir.is_symlink():
            # a real folder (copied by hand): move it aside, it is removed below
            out_dir.rename(parent / f"{prefix}old-{secrets.token_hex(4)}")
        os.replace(link, out_dir)
    except BaseException:
        link.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    for old in parent.glob(f"{prefix}*"):
        if old.is_dir() and old != folder and old != previous:
            shutil.rmtree(old, ignore_errors=True)


def _corrupt(path: Path, what: str) -> IndexCorruptError:
    return IndexCorruptError(f"Hakuhakemisto {path} on vioittunut: {what}. {REBUILD}")


def _read_manifest(root: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise _corrupt(root, f"{MANIFEST} puuttuu") from exc
    except (OSError, ValueError) as exc:
        raise _corrupt(root, f"{MANIFEST} ei ole luettavissa ({exc})") from exc
    if not isinstance(manifest, dict):
        raise _corrupt(root, f"{MANIFEST} ei ole JSON-olio")
    for key, typ in _MANIFEST_TYPES.items():
        if not isinstance(manifest.get(key), typ):
            raise _corrupt(root, f"{MANIFEST}: kenttä {key!r} puuttuu tai on väärää tyyppiä")
    return manifest


def _check_fit(
    root: Path, manifest: dict[str, Any], embedder: Embedder, expected_hash: str | None
) -> None:
    def mismatch(what: str) -> IndexMismatchError:
        return IndexMismatchError(f"Hakuhakemisto {root} ei sovi käyttöön: {what}. {REBUILD}")

    if (version := manifest["format_version"]) != FORMAT_VERSION:
        raise mismatch(f"tiedostomuodon versio on {version}, tämä ohjelma lukee {FORMAT_VERSION}")
    built = f"{manifest['embedder']}/{manifest['model']}"
    current = f"{embedder.name}/{embedder.model}"
    if built != current:
        raise mismatch(f"hakemisto on tehty upotusmallilla {built}, käytössä on {current}")
    if (dim := manifest["dim"]) != embedder.dim:
        raise mismatch(f"vektorien ulottuvuus on hakemistossa {dim}, mallissa {embedder.dim}")
    if expected_hash is not None and (built_from := manifest["knowledge_hash"]) != expected_hash:
        what = f"hakemisto {built_from[:12]}, tietopohja {expected_hash[:12]}"
        raise mismatch(f"tietopohja on muuttunut hakemiston rakentamisen jälkeen ({what})")


def _check_files(root: Path, files: dict[str, Any]) -> None:
    for required in (DOCUMENTS, TOKENIZER, VECTORS):
        if required not in files:
            raise _corrupt(root, f"{required} puuttuu luettelosta {MANIFEST}")
    for rel, digest in sorted(files.items()):
        if rel.startswith("/") or ".." in Path(rel).parts or not isinstance(digest, str):
            raise _corrupt(root, f"{MANIFEST}: kelvoton tiedostorivi {rel!r}")
        if not (root / rel).is_file():
            raise _corrupt(root, f"tiedosto {rel} puuttuu")
        actual = _sha256(root / rel)
        if actual != digest:
            raise _corrupt(
                root,
                f"tiedoston {rel} tarkistussumma ei täsmää, tiedosto on katkennut tai muuttunut "
                f"(odotettiin {digest[:12]}…, saatiin {actual[:12]}…)",
            )


def _read_documents(root: Path) -> list[Document]:
    docs = []
    with (root / DOCUMENTS).open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            try:
                obj = json.loads(line)
                ok = isinstance(obj, dict) and tuple(obj) == _DOC_FIELDS
                if not ok or not all(isinstance(v, str) for v in obj.values()):
                    raise ValueError(f"odotettiin merkkijonokentät {', '.join(_DOC_FIELDS)}")
            except ValueError as exc:
                raise _corrupt(root, f"{DOCUMENTS} rivi {n}: {exc}") from exc
            docs.append(Document(**obj))
    return docs


def load_index(
    dir: Path, embedder: Embedder, expected_knowledge_hash: str | None = None
) -> SearchIndex:
    """Load a saved index, refusing one that is missing, damaged or built for other inputs."""
    path = Path(dir)
    if not path.is_dir() or not any(path.iterdir()):
        raise IndexMissingError(f"Hakuhakemistoa ei ole ({path}). Rakenna se: {BUILD}")
    root = path.resolve()  # one version folder even if the symlink moves meanwhile
    manifest = _read_manifest(root)
    _check_fit(root, manifest, embedder, expected_knowledge_hash)
    _check_files(root, manifest["files"])
    count = manifest["document_count"]
    docs = _read_documents(root)
    if len(docs) != count:
        raise _corrupt(root, f"{DOCUMENTS} sisältää {len(docs)} asiakirjaa, luettelossa {count}")
    try:
        tokenizer = tokenizer_from_json(json.loads((root / TOKENIZER).read_text(encoding="utf-8")))
    except (ValueError, AttributeError) as exc:
        raise _corrupt(root, f"{TOKENIZER} ei kelpaa ({exc})") from exc
    if (listed := manifest["tokenizer"]) != tokenizer.name:
        raise _corrupt(root, f"{TOKENIZER} on {tokenizer.name}, luettelossa {listed}")
    vector = VectorIndex.load(root / VECTORS, manifest.get("vector_index"))
    if len(vector) != count or vector.dim != manifest["dim"]:
        raise _corrupt(root, f"{VECTORS}: {len(vector)} vektoria, ulottuvuus {vector.dim}")
    try:
        embeddings = vector.vectors(np.arange(count, dtype=np.int64))
    except RuntimeError as exc:
        raise _corrupt(root, f"{VECTORS}: tunnisteet eivät ole 0…{count - 1}") from exc
    lexical = LexicalIndex.load(root / LEXICAL)
    if len(lexical) != count:
        raise _corrupt(root, f"{LEXICAL}: {len(lexical)} asiakirjaa, luettelossa {count}")
    if tokenizer.base == "lemma" and tokenizer.lemmas is None:
        tokenizer.tokenize("vertaistuki")  # load simplemma now, not on the first query
    return SearchIndex(docs, vector, lexical, tokenizer, manifest, embeddings)
