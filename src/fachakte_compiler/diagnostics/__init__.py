"""Findings with stable codes and source positions, and their output formats."""

from fachakte_compiler.diagnostics.codes import Code, all_codes, code, lookup
from fachakte_compiler.diagnostics.diagnostic import Diagnostic, Severity, Span

__all__ = ["Code", "Diagnostic", "Severity", "Span", "all_codes", "code", "lookup"]
