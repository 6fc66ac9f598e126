"""The conversation core: Incoming → (follow-up | intent) → handler → Reply.

Handlers are plain functions registered explicitly (see `handlers.build_router`).
The router owns the per-thread context and the query log, so every surface
(Slack, Teams, web, terminal, `ask`) behaves the same. Adapters ask it about a
thread (`has_context`, `language_of`, `question_of`, `continue_in`) instead of
reaching into the context store, and answer through `answer`, which turns any
failure into the one apology.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from handlers.case import read_turn
from handlers.context import BotContext, ConversationState
from handlers.followups import FollowUp, needs_context
from handlers.intent import intent_of
from handlers.labels import label
from handlers.limits import cut_notice, limited
from handlers.messages import Incoming, PrivateNotice, Reply, RouterAction, Text
from handlers.privacy import identifies_client, scrub
from handlers.texts import LANGUAGES, language_code
from handlers.turn_words import SAME_FAMILY, says_thanks
from index.errors import BotError, StorageError
from index.language.detect import detect_language
from index.search.facet_places import moved_from
from index.search.facets import Filters
from store.querylog import log_query, save_feedback

log = logging.getLogger(__name__)


@dataclass
class Turn:
    """One message being answered, with its thread's state."""

    msg: Incoming
    state: ConversationState
    question: str  # the question to search (a follow-up reuses the previous one)
    filters: Filters
    lang: str
    followup: FollowUp | None = None


IntentHandler = Callable[[BotContext, Turn], Reply]


