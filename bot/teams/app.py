"""Microsoft Teams: the bot as an agent application of the Microsoft 365 Agents SDK.

Teams (through Azure Bot Service) posts Activities to `POST /api/messages` of
the `serve` app. Each request must carry a Bot Framework JWT whose audience
is our Entra app id; the SDK validates it (signature from the published keys,
audience, issuer/tenant binding). Anonymous requests pass only with
`JARJESTOBOTTI_TEAMS_ALLOW_ANONYMOUS=true`, for local testing (settings →
SDK configuration: `bot/teams/config.py`). Replies go back through the Bot
Framework connector at the activity's `serviceUrl`.

Teams waits about 15 seconds for the HTTP answer and then delivers the same
activity again. So the router works in a thread: a fast answer is sent within
the turn; a slow one (cold start) goes on in the background after the request
returns, and is sent proactively with the turn's conversation reference. A
delivery already taken on (same conversation and activity id) is dropped.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from microsoft_agents.activity import ActivityTypes
from microsoft_agents.hosting.core import (
    AgentApplication,
    ApplicationOptions,
    ClaimsIdentity,
    Connections,
    MemoryStorage,
    TurnContext,
    TurnState,
    TypingIndicator,
)
from microsoft_agents.hosting.core.app.typing_indicator import TypingOptions
from microsoft_agents.hosting.fastapi import CloudAdapter, start_agent_process
from pydantic import ValidationError

from bot.memory import SeenKeys
from bot.redis_memory import shared_memory
from bot.runtime import Runtime
from bot.settings import PREFIX, Settings
from bot.teams.activity import card_activity, incoming, question_text, reply_activity
from bot.teams.config import (
    REFUSED,
    auth_configuration,
    authorize,
    check_teams_settings,
    connection_manager,
    service_url_validator,
    teams_configured,
)
from bot.teams.contact import SUBMIT_ACTION, contact_card, submission_card
from bot.teams.private import tell_privately
from bot.teams.referral import REFER_ACTION, list_language, mine_card, refer_card, send_card
from bot.teams.referral import SUBMIT_ACTION as REFERRAL_SUBMIT
from bot.teams.referral import submission_card as referral_submission
from handlers.contact.form import normalise_lang
from handlers.limits import MAX_QUESTION
from handlers.messages import Incoming, Reply, router_action

log = logging.getLogger("bot.teams")


def _one_line(record: logging.LogRecord) -> bool:
    """The SDK logs every activity it can't read with a traceback (anyone could flood the
    log): keep the line, drop the traceback."""
    record.exc_info, record.exc_text = None, None
    return True


logging.getLogger("microsoft_agents.activity.activity").addFilter(_one_line)
MESSAGES_PATH = "/api/messages"
ANSWER_WITHIN = 8.0  # seconds; Teams redelivers after about 15


class TeamsBot:
    """The agent application, its adapter, and the adapter's memory (dedup, slow answers)."""

    def __init__(
        self,
        runtime: Runtime,
        settings: Settings,
        *,
        connections: Connections | None = None,
        answer_within: float = ANSWER_WITHIN,
    ) -> None:
        self.runtime = runtime
        self.router = runtime.router
        self.settings = settings
        self.answer_within = answer_within
        self.auth = auth_configuration(settings)
        self.connections = connections or connection_manager(self.auth)
        # Replies only to Bot Framework connector hosts, never to a serviceUrl someone else
        # put in an activity (our token would go with it).
        validator = service_url_validator(settings)
        self.adapter = CloudAdapter(connection_manager=self.connections, host_validator=validator)
        self.adapter.on_turn_error = self._on_error  # never the SDK's "Exception caught: …"
        self.typing = TypingOptions(initial_delay_ms=300, interval_ms=3000)
        # TurnState without storage scopes: the router keeps the conversation context.
        self.app: AgentApplication[TurnState] = AgentApplication[TurnState](
            ApplicationOptions(
                storage=MemoryStorage(),
                bot_app_id=settings.teams_app_id or "",
                turn_state_factory=TurnState,
                start_typing_timer=True,
                remove_recipient_mention=True,
                typing=self.typing,
            ),
            connection_manager=self.connections,
        )
        self.seen = SeenKeys(ttl=3600, memory=shared_memory(settings), namespace="teams:seen")
        self._later: set[asyncio.Task[None]] = set()
        self.app.before_turn(self._first_delivery)
        self.app.adaptive_card.action_submit(re.compile(r"^\w+$"), submit_filter="action")(
            self._on_card_action
        )
        self.app.message()(self._on_message)
        self.app.conversation_update("membersAdded")(self._on_members_added)
        self.app.error(self._on_error)

    # -- turn handlers ------------------------------------------------------------------
    async def _first_delivery(self, context: TurnContext, _state: TurnState) -> bool:
        """Teams redelivers an activity it thinks we missed: answer each one once."""
        activity = context.activity
        if activity.type != ActivityTypes.message or not activity.id:
            return True
        if self.seen.claim(f"{activity.conversation.id}|{activity.id}"):
            return True
        log.info("teams: toistettu toimitus %s ohitettu", activity.id)
        return False

    async def _on_message(self, context: TurnContext, _state: TurnState) -> None:
        msg = incoming(context.activity, question_text(context.activity))
        lang = list_language(msg.text)  # "omat ohjaukset": the user's own referrals
        if lang is not None:
            card = await asyncio.to_thread(mine_card, self.runtime, msg.user, lang)
            await send_card(context, card, lang, msg.shared)
            return
        # An empty message, or only the mention: say what the bot does.
        await self.answer(
            context, msg, None if msg.text else lambda: self.router.action(msg, "help")
        )

    async def _on_card_action(self, context: TurnContext, _state: TurnState, data: Any) -> None:
        data = data if isinstance(data, Mapping) else {}
        name, value = str(data.get("action")), str(data.get("value") or "")[:MAX_QUESTION]
        action, msg = router_action(name), incoming(context.activity)
        if name == SUBMIT_ACTION:
            await self._contact_submit(context, data)
        elif name == REFER_ACTION:  # "Ohjaa asiakas" on a service card (value: the service)
            lang = self.router.language_of(msg)
            card = await asyncio.to_thread(refer_card, self.runtime, value, lang)
            await send_card(context, card, lang, msg.shared)
        elif name == REFERRAL_SUBMIT:
            activity, user = context.activity, msg.user
            card = await asyncio.to_thread(referral_submission, self.runtime, activity, data, user)
            await context.send_activity(card_activity(card))
        elif action == "contact_form":
            card = contact_card(self.router.language_of(msg))
            await context.send_activity(card_activity(card))
        elif action == "feedback":
            rating = int(value) if value in ("1", "-1") else 0
            query_id = data.get("query_id")
            qid = query_id if isinstance(query_id, int) and not isinstance(query_id, bool) else None
            await self.answer(context, msg, lambda: self.router.feedback(msg, rating, query_id=qid))
        elif action is not None:
            await self.answer(context, msg, lambda: self.router.action(msg, action, value))
        else:
            log.info("teams: tuntematon kortin toiminto %r ohitettu", name)

    async def _contact_submit(self, context: TurnContext, data: Mapping[str, Any]) -> None:
        activity = context.activity
        lang = normalise_lang(str(data.get("lang") or ""))
        card_id = activity.reply_to_id or str(data.get("value") or "") or activity.id
        key = f"{activity.conversation.id}|{card_id}"
        card = await asyncio.to_thread(
            submission_card, self.runtime, self.settings, data, lang, key
        )
        await context.send_activity(card_activity(card))

    async def _on_members_added(self, context: TurnContext, _state: TurnState) -> None:
        """Installed in a personal chat: introduce the bot once."""
        activity = context.activity
        ours = activity.recipient.id if activity.recipient else None
        if activity.conversation.conversation_type == "personal" and any(
            m.id == ours for m in activity.members_added or []
        ):
            msg = incoming(activity)
            await self.answer(context, msg, lambda: self.router.action(msg, "help"))

    async def _on_error(self, context: TurnContext, error: Exception) -> None:
        """Sending failed (or other turn work): log it, and try the apology once."""
        log.error("teams: käsittelemätön virhe: %s", error, exc_info=error)
        try:
            apology = self.router.apology(incoming(context.activity), error)
            await context.send_activity(reply_activity(apology))
        except Exception:
            log.exception("teams: pahoittelun lähetys epäonnistui")

    async def _send(self, context: TurnContext, reply: Reply) -> None:
        """The reply where it was asked; the privacy nudge, if any, in the personal chat."""
        await context.send_activity(reply_activity(reply))
        if reply.private_notice is not None:
            try:
                await tell_privately(context, reply.private_notice, reply.language)
            except Exception:  # the answer is out; a missing note is logged, not apologised
                log.exception("teams: yksityisen huomautuksen lähetys epäonnistui")

    # -- answering within Teams' time -----------------------------------------------------
    async def answer(
        self, context: TurnContext, msg: Incoming, fn: Callable[[], Reply] | None = None
    ) -> None:
        """Ask the router (`fn`, by default the question in `msg`; CPU-bound) in a thread; send
        its reply (or apology) in this turn when it is done in time, else from the background."""
        thread = asyncio.to_thread(self.router.answer, msg, fn)
        work: asyncio.Future[Reply] = asyncio.ensure_future(thread)
        done, _ = await asyncio.wait({work}, timeout=self.answer_within)
        if work in done:
            await self._send(context, work.result())
            return
        log.info("teams: hidas vastaus %s jatkuu taustalla", context.activity.id)
        reference = context.activity.get_conversation_reference()
        continuation = reference.get_continuation_activity()
        continuation.id = context.activity.id  # the answer replies to the question
        identity = context.identity or ClaimsIdentity()  # none: anonymous (dev mode)

        async def send_when_done(later: TurnContext) -> None:
            async with TypingIndicator(later, typing_options=self.typing):
                await asyncio.wait({work})
            await self._send(later, work.result())

        async def finish() -> None:
            try:
                await self.adapter.continue_conversation_with_claims(
                    identity, continuation, send_when_done
                )
            except Exception:
                log.exception("teams: hitaan vastauksen lähetys epäonnistui")

        task = asyncio.create_task(finish())
        self._later.add(task)  # keep a reference until it is done
        task.add_done_callback(self._later.discard)


