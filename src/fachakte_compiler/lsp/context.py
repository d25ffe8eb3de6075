"""Where the cursor stands in a YAML document that may be half-typed: the path of keys and
list items above it, judged by indentation alone, so that completion works while the buffer does
not parse."""

from __future__ import annotations

import re
from dataclasses import dataclass

# `- ` list item markers, then an optional `key:`; what follows is the value.
_LINE = re.compile(r"^(?P<indent> *)(?P<items>(?:- +)*)(?:(?P<key>[A-Za-z_][\w.-]*) *:(?= |$))?")
_WORD = re.compile(r"[\w.]+")

Path = tuple[str, ...]


@dataclass(frozen=True)
class Cursor:
    """`path`: keys and '*' for list items from the document root to the value at the cursor;
    `word`: the partial or whole id at the cursor and the columns (0-based) it spans."""

    path: Path
    word: str
    start: int
    end: int


def _tokens(line: str) -> tuple[list[tuple[int, str]], int]:
    """(column, key or '*') for the structure a line opens, and the column its value starts."""
    match = _LINE.match(line)
    assert match is not None  # the pattern matches every string
    column = len(match.group("indent"))
    tokens: list[tuple[int, str]] = []
    for marker in re.finditer(r"- +", match.group("items")):
        tokens.append((column + marker.start(), "*"))
    key = match.group("key")
    if key is not None:
        tokens.append((match.start("key"), key))
    return tokens, match.end()


def _flow_items(text: str) -> bool:
    """True when the cursor stands inside an open flow sequence `[a, b`."""
    return text.count("[") > text.count("]")


def cursor_at(text: str, line: int, column: int) -> Cursor:
    """The cursor at 0-based `line` and `column` of `text`."""
    lines = text.split("\n")
    current = lines[line] if line < len(lines) else ""
    before = current[:column]
    tokens, value_start = _tokens(current)
    # Only the structure left of the cursor belongs to it.
    tokens = [t for t in tokens if t[0] < column]
    path = [name for _, name in tokens]
    value = before[value_start:] if column >= value_start else ""
    if _flow_items(value):
        path.append("*")
    lowest = tokens[0][0] if tokens else len(before) - len(before.lstrip(" "))
    for previous in reversed(lines[:line]):
        stripped = previous.strip()
        if not stripped or stripped.startswith("#"):
            continue
        found, _ = _tokens(previous)
        ancestors = [t for t in found if t[0] < lowest]
        if not ancestors:
            continue
        path[:0] = [name for _, name in ancestors]
        lowest = ancestors[0][0]
        if lowest == 0:
            break
    words = list(_WORD.finditer(current))
    start = end = column
    word = ""
    for found_word in words:
        if found_word.start() <= column <= found_word.end() and found_word.start() >= value_start:
            start, end, word = found_word.start(), found_word.end(), found_word.group()
    return Cursor(tuple(path), word, start, end)
