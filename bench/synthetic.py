"""A knowledge folder of N services for the scale benchmark (bench/scale.py).

The base services are the sample knowledge's and those imported from real PTV
records (`jarjestobotti import ptv`'s converter). Service number k is a variation
of base service k mod B: its own organisation file, id and name (a group number
appended), and facets rotated so that filters have something to choose between
(municipality, cost, remote taking part); the text is the base text, so BM25 and
the tokenizer see real vocabulary. The roadmap, roles, guidance and vocabularies
are the sample's.

`PerturbedEmbedder` gives each variation its base text's vector plus Gaussian
noise: embedding 100,000 passages takes hours on two cores, so only the base
texts are embedded (through the embedding cache) and the variations' vectors are
`normalize(base + noise)`, noise ~ N(0, sigma²) per component, seeded by the text.
"""

from __future__ import annotations

import copy
import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from index.knowledge.loader import load_knowledge
from index.knowledge.model import KnowledgeBase
from index.ptv.files import import_ptv, read_vocabulary_file
from index.search.artifact import passage_text
from index.search.build_documents import build_documents
from index.search.embcache import EmbeddingCache, embed_texts
from index.search.embedder import Embedder

PER_ORG = 20  # synthetic services per organisation file
SYNTHETIC = "synteettinen-"  # their organisations' ids and file names start so
MUNICIPALITIES = (["vantaa"], ["kerava"], ["vantaa", "kerava"])
COSTS = ("free", "fee", "partly")


def base_services(knowledge: Path, ptv: Path | None, out: Path) -> list[dict[str, Any]]:
    """Copy the sample into `out`, import PTV records beside it; every service's raw dict.
    An `out` written before (`--workdir`) is reused as it is."""
    if not out.exists():
        shutil.copytree(knowledge, out)
        if ptv is not None:
            import_ptv([ptv], out, read_vocabulary_file(out / "vocabularies.yaml"))
    services: list[dict[str, Any]] = []
    for path in sorted((out / "services").glob("*.yaml")):
        if path.name.startswith(SYNTHETIC):
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        services += doc.get("services") or []
    return services


def variation(base: dict[str, Any], k: int, org: str) -> dict[str, Any]:
    s = copy.deepcopy(base)
    slug = str(base["id"]).split("/", 1)[1][:40].strip("-")
    s["id"] = f"{org}/{slug}-{k}"
    s["name"] = f"{base['name']} (ryhmä {k})"
    s.pop("ptv_id", None)
    s.pop("locations", None)  # a location names its municipality, which is rotated
    s["municipalities"] = MUNICIPALITIES[k % 3]
    s["cost"] = COSTS[(k // 3) % 3]
    s["online"] = bool(base.get("online")) if k % 4 else not base.get("online")
    return s


def write_synthetic(out: Path, bases: Sequence[dict[str, Any]], count: int) -> None:
    """Add `count` variations of `bases` to `out/services/` (PER_ORG per organisation)."""
    folder = out / "services"
    for start in range(0, count, PER_ORG):
        org = f"{SYNTHETIC}{start // PER_ORG:05d}"
        services = [
            variation(bases[k % len(bases)], k, org)
            for k in range(start, min(count, start + PER_ORG))
        ]
        name = f"Synteettinen yhdistys {org[-5:]}"
        doc: dict[str, Any] = {"organization": {"id": org, "name": name}, "services": services}
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
        (folder / f"{org}.yaml").write_text(text, encoding="utf-8")


class PerturbedEmbedder:
    """The real embedder for real texts; a variation's vector is its base's plus noise."""

    def __init__(self, real: Embedder, base_of: dict[str, str], sigma: float) -> None:
        self.real, self.base_of, self.sigma = real, base_of, sigma
        self.name, self.model, self.dim = real.name, real.model, real.dim
        self.base_vectors: dict[str, np.ndarray] = {}

    def embed_bases(self, texts: Sequence[str], cache: EmbeddingCache | None) -> None:
        vecs, _ = embed_texts(self.real, list(texts), cache=cache)
        self.base_vectors = dict(zip(texts, vecs, strict=True))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.real.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            base = self.base_vectors.get(self.base_of.get(t, t))
            if base is None:
                out[i] = self.real.encode_passages([t])[0]
                continue
            if t in self.base_vectors:
                out[i] = base
                continue
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "little")
            v = base + np.random.default_rng(seed).normal(0, self.sigma, self.dim)
            out[i] = v / np.linalg.norm(v)
        return out


def synthetic_corpus(
    knowledge: Path, ptv: Path | None, out: Path, services: int
) -> tuple[KnowledgeBase, list[str], dict[str, str], int]:
    """Write the folder; (knowledge, base passage texts, variation text → base text,
    number of base services)."""
    bases = base_services(knowledge, ptv, out)
    real_ids = {s["id"] for s in bases}
    extra = max(0, services - len(bases))
    if not any((out / "services").glob(f"{SYNTHETIC}*.yaml")):
        write_synthetic(out, bases, extra)
    kb = load_knowledge(out)
    docs = build_documents(kb)
    by_id = {d.id: passage_text(d) for d in docs if d.kind != "service" or d.id in real_ids}
    base_of: dict[str, str] = {}
    for d in docs:
        if d.kind == "service" and d.id not in real_ids:
            k = int(d.id.rsplit("-", 1)[1])
            base_of[passage_text(d)] = by_id[str(bases[k % len(bases)]["id"])]
    return kb, list(by_id.values()), base_of, len(bases)
