"""Sub-command modules of the `jarjestobotti` CLI, listed explicitly (no discovery).

Each top-level command name maps to the module that registers it, so a run imports only
its own command's module: `index build` with nothing to do should not pay for importing
the web app, Slack, Teams and the report's plotting library (about 1.5 s of a 2.5 s run).
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS: dict[str, str] = {
    "knowledge": "knowledge_cmd",
    "index": "index_cmd",
    "ask": "ask_cmd",
    "eval": "eval_cmd",
    "serve": "serve_cmd",
    "chat": "chat_cmd",
    "admin": "admin_cmd",
    "maintenance": "maintenance_cmd",
    "teams": "teams_cmd",
    "import": "import_cmd",
    "report": "report_cmd",
}
"""Top-level command → its module in `bot.cli`, in the order `--help` lists them."""


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"bot.cli.{COMMANDS[name]}")


def command_modules(names: list[str] | None = None) -> list[ModuleType]:
    """The modules of `names` (every command's when None), without repeats."""
    wanted = list(COMMANDS) if names is None else names
    return [command_module(n) for n in dict.fromkeys(wanted)]
