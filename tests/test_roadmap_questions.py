"""Roadmap, guidance and "who answers for what" questions, worded as staff write them.

Every question goes through the real router over the repo's knowledge; the
expected answers are read from the knowledge files, never written out here.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.messages import Incoming, Reply, RoadmapItem, RoleCard
from index.knowledge.model import Action


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", f"c-{text}", text))


def ids(reply: Reply) -> list[str]:
    return [r.id for r in reply.results]


def actions(rt: Runtime) -> list[tuple[str, str, Action]]:
    r = rt.kb.roadmap
    assert r is not None
    return [(g.id, w.id, a) for g in r.goals for w in g.workstreams for a in w.actions]


# -- status filters ---------------------------------------------------------------------


def test_a_topic_and_a_status_list_only_that_topics_unfinished_actions(rt):
    reply = ask(rt, "Mitä tilojen osalta jäi vuonna 2024 toteutumatta?")
    want = {
        a.id
        for _, w, a in actions(rt)
        if w == "t2-yhteiset-tilat" and a.year == 2024 and a.status == "osittain"
    }
    assert reply.intent == "roadmap"
    assert set(ids(reply)[: len(want)]) == want
    shown = [p for p in reply.parts if isinstance(p, RoadmapItem)]
    assert {p.id for p in shown[: len(want)]} == want
    assert all("osittain" in (p.status or "") for p in shown[: len(want)])


def test_has_it_been_done_as_planned_shows_that_topics_actions_first(rt):
    # A yes/no question with a passive perfect asks how the topic's actions stand,
    # whatever their status; the search alone ranked guidance and roles above them.
    for question, workstream in (
        ("Onko avustushakuprosessia kehitetty suunnitellusti?", "t2-rahoitus-ja-resurssit"),
        ("Onko järjestöyhteistyön viestintää kehitetty?", "t3-yhteistyon-sisainen-viestinta"),
        ("Have the grant principles been updated as planned?", "t2-rahoitus-ja-resurssit"),
    ):
        reply = ask(rt, question)
        topic = {a.id for _, w, a in actions(rt) if w == workstream}
        assert reply.intent == "roadmap", question
        assert ids(reply)[0] in topic, question
        first = next(p for p in reply.parts if isinstance(p, RoadmapItem))
        assert first.id in topic and first.status, question


def test_last_year_means_the_year_the_report_assessed(rt):
    reply = ask(rt, "Mitkä toimenpiteet saatiin viime vuonna valmiiksi?")
    done = [a.id for _, _, a in actions(rt) if a.status == "toteutuu"]
    assert {a.year for _, _, a in actions(rt) if a.status == "toteutuu"} == {2024}
    assert ids(reply)[: len(done)] == done


def test_carried_over_actions_are_listed_without_the_word_toimenpide(rt):
    reply = ask(rt, "Mitkä asiat siirtyivät edelliseltä vuodelta?")
    carried = [a.id for _, _, a in actions(rt) if a.origin == "siirtynyt-2024"]
    assert ids(reply)[: len(carried)] == carried


def test_left_unfinished_and_carried_over_lists_the_carried_over_actions(rt):
    # both "jäi kesken" and "siirrettiin": the actions carried over to this year, not every
    # action of last year that was not achieved
    reply = ask(rt, "Mitkä viime vuoden hommat jäivät kesken ja siirrettiin tälle vuodelle?")
    carried = [a.id for _, _, a in actions(rt) if a.origin == "siirtynyt-2024"]
    assert ids(reply)[: len(carried)] == carried


def test_still_in_progress_lists_every_unfinished_action(rt):
    reply = ask(rt, "Mikä tiekartasta on vielä työn alla?")
    open_ = [a.id for _, _, a in actions(rt) if a.status == "kesken"]
    assert ids(reply)[: len(open_)] == open_


def test_a_yes_no_question_about_one_action_shows_that_actions_status(rt):
    reply = ask(rt, "Onko yhteistyön arviointimalli jo valmis?")
    assert reply.intent == "roadmap"  # not a search for services
    first = next(p for p in reply.parts if isinstance(p, RoadmapItem))
    assert first.id.startswith("t1-yhteinen-suunta-ja-mittarit-")
    assert first.status


def test_missa_mennaan_is_a_status_question(rt):
    reply = ask(rt, "Missä mennään järjestöedustuksen varmistamisessa?")
    assert reply.intent == "roadmap"
    assert ids(reply)[0] == "t2-toimivat-rakenteet-2025-1"


# -- goals, achievements, metrics -------------------------------------------------------


def test_goals_by_ordinal_and_by_number_word(rt):
    assert ids(ask(rt, "Mikä on tiekartan toinen tavoite?"))[0] == "t2"
    reply = ask(rt, "Mitä tavoitteessa neljä tehdään vuonna 2025?")
    plan = [a.id for g, _, a in actions(rt) if g == "t4" and a.year == 2025]
    assert ids(reply)[: 1 + len(plan)] == ["t4", *plan]
    # "numero" between the goal and its number, in words or in digits
    assert ids(ask(rt, "Mitä tavoitteella numero kaksi halutaan saada aikaan?"))[0] == "t2"
    assert ids(ask(rt, "What is goal number 3 about?"))[0] == "t3"


def test_all_goals_are_listed_but_not_for_one_topics_goals(rt):
    assert ids(ask(rt, "Kerro kaikki tiekartan tavoitteet lyhyesti"))[:4] == [
        "t1",
        "t2",
        "t3",
        "t4",
    ]
    reply = ask(rt, "Onko viestinnälle määritelty tavoitteet?")
    assert ids(reply)[0] == "t3-yhteistyon-sisainen-viestinta-2024-1"


def test_which_goal_and_what_was_achieved_name_the_goal(rt):
    assert ids(ask(rt, "Mihin tavoitteeseen yhteiset tilat kuuluvat?"))[0] == "t2"
    reply = ask(rt, "Mitä osallisuudessa saavutettiin?")
    assert ids(reply)[0] == "t4"
    goal = next(p for p in reply.parts if isinstance(p, RoadmapItem))
    assert rt.kb.roadmap is not None
    assert goal.details == rt.kb.roadmap.goals[3].achievements_2024
    # "saatu aikaan", "accomplished": asked of the goal a topic belongs to
    reply = ask(rt, "Tiedonkulkua koskeva tavoite – mitä siinä on oikeasti saatu aikaan?")
    assert ids(reply)[0] == "t3"
    assert ids(ask(rt, "What has been accomplished under the communication goal?"))[0] == "t3"


def test_how_success_is_measured_gives_the_binding_goals_metrics(rt):
    reply = ask(rt, "Miten järjestöyhteistyön onnistumista mitataan?")
    assert ids(reply)[0] == "binding-goal"


# -- who answers for what ---------------------------------------------------------------


def test_who_collects_the_reports_is_the_role_whose_duties_say_so(rt):
    reply = ask(rt, "Kuka kerää käyttöselvitykset?")
    card = next(p for p in reply.parts if isinstance(p, RoleCard))
    assert card.id == "avustusvalmistelu"
    assert any("käyttöselvitys" in r.lower() for r in rt.kb.roles[card.id].responsibilities)
    assert card.contact


def test_who_owns_a_task_named_in_a_roles_duties(rt):
    reply = ask(rt, "Kenelle kuuluu hyvinvointitarjottimen jatkokehitys?")
    assert "hyvinvointitarjottimen-yllapito" in ids(reply)[:2]
    cards = [p for p in reply.parts if isinstance(p, RoleCard)]
    assert [c.id for c in cards][:1] == ["hyvinvointitarjottimen-yllapito"]


# -- routing: procedures are not service searches ---------------------------------------


def test_consent_and_an_association_asking_go_to_the_guidance(rt):
    reply = ask(rt, "Tarvitaanko asiakkaan suostumus, jos soitan järjestöön hänen puolestaan?")
    assert reply.intent == "guidance"
    assert ids(reply)[0].startswith("asiakkaan-ohjaaminen-jarjestoon#")
    reply = ask(rt, "Yhdistys pyysi minulta tietoa avustuksista, mitä teen?")
    assert reply.intent == "guidance"
    assert ids(reply)[0].startswith("jarjestoavustukset#")


def test_what_a_professional_may_tell_an_association_is_guidance(rt):
    reply = ask(rt, "Mitä asiakkaan tietoja saan kertoa järjestölle?")
    assert reply.intent == "guidance"
    assert ids(reply)[0].startswith("asiakkaan-ohjaaminen-jarjestoon#")


def test_a_client_described_with_mita_teen_still_gets_services(rt):
    reply = ask(rt, "Mitä teen, kun asiakkaani on yksinäinen 80-vuotias leski?")
    assert reply.intent == "services"


def test_a_status_word_in_a_guidance_question_does_not_list_the_roadmap(rt):
    reply = ask(rt, "Mitä teen, jos järjestön yhteydenotto jäi kesken?")
    assert reply.intent == "guidance"
    assert not any(isinstance(p, RoadmapItem) for p in reply.parts)


# -- the same questions in Swedish and English --------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "How does an association use the common contact form?",
        "Vem ansvarar för kontaktformuläret?",
        "Who is responsible for the shared contact form for associations?",
    ],
)
def test_the_contact_form_asked_about_in_swedish_or_english_is_not_a_service_search(rt, question):
    reply = ask(rt, question)
    assert reply.intent in ("guidance", "roadmap")
    assert any(i.startswith("yhteinen-yhteydenottolomake") for i in ids(reply)[:3])


WHO_DOES_IT = {
    "Who is responsible for association grants?": "avustusvalmistelu",
    "Vem ansvarar för föreningsbidragen?": "avustusvalmistelu",
    "Vem sköter nyhetsbrevet till föreningarna?": "viestinta",
}


@pytest.mark.parametrize(("question", "role"), WHO_DOES_IT.items())
def test_who_does_a_task_asked_in_swedish_or_english(rt, question, role):
    reply = ask(rt, question)
    assert role in [p.id for p in reply.parts if isinstance(p, RoleCard)]


def test_unfinished_actions_asked_in_swedish(rt):
    reply = ask(rt, "Vilka åtgärder är fortfarande på gång?")
    listed = [i for i in ids(reply) if i.endswith(("-2025-1", "-2025-2", "-2025-3"))]
    assert len(listed) >= 3  # the 2025 actions, which are all in progress


# The report's own words for the statuses (board report 18.3.2025: "Arvio toteutumisesta")
REPORT_WORDS = {
    "toteutuu": "toteutuu",
    "osittain": "toteutuu osittain",
    "ei-toteudu": "ei toteudu",
    "kesken": "kesken",
}


@pytest.mark.parametrize(
    ("question", "translated"),
    [
        (
            "Has the aim of getting to know each other better been achieved?",
            ("achieved", "progress"),
        ),
        ("Hur gick det med aktörernas roller och ansvarsfördelning under 2024?", ("delvis",)),
    ],
)
def test_a_status_in_swedish_or_english_also_quotes_the_reports_own_words(rt, question, translated):
    # Readers quote the report's Finnish words, so a translated status keeps them beside it.
    reply = ask(rt, question)
    first = next(p for p in reply.parts if isinstance(p, RoadmapItem) and p.status)
    action = next(a for _, _, a in actions(rt) if a.id == first.id)
    assert any(word in first.status for word in translated)
    assert f"”{REPORT_WORDS[action.status]}”" in first.status


@pytest.mark.parametrize(
    "question",
    [
        "Miten meidän yhdistys voi saada rahaa toimintaansa hyvinvointialueelta?",
        "Vår förening behöver pengar för verksamheten, hur söker vi?",
    ],
)
def test_an_association_asking_for_money_is_shown_the_grants(rt, question):
    # everyday words for funding: the county's word, "avustus", is in none of them
    shown = [i.split("#")[0] for i in ids(ask(rt, question))[:3]]
    assert "jarjestoavustukset" in shown


@pytest.mark.parametrize(
    ("question", "workstream"),
    [
        # how far it got, in everyday words: the topic's actions with their status first
        ("Onks meillä jo valmis tapa arvioida yhteistyötä vai vieläkö sitä väännetään?", "t1-"),
        ("Onko jo varmistettu, että järjestöillä on oma edustaja työryhmissä?", "t2-"),
        # in words the roadmap does not use: the actions the search ranks for them
        ("Tunteeks henkilöstö nyt paremmin järjestöjen toimintaa, vai jäikö se puolitiehen?", "t"),
    ],
)
def test_how_far_it_got_asked_in_everyday_words_shows_actions_with_status(rt, question, workstream):
    reply = ask(rt, question)
    assert reply.intent == "roadmap"  # not services, not a guidance section first
    first = next(p for p in reply.parts if isinstance(p, RoadmapItem))
    assert first.id.startswith(workstream) and first.status


def test_referring_a_client_to_an_associations_group_is_a_how_to_question(rt):
    reply = ask(
        rt,
        "Tarviiks asiakkaalle kirjottaa joku lähete, jos haluun ohjata sen jonkun yhdistyksen "
        "vertaisryhmään?",
    )
    assert reply.intent == "guidance"
    assert ids(reply)[0].startswith("asiakkaan-ohjaaminen-jarjestoon")


@pytest.mark.parametrize(
    "question",
    [
        "kuka loppupeleissä päättää, mikä järjestö saa rahaa meiltä?",
        "En förening frågade mig om de kan få pengar av välfärdsområdet. Vad ska jag svara?",
    ],
)
def test_an_association_getting_money_is_about_the_grants(rt, question):
    reply = ask(rt, question)
    assert any(i.startswith("jarjestoavustukset") for i in ids(reply)[:3])


def test_the_goal_the_strategy_sets_is_the_binding_goal(rt):
    reply = ask(
        rt, "Mitä hyvinvointialueen strategiassa on järjestöyhteistyölle asetettu tavoitteeksi?"
    )
    assert ids(reply)[0] == "binding-goal"


def test_the_big_idea_behind_it_all_is_the_vision(rt):
    reply = ask(rt, "Mikä on se iso ajatus tän koko järjestöyhteistyön takana?")
    assert ids(reply)[0] == "vision"


def test_a_goal_described_by_its_topics_is_answered_with_a_goal(rt):
    reply = ask(
        rt, "Siinä tiekartan tavoitteessa, jossa puhutaan rahoista ja tiloista, mitä siihen kuuluu?"
    )
    assert ids(reply)[0] in {"t1", "t2", "t3", "t4"}  # a goal, not an action or a guide


@pytest.mark.parametrize(
    "question",
    [
        "Mistä mä saan selville kuka meidän yksikössä on se järjestöasioiden yhdyshenkilö?",
        "Yks yhdistys kysyi saako ne pitää vertaisryhmää meidän perhekeskuksen tiloissa iltaisin.",
    ],
)
def test_a_units_contact_person_and_its_premises_are_about_the_cooperation(rt, question):
    assert ask(rt, question).intent in ("roadmap", "guidance")


def test_whether_the_delegation_already_runs_is_asked_of_the_roadmap(rt):
    # spoken "onks … vai onks …" asks once; "jo pyörimässä", "suunnitteluvaiheessa" ask how
    # far the cooperation's own body has got, not for a service
    reply = ask(rt, "Onks se neuvottelukunta jo pyörimässä vai onks se vielä suunnitteluvaiheessa?")
    assert reply.intent in ("roadmap", "guidance")
    assert any("neuvottelukunta" in i for i in ids(reply)[:3])


def test_who_leads_the_work_is_a_question_of_roles(rt):
    # "kuka … vetää sitä työtä": who leads a piece of the county's work, though clients and
    # services are named
    reply = ask(
        rt,
        "Asiakkaat pompottelee meillä palvelusta toiseen. Kuka hyvinvointialueella vetää sitä "
        "työtä, että ihmiset ohjautuisi paremmin?",
    )
    assert reply.intent in ("roadmap", "guidance")


def test_an_association_wanting_to_develop_services_in_swedish_finds_co_development(rt):
    reply = ask(
        rt,
        "Vi vill som förening vara med och utveckla välfärdsområdets tjänster i workshoppar. "
        "Hur gör vi?",
    )
    assert reply.intent in ("roadmap", "guidance")
    assert any(i.startswith("yhteiskehittaminen") for i in ids(reply)[:3])
