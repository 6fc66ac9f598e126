"""What handlers get from the process: the searcher, storage, settings, clock.

`BotContext` is built once by `bot/` and passed to every handler, so handlers
never reach for globals or environment variables. Conversation state is kept
per thread, bounded in size and expiring, because follow-ups ("entä
Vantaalla?") refine the previous question and nothing older.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from index.knowledge.model import Service
from index.search.engine import Searcher
from index.search.facets import Filters


@dataclass(frozen=True)
class HandlerConfig:
    context_ttl_seconds: int = 3600
    max_conversations: int = 10_000
    user_hash_salt: str = "jarjestobotti"
    page_size: int = 5  # service cards per answer


@dataclass
class ConversationState:
    """The previous question of a thread, enough to refine or continue it."""

    question: str = ""
    intent: str = "none"
    filters: Filters = field(default_factory=Filters)
    language: str = "fi"
    ranked_ids: list[str] = field(default_factory=list)  # every result, best first
    shown: int = 0  # how many of ranked_ids were shown
    shown_ids: list[str] = field(default_factory=list)  # in the order shown (for "kakkonen")
    fit: str | None = None  # the last service answer's fit: good | partial | none
    # the last answer's first three services, the one the ranker judged to fit best first:
    # what a refinement asks the same kind of (handlers/same_kind.py)
    fitted_ids: list[str] = field(default_factory=list)
    # the stated constraints that kept the last answer from an exact fit ("partial": what no
    # near service met, or what the nearest beyond it do not meet)
    blocked: tuple[str, ...] = ()
    # services the worker turned down in this thread ("ykkönen ei käy"), left out from then on
    dismissed_ids: list[str] = field(default_factory=list)
    near_to: str = ""  # the client's district, when something closer was asked for
    query_id: int | None = None
    turns: int = 0
    updated: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


class ConversationStore:
    """Thread-safe LRU of conversation states with a time-to-live."""

    def __init__(self, ttl_seconds: int, max_items: int, clock: Callable[[], dt.datetime]):
        self._ttl = dt.timedelta(seconds=ttl_seconds)
        self._max = max_items
        self._clock = clock
        self._items: OrderedDict[str, ConversationState] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> ConversationState | None:
        with self._lock:
            state = self._items.get(key)
            if state is None:
                return None
            if self._clock() - state.updated > self._ttl:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return state

    def put(self, key: str, state: ConversationState) -> None:
        state.updated = self._clock()
        with self._lock:
            self._items[key] = state
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


@dataclass
class BotContext:
    """Everything a handler may use. `searcher` is a callable so reloads can swap it."""

    searcher: Callable[[], Searcher]
    config: HandlerConfig = field(default_factory=HandlerConfig)
    session_factory: Any = None  # sessionmaker, or None for no query log (CLI eval)
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    # Whether a service's card gets the *Ohjaa asiakas* button (set by the runtime when
    # referrals are on: `handlers.referral.service.Referrals.can_refer`).
    can_refer: Callable[[Service], bool] = field(default=lambda _service: False)
    conversations: ConversationStore = field(init=False)

    def __post_init__(self) -> None:
        self.conversations = ConversationStore(
            self.config.context_ttl_seconds, self.config.max_conversations, self.clock
        )

    def today(self) -> dt.date:
        return self.clock().date()
