"""The Groovy statement that carries out one plan step, as the scripts' templates write it.

A script holds one statement per step (some 6,500 for the shipped catalogue); a Jinja macro per
step cost more than the rest of the script, so the statements are formatted here and the
templates call `statement(step, scheme)` and `revoke(step, scheme, begun)` as globals (imported
by `script.environment`, after `script` itself). Every value
from the plan is a Groovy literal (`groovy_literal`); enum constants, method and right-set names
are the ones `script._prepare` checked against the public 8.2.2 constants.
"""

from __future__ import annotations

from types import SimpleNamespace

from markupsafe import Markup

from fachakte_compiler.targets.doxis4_provision.script import groovy_literal as g

# The indentation of a statement inside its generated method and of its continuation lines.
_INDENT = " " * 8
_CONTINUED = " " * 16


def _unit(step: SimpleNamespace, scheme: str) -> str:
    return f"p.ensureUnit({g(step.name)}, {g(step.parent)}, {g(step.title)})"


def _group(step: SimpleNamespace, scheme: str) -> str:
    return f"p.ensureGroup({g(step.name)}, {g(step.title)}, {g(step.member_units)})"


def _value_list(step: SimpleNamespace, scheme: str) -> str:
    columns = f"{g(step.columns)}, {g(step.key_column)}"
    return f"p.ensureValueList({g(step.name)}, {columns}, ValueListRows.rows{step.list_number}())"


def _classification_node(step: SimpleNamespace, scheme: str) -> str:
    return (
        f"p.ensureNode({g(scheme)}, {g(step.name)}, {g(step.code)}, {g(step.parent)},\n"
        f"{_CONTINUED}ClassificationSchemeNodeType.{step.node_type}, {g(step.title)}, "
        f"{g(step.retention_rule)},\n"
        f"{_CONTINUED}RetentionRuleAssignment.{step.retention_assignment}, "
        f"{g(step.allowed_target_classes)})"
    )


def _access_entry(step: SimpleNamespace, scheme: str) -> str:
    # Entries on Aktenplan nodes name the classification scheme the node belongs to.
    node_scheme = f"{g(scheme)}, " if step.object.type == "classification_node" else ""
    rights = ", ".join(f"{step.right_set}.{right}" for right in step.rights)
    return (
        f"p.{step.method}({node_scheme}{g(step.object.name)}, {g(step.scope_unit)},\n"
        f"{_CONTINUED}SecurityEntryType.{step.entry_type}, "
        f"SecurityIdentifierType.{step.identifier_type}, {g(step.identifier)},\n"
        f"{_CONTINUED}[{rights}] as {step.right_set}[])"
    )


_STATEMENTS = {
    "unit": _unit,
    "group": _group,
    "value_list": _value_list,
    "classification_node": _classification_node,
    "access_entry": _access_entry,
    "delegation_grant": _access_entry,
}


def statement(step: SimpleNamespace, scheme: str) -> Markup:
    """The indented statement of a prepared step (`script._prepare`), ending in a line break;
    empty for a kind no statement carries out."""
    write = _STATEMENTS.get(step.kind)
    return Markup(f"{_INDENT}{write(step, scheme)}\n" if write else "")


def revoke(step: SimpleNamespace, scheme: str, begun: str) -> Markup:
    """The statement that takes off the access entry of a delegation grant; `begun` is the
    Groovy expression telling whether the grant's period has begun."""
    return Markup(
        f"{_INDENT}p.revokeEntry({g(step.object.type)}, {g(scheme)}, {g(step.object.name)}, "
        f"{g(step.scope_unit)},\n"
        f"{_CONTINUED}SecurityIdentifierType.{step.identifier_type}, {g(step.identifier)}, "
        f"{begun})\n"
    )
