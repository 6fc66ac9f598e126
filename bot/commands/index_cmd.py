"""`jarjestobotti index build`: validate the knowledge and build the search index."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bot.runtime import DEFAULT_TOKENIZER, build_and_save, embedder_from
from bot.settings import Settings


def build(args: argparse.Namespace, settings: Settings) -> int:
    kdir = args.knowledge or settings.knowledge_dir
    out = args.out or settings.index_dir
    t0 = time.perf_counter()
    index = build_and_save(
        kdir, out, embedder_from(settings), args.tokenizer, progress=not args.quiet
    )
    secs = time.perf_counter() - t0
    n = len(index.docs)
    print(f"Hakemisto rakennettu: {n} dokumenttia, {secs:.1f} s ({n / secs:.0f} dok/s) → {out}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("index", help="hakemiston rakentaminen")
    isub = p.add_subparsers(dest="index_command", metavar="KOMENTO", required=True)
    b = isub.add_parser("build", help="rakenna hakemisto tietopohjasta")
    b.add_argument("--knowledge", type=Path, default=None, help="tietopohjan hakemisto")
    b.add_argument("--out", type=Path, default=None, help="minne hakemisto tallennetaan")
    b.add_argument(
        "--tokenizer",
        default=DEFAULT_TOKENIZER,
        help="leksikaalisen haun sanastaja (plain, lemma, stem, stem+compound, …)",
    )
    b.add_argument("--quiet", action="store_true", help="ei edistymispalkkia")
    b.set_defaults(func=build)
