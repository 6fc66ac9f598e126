"""The public contact form at `/yhteydenotto` (fi, sv, en).

Plain server-rendered HTML that works without JavaScript and with a keyboard
only; what the user typed is shown back on every error. Each form carries a
signed token: its random part is both the CSRF check (bound to a cookie) and
the idempotency key, so a double click or a reload after a network error
stores one request. The request is stored through the runtime's contact-request
service, like on every chat surface, in a worker thread (the database call blocks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from bot.admin.contacts import admin_router
from bot.memory import Memory
from bot.redis_memory import shared_memory
from bot.runtime import Runtime
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
from handlers.contact.form import (
    FIELDS,
    LANGS,
    ContactForm,
    form_values,
    normalise_lang,
    validate_contact_form,
)
from handlers.contact.service import ContactRequestResult, resolve_routing
from handlers.contact.texts import TEXTS, next_steps, text
from index.errors import StorageError

log = logging.getLogger(__name__)

__all__ = ["ContactWeb", "contact_router", "contact_routes"]

PATH = "/yhteydenotto"
CSRF_COOKIE = "jb_form"
TOKEN_MAX_AGE = 24 * 3600
LANGUAGE_NAMES = (("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English"))


@dataclass
class ContactWeb:
    """What the form's routes need; built once per app."""

    runtime: Runtime
    signer: Signer
    limiter: RateLimiter

    @property
    def secure(self) -> bool:
        return self.runtime.settings.behind_https

    def email_enabled(self) -> bool:
        return bool(self.runtime.settings.smtp_host)

    def issue(self, nonce: str) -> str:
        """A form token: submission id, issue time, signature over both and the cookie nonce."""
        return issue_form_token(self.signer, "contact", nonce)

    def check(self, nonce: str | None, token: str) -> str | None:
        """The submission id if the token is genuine, fresh and bound to this browser."""
        return check_form_token(self.signer, "contact", nonce, token, TOKEN_MAX_AGE)


def _lang(request: Request, data: Mapping[str, str] | None = None) -> str:
    return normalise_lang((data or {}).get("lang") or request.query_params.get("lang"))


def _t(lang: str) -> Callable[..., str]:
    """The templates' `t(key, **params)`: contact texts in the page's language."""
    return partial(TEXTS.get, lang=lang)


def _form_page(
    web: ContactWeb,
    lang: str,
    nonce: str,
    *,
    token: str | None = None,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: Mapping[str, str] | None = None,
    status: int = 200,
) -> Response:
    response = render(
        "contact_form.html",
        status,
        lang=lang,
        t=_t(lang),
        fields=FIELDS,
        languages=LANGUAGE_NAMES,
        token=token or web.issue(nonce),
        values=values or form_values({}),
        errors=errors or {},
        notice=notice,
    )
    set_cookie(response, CSRF_COOKIE, nonce, path=PATH, secure=web.secure)
    return response


def _message_page(lang: str, message: str, status: int) -> Response:
    return render("contact_message.html", status, lang=lang, t=_t(lang), message=message)


def _done_page(web: ContactWeb, lang: str, reference: str | None) -> Response:
    steps = next_steps(lang) + ([text("next_email", lang)] if web.email_enabled() else [])
    return render("contact_done.html", 200, lang=lang, t=_t(lang), reference=reference, steps=steps)


async def _submit(web: ContactWeb, request: Request) -> Response:
    try:
        data = await read_form(request)
    except FormTooLarge:
        return _message_page(_lang(request), text("too_large", _lang(request)), 413)
    lang = _lang(request, data)
    nonce = request.cookies.get(CSRF_COOKIE)
    token = data.get("token", "")
    submission = web.check(nonce, token)
    if submission is None or nonce is None:
        return _message_page(lang, text("csrf", lang), 403)
    values = form_values(data)
    if data.get("website", "").strip():  # the honeypot: only robots fill it in
        log.info("yhteydenotto: hunajapurkkikenttä täytetty, ei tallenneta")
        return _done_page(web, lang, None)
    form, errors = validate_contact_form(data, lang)
    if form is None:
        return _form_page(web, lang, nonce, token=token, values=values, errors=errors, status=400)
    address = client_address(request)
    if not web.limiter.allowed(address):
        notice = {
            "kind": "error",
            "title": text("error_prefix", lang),
            "text": text("rate_limited", lang),
        }
        return _form_page(web, lang, nonce, token=token, values=values, notice=notice, status=429)
    try:
        result = await run_in_threadpool(_store, web, form, submission)
    except StorageError as exc:
        log.error("yhteydenotto: tallennus epäonnistui: %s", exc)
        notice = {
            "kind": "error",
            "title": text("not_saved_title", lang),
            "text": text("not_saved", lang),
        }
        return _form_page(web, lang, nonce, token=token, values=values, notice=notice, status=503)
    if result.created:
        web.limiter.hit(address)
        log.info("yhteydenotto %s tallennettu (web)", result.reference)
    return _done_page(web, lang, result.reference)


def _store(web: ContactWeb, form: ContactForm, submission: str) -> ContactRequestResult:
    return web.runtime.contact_requests().create(form, channel="web", idempotency_key=submission)


def contact_router(
    runtime: Runtime, *, signer: Signer | None = None, memory: Memory | None = None
) -> APIRouter:
    """`GET/POST /yhteydenotto`; give it to `create_app(runtime, extra_routes=[...])`.
    The rate limit counts in `memory` (default: Redis if configured, else this process)."""
    settings = runtime.settings
    web = ContactWeb(
        runtime,
        signer or Signer(settings.web_secret),
        RateLimiter(
            settings.contact_rate_limit_per_hour,
            memory=memory if memory is not None else shared_memory(settings),
            namespace="contact",
        ),
    )
    # The roles named in the routing must exist: a typo fails at start-up, not at a submit.
    resolve_routing(settings.contact_routing, runtime.kb.roles.keys())
    router = APIRouter()

    @router.get(PATH, include_in_schema=False)
    async def form_page(request: Request) -> Response:
        nonce = request.cookies.get(CSRF_COOKIE) or new_token()
        return _form_page(web, _lang(request), nonce)

    @router.post(PATH, include_in_schema=False)
    async def submit(request: Request) -> Response:
        return await _submit(web, request)

    assert set(LANGS) == {code for code, _ in LANGUAGE_NAMES}
    return router


def contact_routes(runtime: Runtime, *, signer: Signer | None = None) -> list[APIRouter]:
    """The form and the coordinator view, for `create_app(..., extra_routes=...)` in serve.
    Pass the `Signer` the other /admin pages use, so one login opens them all."""
    signer = signer or Signer(runtime.settings.web_secret)
    return [contact_router(runtime, signer=signer), admin_router(runtime, signer=signer)]