class Router:
    def __init__(self, ctx: BotContext):
        self.ctx = ctx
        self.intents: dict[str, IntentHandler] = {}
        self.followups: dict[str, IntentHandler] = {}

    def on_intent(self, name: str, fn: IntentHandler) -> None:
        self.intents[name] = fn

    def on_followup(self, kind: str, fn: IntentHandler) -> None:
        self.followups[kind] = fn

    # -- entry points -----------------------------------------------------------------
    def answer(self, msg: Incoming, work: Callable[[], Reply] | None = None) -> Reply:
        """What a surface sends: `work` (by default `handle(msg)`) or, when it fails, the
        apology. Never raises for a handler failure; the error is logged here, once."""
        try:
            return work() if work is not None else self.handle(msg)
        except BotError as exc:
            log.warning("%s: %s: %s", msg.platform, type(exc).__name__, exc)
            return self.apology(msg, exc)
        except Exception as exc:
            log.exception("%s: odottamaton virhe", msg.platform)
            return self.apology(msg, exc)

    def apology(self, msg: Incoming, error: BaseException | None = None) -> Reply:
        """The bot could not answer: a `BotError`'s own explanation (the database is down…),
        else the one apology in the thread's language."""
        lang = self.language_of(msg)
        text = label("apology", lang)
        if isinstance(error, BotError):
            own = error.user_message != BotError.user_message
            return Reply([Text(error.user_message if own else text)], lang, failure="unavailable")
        return Reply([Text(text)], lang, failure="unexpected")

    def handle(self, msg: Incoming) -> Reply:
        """Answer the question in `msg`; one longer than `MAX_QUESTION` by its beginning,
        with a notice saying so (every surface comes through here)."""
        msg, cut = limited(msg)
        nudge = msg.shared and identifies_client(msg.text)
        if nudge:  # nothing of the identifying text goes further: not searched, kept or logged
            msg = replace(msg, text=scrub(msg.text))
        reply = self._handle(msg)
        if cut:
            reply.parts.insert(0, cut_notice(reply.language))
        if nudge:
            lang = reply.language
            reply.private_notice = PrivateNotice(
                label("privacy_nudge", lang), label("privacy_ask_dm", lang), msg.text
            )
        return reply

    def _handle(self, msg: Incoming) -> Reply:
        t0 = time.perf_counter()
        text = msg.text.strip()
        searcher = self.ctx.searcher()
        prev = self._state(msg)
        filters = searcher.filters_for(text)
        if (thanks := says_thanks(text)) and not filters.states_constraint():
            return _welcome(prev.language if prev is not None else thanks)  # "Kiitos!"
        has_context = prev is not None and bool(prev.question)
        if has_context and prev is not None:  # "… Keravalle; Martinlaaksoon on liian pitkä"
            known = searcher.kb.vocabularies.municipalities
            filters = moved_from(text, filters, prev.filters.municipality, known)
        reading = read_turn(searcher, text, filters, prev)
        followup = reading.followup  # continue, refine or new
        if followup is not None and followup.kind == "thanks" and prev is not None:
            return _welcome(prev.language)  # thanks in other words, read by meaning
        if reading.same_client and prev is not None:  # a new need of the same client
            filters = prev.filters.client().merged(filters)
        elif followup is None and has_context and prev is not None:
            filters = _family_place(text, prev.filters, filters)
        if followup is None and not has_context and needs_context(text):
            lang = detect_language(text) if len(text) > 3 else "fi"
            return Reply([Text(label("no_context", lang))], lang, "none")
        embed_ms = 0.0  # a follow-up reuses the previous question's cached vector
        if followup is None and text:
            t_embed = time.perf_counter()
            searcher.embed_query(text)
            embed_ms = (time.perf_counter() - t_embed) * 1000
        if followup is not None and prev is not None:
            lang = prev.language
            turn = Turn(msg, prev, prev.question, prev.filters.merged(filters), lang, followup)
            reply = self.followups[followup.kind](self.ctx, turn)
            state = turn.state
        else:
            lang = detect_language(text) if len(text) > 3 else language_code(msg.locale)
            if lang not in LANGUAGES:
                lang = "fi"
            state = ConversationState(question=text, filters=filters, language=lang)
            turn = Turn(msg, state, text, filters, lang)
            reply = self.intents[self._intent(text, filters)](self.ctx, turn)
            state.intent = reply.intent
        state.turns += 1
        total = (time.perf_counter() - t0) * 1000
        # Embedding happens once per question (cached); everything else is search work.
        reply.timings_ms = {"embed": embed_ms, "search": total - embed_ms, "total": total}
        # "näytä lisää" continues the logged question; feedback after it belongs there too.
        continues = followup is not None and followup.kind != "refine"
        if continues:
            reply.query_id = state.query_id
        elif reply.intent not in ("help", "none", "feedback"):
            reply.query_id = self._log(msg, reply, turn.filters)
            state.query_id = reply.query_id or state.query_id
        self.ctx.conversations.put(msg.context_key, state)
        return reply

    def action(self, msg: Incoming, action: RouterAction, value: str = "") -> Reply:
        """A button press: more | details | feedback | contact_form | ask | help."""
        if action == "ask":
            return self.handle(
                Incoming(msg.platform, msg.user, msg.conversation, value, msg.thread, msg.locale)
            )
        state = self._state(msg)
        if action == "feedback":
            return self.feedback(msg, int(value or "0"))
        if action in self.followups and state is not None:
            number = int(value) if value.isdigit() else None
            turn = Turn(
                msg, state, state.question, state.filters, state.language, FollowUp(action, number)
            )
            reply = self.followups[action](self.ctx, turn)
            self.ctx.conversations.put(msg.context_key, state)
            return reply
        if action in self.intents:
            lang = state.language if state else "fi"
            return self.intents[action](
                self.ctx, Turn(msg, state or ConversationState(), "", Filters(), lang)
            )
        return Reply([Text(label("no_context", state.language if state else "fi"))])

    def feedback(
        self,
        msg: Incoming,
        rating: int,
        comment: str | None = None,
        result_id: str | None = None,
        query_id: int | None = None,
    ) -> Reply:
        """👍/👎 on an answer; stored against the thread's last logged question."""
        state = self._state(msg)
        lang = state.language if state else "fi"
        qid = query_id if query_id is not None else (state.query_id if state else None)
        if rating not in (1, -1) or (qid is None and state is None):
            return Reply([Text(label("feedback_nothing", lang))], lang, "feedback")
        if self.ctx.session_factory is not None:
            save_feedback(
                self.ctx.session_factory,
                query_log_id=qid,
                platform=msg.platform,
                user_id=msg.user,
                rating=rating,
                comment=comment,
                result_id=result_id,
                salt=self.ctx.config.user_hash_salt,
            )
        return Reply([Text(label("feedback_thanks", lang))], lang, "feedback")

    # -- what adapters may know about a thread ------------------------------------------
    def has_context(self, msg: Incoming) -> bool:
        """Whether `msg`'s thread has a live conversation (a follow-up there is for us)."""
        return self._state(msg) is not None

    def language_of(self, msg: Incoming) -> str:
        """The thread's language; before any question, the platform's hint (else Finnish)."""
        state = self._state(msg)
        return state.language if state is not None else language_code(msg.locale)

    def question_of(self, msg: Incoming) -> str:
        """The question the thread is about ("" before any)."""
        state = self._state(msg)
        return state.question if state is not None else ""

    def continue_in(self, source: Incoming, target: Incoming) -> None:
        """`target`'s thread continues `source`'s (a shared answer's buttons work there too)."""
        state = self._state(source)
        if state is not None:
            self.ctx.conversations.put(target.context_key, copy.deepcopy(state))

    # -- internals --------------------------------------------------------------------
    def _state(self, msg: Incoming) -> ConversationState | None:
        return self.ctx.conversations.get(msg.context_key)

    def _intent(self, text: str, filters: Filters) -> str:
        return intent_of(self.ctx.searcher(), text, filters)

    def _log(self, msg: Incoming, reply: Reply, filters: Filters) -> int | None:
        if self.ctx.session_factory is None:
            return None
        # The needs read from the question (vocabulary ids), for the unmet-needs report.
        needs = {"themes": list(filters.themes), "target_groups": list(filters.target_groups)}
        try:
            return log_query(
                self.ctx.session_factory,
                platform=msg.platform,
                user_id=msg.user,
                conversation_id=msg.conversation,
                question=msg.text,
                language=reply.language,
                intent=reply.intent,
                filters={**reply.filters, **needs},
                result_ids=[r.id for r in reply.results][:10],
                latency_ms=int(reply.timings_ms.get("total", 0)),
                abstained=reply.abstained,
                salt=self.ctx.config.user_hash_salt,
                fit=reply.fit if reply.intent == "services" else None,
            )
        except StorageError as exc:
            # The answer is still worth giving; the missing log line is reported.
            log.warning("kyselylokin tallennus epäonnistui: %s", exc)
            return None


def _family_place(text: str, before: Filters, now: Filters) -> Filters:
    """Another matter of the same family ("hänen 16-vuotias tyttärensä …") keeps its place."""
    if now.municipality is not None or not before.municipality or not SAME_FAMILY.search(text):
        return now
    place = before.evidence.get("municipality", "")
    return replace(
        now, municipality=before.municipality, evidence={**now.evidence, "municipality": place}
    )


def _welcome(lang: str) -> Reply:
    """'Ole hyvä!' to thanks alone; the thread's case stays as it was."""
    return Reply([Text(label("welcome", lang))], lang)
