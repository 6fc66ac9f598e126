"""A third first-stage ranking: the services of a specific need the case names or implies.

"mies kuoli tammikuussa … talo on niin hiljanen" is grief to a reader, and the everyday signs
(index/language/signs.yaml) read it so, but to e5-small the widows' group is the 98th service
and BM25 finds no shared word: the services of the need never reach the ranker's pool. When
the question's themes include a specific one, carried by few services (grief, memory,
substances, violence, debt, housing, food aid, digital help, crisis support …), the services
carrying it, in dense order, are fused as a third ranking beside dense and BM25, at a lower
weight. A theme most services carry (peer support, loneliness, parenting) says too little.

Measured (docs/evaluation.md, the fourteenth stop): dev CV nDCG@5 0.737 → 0.746 at weight
0.5 (0.739 at 0.3, 0.743 at 1.0); every judged case set but one higher. Not after a move,
free or remote (`lean=False`): there the earlier answer's kind decides, as for the memory.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from index.knowledge.model import Service

NEED_WEIGHT = 0.5  # the third ranking's RRF weight (dense 1.0, BM25 0.7)
RARE_SHARE = 0.06  # a theme carried by at most this share of the services is specific


def specific_themes(
    themes: Collection[str], counts: Mapping[str, int], services: int
) -> frozenset[str]:
    """The question's themes that few services carry."""
    limit = max(1, int(RARE_SHARE * services))
    return frozenset(t for t in themes if 0 < counts.get(t, 0) <= limit)


def need_ranking(
    dense_hits: Sequence[tuple[int, float]],
    service_at: Sequence[Service | None],
    themes: frozenset[str],
) -> list[int]:
    """Positions of the services carrying one of `themes`, in dense order."""
    if not themes:
        return []
    return [
        i
        for i, _ in dense_hits
        if (s := service_at[i]) is not None and any(t in themes for t in s.themes)
    ]
