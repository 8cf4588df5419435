"""`python -m casebook user add|list`: local accounts in the users file, passwords only as hashes."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from casebook.core.accounts import (
    Account,
    UsersFileError,
    WeakPassword,
    add_account,
    hash_password,
    load_users,
    parse_role,
    towns_for,
    users_path,
)
from casebook.core.actors import Role


def _password(args: argparse.Namespace) -> str | None:
    if args.no_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Passwort: ")
    second = getpass.getpass("Passwort wiederholen: ")
    if first != second:
        raise WeakPassword("Die beiden Eingaben stimmen nicht überein.")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    path = Path(args.users) if args.users else users_path()
    try:
        role = parse_role(args.role)
        towns = towns_for(role, args.town or [])
        if args.no_password and not args.email:
            raise UsersFileError(
                "Ohne Passwort braucht das Konto eine E-Mail (Anmeldung per OIDC)."
            )
        password = _password(args)
        account = Account(
            name=args.name.strip(),
            role=role,
            towns=towns,
            email=args.email,
            password_hash=hash_password(password) if password is not None else None,
        )
        add_account(path, account)
    except (UsersFileError, WeakPassword) as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 2
    where = ", ".join(t.value for t in sorted(account.towns))
    print(f"Konto „{account.name}“ ({role.value}; {where}) in {path} angelegt.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    path = Path(args.users) if args.users else users_path()
    try:
        users = load_users(path)
    except UsersFileError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 2
    if users is None:
        print(f"Keine Benutzerdatei unter {path}: die App läuft im Demo-Modus.")
        return 0
    for account in users.accounts:
        how = ", ".join(
            part
            for part in ("Passwort" if account.password_hash else "", account.email or "")
            if part
        )
        towns = ", ".join(t.value for t in sorted(account.towns))
        print(f"{account.name}: {account.role.value}; {towns} ({how})")
    return 0


def add_user_commands(commands: Any) -> None:
    """Register `user add` and `user list` on the main parser's subcommands."""
    user = commands.add_parser("user", help="Benutzerkonten verwalten (users.toml)")
    actions = user.add_subparsers(dest="user_command", required=True)
    add = actions.add_parser("add", help="Ein Konto anlegen (Passwort wird zweimal abgefragt)")
    add.add_argument("name", help="Anmeldename, z. B. a.beispiel")
    add.add_argument(
        "--role",
        required=True,
        help=f"Rolle: {', '.join(r.value.lower() for r in Role)}",
    )
    add.add_argument(
        "--town",
        action="append",
        help="Kommune (mehrfach möglich); ohne Angabe bei Koordination/Administration alle",
    )
    add.add_argument("--email", help="E-Mail beim Identitätsanbieter der Kommune (OIDC)")
    secret = add.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-stdin", action="store_true", help="Passwort aus einer Zeile der Eingabe lesen"
    )
    secret.add_argument(
        "--no-password", action="store_true", help="Nur Anmeldung per OIDC (braucht --email)"
    )
    add.add_argument("--users", help="Pfad der Benutzerdatei (Standard: KIM_USERS oder users.toml)")
    add.set_defaults(run=cmd_user_add)
    listing = actions.add_parser("list", help="Konten zeigen (ohne Passwörter)")
    listing.add_argument("--users", help="Pfad der Benutzerdatei")
    listing.set_defaults(run=cmd_user_list)
