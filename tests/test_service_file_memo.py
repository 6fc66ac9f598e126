"""A re-read turns only changed service files into typed services, and reads as before.

With readings remembered (`remember_readings`, as the live reloader does), a service file
whose text and vocabularies are unchanged keeps its organisation and services from the
last read (`index.knowledge.file_memo`); the knowledge base and any problems equal those
of a read that remembers nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.knowledge import file_memo, loader, yamlsrc
from index.knowledge.loader import read_knowledge
from index.search.build_documents import build_documents, service_document
from tests.small_knowledge import FILE, SMALL


@pytest.fixture
def kdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "knowledge"
    shutil.copytree(SMALL, folder)
    monkeypatch.setattr(yamlsrc._READ, "capacity", 0)  # restored after the test
    monkeypatch.setattr(file_memo, "_LAST", {})
    yamlsrc.remember_readings()  # as the live reloader does
    yield folder
    yamlsrc._READ.clear()  # this test's texts are not remembered for the next test


def read_remembering_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(yamlsrc._READ, "capacity", 0)
        return read_knowledge(folder)


def files_typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The service files turned into typed services from now on, in order."""
    read: list[str] = []
    real = loader.read_service_file

    def counting(ck: loader.Checker, *args: object, **kwargs: object) -> object:
        read.append(ck.file)
        return real(ck, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "read_service_file", counting)
    return read


def test_a_re_read_types_only_the_edited_file(kdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, problems = read_knowledge(kdir)
    assert first is not None and not problems
    read = files_typed(monkeypatch)
    path = kdir / FILE
    path.write_text(path.read_text("utf-8").replace("keskustelukahvila", "aamukahvila"), "utf-8")

    again = read_knowledge(kdir)

    assert read == [FILE]
    assert again == read_remembering_nothing(kdir, monkeypatch)
    kb = again[0]
    assert kb is not None and "Suomen kielen aamukahvila" in {s.name["fi"] for s in kb.services}
    unchanged = [s for s in kb.services if s.source is not None and s.source.file != FILE]
    assert unchanged and all(s in first.services for s in unchanged)


def test_a_copied_file_is_reported_as_without_memory(
    kdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_knowledge(kdir)[1] == []
    copy = (kdir / FILE).read_text("utf-8").replace("id: kielikahvila-ry\n", "id: aaa-kopio\n")
    (kdir / "services" / "aaa-kopio.yaml").write_text(copy, "utf-8")  # read before FILE

    kb, problems = read_knowledge(kdir)

    assert kb is None
    assert (kb, problems) == read_remembering_nothing(kdir, monkeypatch)
    assert any(p.file == "services/aaa-kopio.yaml" for p in problems)


def test_other_vocabularies_read_every_file_again(
    kdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_knowledge(kdir)[1] == []
    vocab = kdir / "vocabularies.yaml"
    vocab.write_text(vocab.read_text("utf-8") + "\n", "utf-8")
    read = files_typed(monkeypatch)
    again = read_knowledge(kdir)
    assert len(read) == len(list((kdir / "services").glob("*.yaml")))
    assert again == read_remembering_nothing(kdir, monkeypatch)


def test_unchanged_services_keep_their_documents(kdir: Path) -> None:
    first, _ = read_knowledge(kdir)
    assert first is not None
    before = build_documents(first)
    path = kdir / FILE
    path.write_text(path.read_text("utf-8").replace("keskustelukahvila", "yökahvila"), "utf-8")
    again, _ = read_knowledge(kdir)
    assert again is not None

    after = build_documents(again)

    assert (
        after
        == [service_document(s, again.vocabularies) for s in again.services]
        + build_documents(again)[len(again.services) :]
    )
    kept = [a is b for a, b in zip(after, before, strict=True)]
    edited = [d.source_file == FILE for d in after]
    assert [not k for k in kept[: len(again.services)]] == edited[: len(again.services)]
