"""A local stand-in OpenID Connect provider: signs every visitor in at once as one test user."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

CLIENT_ID = "kim-test-client"
CLIENT_SECRET = "kim-test-secret"
KEY_ID = "test-key-1"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _int_b64url(number: int) -> str:
    return _b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


@dataclass(frozen=True)
class IdpUser:
    """Who the provider says signed in (what a town's directory would answer)."""

    email: str
    name: str = "Test Nutzer:in"
    subject: str = "test-user-1"
    email_verified: bool = True


@dataclass
class _Grant:
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None


@dataclass
class OidcProvider:
    """What the stand-in knows: its address, the registered callback, the user, what it saw."""

    issuer: str
    user: IdpUser
    redirect_uris: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)  # "GET /authorize", "POST /token", …
    used_pkce: list[bool] = field(default_factory=list)
    _grants: dict[str, _Grant] = field(default_factory=dict)
    _key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = self._key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": KEY_ID,
                    "n": _int_b64url(public.n),
                    "e": _int_b64url(public.e),
                }
            ]
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, str]:
        """(status, Location or error text): a known client and callback get a code at once."""
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != CLIENT_ID or redirect_uri not in self.redirect_uris:
            return 400, "unknown client or redirect_uri"
        if query.get("response_type") != "code" or "openid" not in query.get("scope", ""):
            return 400, "only the code flow with scope openid"
        challenge = query.get("code_challenge")
        if challenge is not None and query.get("code_challenge_method") != "S256":
            return 400, "only S256 code challenges"
        code = secrets.token_urlsafe(16)
        self._grants[code] = _Grant(redirect_uri, query.get("nonce"), challenge)
        back = {"code": code, **({"state": query["state"]} if "state" in query else {})}
        return 302, f"{redirect_uri}?{urlencode(back)}"

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        """Exchange a code once for an ID token signed with the test key."""
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != expected:
            return 401, {"error": "invalid_client"}
        grant = self._grants.pop(form.get("code", ""), None)  # a code works once
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant"}
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            if _b64url(hashlib.sha256(verifier.encode()).digest()) != grant.code_challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE"}
        self.used_pkce.append(grant.code_challenge is not None)
        access_token = secrets.token_urlsafe(24)
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self._id_token(grant.nonce, access_token),
        }

    def claims(self) -> dict[str, Any]:
        return {
            "sub": self.user.subject,
            "email": self.user.email,
            "email_verified": self.user.email_verified,
            "name": self.user.name,
        }

    def _id_token(self, nonce: str | None, access_token: str) -> str:
        now = int(time.time())
        digest = hashlib.sha256(access_token.encode()).digest()
        payload = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "at_hash": _b64url(digest[: len(digest) // 2]),
            **({"nonce": nonce} if nonce is not None else {}),
            **self.claims(),
        }
        header = {"alg": "RS256", "typ": "JWT", "kid": KEY_ID}
        signing_input = ".".join(
            _b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, payload)
        )
        signature = self._key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64url(signature)}"


def _handler(provider: OidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return  # the test reads provider.requests instead

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            provider.requests.append(f"GET {url.path}")
            query = {key: values[-1] for key, values in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.discovery())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/userinfo":
                self._json(200, provider.claims())
            elif url.path == "/authorize":
                status, target = provider.authorize(query)
                if status != 302:
                    self._json(status, {"error": target})
                    return
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, {"error": "not found"})

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            provider.requests.append(f"POST {url.path}")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            form = {key: values[-1] for key, values in parse_qs(body).items()}
            if url.path != "/token":
                self._json(404, {"error": "not found"})
                return
            status, answer = provider.token(form, self.headers.get("Authorization"))
            self._json(status, answer)

    return Handler


@contextmanager
def running_oidc_provider(user: IdpUser, host: str = "localhost") -> Iterator[OidcProvider]:
    """Serves the stand-in on a free port of `host` until the block ends.

    Tests use "localhost" for the provider and 127.0.0.1 for the app: two different sites, so
    the browser treats the redirects as a real identity provider's (cross-site) ones.
    """
    provider = OidcProvider(issuer="", user=user)
    server = ThreadingHTTPServer((host, 0), _handler(provider))
    provider.issuer = f"http://{host}:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="oidc-stand-in", daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
