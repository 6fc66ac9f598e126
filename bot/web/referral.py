"""Referrals on the web: the form a card's *Ohjaa asiakas* button opens, its JSON API,
the professional's own list and the association's answer page behind a signed link.

- `GET /ohjaa?palvelu=<service id>&lang=fi` — the form (`ReferralFormView`), sent with
  `POST /api/referral` (JSON) by `static/referral.js`.
- `POST /api/referral` — CSRF by signed double submit as on the contact form (an
  HttpOnly cookie nonce + the form's signed token, whose random part is also the
  idempotency key), rate limited per client address.
- `GET /ohjaukset?lang=fi` — the referrals made in this browser. The web chat has no
  sign-in: a random id in an HttpOnly cookie is the professional (stored only hashed).
- `GET/POST /ohjaus/<token>` — the association's page: the referral and its answers,
  no login; a plain HTML form that works without JavaScript.

Every rule is the runtime's `Referrals`; this module only translates. Database calls
run in the thread pool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from bot.guards import InputError, json_object
from bot.memory import Memory
from bot.redis_memory import shared_memory
from bot.runtime import Runtime
from bot.web.contact import LANGUAGE_NAMES
from bot.web.security import (
    FormTooLarge,
    RateLimiter,
    Signer,
    check_form_token,
    client_address,
    issue_form_token,
    new_token,
    read_form,
    set_cookie,
)
from bot.web.templating import render
from handlers.contact.views import HELSINKI
from handlers.referral.model import ReferralDraft, ReferralRefused
from handlers.referral.texts import TEXTS, text
from handlers.texts import language_code
from index.errors import StorageError

log = logging.getLogger(__name__)

__all__ = ["referral_router"]

FORM_PATH, API_PATH, LIST_PATH, LINK_PATH = "/ohjaa", "/api/referral", "/ohjaukset", "/ohjaus"
CSRF_COOKIE, ANSWER_COOKIE, PRO_COOKIE = "jb_ohjaus", "jb_vastaus", "jb_ammattilainen"
TOKEN_MAX_AGE = 24 * 3600
PRO_MAX_AGE = 365 * 24 * 3600


@dataclass
class ReferralWeb:
    runtime: Runtime
    signer: Signer
    limiter: RateLimiter

    @property
    def secure(self) -> bool:
        return self.runtime.settings.behind_https

    def issue(self, purpose: str, nonce: str) -> str:
        return issue_form_token(self.signer, purpose, nonce)

    def check(self, purpose: str, nonce: str | None, token: str) -> str | None:
        return check_form_token(self.signer, purpose, nonce, token, TOKEN_MAX_AGE)


def _helsinki(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


def _t(lang: str) -> Callable[..., str]:
    return partial(TEXTS.get, lang=lang)


def _lang(request: Request) -> str:
    return language_code(request.query_params.get("lang"))


def _message(lang: str, title: str, message: str, status: int) -> Response:
    return render(
        "referral_message.html", status, lang=lang, t=_t(lang), title=title, message=message
    )


def _cookies(web: ReferralWeb, response: Response, request: Request, nonce: str) -> Response:
    set_cookie(response, CSRF_COOKIE, nonce, path="/", secure=web.secure)
    professional = request.cookies.get(PRO_COOKIE) or new_token()
    set_cookie(response, PRO_COOKIE, professional, path="/", secure=web.secure, max_age=PRO_MAX_AGE)
    return response


async def _form_page(web: ReferralWeb, request: Request) -> Response:
    lang = _lang(request)
    referrals = web.runtime.referrals
    if referrals is None:
        return _message(lang, text("refer", lang), text("unavailable", lang), 503)
    service_id = (request.query_params.get("palvelu") or "")[:200]
    try:
        view = await run_in_threadpool(referrals.form, service_id, lang)
    except ReferralRefused as exc:
        status = 404 if exc.user_message == text("unknown_service", lang) else 409
        return _message(lang, text("refer", lang), exc.user_message, status)
    nonce = request.cookies.get(CSRF_COOKIE) or new_token()
    page = render(
        "referral_form.html",
        200,
        lang=lang,
        t=_t(lang),
        view=view,
        token=web.issue("referral", nonce),
    )
    return _cookies(web, page, request, nonce)


def _json_error(message: str, status: int, errors: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message, "errors": errors or {}}, status_code=status)


def _draft(data: dict[str, Any], lang: str, professional: str, key: str) -> ReferralDraft:
    def field(name: str) -> str:
        value = data.get(name)
        return value[:5000] if isinstance(value, str) else ""

    return ReferralDraft(
        service_id=field("service_id"),
        need=field("need"),
        contact_method=field("contact_method"),
        client_contact=field("client_contact") or None,
        consent=data.get("consent") is True or data.get("consent") in ("on", "true"),
        channel="web",
        professional=professional,
        address={},
        idempotency_key=key,
        language=lang,
    )


async def _submit(web: ReferralWeb, request: Request) -> Response:
    try:
        data = json_object(await request.body())
    except InputError as exc:
        return _json_error(exc.message, exc.status)
    lang = language_code(data.get("lang") if isinstance(data.get("lang"), str) else None)
    referrals = web.runtime.referrals
    if referrals is None:
        return _json_error(text("unavailable", lang), 503)
    token = data.get("token") if isinstance(data.get("token"), str) else ""
    submission = web.check("referral", request.cookies.get(CSRF_COOKIE), str(token))
    professional = request.cookies.get(PRO_COOKIE)
    if submission is None or not professional:
        return _json_error(text("csrf", lang), 403)
    address = client_address(request)
    if not web.limiter.allowed(address):
        return _json_error(text("rate_limited", lang), 429)
    draft = _draft(data, lang, professional, submission)
    try:
        receipt = await run_in_threadpool(referrals.submit, draft)
    except ReferralRefused as exc:
        return _json_error(exc.user_message, 400, exc.errors)
    except StorageError as exc:
        log.error("ohjaus: tallennus epäonnistui: %s", exc)
        return _json_error(text("not_saved", lang), 503)
    if receipt.created:
        web.limiter.hit(address)
        log.info("ohjaus %s tallennettu (web)", receipt.reference)
    return JSONResponse(
        {
            "reference": receipt.reference,
            "message": receipt.message,
            "status": receipt.status,
            "status_label": receipt.status_label,
            "created": receipt.created,
            "list_url": f"{LIST_PATH}?lang={lang}",
        },
        status_code=201 if receipt.created else 200,
    )


async def _list_page(web: ReferralWeb, request: Request) -> Response:
    lang = _lang(request)
    referrals = web.runtime.referrals
    if referrals is None:
        return _message(lang, text("mine_title", lang), text("unavailable", lang), 503)
    professional = request.cookies.get(PRO_COOKIE)
    try:
        views = (
            await run_in_threadpool(referrals.mine, "web", professional, lang, 100)
            if professional
            else []
        )
    except StorageError as exc:
        log.error("ohjaukset: haku epäonnistui: %s", exc)
        return _message(lang, text("mine_title", lang), text("not_saved", lang), 503)
    page = render("referral_list.html", 200, lang=lang, t=_t(lang), views=views, local=_helsinki)
    nonce = request.cookies.get(CSRF_COOKIE) or new_token()
    return _cookies(web, page, request, nonce)


async def _link_page(
    web: ReferralWeb, request: Request, token: str, *, answer: bool = False
) -> Response:
    lang, referrals = _lang(request), web.runtime.referrals
    if referrals is None:
        return _message(lang, text("refer", lang), text("unavailable", lang), 503)
    nonce = request.cookies.get(ANSWER_COOKIE) or new_token()
    notice, errors, status = None, {}, 200
    try:
        if answer:
            try:
                data = await read_form(request)
            except FormTooLarge:
                return _message(lang, text("refer", lang), text("too_large", lang), 413)
            if web.check("referral-answer", nonce, data.get("form", "")) is None:
                return _message(lang, text("refer", lang), text("csrf", lang), 403)
            try:
                status_value, note = data.get("status", ""), data.get("note")
                await run_in_threadpool(referrals.answer, token, status_value, note, lang)
                notice = text("answer_saved", lang)
            except ReferralRefused as exc:
                if "token" in exc.errors:
                    raise
                errors, status = exc.errors, 400
        view = await run_in_threadpool(referrals.view_for_link, token, lang)
    except ReferralRefused as exc:
        expired = exc.user_message == text("token_expired", lang)
        return _message(lang, text("refer", lang), exc.user_message, 410 if expired else 403)
    except StorageError as exc:
        log.error("ohjauslinkki: %s", exc)
        return _message(lang, text("refer", lang), text("not_saved", lang), 503)
    page = render(
        "referral_answer.html",
        status,
        lang=lang,
        t=_t(lang),
        view=view,
        form=web.issue("referral-answer", nonce),
        notice=notice,
        errors=errors,
        action=f"{LINK_PATH}/{token}?lang={lang}",
        page=f"{LINK_PATH}/{token}",
        languages=LANGUAGE_NAMES,
    )
    set_cookie(page, ANSWER_COOKIE, nonce, path=LINK_PATH, secure=web.secure)
    return page


def referral_router(
    runtime: Runtime, *, signer: Signer | None = None, memory: Memory | None = None
) -> APIRouter:
    """The referral pages and API; give it to `create_app(runtime, extra_routes=[...])`."""
    settings = runtime.settings
    web = ReferralWeb(
        runtime,
        signer or Signer(settings.web_secret),
        RateLimiter(
            settings.referral_rate_limit_per_hour,
            memory=memory if memory is not None else shared_memory(settings),
            namespace="referral",
        ),
    )
    router = APIRouter()

    @router.get(FORM_PATH, include_in_schema=False)
    async def form_page(request: Request) -> Response:
        return await _form_page(web, request)

    @router.post(API_PATH)
    async def submit(request: Request) -> Response:
        return await _submit(web, request)

    @router.get(LIST_PATH, include_in_schema=False)
    async def list_page(request: Request) -> Response:
        return await _list_page(web, request)

    @router.get(LINK_PATH + "/{token}", include_in_schema=False)
    async def link_page(request: Request, token: str) -> Response:
        return await _link_page(web, request, token)

    @router.post(LINK_PATH + "/{token}", include_in_schema=False)
    async def link_answer(request: Request, token: str) -> Response:
        return await _link_page(web, request, token, answer=True)

    return router
