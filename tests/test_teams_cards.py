"""Adaptive Cards for Teams: the reply card, the contact-form card, and Activity translation."""

from __future__ import annotations

import json
import re
from typing import Any

from microsoft_agents.activity import Activity

from bot.teams.activity import incoming, reply_activity
from bot.teams.cards import MAX_CARD_CHARS, reply_card
from bot.teams.contact import contact_card, done_card
from handlers.contact.form import validate_contact_form
from handlers.labels import label
from handlers.messages import (
    Choice,
    Choices,
    FormRequest,
    GuidanceExcerpt,
    Notice,
    Reply,
    ServiceCard,
    Text,
)
from tests.reply_samples import service_card

TRICKY = "Ryhmä *tähdille* ja [linkki](https://paha.example) _alaviiva_"


def service(
    rank: int, name: str = "Leskien vertaisryhmä", link: str | None = None, description: str = ""
) -> ServiceCard:
    return service_card(rank, name=name, link=link, description=description)


def answer(lang: str, *cards: ServiceCard) -> Reply:
    return Reply(
        [
            Text(label("services_intro", lang)),
            Notice("Rajaukset: Vantaa"),
            *cards,
            Choices(
                (
                    Choice(label("more", lang), "more"),
                    Choice(label("thumbs_up", lang), "feedback", "1"),
                    Choice(label("thumbs_down", lang), "feedback", "-1"),
                )
            ),
        ],
        language=lang,
        intent="services",
        query_id=42,
    )


def walk(node: Any) -> list[dict[str, Any]]:
    """Every object in the card, depth first."""
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        out.append(node)
        for value in node.values():
            out += walk(value)
    elif isinstance(node, list):
        for value in node:
            out += walk(value)
    return out


def submits(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [n["data"] for n in walk(card) if n.get("type") == "Action.Submit"]


def test_reply_card_structure_actions_and_plain_text_runs() -> None:
    card = reply_card(
        answer(
            "fi",
            service(1, TRICKY, link="https://lahteella.example.fi"),
            service(2, link="javascript:alert(1)"),
        )
    )
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
    assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    json.dumps(card)  # plain JSON all the way down
    types = {n.get("type") for n in walk(card)}
    assert "TextBlock" not in types  # nothing goes where Markdown would be interpreted
    runs = [n["text"] for n in walk(card) if n.get("type") == "TextRun"]
    assert any(TRICKY in r for r in runs)  # shown exactly as written
    data = submits(card)
    assert {"action": "details", "value": "1"} in data and {
        "action": "details",
        "value": "2",
    } in data
    assert {"action": "more", "value": ""} in data
    assert {"action": "feedback", "value": "1", "query_id": 42} in data
    assert {"action": "feedback", "value": "-1", "query_id": 42} in data
    links = [n["url"] for n in walk(card) if n.get("type") == "Action.OpenUrl"]
    assert links == ["https://lahteella.example.fi"]  # a javascript: link is never a button
    assert all(len(s["actions"]) <= 5 for s in walk(card) if s.get("type") == "ActionSet")


def test_details_card_has_the_description_and_no_second_details_button() -> None:
    card = reply_card(
        Reply(
            [service(2, description="Koko kuvaus.\n\nToinen kappale.")],
            language="fi",
            intent="services",
        )
    )
    runs = [n["text"] for n in walk(card) if n.get("type") == "TextRun"]
    assert "Koko kuvaus." in runs and "Toinen kappale." in runs
    assert submits(card) == []


def test_labels_follow_the_reply_language() -> None:
    sv = json.dumps(reply_card(answer("sv", service(1))), ensure_ascii=False)
    en = json.dumps(reply_card(answer("en", service(1))), ensure_ascii=False)
    assert "Så deltar man" in sv and "Visa fler" in sv and "Mer information" in sv
    assert "How to join" in en and "Show more" in en and "Näin mukaan" not in en
    assert reply_card(answer("sv", service(1)))["lang"] == "sv"


def test_long_answer_is_cut_keeping_its_buttons() -> None:
    many = [service(i, description="Pitkä kuvaus. " * 120) for i in range(1, 41)]
    card = reply_card(answer("en", *many))
    assert len(json.dumps(card, ensure_ascii=False)) <= MAX_CARD_CHARS + 500
    assert {"action": "more", "value": ""} in submits(card)  # the buttons survived
    assert "shortened to fit Teams" in json.dumps(card)


def test_guidance_bold_and_form_request() -> None:
    reply = Reply(
        [
            GuidanceExcerpt("ohje#1", "Ohje", "Lue **tämä** ensin.", None, "guidance/ohje.md"),
            FormRequest("contact", "Yhteydenottolomake"),
        ],
        language="fi",
        intent="contact",
    )
    card = reply_card(reply)
    bold = [
        n["text"] for n in walk(card) if n.get("type") == "TextRun" and n.get("weight") == "Bolder"
    ]
    assert "tämä" in bold and not any("**" in n.get("text", "") for n in walk(card))
    assert {"action": "contact_form", "value": "contact"} in submits(card)


def test_reply_activity_text_or_card() -> None:
    thanks = reply_activity(Reply([Text("Kiitos palautteesta!")], "fi", "feedback"))
    assert thanks.text == "Kiitos palautteesta!" and thanks.text_format == "plain"
    assert not thanks.attachments
    card = reply_activity(answer("fi", service(1)))
    assert (
        card.attachments
        and card.attachments[0].content_type == "application/vnd.microsoft.card.adaptive"
    )
    assert card.summary == "Nämä järjestöjen palvelut sopivat kuvaukseesi:"


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in walk(card) if str(n.get("type", "")).startswith("Input.")}


