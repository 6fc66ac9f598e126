"""YAML text → node tree, fast and remembered.

Parsing is by libyaml when PyYAML was built with it (the pure-Python parser took
~0.2 s per file of 20 services), and a tree is remembered by its text (up to
COMPOSED_CHARS): a live reload re-reads every file, and composing is nearly all of
reading. Line numbers and problems are `index.knowledge.yamlsrc`'s.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import yaml
from yaml.nodes import Node

__all__ = ["COMPOSED_CHARS", "compose"]

_COMPOSED: OrderedDict[str, Node | None] = OrderedDict()  # text → its node tree, oldest first
_COMPOSED_LOCK = threading.Lock()
COMPOSED_CHARS = 4_000_000  # ~90 MB of node trees (about 22 bytes a character)
_composed_chars = 0
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it


def compose(text: str) -> Node | None:
    """The node tree of `text`, remembered (up to COMPOSED_CHARS of text): a live reload
    re-reads every file, and composing is nearly all of reading. Trees are only read."""
    global _composed_chars
    with _COMPOSED_LOCK:
        if text in _COMPOSED:
            _COMPOSED.move_to_end(text)
            return _COMPOSED[text]
    root = _parse(text)
    with _COMPOSED_LOCK:
        if text not in _COMPOSED and len(text) <= COMPOSED_CHARS:
            _COMPOSED[text] = root
            _composed_chars += len(text)
            while _composed_chars > COMPOSED_CHARS:
                _composed_chars -= len(_COMPOSED.popitem(last=False)[0])
    return root


def _parse(text: str) -> Node | None:
    """The node tree, by libyaml when available: the pure-Python parser took ~0.2 s per
    file of 20 services, 20 minutes for 100,000 services at every start. A text libyaml
    rejects is parsed again in Python, whose messages the syntax problems are worded from."""
    if _FAST_LOADER is not None:
        try:
            node: Node | None = yaml.compose(text, Loader=_FAST_LOADER)
            return node
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
