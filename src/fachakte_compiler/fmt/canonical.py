"""Formatting one definition file: key order from the schema, fixed indentation, no rewrapping."""

from __future__ import annotations

import io
from typing import Any

from fachakte_compiler.fmt.order import Located, items, properties, root

# Wide enough that ruamel.yaml never re-wraps an author's long line.
WIDTH = 4096


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    return yaml


def round_trip_yaml() -> Any:
    """ruamel.yaml set up as `fmt` uses it: comments and quotes survive a load and dump."""
    return _yaml()


def _canonical(data: Any, located: Located | None, depth: int = 0, item: bool = False) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from fachakte_compiler.fmt.comments import reorder

    if isinstance(data, CommentedMap):
        known = properties(located) if located else {}
        if known and len(data):
            # With mapping indent 2 and sequence offset 2 every level adds two columns.
            reorder(data, list(known), 2 * depth, 2 * depth - 2 if item else None)
        for key in data:
            _canonical(data[key], known.get(key), depth + 1)
    elif isinstance(data, CommentedSeq):
        sub = items(located) if located else None
        for value in data:
            _canonical(value, sub, depth + 1, item=True)


def format_text(text: str, kind: str) -> str:
    """The canonical form of `text`, a definition of `kind` that the strict loader accepted."""
    yaml = _yaml()
    data = yaml.load(text)
    _canonical(data, root(kind) if kind else None)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
