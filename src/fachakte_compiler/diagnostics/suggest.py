"""Did-you-mean suggestions for misspelt names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from fachakte_compiler.i18n import _


def closest(name: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.7)
    return matches[0] if matches else None


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    match = closest(name, candidates)
    return _("did you mean '{name}'?").format(name=match) if match else None


def with_suggestion(message: str, name: str, candidates: Iterable[str]) -> str:
    """`message` about the unknown `name`, with the closest candidate in parentheses when there
    is one ("unknown tenant 'x' (did you mean 'y'?)"), so that more text may follow it."""
    match = closest(name, candidates)
    if match is None:
        return message
    return _("{message} (did you mean '{name}'?)").format(message=message, name=match)
