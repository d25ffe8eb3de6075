"""Strict YAML loading: plain data plus a position for every value, hostile input rejected.

PyYAML's C parser composes the node graph; `builder.Builder` constructs the data from the nodes.
This module runs the stages in order: size, encoding, indentation, YAML syntax, structure.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.i18n import _, os_reason
from fachakte_compiler.load.builder import Builder, Fatal, Unclean, node_span
from fachakte_compiler.load.codes import (
    FA002,
    FA008,
    FA009,
    FA010,
    FA012,
    FA014,
)
from fachakte_compiler.load.filekind import NotRegular, not_regular_finding, read_regular
from fachakte_compiler.load.source import Positions, SourceFile, content_sha256
from fachakte_compiler.load.text import decode, tab_indents
from fachakte_compiler.load.yaml12 import line_separators, stray_tabs, token_problems

MAX_BYTES = 4 * 1024 * 1024
# YAML nodes (keys, values, lists, mappings) a file may hold: the largest shipped definition
# holds about 1 200; composing a node costs about 8 µs and 0.7 KiB, so 4 MiB of `[1,1,1,…]`
# (1.9 million nodes) would cost a minute and over a gigabyte.
MAX_NODES = 100_000
# Clean loads kept per process, by the SHA-256 of the bytes: the language server checks the
# whole catalogue after every edit, and all files but the edited one are as they were.
KEPT_LOADS = 256


@dataclass(frozen=True)
class _CleanLoad:
    """What a load without problems put into its SourceFile; shared by every file with the
    same bytes (the loaded data is read, never changed, after loading)."""

    text: str
    data: Any
    plain: bool
    positions: Positions


_clean_loads: OrderedDict[str, _CleanLoad] = OrderedDict()
# The language server may check in more than one thread.
_clean_loads_lock = threading.Lock()


def _read_differently(
    source: SourceFile, problems: Iterable[tuple[str, str, Span]]
) -> list[Diagnostic]:
    """FA014 for each (message, hint, span) of a yaml12 check."""
    return [
        Diagnostic(FA014.code, message, source.display, span, hint=hint)
        for message, hint, span in problems
    ]


def _iter_problems(source: SourceFile, raw: bytes) -> Iterator[Diagnostic]:
    """Load `raw` into `source`; yields the problems. Sets source.loaded when data is usable."""
    if len(raw) > MAX_BYTES:
        yield Diagnostic(
            FA010.code,
            _(
                "file is larger than {limit} bytes (4 MiB), the most a definition file may hold"
            ).format(limit=MAX_BYTES),
            source.display,
            Span(1, 1),
            hint=_("split it into several files, or check that it is a definition file at all"),
        )
        return
    text, problems = decode(raw, source)
    if text is None:
        yield from problems
        return
    source.text = text
    separators = line_separators(text, source.display)
    if separators:
        yield from separators
        return
    # Before anything that walks libyaml's tokens or nodes: their number bounds the cost.
    crowded = _beyond_node_limit(text)
    if crowded is not None:
        yield Diagnostic(
            FA010.code,
            _(
                "the file holds more than {limit} YAML nodes (keys, values, lists and "
                "mappings), the most a definition file may hold"
            ).format(limit=MAX_NODES),
            source.display,
            crowded,
            hint=_("split it into several files, or check that it is a definition file at all"),
        )
        return
    misread = _read_differently(source, token_problems(text))
    if misread:
        # Before composing: such a file often fails there with a message about the symptom.
        yield from misread
        return
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        # Tabs are allowed inside texts; only where the parse fails are they the likely cause.
        tabs = tab_indents(text, source)
        if tabs:
            yield from tabs
            return
        from fachakte_compiler.load.yaml_syntax import explain

        found = explain(text, exc)
        yield Diagnostic(FA002.code, found.message, source.display, found.span, hint=found.hint)
        return
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        yield Diagnostic(
            FA002.code,
            _("character U+{character:04X} is not allowed in YAML").format(character=exc.character),
            source.display,
            Span(line, col, col + 1),
            hint=_("remove the control character"),
        )
        return
    except (yaml.YAMLError, RecursionError) as exc:
        detail = _("nesting too deep") if isinstance(exc, RecursionError) else str(exc)
        yield Diagnostic(
            FA002.code,
            _("invalid YAML: {detail}").format(detail=detail),
            source.display,
            Span(1, 1),
        )
        return
    if node is None:
        yield Diagnostic(
            FA008.code,
            _("file contains no YAML document"),
            source.display,
            Span(1, 1),
            hint=_(
                "write the document's keys into it (a Fachakte can start from "
                "`fachakte new ID --owners A,B,C`) or delete the file"
            ),
        )
        return
    if not isinstance(node, yaml.MappingNode):
        yield Diagnostic(
            FA009.code,
            _("the top level must be a mapping (key: value)"),
            source.display,
            node_span(node),
        )
        return
    tabs = _read_differently(source, stray_tabs(text))
    if tabs:
        yield from tabs
        return
    quick = Builder(source, record=False)
    try:
        data = quick.build(node, ())
        clean = not quick.diagnostics
    except (Fatal, Unclean):
        clean = False
    if clean:
        # Recording a position for every value costs more than parsing, and a clean file
        # rarely needs one: they are recorded from the text when first asked for.
        source.data, source.loaded, source.plain = data, True, quick.plain
        source.positions = Positions(pending=lambda: _record_positions(source, text))
        return
    builder = Builder(source)
    try:
        data = builder.build(node, ())
    except Fatal as fatal:
        yield from builder.diagnostics
        # An alias node carries the anchor's position, not the use's; point at the top-level
        # entry where the expansion happened instead.
        where = builder.positions.keys.get(fatal.path[:1]) or node_span(fatal.node)
        yield Diagnostic(fatal.entry.code, fatal.message, source.display, where, hint=fatal.hint)
        return
    source.data, source.positions, source.loaded = data, builder.positions, True
    source.plain = builder.plain
    yield from builder.diagnostics


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _beyond_node_limit(text: str) -> Span | None:
    """Where the file's node number MAX_NODES + 1 starts, or None if it holds fewer nodes.

    Counted on libyaml's event stream, which holds one event at a time: bounded memory, and
    about 2.5 µs a node. No node takes less than half a visible character (`?` alone on a line
    is a key and a value), so a file with fewer than MAX_NODES / 3 visible characters (every
    real one) is not counted at all. A syntax error ends the count; composing reports it."""
    visible = len(text) - sum(text.count(blank) for blank in " \t\r\n")
    if 3 * visible < MAX_NODES:
        return None
    count = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, _NODE_EVENTS):
                count += 1
                mark = event.start_mark
                if count > MAX_NODES and mark is not None:
                    return Span(mark.line + 1, mark.column + 1)
    except yaml.YAMLError:
        pass
    return None


def _record_positions(source: SourceFile, text: str) -> Positions:
    builder = Builder(source)
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    assert node is not None  # the same text composed to a mapping moments ago
    builder.build(node, ())
    return builder.positions


def load_source(source: SourceFile) -> list[Diagnostic]:
    """Read and parse `source.path` into `source`; returns every loading problem found."""
    try:
        raw = read_regular(source.path, MAX_BYTES + 1)
    except NotRegular as exc:
        return [not_regular_finding(source.display, str(exc))]
    except OSError as exc:
        return [
            Diagnostic(
                FA012.code,
                _("cannot read file: {reason}").format(reason=os_reason(exc)),
                source.display,
                None,
            )
        ]
    return load_bytes(source, raw)


def load_bytes(source: SourceFile, raw: bytes) -> list[Diagnostic]:
    """Parse `raw` (a file's bytes, or an editor's unsaved buffer) into `source`; returns every
    loading problem found. Bytes that loaded without a problem before are not parsed again."""
    # The parse is kept by the exact bytes: offsets differ between CRLF and LF. A file with
    # LF line ends (nearly every one) has the same content hash; it is not computed twice.
    exact = hashlib.sha256(raw).hexdigest()
    source.sha256 = content_sha256(raw) if b"\r\n" in raw else exact
    with _clean_loads_lock:
        kept = _clean_loads.get(exact)
        if kept is not None:
            _clean_loads.move_to_end(exact)
    if kept is not None:
        source.text, source.data, source.plain = kept.text, kept.data, kept.plain
        source.positions, source.loaded = kept.positions, True
        return []
    problems = list(_iter_problems(source, raw))
    if not problems and source.loaded:
        load = _CleanLoad(source.text, source.data, source.plain, source.positions)
        with _clean_loads_lock:
            _clean_loads[exact] = load
            if len(_clean_loads) > KEPT_LOADS:
                _clean_loads.popitem(last=False)
    return problems


def plain_data(raw: bytes, display: str) -> Any:
    """The data of a file read only for a few of its values (ids, versions, titles), or None
    when it does not load. Such readers get the protections of `load_bytes` (size, encoding,
    node and alias limits): a plain `yaml.load` builds 1.9 million nodes out of 4 MiB, and an
    alias bomb becomes a billion-item text once a value is turned into a string."""
    source = SourceFile(path=Path(display), display=display)
    load_bytes(source, raw)
    return source.data if source.loaded else None
