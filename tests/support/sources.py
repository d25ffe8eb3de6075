"""The package's source modules as syntax trees, parsed and walked once per test process.

Several structural tests scan every module of src/fachakte_compiler; parsing them all costs
about 0.5 CPU-s a time and walking one tree is not free either, so both are cached here.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import fachakte_compiler

PACKAGE = Path(fachakte_compiler.__file__).resolve().parent


@cache
def package_trees() -> dict[str, ast.Module]:
    """Every module of the package by its path below the package (`cli/main.py`), parsed."""
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


@cache
def nodes(tree: ast.AST) -> tuple[ast.AST, ...]:
    """Every node of `tree` in `ast.walk` order, walked once."""
    return tuple(ast.walk(tree))
