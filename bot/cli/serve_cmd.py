"""`jarjestobotti serve`: the web chat, JSON API and health checks over HTTP.

The runtime (knowledge, index, database) is loaded once before the server
starts, so the first question is answered as fast as the hundredth and a
broken configuration fails here, not on a user's request.
"""

from __future__ import annotations

import argparse
import signal

import uvicorn

from bot.admin.report import admin_report_router
from bot.admin.status import admin_status_router
from bot.background.jobs import start_background_jobs
from bot.background.ptv_sync import start_ptv_sync
from bot.background.reload import KnowledgeReloader, start_live_reload
from bot.cli.arguments import add_data_arguments
from bot.runtime import load_runtime
from bot.settings import Settings
from bot.slack.app import check_slack_settings, slack_configured, slack_surface
from bot.teams.app import teams_surface
from bot.teams.config import check_teams_settings, teams_configured
from bot.web.app import create_app
from bot.web.contact import contact_routes
from bot.web.referral import referral_router
from bot.web.security import Signer, proxy_options
from store.redact import install_log_redaction


def run(args: argparse.Namespace, settings: Settings) -> int:
    host = args.host or settings.host
    port = args.port if args.port is not None else settings.port
    if slack_configured(settings):
        check_slack_settings(settings)  # a missing Slack secret fails before the slow load
    if teams_configured(settings):
        check_teams_settings(settings)
    # a replica (JARJESTOBOTTI_INDEX_WATCH) never builds: it serves what the builder saved
    rt = load_runtime(
        settings,
        knowledge_dir=args.knowledge,
        index_dir=args.index,
        auto_build=not settings.index_watch,
    )
    slack = slack_surface(settings, rt)  # HTTP: /slack/events; Socket Mode: connects out
    teams = teams_surface(settings, rt)  # POST /api/messages (Microsoft 365 Agents SDK)
    # live reload: the builder watches knowledge/, a replica the shared index folder
    reloader = start_live_reload(rt, settings, knowledge_dir=args.knowledge, index_dir=args.index)
    # nightly PTV sync (JARJESTOBOTTI_PTV_API_URL): its changes go through the reloader
    ptv_job = start_ptv_sync(
        settings,
        args.knowledge or settings.knowledge_dir,
        reload=reloader.reload if isinstance(reloader, KnowledgeReloader) else None,
    )
    admin_signer = Signer(settings.web_secret)  # one key: one login for every /admin page
    knowledge_pages = admin_status_router(
        rt,
        reloader.board if reloader else None,
        signer=admin_signer,
        ptv=(lambda: ptv_job.status) if ptv_job is not None else None,
    )
    # log_config=None: uvicorn's loggers (access log included) propagate to the root
    # handler the CLI set up, where one redaction filter covers every line. uvicorn's own
    # formatters would also break on redacted records, whose args are cleared.
    app = create_app(
        rt,
        extra_routes=[
            *slack.routes,
            *teams.routes,
            knowledge_pages,
            admin_report_router(rt, signer=admin_signer),
            *contact_routes(rt, signer=admin_signer),
            referral_router(rt, signer=admin_signer),
        ],
    )
    config = uvicorn.Config(app, host=host, port=port, log_config=None, **proxy_options(settings))
    install_log_redaction()
    print(f"Järjestöbotti käynnissä: http://{host}:{port}/", flush=True)
    slack.start()
    stop_jobs = start_background_jobs(rt, settings)  # outbox sender, daily retention purge
    # uvicorn stops gracefully on SIGTERM, restores the handler it found and raises the signal
    # again: with the default one the process would die there, before the jobs stop and the
    # database closes. Found as ours, the signal just lets run() return.
    signal.signal(signal.SIGTERM, lambda _sig, _frame: None)
    try:
        uvicorn.Server(config).run()
    finally:
        stop_jobs()
        if ptv_job is not None:
            ptv_job.stop()
        if reloader is not None:
            reloader.stop()
        slack.stop()
        if rt.engine is not None:
            rt.engine.dispose()
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("serve", help="käynnistä verkkokeskustelu ja HTTP-rajapinta")
    p.add_argument("--host", default=None, help="osoite (oletus JARJESTOBOTTI_HOST)")
    p.add_argument("--port", type=int, default=None, help="portti (oletus JARJESTOBOTTI_PORT)")
    add_data_arguments(p)
    p.set_defaults(func=run)
