"""The terminal chat loop, driven by a text stream like a person typing."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.runtime import Runtime
from bot.terminal.chat import GOODBYE, PROMPT, WELCOME, run_chat
from store.models import Feedback, QueryLog
from tests import runtime_fixtures
from tests.runtime_fixtures import make_runtime

knowledge_index_dir = runtime_fixtures.knowledge_index_dir  # the shared fixture

QUESTION = "Onko Vantaalla vertaisryhmää leskeksi jääneille?"


@pytest.fixture(scope="module")
def runtime(
    knowledge_index_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Runtime]:
    db = tmp_path_factory.mktemp("terminal") / "jarjestobotti.db"
    rt = make_runtime(knowledge_index_dir, f"sqlite:///{db}")
    yield rt
    rt.engine.dispose()


def talk(runtime: Runtime, *lines: str) -> str:
    out = io.StringIO()
    assert run_chat(runtime.router, io.StringIO("".join(f"{x}\n" for x in lines)), out) == 0
    return out.getvalue()


def ranks(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. .+ – .+$", text, re.MULTILINE)]


def test_question_more_feedback_and_exit(runtime: Runtime) -> None:
    out = talk(runtime, QUESTION, "näytä lisää", "👍", "/lopeta", "Onko Keravalla kerhoja?")
    assert out.startswith(WELCOME)
    answer, more, thanks, rest = out.split(PROMPT)[1:5]
    n = len(ranks(answer))  # the first page is cut where the fit drops (1–5 cards)
    assert 1 <= n <= 5 and ranks(answer) == list(range(1, n + 1))
    assert "Leskien vertaisryhmä Vantaalla" in answer and "Näin mukaan:" in answer
    assert ranks(more) == list(range(n + 1, n + 6))
    assert "Kiitos palautteesta!" in thanks
    assert rest.strip() == GOODBYE  # nothing after /lopeta was read
    assert out.count(PROMPT) == 4
    with runtime.engine.connect() as conn:
        rating, asked = conn.execute(
            select(Feedback.rating, QueryLog.question).join(
                QueryLog, Feedback.query_log_id == QueryLog.id
            )
        ).one()
    # 👍 on the second page rates the answer to the question it continues
    assert (rating, asked) == (1, QUESTION)


def test_follow_up_refines_previous_question(runtime: Runtime) -> None:
    out = talk(runtime, QUESTION, "entä Keravalla?")
    kerava = out.split(PROMPT)[2]
    assert ranks(kerava) == list(range(1, len(ranks(kerava)) + 1)) and ranks(kerava)
    assert "Rajaukset: Kerava" in kerava
    assert "Leskien vertaisryhmä Vantaalla" not in kerava


def test_help_minus_one_and_end_of_input(runtime: Runtime) -> None:
    out = talk(runtime, "/apua", "-1")  # then Ctrl-D: the stream just ends
    help_text, feedback = out.split(PROMPT)[1:3]
    assert "Autan löytämään järjestöjen palveluja" in help_text
    assert "En löydä vastausta" in feedback  # nothing answered yet in this conversation
    assert out.rstrip().endswith(GOODBYE)
