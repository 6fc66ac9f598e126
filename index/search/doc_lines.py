"""The JSONL lines of `documents.jsonl`, remembered between saves.

Encoding 10,000 documents takes ~0.9 s of Python; the live reloader saves after every
edit while it serves requests, so each save re-encodes only the documents that are new
objects (the reloader keeps an unchanged service file's documents as the same objects).
Only a corpus up to `MAX_CHARS` is remembered (~30,000 documents, ≤ 80 MB): a serving
process at 100,000 services would otherwise hold a few hundred MB of lines.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from index.memo import LastCall
from index.search.documents import Document

MAX_CHARS = 40_000_000
_LINES: LastCall[Document, str] = LastCall()


def document_lines(docs: list[Document]) -> list[str]:
    """Each document's JSON line (with its newline), in order."""
    return _LINES.map(docs, _encode, keep=lambda lines: sum(map(len, lines)) <= MAX_CHARS)


def _encode(doc: Document) -> str:
    return json.dumps(asdict(doc), ensure_ascii=False) + "\n"
