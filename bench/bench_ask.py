"""Benchmark: `ask` latency (embedding vs search), the bare model floor, index build.

    python -m bench.bench_ask --questions ../shared/eval/dev-questions.jsonl [--build]

Every question is asked `--repeat` times through the real conversation core with
the query-embedding cache cleared, so each ask pays for its embedding. The floor
is the bare `encode_queries` call of the same model on the same texts. Ratios to
the floor are what to compare across machines. Peak memory is the process's
maximum resident set size (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench.stats import pct
from bot.runtime import DEFAULT_TOKENIZER, build_and_save, embedder_from, load_runtime
from bot.settings import load_settings
from handlers.messages import Incoming


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, required=True)
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--build", action="store_true", help="also time a full index build")
    args = ap.parse_args()
    settings = load_settings()
    questions = [json.loads(x)["question"] for x in args.questions.read_text().splitlines() if x]
    out: dict[str, object] = {}
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            index = build_and_save(
                settings.knowledge_dir,
                Path(tmp) / "index",
                embedder_from(settings),
                DEFAULT_TOKENIZER,
            )
            secs = time.perf_counter() - t0
        out["build_s"] = round(secs, 1)
        out["build_docs_per_s"] = round(len(index.docs) / secs, 2)
        out["documents"] = len(index.docs)
    rt = load_runtime(settings, index_dir=args.index, with_db=False)
    embedder = rt.embedder
    embedder.encode_queries(["lämmittely"])  # load the model before timing
    floor: list[float] = []
    total: list[float] = []
    embed: list[float] = []
    search: list[float] = []
    for _ in range(args.repeat):
        for n, q in enumerate(questions):
            t0 = time.perf_counter()
            embedder.encode_queries([q])
            floor.append((time.perf_counter() - t0) * 1000)
            rt.searcher.clear_cache()
            t0 = time.perf_counter()
            reply = rt.router.handle(Incoming("bench", "b", f"b{n}", q))
            total.append((time.perf_counter() - t0) * 1000)
            embed.append(reply.timings_ms.get("embed", 0.0))
            search.append(reply.timings_ms.get("search", 0.0))
    for name, xs in (
        ("floor_embed_ms", floor),
        ("ask_total_ms", total),
        ("ask_embed_ms", embed),
        ("ask_search_ms", search),
    ):
        out[name] = {
            "p50": round(pct(xs, 0.5), 1),
            "p95": round(pct(xs, 0.95), 1),
            "mean": round(statistics.fmean(xs), 1),
        }
    f50 = pct(floor, 0.5)
    out["ratio_to_floor"] = {
        "p50": round(pct(total, 0.5) / f50, 2),
        "p95": round(pct(total, 0.95) / pct(floor, 0.95), 2),
    }
    out["asks"] = len(total)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
