"""Translations of user-facing texts through gettext catalogues (domain `fachakte`).

The source code holds the English texts (the msgids); `locale/de/LC_MESSAGES/fachakte.po` holds
German, compiled to `fachakte.mo` when the package is built (hatch_build.py; `make messages`
extracts and updates the catalogue). The language is chosen per call (language.german():
`FACHAKTE_LANG`, else the language server's client locale, else the locale, else English), so
one process can speak both.

Texts with values use named placeholders, so a translation may reorder them:
`_("owner '{name}' is listed twice").format(name=name)`. Texts that must stay English where they
are defined (click help, code explanations, tables) are marked with `N_` and translated where
they are shown (`_`, or `localise` for click commands). Only stdlib gettext runs here: importing
this module stays cheap, so `fachakte --help` stays instant.
"""

from __future__ import annotations

import errno
import gettext
import inspect
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from fachakte_compiler.language import german

Command = TypeVar("Command")
DOMAIN = "fachakte"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
GERMAN_MO = LOCALE_DIR / "de" / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def _german() -> gettext.NullTranslations:
    try:
        with GERMAN_MO.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except FileNotFoundError:
        # A source checkout that was never built: English, the msgids themselves.
        return gettext.NullTranslations()


def _(message: str) -> str:
    """`message` (an English msgid) in the user's language."""
    return _german().gettext(message) if german() else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the user's language (German has the same two
    forms as English)."""
    if german():
        return _german().ngettext(singular, plural, n)
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it here (it is translated where it is
    shown, with `_`)."""
    return message


def retranslate(text: str, templates: Iterable[str]) -> str:
    """`text`, made in English from one of the msgid `templates` (with str.format), in the
    user's language: for texts that are kept in English, such as a target's notes in the
    build cache, and translated when they are shown. Other texts come back unchanged."""
    for template in templates:
        names = re.findall(r"\{(\w+)\}", template)
        pieces = re.split(r"\{\w+\}", template)
        pattern = "".join(
            re.escape(piece) + (f"(?P<{names[i]}>.+?)" if i < len(names) else "")
            for i, piece in enumerate(pieces)
        )
        found = re.fullmatch(pattern, text, re.DOTALL)
        if found:
            return _(template).format(**found.groupdict())
    return text


# The operating system's reasons a file operation fails, as C libraries word them in English;
# strerror() follows the C locale, not FACHAKTE_LANG.
_OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EEXIST: N_("File exists"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EROFS: N_("Read-only file system"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.EXDEV: N_("Invalid cross-device link"),
    errno.EIO: N_("Input/output error"),
    errno.EMFILE: N_("Too many open files"),
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language ("No such file or directory");
    the system's own words where the reason is a rare one."""
    known = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return _(known) if known else str(exc.strerror or exc)


def connection_reason(exc: BaseException) -> str:
    """Why a connection failed, in the user's language: the socket error below an HTTP
    client's exception (unknown host, refused, unreachable) rather than its raw text."""
    import errno
    import socket

    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return _("the host name cannot be resolved (no DNS or no internet access)")
        if isinstance(cause, ConnectionRefusedError):
            return _("the connection was refused")
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return _("the network or host is unreachable")
        cause = cause.__cause__ or cause.__context__
    return _("no connection ({error})").format(error=exc)


def help_text(text: str) -> str:
    """The form in which a click help text is a msgid: dedented, cut at click's `\\f` marker."""
    return inspect.cleandoc(text).partition("\f")[0].strip()


_ORIGINALS = "_fachakte_msgids"


def _localise_attribute(item: Any, attribute: str) -> None:
    # The English text is kept beside the object, so that each run translates from it
    # (tests run commands in both languages in one process).
    originals: dict[str, str | None] = item.__dict__.setdefault(_ORIGINALS, {})
    if attribute not in originals:
        originals[attribute] = getattr(item, attribute, None)
    text = originals[attribute]
    if isinstance(text, str) and text:
        setattr(item, attribute, _(help_text(text)))


def localise(command: Command) -> Command:
    """Put `command`'s help texts (its own, its options' and its subcommands') into the user's
    language, in place; returns the command. Click reads help texts when it shows them, so this
    runs just before a command is shown or run."""
    for attribute in ("help", "short_help", "epilog", "options_metavar", "subcommand_metavar"):
        _localise_attribute(command, attribute)
    for param in getattr(command, "params", ()):
        _localise_attribute(param, "help")
        _localise_attribute(param, "metavar")
    for sub in getattr(command, "commands", {}).values():
        localise(sub)
    return command


def in_every_language(message: str, plural: str | None = None) -> list[str]:
    """`message` (and its `plural`) in English and German: for recognising a text that this
    tool wrote in whichever language the user chose then."""
    forms = [message] if plural is None else [message, plural]
    german_forms = (
        [_german().gettext(message)]
        if plural is None
        else [_german().ngettext(message, plural, n) for n in (1, 2)]
    )
    return [*forms, *german_forms]
