"""Conversation evaluation (format of eval/dev-conversations.jsonl).

Each conversation goes through the real router turn by turn, in one thread;
only the last answer is scored: success@5 (a relevant service in the top 5),
nDCG@5, contradiction@3 against the constraints still in force
(`constraints_last`: municipality, language, age, cost, online) and, where
nothing fits exactly (`expect_no_exact`), whether the answer says so; where something does
and a relevant service is in the top 5, whether the answer hedges all the same (fit not
"good": partial, or nothing fits).
`cross_validate` reports k-fold numbers for a tuned setting: each fold is
scored with the value that did best on the other folds.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.evaluation.questions import grouped, load_questions, ndcg
from handlers.messages import Incoming, Reply
from handlers.router import Router
from index.knowledge.model import KnowledgeBase, Service

CONSTRAINTS = ("municipality", "language", "age", "cost", "online")


@dataclass
class ConvOutcome:
    cid: str
    kind: str
    success5: bool = False
    ndcg5: float = 0.0
    checked: int = 0  # top-3 services checked
    contradicting: int = 0  # of those, how many break a constraint in force
    broken: dict[str, int] = field(default_factory=dict)  # constraint → count
    honest: bool | None = None  # expect_no_exact: did the answer say nothing fits exactly?
    hedged: bool | None = None  # an exact fit expected and in the top 5: fit not "good"?
    fit: str | None = None  # the last answer's fit verdict
    top5: list[str] = field(default_factory=list)


def is_conversation_file(path: Path) -> bool:
    """The conversation format has a `turns` field on its first record."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            return "turns" in json.loads(line)
    return False


def breaks(service: Service, constraint: str, value: Any) -> bool:
    """Does the service contradict one constraint in force?"""
    if value is None:
        return False
    if constraint == "municipality":
        return value not in service.municipalities
    if constraint == "language":
        return value not in service.languages
    if constraint == "age":
        lo = service.age_min if service.age_min is not None else 0
        hi = service.age_max if service.age_max is not None else 200
        return not lo <= int(value) <= hi
    if constraint == "cost":
        return value == "free" and service.cost == "fee"
    if constraint == "online":
        return bool(value) and not service.online
    return False


def says_nothing_fits(reply: Reply) -> bool:
    fit = getattr(reply, "fit", None)
    return fit in ("partial", "none") if fit is not None else reply.abstained


def score(conv: dict[str, Any], reply: Reply, kb: KnowledgeBase) -> ConvOutcome:
    out = ConvOutcome(conv["id"], conv.get("kind", "?"))
    ids = [r.id for r in reply.results] if not reply.abstained else []
    services = [i for i in ids if kb.service(i) is not None]
    out.top5 = services[:5]
    grades = {k: int(v) for k, v in conv.get("relevant", {}).items()}
    rel = {d for d, g in grades.items() if g > 0}
    out.success5 = bool(rel & set(services[:5]))
    out.ndcg5 = ndcg(services, grades) if grades else 0.0
    constraints = conv.get("constraints_last", {})
    for sid in services[:3]:
        s = kb.service(sid)
        if s is None:
            continue
        out.checked += 1
        bad = [c for c in CONSTRAINTS if breaks(s, c, constraints.get(c))]
        out.contradicting += bool(bad)
        for c in bad:
            out.broken[c] = out.broken.get(c, 0) + 1
    out.fit = reply.fit
    if conv.get("expect_no_exact"):
        out.honest = says_nothing_fits(reply)
    elif out.success5:
        out.hedged = says_nothing_fits(reply)
    return out


def run_conversation(router: Router, conv: dict[str, Any], tag: str = "") -> Reply:
    reply: Reply | None = None
    for text in conv["turns"]:
        msg = Incoming("eval", "eval", f"conv-{tag}{conv['id']}", text, thread="t")
        reply = router.handle(msg)
    assert reply is not None, f"{conv['id']}: no turns"
    return reply


