"""Block Kit rendering and Slack views: within Slack's limits, escaped, in the reply's language.

Slack rejects a whole message when one limit is broken, so a user would see
nothing at all; these check the limits on replies far larger than any real one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.memory import SeenKeys
from bot.slack.core import plain_text
from bot.slack.render import fallback_text, render_blocks, share_actions
from bot.slack.views import contact_modal, home_view, submitted_values
from handlers.contact.form import FIELDS
from handlers.messages import (
    Choice,
    Choices,
    Notice,
    Reply,
    ServiceCard,
    Text,
)
from tests.reply_samples import service_card

HOSTILE = "Kerho <!channel> & <script>alert(1)</script> <https://evil.example|klikkaa>"


def card(rank: int, description: str = "", name: str = "Leskien vertaisryhmä") -> ServiceCard:
    return service_card(rank, name=name, description=description)


def all_sections(blocks: list[dict[str, Any]]) -> list[str]:
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    texts += [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    return texts


def all_buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = [b["accessory"] for b in blocks if "accessory" in b]
    return found + [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_a_huge_reply_stays_within_slack_limits() -> None:
    long = ("Pitkä kuvaus toiminnasta, jossa on paljon yksityiskohtia. " * 40 + "\n") * 4
    choices = (
        Choice("Näytä lisää", "more"),
        Choice("👍 Hyödyllinen " + "x" * 100, "feedback", "1"),
        Choice(
            "Kysy " + "hyvin pitkä esimerkkikysymys " * 100,
            "ask",
            "hyvin pitkä esimerkkikysymys " * 100,
        ),
    )
    reply = Reply(
        [
            Text("Alku " * 1500),
            Notice("Rajaukset: Vantaa"),
            *(card(i, long) for i in range(1, 40)),
            Choices(choices),
        ],
        language="fi",
        query_id=42,
    )
    extra = share_actions("avain", "fi")
    blocks = render_blocks(reply, extra)
    assert len(blocks) <= 50
    assert all(0 < len(t) <= 3000 for t in all_sections(blocks))
    buttons = all_buttons(blocks)
    assert all(len(b["text"]["text"]) <= 75 for b in buttons)
    assert all(len(b.get("value", "")) <= 2000 for b in buttons)
    # The answer's own buttons and the share button survive the cut; the cut is said.
    assert blocks[-1] == extra[0]
    assert {b["action_id"].split(":")[1] for b in blocks[-2]["elements"]} == {
        "more",
        "feedback",
        "ask",
    }
    assert "lyhennettiin" in json.dumps(blocks, ensure_ascii=False)
    feedback = next(b for b in buttons if b["action_id"].startswith("jb:feedback"))
    assert json.loads(feedback["value"]) == {"r": "1", "q": 42}  # rates this very answer
    assert len(fallback_text(reply)) <= 3000


def test_text_is_escaped_so_nothing_pings_or_links() -> None:
    reply = Reply([Text(HOSTILE), card(1, name=HOSTILE)], language="fi")
    rendered = json.dumps(render_blocks(reply), ensure_ascii=False)
    assert "<!channel>" not in rendered and "<script>" not in rendered
    assert "<https://evil.example" not in rendered
    assert "&lt;!channel&gt; &amp; &lt;script&gt;" in rendered
    assert "<https://example.fi/lesket|Linkki>" in rendered  # our own link stays a link
    assert "<!channel>" not in fallback_text(reply)


def test_short_text_fits_in_one_section_with_bold() -> None:
    blocks = render_blocks(Reply([Text("Tämä on **tärkeää**.")]))
    assert blocks == [{"type": "section", "text": {"type": "mrkdwn", "text": "Tämä on *tärkeää*."}}]


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_labels_follow_the_reply_language(lang: str) -> None:
    blocks = render_blocks(Reply([card(1)], language=lang), share_actions("k", lang))
    rendered = json.dumps(blocks, ensure_ascii=False)
    how = {"fi": "Näin mukaan", "sv": "Så deltar man", "en": "How to join"}[lang]
    assert f"_{how}:_" in rendered
    details = all_buttons(blocks)[0]
    more = {"fi": "Lisätietoja", "sv": "Mer information", "en": "Details"}[lang]
    assert details["text"]["text"] == more and details["value"] == "1"
    share = {"fi": "Jaa kanavalle", "sv": "Dela i kanalen", "en": "Share to channel"}[lang]
    assert all_buttons(blocks)[-1]["text"]["text"] == share


def test_slack_markup_becomes_what_the_user_typed() -> None:
    typed = (
        "<@U0JBOT>  Onko <#C123|yleinen> kanavalla &amp; "
        "<https://example.fi|tämä> tai <mailto:a@b.fi|a@b.fi> &lt;ok&gt;? <!here>"
    )
    assert plain_text(typed) == "Onko #yleinen kanavalla & tämä tai a@b.fi <ok>?"


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_contact_modal_has_every_field_within_limits(lang: str) -> None:
    view = contact_modal(lang, {"channel": "C1"})
    assert view["callback_id"] == "contact_form" and len(view["blocks"]) <= 100
    assert len(view["title"]["text"]) <= 24 and len(view["submit"]["text"]) <= 24
    inputs = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert list(inputs) == [f.name for f in FIELDS]
    for f in FIELDS:
        block = inputs[f.name]
        assert block["optional"] is (not f.required)
        assert len(block["label"]["text"]) <= 2000
        for option in block["element"].get("options", []):
            assert len(option["text"]["text"]) <= 75
        assert block["element"].get("max_length", 0) <= 3000
    assert json.loads(view["private_metadata"]) == {"lang": lang, "channel": "C1"}


def test_modal_answers_are_read_back_per_field() -> None:
    state = {
        "values": {
            "organisation": {"value": {"type": "plain_text_input", "value": "Yhdistys ry"}},
            "topic": {"value": {"type": "static_select", "selected_option": {"value": "tilat"}}},
            "target_unit": {"value": {"type": "static_select", "selected_option": None}},
            "consent": {"value": {"type": "checkboxes", "selected_options": [{"value": "on"}]}},
        }
    }
    values = submitted_values({"state": state})
    assert values["organisation"] == "Yhdistys ry" and values["topic"] == "tilat"
    assert values["target_unit"] == "" and values["consent"] == "on" and values["email"] == ""


def test_home_tab_lists_commands_and_examples() -> None:
    view = home_view()
    rendered = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and "/jarjesto" in rendered and "/yhteydenotto" in rendered
    assert "Velkaneuvontaa arabiaksi Vantaalla?" in rendered


def test_seen_keys_claim_once_then_forget_after_ttl() -> None:
    now = [0.0]
    seen = SeenKeys(ttl=60, max_items=3, clock=lambda: now[0])
    assert seen.claim("event:Ev1") and not seen.claim("event:Ev1")
    now[0] = 61
    assert seen.claim("event:Ev1")  # a day-old id may come again: Slack won't retry that late
    for key in ("a", "b", "c", "d"):
        seen.claim(key)
    assert len(seen) == 3  # bounded
