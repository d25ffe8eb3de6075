"""Importing this module registers every code of change control for `fachakte explain`."""

from fachakte_compiler.diff import version_check
from fachakte_compiler.diff.rules import breaking, compatible, cosmetic

__all__ = ["breaking", "compatible", "cosmetic", "version_check"]
