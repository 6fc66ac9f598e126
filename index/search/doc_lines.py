"""The JSONL lines of `documents.jsonl`, remembered between saves.

Encoding 10,000 documents takes ~0.9 s of Python; the live reloader saves after every
edit while it serves requests, so each save re-encodes only the documents that are new
objects (the reloader keeps an unchanged service file's documents as the same objects).
Only a corpus up to `MAX_CHARS` is remembered (~30,000 documents, ≤ 80 MB): a serving
process at 100,000 services would otherwise hold a few hundred MB of lines.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict

from index.search.documents import Document

_LINES: dict[int, tuple[Document, str]] = {}  # id → (document, its line), of the last save
_LOCK = threading.Lock()
MAX_CHARS = 40_000_000


def document_lines(docs: list[Document]) -> list[str]:
    """Each document's JSON line (with its newline), in order."""
    with _LOCK:
        lines: dict[int, tuple[Document, str]] = {}
        for d in docs:
            hit = _LINES.get(id(d))
            same = hit is not None and hit[0] is d
            line = hit[1] if hit is not None and same else _encode(d)
            lines[id(d)] = (d, line)
        _LINES.clear()
        out = [lines[id(d)][1] for d in docs]
        if sum(map(len, out)) <= MAX_CHARS:
            _LINES.update(lines)  # holds the documents, so their ids are not reused meanwhile
        return out


def _encode(doc: Document) -> str:
    return json.dumps(asdict(doc), ensure_ascii=False) + "\n"
