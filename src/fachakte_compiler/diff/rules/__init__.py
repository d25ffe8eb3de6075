"""Change rules: each kind of change has a stable code, a class and two one-liners.

A rule is declared (`define`) in the module of the comparison that detects it, beside that
code: fields in `compare_fields`, value lists, document types, registers, Akte and retention
in `compare_structure`, roles and workflow in `compare_access`, what every matched pair may
show (rename, title, description, order) in `compare_common`, the Fachakte itself in `engine`,
the catalogue-level files in `compare_catalogue`. `all_rules` is the explicit list of those
modules.

Codes are grouped by class: FD1xx breaking (major), FD2xx compatible (minor), FD3xx cosmetic
(patch). FD4xx are changes of the catalogue-level files (tenants, delegations, Aktenplan):
they carry the same classes, but no version of their own, so they never require a bump.
`fachakte explain FD101` shows the reasoning behind each classification.
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.diagnostics import Code, Severity, code
from fachakte_compiler.diff.bump import Bump
from fachakte_compiler.i18n import N_

_CLASS_BY_PREFIX = {"FD1": Bump.MAJOR, "FD2": Bump.MINOR, "FD3": Bump.PATCH}
# What `explain` shows after a rule's summary (translated where it is shown).
_QUALIFIERS = {
    Bump.MAJOR: N_("breaking, major bump"),
    Bump.MINOR: N_("compatible, minor bump"),
    Bump.PATCH: N_("cosmetic, patch bump"),
}
_CATALOGUE_QUALIFIERS = {
    Bump.MAJOR: N_("breaking, catalogue-level: no version bump"),
    Bump.MINOR: N_("compatible, catalogue-level: no version bump"),
    Bump.PATCH: N_("cosmetic, catalogue-level: no version bump"),
}


@dataclass(frozen=True)
class Rule:
    """`en`/`de` are templates over {what} (the element) and, where a rule needs them,
    {old}, {new} and {detail}."""

    code: str
    name: str
    bump: Bump
    en: str
    de: str
    # The documentation `fachakte explain` shows; listed in fachakte_compiler.code_table.
    doc: Code
    # False for catalogue-level rules: classified, but outside any Fachakte's version.
    versioned: bool = True


def define(code_id: str, name: str, summary: str, en: str, de: str, explanation: str) -> Rule:
    bump = _CLASS_BY_PREFIX[code_id[:3]]
    # Breaking changes are errors when the version is not bumped; the others never block alone.
    severity = Severity.ERROR if bump is Bump.MAJOR else Severity.WARNING
    doc = code(code_id, name, summary, explanation, severity, qualifier=_QUALIFIERS[bump])
    return Rule(code_id, name, bump, en, de, doc)


def define_unversioned(
    code_id: str, name: str, bump: Bump, summary: str, en: str, de: str, explanation: str
) -> Rule:
    """A catalogue-level rule: shown with its class, never counted towards a version bump."""
    doc = code(
        code_id,
        name,
        summary,
        explanation,
        Severity.WARNING,
        qualifier=_CATALOGUE_QUALIFIERS[bump],
    )
    return Rule(code_id, name, bump, en, de, doc, versioned=False)


def all_rules() -> list[Rule]:
    """Every change rule, sorted by code: the rules the comparison modules declare."""
    from fachakte_compiler.diff import (
        compare_access,
        compare_catalogue,
        compare_common,
        compare_fields,
        compare_structure,
        engine,
    )

    modules = (
        compare_access,
        compare_catalogue,
        compare_common,
        compare_fields,
        compare_structure,
        engine,
    )
    found = {v.code: v for m in modules for v in vars(m).values() if isinstance(v, Rule)}
    return [found[k] for k in sorted(found)]
