"""Several `serve` processes sharing one index folder answer alike.

The builder watches the knowledge and saves index versions; a replica
(`JARJESTOBOTTI_INDEX_WATCH=true`) builds nothing and takes each new version
into use — but only one built from the knowledge it sees, so its knowledge and
index always match. Two real runtimes in one process, one shared folder.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.background.index_watch import IndexWatcher
from bot.background.reload import KnowledgeReloader, start_live_reload
from bot.runtime import Runtime, load_runtime
from handlers.messages import Incoming, ServiceCard
from tests.small_knowledge import FILE, QUESTION, SERVICE, SMALL, SUMMARY
from tests.small_knowledge import small_settings as settings

NEW = "Arkista suomea uudessa iltaryhmässä maahan muuttaneille."


def summary(rt: Runtime) -> str:
    conv = f"c{time.monotonic_ns()}"
    reply = rt.router.handle(Incoming("web", conv, conv, QUESTION, locale="fi"))
    cards = [p for p in reply.parts if isinstance(p, ServiceCard) and p.id == SERVICE]
    assert cards
    return cards[0].summary


def wait_for(rt: Runtime, expected: str, timeout: float = 10.0) -> float:
    start = time.monotonic()
    while summary(rt) != expected:
        if time.monotonic() - start > timeout:
            pytest.fail(f"replika ei ottanut uutta versiota käyttöön {timeout:.0f} s:ssa")
        time.sleep(0.2)
    return time.monotonic() - start


@pytest.fixture
def pair(tmp_path: Path, embedding_cache_dir: Path) -> Iterator[tuple[Runtime, Runtime, Path]]:
    """A builder and a replica sharing `knowledge/` and `index/` (replica watching)."""
    kdir, idir = tmp_path / "knowledge", tmp_path / "index"
    shutil.copytree(SMALL, kdir)
    builder = load_runtime(settings(kdir, idir, embedding_cache_dir), with_db=False)
    conf = settings(kdir, idir, embedding_cache_dir, index_watch=True, index_poll_seconds=0.2)
    replica = load_runtime(conf, with_db=False, auto_build=False)
    watcher = start_live_reload(replica, conf)
    assert isinstance(watcher, IndexWatcher)
    try:
        yield builder, replica, kdir
    finally:
        watcher.stop()


def test_replica_takes_each_version_the_builder_saves(
    pair: tuple[Runtime, Runtime, Path], embedding_cache_dir: Path
) -> None:
    builder, replica, kdir = pair
    assert summary(builder) == summary(replica) == SUMMARY
    path = kdir / FILE
    path.write_text(path.read_text(encoding="utf-8").replace(SUMMARY, NEW), encoding="utf-8")

    # the knowledge changed but no new index exists yet: the replica keeps its pair
    time.sleep(0.5)
    assert summary(replica) == SUMMARY
    reloader = KnowledgeReloader(
        builder, kdir, builder.settings.index_dir, cache_dir=embedding_cache_dir
    )
    assert reloader.reload() is True  # the builder saves a new version
    assert summary(builder) == NEW
    print(f"\nreplika seurasi {wait_for(replica, NEW):.1f} s:ssa")
    assert replica.kb.content_hash == builder.kb.content_hash
    assert replica.index.manifest["built_at"] == builder.index.manifest["built_at"]


def test_replica_refuses_a_version_built_from_other_knowledge(
    tmp_path: Path, embedding_cache_dir: Path
) -> None:
    shared, theirs, mine = tmp_path / "index", tmp_path / "builder-k", tmp_path / "replica-k"
    shutil.copytree(SMALL, theirs)
    shutil.copytree(SMALL, mine)
    builder = load_runtime(settings(theirs, shared, embedding_cache_dir), with_db=False)
    replica = load_runtime(
        settings(mine, shared, embedding_cache_dir, index_watch=True),
        with_db=False,
        auto_build=False,
    )
    watcher = IndexWatcher(replica, mine, shared, retry_seconds=0.5)
    edited = (theirs / FILE).read_text(encoding="utf-8").replace(SUMMARY, NEW)
    (theirs / FILE).write_text(edited, encoding="utf-8")
    assert KnowledgeReloader(builder, theirs, shared, cache_dir=embedding_cache_dir).reload()

    assert watcher.check() is False  # built from knowledge this replica doesn't have (yet)
    status = watcher.board.status
    assert not status.ok and "tietopohja on muuttunut" in (status.error or "")
    assert summary(replica) == SUMMARY  # still the consistent old pair

    tried = status.last_attempt_at
    assert watcher.check() is False and watcher.board.status.last_attempt_at == tried  # backs off
    (mine / FILE).write_text(edited, encoding="utf-8")  # the shared files catch up
    time.sleep(0.6)
    assert watcher.check() is True
    assert summary(replica) == NEW and watcher.board.status.ok
