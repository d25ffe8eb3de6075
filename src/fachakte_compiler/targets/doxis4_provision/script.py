"""Render `Provision.groovy` from the bytes of a tenant's `plan.json`.

Every value from the plan reaches the script through the `groovy` filter (a Groovy literal: quoted
and escaped string, list, `null`, number or boolean). Names of enum constants (entry types,
identifier types, rights, node types) are checked against the public 8.2.2 constants before they
are written as code. The template is autoescaped, so a value that skipped the filter would show up
HTML-escaped, never as code.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from fachakte_compiler.i18n import _
from fachakte_compiler.targets.doxis4.names import NODE_PREFIX
from fachakte_compiler.targets.templating import template_environment

if TYPE_CHECKING:
    import jinja2

TEMPLATE = "Provision.groovy.j2"
AGENT_TEMPLATE = "DelegationAgent.groovy.j2"
SCRIPT_PATH = "doxis4/provision/Provision.groovy"
AGENT_PATH = "doxis4/provision/DelegationAgent.groovy"
# Steps per generated method (value-list rows: four times as many per method).
CHUNK_SIZE = 25


def group_mark(tenant_id: str) -> str:
    """The end of the description of every group a tenant's script manages: the delete switch
    deletes a group only if it carries this mark and the plan no longer names it."""
    return f" [fachakte-compiler:{tenant_id}]"


# Public constants of com.ser.blueline 8.2.2 (../shared/doxis4-api.md §1.10, §1.12).
NODE_TYPES = frozenset({"STATIC", "NODES_ONLY"})
RETENTION_ASSIGNMENTS = frozenset({"NONE", "MANDATORY", "OPTIONAL"})
ENTRY_TYPES = frozenset({"ALLOW", "DENY", "DELEGATE"})
# The script resolves these identifier types by name (getGroupByName, getUnitByName).
IDENTIFIER_TYPES = frozenset({"GROUP", "UNIT"})
RIGHT_SETS: dict[str, frozenset[str]] = {
    "ClassificationSchemeNodeRight": frozenset(
        [
            "ADD_CHILD_NODE",
            "DELETE",
            "EDIT",
            "MOVE",
            "SHOW",
            "SHOW_DOCUMENTS",
            "ASSIGN_DOCUMENT",
            "UNASSIGN_DOCUMENT",
            "REASSIGN_DOCUMENT",
        ]
    ),
    "RecordInstanceRight": frozenset(
        [
            "EDIT",
            "DELETE",
            "CREATE_FOLDER",
            "EDIT_FOLDER_DESCRIPTORS",
            "VIEW_FOLDER_CONTENTS",
            "CHANGE_RETENTION_POLICY",
            "REASSIGN_ARCHIVE_FOLDER_CLASS",
            "UPDATE_FOLDER",
            "DELETE_FOLDER",
            "CHANGE_CLASSIFICATION_SCHEME",
            "SUBSCRIBE_NOTIFICATION",
            "ADD_COMMENT_ITEM",
            "EDIT_COMMENT_ITEM",
            "DELETE_COMMENT_ITEM",
            "EDIT_FOREIGN_COMMENT_ITEM",
            "DELETE_FOREIGN_COMMENT_ITEM",
            "USE_RATING_AND_LIKE_ITEMS",
            "DELETE_FOREIGN_RATING_AND_LIKE_ITEMS",
            "SET_PRIMARY_PARENT",
            "FREEZE",
            "UNFREEZE",
            "VIEW_REMOVED_FOLDER",
            "IGNORE_PARENT_RIGHTS",
        ]
    ),
    "DocumentInstanceRight": frozenset(
        [
            "EDIT_OVERLAY",
            "ADD_OVERLAY",
            "DELETE_OVERLAY",
            "VIEW_FOREIGN_ANNOTATIONS",
            "EDIT_FOREIGN_ANNOTATIONS",
            "ADD_FOREIGN_ANNOTATIONS",
            "DELETE_FOREIGN_ANNOTATIONS",
            "SUBSCRIBE_NOTIFICATION",
            "CHANGE_CLASSIFICATION_SCHEME",
            "REVOKE_CHECKOUT",
            "DOCUMENT_KEYCHANGE",
            "REASSIGN_ARCHIVE_DOC_CLASS",
            "DELETE_DOCUMENT",
            "CHANGE_RETENTION_POLICY",
            "LOCK_DOCUMENT",
            "UNFREEZE",
            "UPDATE_DOCUMENT",
            "VIEW_DOCUMENT_CONTENTS",
            "APPEND_DATA_TO_DOCUMENT",
            "ACCESS_NON_DEFAULT_REP",
            "APPEND_REPRESENTATION",
            "EDIT_SIGNATURE",
            "ADD_SIGNATURE",
            "DELETE_SIGNATURE",
            "READ_WORKING_VERSION",
            "CREATE_WORKING_VERSION",
            "VERSION_DOCUMENT",
            "ADD_COMMENT_ITEM",
            "EDIT_COMMENT_ITEM",
            "DELETE_COMMENT_ITEM",
            "EDIT_FOREIGN_COMMENT_ITEM",
            "DELETE_FOREIGN_COMMENT_ITEM",
            "USE_RATING_AND_LIKE_ITEMS",
            "DELETE_FOREIGN_RATING_AND_LIKE_ITEMS",
            "EDIT",
            "DELETE",
            "CREATE_DOCUMENT",
            "SET_PRIMARY_PARENT",
            "VIEW_REMOVED_DOCUMENT",
            "PRIVILEGED_DELETE_DOCUMENT",
            "DELETE_DOCUMENT_VERSIONS",
            "IGNORE_PARENT_RIGHTS",
        ]
    ),
}
# Access-entry object type -> (the Provisioner method, the right set its object takes).
ENTRY_METHODS = {
    "classification_node": ("ensureNodeEntry", "ClassificationSchemeNodeRight"),
    "record_class": ("checkRecordClassEntry", "RecordInstanceRight"),
    "document_class": ("checkDocumentClassEntry", "DocumentInstanceRight"),
}

_SHORT_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Every character that does not stand for itself in the literal: outside printable ASCII, or a
# quote or backslash. Most catalogue text has none, so the literal is built without a loop.
_ESCAPED = re.compile(r"[^\x20-\x26\x28-\x5b\x5d-\x7e]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if code > 0xFFFF:
        high, low = divmod(code - 0x10000, 0x400)
        return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"
    if code < 0x20:
        # Control characters other than the three above cannot occur in catalogue text.
        raise ValueError(
            _("control character U+{code:04X} in {text!r}").format(code=code, text=match.string)
        )
    return f"\\u{code:04x}"


def groovy_string(text: str) -> str:
    """A single-quoted Groovy string literal that reads back as `text`, in printable ASCII only.

    Other characters become `\\uXXXX` (UTF-16 units), so the script's bytes do not depend on the
    encoding the JVM reads it with. Newline, return and tab use their short escapes: Groovy turns
    `\\uXXXX` into the character before it reads the literal, and a raw line break would end it.
    """
    return f"'{_ESCAPED.sub(_escape, text)}'"


def groovy_literal(value: object) -> str:
    """`value` (str, None, bool, int or a list of these) as a Groovy literal."""
    # Strings and lists of strings first: nearly every value of a plan is one.
    if type(value) is str:
        return groovy_string(value)
    if type(value) is list and all(type(v) is str for v in value):
        return "[" + ", ".join([groovy_string(v) for v in value]) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return groovy_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(groovy_literal(v) for v in value) + "]"
    raise TypeError(f"no Groovy literal for {type(value).__name__}")


def _groovy_filter(value: object) -> Markup:
    return Markup(groovy_literal(value))


def _comment_filter(value: object) -> Markup:
    """Plan identifiers in comments: printable ASCII without backslashes, else '?'."""
    return Markup("".join(c if " " <= c < "\x7f" and c != "\\" else "?" for c in str(value)))


@cache
def environment() -> jinja2.Environment:
    from fachakte_compiler.targets.doxis4_provision.statements import revoke, statement

    env = template_environment("fachakte_compiler.targets.doxis4_provision")
    env.globals["statement"] = statement
    env.globals["revoke"] = revoke
    env.filters["groovy"] = _groovy_filter
    env.filters["groovy_comment"] = _comment_filter
    return env


def _constant(value: object, allowed: frozenset[str], what: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(
            _("plan: {what} {value!r} is not one of {allowed}").format(
                what=what, value=value, allowed=sorted(allowed)
            )
        )
    return value


def _prepare(number: int, step: dict[str, Any]) -> SimpleNamespace:
    """The step with its number, its enum constants checked and, for an access entry, the
    method that carries it out. Its keys become attributes (`step.name` in the templates):
    Jinja looks an attribute up before a key, and a dict answers every such look-up with an
    exception, over 100,000 times for the shipped catalogue."""
    out = {**step, "number": f"{number:04d}"}
    if isinstance(step.get("object"), dict):
        out["object"] = SimpleNamespace(**step["object"])
    kind = step["kind"]
    if kind == "classification_node":
        _constant(step["node_type"], NODE_TYPES, "node type")
        _constant(step["retention_assignment"], RETENTION_ASSIGNMENTS, "retention assignment")
    elif kind in {"access_entry", "delegation_grant"}:
        object_type = _constant(step["object"]["type"], frozenset(ENTRY_METHODS), "object type")
        method, right_set = ENTRY_METHODS[object_type]
        if step["right_set"] != right_set:
            raise ValueError(
                _("plan: a {object_type} takes {right_set}, not {step}").format(
                    object_type=object_type, right_set=right_set, step=step["right_set"]
                )
            )
        _constant(step["entry_type"], ENTRY_TYPES, "entry type")
        _constant(step["identifier_type"], IDENTIFIER_TYPES, "identifier type")
        for right in step["rights"]:
            _constant(right, RIGHT_SETS[right_set], f"right of {right_set}")
        out["method"] = method
    return SimpleNamespace(**out)


def provisioning_steps(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's steps that Provision.groovy carries out, in the plan's order (the delegation
    agent's grants are not among them: they belong to the scheduled agent)."""
    kinds = {"unit", "group", "value_list", "classification_node", "access_entry"}
    return [s for s in plan["steps"] if s["kind"] in kinds]