def test_contact_card_has_every_field_in_the_language() -> None:
    card = contact_card("sv")
    found = inputs(card)
    captions = {
        "organisation": "Föreningens namn",
        "business_id": "FO-nummer",
        "contact_person": "Kontaktperson",
        "email": "E-post",
        "phone": "Telefon",
        "topic": "Ämne",
        "target_unit": "Vilka tjänster gäller ärendet?",
        "message": "Meddelande",
        "consent": "Jag ger tillstånd att behandla uppgifterna för att sköta mitt ärende.",
    }
    assert list(found) == list(captions)
    required = {"organisation", "contact_person", "email", "topic", "message", "consent"}
    for name, caption in captions.items():
        assert found[name]["isRequired"] is (name in required), name
        assert (found[name].get("label") or found[name].get("title")).startswith(caption)
    topic = found["topic"]
    assert (
        topic["type"] == "Input.ChoiceSet"
        and {"title": "Lokaler", "value": "tilat"} in topic["choices"]
    )
    assert found["consent"]["type"] == "Input.Toggle" and found["consent"]["valueOn"] == "true"
    assert found["message"]["isMultiline"] is True
    email = re.compile(found["email"]["regex"])
    assert email.match("namn@forening.fi") and not email.match("ei-osoite")
    assert re.compile(found["business_id"]["regex"]).match("1234567-8")
    [send] = [n for n in walk(card) if n.get("type") == "Action.Submit"]
    assert send["data"]["action"] == "contact_submit" and send["data"]["lang"] == "sv"
    assert send["title"] == "Skicka"


def test_contact_card_shows_errors_in_place_and_keeps_values() -> None:
    typed = {"organisation": "Yhdistys ry", "email": "ei-osoite", "consent": "false"}
    _, errors = validate_contact_form(typed, "fi")
    card = contact_card("fi", typed, errors)
    assert inputs(card)["organisation"]["value"] == "Yhdistys ry"
    assert inputs(card)["email"]["errorMessage"] == errors["email"]
    runs = [n["text"] for n in walk(card) if n.get("type") == "TextRun"]
    assert errors["email"] in runs and errors["consent"] in runs
    done = json.dumps(done_card("YT-2025-000007", "en", emailed=True))
    assert "YT-2025-000007" in done and "confirmation by e-mail" in done


def activity(conversation: str, kind: str, **fields: Any) -> Activity:
    return Activity.model_validate(
        {
            "type": "message",
            "id": "m2",
            "channelId": "msteams",
            "text": "entä Keravalla?",
            "from": {"id": "29:x", "aadObjectId": "aad-1"},
            "recipient": {"id": "28:bot"},
            "conversation": {"id": conversation, "conversationType": kind},
            **fields,
        }
    )


def test_conversation_keys_separate_channel_threads() -> None:
    thread = incoming(activity("19:k@thread.tacv2;messageid=m1", "channel"), "x")
    assert (thread.conversation, thread.thread, thread.user) == ("19:k@thread.tacv2", "m1", "aad-1")
    reply = incoming(activity("19:k@thread.tacv2", "channel", replyToId="m1"), "x")
    assert reply.context_key == thread.context_key  # the same thread either way
    personal = incoming(activity("a:chat", "personal", replyToId="card-1"), "x")
    assert personal.thread is None and personal.context_key == "teams:a:chat:"
