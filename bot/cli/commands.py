"""Sub-command modules of the `jarjestobotti` CLI, listed explicitly (no discovery)."""

from __future__ import annotations

from types import ModuleType

from bot.cli import (
    admin_cmd,
    ask_cmd,
    chat_cmd,
    eval_cmd,
    import_cmd,
    index_cmd,
    knowledge_cmd,
    maintenance_cmd,
    report_cmd,
    serve_cmd,
    teams_cmd,
)

COMMAND_MODULES: list[ModuleType] = [
    knowledge_cmd,
    index_cmd,
    ask_cmd,
    eval_cmd,
    serve_cmd,
    chat_cmd,
    admin_cmd,
    maintenance_cmd,
    teams_cmd,
    import_cmd,
    report_cmd,
]
