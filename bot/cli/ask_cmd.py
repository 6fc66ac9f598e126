"""`jarjestobotti ask`: one question, or a JSONL stream of them, through the bot.

`--jsonl` loads the index once and answers line by line, in order, so the
held-out evaluation and load tests can drive the real conversation core.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.cli.arguments import add_data_arguments
from bot.runtime import load_runtime
from bot.settings import Settings
from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from index.search.facets import Filters


def reply_json(question: str, reply: Reply) -> dict[str, Any]:
    return {
        "question": question,
        "intent": reply.intent,
        "filters": reply.filters or Filters().as_json(),
        "abstained": reply.abstained,
        "fit": reply.fit,
        "results": [r.as_json() for r in reply.results[:10]],
        "answer": render_text(reply),
        "timings_ms": {k: round(v, 2) for k, v in reply.timings_ms.items()},
    }


def _question(line: str) -> str:
    line = line.strip()
    if line.startswith("{"):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            return line
        if isinstance(obj, dict):
            return str(obj.get("question", ""))
    return line


def run(args: argparse.Namespace, settings: Settings) -> int:
    rt = load_runtime(settings, knowledge_dir=args.knowledge, index_dir=args.index, with_db=False)
    if args.jsonl:
        for n, line in enumerate(sys.stdin):
            if not line.strip():
                continue
            q = _question(line)
            reply = rt.router.handle(Incoming("cli", "cli", f"jsonl-{n}", q))
            print(json.dumps(reply_json(q, reply), ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        print('Anna kysymys: jarjestobotti ask "kysymys"', file=sys.stderr)
        return 2
    reply = rt.router.handle(Incoming("cli", "cli", "ask", args.question))
    if args.json:
        print(json.dumps(reply_json(args.question, reply), ensure_ascii=False, indent=2))
    else:
        print(render_text(reply))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ask", help="kysy botilta komentoriviltä")
    p.add_argument("question", nargs="?", help="kysymys")
    p.add_argument("--json", action="store_true", help="tulosta yksi JSON-olio")
    p.add_argument("--jsonl", action="store_true", help="lue kysymyksiä stdinistä, yksi per rivi")
    add_data_arguments(p)
    p.set_defaults(func=run)
