"""YAML text → node tree, by libyaml when PyYAML was built with it.

The pure-Python parser took ~0.2 s per file of 20 services, 20 minutes for 100,000
services at every start. A text libyaml rejects is parsed again in Python, whose messages
the syntax problems are worded from. Line numbers and problems are
`index.knowledge.yamlsrc`'s, which also remembers what it read.
"""

from __future__ import annotations

import yaml
from yaml.nodes import Node

__all__ = ["compose"]

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def compose(text: str) -> Node | None:
    if _FAST_LOADER is not None:
        try:
            node: Node | None = yaml.compose(text, Loader=_FAST_LOADER)
            return node
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)
