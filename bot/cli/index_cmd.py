"""`jarjestobotti index build`: validate the knowledge and build the search index.

Incremental by default: text embedded before (in the previous index or the
embedding cache, JARJESTOBOTTI_EMBEDDING_CACHE_DIR) is not embedded again.
`--full` ignores both and embeds everything (the cache is refreshed).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from bot.cli.arguments import add_command_group
from bot.runtime import DEFAULT_TOKENIZER, build_and_save, embedder_from
from bot.settings import Settings
from index.knowledge.loader import load_knowledge
from index.search.artifact_current import files_unchanged, saved_is_current
from index.search.build_documents import build_documents


def build(args: argparse.Namespace, settings: Settings) -> int:
    kdir = args.knowledge or settings.knowledge_dir
    out = args.out or settings.index_dir
    # A build is a batch job with the machine to itself: use every core (about 2x
    # faster on two). `serve` keeps the engine's single thread, which stays fast
    # when other processes compete for the CPU. Read when the model loads.
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    t0 = time.perf_counter()
    embedder = embedder_from(settings)
    if not args.full and (n := files_unchanged(out, kdir, embedder, args.tokenizer)) is not None:
        secs = time.perf_counter() - t0
        print(f"Hakemisto on ajan tasalla, ei rakennettavaa: {n} dokumenttia, {secs:.1f} s")
        return 0
    kb = load_knowledge(kdir)
    docs = build_documents(kb)
    if not args.full and saved_is_current(out, docs, embedder, args.tokenizer, kb.content_hash):
        secs = time.perf_counter() - t0
        print(f"Hakemisto on ajan tasalla, ei rakennettavaa: {len(docs)} dokumenttia, {secs:.1f} s")
        return 0
    index = build_and_save(
        kdir,
        out,
        embedder,
        args.tokenizer,
        progress=not args.quiet,
        cache_dir=settings.embedding_cache_dir,
        full=args.full,
        kb=kb,
    )
    secs = time.perf_counter() - t0
    n = len(index.docs)
    stats = index.manifest.get("embedding", {})
    kind = "koko hakemisto" if args.full else "päivitys"
    print(f"Hakemisto rakennettu ({kind}): {n} dokumenttia, {secs:.1f} s → {out}")
    print(
        f"Upotettiin {stats.get('embedded', n)} dokumenttia, "
        f"uudelleenkäytettiin {stats.get('reused', 0)}."
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    isub = add_command_group(sub, "index", "hakemiston rakentaminen", metavar="KOMENTO")
    b = isub.add_parser("build", help="rakenna hakemisto tietopohjasta")
    b.add_argument("--knowledge", type=Path, default=None, help="tietopohjan hakemisto")
    b.add_argument("--out", type=Path, default=None, help="minne hakemisto tallennetaan")
    b.add_argument(
        "--tokenizer",
        default=DEFAULT_TOKENIZER,
        help="leksikaalisen haun sanastaja (plain, lemma, stem, stem+compound, …)",
    )
    b.add_argument(
        "--full",
        action="store_true",
        help="rakenna kaikki alusta (ei aiempaa hakemistoa eikä upotusvälimuistia)",
    )
    b.add_argument("--quiet", action="store_true", help="ei edistymispalkkia")
    b.set_defaults(func=build)
