"""What the bot does, platform-neutral. `build_router` lists every handler explicitly."""

from __future__ import annotations

from handlers import conversation
from handlers.context import BotContext
from handlers.router import Router


def build_router(ctx: BotContext) -> Router:
    router = Router(ctx)
    conversation.register(router)
    return router


__all__ = ["BotContext", "Router", "build_router"]
