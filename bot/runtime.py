"""Wiring: settings → knowledge, embedder, index, searcher, storage, router.

Every entry point (CLI `ask`/`eval`/`chat`, `serve`) builds the same `Runtime`,
so they answer identically. The index is loaded once per process; a live reload
(`bot/background/reload.py`) replaces knowledge, index and searcher together with `swap`,
and handlers reach the searcher through `ctx.searcher()`, so each request uses
one consistent pair of knowledge and index. With a database, the runtime also
holds the one contact-request service (`contacts`) and the one referral service
(`referrals`) every surface uses.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from handlers import BotContext, Router, build_router
from handlers.context import HandlerConfig
from index.errors import SearchIndexError, StorageError
from index.knowledge.loader import load_knowledge
from index.knowledge.model import KnowledgeBase
from index.search.artifact import SearchIndex, load_index, save_index
from index.search.artifact_current import saved_is_current
from index.search.build import Early, build_index
from index.search.build_documents import build_documents
from index.search.embcache import EmbeddingCache
from index.search.embedder import Embedder, make_embedder
from index.search.engine import Searcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from handlers.contact.service import ContactRequests
    from handlers.referral.service import Referrals

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
    contacts: ContactRequests | None = None  # None without a database
    referrals: Referrals | None = None  # None without a database
    _swap_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def swap(self, kb: KnowledgeBase, index: SearchIndex) -> Searcher:
        """Serve `kb` + `index` from the next request on (one assignment: atomic)."""
        searcher = Searcher(index, kb, self.embedder, embedding_cache(self.settings))
        with self._swap_lock:
            self.kb, self.index, self.searcher = kb, index, searcher
        return searcher

    def contact_requests(self) -> ContactRequests:
        """The contact-request service; `StorageError` when there is no database."""
        if self.contacts is None:
            raise StorageError("tietokantaa ei ole määritetty")
        return self.contacts

    def referral_service(self) -> Referrals:
        """The referral service; `StorageError` when there is no database."""
        if self.referrals is None:
            raise StorageError("tietokantaa ei ole määritetty")
        return self.referrals


def referrals(
    settings: Settings,
    session_factory: sessionmaker[Session],
    knowledge: Callable[[], KnowledgeBase],
    *,
    clock: Callable[[], datetime] | None = None,
) -> Referrals:
    """The referral service: links signed with the web secret (`bot.web.security.Signer`)
    under `settings.base_url`, the professional's id hashed with the user-hash salt."""
    from bot.web.security import Signer
    from handlers.referral.service import Referrals
    from store.models import utcnow

    return Referrals(
        session_factory,
        knowledge=knowledge,
        signer=Signer(settings.web_secret),
        public_url=settings.base_url,
        professional_key=settings.user_hash_salt,
        slack_channels=settings.referral_slack_channels,
        link_days=settings.referral_link_days,
        retention_days=settings.referral_retention_days,
        clock=clock or utcnow,
    )


def contact_requests(
    settings: Settings,
    session_factory: sessionmaker[Session],
    *,
    clock: Callable[[], datetime] | None = None,
) -> ContactRequests:
    """The contact-request service: routing from settings (roles are checked where the
    form is served: `bot/web/contact.py`), storage through `session_factory`, time from
    `clock`."""
    from handlers.contact.service import ContactRequests, resolve_routing
    from store.models import utcnow

    routing = resolve_routing(settings.contact_routing, ())
    return ContactRequests(session_factory, routing=routing, clock=clock or utcnow)


def embedding_cache(settings: Settings) -> EmbeddingCache | None:
    """The embedding cache builds and searchers share (vectors keyed by text and model)."""
    folder = settings.embedding_cache_dir
    return EmbeddingCache(folder) if folder is not None else None


def embedder_from(settings: Settings) -> Embedder:
    return make_embedder(settings.embedder, settings.st_model)


def previous_index(out_dir: Path, embedder: Embedder) -> SearchIndex | None:
    """The index saved at `out_dir`, if one loads: its vectors are reused by a rebuild."""
    try:
        return load_index(out_dir, embedder)
    except SearchIndexError:
        return None


