"""The shortcut of `fmt` (fmt.fastcheck) is sound: wherever it says "already canonical", the
ruamel.yaml round trip returns the text unchanged. Checked on every shipped file and on
random layout edits of them (indentation, spacing, quotes, comments, blank lines, key order,
YAML 1.1 spellings), and `fmt --check` gives the same verdicts with and without it."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import DEFINITIONS
from fachakte_compiler.fmt.canonical import format_text
from fachakte_compiler.fmt.fastcheck import already_canonical

SHIPPED = sorted(DEFINITIONS.rglob("*.yaml"))


def _kind(path: Path) -> str:
    parent = path.parent.name
    return {"fachakten": "fachakte", "bausteine": "baustein"}.get(parent, path.stem)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_is_recognised_as_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert already_canonical(text, _kind(path))
    assert format_text(text, _kind(path)) == text


Edit = Callable[[list[str], random.Random], None]


def _content(lines: list[str], rng: random.Random) -> int:
    candidates = [
        i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")
    ]
    return rng.choice(candidates)


def _indent(lines: list[str], rng: random.Random) -> None:
    i = _content(lines, rng)
    lines[i] = " " * rng.choice([1, 2]) + lines[i] if rng.random() < 0.5 else lines[i][1:]


def _trailing_space(lines: list[str], rng: random.Random) -> None:
    lines[_content(lines, rng)] += " "


def _eol_comment(lines: list[str], rng: random.Random) -> None:
    lines[_content(lines, rng)] += " " * rng.choice([1, 2, 5]) + rng.choice(["# Notiz", "#", "#x"])


def _blank(lines: list[str], rng: random.Random) -> None:
    lines.insert(rng.randrange(1, len(lines)), rng.choice(["", "", "  "]))


def _comment(lines: list[str], rng: random.Random) -> None:
    i = _content(lines, rng)
    column = len(lines[i]) - len(lines[i].lstrip(" "))
    if lines[i].lstrip().startswith("- "):
        column += rng.choice([0, 2])
    column += rng.choice([0, 0, 0, 2, -2])
    lines.insert(i, " " * max(column, 0) + rng.choice(["# Kommentar", "#Kommentar", "# a  b"]))


def _double_space(lines: list[str], rng: random.Random) -> None:
    i = _content(lines, rng)
    lines[i] = (
        lines[i].replace(": ", ":  ", 1) if rng.random() < 0.5 else lines[i].replace("- ", "-  ", 1)
    )


def _quotes(lines: list[str], rng: random.Random) -> None:
    i = _content(lines, rng)
    match = re.match(r"^(\s*(?:- )?[A-Za-z_]+: )(.+)$", lines[i])
    if match is None:
        return
    value = match.group(2)
    if value[0] in "\"'":
        value = value[1:-1]
    else:
        quote = rng.choice(["'", '"'])
        value = quote + value + quote
    lines[i] = match.group(1) + value


def _swap(lines: list[str], rng: random.Random) -> None:
    i = _content(lines, rng)
    if i + 1 < len(lines) and lines[i + 1].strip():
        lines[i], lines[i + 1] = lines[i + 1], lines[i]


def _spelling(lines: list[str], rng: random.Random) -> None:
    i = _content(lines, rng)
    old, new = rng.choice(
        [("true", "True"), ("true", "yes"), ("0", "00"), ("1", "1.0"), ("2", "0x2"), (", ", ",")]
    )
    lines[i] = lines[i].replace(old, new, 1)


def _document(lines: list[str], rng: random.Random) -> None:
    lines.insert(rng.choice([0, len(lines)]), rng.choice(["---", "...", "# Ende"]))


EDITS: list[Edit] = [
    _indent,
    _trailing_space,
    _eol_comment,
    _blank,
    _comment,
    _double_space,
    _quotes,
    _swap,
    _spelling,
    _document,
]
SMALL = [p for p in SHIPPED if p.parent.name == "bausteine"] + [DEFINITIONS / "tenants.yaml"]


def _unique_keys(node: yaml.Node) -> bool:
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value]
        return len(keys) == len(set(keys)) and all(_unique_keys(v) for _, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return all(_unique_keys(v) for v in node.value)
    return True


def _loads_strictly(text: str) -> bool:
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False
    return isinstance(node, yaml.MappingNode) and _unique_keys(node)


def test_the_shortcut_never_accepts_what_the_round_trip_would_change() -> None:
    rng = random.Random(16)
    accepted = refused = 0
    for _ in range(200):
        path = rng.choice(SMALL)
        lines = path.read_text(encoding="utf-8").split("\n")[:-1]
        for _ in range(rng.choice([1, 1, 2])):
            rng.choice(EDITS)(lines, rng)
        text = "\n".join(lines) + "\n"
        if not _loads_strictly(text):
            continue  # fmt refuses such a file before either path could see it
        if not already_canonical(text, _kind(path)):
            refused += 1
            continue
        accepted += 1
        assert format_text(text, _kind(path)) == text, text
    # Both answers occur, so the property is not vacuous.
    assert accepted >= 20 and refused >= 60, (accepted, refused)
