"""Compiler-style text output: location, message, the source line and a caret."""

from __future__ import annotations

from collections.abc import Callable

from fachakte_compiler.diagnostics.diagnostic import Diagnostic, Severity
from fachakte_compiler.i18n import N_, _, ngettext

LineSource = Callable[[str, int], str]
# Characters of a source line shown at most; longer lines are cut around the marked place.
MAX_SHOWN = 200
# Characters of a value quoted in a message at most; the source line below shows where it is.
MAX_QUOTED = 40
SEVERITY_WORDS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


def shorten(value: str, limit: int = MAX_QUOTED) -> str:
    """`value` cut to `limit` characters with '…' after it, as source lines are cut."""
    return value if len(value) <= limit else value[:limit] + "…"


def _paint(text: str, colour: str | None, bold: bool = False) -> str:
    """ANSI-styled text; click.echo removes the styles again where colour is off."""
    import click

    return click.style(text, fg=colour, bold=bold) if colour or bold else text


def render_text(diagnostic: Diagnostic, line_of: LineSource) -> str:
    span = diagnostic.span
    where = f"{diagnostic.file}:{span.line}:{span.col}" if span else diagnostic.file
    colour = "red" if diagnostic.is_error else "yellow"
    head = (
        f"{_paint(where, None, bold=True)}: "
        f"{_paint(_(SEVERITY_WORDS[diagnostic.severity]), colour, bold=True)} "
        f"{_paint(diagnostic.code, None, bold=True)}: {diagnostic.message}"
    )
    text = "" if span is None else line_of(diagnostic.file, span.line)
    if span is None or not text.strip():
        # No source line to show (a file that was not read, or an empty line): an empty
        # excerpt with a caret under nothing would only puzzle the reader.
        if not diagnostic.hint:
            return head
        return head + "\n  = " + _("help: {hint}").format(hint=_paint(diagnostic.hint, "cyan"))
    text = "".join(c if c.isprintable() else " " for c in text)
    number = str(span.line)
    gutter = " " * len(number)
    width = max(1, (span.end_col or span.col + 1) - span.col)
    col = span.col
    if len(text) > MAX_SHOWN:
        # A long line is cut to a window that starts a little before the marked place.
        start = max(0, min(col - 1 - MAX_SHOWN // 4, len(text) - MAX_SHOWN))
        before = "…" if start else ""
        after = "…" if start + MAX_SHOWN < len(text) else ""
        text = before + text[start : start + MAX_SHOWN] + after
        col = col - start + len(before)
        width = min(width, MAX_SHOWN)
    width = min(width, max(1, len(text) - col + 1))
    caret = " " * (col - 1) + _paint("^" * width, colour, bold=True)
    lines = [head, f" {number} | {text}", f" {gutter} | {caret}"]
    if diagnostic.hint:
        lines[-1] += f" {_paint(diagnostic.hint, 'cyan')}"
    return "\n".join(lines)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    checked = ngettext("{count} file checked", "{count} files checked", files).format(count=files)
    if not diagnostics:
        return _("{checked}, no findings").format(checked=checked)
    return _("{errors_and_warnings} in {checked}").format(
        errors_and_warnings=counts(diagnostics), checked=checked
    )


def counts(diagnostics: list[Diagnostic]) -> str:
    """'2 errors, 1 warning' (in the user's language)."""
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return _("{errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
