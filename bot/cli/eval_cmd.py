"""`jarjestobotti eval QUESTIONS.jsonl`: retrieval quality of the real conversation core."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.cli.arguments import add_data_arguments
from bot.evaluation.conversations import is_conversation_file, print_report
from bot.evaluation.questions import evaluate, load_questions, markdown_table
from bot.runtime import load_runtime
from bot.settings import Settings

ABLATIONS = {
    "bm25": ("lexical", False),
    "dense": ("dense", False),
    "hybrid": ("hybrid", False),
    "hybrid+facets": ("hybrid", True),
}


def run(args: argparse.Namespace, settings: Settings) -> int:
    rt = load_runtime(settings, knowledge_dir=args.knowledge, index_dir=args.index, with_db=False)
    memory = rt.searcher.second.examples
    if memory is not None:  # a scored set never votes for its own questions
        rt.searcher.second.examples = memory.without([args.questions.stem])
        kept = len(rt.searcher.second.examples)
        print(f"Esimerkkimuisti: {kept}/{len(memory)} (ilman joukkoa {args.questions.stem})\n")
    if rt.searcher.intents is not None:  # nor does it teach the intent model its own questions
        rt.searcher.intents = rt.searcher.intents.without([args.questions.stem])
    if is_conversation_file(args.questions):
        out = print_report(rt.router, rt.kb, args.questions, args.cv, args.verbose)
        if args.json:
            args.json.write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0
    questions = load_questions(args.questions)
    configs = list(ABLATIONS) if args.ablations else ["hybrid+facets"]
    results = {}
    for name in configs:
        rt.searcher.mode, rt.searcher.use_facets = ABLATIONS[name]  # type: ignore[assignment]
        rt.searcher.clear_cache()  # each configuration pays for its own embeddings
        report = evaluate(rt.router, rt.kb, questions)
        results[name] = report
    main = results[configs[-1]]
    print(f"## Kokonaisuus ({len(questions)} kysymystä)\n")
    print(markdown_table({name: r.summary() for name, r in results.items()}))
    print("\n## Kysymystyypeittäin (hybrid+facets)\n")
    print(markdown_table(main.by_kind()))
    print("\n## Kielittäin (hybrid+facets)\n")
    print(markdown_table(main.by_language()))
    if args.cv:
        from bot.evaluation.cv import cross_validate

        rt.searcher.mode, rt.searcher.use_facets = ABLATIONS["hybrid+facets"]  # type: ignore[assignment]
        extra = [q for path in args.train_with for q in load_questions(path)]
        cv, tuned = cross_validate(rt.router, rt.kb, rt.searcher, questions, args.cv, extra)
        results["hybrid+facets (CV)"] = cv
        print(f"\n## Ristiinvalidoitu: {tuned}\n")
        print(markdown_table({"CV": cv.summary()}))
        print("\n### Kysymystyypeittäin (CV)\n")
        print(markdown_table(cv.by_kind()))
        print("\n### Kielittäin (CV)\n")
        print(markdown_table(cv.by_language()))
    if args.verbose:
        print()
        for o in main.outcomes:
            print(json.dumps(o.__dict__, ensure_ascii=False))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    name: {
                        "summary": r.summary(),
                        "by_kind": r.by_kind(),
                        "by_language": r.by_language(),
                    }
                    for name, r in results.items()
                },
                ensure_ascii=False,
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("eval", help="arvioi haun laatu arvioiduilla kysymyksillä")
    p.add_argument("questions", type=Path, help="JSONL-tiedosto (kuten dev-questions.jsonl)")
    add_data_arguments(p)
    p.add_argument(
        "--ablations", action="store_true", help="vertaa: BM25, dense, hybrid, hybrid+facets"
    )
    p.add_argument(
        "--cv",
        type=int,
        default=0,
        metavar="K",
        help="ristiinvalidoi viritetyt osat K osaan (kysymykset ja keskustelut)",
    )
    p.add_argument(
        "--train-with",
        type=Path,
        nargs="*",
        default=[],
        metavar="FILE",
        help="ristiinvalidoinnissa myös nämä arvioidut kysymykset opetukseen (ei arvioida)",
    )
    p.add_argument("--json", type=Path, default=None, help="kirjoita tulokset JSON-tiedostoon")
    p.add_argument("-v", "--verbose", action="store_true", help="tulosta jokainen kysymys")
    p.set_defaults(func=run)
