"""Write the judged-case memory (index/search/examples.json + .npy) from judged sets.

    python -m bench.build_examples ../shared/eval/dev-questions.jsonl \\
        bench/cases-implied-{1..16}.jsonl [--write]

Only read sets: a blind set in the memory would vote for its own questions when it is
measured (`eval` leaves out only the set it scores). Every judged question with services
judged to fit (`relevant` not empty) becomes an example: its query vector from the
runtime's embedding model, its grades and the name of its set. No question text is
saved. Without `--write` it only counts.
How much the memory helps is measured by `jarjestobotti eval FILE`, which leaves
the examples of FILE out (docs/evaluation.md, the thirteenth stop).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from bot.evaluation.questions import load_questions
from bot.runtime import load_runtime
from bot.settings import load_settings
from index.search.examples import MANIFEST_FILE, Example, ExampleMemory, save_examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="judged question sets (JSONL)")
    ap.add_argument("--write", action="store_true", help=f"save to {MANIFEST_FILE}")
    args = ap.parse_args()
    rt = load_runtime(load_settings(), with_db=False)
    known = set(rt.kb.services_by_id)
    examples: list[Example] = []
    texts: list[str] = []
    skipped: Counter[str] = Counter()
    for path in args.files:
        for q in load_questions(path):
            relevant = {s: int(g) for s, g in (q.get("relevant") or {}).items() if g > 0}
            missing = [s for s in relevant if s not in known]
            if missing:
                raise SystemExit(f"{path}: {q['id']}: tuntemattomat palvelut {missing}")
            if not relevant or "question" not in q:
                skipped[path.stem] += 1
                continue
            examples.append(Example(path.stem, relevant))
            texts.append(q["question"])
    vectors = rt.searcher.embedder.encode_queries(texts) if texts else np.zeros((0, 1))
    memory = ExampleMemory(examples, np.asarray(vectors), rt.searcher.embedder.model)
    for source, n in sorted(Counter(e.source for e in examples).items()):
        print(f"{source}: {n} esimerkkiä (ohitettu {skipped[source]})")
    if args.write:
        save_examples(memory)
        print(f"kirjoitettu {MANIFEST_FILE} ({len(memory)} esimerkkiä, malli {memory.model})")


if __name__ == "__main__":
    main()
