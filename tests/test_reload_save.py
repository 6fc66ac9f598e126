"""Live reload serves a new index before saving it, and a failed save loses nothing served.

The reloader is driven directly (`reload()`, no watcher thread); the index build, the
embedder and the saved artefact are real.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.background import reload as reload_module
from bot.background.reload import KnowledgeReloader
from bot.background.status import index_version
from bot.runtime import Runtime, load_runtime
from index.search.artifact import SearchIndex, load_index, save_index
from tests.small_knowledge import FILE, SERVICE, SMALL, SUMMARY, small_settings

NEW_SUMMARY = SUMMARY.replace("rennossa porukassa", "torstain iltaryhmässä")


def summary_in(index: SearchIndex) -> bool:
    """Whether the language café's document in `index` has the new summary."""
    return any(d.id == SERVICE and NEW_SUMMARY in d.text for d in index.docs)


@pytest.fixture
def served(tmp_path: Path, embedding_cache_dir: Path) -> tuple[Runtime, KnowledgeReloader]:
    kdir = tmp_path / "knowledge"
    shutil.copytree(SMALL, kdir)
    settings = small_settings(kdir, tmp_path / "index", embedding_cache_dir)
    rt = load_runtime(settings, with_db=False)
    reloader = KnowledgeReloader(rt, kdir, tmp_path / "index", cache_dir=embedding_cache_dir)
    path = kdir / FILE
    path.write_text(path.read_text("utf-8").replace(SUMMARY, NEW_SUMMARY), "utf-8")
    return rt, reloader


def test_the_new_index_is_served_before_it_is_saved(
    served: tuple[Runtime, KnowledgeReloader], monkeypatch: pytest.MonkeyPatch
) -> None:
    rt, reloader = served
    seen_at_save: list[bool] = []

    def save(index: SearchIndex, out: Path) -> None:
        seen_at_save.append(rt.index is index)
        save_index(index, out)

    monkeypatch.setattr(reload_module, "save_index", save)
    assert reloader.reload() is True

    assert seen_at_save == [True]
    assert summary_in(rt.index)
    assert summary_in(load_index(reloader.index_dir, rt.embedder, rt.kb.content_hash))
    assert reloader.board.status.version == index_version(reloader.index_dir)


def test_a_failed_save_is_logged_and_the_new_index_keeps_serving(
    served: tuple[Runtime, KnowledgeReloader],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    rt, reloader = served
    old_version = reloader.index_dir.resolve()

    def full_disk(index: SearchIndex, out: Path) -> None:
        raise OSError(28, "levy täynnä")

    monkeypatch.setattr(reload_module, "save_index", full_disk)
    with caplog.at_level(logging.ERROR, logger="bot.background.reload"):
        assert reloader.reload() is True

    assert summary_in(rt.index)  # served although not saved
    assert "uutta hakemistoa ei voitu tallentaa" in caplog.text
    assert "levy täynnä" in caplog.text
    assert reloader.index_dir.resolve() == old_version  # the saved one is the old index
    assert not summary_in(load_index(reloader.index_dir, rt.embedder))
