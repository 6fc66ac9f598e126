"""Percentiles for the benchmarks (nearest-rank on the sorted sample)."""

from __future__ import annotations


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, round(p * (len(s) - 1)))]
