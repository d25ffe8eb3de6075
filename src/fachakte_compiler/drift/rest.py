"""Read-only client of the Doxis4 public REST API (CSB `publicws`), built on httpx.

Log-in as public clients do (alf-wchong/SER-Doxis-DocClass-HTML, varnaa/joget-fileupload-doxis-
plugin, the OpenCrawling Doxis connector): `POST {base}/login` with JSON `customerName` (the
organization), `userName`, `password` and `role`; the answer is the JWT as a JSON string, sent back
as `Authorization: Bearer <jwt>`. Only GET requests follow. A 401 on a GET means the session
expired: log in once more. 429/502/503/504 and connection failures are retried a bounded number of
times. Every failure becomes a DriftReadError with one line (a Doxis4ConnectionFailed where
the server gave no usable answer); the password never appears in one.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fachakte_compiler.drift.address import checked_url, shown_url
from fachakte_compiler.drift.errors import Doxis4ConnectionFailed, DriftReadError
from fachakte_compiler.drift.installed import ENDPOINTS
from fachakte_compiler.i18n import _, connection_reason

if TYPE_CHECKING:
    import httpx

DEFAULT_BASE_PATH = "/restws/publicws/rest/api/v1"
RETRY_STATUS = frozenset({429, 502, 503, 504})
MAX_BODY = 64 * 1024 * 1024  # bytes; a configuration listing is far smaller


@dataclass(frozen=True)
class Credentials:
    """Who logs in. Never printed: `__repr__` hides the password."""

    organization: str
    user: str
    password: str
    role: str = "admins"

    def __repr__(self) -> str:
        return f"Credentials(organization={self.organization!r}, user={self.user!r}, password=***)"


@dataclass(frozen=True)
class Connection:
    """Where and how to connect. `timeout` in seconds per request; `retries` extra attempts
    after a transport error or a RETRY_STATUS answer, the n-th after `retry_wait * n` seconds."""

    url: str
    base_path: str = DEFAULT_BASE_PATH
    ca_bundle: Path | None = None
    timeout: float = 20.0
    retries: int = 2
    retry_wait: float = 0.5

    def __repr__(self) -> str:
        return f"Connection(url={shown_url(self.url)!r}, base_path={self.base_path!r})"

    @property
    def base(self) -> str:
        return self.url.rstrip("/") + "/" + self.base_path.strip("/")


def _describe(exc: Exception, conn: Connection) -> tuple[str, bool]:
    """What went wrong, and whether trying again is pointless (an untrusted certificate, an
    unusable URL)."""
    import httpx

    host = shown_url(conn.url)
    if isinstance(exc, httpx.ConnectTimeout | httpx.ReadTimeout | httpx.WriteTimeout):
        return _("{host} did not answer within {timeout:g} s (timeout); try --timeout").format(
            host=host, timeout=conn.timeout
        ), False
    if isinstance(exc, httpx.PoolTimeout):
        return _("{host}: no connection free within {timeout:g} s").format(
            host=host, timeout=conn.timeout
        ), False
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return _(
            "the TLS certificate of {host} is not trusted; pass the municipal CA with "
            "--ca-bundle FILE (verification stays on)"
        ).format(host=host), True
    if isinstance(exc, httpx.ConnectError):
        return _("cannot connect to {host}: {reason}").format(
            host=host, reason=connection_reason(exc)
        ), False
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return _("invalid --doxis4-url {host}: use https://host[:port]").format(
            host=repr(host)
        ), True
    return f"{host}: {exc.__class__.__name__}: {text}", False


def _check_transport(url: str) -> None:
    """The password travels only encrypted, to a well-formed address without credentials in it
    (the CLI checked it already where the option was read; a caller of this module may not
    have). Raises DriftReadError otherwise."""
    checked_url(url)


class Doxis4Reader:
    """A logged-in read-only session; use as a context manager (logs out and closes).
    Raises DriftReadError before connecting when the URL would send the password unencrypted."""

    def __init__(self, conn: Connection, credentials: Credentials) -> None:
        import httpx

        _check_transport(conn.url)
        self._conn = conn
        self._credentials = credentials
        verify: Any = True
        if conn.ca_bundle is not None:
            import ssl

            try:
                verify = ssl.create_default_context(cafile=str(conn.ca_bundle))
            except (OSError, ssl.SSLError) as exc:
                raise DriftReadError(
                    _("cannot read --ca-bundle {ca_bundle}: {error}").format(
                        ca_bundle=conn.ca_bundle, error=exc
                    )
                ) from None
        self._client = httpx.Client(
            timeout=conn.timeout, verify=verify, follow_redirects=False, trust_env=False
        )
        self._token: str | None = None

    def __enter__(self) -> Doxis4Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            # Logging out is a courtesy: its failure changes nothing about the result.
            with contextlib.suppress(Exception):
                self._client.post(self._url("logout"), json={}, headers=self._auth())
        self._client.close()

    def _url(self, endpoint: str) -> str:
        return f"{self._conn.base}/{endpoint}"

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"} if self._token else {}

    def _send(self, method: str, endpoint: str, **kwargs: Any) -> httpx.Response:
        import httpx

        last: str = ""
        for attempt in range(self._conn.retries + 1):
            if attempt:
                time.sleep(self._conn.retry_wait * attempt)
            try:
                response = self._client.request(method, self._url(endpoint), **kwargs)
            except httpx.TransportError as exc:
                last, hopeless = _describe(exc, self._conn)
                if hopeless:
                    break
                continue
            if response.status_code in RETRY_STATUS:
                said = (
                    _("{endpoint}: the server answered HTTP {status} repeatedly")
                    if self._conn.retries
                    else _("{endpoint}: the server answered HTTP {status} (no --retries)")
                )
                last = said.format(endpoint=endpoint, status=response.status_code)
                continue
            return response
        raise Doxis4ConnectionFailed(last)

    def login(self) -> None:
        c = self._credentials
        body = {
            "customerName": c.organization,
            "userName": c.user,
            "password": c.password,
            "role": c.role,
        }
        response = self._send("POST", "login", json=body)
        if response.status_code in (401, 403):
            raise Doxis4ConnectionFailed(
                _(
                    "log-in refused (HTTP {status_code}): check user name, password, role "
                    "and organization {organization!r}"
                ).format(status_code=response.status_code, organization=c.organization)
            )
        if response.status_code != 200:
            raise Doxis4ConnectionFailed(
                _("log-in failed: unexpected HTTP {status_code}").format(
                    status_code=response.status_code
                )
            )
        token = _decode(response, "login")
        if isinstance(token, str) and token:
            self._token = token
            return
        raise Doxis4ConnectionFailed(
            _("unexpected answer from /login: expected the token as a JSON string")
        )

    def get(self, endpoint: str) -> Any:
        """The decoded JSON of `GET {base}/{endpoint}`; logs in again once after a 401."""
        if self._token is None:
            self.login()
        response = self._send("GET", endpoint, headers=self._auth())
        if response.status_code == 401:
            self.login()
            response = self._send("GET", endpoint, headers=self._auth())
        if response.status_code != 200:
            raise Doxis4ConnectionFailed(
                _("/{endpoint}: unexpected HTTP {status_code}").format(
                    endpoint=endpoint, status_code=response.status_code
                )
            )
        return _decode(response, endpoint)

    def read_all(self) -> dict[str, Any]:
        """endpoint → decoded JSON for every endpoint a drift run compares."""
        return {endpoint: self.get(endpoint) for endpoint in ENDPOINTS}


def _decode(response: httpx.Response, endpoint: str) -> Any:
    if len(response.content) > MAX_BODY:
        raise Doxis4ConnectionFailed(
            _("/{endpoint}: answer larger than {limit} MiB").format(
                endpoint=endpoint, limit=MAX_BODY // 2**20
            )
        )
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        raise Doxis4ConnectionFailed(
            _("unexpected answer from /{endpoint}: not valid JSON").format(endpoint=endpoint)
        ) from None