def teams_router(bot: TeamsBot) -> APIRouter:
    """`POST /api/messages`: the SDK's JWT check, then the SDK's adapter and our app."""
    router = APIRouter()

    @router.post(MESSAGES_PATH, include_in_schema=False)
    async def api_messages(request: Request) -> Response:
        # The same check as the SDK's JwtAuthorizationMiddleware, for this route only.
        identity = await authorize(request.headers.get("Authorization"), bot.auth)
        if isinstance(identity, int):
            return JSONResponse(REFUSED, status_code=identity)
        request.state.claims_identity = identity
        try:
            response = await start_agent_process(request, bot.app, bot.adapter)
        except ValidationError:  # the SDK logged it in one line (`_one_line`)
            return JSONResponse({"error": "invalid activity"}, status_code=400)
        return response if response is not None else Response(status_code=202)

    return router


@dataclass
class TeamsSurface:
    """What `serve` mounts: nothing, or the `/api/messages` route."""

    bot: TeamsBot | None = None
    routes: list[APIRouter] = field(default_factory=list)


def teams_surface(settings: Settings, runtime: Runtime) -> TeamsSurface:
    if not teams_configured(settings):
        return TeamsSurface()
    check_teams_settings(settings)
    if settings.teams_allow_anonymous:
        log.warning(
            "teams: %sTEAMS_ALLOW_ANONYMOUS=true – %s hyväksyy pyynnöt ilman "
            "tunnistetta. Vain paikalliseen testaukseen!",
            PREFIX,
            MESSAGES_PATH,
        )
    bot = TeamsBot(runtime, settings)
    return TeamsSurface(bot, [teams_router(bot)])
