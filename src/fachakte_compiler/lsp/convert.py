"""Our diagnostics as LSP diagnostics, and the quick fixes their hints describe."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from fachakte_compiler import date_texts
from fachakte_compiler.diagnostics import Diagnostic, Severity
from fachakte_compiler.i18n import N_, _

# The hints a quick fix is made from, as msgids: a hint is matched in the language it was
# written in (the user's, the same as this server's).
_DID_YOU_MEAN = N_("did you mean '{name}'?")
_QUOTE_HINTS = (
    N_('put it in quotes: "{raw}"'),
    N_('put "{raw}" in quotes for a text'),
    N_('put the whole text in quotes: "{value}"'),
)
# Hints that name two readings (FA011): the plain value first, quotes for a text second.
_TWO_READINGS = (
    N_('write {digits} if that number is meant, or put "{raw}" in quotes for a text'),
    N_('write {value} if a yes/no value is meant, or put "{raw}" in quotes for a text'),
)


def _pattern(template: str) -> re.Pattern[str]:
    """`template` (translated) as a search pattern; its placeholders match any text, the
    first one is captured."""
    parts = re.split(r"\{\w+\}", _(template))
    captured = "(.+?)" if len(parts) > 1 else ""
    rest = ".*?".join(re.escape(p) for p in parts[1:])
    return re.compile(re.escape(parts[0]) + captured + rest)


def lsp_range(diagnostic: Diagnostic) -> lsp.Range:
    """0-based LSP range of a finding (line 1, column 1 when it has no position)."""
    span = diagnostic.span
    if span is None:
        return lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0))
    start = lsp.Position(span.line - 1, span.col - 1)
    end_col = span.end_col if span.end_col and span.end_col > span.col else span.col + 1
    return lsp.Range(start, lsp.Position(span.line - 1, end_col - 1))


def to_lsp(diagnostic: Diagnostic) -> lsp.Diagnostic:
    message = diagnostic.message + (f" ({diagnostic.hint})" if diagnostic.hint else "")
    return lsp.Diagnostic(
        range=lsp_range(diagnostic),
        message=message,
        severity=(
            lsp.DiagnosticSeverity.Error
            if diagnostic.severity is Severity.ERROR
            else lsp.DiagnosticSeverity.Warning
        ),
        code=diagnostic.code,
        source="fachakte",
        data={"hint": diagnostic.hint or ""},
    )


def replacement(hint: str, current: str) -> tuple[str, str] | None:
    """(title, new text) of the preferred quick fix a hint describes, if any."""
    fixes = replacements(hint, current)
    return fixes[0] if fixes else None


def replacements(hint: str, current: str) -> list[tuple[str, str]]:
    """(title, new text) of each quick fix a hint describes, the preferred one first: a hint
    that names two readings (`required: no`: write false, or quote it) gives both."""
    if (match := _pattern(_DID_YOU_MEAN).search(hint)) is not None:
        return [_replace_with(match.group(1))]
    # A date with a time where a date is expected (FA103, FA105, FA002): the date alone.
    before, after = _(date_texts.DATE_ALONE).split("{isoformat}")
    date = re.escape(before) + "([0-9]{4}-[0-9]{2}-[0-9]{2})" + re.escape(after)
    if (match := re.fullmatch(date, hint)) is not None:
        return [_replace_with(match.group(1))]
    quotes = _quoted(current)
    for template in _TWO_READINGS:
        if (match := _pattern(template).search(hint)) is not None:
            return [_replace_with(match.group(1)), *quotes]
    return quotes if any(_pattern(t).search(hint) for t in _QUOTE_HINTS) else []


def _replace_with(text: str) -> tuple[str, str]:
    return _("Replace with '{name}'").format(name=text), text


def _quoted(current: str) -> list[tuple[str, str]]:
    if not current or current.startswith(('"', "'")):
        return []
    return [(_("Put in quotes"), '"' + current.replace('"', '\\"') + '"')]
