"""One guard on what arrives over HTTP: body size and JSON shape, for every surface.

`/api/chat` and `/api/action` (web chat), `/slack/events` (Slack, JSON or a form
whose `payload` is JSON) and `/api/messages` (Teams) get their body checked
here before any route, SDK or listener sees it: too big → 413, not JSON (or
not a JSON object, nested too deep, a number too long for Python) → 400 with a
Finnish message. Nothing behind the guard meets a body Python's own parser
chokes on (`RecursionError`, integer-size `ValueError`), so no such body ends
in a 500 and a traceback. The question-length limit is not here but in
`handlers/limits.py`, where every surface's question passes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_DEPTH = 64  # real Slack and Teams payloads nest about ten levels, web chat two
TOO_BIG = "Pyyntö on liian suuri."
TOO_DEEP = f"Pyynnön rakenne on liian syvä (enintään {MAX_DEPTH} tasoa)."
JSON_TYPE = "application/json"
DRAIN_MAX = 10_000_000  # bytes of a body too big read (and dropped) before answering 413


class InputError(Exception):
    """A body the guard refuses; `message` is Finnish and shown as is."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


@dataclass(frozen=True)
class Shape:
    """A payload's documented shape, as far as SDKs and listeners rely on it. `types`: path
    → the types its value may have when present ("a.b" a field of an object, "a[]" each item
    of a list); `required`: paths that must hold a non-empty value; `nonempty`: lists that,
    when present, have items."""

    types: Mapping[str, tuple[type, ...]]
    required: frozenset[str] = frozenset()
    nonempty: frozenset[str] = frozenset()


S, D, L, N, B, I = str, dict, list, type(None), bool, int  # noqa: E741
# Slack's envelopes (Events API, interactivity, slash commands), as bolt reads them: bolt
# takes e.g. `team`, `user`, `channel` to be a string or an object, `actions[0]` an object.
SLACK = Shape(
    {
        **dict.fromkeys(("type", "token", "team_id", "api_app_id", "event_id"), (S,)),
        **dict.fromkeys(("user_id", "channel_id", "command", "text", "trigger_id"), (S,)),
        **dict.fromkeys(("response_url", "callback_id", "thread_ts", "challenge"), (S,)),
        **dict.fromkeys(("function_execution_id", "bot_access_token"), (S,)),
        "enterprise_id": (S, N),
        "event_time": (I,),
        "is_enterprise_install": (B, S),
        "is_ext_shared_channel": (B,),
        "authorizations": (L,),
        "authorizations[]": (D,),
        "authorizations[].team_id": (S, N),
        "authorizations[].enterprise_id": (S, N),
        "authorizations[].user_id": (S,),
        "event": (D,),
        **{f"event.{k}": (S,) for k in ("type", "ts", "thread_ts", "text", "channel_type")},
        **{f"event.{k}": (S,) for k in ("tab", "user_team", "team", "bot_access_token")},
        **{f"event.{k}": (D,) for k in ("item", "message", "previous_message", "inputs")},
        "event.subtype": (S, N),
        "event.bot_id": (S, N),
        "event.user": (S, D),
        "event.user.id": (S,),
        "event.channel": (S, D),
        "event.channel.id": (S,),
        "team": (D, S, N),
        "team.id": (S,),
        "team.enterprise_id": (S, N),
        "enterprise": (D, S, N),
        "enterprise.id": (S,),
        "user": (D,),  # interactivity: an object (slash commands send `user_id`)
        "user.id": (S,),
        "user.team_id": (S,),
        "channel": (D,),
        "channel.id": (S,),
        "container": (D,),
        **{f"container.{k}": (S,) for k in ("type", "channel_id", "message_ts", "view_id")},
        "container.is_ephemeral": (B,),
        **dict.fromkeys(("message", "previous_message", "function_data", "workflow_step"), (D,)),
        **{f"message.{k}": (S,) for k in ("ts", "text", "subtype")},
        "message.thread_ts": (S, N),
        "message.user": (S, D),
        "actions": (L,),
        "actions[]": (D,),
        **{f"actions[].{k}": (S,) for k in ("action_id", "block_id", "value", "type")},
        "view": (D,),
        **{f"view.{k}": (S,) for k in ("id", "type", "callback_id", "team_id", "hash")},
        "view.private_metadata": (S,),
        "view.app_installed_team_id": (S, N),
        "view.state": (D,),
        "view.state.values": (D,),
    },
    required=frozenset({"actions[].action_id", "user.id"}),
    nonempty=frozenset({"actions"}),
)
# What Azure Bot Service puts in every activity and every turn needs: the Agents SDK keys
# its state by channel, conversation and sender, and replies to the service URL.
_TEAMS_TEXTS = ("type", "channelId", "serviceUrl", "conversation.id", "from.id", "recipient.id")
TEAMS = Shape(
    {"conversation": (D,), "from": (D,), "recipient": (D,), **dict.fromkeys(_TEAMS_TEXTS, (S,))},
    required=frozenset(("conversation", "from", "recipient", *_TEAMS_TEXTS)),
)


