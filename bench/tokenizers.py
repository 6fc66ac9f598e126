"""Measure lexical tokenisation variants and fusion weights on judged questions.

Reuses one saved index's embeddings and swaps only the lexical side, so every
variant sees the same dense ranking:

    python -m bench.tokenizers QUESTIONS.jsonl --index var/index
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.evaluation.questions import evaluate, load_questions, markdown_table
from bot.runtime import load_runtime
from bot.settings import load_settings
from index.language.tokens import make_tokenizer
from index.search.artifact import passage_text
from index.search.lexical import LexicalIndex

VARIANTS = ["plain", "lemma", "stem", "lemma+compound", "stem+compound"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", type=Path)
    ap.add_argument("--index", type=Path, default=None)
    args = ap.parse_args()
    rt = load_runtime(load_settings(), index_dir=args.index, with_db=False)
    questions = load_questions(args.questions)
    texts = [passage_text(d) for d in rt.index.docs]
    rows = {}
    for name in VARIANTS:
        tok = make_tokenizer(name)
        tok.fit(texts)
        lexical = LexicalIndex.build([tok.tokenize(t) for t in texts])
        rt.searcher.replace_lexical(tok, lexical)
        for mode, facets in (("lexical", False), ("hybrid", True)):
            rt.searcher.mode, rt.searcher.use_facets = mode, facets  # type: ignore[assignment]
            label = f"{name} / {'bm25' if mode == 'lexical' else 'hybrid+facets'}"
            rows[label] = evaluate(rt.router, rt.kb, questions).summary()
    print(markdown_table(rows))


if __name__ == "__main__":
    main()
