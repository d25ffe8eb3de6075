"""Semantic rules: small modules, each declaring its codes next to the checks that emit them."""

from __future__ import annotations

from collections.abc import Callable

from fachakte_compiler.check.context import Context

RuleFunc = Callable[[Context], None]
_RULES: list[RuleFunc] = []


def rule(func: RuleFunc) -> RuleFunc:
    _RULES.append(func)
    return func


def all_rules() -> list[RuleFunc]:
    return list(_RULES)


# Importing the modules registers their rules and codes.
from fachakte_compiler.check.rules import (  # noqa: E402
    aktenplan,
    delegations,
    editor,
    fields,
    ownership,
    references,
    retention,
    templates,
    uniqueness,
    workflow,
)

__all__ = [
    "Context",
    "aktenplan",
    "all_rules",
    "delegations",
    "editor",
    "fields",
    "ownership",
    "references",
    "retention",
    "rule",
    "templates",
    "uniqueness",
    "workflow",
]
