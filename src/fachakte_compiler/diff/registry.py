"""Importing this module registers every code of change control for `fachakte explain`."""

from fachakte_compiler.diff import version_check
from fachakte_compiler.diff.rules import breaking, catalogue, compatible, cosmetic

__all__ = ["breaking", "catalogue", "compatible", "cosmetic", "version_check"]
