"""Which word forms simplemma's dictionaries know, in ~2 bytes a form.

The lemma table keeps only forms whose lemma the corpus has, but simplemma's
decomposition stops at the first known form, whatever its lemma: "laatikossa"
is laatikko, not laati(a) + kossa. A Bloom filter of every known form lets the
table stop where simplemma stops (a false positive, ~0.05 %, stops it early).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

BITS_PER_KEY, PROBES = 16, 11
_MASK = (1 << 64) - 1


def _hashes(key: str) -> tuple[int, int]:
    digest = hashlib.blake2b(key.encode(), digest_size=16).digest()
    return int.from_bytes(digest[:8], "little"), int.from_bytes(digest[8:], "little") | 1


class FormFilter:
    """Bloom filter over "lang:form" keys."""

    def __init__(self, bits: bytes, probes: int = PROBES) -> None:
        self.bits = bits
        self.probes = probes
        self._m = len(bits) * 8

    @classmethod
    def build(cls, keys: Iterable[str], count: int) -> FormFilter:
        m = max(64, count * BITS_PER_KEY // 64 * 64)
        pairs = np.array([_hashes(k) for k in keys], dtype=np.uint64).reshape(-1, 2)
        on = np.zeros(m, dtype=bool)
        with np.errstate(over="ignore"):  # uint64 arithmetic wraps, as _MASK does below
            for i in range(PROBES):
                on[(pairs[:, 0] + np.uint64(i) * pairs[:, 1]) % np.uint64(m)] = True
        return cls(np.packbits(on, bitorder="little").tobytes())

    def known(self, lang: str, form: str) -> bool:
        h1, h2 = _hashes(f"{lang}:{form}")
        bits, m = self.bits, self._m
        for i in range(self.probes):
            p = ((h1 + i * h2) & _MASK) % m
            if not bits[p >> 3] >> (p & 7) & 1:
                return False
        return True

    def to_json(self) -> dict[str, Any]:
        return {"probes": self.probes, "bits": base64.b64encode(self.bits).decode("ascii")}

    @classmethod
    def from_json(cls, state: Mapping[str, Any]) -> FormFilter:
        probes, bits = state.get("probes"), state.get("bits")
        if not (isinstance(probes, int) and probes > 0 and isinstance(bits, str) and bits):
            raise ValueError("form filter state is malformed")
        return cls(base64.b64decode(bits, validate=True), probes)
