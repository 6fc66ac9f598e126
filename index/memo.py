"""Memos for rebuilds: what was worked out from a text, or for an object kept unchanged.

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

`LastCall` is the cheaper kind for objects a rebuild hands back as they were: results are
kept by the object's identity, for the last call's objects only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

__all__ = ["LastCall", "TextMemo"]

K = TypeVar("K")
T = TypeVar("T")
Obj = TypeVar("Obj")


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


class LastCall(Generic[Obj, T]):
    """What was worked out for each object of the last call, kept by the object's identity.

    A live rebuild hands back the very objects it kept for what did not change (an unchanged
    file's services, an unchanged text's term list, an unchanged document): their results
    are taken as they are, without hashing or comparing them, and only new objects are
    worked out. Only the last call's objects are kept (held, so their ids are not reused
    meanwhile), and only when `keep` finds the call's results small enough; a result is
    reused only when `context` (e.g. the vocabularies) equals the last call's.
    """

    def __init__(self) -> None:
        self._last: dict[int, tuple[Obj, T]] = {}
        self._context: object = None
        self._lock = threading.Lock()

    def map(
        self,
        objects: Iterable[Obj],
        compute: Callable[[Obj], T],
        *,
        context: object = None,
        keep: Callable[[list[T]], bool] = lambda _: True,
    ) -> list[T]:
        """`compute(o)` for each of `objects`, in order; the last call's result for the
        very same object."""
        with self._lock:
            last = self._last if self._context == context else {}
        now: dict[int, tuple[Obj, T]] = {}
        out: list[T] = []
        for obj in objects:
            hit = last.get(id(obj))
            value = hit[1] if hit is not None and hit[0] is obj else compute(obj)
            now[id(obj)] = (obj, value)
            out.append(value)
        with self._lock:
            self._last, self._context = (now, context) if keep(out) else ({}, None)
        return out
