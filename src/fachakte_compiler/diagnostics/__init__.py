"""Findings with stable codes and source positions, and their output formats."""

from fachakte_compiler.diagnostics.codes import EXAMPLE_FACHAKTE, Code, Example, code
from fachakte_compiler.diagnostics.diagnostic import Diagnostic, Severity, Span

__all__ = ["EXAMPLE_FACHAKTE", "Code", "Diagnostic", "Example", "Severity", "Span", "code"]
