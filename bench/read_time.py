"""Benchmark: reading a question's constraints and hints (the facets), alone.

    python -m bench.read_time --questions ../shared/eval/dev-questions.jsonl [--passes 7]

The facets (place, language, age, cost, remote, target groups and themes, everyday signs,
whom the client is not) are read from the question's text by regular expressions and
dictionaries, at the same cost whatever the size of the knowledge. Each question is read
`--passes` times in turn and its fastest pass is kept, which takes out most of the noise a
shared machine adds; p50 and p95 are over the questions.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bench.stats import pct
from bot.runtime import load_runtime
from bot.settings import load_settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--questions", type=Path, required=True)
    ap.add_argument("--passes", type=int, default=7)
    args = ap.parse_args()
    questions = [json.loads(x)["question"] for x in args.questions.read_text().splitlines() if x]
    searcher = load_runtime(load_settings(), with_db=False).searcher
    fastest = [float("inf")] * len(questions)
    for _ in range(args.passes):
        for i, q in enumerate(questions):
            t0 = time.perf_counter()
            searcher.filters_for(q)
            fastest[i] = min(fastest[i], (time.perf_counter() - t0) * 1000)
    out = {
        "questions": len(questions),
        "passes": args.passes,
        "read_p50_ms": round(pct(fastest, 0.50), 3),
        "read_p95_ms": round(pct(fastest, 0.95), 3),
        "read_mean_ms": round(sum(fastest) / len(fastest), 3),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
