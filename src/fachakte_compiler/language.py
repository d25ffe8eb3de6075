"""The language of user-facing texts: `FACHAKTE_LANG` (de/en), else the language an editor
asked the language server for, else the locale, else English."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Set while texts must be in one language whatever the user chose: what is recorded in a
# release (release.json) stays English, generated German pages stay German.
_FIXED: ContextVar[bool | None] = ContextVar("fachakte_fixed_language", default=None)
# The `locale` an LSP client sent in `initialize` (LSP 3.16), read as German or not; one per
# process, since a language server serves one editor.
_CLIENT: dict[str, bool] = {}


def german() -> bool:
    """True when texts should be German: inside `fixed_language`, its language; else
    FACHAKTE_LANG=de…; else the editor's locale (`use_client_locale`); else a `de_*` locale in
    LC_ALL, LC_MESSAGES or LANG (the POSIX precedence)."""
    fixed = _FIXED.get()
    if fixed is not None:
        return fixed
    chosen = os.environ.get("FACHAKTE_LANG", "").strip().lower()
    if chosen:
        return chosen.startswith("de")
    if "german" in _CLIENT:
        return _CLIENT["german"]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return value.lower().startswith("de")
    return False


@contextmanager
def fixed_language(language: str) -> Iterator[None]:
    """Texts made inside the block are in `language` ("de" or "en"), whatever the user chose."""
    token = _FIXED.set(language == "de")
    try:
        yield
    finally:
        _FIXED.reset(token)


def use_client_locale(locale: str | None) -> None:
    """Texts of this process follow `locale`, the language tag an LSP client sends in
    `initialize` ("de", "de-DE", "en-US"; LSP 3.16 `InitializeParams.locale`), unless
    FACHAKTE_LANG chooses; None or "" (an older client) leaves the choice to the locale."""
    tag = (locale or "").strip().lower()
    if tag:
        _CLIENT["german"] = tag.startswith("de")
    else:
        _CLIENT.pop("german", None)
