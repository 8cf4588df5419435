"""The users file: local accounts with bcrypt password hashes, roles, towns and OIDC e-mails."""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import bcrypt

from casebook.core.actors import Actor, Role
from casebook.core.config import config_path
from sheets_schema.enums import Town

USERS_ENV = "KIM_USERS"
USERS_FILE = "users.toml"
DEFAULT_IDLE_MINUTES = 30
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
BCRYPT_ROUNDS = 12
# Checked against when a name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = b"$2b$12$C6UzMDM.H6dfI/f/IKcEeOKbM7IXrd3x5KmxGe4cJbQ10bEzXjU7y"


class UsersFileError(Exception):
    """The users file is unreadable or names an unknown role or town; the message is German."""


class WeakPassword(ValueError):
    """A password the app refuses to hash; the message is German."""


@dataclass(frozen=True)
class Account:
    """One entry of the users file. `password_hash` is empty for accounts that sign in via OIDC."""

    name: str
    role: Role
    towns: frozenset[Town]
    email: str | None = None
    password_hash: str | None = None

    def actor(self) -> Actor:
        return Actor(name=self.name, role=self.role, towns=self.towns)


@dataclass(frozen=True)
class UsersFile:
    accounts: tuple[Account, ...] = ()
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    path: Path | None = field(default=None, compare=False)

    def find(self, name: str) -> Account | None:
        wanted = name.strip().casefold()
        return next((a for a in self.accounts if a.name.casefold() == wanted), None)

    def by_email(self, email: str) -> Account | None:
        wanted = email.strip().casefold()
        return next((a for a in self.accounts if a.email and a.email.casefold() == wanted), None)

    @property
    def has_passwords(self) -> bool:
        return any(account.password_hash for account in self.accounts)


def users_path() -> Path:
    """KIM_USERS, else users.toml next to sources.toml."""
    given = os.environ.get(USERS_ENV, "").strip()
    return Path(given).expanduser() if given else config_path().parent / USERS_FILE


def parse_role(text: str) -> Role:
    for role in Role:
        if text.strip().casefold() == role.value.casefold():
            return role
    raise UsersFileError(f"Unbekannte Rolle „{text}“. Erlaubt: {', '.join(r.value for r in Role)}.")


def parse_town(text: str) -> Town:
    for town in Town:
        if text.strip().casefold() in (town.value.casefold(), town.code.casefold()):
            return town
    raise UsersFileError(
        f"Unbekannte Kommune „{text}“. Erlaubt: {', '.join(t.value for t in Town)}."
    )


def towns_for(role: Role, names: Iterable[str]) -> frozenset[Town]:
    """The towns of an account; coordination and administration default to all towns."""
    towns = frozenset(parse_town(name) for name in names)
    if not towns and role is Role.CASE_MANAGEMENT:
        raise UsersFileError("Ein Konto für das Fallmanagement braucht mindestens eine Kommune.")
    return towns or frozenset(Town)


def _account(entry: object, number: int) -> Account:
    where = f"Konto {number}"
    if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
        raise UsersFileError(f"{where}: Bitte „name = …“ angeben.")
    name = str(entry["name"]).strip()
    role = parse_role(str(entry.get("role", "")))
    towns = entry.get("towns", [])
    if not isinstance(towns, list):
        raise UsersFileError(f"{where} ({name}): „towns“ muss eine Liste sein.")
    password_hash = entry.get("password_hash") or None
    email = entry.get("email") or None
    if password_hash is None and email is None:
        raise UsersFileError(f"{where} ({name}): Bitte ein Passwort oder eine E-Mail angeben.")
    return Account(
        name=name,
        role=role,
        towns=towns_for(role, [str(t) for t in towns]),
        email=str(email).strip() if email else None,
        password_hash=str(password_hash) if password_hash else None,
    )


def parse_users(text: str, path: Path | None = None) -> UsersFile:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsersFileError(f"Die Benutzerdatei ist keine gültige TOML-Datei: {error}") from error
    accounts = tuple(_account(e, n) for n, e in enumerate(document.get("user", []), start=1))
    names = [account.name.casefold() for account in accounts]
    if len(set(names)) != len(names):
        raise UsersFileError("Die Benutzerdatei nennt einen Namen mehrfach.")
    login = document.get("login", {})
    idle = login.get("idle_minutes", DEFAULT_IDLE_MINUTES) if isinstance(login, dict) else None
    if not isinstance(idle, int) or idle < 1:
        raise UsersFileError("„idle_minutes“ unter [login] muss eine ganze Zahl ab 1 sein.")
    return UsersFile(accounts, idle, path)


def load_users(path: Path | None = None) -> UsersFile | None:
    """The users file, or None when there is none (then the app runs in demo mode)."""
    path = path or users_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return parse_users(text, path)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Das Passwort muss mindestens {MIN_PASSWORD_LENGTH} Zeichen haben.")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise WeakPassword(f"Das Passwort darf höchstens {MAX_PASSWORD_BYTES} Bytes lang sein.")


def hash_password(password: str, rounds: int = BCRYPT_ROUNDS) -> str:
    check_password(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds)).decode("ascii")


def _matches(password: str, hashed: bytes) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed)
    except ValueError:  # a damaged hash in the file, or a password longer than bcrypt allows
        return False


def authenticate(users: UsersFile, name: str, password: str) -> Actor | None:
    """The actor for a correct name and password, else None (same effort either way)."""
    account = users.find(name)
    if account is None or not account.password_hash:
        _matches(password, _DUMMY_HASH)
        return None
    return account.actor() if _matches(password, account.password_hash.encode("ascii")) else None


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(text, ensure_ascii=False)


def render_account(account: Account) -> str:
    lines = [
        "[[user]]",
        f"name = {_toml_string(account.name)}",
        f"role = {_toml_string(account.role.value)}",
        "towns = [" + ", ".join(_toml_string(t.value) for t in sorted(account.towns)) + "]",
    ]
    if account.email:
        lines.append(f"email = {_toml_string(account.email)}")
    if account.password_hash:
        lines.append(f"password_hash = {_toml_string(account.password_hash)}")
    return "\n".join(lines) + "\n"


_HEADER = (
    "# KIM-Fallverwaltung: Benutzerkonten (python -m casebook user add …).\n"
    "# Passwörter stehen nur als bcrypt-Hash hier. Die Datei nur für Administration lesbar halten.\n"
    f"[login]\nidle_minutes = {DEFAULT_IDLE_MINUTES}  # Abmeldung nach so vielen Minuten ohne Aktivität\n"
)


def add_account(path: Path, account: Account) -> None:
    """Append an account to the users file (created if missing); refuses a name that exists."""
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    users = parse_users(text, path)
    if users.find(account.name) is not None:
        raise UsersFileError(f"Ein Konto „{account.name}“ gibt es schon.")
    if account.email and users.by_email(account.email) is not None:
        raise UsersFileError(f"Die E-Mail „{account.email}“ gehört schon zu einem Konto.")
    new_text = text.rstrip("\n") + "\n\n" + render_account(account)
    parse_users(new_text, path)  # never write a file the app could not read back
    write_private(path, new_text)


def write_private(path: Path, text: str) -> None:
    """Replace `path` atomically by `text`, readable and writable by its owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        # The mode of os.open only applies to a new file: a temp file left over from an
        # interrupted run keeps its own mode, so it is set here explicitly.
        os.fchmod(file.fileno(), 0o600)
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    temp.replace(path)
