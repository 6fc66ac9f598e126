"""Query vectors saved beside a JSON manifest (`<name>.json` + `<name>.npy`), no pickle.

Shared by the judged-case memory (`examples`) and the intent model (`intent_model`): the
vectors are saved in half precision with their embedding model's name, their count and a
digest; a reader gets them back only when all three match, so vectors made by another model,
or a `.npy` that no longer belongs to its manifest, are never used.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)


def vectors_path(manifest: Path) -> Path:
    return manifest.with_suffix(".npy")


def digest(vectors: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(vectors, dtype=np.float16).tobytes()).hexdigest()


def write_vectors(
    manifest: Path, vectors: np.ndarray, model: str, fields: dict[str, Any], indent: int = 1
) -> None:
    """Save `vectors` (half precision) and the manifest: model, size, digest and `fields`."""
    half = vectors.astype(np.float16)
    np.save(vectors_path(manifest), half, allow_pickle=False)
    body = {
        "model": model,
        "dim": int(half.shape[1]) if len(half) else 0,
        "count": len(half),
        "sha256": digest(half),
        **fields,
    }
    manifest.write_text(json.dumps(body, ensure_ascii=False, indent=indent) + "\n", "utf-8")


def file_version(manifest: Path) -> tuple[tuple[int, int], ...] | None:
    """Both files' modification time and size (a cache key), or None when either is missing."""
    paths = (manifest, vectors_path(manifest))
    if not all(p.exists() for p in paths):
        return None
    return tuple((p.stat().st_mtime_ns, p.stat().st_size) for p in paths)


def read_vectors(manifest: Path, model: str, what: str) -> tuple[dict[str, Any], np.ndarray] | None:
    """The manifest and its vectors, or None (logged, naming `what`) when they were made by
    another model or the vectors do not match the manifest."""
    body: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
    if body["model"] != model:
        log.warning("%s on mallille %s, ei %s: ei käytetä", what, body["model"], model)
        return None
    vectors = np.load(vectors_path(manifest), allow_pickle=False)
    if digest(vectors) != body["sha256"] or len(vectors) != body["count"]:
        log.warning("%s: vektorit eivät vastaa manifestia: ei käytetä", what)
        return None
    return body, vectors
