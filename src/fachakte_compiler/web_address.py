"""Web addresses given on the command line (`drift --doxis4-url`, `xdomea-schemas fetch --url`):
shown only through `shown_url`, so that credentials typed into one reach no message, report,
snapshot or log, and checked by `well_formed` before the HTTP client sees one, so that a bad
port or bracket is a usage error, never an internal error."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass

_SHAPE = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)(?P<rest>[/?#].*)?\Z"
)
_AUTHORITY = re.compile(r"(?:\[(?P<ipv6>[^\[\]]*)\]|(?P<name>[^\[\]:]*))(?::(?P<port>[^:]*))?\Z")


@dataclass(frozen=True)
class Address:
    """The parts of a well-formed address that callers decide on."""

    scheme: str  # lower case
    host: str  # an IPv6 address without its brackets
    rest: str  # path, query and fragment as given


def shown_url(url: str) -> str:
    """`url` as it may be shown anywhere: everything up to its last '@' (after the scheme) is
    replaced by '***', and so is everything after the first '?' or '#' (a query such as
    `?password=…` or a token in a fragment). Taking the last '@' also hides a password with
    '/', '?' or '#' in it, which a URL parser would read as the end of the host; never raises,
    whatever `url` is."""
    at = url.rfind("@")
    if at >= 0:
        scheme_end = url.find("://")
        start = scheme_end + 3 if 0 <= scheme_end < at else 0
        url = f"{url[:start]}***{url[at:]}"
    cuts = [i for i in (url.find("?"), url.find("#")) if i >= 0]
    return f"{url[: min(cuts) + 1]}***" if cuts else url


def well_formed(url: str) -> Address | None:
    """The parts of `url` when it is `scheme://host[:port][/path][?query][#fragment]` with a
    host name or IP address, a port from 1 to 65535, no credentials, no whitespace, control
    or invisible character and no backslash, and the HTTP client accepts it; else None."""
    if "@" in url or "\\" in url or any(unicodedata.category(c)[0] in "CZ" for c in url):
        return None
    shape = _SHAPE.match(url)
    authority = _AUTHORITY.match(shape["authority"]) if shape else None
    if shape is None or authority is None:
        return None
    port = authority["port"]
    if port is not None and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return None
    host = authority["ipv6"]
    if host is not None:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return None
    else:
        host = authority["name"]
        labels = host.removesuffix(".").split(".")
        if not all(label and all(c.isalnum() or c in "-_" for c in label) for label in labels):
            return None
    import httpx

    try:  # what the client makes of it (a host name it cannot encode as IDNA, for one)
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return None
    return Address(shape["scheme"].lower(), host, shape["rest"] or "")


def is_loopback(host: str) -> bool:
    """`host` (a name or an IP address without brackets) is this machine itself."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
