"""A case that also asks how to get the client there is answered with the guidance first.

The roadmap's binding goal is that staff know the associations' services and guide clients
to them; a worker who asks both gets both: the guidance section on guiding a client (read
from the knowledge, never written here), then the services as for any case.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from handlers.labels import label
from handlers.messages import GuidanceExcerpt, Incoming, Reply, ServiceCard, Text

REFERRAL_GUIDE = "asiakkaan-ohjaaminen-jarjestoon"


def ask(rt: Runtime, text: str) -> Reply:
    return rt.router.handle(Incoming("test", "u1", f"refer-{text}", text))


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "Mulla on asiakkaana 70-vuotias mies Hakunilasta, joka on jäänyt vaimonsa kuoleman "
            "jälkeen ihan yksin eikä jaksa lähteä kotoa. Miten saisin hänet mukaan jonkin "
            "yhdistyksen toimintaan?",
            "fi",
        ),
        (
            "Min klient är en ensam 80-årig kvinna i Dickursby som inte vågar ringa själv. "
            "Kan jag ringa åt henne?",
            "sv",
        ),
        (
            "My client is a lonely 75-year-old man in Tikkurila who is too shy to call anyone. "
            "How can I help him get to an association's activities?",
            "en",
        ),
        # passing the client's contact details on: the guide says her consent comes first
        (
            "Asiakkaana 45-vuotias nainen Myyrmäestä, joka on masentunut eikä jaksa soittaa "
            "mihinkään. Voinko antaa hänen puhelinnumeronsa yhdistykselle, että ne soittaisi?",
            "fi",
        ),
        (
            "My client is a tired 60-year-old carer in Kerava. Can I pass on her phone number "
            "to the association so that they call her?",
            "en",
        ),
    ],
)
def test_a_case_asking_how_to_get_the_client_there_leads_with_the_guidance(rt, question, lang):
    reply = ask(rt, question)
    assert reply.intent == "services"
    first = reply.parts[:2]
    assert isinstance(first[0], Text) and first[0].text == label("how_to_refer", lang)
    assert isinstance(first[1], GuidanceExcerpt)
    assert first[1].id.split("#")[0] == REFERRAL_GUIDE
    assert reply.results[0].id == first[1].id and reply.results[0].kind == "guidance"
    # and the services, as for any case
    assert any(isinstance(p, ServiceCard) for p in reply.parts[2:])
    assert any(r.kind == "service" for r in reply.results[1:])


def test_how_could_i_help_her_alone_asks_for_services_only(rt):
    reply = ask(
        rt,
        "Asiakkaana 82-vuotias leski Korsosta, joka on ollut kovin yksinäinen. "
        "Miten voisin auttaa häntä?",
    )
    assert reply.intent == "services"
    assert not any(isinstance(p, GuidanceExcerpt) for p in reply.parts[:2])
    assert all(r.kind == "service" for r in reply.results)
