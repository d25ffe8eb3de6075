"""Positions and source lines of a file with thousands of findings cost time in proportion to
the findings, not to findings times file size: a 380 KB file with 20 000 duplicate keys took
107 s in `fachakte validate`, most of it splitting the whole text once per shown line."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from fachakte_compiler.diagnostics import Span
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.load.yaml12 import _span_at, node_problems
from fachakte_compiler.load.yaml_loader import load_bytes


class _CountingText(str):
    """A text that counts how often it is split or scanned for line feeds as a whole."""

    calls = 0

    def split(self, *args: object, **kwargs: object) -> list[str]:
        _CountingText.calls += 1
        return super().split(*args, **kwargs)

    def count(self, *args: object, **kwargs: object) -> int:
        _CountingText.calls += 1
        return super().count(*args, **kwargs)


def test_the_lines_of_a_file_are_split_once_for_all_its_findings() -> None:
    text = "".join(f"k{i}: x\r\n" for i in range(3000))
    source = SourceFile(path=Path("x.yaml"), display="x.yaml", text=_CountingText(text))
    _CountingText.calls = 0
    assert [source.line(n) for n in (1, 2999, 3000, 3001, 0)] == [
        "k0: x",
        "k2998: x",
        "k2999: x",
        "",
        "",
    ]
    assert all(source.line(n) == f"k{n - 1}: x" for n in range(1, 3001))
    assert _CountingText.calls == 1
    # A new text (an editor's buffer in the language server) has lines of its own.
    source.text = "id: neu\n"
    assert source.line(1) == "id: neu"


def test_positions_are_found_without_counting_through_the_text() -> None:
    plain = "a: 1\nbb: 2\n\nccc: 3"
    text = _CountingText(plain)
    _CountingText.calls = 0
    for index in range(len(plain)):
        line = plain.count("\n", 0, index) + 1
        col = index - (plain.rfind("\n", 0, index) + 1) + 1
        assert _span_at(text, index, 2) == Span(line, col, col + 2), index
    assert _CountingText.calls == 0


class _SlicedText(str):
    """A text that adds up the characters taken out of it by slicing."""

    sliced = 0

    def __getitem__(self, key: object) -> str:
        part = super().__getitem__(key)  # type: ignore[index]
        _SlicedText.sliced += len(part)
        return part


def test_a_flow_list_of_many_lines_is_checked_without_slicing_it_per_line() -> None:
    """90 000 lines of a flow list (3 MB, within the node limit) took 29 s: each line's
    indentation was measured on a copy of the rest of the list."""
    plain = "id: a\nx: [\n" + "".join("  item,\n" for _ in range(3000)) + "  b]\n"
    node = yaml.compose(plain, Loader=yaml.CSafeLoader)
    flow = node.value[1][1]
    _SlicedText.sliced = 0
    assert list(node_problems(_SlicedText(plain), flow, 0)) == []
    assert _SlicedText.sliced < len(plain), _SlicedText.sliced
    # The check still finds a continuation too far left, at its place.
    broken = plain.replace("  b]", "b]")
    problems = list(
        node_problems(broken, yaml.compose(broken, Loader=yaml.CSafeLoader).value[1][1], 0)
    )
    assert [span for _message, _hint, span in problems] == [Span(3003, 1, 2)]


def test_many_tabs_inside_quotes_are_checked_in_time_proportional_to_them() -> None:
    """Each tab was looked for in every quoted text of the file: 40 000 lines of `k: "a<tab>b"`
    took 74 s to load, 20 000 lines 18 s of CPU; now a fraction of a second."""
    text = "".join(f'k{i}: "a\\tb"\n' for i in range(20_000))
    started = time.process_time()
    source = SourceFile(path=Path("tabs.yaml"), display="tabs.yaml")
    assert load_bytes(source, text.encode()) == []
    assert source.data["k19999"] == "a\tb"
    # CPU time, not wall time: other processes on the machine do not count.
    assert time.process_time() - started < 6, "quadratic again"
