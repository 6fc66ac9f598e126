"""Questions the roadmap answers by its structure, not by similarity.

"Mitkä vuoden 2024 toimenpiteet eivät toteutuneet kokonaan?" is a filter over
statuses, and "mitkä ovat tavoitteet?" is the list of goals; a similarity search
would return a few look-alike actions instead of the complete, correct list.

A status filter covers the whole roadmap when the question names no topic of its
own ("mikä tiekartasta on yhä kesken?"). When it does ("mitä jäi viestinnän
puolella tekemättä?"), the filter keeps the actions the search ranked for that
topic. A topic word is one that matches few of the roadmap's own action texts and
workstream titles: "viestintä" names a topic, "järjestöyhteistyö" does not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from handlers.roadmap_goal_words import goal_numbers
from index.knowledge.model import Action, Roadmap
from index.knowledge.roadmap import STATUSES

_YEAR = re.compile(r"\b(202[2-9])\b")
_LAST_YEAR = re.compile(
    r"\b(?:viime\s+vuo\w*|edellis\w*\s+vuo\w*|last\s+year|previous\s+year|förra\s+året|i\s+fjol)",
    re.I,
)
_THIS_YEAR = re.compile(
    r"\b(?:tänä\s+vuonna|tämän\s+vuoden|this\s+year|i\s+år|nyt\s+vuonna)\b", re.I
)
_NOT_ACHIEVED = re.compile(
    r"\b(?:ei(?:vät)?\s+(?:ole\s+)?toteutu\w*|"
    r"jäi(?:vät)?\s+(?:\w+\s+){0,3}(?:kesken|toteutumatta|tekemättä)|"
    r"toteutumat\w*|tekemättä|osittain|puutteellisesti|not\s+(?:fully\s+)?achieved|"
    r"partly|partially|delvis|inte\s+(?:helt\s+)?genomför\w*)",
    re.I,
)
_ACHIEVED = re.compile(
    r"\b(?:toteutui|toteutuivat|toteutuneet|toteutuneita|achieved|genomfördes|valmistui\w*|"
    r"saatiin\s+(?:\w+\s+){0,3}(?:maaliin|valmiiksi|tehtyä|toteutettua))\b",
    re.I,
)
_IN_PROGRESS = re.compile(
    r"\b(?:kesken|työn\s+alla|tekeillä|meneillään|in\s+progress|ongoing|pågår|pågående|"
    r"på\s+gång|under\s+arbete|inte\s+klar\w*|still\s+open|unfinished)\b",
    re.I,
)
# "Has it been done (as planned)?": a yes/no question with a passive perfect asks how the
# actions on its topic stand, whatever their status ("Onko avustushakua kehitetty niin kuin
# piti?", "Har principerna uppdaterats?", "Have the grant principles been updated?").
_DONE = re.compile(
    r"\b(?:\w{3,}(?:ttu|tty|stu|sty|ltu|lty)|niin\s+kuin\s+piti|suunnitellusti|"
    r"kuten\s+(?:oli\s+)?suunniteltu|\w{4,}ats|been\s+\w+ed|as\s+planned|som\s+planerat|"
    r"enligt\s+plan)\b",
    re.I,
)
# How far it got, asked in everyday words: "onks se jo valmis vai vieläkö väännetään", "jäikö
# se puolitiehen", "did it work out", "hur långt har man kommit".
_HOW_FAR = re.compile(
    r"\b(?:valmi(?:s|ina|iksi)|vieläkö|puolitie\w*|maaliin|edenny\w*|edistyny\w*|"
    r"missä\s+vaiheessa|work(?:ed)?\s+out|how\s+far|how\s+did\s+(?:it|that)\s+go|"
    r"hur\s+långt|kommit\s+(?:\w+\s+)?långt|hur\s+gick\s+det|uppnå(?:ddes|tts)|"
    # did it happen: "toteutuiko se", "saatiinks se", "did that actually happen", "blev det av"
    r"(?:toteutu|tapahtu|onnistu)(?:i|ivat)(?:ko|kö|ks)|saatiin(?:ko|ks)|"
    r"did\s+(?:it|that|this|they)\s+(?:\w+\s+)?(?:happen|get\s+done|come\s+off)|"
    r"(?:has|have)\s+(?:it|that|this|they)\s+(?:\w+\s+)?happened|"
    r"(?:was|were)\s+(?:it|that|this|they)\s+(?:\w+\s+)?(?:done|achieved|completed|finished)|"
    r"blev\s+det\s+(?:\w+\s+)?(?:av|gjort|klart)|hände\s+det|lyckades\s+(?:man|det|ni|de))\b",
    re.I,
)
# Done, or still under way? ("onks se tehty, vai onks se viel työn alla"): how far it got,
# whatever the status, not only what is in progress.
_EITHER_WAY = re.compile(
    r"\b(?:vai|eller|or)\s+(?:\w+\s+){0,4}?(?:kesken|työn\s+alla|tekeillä|meneillään|pågår|"
    r"in\s+progress|ongoing|still\s+open|unfinished)\b",
    re.I,
)
_SURVEY = re.compile(r"\b(?:selvity\w*|survey|utredning\w*|kysely\w*)", re.I)
_CARRIED = re.compile(r"\b(?:siirty\w*|siirre\w*|carried\s+over|överför\w*)", re.I)
_ACTIONS = re.compile(r"\b(?:toimenpi\w*|actions?|åtgärd\w*)", re.I)
_WHOLE = re.compile(r"\b(?:tiekart\w*|roadmap\w*|färdplan\w*)", re.I)
_GOALS = re.compile(
    r"\b(?:tavoi?tte(?:et|ita|iden|isiin|issa)|(?:neljä|kaikki)\w*\s+(?:\w+\s+){0,2}tavoi?t\w*|"
    r"goals|målen|målsättningar\w*)\b",
    re.I,
)
_WHICH_GOAL = re.compile(
    # "siinä tiekartan tavoitteessa, jossa puhutaan rahoista": the goal the words describe
    r"\b(?:siinä|siihen|sen)\s+(?:\w+\s+){0,2}tavoi?t\w*,?\s+(?:jossa|johon|joka)\b|"
    r"\b(?:mikä|mihin|missä|minkä|which|vilket)\s+(?:\w+\s+){0,2}"
    r"(?:tavoi?t(?:e|teeseen|teessa|teen|teella)|goal|mål(?:et)?)\b",
    re.I,
)
_ACHIEVEMENTS = re.compile(
    r"\b(?:saatiin|saatu|saaneet)\s+aikaan|\b(?:saavut(?:et|uk)\w*|aikaansaan\w*|achievements?"
    r"|accomplished|uppnått\w*|åstadkommit)",
    re.I,
)
# The vision, or the big idea behind it all ("mikä on se iso ajatus", "what's the point").
_VISION = re.compile(
    r"\b(?:visio\w*|vision|iso\w*\s+ajatu\w*|mihin\s+(?:tällä\s+)?(?:kaikella\s+)?pyritään"
    r"|big\s+picture|the\s+point\s+of\s+it\s+all)\b",
    re.I,
)
_BINDING = re.compile(
    r"\b(?:sitov\w*\s+tavoi?t\w*|binding\s+goal|bindande\s+mål\w*|mittar\w*|metric\w*|"
    # the goal the county's strategy sets: "mitä strategiassa on asetettu tavoitteeksi"
    r"strategi\w*\s+(?:\w+\s+){0,4}tavoi?t\w*|strateg\w*\s+(?:\w+\s+){0,4}(?:goal|mål)\w*|"
    r"mitataan|mitata|measured|mäts)",
    re.I,
)
_PROPOSALS = re.compile(
    r"\b(?:kehittämisehdotu\w*|development\s+proposals?|utvecklingsförslag\w*)", re.I
)
# Who, or which body: "mille taholle", "which body approves", "vilket organ tillsätter".
WHICH_BODY = (
    r"(?:mikä|mille|miltä|mitkä|millä)\s+(?:\w+\s+)?(?:taho\w*|elin|elimelle|toimielin\w*|"
    r"yksikkö\w*|yksikölle|tiimi\w*)|(?:which|what)\s+(?:body|bodies|unit|team|department|"
    r"office|organ)|vilk(?:et|en|a)\s+(?:organ\w*|instans\w*|enhet\w*|team\w*)"
)
_WHO = re.compile(
    rf"\b(?:kuka|ketkä|kenelle|kenen|keneltä|kehen|keiden|kenellä|who|whom|whose|vem|vems|"
    rf"{WHICH_BODY})\b",
    re.I,
)
# Words of the status vocabulary itself never name a topic.
_GOAL_WORDS = re.compile(r"\b(?:tavoi?t\w*|goals?|mål\w*)", re.I)
_YEAR_WORDS = re.compile(r"\b(?:vuo[sdt]\w*|years?|år\w*)", re.I)
_STATUS_WORDS = (
    _NOT_ACHIEVED,
    _ACHIEVED,
    _IN_PROGRESS,
    _CARRIED,
    _ACTIONS,
    _WHOLE,
    _YEAR,
    _LAST_YEAR,
    _THIS_YEAR,
    _YEAR_WORDS,
    _GOAL_WORDS,
)
# The single words of the status phrases above ("saatiin … valmiiksi", "työn alla").
_STATUS_TERMS = re.compile(
    r"(?:saatiin|maaliin|valmi\w*|tehty\w*|toteutettu\w*|työn|alla|viime|edellis\w*|tänä|"
    r"tämän|jäi\w*|meneillään|tekeillä)$"
)
# A yes/no question: the Finnish -ko/-kö clitic early in a sentence, or an auxiliary first;
# in any sentence ("Quick one: the roadmap said … Did that actually happen?").
_YES_NO = re.compile(
    r"(?:^|[.!?:]\s+)\W*(?:(?:\w+\s+){0,2}?\w+(?:ko|kö|ks)\b|(?:is|are|was|were|has|have|did|"
    r"does|är|har|blev)\b)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]{5,}")
_STEM = 5  # a crude Finnish stem: the first letters of a word
_TOPICAL_SHARE = 0.25  # a word in more of the roadmap's texts than this names no topic
_RANKED = 8  # how many search hits scope a topical status question


def _actions(roadmap: Roadmap) -> list[tuple[str, str, Action]]:
    return [(g.id, w.id, a) for g in roadmap.goals for w in g.workstreams for a in w.actions]


def _has_topic(question: str, roadmap: Roadmap) -> bool:
    """Whether the question names a part of the roadmap (few of its texts share a word)."""
    rest = [
        w
        for w in _WORD.findall(question.lower())
        if not _STATUS_TERMS.match(w) and not any(p.search(w) for p in _STATUS_WORDS)
    ]
    texts = [f"{w} {a.text}".lower() for _, w, a in _actions(roadmap)]
    stems = [{m[:_STEM] for m in _WORD.findall(t.replace("-", " "))} for t in texts]
    for word in rest:
        share = sum(word[:_STEM] in s for s in stems) / max(len(stems), 1)
        if 0 < share <= _TOPICAL_SHARE:
            return True
    return False


def _years(question: str, actions: Sequence[Action]) -> set[int]:
    years = {int(y) for y in _YEAR.findall(question)}
    assessed = [a.year for a in actions if a.status not in (None, "kesken")]
    if _LAST_YEAR.search(question) and assessed:
        years.add(max(assessed))  # the last year the report assessed
    if _THIS_YEAR.search(question) and actions:
        years.add(max(a.year for a in actions))
    return years


def _status_filter(question: str) -> tuple[str, ...] | None:
    """(field, values…) an action must match, or None when the question asks no status."""
    if _CARRIED.search(question) and _NOT_ACHIEVED.search(question):
        # "jäi kesken ja siirrettiin tälle vuodelle": the ones carried over, not all undone
        return ("origin", "siirtynyt-2024")
    if _NOT_ACHIEVED.search(question):
        return ("status", "osittain", "ei-toteudu")
    if _ACHIEVED.search(question):
        return ("status", "toteutuu")
    if _SURVEY.search(question) and (_ACTIONS.search(question) or _WHOLE.search(question)):
        return ("origin", "selvitys")
    if _CARRIED.search(question):
        return ("origin", "siirtynyt-2024")
    if _EITHER_WAY.search(question):  # its words are _IN_PROGRESS's, after "vai"/"or"
        return ("status", *STATUSES)
    if _IN_PROGRESS.search(question):
        return ("status", "kesken")
    if _YES_NO.search(question) and _DONE.search(question):
        return ("status", *STATUSES)
    if _HOW_FAR.search(question):
        return ("status", *STATUSES)
    return None


def _status_ids(question: str, roadmap: Roadmap, ranked: Sequence[str]) -> list[str]:
    wanted = _status_filter(question)
    if wanted is None:
        return []
    field, *values = wanted
    every = _actions(roadmap)
    years = set() if field == "origin" else _years(question, [a for _, _, a in every])
    chosen = [
        (w, a)
        for _, w, a in every
        if getattr(a, field) in values and (not years or a.year in years)
    ]
    how_far = tuple(values) == tuple(STATUSES) and bool(_HOW_FAR.search(question))
    if not _has_topic(question, roadmap) and not how_far:
        # "Mitkä siirtyivät?" lists them all; "onko se jo kesken?" names its topic
        # in words the roadmap does not use, and "mitä teen, jos yhteydenotto jäi
        # kesken?" is about something else: the search answers those.
        about = bool(_ACTIONS.search(question) or _WHOLE.search(question)) or any(
            _goal_of(i, roadmap) for i in ranked[:3]
        )
        return [] if _YES_NO.search(question) or not about else [a.id for _, a in chosen]
    # A topic, or how far something got in words the roadmap does not use ("tietääks väki nyt
    # paremmin … vai jäikö se puolitiehen"): the matching actions the search ranked,
    # themselves or by their workstream.
    place = {i: n for n, i in enumerate(ranked[:_RANKED])}
    scored = [
        (min(place.get(a.id, 99), place.get(w, 99) + 0.5), a.id)
        for w, a in chosen
        if a.id in place or w in place
    ]
    return [i for _, i in sorted(scored)]


def _goal_of(item_id: str, roadmap: Roadmap) -> str | None:
    for g, w, a in _actions(roadmap):
        if item_id in (g, w, a.id):
            return g
    return next((g.id for g in roadmap.goals if g.id == item_id), None)


def _goal_ids(question: str, roadmap: Roadmap, ranked: Sequence[str]) -> list[str]:
    out: list[str] = []
    for n in goal_numbers(question):
        out.extend(g.id for g in roadmap.goals if g.number == n)
    if out or _BINDING.search(question):
        return out
    if _GOALS.search(question) and not _YES_NO.search(question):
        # "Mitkä ne neljä tavoitetta oli?" – but "viestinnän tavoitteet" is one action's.
        return [] if _has_topic(question, roadmap) else [g.id for g in roadmap.goals]
    if _WHICH_GOAL.search(question) or _ACHIEVEMENTS.search(question):
        # The goal the best roadmap hit belongs to ("mikä tavoite koskee osallisuutta?").
        goal = next((g for g in (_goal_of(i, roadmap) for i in ranked) if g), None)
        return [goal] if goal else []
    return []


def asks_who(question: str) -> bool:
    """Whether the question asks who answers for something ("kenelle kuuluu…?")."""
    return bool(_WHO.search(question))


def structured_ids(question: str, roadmap: Roadmap, ranked: Sequence[str] = ()) -> list[str]:
    """Result ids the roadmap's structure gives for the question, or [] if none.

    `ranked` is the search's own ranking of knowledge ids for the question; it
    scopes questions that name a topic and a status or ask which goal is meant.
    """
    q = question
    out: list[str] = []
    if _VISION.search(q):
        out.append("vision")
    if _BINDING.search(q):
        out.append("binding-goal")
    if _PROPOSALS.search(q):
        out.append("development-proposals")
    goals = _goal_ids(q, roadmap, ranked)
    out.extend(goals)
    status = _status_ids(q, roadmap, ranked)
    out.extend(status)
    if len(goals) == 1 and not status:
        # "Mitä tavoitteen 4 alla tehdään 2025?": that goal's actions of the year.
        every = _actions(roadmap)
        years = _years(q, [a for _, _, a in every])
        out.extend(a.id for g, _, a in every if g == goals[0] and a.year in years)
    return list(dict.fromkeys(out))
