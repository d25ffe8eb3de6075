"""Turns a composed YAML node graph into plain data, recording positions and problems.

Constructing the data ourselves (instead of PyYAML's constructor) lets us see every key, tag,
anchor and source mark: duplicate keys, unknown tags, non-string keys, alias bombs and YAML 1.1
coercions are reported here with their position.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from fachakte_compiler import date_texts
from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.diagnostics.render import shorten
from fachakte_compiler.i18n import N_, _
from fachakte_compiler.load.codes import (
    FA002,
    FA003,
    FA004,
    FA005,
    FA006,
    FA011,
    FA014,
    FA015,
)
from fachakte_compiler.load.source import DataPath, Positions, SourceFile
from fachakte_compiler.load.yaml12 import node_problems
from fachakte_compiler.xml_chars import FORBIDDEN, escaped

MAX_DEPTH = 64
# Nodes reached through aliases beyond the distinct nodes of the file; a billion-laughs document
# reaches millions, a legitimate reuse a few dozen.
MAX_ALIAS_EXPANSION = 5_000

# Python refuses to turn longer digit strings into numbers (CVE-2020-10735).
_MAX_DIGITS = sys.get_int_max_str_digits()
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_SCALAR_TAGS = {_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP}
_PLAIN_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_PLAIN_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
# A scalar's properties as written before it: `!!str 09` is a text in every YAML version.
_EXPLICIT_TAG = re.compile(r"(?:&\S+\s+)?!")
# Plain texts that YAML 1.2's core schema (editors, the YAML language server) reads as numbers
# while libyaml keeps them text: decimals with a leading zero (`09`), `0o17`, `1e3`, `1.5e3`.
_CORE_DECIMAL = re.compile(r"^([-+]?)([0-9]+)$")
_CORE_OCTAL = re.compile(r"^0o([0-7]+)$")
_CORE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
# Booleans only to YAML 1.1 (and libyaml); YAML 1.2's core schema has true and false alone.
_YAML11_BOOLEANS = frozenset(("yes", "no", "on", "off"))
_TYPE_NAMES = {
    _BOOL: N_("boolean"),
    _INT: N_("integer"),
    _FLOAT: N_("number"),
    _TIMESTAMP: N_("date"),
    _NULL: N_("null"),
}

_NON_STRING = N_("non-string")

_constructor = SafeConstructor()
# XML 1.0 forbids these; a carriage return it reads back as a line feed.
_NOT_IN_XML = re.compile(FORBIDDEN.pattern + "|\r")


def node_span(node: yaml.Node) -> Span:
    start, end = node.start_mark, node.end_mark
    end_col = end.column + 1 if end.line == start.line and end.column > start.column else None
    return Span(start.line + 1, start.column + 1, end_col)


class Builder:
    """Turns a composed node graph into plain data, recording positions and problems."""

    def __init__(self, source: SourceFile, record: bool = True) -> None:
        self.source = source
        # Without `record` no positions are kept (and paths stay empty): the fast first pass.
        self.record = record
        self.positions = Positions()
        self.diagnostics: list[Diagnostic] = []
        self.seen: set[int] = set()
        self.alias_budget = MAX_ALIAS_EXPANSION
        self.active: set[int] = set()
        self.expanding = False
        # False once a float or a date has been built (see SourceFile.plain).
        self.plain = True
        # Column of the key or '-' holding the node being built; None inside { } or [ ].
        self.indent: int | None = -1

    def error(self, entry: Any, message: str, node: yaml.Node, hint: str | None = None) -> None:
        if not self.record:
            raise Unclean
        self.diagnostics.append(
            Diagnostic(entry.code, message, self.source.display, node_span(node), hint=hint)
        )

    def build(self, node: yaml.Node, path: DataPath, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            message = _("nesting deeper than {limit} levels").format(limit=MAX_DEPTH)
            raise Fatal(FA002, message, node, path)
        ident = id(node)
        if ident in self.active:
            raise Fatal(
                FA006,
                _("alias refers to the node that contains it (recursive alias)"),
                node,
                path,
                _("write the values out instead of referring to the enclosing node"),
            )
        outermost_alias = False
        if ident not in self.seen:
            for message, hint, span in node_problems(self.source.text, node, self.indent):
                if not self.record:
                    raise Unclean
                self.diagnostics.append(
                    Diagnostic(FA014.code, message, self.source.display, span, hint=hint)
                )
        if ident in self.seen and isinstance(node, yaml.CollectionNode) and not self.expanding:
            self.alias_budget -= self._size(node)
            if self.alias_budget < 0:
                message = _("aliases expand to more than {limit} nodes").format(
                    limit=MAX_ALIAS_EXPANSION
                )
                hint = _("write the values out; definition files need no anchors and aliases")
                raise Fatal(FA006, message, node, path, hint)
            outermost_alias = self.expanding = True
        self.seen.add(ident)
        if self.record:
            self.positions.values[path] = node_span(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        self.active.add(ident)
        outer_indent = self.indent
        if isinstance(node, yaml.CollectionNode) and node.flow_style:
            self.indent = None
        elif self.indent is not None and isinstance(node, yaml.SequenceNode):
            self.indent = node.start_mark.column
        try:
            if isinstance(node, yaml.SequenceNode):
                self.check_tag(node, _SEQ)
                if not self.record:
                    return [self.build(child, path, depth + 1) for child in node.value]
                return [
                    self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)
                ]
            assert isinstance(node, yaml.MappingNode)
            self.check_tag(node, _MAP)
            return self.mapping(node, path, depth)
        finally:
            self.indent = outer_indent
            self.active.discard(ident)
            if outermost_alias:
                self.expanding = False

    def _size(self, node: yaml.Node) -> int:
        stack, count = [node], 0
        while stack and count <= MAX_ALIAS_EXPANSION:
            current = stack.pop()
            count += 1
            if isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)
            elif isinstance(current, yaml.MappingNode):
                for key, value in current.value:
                    stack.extend((key, value))
        return count

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            self.error(
                FA004,
                _("unsupported tag '{tag}'").format(tag=node.tag),
                node,
                _("remove the tag; only plain YAML data is allowed"),
            )

    def mapping(self, node: yaml.MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(
                    FA004,
                    _("merge keys ('<<') are not supported"),
                    key_node,
                    _("write the keys out explicitly"),
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "<collection>"
                kind = _(_TYPE_NAMES.get(key_node.tag, _NON_STRING))
                self.error(
                    FA005,
                    _("key '{shown}' is read as {kind}, not as a string").format(
                        shown=shown, kind=kind
                    ),
                    key_node,
                    _('quote the key: "{shown}"').format(shown=shown)
                    if isinstance(key_node, yaml.ScalarNode)
                    else _("use a plain string key"),
                )
                continue
            key = key_node.value
            if key in first_seen:
                first = first_seen[key].start_mark.line + 1
                self.error(
                    FA003,
                    _("duplicate key '{key}' (first defined on line {first})").format(
                        key=key, first=first
                    ),
                    key_node,
                    _("remove one of the two entries"),
                )
                continue
            first_seen[key] = key_node
            outer_indent = self.indent
            if outer_indent is not None:
                self.indent = key_node.start_mark.column
            try:
                if not self.record:
                    result[key] = self.build(value_node, path, depth + 1)
                    continue
                self.positions.keys[(*path, key)] = node_span(key_node)
                result[key] = self.build(value_node, (*path, key), depth + 1)
            finally:
                self.indent = outer_indent
        return result

    def scalar(self, node: yaml.ScalarNode, path: DataPath) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.error(
                FA004,
                _("unsupported tag '{tag}'").format(tag=tag),
                node,
                _("remove the tag; only plain YAML data is allowed"),
            )
            return node.value
        if tag == _STR:
            if node.style == '"':
                self.check_xml_chars(node)
            elif not node.style and not _EXPLICIT_TAG.match(
                self.source.text, node.start_mark.index
            ):
                self.check_core_number(node)
            return node.value
        try:
            value = getattr(_constructor, f"construct_yaml_{tag.rsplit(':', 1)[1]}")(node)
        except (ConstructorError, ValueError):
            # Python's own reason (e.g. its integer digit limit) is neither translated nor
            # meant for the reader; say what is wrong with the value in our words.
            if tag == _INT and sum(c.isdigit() for c in node.value) > _MAX_DIGITS:
                self.too_many_digits(node)
            elif tag == _TIMESTAMP:
                self.no_such_date(node)
            else:
                message = _("cannot read value '{value}' as {kind}").format(
                    value=shorten(node.value), kind=_(_TYPE_NAMES[tag])
                )
                self.error(FA002, message, node, _("put it in quotes if a text is meant"))
            return node.value
        if tag in (_FLOAT, _TIMESTAMP):
            self.plain = False
        if not node.style and tag != _NULL:
            # Remember how YAML typed the plain scalar so type errors can explain it.
            if self.record:
                self.positions.implicit[path] = (_TYPE_NAMES[tag], node.value)
            self.check_coercion(node, tag)
        return value

    def check_coercion(self, node: yaml.ScalarNode, tag: str) -> None:
        raw = node.value
        if tag == _INT and not _PLAIN_INT.match(raw):
            try:
                value = str(_constructor.construct_yaml_int(node))
            except ValueError:  # a hexadecimal or octal number beyond Python's digit limit
                self.too_many_digits(node)
                return
            sign = "-" if raw.startswith("-") else ""
            digits = sign + (raw.replace("_", "").lstrip("+-").lstrip("0") or "0")
            hint = (
                _('write {digits} if that number is meant, or put "{raw}" in quotes for a text')
                if digits.lstrip("-").isdigit()
                else _('put "{raw}" in quotes for a text')
            )
            self.error(
                FA011,
                _("YAML 1.1 reads '{raw}' as the number {value}").format(
                    raw=shorten(raw), value=shorten(value)
                ),
                node,
                hint.format(digits=shorten(digits), raw=shorten(raw)),
            )
        elif tag == _BOOL and raw.lower() in _YAML11_BOOLEANS:
            value = "true" if raw.lower() in ("yes", "on") else "false"
            self.error(
                FA011,
                _("YAML 1.1 reads '{raw}' as the boolean {value}, YAML 1.2 as a text").format(
                    raw=raw, value=value
                ),
                node,
                _(
                    'write {value} if a yes/no value is meant, or put "{raw}" in quotes for a text'
                ).format(value=value, raw=raw),
            )
        elif tag == _FLOAT and not _PLAIN_FLOAT.match(raw):
            self.error(
                FA011,
                _("YAML 1.1 reads '{raw}' as a special number").format(raw=raw),
                node,
                _('put it in quotes: "{raw}"').format(raw=raw),
            )

    def no_such_date(self, node: yaml.ScalarNode) -> None:
        """FA002 for an unquoted date that names no day of the calendar (`2026-02-30`): which
        part is wrong and the form YYYY-MM-DD. Quotes would not help, a date field wants the
        day; with a time after a right date (`2026-01-01 25:00:00`) the date alone."""
        alone = date_texts.date_alone(node.value)
        self.error(
            FA002,
            date_texts.describe(node.value, shorten(node.value)),
            node,
            date_texts.alone_hint(alone) if alone else None,
        )

    def too_many_digits(self, node: yaml.ScalarNode) -> None:
        self.error(
            FA002,
            _("cannot read value '{value}': a number with more than {limit} digits").format(
                value=shorten(node.value), limit=_MAX_DIGITS
            ),
            node,
            _("put it in quotes if a text is meant"),
        )

    def check_core_number(self, node: yaml.ScalarNode) -> None:
        """FA011 for a plain text that YAML 1.2 reads as a number (`09` is 9 there)."""
        raw = node.value
        decimal = _CORE_DECIMAL.match(raw)
        octal = _CORE_OCTAL.match(raw)
        if decimal:
            # Digits are shown as written, never converted: a number may be thousands long.
            value = decimal.group(1).lstrip("+") + (decimal.group(2).lstrip("0") or "0")
        elif octal:
            value = str(int(octal.group(1), 8))
        elif _CORE_FLOAT.match(raw):
            value = repr(float(raw))
        else:
            return
        self.error(
            FA011,
            _("YAML 1.2 reads '{raw}' as the number {value}, YAML 1.1 as a text").format(
                raw=shorten(raw), value=shorten(value)
            ),
            node,
            # Both readings: a key that wants a number (`max_length: 09`) would reject the text.
            _('write {digits} if that number is meant, or put "{raw}" in quotes for a text').format(
                digits=shorten(value), raw=shorten(raw)
            ),
        )

    def check_xml_chars(self, node: yaml.ScalarNode) -> None:
        # Only escapes in double quotes produce these: the YAML reader refuses them raw.
        found = _NOT_IN_XML.search(node.value)
        if found is None:
            return
        char = found.group()
        what = (
            _("a carriage return")
            if char == "\r"
            else _("the character U+{code:04X}").format(code=ord(char))
        )
        self.error(
            FA015,
            _(
                "text contains {what} (written as '{escaped}'), which XML 1.0 cannot "
                "carry unchanged into xdomea and Doxis4"
            ).format(what=what, escaped=escaped(char)),
            node,
            _("remove it; write a line break as \\n"),
        )


class Unclean(Exception):
    """The fast pass (no positions recorded) met a problem: the file needs the recording pass,
    which reports every problem; the fast pass stops at the first instead of building
    messages twice."""


class Fatal(Exception):
    def __init__(
        self, entry: Any, message: str, node: yaml.Node, path: DataPath, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.entry, self.message, self.node, self.path = entry, message, node, path
        self.hint = hint
