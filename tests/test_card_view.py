"""One card view for every surface: the same fields, captions and links in Slack, Teams,
the terminal and the web chat JSON, and one catalogue type for every text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.slack.render import SLACK_LABELS, render_blocks
from bot.slack.views import VIEW_TEXTS
from bot.teams.cards import TEAMS_LABELS, reply_card
from bot.teams.texts import TEXTS as TEAMS_PACKAGE_TEXTS
from bot.terminal.render import render_text
from bot.web.json_reply import render_json
from handlers.contact.texts import TEXTS as CONTACT_TEXTS
from handlers.help import HELP_TEXT
from handlers.labels import LABELS
from handlers.messages import GuidanceExcerpt, Reply, RoadmapItem
from handlers.safe_text import clip, safe_url
from handlers.texts import Catalogue
from tests.reply_samples import service_card

CATALOGUES = (
    LABELS,
    CONTACT_TEXTS,
    HELP_TEXT,
    SLACK_LABELS,
    TEAMS_LABELS,
    VIEW_TEXTS,
    TEAMS_PACKAGE_TEXTS,
)


def surfaces(reply: Reply) -> dict[str, str]:
    return {
        "slack": json.dumps(render_blocks(reply), ensure_ascii=False),
        "teams": json.dumps(reply_card(reply), ensure_ascii=False),
        "terminal": render_text(reply),
        "web": json.dumps(render_json(reply)["parts"], ensure_ascii=False),
    }


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_surface_shows_the_same_captions_in_the_reply_language(lang: str) -> None:
    reply = Reply([service_card(1, link="https://example.fi/lesket")], language=lang)
    caption = {"fi": "Näin mukaan", "sv": "Så deltar man", "en": "How to join"}[lang]
    for name, out in surfaces(reply).items():
        assert caption in out, name
        assert "https://example.fi/lesket" in out, name


def test_a_link_markup_could_break_is_shown_on_no_surface() -> None:
    reply = Reply([service_card(1, link="https://example.fi/x|<!channel> y")])
    for name, out in surfaces(reply).items():
        if name != "web":  # the web JSON keeps the part's raw fields; its view decides
            assert "<!channel>" not in out, name
    assert render_json(reply)["parts"][0]["view"]["link"] is None


def test_guidance_and_roadmap_show_date_and_source_everywhere() -> None:
    guidance = GuidanceExcerpt(
        "ohje#osa", "Ohje: osa", "Rivi **yksi**", dt.date(2025, 2, 3), "guidance/ohje.md"
    )
    goal = RoadmapItem("g1", "goal", "1. Tavoite", ("1. Tavoite",), "", source="Lautakunta")
    for name, out in surfaces(Reply([guidance, goal])).items():
        assert "guidance/ohje.md" in out and "2025-02-03" in out, name
        assert "Järjestöyhteistyön tiekartta, Lautakunta" in out, name


def test_every_catalogue_has_finnish_and_falls_back_to_it() -> None:
    for catalogue in CATALOGUES:
        assert len(catalogue) > 0
        key = next(iter(catalogue))
        assert catalogue.get(key, "de") == catalogue.get(key, "fi")
    assert LABELS.get("why_age", "sv-SE", v=7) == "passar 7-åring"
    with pytest.raises(ValueError, match="broken"):
        Catalogue("broken", {"x": {"sv": "bara svenska"}})


def test_a_catalogue_file_without_finnish_names_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "labels.yaml"
    path.write_text("ok:\n  fi: Hyvä\nnew_label:\n  sv: bara svenska\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.yaml: .*new_label"):
        Catalogue.from_file(path)
    path.write_text("new_label: just text\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"labels\.yaml: .*new_label"):
        Catalogue.from_file(path)


def test_clip_and_safe_url() -> None:
    assert clip("abcdef", 4) == "abc…" and clip("abc", 4) == "abc"
    assert safe_url("https://example.fi/a?b=1") == "https://example.fi/a?b=1"
    for bad in ("javascript:alert(1)", "https://a.fi/<x>", 'https://a.fi/"', "http://a b", None):
        assert safe_url(bad) is None


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_card_shown_beyond_a_constraint_says_which_on_every_surface(lang: str) -> None:
    card = dataclasses.replace(service_card(4), unmet=("ikä 34", "<b>Kerava</b> *x*"))
    caption = {"fi": "Ei täytä ehtoa", "sv": "Uppfyller inte", "en": "Does not meet"}[lang]
    for name, out in surfaces(Reply([card], language=lang)).items():
        assert caption in out and "ikä 34" in out, name
    out = surfaces(Reply([card], language=lang))
    assert "<b>" not in out["slack"]  # escaped in mrkdwn
    run = {"type": "TextRun", "text": "ikä 34, <b>Kerava</b> *x*"}  # a plain run: as typed
    assert json.dumps(run, ensure_ascii=False) in out["teams"]
    plain = surfaces(Reply([service_card(1)], language=lang))
    assert all(caption not in out for out in plain.values())
