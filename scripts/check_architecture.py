"""Lint the house rules that ruff and mypy can't see (run by `make test`).

- Dependencies point one way: bot → handlers → store → index. A module may import
  its own layer and the layers below it, never one above.
- `bot/` root holds at most 8 modules: everything else lives in a package per
  surface or concern (see docs/architecture.md).
- No product module is longer than 300 lines.

Prints one line per violation (`path:line: what`) and exits 1 if there is any.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

LAYERS = ("index", "store", "handlers", "bot")  # bottom → top
MAX_LINES = 300
MAX_BOT_ROOT_MODULES = 8


def imported_packages(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, top-level package) of every absolute import in a module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def check(root: Path) -> list[str]:
    problems: list[str] = []
    for layer in LAYERS:
        allowed = set(LAYERS[: LAYERS.index(layer) + 1])
        for path in sorted((root / layer).rglob("*.py")):
            rel = path.relative_to(root)
            text = path.read_text(encoding="utf-8")
            lines = text.count("\n")
            if lines > MAX_LINES and "migrations" not in rel.parts:
                problems.append(
                    f"{rel}:1: {lines} lines (at most {MAX_LINES}): split it by concern"
                )
            for lineno, package in imported_packages(ast.parse(text, str(rel))):
                if package in LAYERS and package not in allowed:
                    problems.append(
                        f"{rel}:{lineno}: {layer} must not import {package} (layers: "
                        f"{' → '.join(reversed(LAYERS))})"
                    )
    bot_root = sorted(p.name for p in (root / "bot").glob("*.py"))
    if len(bot_root) > MAX_BOT_ROOT_MODULES:
        problems.append(
            f"bot/:1: {len(bot_root)} modules at the root (at most "
            f"{MAX_BOT_ROOT_MODULES}): {', '.join(bot_root)}"
        )
    return problems


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    problems = check(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
