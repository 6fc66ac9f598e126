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
