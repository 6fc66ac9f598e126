"""Is the saved index already the one a build would make? Then building is skipped.

A rebuild with nothing changed (`jarjestobotti index build` run twice, `make run`
after a restart) should take seconds, not a tokenizer fit and a save. The check
reads the manifest and the documents, verifies every file's checksum, and
compares: same documents, embedder, model, tokenizer, knowledge and library versions
(a new simplemma or bm25s may tokenise or score differently: then it is built again).
"""

from __future__ import annotations

from pathlib import Path

from index.errors import IndexCorruptError, IndexMismatchError
from index.knowledge.loader import knowledge_hash
from index.search.artifact import (
    _check_files,
    _check_fit,
    _read_documents,
    _read_manifest,
)
from index.search.documents import Document
from index.search.embedder import Embedder
from index.search.versions import library_versions


def saved_is_current(
    dir: Path, docs: list[Document], embedder: Embedder, tokenizer_name: str, knowledge_hash: str
) -> bool:
    """Whether the index saved at `dir` is intact and was built from exactly `docs` with
    this embedder and tokenizer: then a rebuild has nothing to do."""
    root = Path(dir).resolve()
    if not root.is_dir():
        return False
    try:
        manifest = _read_manifest(root)
        _check_fit(root, manifest, embedder, knowledge_hash)
        _check_files(root, manifest["files"])
        return (
            manifest["tokenizer"] == tokenizer_name
            and manifest.get("versions") == library_versions(embedder.name)
            and _read_documents(root) == docs
        )
    except (IndexCorruptError, IndexMismatchError, OSError):
        return False


def files_unchanged(
    dir: Path, knowledge_dir: Path, embedder: Embedder, tokenizer_name: str
) -> int | None:
    """The saved index's document count when it was built from exactly these knowledge
    files (their bytes), by this code (`versions.documents_code`), libraries, embedder and
    tokenizer, and is intact; else None. Reads no YAML: a nothing-changed `index build` at
    10,000 services spent most of its time reading the knowledge to compare documents."""
    root = Path(dir).resolve()
    kroot = Path(knowledge_dir).resolve()
    if not root.is_dir() or not kroot.is_dir():
        return None
    try:
        manifest = _read_manifest(root)
        same = (
            manifest["knowledge_hash"] == knowledge_hash(kroot)
            and (manifest["embedder"], manifest["model"]) == (embedder.name, embedder.model)
            and manifest["tokenizer"] == tokenizer_name
            and manifest.get("versions") == library_versions(embedder.name)
        )
        if not same:
            return None
        _check_files(root, manifest["files"])
        return int(manifest["document_count"])
    except (IndexCorruptError, IndexMismatchError, OSError, KeyError, ValueError, TypeError):
        return None
