"""Does a short follow-up get the action it asks for? `python -m bench.followup_actions FILE`.

FILE is JSONL: {"id", "case", "followup", "lang", "action", "n", "place"}, `action` one of
more (other options than those shown), details (about card `n`), dismiss (card `n` turned
down), closer (something nearer the client's district), thanks, refine (a new constraint or
detail: the case searched again). Each item runs in a thread of its own through the real
router; the action is read off the reply, not off the router's internals:

- thanks: the welcome line and no card;
- closer: the line saying what comes first near the district (or asking where);
- dismiss: the line naming what was left out, and card `n` of the first answer not offered
  (numbered the same way); `beyond_shown` counts the items whose `n` is past the cards shown;
- details: one card in full, card `n` of the first answer (numbered on past the cards shown
  as "näytä lisää" numbers them);
- more: the next cards after those shown (or "no more");
- refine: a new search answer (services listed from rank 1) and none of the above.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from bot.runtime import Runtime, load_runtime
from bot.settings import load_settings
from handlers.labels import label
from handlers.messages import Incoming, Notice, Reply, ServiceCard, Text

LANGS = ("fi", "sv", "en")
MARK = "\x00"


def _starts(key: str) -> tuple[str, ...]:
    """Each language's line for `key` up to its first placeholder (none on a code without
    the line: an earlier version is measured too)."""
    try:
        return tuple(
            label(key, lang, place=MARK, names=MARK, v=MARK).split(MARK)[0] for lang in LANGS
        )
    except KeyError:
        return ()


def _lines(key: str) -> set[str]:
    """Each language's line for `key`, one without placeholders, whole."""
    return set(_starts(key))


def _texts(reply: Reply) -> list[str]:
    return [p.text for p in reply.parts if isinstance(p, Text | Notice)]


def _cards(reply: Reply) -> list[ServiceCard]:
    return [p for p in reply.parts if isinstance(p, ServiceCard)]


def observed(first: Reply, reply: Reply) -> tuple[str, int | None]:
    """The action the reply took, and the card it was about when it was about one."""
    texts, cards = _texts(reply), _cards(reply)
    if any(t in _lines("welcome") for t in texts) and not cards:
        return "thanks", None
    if any(
        t.startswith(_starts(k)) for t in texts for k in ("closer", "closer_none") if _starts(k)
    ):
        return "closer", None
    if any(t in _lines("closer_where") for t in texts):
        return "closer", None
    if _starts("dismissed") and any(t.startswith(_starts("dismissed")) for t in texts):
        numbered = [c.id for c in _cards(first)]  # then on as "näytä lisää" numbers them
        numbered += [r.id for r in first.results if r.id not in numbered]
        gone = [i for i in numbered[:5] if i not in {r.id for r in reply.results}]
        return "dismiss", (numbered.index(gone[0]) + 1) if gone else None
    if len(cards) == 1 and cards[0].description and not reply.results:
        return "details", cards[0].rank
    if _starts("no_such_item") and any(t.startswith(_starts("no_such_item")) for t in texts):
        return "details", None
    if any(t in _lines("no_more") for t in texts):
        return "more", None
    if cards and not reply.results and cards[0].rank > 1:
        return "more", None
    if reply.intent == "services" and reply.results:
        return "refine", None
    return f"other:{reply.intent}", None


def run(rt: Runtime, items: list[dict[str, Any]], verbose: bool) -> dict[str, Any]:
    by_action: dict[str, Counter[str]] = {}
    wrong = []
    for item in items:
        thread = f"fa-{item['id']}"
        first = rt.router.handle(Incoming("bench", "u", thread, item["case"], thread="t"))
        reply = rt.router.handle(Incoming("bench", "u", thread, item["followup"], thread="t"))
        action, n = observed(first, reply)
        want, want_n = item["action"], item.get("n")
        beyond = want in ("details", "dismiss") and (want_n or 0) > len(_cards(first))
        right = action == want and (want not in ("details", "dismiss") or n == want_n)
        c = by_action.setdefault(want, Counter())
        c["n"] += 1
        c["right"] += right
        c["beyond_shown"] += beyond
        if not right:
            wrong.append((item["id"], want, want_n, action, n))
            if verbose:
                print(f"{item['id']}: {item['followup']!r} → {action} {n} (want {want} {want_n})")
    total = sum(c["right"] for c in by_action.values()), sum(c["n"] for c in by_action.values())
    return {
        "right": total[0],
        "n": total[1],
        "by_action": {a: dict(c) for a, c in sorted(by_action.items())},
        "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("file", type=Path)
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)
    items = [json.loads(line) for line in args.file.read_text("utf-8").splitlines() if line]
    rt = load_runtime(load_settings(), with_db=False)
    out = run(rt, items, args.verbose)
    print(json.dumps({k: v for k, v in out.items() if k != "wrong"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
