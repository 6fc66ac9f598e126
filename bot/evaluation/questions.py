"""Retrieval evaluation over judged questions (format of eval/dev-questions.jsonl).

Each question goes through the real conversation core, exactly as `ask` does.
Metrics: nDCG@5, Recall@5 and success@5 (any relevant in the top 5) over graded
service relevance, MRR@10, abstention accuracy on no-match questions (and false
abstentions — full abstention — elsewhere), honest_nomatch (a no-match question
answered "nothing fits exactly": fit partial or none), hedge (fit not "good"
although a relevant service is in the top 5), precision@shown and success@shown
(the cards shown on the first page, cut where the fit drops),
the share of top-3 services contradicting a stated municipality or language,
hit@3 on roadmap/guidance `expected_ids`, and p50/p95 latency.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from handlers.messages import Incoming, Reply, ServiceCard
from handlers.router import Router
from index.knowledge.model import KnowledgeBase

T = TypeVar("T")


@dataclass
class Outcome:
    qid: str
    kind: str
    lang: str = "fi"
    ndcg5: float | None = None
    recall5: float | None = None
    mrr10: float | None = None
    success5: bool | None = None  # any relevant service in the top 5
    abstain_ok: bool | None = None  # no-match questions
    honest: bool | None = None  # no-match questions answered "nothing fits exactly"
    hedged: bool | None = None  # answerable, a relevant service in the top 5, fit not "good"
    false_abstain: bool | None = None  # answerable service questions
    precision_shown: float | None = None  # relevant share of the cards on the first page
    success_shown: bool | None = None  # any relevant service among the cards shown first
    checked: int = 0  # top-3 services checked against stated constraints
    contradicting: int = 0
    hit3: bool | None = None
    contains: float | None = None  # share of expected_answer_contains found
    latency_ms: float = 0.0
    fit: str | None = None  # the answer's fit verdict
    top5: list[str] = field(default_factory=list)  # the first five results' ids


def ndcg(ranked: list[str], grades: dict[str, int], k: int = 5) -> float:
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def _contradictions(
    ids: list[str], constraints: dict[str, Any], kb: KnowledgeBase
) -> tuple[int, int]:
    muni, lang = constraints.get("municipality"), constraints.get("language")
    if not muni and not lang:
        return 0, 0
    checked = bad = 0
    for sid in ids[:3]:
        s = kb.service(sid)
        if s is None:
            continue
        checked += 1
        if (muni and muni not in s.municipalities) or (lang and lang not in s.languages):
            bad += 1
    return checked, bad


def score(q: dict[str, Any], reply: Reply, kb: KnowledgeBase, answer: str) -> Outcome:
    out = Outcome(
        q["id"],
        q.get("kind", "?"),
        q.get("lang", "fi"),
        latency_ms=reply.timings_ms.get("total", 0.0),
    )
    ids = [r.id for r in reply.results] if not reply.abstained else []
    out.fit, out.top5 = reply.fit, ids[:5]
    if "relevant" in q:
        grades = {k: int(v) for k, v in q["relevant"].items()}
        services = [i for i in ids if kb.service(i) is not None]
        if grades:
            out.ndcg5 = ndcg(services, grades)
            rel = {d for d, g in grades.items() if g > 0}
            out.recall5 = len(rel & set(services[:5])) / len(rel)
            out.success5 = bool(rel & set(services[:5]))
            if out.success5:
                out.hedged = reply.fit not in (None, "good")
            out.mrr10 = next((1 / (i + 1) for i, d in enumerate(services[:10]) if d in rel), 0.0)
            out.false_abstain = reply.abstained
            shown = [p.id for p in reply.parts if isinstance(p, ServiceCard)]
            if shown:
                out.precision_shown = len(rel & set(shown)) / len(shown)
            out.success_shown = bool(rel & set(shown))
            out.checked, out.contradicting = _contradictions(services, q.get("constraints", {}), kb)
        else:
            out.abstain_ok = reply.abstained
            out.honest = reply.abstained or reply.fit in ("partial", "none")
    if "expected_ids" in q:
        expected = set(q["expected_ids"])
        top3 = {i.split("#")[0] for i in ids[:3]} | set(ids[:3])
        out.hit3 = bool(expected & top3)
        wanted = q.get("expected_answer_contains", [])
        if wanted:
            low = answer.lower()
            out.contains = sum(w.lower() in low for w in wanted) / len(wanted)
    return out


def _mean(xs: Iterable[float | bool | None]) -> float | None:
    vals = [float(x) for x in xs if x is not None]
    return sum(vals) / len(vals) if vals else None


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    return s[min(len(s) - 1, math.ceil(p * len(s)) - 1)]


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def summary(self, rows: list[Outcome] | None = None) -> dict[str, Any]:
        rows = self.outcomes if rows is None else rows
        checked = sum(o.checked for o in rows)
        lat = [o.latency_ms for o in rows]
        return {
            "n": len(rows),
            "ndcg@5": _mean(o.ndcg5 for o in rows),
            "recall@5": _mean(o.recall5 for o in rows),
            "success@5": _mean(o.success5 for o in rows),
            "mrr@10": _mean(o.mrr10 for o in rows),
            "abstention_acc": _mean(o.abstain_ok for o in rows),
            "honest_nomatch": _mean(o.honest for o in rows),
            "hedge": _mean(o.hedged for o in rows),
            "precision@shown": _mean(o.precision_shown for o in rows),
            "success@shown": _mean(o.success_shown for o in rows),
            "false_abstention": _mean(o.false_abstain for o in rows),
            "contradiction@3": (sum(o.contradicting for o in rows) / checked) if checked else None,
            "hit@3": _mean(o.hit3 for o in rows),
            "answer_contains": _mean(o.contains for o in rows),
            "p50_ms": _pct(lat, 0.50),
            "p95_ms": _pct(lat, 0.95),
        }

    def by_kind(self) -> dict[str, dict[str, Any]]:
        return {k: self.summary(v) for k, v in grouped(self.outcomes, lambda o: o.kind).items()}

    def by_language(self) -> dict[str, dict[str, Any]]:
        return {k: self.summary(v) for k, v in grouped(self.outcomes, lambda o: o.lang).items()}


_RUNS = itertools.count(1)


def grouped(rows: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """Rows by their key, keys in order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return dict(sorted(groups.items()))


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def evaluate(router: Router, kb: KnowledgeBase, questions: list[dict[str, Any]]) -> Report:
    """Each question alone in a conversation of its own, new on every call: a second pass
    (CV folds, ablations) must not read a question as the follow-up of its first pass."""
    from bot.terminal.render import render_text

    report = Report()
    run = next(_RUNS)
    for q in questions:
        reply = router.handle(Incoming("eval", "eval", f"eval-{run}-{q['id']}", q["question"]))
        report.outcomes.append(score(q, reply, kb, render_text(reply)))
    return report


COLUMNS = [
    "n",
    "ndcg@5",
    "recall@5",
    "success@5",
    "mrr@10",
    "abstention_acc",
    "honest_nomatch",
    "hedge",
    "precision@shown",
    "success@shown",
    "false_abstention",
    "contradiction@3",
    "hit@3",
    "answer_contains",
    "p50_ms",
    "p95_ms",
]


def markdown_table(rows: dict[str, dict[str, Any]]) -> str:
    head = "| | " + " | ".join(COLUMNS) + " |\n|" + "---|" * (len(COLUMNS) + 1) + "\n"
    lines = []
    for name, s in rows.items():
        cells = []
        for c in COLUMNS:
            v = s.get(c)
            cells.append(
                "–"
                if v is None
                else (
                    str(v)
                    if c == "n"
                    else f"{v:.3f}"
                    if c not in ("p50_ms", "p95_ms")
                    else f"{v:.0f}"
                )
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return head + "\n".join(lines)
