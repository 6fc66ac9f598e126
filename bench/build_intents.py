"""Write the intent model (index/search/intents.json + .npy) from judged sets and the vocabulary.

    python -m bench.build_intents ../shared/eval/dev-questions.jsonl \\
        ../shared/eval/dev-conversations.jsonl bench/cases-implied-1.jsonl … \\
        bench/roadmap-fresh-1.jsonl … bench/probes/answerable-1.txt … [--write]

Each judged question is an example: a roadmap, role or guidance question (`expected_ids`)
is about the cooperation; a case or service request (`relevant`), a conversation's first
turn and a line of a probe file (answerable or no-match requests) is a client's need. To
them come short requests generated from every need and group of the vocabulary, in Finnish,
Swedish and English ("Auttaako joku järjestö: velat?", "Is there an association that helps
with debt?"): staff ask so too, and the judged sets, mostly long case descriptions, hold few.
Only the vectors, the label and the set's name are saved, no question text. Never pass a
set that is to stay unread (a blind set): the model would have learnt it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from bot.runtime import load_runtime
from bot.settings import load_settings
from index.knowledge.model import Vocabularies
from index.search.intent_model import MANIFEST_FILE, IntentModel, save_intents

TEMPLATES = {
    "fi": (
        "Auttaako joku järjestö: {x}?",
        "Onko järjestöillä toimintaa – {x}?",
        "Löytyykö yhdistystä, jolla on tukea ({x})?",
    ),
    "sv": ("Finns det någon förening som hjälper med {x}?", "Har föreningarna något för {x}?"),
    "en": ("Is there an association that helps with {x}?", "Do any NGOs offer something for {x}?"),
}
SYNONYMS = 3  # a Finnish entry's first synonyms as well ("velat", "ulosotto" …)


def vocabulary_requests(vocab: Vocabularies) -> list[str]:
    out: list[str] = []
    for entries in (vocab.target_groups, vocab.themes):
        for entry in entries.values():
            for lang, templates in TEMPLATES.items():
                words = [entry.labels.get(lang, "")]
                if lang == "fi":
                    words += list(entry.synonyms[:SYNONYMS])
                out += [t.format(x=w) for w in words if w for t in templates]
    return out


def judged(path: Path) -> list[tuple[str, bool]]:
    """(question, about the cooperation?) of one judged file."""
    if path.suffix == ".txt":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [(x.strip(), False) for x in lines if x.strip()]
    out: list[tuple[str, bool]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        q = json.loads(line)
        if "turns" in q:
            out.append((q["turns"][0], False))
        elif "expected_ids" in q:
            out.append((q["question"], True))
        elif "relevant" in q:
            out.append((q["question"], False))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path, help="judged sets (JSONL) and probe files")
    ap.add_argument("--write", action="store_true", help=f"save to {MANIFEST_FILE}")
    args = ap.parse_args()
    rt = load_runtime(load_settings(), with_db=False)
    sources: list[str] = []
    labels: list[bool] = []
    texts: list[str] = []
    for path in args.files:
        for text, knowledge in judged(path):
            sources.append(path.stem)
            labels.append(knowledge)
            texts.append(text)
    generated = vocabulary_requests(rt.kb.vocabularies)
    sources += ["vocabulary"] * len(generated)
    labels += [False] * len(generated)
    vectors = np.asarray(rt.searcher.embedder.encode_queries(texts + generated))
    # the model is fitted on the vectors as saved (half precision), so a reload gives the same
    model = IntentModel(
        sources,
        np.array(labels, dtype=np.float32),
        vectors.astype(np.float16).astype(np.float32),
        rt.searcher.embedder.model,
    )
    for source in dict.fromkeys(sources):
        n = sum(s == source for s in sources)
        k = sum(lab for s, lab in zip(sources, labels, strict=True) if s == source)
        print(f"{source}: {n} ({k} yhteistyöstä)")
    if args.write:
        save_intents(model)
        print(f"kirjoitettu {MANIFEST_FILE} ({len(model)} esimerkkiä, malli {model.model})")


if __name__ == "__main__":
    main()
