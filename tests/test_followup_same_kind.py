"""A language or an age told in a follow-up keeps the need: the same kind of service in that
language, or for that age, is a fit, and where there is none the answer says so instead of
calling whatever is left a fit."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bot.evaluation.conversations import evaluate_conversations
from bot.evaluation.questions import load_questions
from bot.runtime import Runtime
from bot.terminal.render import render_text
from handlers.labels import label
from handlers.messages import Incoming, Notice, Reply, ServiceCard
from handlers.same_kind import changed_facets
from index.search.facets import Filters
from index.search.service_kind import outgrown, same_kind


def _talk(rt: Runtime, thread: str, *turns: str) -> list[Reply]:
    return [rt.router.handle(Incoming("test", "u1", thread, t, thread="t1")) for t in turns]


def _shown(rt: Runtime, reply: Reply) -> list:
    return [rt.kb.service(p.id) for p in reply.parts if isinstance(p, ServiceCard)]


def _notices(reply: Reply) -> str:
    return " ".join(p.text for p in reply.parts if isinstance(p, Notice))


MEMORY = (
    "Vantaalainen rouva on huolissaan 79-vuotiaasta miehestään, joka on alkanut unohdella "
    "asioita ja eksyä. Mies ei suostu lääkäriin. Mistä rouva saisi neuvoja?"
)


def test_a_language_no_service_of_that_kind_speaks_is_said_plainly(rt):
    first, then = _talk(rt, "lang-memory-ru", MEMORY, "Kumpikin puhuu ainoastaan venäjää.")
    fitted = _shown(rt, first)[0]
    assert first.fit == "good" and "muisti" in fitted.themes
    assert then.filters["language"] == "ru"
    shown = _shown(rt, then)
    assert shown and all("ru" in s.languages for s in shown[:3])
    # no Russian-speaking service is about memory: what is in Russian is not called a fit
    assert not any("muisti" in s.themes for s in shown[:3])
    assert then.fit == "partial"
    said = _notices(then)
    assert label("no_same_kind", "fi", name=fitted.name["fi"], what="venäjä") in said


def test_a_language_with_a_service_of_the_same_kind_stays_a_fit(rt):
    first, then = _talk(
        rt,
        "lang-debt-ar",
        "Hakunilassa asuva 47-vuotias nainen on velkakierteessä ja ulosotto on alkanut. "
        "Mistä hän saisi apua?",
        "Hän puhuu vain arabiaa.",
    )
    assert first.fit == "good" and "talous" in _shown(rt, first)[0].themes
    shown = _shown(rt, then)
    # debt advice in Arabic is tagged for its speakers, not for the indebted: still a fit
    assert shown and "ar" in shown[0].languages and "talous" in shown[0].themes
    assert then.fit == "good"
    assert "”" not in _notices(then)


@pytest.mark.parametrize(
    "case, news",
    [
        (
            "Keravan Ahjossa asuvalla 50-vuotiaalla miehellä on useita pikavippejä ja "
            "maksuhäiriö, ulosotto on alkanut. Hän tarvitsee apua velkojen selvittelyyn.",
            "Raha-asioista hän ei pysty puhumaan suomeksi. Hänen kielensä on arabia. "
            "Löytyykö neuvontaa arabiaksi?",
        ),
        (
            "Keravalla asuva 38-vuotias nainen on saanut ulosottoon useita laskuja ja tarvitsee "
            "apua talouden suunnitteluun ja velkojen hoitoon.",
            "Suomi ei riitä hänelle näin vaikeisiin asioihin, hän puhuu arabiaa. Onko "
            "neuvontaa hänen kielellään?",
        ),
    ],
)
def test_a_language_whose_services_are_about_something_else_is_said_plainly(rt, case, news):
    # Kerava has no debt advice in Arabic; what Arabic speakers have there (a women's drop-in,
    # talks after violence) shares a broad tag with it but is far from the need. The answer
    # says nothing there fits exactly, and shows money advice in Arabic beyond Kerava, marked.
    first, then = _talk(rt, f"lang-far-{hash(case)}", case, news)
    fitted = _shown(rt, first)[0]
    assert first.fit == "good" and "talous" in fitted.themes
    assert then.filters["language"] == "ar"
    shown = _shown(rt, then)
    assert shown and "talous" not in shown[0].themes
    assert then.fit == "partial"
    assert label("fit_partial", "fi") in render_text(then)
    beyond = [
        (c, s)
        for c in then.parts
        if isinstance(c, ServiceCard)
        and (s := rt.kb.service(c.id))
        and "talous" in s.themes
        and "ar" in s.languages
    ]
    assert beyond, [s.id for s in shown]  # the nearest of the need, beyond the place
    assert all("kerava" not in s.municipalities and c.unmet == ("Kerava",) for c, s in beyond)


def test_a_new_language_or_age_is_a_changed_constraint():
    old = Filters(municipality="kerava", age=40)
    assert changed_facets(old, replace(old, language="sv")) == ["language"]
    assert changed_facets(old, replace(old, age=15)) == ["age"]
    was = replace(old, language="sv")
    assert changed_facets(was, replace(was, language=None, age=None)) == []  # nothing new asked


RAINBOW_YOUTH = "kaikki-varit-ry/sateenkaarinuorten-ilta"  # 13–17, for rainbow youth
TRANS_17 = (
    "Tikkurilalainen 17-vuotias kertoi minulle olevansa transsukupuolinen. Koulussa hän on "
    "yksin, ja hän haluaisi tavata muita samanlaisia nuoria."
)


def test_an_age_past_the_service_that_fitted_is_said_plainly(rt):
    first, then = _talk(
        rt,
        "age-rainbow-18",
        TRANS_17,
        "Korjaan: hän täytti jo 18 viime kuussa.",
    )
    assert first.fit == "good" and _shown(rt, first)[0].id == RAINBOW_YOUTH
    assert then.filters["age"] == 18
    shown = _shown(rt, then)
    # the youth evening only after the three nearest, its card saying the age it misses
    assert shown and RAINBOW_YOUTH not in [s.id for s in shown[:3]]
    card = next(p for p in then.parts if isinstance(p, ServiceCard) and p.id == RAINBOW_YOUTH)
    assert any("18" in u for u in card.unmet)
    # no group for rainbow adults: loneliness groups for 18-year-olds are not called a fit
    assert then.fit == "partial"
    assert label("age_near_miss", "fi") in _notices(then)


def test_an_age_still_within_the_service_that_fitted_stays_a_fit(rt):
    first, then = _talk(
        rt,
        "age-rainbow-15",
        TRANS_17,
        "Korjaan: hän on vasta 15.",
    )
    assert first.fit == "good"
    assert then.fit == "good" and _shown(rt, then)[0].id == RAINBOW_YOUTH
    assert label("age_near_miss", "fi") not in _notices(then)


def test_outgrown_asks_the_most_specific_tag_at_an_age_near_the_limit(rt):
    kb = rt.kb
    loneliness = ["nuorten-mielitila-ry/olohuone-tikkurila"]  # 16–29, young people, lonely
    assert outgrown(kb, RAINBOW_YOUTH, loneliness, 18)
    assert outgrown(kb, RAINBOW_YOUTH, loneliness, 12)  # a year too young
    assert not outgrown(kb, RAINBOW_YOUTH, loneliness, 15)  # within its limit
    assert not outgrown(kb, RAINBOW_YOUTH, loneliness, 30)  # decades past: not asked about it
    # a service for rainbow people with an age limit of its own is of the same kind
    assert not outgrown(kb, RAINBOW_YOUTH, [RAINBOW_YOUTH], 18)
    # a service without an age limit of its own was never outgrown
    assert not outgrown(kb, "yksin-ja-yhdessa-ry/vertaisilta-tikkurila", loneliness, 15)
    # the young mothers' group (16-24) asked about a 27-year-old: outgrown by a mother, not
    # by a father, whom it was never for
    young_mothers, fathers = (
        "vantaan-taaperotupa-ry/nuorten-aitien-ryhma",
        ["isien-verstas-ry/isa-lapsi-lauantait-korso"],
    )
    assert outgrown(kb, young_mothers, fathers, 27, "f")
    assert not outgrown(kb, young_mothers, fathers, 27, "m")


def test_a_father_asked_about_after_a_young_mother_is_not_told_her_group_misses_his_age(rt):
    first, then = _talk(
        rt,
        "father-after-mother",
        "Neuvolasta: 22-vuotias äiti muutti Vantaalle miehensä työn takia, vauva on puolivuotias. "
        "Hän ei tunne täältä ketään ja on yksinäinen.",
        "Entä vauvan isä, 28? Hänkin kaipaisi juttuseuraa muista isistä.",
    )
    # the premise: the mother was shown the young mothers' group
    assert any("äiti" in s.name["fi"].lower() for s in _shown(rt, first))
    assert then.filters["age"] == 28
    assert label("age_near_miss", "fi") not in _notices(then)
    shown = _shown(rt, then)[:3]
    assert not any("äiti" in s.name["fi"].lower() for s in shown)


def test_conversation_eval_counts_a_hedge_where_an_exact_fit_is_shown(rt, tmp_path):
    def judged(cid: str, relevant: dict[str, int], no_exact: bool) -> dict:
        return {
            "id": cid,
            "kind": "followup:language",
            "turns": [MEMORY, "Kumpikin puhuu ainoastaan venäjää."],
            "relevant": relevant,
            "constraints_last": {"municipality": "vantaa", "language": "ru"},
            "expect_no_exact": no_exact,
        }

    convs = [
        judged("memory-ru", {"muistipolku-ry/muistineuvonta": 1}, True),
        # judged, for the sake of the test, as if the Russian answer fitted exactly
        judged("memory-ru-judged-exact", {"ikasilta-ry/venajankielinen-seniorikerho": 2}, False),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in convs), "utf-8")
    report = evaluate_conversations(rt.router, rt.kb, load_questions(path))
    honest, judged_exact = report.outcomes
    assert honest.honest is True and honest.hedged is None and honest.fit == "partial"
    assert judged_exact.honest is None and judged_exact.hedged is True
    summary = report.summary(report.outcomes)
    assert summary["honest_no_exact"] == 1.0 and summary["hedge"] == 1.0


def test_free_asked_after_a_swedish_exercise_case_names_the_paid_group_it_lacks(rt):
    # The knowledge's only group exercise for seniors in Swedish in Vantaa costs a term fee.
    swedish_exercise = [
        s
        for s in rt.kb.services
        if "sv" in s.languages
        and "liikunta" in s.themes
        and "ikaantyneet" in s.target_groups
        and "vantaa" in s.municipalities
    ]
    assert len(swedish_exercise) == 1 and swedish_exercise[0].cost == "fee"
    paid = swedish_exercise[0]
    first, then = _talk(
        rt,
        "free-sv-exercise",
        "Min klient är en 79-årig svenskspråkig kvinna i Myrbacka. Hon vill gärna röra på sig "
        "tillsammans med andra, på svenska.",
        "Hon har bara garantipension och har inte råd med några avgifter alls.",
    )
    assert first.fit == "good" and then.filters["cost"] == "free"
    assert then.fit == "partial"
    name = paid.name.get("sv") or paid.name["fi"]
    assert label("no_same_kind", "sv", name=name, what=label("cost_free", "sv")) in _notices(then)
    # the paid group itself is shown after the three nearest that are free, said not to be
    shown = [s.id for s in _shown(rt, then)]
    assert paid.id in shown and shown.index(paid.id) == 3
    card = next(p for p in then.parts if isinstance(p, ServiceCard) and p.id == paid.id)
    assert card.unmet


def test_remote_asked_after_a_near_answer_keeps_the_kind_of_its_best_service(rt):
    # The only peer group for depression meets in person; the first answer already said it
    # does not fit exactly. Asked remote, the single parents' online evening is no such group.
    first, then = _talk(
        rt,
        "remote-after-partial",
        "Vantaalainen 41-vuotias isä on ollut masentunut keväästä asti ja käy hoidossa "
        "terveysasemalla. Hän haluaisi hoidon rinnalle ryhmän, jossa voisi puhua muiden "
        "masennuksesta toipuvien kanssa.",
        "Hän hoitaa iltaisin lapsia yksin, eikä kotoa lähteminen onnistu. Olisiko jotain, "
        "mihin voisi osallistua kotoa käsin?",
    )
    best = _shown(rt, first)[0]
    assert first.fit == "partial" and "masennu" in best.name["fi"].lower()
    assert not best.online  # the group itself cannot be joined from home
    assert then.filters["online"] is True
    assert not any("masennu" in s.name["fi"].lower() for s in _shown(rt, then)[:3])
    assert then.fit == "partial"
    assert label("no_same_kind", "fi", name=best.name["fi"], what=label("online", "fi")) in (
        _notices(then)
    )


def test_a_move_keeps_a_fit_when_the_age_limited_group_was_never_about_the_clients_age(rt):
    # Nobody told the mother's age: the young mothers' group that fitted in Vantaa says the
    # case is about a baby and loneliness, and Kerava's baby club is that kind of service.
    first, then = _talk(
        rt,
        "move-unknown-age",
        "Korsolainen äiti on kotona kolmen kuukauden ikäisen vauvan kanssa eikä tunne "
        "alueelta yhtään muuta äitiä. Hän on yksinäinen. Mihin hänet voisi ohjata?",
        "Sori, perhe asuukin Keravalla.",
    )
    assert first.fit == "good" and first.filters["age"] is None
    assert then.filters["municipality"] == "kerava" and then.filters["age"] is None
    shown = _shown(rt, then)[:3]
    assert all("kerava" in s.municipalities for s in shown)
    assert any("perheet" in s.target_groups and "vanhemmuus" in s.themes for s in shown)
    assert then.fit == "good"
    assert "Samanlaista palvelua" not in _notices(then)


def test_news_of_a_move_asks_for_nothing_its_words_do_not_hedge_the_fit(rt):
    # "veljenpojan" is in no knowledge text, but the message tells where the couple moved;
    # it does not ask for a service for a nephew
    first, then = _talk(
        rt,
        "move-news-words",
        "Vantaalainen 80-vuotias mies hoitaa kotona muistisairasta vaimoaan ja on aivan "
        "uupunut. Hän kaipaisi muita samassa tilanteessa olevia puolisoita.",
        "Korjaus: pariskunta asuu nykyään Keravalla, he muuttivat kesällä veljenpojan naapuriin.",
    )
    assert first.fit == "good"
    assert then.filters["municipality"] == "kerava"
    assert "veljenpojan" not in _notices(then)
    assert then.fit == "good"
    assert any("muisti" in s.themes for s in _shown(rt, then)[:3])


def test_free_asked_a_drop_in_room_where_only_the_coffee_costs_is_a_fit(rt):
    # the seniors' living room: "Kahvi ja pulla maksavat yhteensä euron, muu toiminta on
    # maksutonta" -- the client can come and skip the coffee
    _, then = _talk(
        rt,
        "free-coffee-extra",
        "Keravalainen 78-vuotias rouva istuu päivät yksin kotona. Hän kaipaisi paikkaa, jonne "
        "voisi päivällä pistäytyä juttelemaan muiden ikäistensä kanssa.",
        "Onko jotain ilmaista? Eläke on pieni.",
    )
    assert then.filters["cost"] == "free"
    first = _shown(rt, then)[0]
    assert first.cost == "partly" and "olohuone" in first.name["fi"].lower()
    assert label("cost_met_in_part", "fi") not in _notices(then)
    assert then.fit == "good"


def test_a_move_that_leaves_no_service_of_the_kind_shows_the_one_that_fitted_after_the_rest(rt):
    # the peer group for recovering from depression meets in Vantaa; Kerava has none
    first, then = _talk(
        rt,
        "move-depression-group",
        "Tikkurilassa asuva 45-vuotias mies on ollut masentunut keväästä asti. Hän haluaisi "
        "ryhmän, jossa voisi puhua muiden masennuksesta toipuvien kanssa.",
        "Hän muuttaa Keravalle ensi kuussa. Onko siellä vastaavaa?",
    )
    fitted = _shown(rt, first)[0]
    assert first.fit == "good" and "kerava" not in fitted.municipalities
    assert then.filters["municipality"] == "kerava" and then.fit == "partial"
    shown = _shown(rt, then)
    assert all("kerava" in s.municipalities for s in shown[:3])
    # the group that fitted is the fourth card, and its card says it is not in Kerava
    assert shown[3].id == fitted.id
    card = next(p for p in then.parts if isinstance(p, ServiceCard) and p.id == fitted.id)
    assert any("Kerava" in u for u in card.unmet)
    assert label("no_same_kind", "fi", name=fitted.name["fi"], what="Kerava") in _notices(then)


def test_after_a_move_the_services_of_the_need_come_first_in_the_new_place(rt):
    # Judged cases alike know which services fit debts; after the move to Tikkurila the money
    # and debt advice comes before the housing advice the words "asunto" and "muuttaa" pull up,
    # and every service shown first is in Vantaa.
    _, moved = _talk(
        rt,
        "move-debts",
        "Keravalla asuva 45-vuotias nainen on velkaantunut pikavipeillä ja tarvitsee apua "
        "velkojen järjestelyyn.",
        "Hän muuttaa ensi kuussa Tikkurilaan. Mistä sieltä apua?",
    )
    assert moved.filters["municipality"] == "vantaa"
    shown = _shown(rt, moved)
    assert shown[0].id == "raha-arki-ry/talousneuvonta"
    assert all("vantaa" in s.municipalities for s in shown[:3])


def test_an_age_floor_is_who_may_come_not_another_kind_of_service(rt):
    # The seniors' gym (65+) fitted a 73-year-old; free asked, the seniors' free chair
    # exercise group (no age limit of its own) is the same kind of service: exercise for
    # older people. A group for 16–24-year-old mothers is still not met by an all-ages club.
    gym, chairs = "seniorivoima-ry/kuntosaliryhma", ["seniorivoima-ry/tuolijumppa"]
    assert same_kind(rt.kb, gym, chairs, age_known=True, senior_floors=False)
    # for a client the floor leaves out, the gym is still the kind asked about (a near miss)
    assert not same_kind(rt.kb, gym, chairs, age_known=True)
    young = rt.kb.service("vantaan-taaperotupa-ry/nuorten-aitien-ryhma")
    assert young.age_min is not None and young.age_max is not None
    clubs = [
        s.id
        for s in rt.kb.services
        if s.age_min is None
        and s.age_max is None
        and set(s.themes) & set(young.themes)
        and set(s.target_groups) & set(young.target_groups)
    ]
    assert clubs  # there are all-ages family services of the young mothers' themes
    assert not same_kind(rt.kb, young.id, clubs[:3], age_known=True, senior_floors=False)


def test_after_a_move_a_service_the_move_s_own_words_missed_comes_in_by_the_memory(rt):
    # A colloquial widow's case moved to Kerava: the move's own search ranks by its words
    # ("Savion puolella" pulls up a baby club), judged cases alike know the grief café. The
    # service the memory puts first is shown even when the move's own search did not reach it.
    from handlers.same_kind import lean_order

    searcher = rt.searcher
    question = (
        "Mulla on 80-vuotias rouva keravalla, mies kuoli keväällä ja nyt se vaan itkee "
        "kotona. Ois hyvä et se pääsis juttelemaan muiden leskien kanssa. Sori, sekotin: "
        "rouva asuukin Keravalla, Savion puolella."
    )
    f = searcher.filters_for(question)
    assert f.municipality == "kerava"
    leaned = searcher.search(question, filters=f, kinds=("service",), k=30, lean=True)
    known = leaned.hits[0].id  # what the memory puts first among Kerava's services
    own = searcher.search(question, filters=f, kinds=("service",), k=30, lean=False)
    own.hits = [h for h in own.hits if h.id != known]  # as if the move's words missed it
    shown_before = len(own.hits)
    lean_order(searcher, own, question, f, None, [])
    assert own.hits[0].id == known
    assert len(own.hits) == shown_before  # it takes a place, the list does not grow
