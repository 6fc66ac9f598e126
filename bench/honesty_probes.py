"""Honesty on requests of our own, one per line: how often "nothing fits exactly" is said.

    python -m bench.honesty_probes --no-match bench/probes/no-match-2.txt \
        --answerable bench/probes/answerable-2.txt --off-topic bench/probes/off-topic.txt \
        [--json] [-v]

The files in `bench/probes/` were written by us from the sample knowledge, not taken from
the dev set: `no-match-*` ask for needs no sample service serves (a peer group for a
disease no file names, a course on a hobby no association runs …), `answerable-*` ask for
ones it does, in the same wordings; `off-topic` asks for nothing a social-services bot
could give (a pizzeria, the weather). Set 1 of each was used while writing the reading rules
of `index/search/request_terms.py`; set 2 was written after them and only measured.

For each request the real conversation core answers (a fresh conversation each) and the
fit verdict is counted: on no-match requests "partial" or "none" is honest; on answerable
ones "good" is right, "partial" a hedge and "none" a full abstention; off topic, only
"none" (or another route than services) is right. A request routed to
something other than services is counted apart.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from bot.runtime import load_runtime
from bot.settings import load_settings
from handlers.messages import Incoming


def _lines(path: Path | None) -> list[str]:
    if path is None:
        return []
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--no-match", type=Path)
    p.add_argument("--answerable", type=Path)
    p.add_argument("--off-topic", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args()
    rt = load_runtime(load_settings(), with_db=False)
    if rt.searcher.intents is not None:  # the probes measured are not the intent model's examples
        probes = [path.stem for path in (args.no_match, args.answerable) if path is not None]
        rt.searcher.intents = rt.searcher.intents.without(probes)
    out: dict[str, object] = {}
    runs = (
        ("no_match", args.no_match),
        ("answerable", args.answerable),
        ("off_topic", args.off_topic),
    )
    for name, path in runs:
        counts: Counter[str] = Counter()
        for n, question in enumerate(_lines(path)):
            reply = rt.router.handle(Incoming("cli", "cli", f"probe-{name}-{n}", question))
            verdict = reply.fit if reply.intent == "services" else f"routed:{reply.intent}"
            counts[str(verdict)] += 1
            if args.verbose:
                print(f"[{verdict}] {question}")
        total = sum(counts.values())
        if not total:
            continue
        if name == "no_match":
            right = counts["partial"] + counts["none"]
        elif name == "answerable":
            right = counts["good"]
        else:
            right = total - counts["good"] - counts["partial"]
        out[name] = {"n": total, "right": right, "share": round(right / total, 3), **counts}
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
