"""`/yhteydenotto` in Slack: the modal, its validation and storage, coordinator buttons."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import select

from bot.runtime import Runtime
from store.contact_models import ContactRequest
from tests import slack_requests
from tests.slack_requests import Slack, click

fake_slack, knowledge_index_dir = slack_requests.fake_slack, slack_requests.knowledge_index_dir
runtime, slack = slack_requests.runtime, slack_requests.slack


def test_contact_command_opens_the_form_and_stores_it(slack: Slack, runtime: Runtime) -> None:
    assert slack.command("/yhteydenotto", "", "C0KANAVA", "yt1").status_code == 200
    opened = slack.fake.wait_for("views.open").params
    assert opened["trigger_id"] == "trig-yt1"
    view = opened["view"]
    assert view["callback_id"] == "contact_form" and view["title"]["text"] == "Yhteydenotto"
    fields = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert fields[:4] == ["organisation", "business_id", "contact_person", "email"]
    assert "consent" in fields

    def submit(values: dict[str, Any]) -> httpx.Response:
        state = {"values": {name: {"value": v} for name, v in values.items()}}
        payload = {
            "type": "view_submission",
            "team": {"id": "T0TEAM"},
            "api_app_id": "A0APP",
            "user": {"id": "U0ASK", "username": "kysyja", "name": "kysyja"},
            "view": {**view, "id": "V0LOMAKE", "state": state},
        }
        return slack.interaction(payload)

    values: dict[str, Any] = {
        "organisation": {"type": "plain_text_input", "value": "Testiyhdistys ry"},
        "contact_person": {"type": "plain_text_input", "value": "Testi Henkilö"},
        "email": {"type": "plain_text_input", "value": "ei-sahkoposti"},
        "topic": {"type": "static_select", "selected_option": {"value": "tilat"}},
        "message": {"type": "plain_text_input", "value": "Tarvitsemme kokoustilan."},
        "consent": {"type": "checkboxes", "selected_options": [{"value": "on"}]},
    }
    wrong = submit(values)
    assert wrong.status_code == 200 and wrong.json()["response_action"] == "errors"
    assert "sähköpostiosoite" in wrong.json()["errors"]["email"]

    values["email"] = {"type": "plain_text_input", "value": "testi@yhdistys.fi"}
    done = submit(values)
    assert done.json()["response_action"] == "update"
    assert "YT-" in json.dumps(done.json()["view"])
    again = submit(values)  # a second press of "Lähetä": the same request, not a new one
    assert json.dumps(again.json()["view"]) == json.dumps(done.json()["view"])
    with runtime.engine.connect() as conn:
        rows = conn.execute(
            select(ContactRequest).where(ContactRequest.organisation == "Testiyhdistys ry")
        ).all()
    assert len(rows) == 1 and rows[0].channel == "slack" and rows[0].topic == "tilat"
    receipt = slack.fake.wait_for("chat.postMessage")
    assert receipt.params["channel"] == "U0ASK" and rows[0].reference in receipt.params["text"]

    # A coordinator takes the request from the channel notification, then resolves it.
    notice = {
        "ts": "1700000800.000100",
        "text": "Uusi yhteydenotto",
        "blocks": [
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": "contact_take",
                        "value": rows[0].reference,
                        "text": {"type": "plain_text", "text": "Otan käsittelyyn"},
                    },
                    {
                        "type": "button",
                        "action_id": "contact_resolve",
                        "value": rows[0].reference,
                        "text": {"type": "plain_text", "text": "Ratkaistu"},
                    },
                ],
            }
        ],
    }
    click(slack, notice, "contact_take", channel="C0KOORD")
    taken = slack.fake.wait_for("chat.postMessage", 2).params
    assert taken["thread_ts"] == "1700000800.000100" and "käsittelyssä" in taken["text"]
    click(slack, notice, "contact_take", channel="C0KOORD")  # twice: refused, privately
    assert "on jo tilassa" in slack.fake.wait_for("chat.postEphemeral").params["text"]
    click(slack, notice, "contact_resolve", channel="C0KOORD")
    assert "ratkaistu" in slack.fake.wait_for("chat.postMessage", 3).params["text"]
    with runtime.engine.connect() as conn:
        status = conn.execute(
            select(ContactRequest.status, ContactRequest.owner).where(
                ContactRequest.reference == rows[0].reference
            )
        ).one()
    assert tuple(status) == ("ratkaistu", "Slack: kysyja")
