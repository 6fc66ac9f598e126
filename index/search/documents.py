"""Searchable documents made from a knowledge base.

One document per service, per guidance `##` section, per roadmap goal,
workstream and action, one each for the vision, the binding goal (with its
metrics) and the development proposals, and one per role. The document id is
the result id of knowledge-format.md; `key` is unique across kinds.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("service", "guidance", "roadmap", "role")


@dataclass(frozen=True)
class Document:
    id: str  # result id: service id | guidance-id#section | roadmap item id | role id | vision ...
    kind: str  # one of KINDS
    title: str
    text: str  # everything searchable: text and facet labels (fi + sv + en where present)
    source_file: str  # path relative to the knowledge root; an edit there re-embeds this doc

    @property
    def key(self) -> str:
        """Unique across kinds (a role and a guidance doc may share an id)."""
        return f"{self.kind}:{self.id}"
