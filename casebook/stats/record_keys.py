"""Fixed random record keys for the cell-key method: a keyed hash of a record's town and ID."""

from __future__ import annotations

import hashlib
import hmac

from sheets_schema.enums import Town

KEY_BITS = 64
MODULUS = 1 << KEY_BITS

# What a key is for: each purpose gets its own key per record, so that two figures over the
# same records (Betreute Fälle and Erreichte Personen) do not share their noise and cannot be
# subtracted to cancel it.
CASE = "Fall"
PEOPLE = "Personen"
CONTACT = "Kontakt"
GOAL = "Ziel"
REFERRAL = "Vermittlung"
NOTE = "Hinweis"


class RecordKeys:
    """Record keys of one installation: uniform in [0, 2⁶⁴), unpredictable without the secret.

    The same record always gets the same key (it is derived from the Fall-ID, not stored),
    so a figure over the same records is always perturbed the same way, however often and
    through whichever table it is asked for.
    """

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the statistics secret needs at least 16 bytes")
        self._secret = secret

    def key(self, purpose: str, town: Town, ident: str) -> int:
        message = "\x1f".join((purpose, town.code, ident)).encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return int.from_bytes(digest[:8], "big")

    def __repr__(self) -> str:  # never print the secret
        return "RecordKeys(…)"
