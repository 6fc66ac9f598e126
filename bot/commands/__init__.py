"""Sub-command modules of the `jarjestobotti` CLI, listed explicitly (no discovery)."""

from __future__ import annotations

from types import ModuleType

from bot.commands import (
    admin,
    ask,
    chat,
    eval_cmd,
    import_cmd,
    index_cmd,
    knowledge,
    maintenance,
    serve,
    teams,
)

COMMAND_MODULES: list[ModuleType] = [knowledge, index_cmd, ask, eval_cmd, serve, chat, admin,
                                     maintenance, teams, import_cmd]
