"""Each clean service file's reading, remembered by its text, for a process that re-reads.

The live reloader reads the whole folder on every save; at 10,000 services, turning the
(remembered) YAML into typed services took most of a second although one file changed.
A service file read without problems is remembered with its organisation, its services
and the ids it claimed, keyed by its path, its text and the vocabularies' text (the only
other input of its reading). On the next read an unchanged file's reading is taken as it
is, after its ids are claimed again in the folder's registry in the order the file gives
them; if one of them is already taken (a duplicate in another file), the file is read
normally, so the problem reads exactly as before. Only the current read's files are kept.
Switched on with `index.knowledge.yamlsrc.remember_readings` (off: nothing is kept).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from index.knowledge.model import Organization, Service
from index.knowledge.problems import IdRegistry

__all__ = ["ServiceFileReading", "ServiceFiles"]

_Key = tuple[str, str, str | None]  # path, text, the vocabularies' text


@dataclass(frozen=True)
class ServiceFileReading:
    org: Organization | None
    services: tuple[Service, ...]
    claims: tuple[tuple[str, tuple[str, int]], ...]  # id → (file, line), in claiming order


_LAST: dict[_Key, ServiceFileReading] = {}
_LOCK = threading.Lock()


class ServiceFiles:
    """One read of the folder's service files: the last read's readings, and this one's."""

    def __init__(self, vocab_text: str | None, enabled: bool) -> None:
        self.vocab_text, self.enabled = vocab_text, enabled
        with _LOCK:
            self._last = dict(_LAST) if enabled else {}
        self._now: dict[_Key, ServiceFileReading] = {}

    def reuse(self, rel: str, text: str, ids: IdRegistry) -> ServiceFileReading | None:
        """The remembered reading of `rel` with its ids claimed in `ids`, or None (then the
        file is read normally)."""
        key = (rel, text, self.vocab_text)
        found = self._last.get(key)
        if found is None or any(ident in ids.first for ident, _ in found.claims):
            return None
        ids.first.update(found.claims)
        self._now[key] = found
        return found

    def keep(
        self,
        rel: str,
        text: str,
        reading: tuple[Organization | None, list[Service]],
        claims: list[tuple[str, tuple[str, int]]],
    ) -> None:
        """Remember a reading of `rel` that found no problem."""
        if self.enabled:
            org, services = reading
            self._now[rel, text, self.vocab_text] = ServiceFileReading(
                org, tuple(services), tuple(claims)
            )

    def done(self) -> None:
        """The folder was read through: its readings replace the last read's."""
        if self.enabled:
            with _LOCK:
                _LAST.clear()
                _LAST.update(self._now)
