"""The server address of `drift --doxis4-url`: checked completely once, where the option is read,
and shown only through `shown_url`, so that credentials typed into it reach no message, report,
snapshot or log, and no malformed address reaches the HTTP client.

Credentials come only from the environment (USER_ENV, PASSWORD_ENV): an address with a userinfo
part (`user:password@`) is refused, as is anything that is not `http[s]://host[:port][/path]`.
"""

from __future__ import annotations

from fachakte_compiler.drift.errors import Doxis4UrlRefused
from fachakte_compiler.i18n import _
from fachakte_compiler.web_address import is_loopback, shown_url, well_formed

__all__ = ["PASSWORD_ENV", "ROLE_ENV", "USER_ENV", "checked_url", "shown_url"]

USER_ENV = "FACHAKTE_DOXIS4_USER"
PASSWORD_ENV = "FACHAKTE_DOXIS4_PASSWORD"
ROLE_ENV = "FACHAKTE_DOXIS4_ROLE"


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
    address = well_formed(url)
    # The API path is appended to the address: a query or fragment would swallow it.
    if address is None or "?" in address.rest or "#" in address.rest:
        raise _invalid(url)
    if address.scheme == "https" or (address.scheme == "http" and is_loopback(address.host)):
        return url
    if address.scheme == "http":
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
