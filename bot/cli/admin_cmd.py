"""`jarjestobotti admin add-user USERNAME`: accounts for the coordinator view.

The password is asked twice without echo, or read from standard input with
`--password-stdin` (for scripts); it never appears on the command line, where
other users and the shell history could see it. Only an argon2id hash is stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.cli.arguments import add_command_group
from bot.runtime import contact_requests
from bot.settings import Settings
from handlers.contact.accounts import PASSWORD_MIN, AdminUserError
from store.db import make_engine, make_session_factory, migrate


def _password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"Salasana (vähintään {PASSWORD_MIN} merkkiä): ")
    if getpass.getpass("Salasana uudelleen: ") != first:
        print("Salasanat eivät täsmää.", file=sys.stderr)
        return None
    return first


def run_add_user(args: argparse.Namespace, settings: Settings) -> int:
    password = _password(args)
    if password is None:
        return 1
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        accounts = contact_requests(settings, make_session_factory(engine)).accounts
        created = accounts.add(args.username, password, replace=args.replace)
    except AdminUserError as exc:
        print(exc.user_message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    verb = "lisätty" if created else "salasana vaihdettu"
    print(f"Käyttäjä {args.username.strip()}: {verb}. Kirjautuminen: /admin/yhteydenotot")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = add_command_group(
        subparsers,
        "admin",
        "yhteydenottojen käsittelijöiden tunnukset",
        "Yhteydenottojen käsittelynäkymän käyttäjät.",
    )
    add = actions.add_parser(
        "add-user",
        help="lisää käsittelijä (tai vaihda salasana)",
        description="Lisää käyttäjän näkymään /admin/yhteydenotot.",
    )
    add.add_argument("username", metavar="KÄYTTÄJÄTUNNUS")
    add.add_argument(
        "--password-stdin", action="store_true", help="lue salasana vakiosyötteestä (skripteille)"
    )
    add.add_argument(
        "--replace", action="store_true", help="vaihda olemassa olevan käyttäjän salasana"
    )
    add.set_defaults(func=run_add_user)
