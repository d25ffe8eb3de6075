"""Our diagnostics as LSP diagnostics, and the quick fixes their hints describe."""

from __future__ import annotations

import re

from lsprotocol import types as lsp

from fachakte_compiler.diagnostics import Diagnostic, Severity

_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'\?")
_QUOTE = re.compile(r'put (?:it|"[^"]*") in quotes(?::| for a text)? ?"?([^"]*)"?')


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
    """(title, new text) of the quick fix a hint describes, if any."""
    if (match := _DID_YOU_MEAN.search(hint)) is not None:
        return f"Ersetzen durch „{match.group(1)}“", match.group(1)
    if "in quotes" in hint and current and not current.startswith(('"', "'")):
        return "In Anführungszeichen setzen", '"' + current.replace('"', '\\"') + '"'
    return None
