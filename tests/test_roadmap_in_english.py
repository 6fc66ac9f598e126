"""Who answers for what and how far the roadmap got, asked in English or Swedish or after a story.

The knowledge is Finnish only. A Swedish or English question about the cooperation finds its
role or action through the cooperation glossary's Finnish words (the bodies, duties and
topics the knowledge itself uses), never through a case's search. "Which body…" asks who;
"Did that actually happen?" asks how far an action got, in whichever sentence it comes; a
story told before "kuka vastaa…" weighs less than the question itself. Expected ids and
statuses are read from the knowledge files.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply, RoadmapItem
from index.language.crosslingual import finnish_terms


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", f"en-{text}", text))


def role_with_duty(rt: Runtime, *words: str) -> str:
    """The one role whose duties name all these words (read from roles.yaml)."""
    found = [
        r.id
        for r in rt.kb.roles.values()
        if any(all(w in d.lower() for w in words) for d in r.responsibilities)
    ]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("question", "duty"),
    [
        (
            "Which body approves the rules of procedure of the NGO advisory board?",
            ("toimintasäännön", "hyväksy"),
        ),
        (
            "Vilket organ tillsätter delegationen och godkänner dess arbetsordning?",
            ("toimintasäännön", "hyväksy"),
        ),
        (
            "Who publishes the cooperation pages on the website and the intranet?",
            ("verkkosivujen", "julkaisu"),
        ),
        (
            "Vem uppdaterar webbplatsen och intranätet om föreningssamarbetet?",
            ("verkkosivujen", "julkaisu"),
        ),
        # one English word, several Finnish synonyms ("models": malli, toimintamalli) counts once
        (
            "Who develops the models for co-creation and carries out the participation programme?",
            ("osallisuusohjelman", "toteuttaminen"),
        ),
    ],
)
def test_a_role_asked_in_english_or_swedish_by_its_duty(rt, question, duty):
    reply = ask(rt, question)
    assert reply.intent in ("roadmap", "guidance")
    assert role_with_duty(rt, *duty) in [r.id for r in reply.results[:3]]


def test_the_story_before_who_weighs_less_than_the_question(rt):
    """The association's message names a service centre and a group; the question asks who
    answers for premises and their bookings: the premises unit, not the service divisions."""
    premises = role_with_duty(rt, "varauskäytäntöjen")
    reply = ask(
        rt,
        'Yhdistykseltä tuli viesti: "Saisimmeko pitää muistiryhmää teidän palvelukeskuksenne '
        'salissa?" Kuka hyvinvointialueella oikeasti vastaa tiloista ja niiden varauksista?',
    )
    ids = [r.id for r in reply.results]
    assert premises in ids[:3]
    divisions = next(r.id for r in rt.kb.roles.values() if "toimialat" in r.name.lower())
    assert divisions not in ids[:3] or ids.index(premises) < ids.index(divisions)


@pytest.mark.parametrize(
    "question",
    [
        "Quick question: the roadmap promised a model for measuring how well the cooperation "
        "works in 2024. Did that actually happen?",
        "Toteutuiko se yhteistyön onnistumisen mittaamisen malli vuonna 2024?",
    ],
)
def test_did_it_happen_gives_the_action_and_its_status(rt, question):
    roadmap = rt.kb.roadmap
    assert roadmap is not None
    action = next(
        a
        for g in roadmap.goals
        for w in g.workstreams
        for a in w.actions
        if a.year == 2024 and "mittaami" in a.text.lower()
    )
    reply = ask(rt, question)
    assert reply.results[0].id == action.id
    shown = [p for p in reply.parts if isinstance(p, RoadmapItem)]
    assert shown and shown[0].status is not None


def test_the_cooperation_words_never_reach_a_case():
    """ "strategy" names the county's strategy work in a question on the roadmap; a case's
    search gets only the needs glossary's words."""
    q = "How does the roadmap involve associations in the county's strategy work?"
    assert "strategia" not in finnish_terms(q, "en").split()
    assert "strategia" in finnish_terms(q, "en", cooperation=True).split()
    case = "My client is a lonely 80-year-old man who would like to meet people."
    assert finnish_terms(case, "en", cooperation=True) == finnish_terms(case, "en")


@pytest.mark.parametrize(
    "question",
    [
        "Vår förening vill erbjuda kamratstödsgrupper till en mottagning. Vem ska vi kontakta?",
        "Our association has an idea for working with a family centre. Who should we contact?",
    ],
)
def test_whom_an_association_contacts_is_the_common_contact_form(rt, question):
    form = next(d for d in rt.kb.guidance if "yhteydenottolomake" in d.id)
    reply = ask(rt, question)
    assert reply.results[0].id.partition("#")[0] == form.id


def test_a_filler_adverb_names_no_duty(rt):
    """ "käytännössä" (in practice) is no one's "käytännöt" (practices): the premises unit
    answers for the terms on which associations use the county's premises."""
    premises = role_with_duty(rt, "varauskäytäntöjen")
    reply = ask(
        rt,
        "Kuka meillä käytännössä vetää sitä työtä, jossa sovitaan millä ehdoilla "
        "yhdistykset pääsee meidän tiloihin?",
    )
    assert premises in [r.id for r in reply.results[:3]]
