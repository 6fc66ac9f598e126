"""Re-reading the knowledge costs what changed: a reload parses only edited files, a
corpus larger than the memo's bound still keeps part of itself remembered, and what is
remembered can't be changed by a caller."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.knowledge import yamlsrc
from index.knowledge.loader import read_knowledge
from index.knowledge.yamlsrc import load_yaml
from index.memo import TextMemo
from tests.small_knowledge import FILE, SMALL


def test_a_reload_parses_only_the_edited_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kdir = tmp_path / "knowledge"
    shutil.copytree(SMALL, kdir)
    monkeypatch.setattr(yamlsrc._READ, "capacity", 0)  # restored after the test
    yamlsrc.remember_readings()  # as the live reloader does
    kb, problems = read_knowledge(kdir)
    assert kb is not None and not problems
    parsed: list[str] = []
    real = yamlsrc._compose

    def counting(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(yamlsrc, "_compose", counting)
    path = kdir / FILE
    edited = path.read_text(encoding="utf-8").replace(
        "Suomen kielen keskustelukahvila", "Suomen kielen iltakahvila", 1
    )
    path.write_text(edited, encoding="utf-8")

    again, problems = read_knowledge(kdir)

    assert again is not None and not problems
    assert parsed == [edited]
    assert "Suomen kielen iltakahvila" in {s.name.get("fi") for s in again.services}


def test_a_broken_file_reports_its_problem_every_time_and_the_report_is_the_callers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(yamlsrc._READ, "capacity", 0)
    yamlsrc.remember_readings()
    text = "services:\n  - id: [rikki\n"
    first_doc, first = load_yaml(text, "services/x.yaml")
    assert first_doc is None and first and first[0].line == 2
    first.clear()  # a caller's list is its own
    _, second = load_yaml(text, "services/x.yaml")
    assert second and second[0].file == "services/x.yaml" and second[0].line == 2


def test_a_corpus_larger_than_the_bound_keeps_a_steady_part() -> None:
    memo: TextMemo[str, str] = TextMemo(capacity=30, size=lambda k, v: len(k))
    corpus = [f"text-{i:03d}" for i in range(10)]  # 8 characters each; 3 fit
    computed: list[str] = []

    def compute(text: str) -> str:
        computed.append(text)
        return text.upper()

    for _ in range(3):
        memo.new_pass()
        assert [memo.get(t, compute) for t in corpus] == [t.upper() for t in corpus]
    # least-recently-used eviction would miss every text on every pass (30 computations)
    assert len(computed) == 10 + 2 * 7
    # an edit: the old text makes room on the next pass, and the new one is remembered
    edited = ["text-new", *corpus[1:]]
    for _ in range(2):
        memo.new_pass()
        computed.clear()
        for t in edited:
            memo.get(t, compute)
    assert "text-new" not in computed
    assert len(computed) == 7
