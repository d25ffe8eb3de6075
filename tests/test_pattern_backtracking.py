"""FA214: field patterns that a backtracking engine can take exponential time on are found
statically; patterns that read each character one way pass (the shipped ones among them)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from fachakte_compiler.check.pattern_backtracking import backtracking_problem
from support.yaml_dump import load as load_yaml

DEFINITIONS = Path(__file__).resolve().parents[1] / "definitions"
SLOW = [
    "^(a+)+$",
    "^(a|a)*$",
    "^(a|ab)*$",
    "^(a?)+$",
    "^(a{1,3})+$",
    "^((a)+)+$",
    "^([a-z]+ ?)+$",
    "^(\\p{L}+ ?)+$",
    "^([a-z]+|[0-9a-f]+)*$",
    "^([a-z]|[a-z0-9])+$",
    "^x(y|(a+)+)z$",
]
FAST = [
    "^([A-Z][a-z]+ )+$",
    "^(x+y+)+$",
    "^(ab?)+$",
    "^([A-Z]|[0-9])+$",
    "^(\\p{L}+ )*\\p{L}+$",
    "^(\\p{Lu}\\p{Ll}*)(-\\p{Lu}\\p{Ll}*)*$",
    "^[^@]+@[^@]+$",
    "^([0-9]{2}\\.)+[0-9]{2}$",
    "^([^ ]+ )*[^ ]+$",
    "^(a|b)*$",
]


@pytest.mark.parametrize("pattern", SLOW)
def test_ambiguous_repetition_is_found(pattern: str) -> None:
    assert backtracking_problem(pattern) is not None


@pytest.mark.parametrize("pattern", FAST)
def test_unambiguous_patterns_pass_and_reject_quickly(pattern: str) -> None:
    assert backtracking_problem(pattern) is None
    # A backtracking engine (Python's re) rejects hostile values of these in no time.
    start = time.monotonic()
    for value in ("a" * 40 + "!", "Ab " * 20 + "!", "x" * 30 + "y" * 30 + "!", "1" * 40 + "@"):
        re.fullmatch(
            pattern.replace("\\p{Lu}", "[A-Z]")
            .replace("\\p{Ll}", "[a-z]")
            .replace("\\p{L}", "[A-Za-z]"),
            value,
        )
    assert time.monotonic() - start < 1.0


def test_a_flagged_pattern_is_really_slow() -> None:
    """The kind the check reports: each further character doubles the work."""
    timings = []
    for length in (15, 19):
        start = time.monotonic()
        re.fullmatch("([a-z]+ ?)+", "a" * length + "!")
        timings.append(time.monotonic() - start)
    assert timings[1] > 4 * timings[0]


def test_the_shipped_patterns_pass() -> None:
    patterns = set()
    for path in DEFINITIONS.rglob("*.yaml"):
        patterns.update(re.findall(r"pattern: (.*)", path.read_text(encoding="utf-8")))
    assert len(patterns) > 10
    for written in patterns:
        assert backtracking_problem(load_yaml(written)) is None, written