@dataclass
class ConvReport:
    outcomes: list[ConvOutcome] = field(default_factory=list)

    @staticmethod
    def summary(rows: Sequence[ConvOutcome]) -> dict[str, Any]:
        checked = sum(o.checked for o in rows)
        honest = [o.honest for o in rows if o.honest is not None]
        hedged = [o.hedged for o in rows if o.hedged is not None]
        broken: dict[str, int] = defaultdict(int)
        for o in rows:
            for c, n in o.broken.items():
                broken[c] += n
        n = len(rows) or 1
        return {
            "n": len(rows),
            "success@5": sum(o.success5 for o in rows) / n,
            "ndcg@5": sum(o.ndcg5 for o in rows) / n,
            "contradiction@3": sum(o.contradicting for o in rows) / checked if checked else None,
            "honest_no_exact": sum(honest) / len(honest) if honest else None,
            "hedge": sum(hedged) / len(hedged) if hedged else None,
            "broken": dict(sorted(broken.items())),
        }

    def by_kind(self) -> dict[str, dict[str, Any]]:
        return {k: self.summary(v) for k, v in grouped(self.outcomes, lambda o: o.kind).items()}


_RUNS = itertools.count(1)


def evaluate_conversations(
    router: Router, kb: KnowledgeBase, convs: Sequence[dict[str, Any]], tag: str = ""
) -> ConvReport:
    report = ConvReport()
    run = f"{tag}{next(_RUNS)}-"  # new threads on every call: no pass continues an earlier one
    for conv in convs:
        report.outcomes.append(score(conv, run_conversation(router, conv, run), kb))
    return report


def cross_validate(
    convs: Sequence[dict[str, Any]],
    grid: Sequence[float],
    run: Callable[[float, Sequence[dict[str, Any]]], ConvReport],
    folds: int = 5,
) -> tuple[ConvReport, list[float]]:
    """k-fold: each fold is scored with the grid value best (success@5, then nDCG@5) on the rest."""
    per_value = {v: {o.cid: o for o in run(v, convs).outcomes} for v in grid}
    held = ConvReport()
    chosen: list[float] = []
    for k in range(folds):
        test = [c["id"] for i, c in enumerate(convs) if i % folds == k]
        train = [c["id"] for i, c in enumerate(convs) if i % folds != k]

        def fit(v: float, ids: list[str] = train) -> tuple[float, float]:
            rows = [per_value[v][i] for i in ids]
            s = ConvReport.summary(rows)
            return (s["success@5"], s["ndcg@5"])

        best = max(grid, key=fit)
        chosen.append(best)
        held.outcomes += [per_value[best][i] for i in test]
    return held, chosen


def markdown(rows: dict[str, dict[str, Any]]) -> str:
    cols = ["n", "success@5", "ndcg@5", "contradiction@3", "honest_no_exact", "hedge", "broken"]
    out = ["| | " + " | ".join(cols) + " |", "|" + "---|" * (len(cols) + 1)]
    for name, s in rows.items():
        cells = []
        for c in cols:
            v = s.get(c)
            if v is None:
                cells.append("–")
            elif isinstance(v, float):
                cells.append(f"{v:.3f}")
            elif isinstance(v, dict):
                cells.append(", ".join(f"{k} {n}" for k, n in v.items()) or "–")
            else:
                cells.append(str(v))
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def print_report(
    router: Router, kb: KnowledgeBase, path: Path, cv: int = 0, verbose: bool = False
) -> dict[str, Any]:
    """The `eval` command on a conversation file: overall, per kind, optionally k-fold."""
    convs = load_questions(path)
    report = evaluate_conversations(router, kb, convs)
    rows = {"kaikki": report.summary(report.outcomes), **report.by_kind()}
    print(f"## Keskustelut ({len(convs)}), viimeinen vuoro\n")
    print(markdown(rows))
    result: dict[str, Any] = {"summary": rows}
    if cv:
        from handlers import case

        default = getattr(case.SETTINGS, case.TUNED)

        def run(v: float, cs: Sequence[dict[str, Any]]) -> ConvReport:
            setattr(case.SETTINGS, case.TUNED, v)
            return evaluate_conversations(router, kb, cs, tag=f"cv{v}-")

        held, chosen = cross_validate(convs, case.GRID, run, cv)
        setattr(case.SETTINGS, case.TUNED, default)
        print(f"\n## {cv}-kertainen ristiinvalidointi ({case.TUNED}: {chosen})\n")
        cv_rows = {"kaikki": held.summary(held.outcomes), **held.by_kind()}
        print(markdown(cv_rows))
        result["cv"] = {"summary": cv_rows, "chosen": chosen}
    if verbose:
        print()
        for o in report.outcomes:
            print(json.dumps(o.__dict__, ensure_ascii=False))
    return result
