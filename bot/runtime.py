"""Wiring: settings → knowledge, embedder, index, searcher, storage, router.

Every entry point (CLI `ask`/`eval`/`chat`, `serve`) builds the same `Runtime`,
so they answer identically. The index is loaded once per process.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.settings import Settings
from handlers import BotContext, Router, build_router
from handlers.context import HandlerConfig
from index.artifact import SearchIndex, build_index, load_index, save_index
from index.build_documents import build_documents
from index.embedder import Embedder, make_embedder
from index.loader import load_knowledge
from index.model import KnowledgeBase
from index.search import Searcher

log = logging.getLogger(__name__)
DEFAULT_TOKENIZER = "lemma+compound"


@dataclass
class Runtime:
    settings: Settings
    kb: KnowledgeBase
    embedder: Embedder
    index: SearchIndex
    searcher: Searcher
    ctx: BotContext
    router: Router
    engine: Any = None


def embedder_from(settings: Settings) -> Embedder:
    return make_embedder(settings.embedder, settings.st_model)


def build_and_save(
    knowledge_dir: Path,
    out_dir: Path,
    embedder: Embedder,
    tokenizer: str = DEFAULT_TOKENIZER,
    progress: bool = False,
) -> SearchIndex:
    """Validate the knowledge, build the index and save it atomically."""
    kb = load_knowledge(knowledge_dir)
    index = build_index(
        build_documents(kb), embedder, tokenizer, kb.content_hash, progress=progress
    )
    save_index(index, out_dir)
    return index


def load_runtime(
    settings: Settings,
    *,
    knowledge_dir: Path | None = None,
    index_dir: Path | None = None,
    with_db: bool = True,
    auto_build: bool = True,
) -> Runtime:
    """Load knowledge and the saved index (building it first if none exists yet)."""
    from index.errors import IndexMissingError

    kdir = knowledge_dir or settings.knowledge_dir
    idir = index_dir or settings.index_dir
    kb = load_knowledge(kdir)
    embedder = embedder_from(settings)
    try:
        index = load_index(idir, embedder, expected_knowledge_hash=kb.content_hash)
    except IndexMissingError:
        if not auto_build:
            raise
        log.info("hakemistoa ei löytynyt, rakennetaan: %s", idir)
        index = build_and_save(kdir, idir, embedder)
    searcher = Searcher(index, kb, embedder)
    engine = session_factory = None
    if with_db:
        from store.db import make_engine, make_session_factory, migrate

        engine = make_engine(settings.database_url)
        migrate(engine)
        session_factory = make_session_factory(engine)
    config = HandlerConfig(
        context_ttl_seconds=settings.context_ttl_seconds,
        user_hash_salt=settings.user_hash_salt,
    )
    ctx = BotContext(searcher=lambda: searcher, config=config, session_factory=session_factory)
    return Runtime(settings, kb, embedder, index, searcher, ctx, build_router(ctx), engine)
