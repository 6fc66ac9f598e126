"""The PTV sync against all the sample records, as a coordinator would run it.

    python -m bench.ptv_sync --samples /work/shared/ptv-samples [--keep DIR]

Serves the sample records (services, organisations, service channels) through the
fake PTV Open API (tests/fake_ptv.py: the real paging and `date` semantics) on an
ephemeral loopback port, copies the project's knowledge to a temporary folder and
adds the samples' municipalities (Vaasa 905, Naantali 529) to its vocabulary, then
runs the real CLI in child processes:

1. `import ptv --api URL --municipality 905 --municipality 529 --include-public`
   (the samples are municipal services), `knowledge check`, `index build`, and
   `ask --json` about one imported service;
2. PTV changes one service (newer `modified`, new summary) and archives another; a
   coordinator edits a third; the second run must ask only for changes and touch
   exactly those;
3. the API goes away mid-run: the run fails, says so, and changes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from tests.fake_ptv import FakePtv, add_sample_municipalities, serve_ptv

ROOT = Path(__file__).resolve().parent.parent
CHANGED = "0ed1ef4e-0186-4fd0-a38c-8570277659f0"  # Liikuntaharrastukset (Vaasa)
ARCHIVED = "06aa9e46-25f9-4a8a-9f66-be317450b933"  # Vanhussosiaalityö (Vaasa)
EDITED = "045f0990-2097-442e-9c11-e24b0f68987f"  # Kulttuurinen nuorisotyö (Vaasa)
QUESTION = "Kulttuurista nuorisotyötä nuorille Vaasassa"
NEW_SUMMARY = "Liikuntaharrastuksia kaikenikäisille vaasalaisille (päivitetty PTV:ssä)."


def cli(*args: str, env: dict[str, str], stdout_only: bool = False) -> tuple[int, str, float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    out = done.stdout if stdout_only else done.stdout + done.stderr
    return done.returncode, out, time.perf_counter() - start


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def services_by_ptv(kdir: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    out = {}
    for path in sorted((kdir / "services").glob("*.yaml")):
        for s in yaml.safe_load(path.read_text(encoding="utf-8"))["services"]:
            link = (s.get("links") or {}).get("ptv")
            if link:
                out[link.rsplit("/", 1)[-1]] = (path, s)
    return out


def show(title: str, code: int, out: str, seconds: float) -> None:
    print(f"\n=== {title} (exit {code}, {seconds:.1f} s)")
    print(out.rstrip())


def run(samples: Path, work: Path) -> None:
    kdir, idir = work / "knowledge", work / "index"
    shutil.copytree(ROOT / "knowledge", kdir)
    add_sample_municipalities(kdir)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "JARJESTOBOTTI_KNOWLEDGE_DIR": str(kdir),
        "JARJESTOBOTTI_INDEX_DIR": str(idir),
        "JARJESTOBOTTI_DATABASE_URL": f"sqlite:///{work / 'bot.db'}",
        "JARJESTOBOTTI_PTV_RETRIES": "2",
    }
    with serve_ptv(samples) as fake:
        print(
            f"fake PTV API {fake.root}: {len(fake.records['services'])} services, "
            f"{len(fake.records['organizations'])} organisations, "
            f"{len(fake.records['servicechannels'])} channels"
        )
        sync = [
            "import",
            "ptv",
            "--api",
            fake.root,
            "--municipality",
            "905",
            "--municipality",
            "529",
            "--include-public",
        ]
        report = work / "raportti.txt"
        show("1. first run", *cli(*sync, "--report", str(report), env=env))
        print(
            f"requests: {len(fake.requests)}; area pages: "
            f"{sum('/list/area/' in r for r in fake.requests)}"
        )
        show("knowledge check", *cli("knowledge", "check", env=env))
        code, out, secs = cli("index", "build", "--quiet", env=env)
        show("index build", code, out[-400:], secs)
        code, out, secs = cli("ask", "--json", QUESTION, env=env, stdout_only=True)
        answer = json.loads(out)
        top = [(r["id"], r["title"]) for r in answer["results"][:5]]
        ours = services_by_ptv(kdir)[EDITED][1]["id"]
        print(f"\n=== ask {QUESTION!r} ({secs:.1f} s): fit={answer['fit']}")
        for rid, title in top:
            print(f"  {'*' if rid == ours else ' '} {rid}  {title}")
        print(f"imported service {ours} in the top 5: {any(r == ours for r, _ in top)}")

        _second_run(fake, kdir, sync, env)
        _api_goes_away(fake, kdir, sync, env)


def _second_run(fake: FakePtv, kdir: Path, sync: list[str], env: dict[str, str]) -> None:
    before = services_by_ptv(kdir)
    path, _ = before[EDITED]
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    for s in doc["services"]:
        if EDITED in s["links"]["ptv"]:
            s["schedule"] = "Tiistaisin klo 17–19 (koordinaattorin lisäys)"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for item in fake.records["services"][CHANGED]["serviceDescriptions"]:
        if (item["type"], item["language"]) == ("Summary", "fi"):
            item["value"] = NEW_SUMMARY
    fake.change(CHANGED)
    fake.set_status(ARCHIVED, "Archived")
    files = {p: p.read_bytes() for p in (kdir / "services").glob("*.yaml")}
    fake.requests.clear()
    show("2. second run after one change, one archive, one coordinator edit", *cli(*sync, env=env))
    print("requests:", *fake.requests, sep="\n  ")
    after = services_by_ptv(kdir)
    rewritten = sorted(p.name for p in files if not p.exists() or p.read_bytes() != files[p])
    print(f"files rewritten: {rewritten}")
    print(f"changed service summary updated: {after[CHANGED][1]['summary'] == NEW_SUMMARY}")
    print(f"archived service left the knowledge: {ARCHIVED not in after}")
    print(f"coordinator's schedule survived: {after[EDITED][1].get('schedule')!r}")
    print(f"services from PTV before/after: {len(before)}/{len(after)}")
    show("knowledge check", *cli("knowledge", "check", env=env))


def _api_goes_away(fake: FakePtv, kdir: Path, sync: list[str], env: dict[str, str]) -> None:
    fake.change(EDITED)
    fake.set_status(CHANGED, "Withdrawn")
    state = (kdir / "ptv-sync.json").read_text(encoding="utf-8")
    before = digest(kdir)
    fake.requests.clear()
    fake.down_after = 2  # answers the change list, then stops answering
    show("3. the API goes away mid-run", *cli(*sync, env=env))
    print(
        f"knowledge digest before {before}, after {digest(kdir)}; "
        f"unchanged: {digest(kdir) == before}; run state unchanged: "
        f"{(kdir / 'ptv-sync.json').read_text(encoding='utf-8') == state}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, required=True, help="ptv-samples folder")
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep it")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        run(args.samples, args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run(args.samples, Path(tmp))


if __name__ == "__main__":
    main()
