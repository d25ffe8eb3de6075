"""Definition texts as an author might write them: keys in any order, comments above any key.

`shuffled(text, seed)` drops the full-line comments of `text`, puts the keys of every mapping
(top level and nested) into a random order, and writes new full-line comments above randomly
chosen keys, at the key's column (or at the dash of a list item). The data stay the same.
"""

from __future__ import annotations

import io
import random
from typing import Any

import yaml


def _strip_full_line_comments(text: str) -> str:
    """The text without its full-line comments (outside block scalars)."""
    inside: set[int] = set()
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            inside.update(range(current.start_mark.line, current.end_mark.line + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for pair in current.value:
                stack.extend(pair)
    lines = text.split("\n")
    kept = [
        line
        for number, line in enumerate(lines)
        if number in inside or not line.lstrip().startswith("#")
    ]
    return "\n".join(kept)


def _shuffle_keys(data: Any, rnd: random.Random) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(data, CommentedMap):
        keys = list(data)
        rnd.shuffle(keys)
        for key in keys:
            data.move_to_end(key)
        for key in keys:
            _shuffle_keys(data[key], rnd)
    elif isinstance(data, CommentedSeq):
        for value in data:
            _shuffle_keys(value, rnd)


def _key_places(text: str) -> list[tuple[int, list[int]]]:
    """(0-based line, columns a comment above it may stand at) for every mapping key."""
    places: list[tuple[int, list[int]]] = []
    lines = text.split("\n")
    stack = [yaml.compose(text, Loader=yaml.CSafeLoader)]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode) and not current.flow_style:
            for key, value in current.value:
                line, column = key.start_mark.line, key.start_mark.column
                columns = [column]
                if lines[line][:column].rstrip().endswith("-"):
                    columns.append(len(lines[line][:column].rstrip()) - 1)
                places.append((line, columns))
                stack.append(value)
    return places


def shuffled(text: str, seed: int, comments: int = 6) -> str:
    from ruamel.yaml import YAML

    rnd = random.Random(seed)
    yaml_rt = YAML(typ="rt")
    yaml_rt.width = 4096
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    data = yaml_rt.load(_strip_full_line_comments(text))
    _shuffle_keys(data, rnd)
    buffer = io.StringIO()
    yaml_rt.dump(data, buffer)
    lines = buffer.getvalue().split("\n")
    places = _key_places(buffer.getvalue())
    chosen = rnd.sample(places, min(comments, len(places)))
    for number, (line, columns) in enumerate(sorted(chosen, reverse=True)):
        column = rnd.choice(columns)
        lines.insert(line, " " * column + f"# Anmerkung {seed}-{number}")
    return "\n".join(lines)


def top_level_shuffled(text: str, seed: int) -> str:
    """`text` with its top-level entries in a random order, each with the comment lines right
    above it (the file's first lines up to its first key stay on top)."""
    lines = text.rstrip("\n").split("\n")
    first = next(i for i, line in enumerate(lines) if line[:1].isalpha())
    head, blocks, pending = lines[:first], [], []
    for line in lines[first:]:
        if line[:1].isalpha():
            blocks.append([*pending, line])
            pending = []
        elif line.startswith("#"):
            pending.append(line)
        else:
            blocks[-1].extend([*pending, line])
            pending = []
    blocks[-1].extend(pending)
    random.Random(seed).shuffle(blocks)
    return "\n".join(head + [line for block in blocks for line in block]) + "\n"
