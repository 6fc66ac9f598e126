"""An edit is answered from before its passage is embedded; the complete index follows.

Embedding one long passage takes about a second, so the live reloader serves the edit's
text first (the edited document keeps its previous vector until the new one is made) and
then the complete index, which is the one saved. The reloader is driven directly; the
build, the model and the saved artefact are real. The model call is only watched: it
checks what is being answered while it runs, then embeds as always.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.background.reload import KnowledgeReloader
from bot.runtime import Runtime, load_runtime
from handlers.messages import Incoming
from index.search.artifact import load_index, passage_text
from tests.small_knowledge import FILE, QUESTION, SERVICE, SMALL, SUMMARY, small_settings


@pytest.fixture
def served(tmp_path: Path, embedding_cache_dir: Path) -> tuple[Runtime, KnowledgeReloader, str]:
    """A runtime, its reloader, and the new summary written into the file: text no earlier
    run embedded (the embedding cache is shared), so the model must be asked."""
    kdir = tmp_path / "knowledge"
    shutil.copytree(SMALL, kdir)
    settings = small_settings(kdir, tmp_path / "index", embedding_cache_dir)
    rt = load_runtime(settings, with_db=False)
    reloader = KnowledgeReloader(rt, kdir, tmp_path / "index", cache_dir=embedding_cache_dir)
    new = SUMMARY.replace("rennossa porukassa", f"torstain iltaryhmässä {time.time_ns()}")
    path = kdir / FILE
    path.write_text(path.read_text("utf-8").replace(SUMMARY, new), "utf-8")
    return rt, reloader, new


def summary_answered(rt: Runtime) -> str | None:
    """The language café's summary on its card in a fresh answer to the question."""
    reply = rt.router.handle(Incoming("t", "u", f"c{time.monotonic_ns()}", QUESTION))
    cards = [r for r in reply.parts if getattr(r, "id", None) == SERVICE]
    return str(getattr(cards[0], "summary", "")) if cards else None


def watch_model(
    rt: Runtime, monkeypatch: pytest.MonkeyPatch, during: Callable[[], None]
) -> list[int]:
    """Run `during` inside each passage-embedding call, once the early index is served
    (or after 20 s); returns how many passages each call embedded."""
    real = rt.embedder.encode_passages
    calls: list[int] = []

    def encode(texts: Sequence[str]) -> np.ndarray:
        deadline = time.monotonic() + 20
        while not rt.index.manifest.get("early") and time.monotonic() < deadline:
            time.sleep(0.01)
        calls.append(len(texts))
        during()
        return real(texts)

    monkeypatch.setattr(rt.embedder, "encode_passages", encode)
    return calls


def test_the_edit_is_answered_while_its_passage_is_embedded(
    served: tuple[Runtime, KnowledgeReloader, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rt, reloader, new = served
    before = {d.key: rt.index.embeddings[i] for i, d in enumerate(rt.index.docs)}
    seen: list[str | None] = []
    calls = watch_model(rt, monkeypatch, lambda: seen.append(summary_answered(rt)))
    results: list[bool] = []
    worker = threading.Thread(target=lambda: results.append(reloader.reload()))
    worker.start()
    worker.join(timeout=120)
    assert results == [True]
    assert calls == [1]  # one edited passage, embedded once
    assert seen == [new]  # answered with the edit before its vector existed
    # then the complete index: the edited passage has its own new vector, and it is saved
    assert not rt.index.manifest.get("early")
    i = next(i for i, d in enumerate(rt.index.docs) if d.id == SERVICE)
    fresh = rt.embedder.encode_passages([passage_text(rt.index.docs[i])])[0]
    assert np.allclose(rt.index.embeddings[i], fresh, atol=1e-6)
    assert not np.allclose(rt.index.embeddings[i], before[rt.index.docs[i].key], atol=1e-6)
    saved = load_index(reloader.index_dir, rt.embedder, rt.kb.content_hash)
    assert not saved.manifest.get("early")
    assert np.array_equal(saved.embeddings, rt.index.embeddings)
    assert summary_answered(rt) == new


def test_a_failed_embedding_takes_the_early_index_back(
    served: tuple[Runtime, KnowledgeReloader, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    rt, reloader, _new = served
    old_index, old_kb = rt.index, rt.kb
    version = reloader.board.status.version

    def fail() -> None:
        raise RuntimeError("malli kaatui")

    watch_model(rt, monkeypatch, fail)
    assert reloader.reload() is False
    assert rt.index is old_index and rt.kb is old_kb  # the old index serves again
    assert summary_answered(rt) == SUMMARY
    assert reloader.board.status.version == version  # nothing new was saved
