"""A bounded, thread-safe memo of what was worked out from a text.

A rebuild reads every document again although only one changed; what does not depend on
the fitted tables (how a text splits into segments, their language and word forms) is
remembered here, keyed by the text itself, least recently used first out. The bound is on
the total `size` of what is kept (e.g. words), not on the number of texts.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["TextMemo"]

T = TypeVar("T")


class TextMemo(Generic[T]):
    def __init__(self, capacity: int, size: Callable[[T], int]) -> None:
        self.capacity = capacity
        self._size = size
        self._items: OrderedDict[str, tuple[T, int]] = OrderedDict()
        self._total = 0
        self._lock = threading.Lock()

    def get(self, text: str, compute: Callable[[str], T]) -> T:
        with self._lock:
            hit = self._items.get(text)
            if hit is not None:
                self._items.move_to_end(text)
                return hit[0]
        value = compute(text)
        n = self._size(value)
        with self._lock:
            if text not in self._items and n <= self.capacity:
                self._items[text] = (value, n)
                self._total += n
                while self._total > self.capacity:
                    self._total -= self._items.popitem(last=False)[1][1]
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._total = 0
