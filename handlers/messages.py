"""The neutral message model every surface shares.

An adapter turns a platform event into `Incoming`, calls the router, and
renders the `Reply` parts for its platform (Block Kit, Adaptive Card, HTML,
terminal text). Handlers never format for one platform.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast, get_args


@dataclass(frozen=True)
class Incoming:
    platform: str  # slack | teams | web | terminal | cli
    user: str
    conversation: str
    text: str
    thread: str | None = None
    locale: str | None = None  # the platform's hint; the question's own language wins
    shared: bool = False  # said in a channel others read (not a DM): the privacy nudge

    @property
    def context_key(self) -> str:
        """Follow-ups continue within one thread (or the whole conversation without threads)."""
        return f"{self.platform}:{self.conversation}:{self.thread or ''}"


@dataclass(frozen=True)
class Text:
    text: str  # plain text; **bold** is the only markup adapters translate


@dataclass(frozen=True)
class Notice:
    text: str
    level: Literal["info", "warning", "error"] = "info"


@dataclass(frozen=True)
class ContactInfo:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class ServiceCard:
    id: str
    rank: int  # 1-based position in the answer ("kerro lisää kakkosesta")
    name: str
    organization: str
    summary: str
    why: tuple[str, ...]  # facets matched and the need it answers, in the reply language
    how_to_join: str
    referral: str  # "Ei tarvita lähetettä" / "Tarvitaan lähete"
    cost: str
    languages: str
    place: str  # locations and municipalities
    schedule: str
    contact: ContactInfo
    link: str | None
    updated: dt.date
    stale: bool  # updated more than 12 months ago
    source: str  # knowledge file, e.g. services/lahteella-ry.yaml
    online: bool = False
    description: str = ""  # filled for "kerro lisää"
    referable: bool = False  # the *Ohjaa asiakas* button: referrals on, association reachable
    unmet: tuple[str, ...] = ()  # stated constraints it does not meet (shown beyond them)


@dataclass(frozen=True)
class RoleRef:
    id: str
    name: str
    contact: str | None


@dataclass(frozen=True)
class RoadmapItem:
    id: str
    kind: str  # goal | workstream | action | vision | binding-goal | development-proposals
    title: str
    path: tuple[str, ...]  # goal → workstream → action
    text: str
    year: int | None = None
    status: str | None = None  # in words, in the reply language
    responsible: tuple[RoleRef, ...] = ()
    details: tuple[str, ...] = ()  # metrics, proposals, achievements
    source: str = ""  # e.g. "Lähidemokratia- ja osallisuuslautakunta 18.3.2025"


@dataclass(frozen=True)
class RoleCard:
    id: str
    name: str
    kind: str
    description: str
    responsibilities: tuple[str, ...]
    contact: str | None
    source: str = "roadmap/roles.yaml"


@dataclass(frozen=True)
class GuidanceExcerpt:
    id: str  # doc-id#section
    title: str
    text: str
    updated: dt.date | None
    source: str  # guidance/<doc>.md


RouterAction = Literal["more", "details", "feedback", "contact_form", "ask", "help"]
"""What a button asks of the conversation core (`Router.action`), on every surface."""
Action = Literal[RouterAction, "share", "refer"]
"""Every button action: the router's, Slack's own "Jaa kanavalle" (`share`), and
"Ohjaa asiakas" (`refer`, value: the service id), which each surface opens as its own form
(`handlers.referral`)."""
ROUTER_ACTIONS: frozenset[str] = frozenset(get_args(RouterAction))


def router_action(name: object) -> RouterAction | None:
    """A button press from outside (JSON, card data, `action_id`) as a router action, or None."""
    return cast(RouterAction, name) if isinstance(name, str) and name in ROUTER_ACTIONS else None


@dataclass(frozen=True)
class Choice:
    label: str
    action: Action
    value: str = ""


@dataclass(frozen=True)
class Choices:
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class FormRequest:
    form: str  # "contact"
    title: str


Part = (
    Text | Notice | ServiceCard | RoadmapItem | RoleCard | GuidanceExcerpt | Choices | FormRequest
)


@dataclass(frozen=True)
class ResultRef:
    """What `ask --json` and `/api/chat` list: the same ids everywhere."""

    id: str
    kind: str
    title: str
    score: float
    why: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()  # stated constraints it does not meet, in words

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "why": list(self.why), "unmet": list(self.unmet)}


@dataclass(frozen=True)
class PrivateNotice:
    """Said only to the sender (Slack: ephemeral; Teams: their personal chat): client details
    don't belong in a channel. `question` is the question with every identifying detail
    replaced by a token, for the "ask again in a direct message" button."""

    text: str
    offer: str  # the button's label
    question: str


@dataclass
class Reply:
    parts: list[Part]
    language: str = "fi"
    intent: str = "none"  # services | roadmap | guidance | contact | help | feedback | none
    results: list[ResultRef] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)
    abstained: bool = False
    fit: str | None = None  # services: good | partial | none ("none" implies abstained)
    query_id: int | None = None  # query-log row, for feedback
    timings_ms: dict[str, float] = field(default_factory=dict)
    # Set only on an apology: the bot could not answer ("unavailable": a `BotError` it can
    # explain, e.g. the database is down; "unexpected": a bug, logged with its traceback).
    failure: Literal["unavailable", "unexpected"] | None = None
    private_notice: PrivateNotice | None = None  # the privacy nudge (handlers/privacy.py)
