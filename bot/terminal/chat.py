"""The terminal chat loop: the same conversation core, read from a text stream.

Kept apart from the `chat` command so tests can drive it with `io.StringIO`.
All lines belong to one conversation, so follow-ups ("entä Keravalla?",
"näytä lisää") continue the previous answer just as in Slack or the web chat.
"""

from __future__ import annotations

import sys
import uuid
from typing import TextIO

from bot.terminal.render import render_text
from handlers.messages import Incoming, Reply
from handlers.router import Router

WELCOME = (
    "Järjestöbotti – kuvaa asiakkaan tilanne tai kysy tiekartasta. "
    "/apua näyttää ohjeet, /lopeta (tai Ctrl-D) lopettaa. "
    "Palaute edelliseen vastaukseen: 👍 tai 👎 (+1 / -1)."
)
GOODBYE = "Hei hei!"
PROMPT = "> "
EXIT_COMMANDS = frozenset({"/lopeta", "/exit", "/quit"})
HELP_COMMANDS = frozenset({"/apua", "/help", "/ohje"})
FEEDBACK = {"👍": 1, "+1": 1, "👎": -1, "-1": -1}


def _read(stdin: TextIO, stdout: TextIO) -> str | None:
    """One line, or None at end of input (Ctrl-D)."""
    if stdin is sys.stdin and stdin.isatty():
        try:
            return input(PROMPT)  # line editing when `readline` is available
        except EOFError:
            return None
    stdout.write(PROMPT)
    stdout.flush()
    line = stdin.readline()
    return None if line == "" else line


def answer(router: Router, msg: Incoming) -> Reply:
    """A command, feedback or question → the bot's reply (the apology when it fails)."""
    return router.answer(msg, lambda: _dispatch(router, msg))


def _dispatch(router: Router, msg: Incoming) -> Reply:
    text = msg.text.strip()
    if text.lower() in HELP_COMMANDS:
        return router.action(msg, "help")
    if text.replace("\ufe0f", "") in FEEDBACK:
        return router.feedback(msg, FEEDBACK[text.replace("\ufe0f", "")])
    return router.handle(msg)


def run_chat(
    router: Router,
    stdin: TextIO,
    stdout: TextIO,
    *,
    user: str = "terminal",
    conversation: str | None = None,
) -> int:
    """Read lines until /lopeta or end of input; print each answer. Returns 0."""
    conversation = conversation or uuid.uuid4().hex
    print(WELCOME, file=stdout)
    while True:
        line = _read(stdin, stdout)
        if line is None:
            print(file=stdout)
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in EXIT_COMMANDS:
            break
        reply = answer(router, Incoming("terminal", user, conversation, text))
        print(render_text(reply), file=stdout)
        print(file=stdout)
    print(GOODBYE, file=stdout)
    stdout.flush()
    return 0
