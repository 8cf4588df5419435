"""The installation's secret for record keys: from KIM_STATS_SECRET, else a file made once."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from casebook.core.config import ConfigError, data_dir
from casebook.stats.record_keys import RecordKeys

SECRET_ENV = "KIM_STATS_SECRET"
SECRET_FILE = "statistik-schluessel"  # in the data folder (KIM_DATA_DIR, else data/)
SECRET_BYTES = 32
MIN_SECRET_BYTES = 16


def secret_path() -> Path:
    return data_dir() / SECRET_FILE


def installation_secret(path: Path | None = None) -> bytes:
    """The secret, made on first use and kept: it must never change, or every figure would be
    perturbed anew and an attacker could average the old and new values."""
    given = os.environ.get(SECRET_ENV, "").strip()
    if given:
        if len(given.encode()) < MIN_SECRET_BYTES:
            raise ConfigError(
                f"{SECRET_ENV} ist zu kurz: Bitte mindestens {MIN_SECRET_BYTES} Zeichen "
                "(am besten 32 zufällige) angeben."
            )
        return given.encode()
    path = path or secret_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written to a private temporary file and linked into place: two processes starting
        # at once both end up with the one secret that got there first.
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            handle.write(secrets.token_bytes(SECRET_BYTES))
        temporary = Path(handle.name)
        temporary.chmod(0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return path.read_bytes()


def installation_keys() -> RecordKeys:
    return RecordKeys(installation_secret())