def build_and_save(
    knowledge_dir: Path,
    out_dir: Path,
    embedder: Embedder,
    tokenizer: str = DEFAULT_TOKENIZER,
    progress: bool = False,
    *,
    cache_dir: Path | None = None,
    full: bool = False,
    kb: KnowledgeBase | None = None,
    previous: SearchIndex | None = None,
) -> SearchIndex:
    """Validate the knowledge, build the index and save it atomically.

    Incremental unless `full`: vectors come from `previous` (default: the index
    already at `out_dir`) and the embedding cache in `cache_dir`; only new text
    is embedded. The manifest's `embedding` entry has the counts. When the index
    saved at `out_dir` was built from the same documents, nothing is built or saved.
    """
    index, unsaved = build_unsaved(
        knowledge_dir,
        out_dir,
        embedder,
        tokenizer,
        progress,
        cache_dir=cache_dir,
        full=full,
        kb=kb,
        previous=previous,
    )
    if unsaved:
        save_index(index, out_dir)
    return index


def build_unsaved(
    knowledge_dir: Path,
    out_dir: Path,
    embedder: Embedder,
    tokenizer: str = DEFAULT_TOKENIZER,
    progress: bool = False,
    *,
    cache_dir: Path | None = None,
    full: bool = False,
    kb: KnowledgeBase | None = None,
    previous: SearchIndex | None = None,
    early: Early | None = None,
) -> tuple[SearchIndex, bool]:
    """`build_and_save` without the save: the index, and whether it still has to be saved
    at `out_dir` (False when the saved one is already current). The live reloader serves
    the index first and saves it afterwards; `early` gets the index to serve while new
    passages are still being embedded (`index.search.build`)."""
    kb = kb if kb is not None else load_knowledge(knowledge_dir)
    docs = build_documents(kb)
    if not full and saved_is_current(out_dir, docs, embedder, tokenizer, kb.content_hash):
        same = previous is not None and previous.docs == docs
        if previous is not None and same and previous.tokenizer.name == tokenizer:
            return previous, False
        return load_index(out_dir, embedder), False
    if previous is None and not full:
        previous = previous_index(out_dir, embedder)
    cache = EmbeddingCache(cache_dir) if cache_dir is not None else None
    index = build_index(
        docs,
        embedder,
        tokenizer,
        kb.content_hash,
        progress=progress,
        reuse=previous,
        cache=cache,
        read_cache=not full,
        early=early,
    )
    return index, True


def load_runtime(
    settings: Settings,
    *,
    knowledge_dir: Path | None = None,
    index_dir: Path | None = None,
    with_db: bool = True,
    auto_build: bool = True,
) -> Runtime:
    """Load knowledge and the saved index.

    With `auto_build`, an index that is missing or doesn't fit the knowledge (edited
    while the bot was down) is rebuilt first, incrementally; without it, that fails.
    """
    kdir = knowledge_dir or settings.knowledge_dir
    idir = index_dir or settings.index_dir
    kb = load_knowledge(kdir)
    embedder = embedder_from(settings)
    try:
        index = load_index(idir, embedder, expected_knowledge_hash=kb.content_hash)
    except SearchIndexError as exc:
        if not auto_build:
            raise
        log.info("rakennetaan hakemisto %s: %s", idir, exc)
        index = build_and_save(kdir, idir, embedder, kb=kb, cache_dir=settings.embedding_cache_dir)
    searcher = Searcher(index, kb, embedder, embedding_cache(settings))
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
    holder: list[Runtime] = []
    ctx = BotContext(
        searcher=lambda: holder[0].searcher, config=config, session_factory=session_factory
    )
    contacts = refs = None
    if session_factory is not None:
        contacts = contact_requests(settings, session_factory, clock=ctx.clock)
        refs = referrals(settings, session_factory, lambda: holder[0].kb, clock=ctx.clock)
        ctx.can_refer = refs.can_refer
    router = build_router(ctx)
    holder.append(
        Runtime(settings, kb, embedder, index, searcher, ctx, router, engine, contacts, refs)
    )
    return holder[0]
