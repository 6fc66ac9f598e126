"""Benchmark: `serve` under questions over HTTP — latency of POST /api/chat and RSS.

    python -m bench.bench_serve --questions ../shared/eval/dev-questions.jsonl [--index DIR]

Starts `jarjestobotti serve` as a child process on a free loopback port with a
throwaway SQLite database, waits for /readyz, sends every question (in order,
one conversation each, `--repeat` rounds), and reads the server's resident
memory from /proc before and after. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.stats import pct


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, required=True)
    ap.add_argument("--index", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    questions = [json.loads(x)["question"] for x in args.questions.read_text().splitlines() if x]
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            JARJESTOBOTTI_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
            JARJESTOBOTTI_PORT=str(port),
            JARJESTOBOTTI_LOG_LEVEL="WARNING",
        )
        if args.index:
            env["JARJESTOBOTTI_INDEX_DIR"] = str(args.index)
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                deadline = time.monotonic() + 600
                while time.monotonic() < deadline:
                    try:
                        if client.get("/readyz").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    time.sleep(0.5)
                idle = rss_mb(proc.pid)
                lat: list[float] = []
                for r in range(args.repeat):
                    for n, q in enumerate(questions):
                        t0 = time.perf_counter()
                        resp = client.post(
                            "/api/chat", json={"conversation": f"b{r}-{n}", "text": q}
                        )
                        lat.append((time.perf_counter() - t0) * 1000)
                        resp.raise_for_status()
                busy = rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(
        json.dumps(
            {
                "requests": len(lat),
                "api_chat_ms": {
                    "p50": round(pct(lat, 0.5), 1),
                    "p95": round(pct(lat, 0.95), 1),
                    "mean": round(statistics.fmean(lat), 1),
                },
                "rss_mb_ready": round(idle, 1),
                "rss_mb_after": round(busy, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