@dataclass(frozen=True)
class BodyRule:
    max_bytes: int
    shape: Shape | None = None  # None: the route checks its fields itself
    slack_form: bool = False  # also a form body (slash command, `payload=<JSON>`)


# Every JSON endpoint of every surface, with its size limit and shape.
RULES: Mapping[str, BodyRule] = {
    "/api/chat": BodyRule(16_384),  # a 2000-character question fits with room to spare
    "/api/action": BodyRule(16_384),
    "/slack/events": BodyRule(1_000_000, SLACK, slack_form=True),
    "/api/messages": BodyRule(1_000_000, TEAMS),
}


def _values(data: Any, path: str) -> list[Any]:
    """Every value at `path` in `data` (none when a step is missing or of another type)."""
    found = [data]
    for step in path.split("."):
        items, key = step.endswith("[]"), step.removesuffix("[]")
        found = [v[key] for v in found if isinstance(v, dict) and key in v]
        if items:
            found = [item for v in found if isinstance(v, list) for item in v]
    return found


def _fits(value: Any, allowed: tuple[type, ...]) -> bool:
    # `True` is an int to Python, never to JSON's documented shapes
    return isinstance(value, allowed) and (B in allowed or not isinstance(value, bool))


def _missing(data: dict[str, Any], path: str) -> bool:
    """Whether an object holding `path`'s last step lacks it (or holds an empty value)."""
    parent, _, key = path.rpartition(".")
    holders = _values(data, parent) if parent else [data]
    return any(isinstance(h, dict) and h.get(key) in (None, "", [], {}) for h in holders)


def shape_problems(data: dict[str, Any], shape: Shape) -> list[str]:
    """The paths of `data` that break `shape` (empty: it fits). A required path is required
    in every object that holds its parent (`actions[].action_id`: in every action)."""
    problems = [
        path
        for path, allowed in shape.types.items()
        if not all(_fits(v, allowed) for v in _values(data, path))
    ]
    problems += [p for p in shape.nonempty if not all(_values(data, p))]
    problems += [p for p in shape.required if _missing(data, p)]
    return problems


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a parsed value (iterative: no recursion limit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def json_object(raw: bytes | str, shape: Shape | None = None) -> dict[str, Any]:
    """`raw` as a JSON object (of `shape`), or `InputError` (never `RecursionError`,
    `ValueError`, …)."""
    try:
        data = json.loads(raw)
    except RecursionError:
        raise InputError(TOO_DEEP) from None
    except ValueError:  # JSONDecodeError, bad UTF-8, a number of 5000 digits
        raise InputError("Pyyntö ei ole kelvollista JSONia.") from None
    if not isinstance(data, dict):
        raise InputError("Pyynnön pitää olla JSON-olio.")
    if _depth(data) > MAX_DEPTH:
        raise InputError(TOO_DEEP)
    problems = shape_problems(data, shape) if shape is not None else []
    if problems:
        raise InputError("Pyynnön kentät ovat virheelliset: " + ", ".join(sorted(problems)))
    return data


def check_body(raw: bytes, rule: BodyRule, content_type: str) -> None:
    """Refuse (`InputError`) a body the rule does not allow. A Slack body is read as bolt
    reads it: JSON when it says so or starts with `{`, else a form with maybe a `payload`."""
    if len(raw) > rule.max_bytes:
        raise InputError(TOO_BIG, 413)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("Pyyntö ei ole kelvollista UTF-8-tekstiä.") from None
    if rule.slack_form and not (text.startswith("{") or content_type.startswith(JSON_TYPE)):
        form = parse_qs(text, keep_blank_values=True)
        for payload in form.get("payload", []):
            json_object(payload, rule.shape)
        fields = {k: v[-1] for k, v in form.items() if k != "payload"}  # bolt keeps the last
        problems = shape_problems(fields, rule.shape) if rule.shape is not None else []
        if problems:
            raise InputError("Lomakkeen kentät ovat virheelliset: " + ", ".join(sorted(problems)))
        return
    json_object(text, rule.shape)


async def _read(receive: Receive, limit: int) -> bytes:
    """The request body, keeping no more than `limit` bytes of it. The rest of a body too
    big is read and dropped (up to `DRAIN_MAX`), so the client hears the 413 instead of
    a connection reset while it is still sending."""
    chunks: list[bytes] = []
    size = 0
    while size <= DRAIN_MAX:
        message = await receive()
        if message["type"] != "http.request":
            break  # the client went away
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    if size > limit:
        raise InputError(TOO_BIG, 413)
    return b"".join(chunks)


class BodyGuard:
    """ASGI middleware: bodies of the guarded paths checked, then handed on unchanged."""

    def __init__(self, app: ASGIApp, rules: Mapping[str, BodyRule] = RULES) -> None:
        self.app, self.rules = app, rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = self.rules.get(scope.get("path", "")) if scope["type"] == "http" else None
        if rule is None or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        try:
            body = await _read(receive, rule.max_bytes)
            check_body(body, rule, content_type)
        except InputError as exc:
            await JSONResponse({"error": exc.message}, exc.status)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the already-read body once, then waits on the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