def _render(template: str, plan_bytes: bytes, plan: dict[str, Any], **context: Any) -> bytes:
    text = (
        environment()
        .get_template(template)
        .render(
            tenant_id=plan["tenant"]["id"],
            mark=group_mark(plan["tenant"]["id"]),
            node_prefix=NODE_PREFIX,
            plan_name=plan["organization"],
            scheme=plan["classification_scheme"],
            plan_sha256=hashlib.sha256(plan_bytes).hexdigest(),
            chunk_size=CHUNK_SIZE,
            **context,
        )
    )
    return text.encode("ascii")


def render_scripts(plan_bytes: bytes) -> tuple[bytes, bytes | None]:
    """`Provision.groovy` and `DelegationAgent.groovy` (None without delegations) for one
    tenant's `plan.json` bytes, which are parsed once for both.

    Raises ValueError when the plan names an enum constant the public API does not have.
    """
    plan = json.loads(plan_bytes)
    return _provision_script(plan_bytes, plan), _delegation_agent(plan_bytes, plan)


def _provision_script(plan_bytes: bytes, plan: dict[str, Any]) -> bytes:
    steps = [_prepare(n, s) for n, s in enumerate(provisioning_steps(plan), start=1)]
    # The rows' methods are numbered by list, not by step: the same value lists give the same
    # class ValueListRows in every tenant's script.
    value_lists = [s for s in steps if s.kind == "value_list"]
    for number, step in enumerate(value_lists, start=1):
        step.list_number = f"{number:03d}"
    return _render(TEMPLATE, plan_bytes, plan, steps=steps, value_lists=value_lists)


def _delegation_agent(plan_bytes: bytes, plan: dict[str, Any]) -> bytes | None:
    agents = [s for s in plan["steps"] if s["kind"] == "delegation_agent"]
    if not agents:
        return None
    grants = [g for agent in agents for g in agent["grants"]]
    prepared = [_prepare(n, g) for n, g in enumerate(grants, start=1)]
    return _render(AGENT_TEMPLATE, plan_bytes, plan, grants=prepared)
