"""The server address of `drift --doxis4-url`: checked completely once, where the option is read,
and shown only through `shown_url`, so that credentials typed into it reach no message, report,
snapshot or log, and no malformed address reaches the HTTP client.

Credentials come only from the environment (USER_ENV, PASSWORD_ENV): an address with a userinfo
part (`user:password@`) is refused, as is anything that is not `http[s]://host[:port][/path]`.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

from fachakte_compiler.drift.errors import Doxis4UrlRefused
from fachakte_compiler.i18n import _

USER_ENV = "FACHAKTE_DOXIS4_USER"
PASSWORD_ENV = "FACHAKTE_DOXIS4_PASSWORD"
ROLE_ENV = "FACHAKTE_DOXIS4_ROLE"

_SHAPE = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/]*)(?P<path>/.*)?\Z")
_AUTHORITY = re.compile(r"(?:\[(?P<ipv6>[^\[\]]*)\]|(?P<name>[^\[\]:]*))(?::(?P<port>[^:]*))?\Z")
# The API path is appended to the address: a query or fragment would swallow it.
_NEVER = frozenset("?#\\")


def shown_url(url: str) -> str:
    """`url` as it may be shown anywhere: everything up to its last '@' (after the scheme) is
    replaced by '***'. Taking the last '@' also hides a password with '/', '?' or '#' in it,
    which a URL parser would read as the end of the host; never raises, whatever `url` is."""
    at = url.rfind("@")
    if at < 0:
        return url
    scheme_end = url.find("://")
    start = scheme_end + 3 if 0 <= scheme_end < at else 0
    return f"{url[:start]}***{url[at:]}"


def checked_url(url: str) -> str:
    """`url` unchanged when it is a usable server address that sends the password encrypted
    (https, or http to this machine itself: a tunnel that encrypts onward). Raises
    Doxis4UrlRefused (exit 2, one line, `url` shown without credentials) otherwise."""
    if "@" in url:
        raise Doxis4UrlRefused(
            _(
                "--doxis4-url {url} contains credentials: give the address without them and set "
                "${user} and ${password} instead"
            ).format(url=shown_url(url), user=USER_ENV, password=PASSWORD_ENV)
        )
    shape = _SHAPE.match(url) if _plain(url) else None
    authority = _AUTHORITY.match(shape["authority"]) if shape else None
    if shape is None or authority is None or not _host_and_port(authority):
        raise _invalid(url)
    scheme = shape["scheme"].lower()
    if scheme == "https":
        return url
    if scheme == "http" and _loopback(authority["ipv6"] or authority["name"]):
        return url
    if scheme == "http":
        raise Doxis4UrlRefused(
            _(
                "refusing to send the password unencrypted to {url}: use https://; plain http "
                "is accepted only to this machine (127.0.0.1, ::1, localhost)"
            ).format(url=shown_url(url))
        )
    raise _invalid(url)


def _invalid(url: str) -> Doxis4UrlRefused:
    # repr: a control character in the address is shown escaped, on one line.
    return Doxis4UrlRefused(
        _("invalid --doxis4-url {host}: use https://host[:port]").format(host=repr(shown_url(url)))
    )


def _plain(url: str) -> bool:
    """No whitespace, control or invisible formatting character, none of _NEVER."""
    return not any(c in _NEVER or unicodedata.category(c)[0] in "CZ" for c in url)


def _host_and_port(authority: re.Match[str]) -> bool:
    port = authority["port"]
    if port is not None and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return False
    if authority["ipv6"] is not None:
        try:
            ipaddress.IPv6Address(authority["ipv6"])
        except ValueError:
            return False
        return True
    labels = authority["name"].removesuffix(".").split(".")
    if not all(label and all(c.isalnum() or c in "-_" for c in label) for label in labels):
        return False
    import httpx

    try:  # what the client makes of it (a host name it cannot encode as IDNA, for one)
        httpx.URL(f"https://{authority['name']}/")
    except (httpx.InvalidURL, ValueError):
        return False
    return True


def _loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
