"""Malformed request bodies, made deterministically from a valid one, for the fuzz run.

`corpus(valid, seed, n)` mutates a valid body in the ways a careless client or
an attacker would: bytes that are not JSON or not UTF-8, truncations, every
field replaced by a value of the wrong type (null, numbers too long for Python,
deep nesting, huge strings, lone surrogates), fields deleted and added, and
the whole body wrapped in thousands of brackets. The same seed gives the same
corpus, so a failure names a body that can be replayed.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]

FIXED: list[bytes] = [
    b"",
    b" ",
    b"null",
    b"true",
    b"0",
    b'"teksti"',
    b"[]",
    b"{}",
    b"{",
    b"}",
    b"[{]",
    b'{"a":}',
    b"NaN",
    b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    b'{"a": 1e999}',
    b"1" * 5000,  # more digits than Python turns into an int
    b'{"a": ' + b"9" * 5000 + b"}",
    b"\xff\xfe\xfd",
    b"\xef\xbb\xbf{}",  # a byte-order mark
    b'{"a": "\xc3\x28"}',  # invalid UTF-8 inside a string
    b'{"a": "\\ud800"}',  # a lone surrogate
    b"\x00" * 64,
    b"[" * 100_000,
    b'{"a":' * 50_000,
    b"[" * 2000 + b"]" * 2000,
    b"payload=" + b"%5B" * 5000,
    b"payload=%7B%7D&payload=" + b"%5B" * 3000,
    b"a=1&b=2&c",
]

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2**63,
    1.5,
    1e308,
    "",
    " ",
    "x" * 70_000,
    "\x00\x01\x02",
    "\ud800",
    "<@U0ALL> <!channel>",
    "ä" * 3000,
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": {}}}},
    ["x"] * 200,
]


def _paths(value: Any, prefix: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield (*prefix, i)
            yield from _paths(child, (*prefix, i))


def _set(root: Any, path: Path, value: Any, delete: bool = False) -> Any:
    out = copy.deepcopy(root)
    node = out
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def _nested(depth: int, rng: random.Random) -> bytes:
    """A value nested `depth` levels (lists and objects mixed), as JSON text."""
    opens = [rng.random() < 0.5 for _ in range(depth)]
    head = "".join("[" if o else '{"k":' for o in opens)
    return (head + '"pohja"' + "".join("]" if o else "}" for o in reversed(opens))).encode()


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def mutate(valid: dict[str, Any], rng: random.Random) -> bytes:
    """One malformed variant of `valid`."""
    paths = list(_paths(valid))
    kind = rng.randrange(7)
    if kind == 0:  # a field of the wrong type
        return _dump(_set(valid, rng.choice(paths), rng.choice(ODD_VALUES)))
    if kind == 1:  # a field missing
        return _dump(_set(valid, rng.choice(paths), None, delete=True))
    if kind == 2:  # a field nested deeper than any parser should follow
        depth = rng.choice([40, 70, 200, 1200, 5000])
        marked = _dump(_set(valid, rng.choice(paths), "@@NESTED@@"))
        return marked.replace(b'"@@NESTED@@"', _nested(depth, rng))
    if kind == 3:  # cut short
        raw = _dump(valid)
        return raw[: rng.randrange(len(raw))]
    if kind == 4:  # bytes flipped
        raw = bytearray(_dump(valid))
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if kind == 5:  # the whole body wrapped
        depth = rng.choice([65, 1000, 3000])
        return b"[" * depth + _dump(valid) + b"]" * depth
    extra = {rng.choice(["x", "event", "type", "value", "text"]): rng.choice(ODD_VALUES)}
    return _dump({**valid, **extra} if rng.random() < 0.5 else {**extra, **valid})


def corpus(valid: dict[str, Any], seed: int, n: int = 200) -> list[bytes]:
    """`FIXED` and `n` mutations of `valid`."""
    rng = random.Random(seed)
    return FIXED + [mutate(valid, rng) for _ in range(n)]
