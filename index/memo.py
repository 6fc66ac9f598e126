"""A bounded, thread-safe memo of what was worked out from a text.

A rebuild reads every file and document again although only one changed; what depends
only on a text (its YAML with line numbers, its cut into segments and words) is remembered
here, keyed by the text itself. The bound is on the total `size` of what is kept (e.g.
characters, words), not on the number of texts.

A corpus larger than the bound must not make every lookup miss, as least-recently-used
eviction would on a full pass over it: the caller marks the start of each pass
(`new_pass`), and a new entry only pushes out entries no lookup of the current pass has
used. Once the memo is full of the current pass's texts, later texts are not kept, so a
steady corpus keeps a steady part remembered, and an edited file's old text goes on the
next pass.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["TextMemo"]

K = TypeVar("K")
T = TypeVar("T")


class TextMemo(Generic[K, T]):
    def __init__(self, capacity: int, size: Callable[[K, T], int]) -> None:
        self.capacity = capacity
        self._size = size
        self._items: OrderedDict[K, tuple[T, int, int]] = OrderedDict()  # value, size, pass
        self._total = 0
        self._pass = 0
        self._lock = threading.Lock()

    def new_pass(self) -> None:
        with self._lock:
            self._pass += 1

    def get(self, key: K, compute: Callable[[K], T]) -> T:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items[key] = (hit[0], hit[1], self._pass)
                self._items.move_to_end(key)
                return hit[0]
        value = compute(key)
        n = self._size(key, value)
        with self._lock:
            if key not in self._items and n <= self.capacity:
                while self._total + n > self.capacity and self._items:
                    oldest = next(iter(self._items.values()))
                    if oldest[2] == self._pass:
                        return value  # full of this pass's texts: keep what is there
                    self._total -= self._items.popitem(last=False)[1][1]
                self._items[key] = (value, n, self._pass)
                self._total += n
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._total = 0
