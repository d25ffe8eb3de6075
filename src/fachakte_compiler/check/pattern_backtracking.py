"""A static check for field patterns that backtracking engines can take exponential time on.

Doxis4 applies a field's pattern with `java.util.regex` and editors with ECMA-262 engines; both
backtrack. A repeated group whose content can match the same text in more than one way, such as
`(a+)+`, `(a|a)*` or `([a-z]+ ?)+`, makes a failing match try every split of the input: a value
of thirty characters can hold a Doxis4 client for minutes. The check runs on patterns already in
the common dialect (pattern_dialect.py), so it knows only literals, escapes, classes, Unicode
categories, groups, alternation and the quantifiers `? * + {n} {n,} {n,m}`.

A repeated group (its quantifier allows more than one repetition) is reported when
- two of its alternatives can start with the same character, or
- an item of variable length inside it (`a+`, `a?`, `a{1,3}`, a repeated group) can be followed,
  inside the group or by the group's next repetition, by a character the item itself matches.
Character sets are compared on their range ends and on U+0000–U+024F, which decides every
pattern of Latin letters, digits and punctuation exactly and errs towards reporting otherwise.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

from fachakte_compiler.i18n import N_

_SAMPLE = range(0x250)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "0": "\0"}
_SMALL = 2048


@dataclass(frozen=True)
class CharSet:
    """Characters as ranges of code points and Unicode general categories, maybe negated."""

    ranges: tuple[tuple[int, int], ...] = ()
    categories: tuple[tuple[str, bool], ...] = ()  # (category prefix, True for \p, False \P)
    negated: bool = False

    def contains(self, point: int) -> bool:
        inside = any(lo <= point <= hi for lo, hi in self.ranges)
        if not inside and self.categories:
            category = unicodedata.category(chr(point))
            inside = any(
                category.startswith(name) == positive for name, positive in self.categories
            )
        return inside != self.negated

    def candidates(self) -> set[int]:
        points = {p for lo, hi in self.ranges for p in (lo, hi)}
        if not self.negated and not self.categories:
            size = sum(hi - lo + 1 for lo, hi in self.ranges)
            if size <= _SMALL:
                points.update(p for lo, hi in self.ranges for p in range(lo, hi + 1))
        return points


def _overlap(left: list[CharSet], right: list[CharSet]) -> bool:
    points = set(_SAMPLE).union(*(s.candidates() for s in (*left, *right)))
    return any(
        any(a.contains(p) for a in left) and any(b.contains(p) for b in right) for p in points
    )


@dataclass
class Item:
    """An atom (a character set) or a group (alternatives of item sequences), quantified."""

    chars: CharSet | None
    alternatives: list[list[Item]] = field(default_factory=list)
    low: int = 1
    high: int | None = 1  # None: unbounded

    @property
    def repeated(self) -> bool:
        return self.high is None or self.high > 1

    @property
    def variable(self) -> bool:
        return self.high is None or self.high > self.low or self.nullable_body

    @property
    def nullable_body(self) -> bool:
        return self.chars is None and any(_nullable(alt) for alt in self.alternatives)


def _nullable(sequence: list[Item]) -> bool:
    return all(item.low == 0 or item.nullable_body for item in sequence)


def _all_chars(item: Item) -> list[CharSet]:
    if item.chars is not None:
        return [item.chars]
    return [c for alt in item.alternatives for sub in alt for c in _all_chars(sub)]


def _first(item: Item) -> list[CharSet]:
    if item.chars is not None:
        return [item.chars]
    return [c for alt in item.alternatives for c in _first_of(alt, 0)[0]]


def _first_of(sequence: list[Item], start: int) -> tuple[list[CharSet], bool]:
    """The characters that can begin `sequence[start:]`, and whether it can match nothing."""
    found: list[CharSet] = []
    for item in sequence[start:]:
        found.extend(_first(item))
        if not (item.low == 0 or item.nullable_body):
            return found, False
    return found, True


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.index = 0

    def peek(self) -> str:
        return self.text[self.index] if self.index < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        self.index += 1
        return char

    def alternatives(self) -> list[list[Item]]:
        found = [self.sequence()]
        while self.peek() == "|":
            self.take()
            found.append(self.sequence())
        return found

    def sequence(self) -> list[Item]:
        items: list[Item] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return items

    def atom(self) -> Item:
        char = self.take()
        if char == "(":
            inner = self.alternatives()
            self.take()  # ")"
            return Item(None, inner)
        if char == "[":
            return Item(self.char_class())
        if char == "\\":
            return Item(self.escape())
        return Item(CharSet(((ord(char), ord(char)),)))

    def escape(self) -> CharSet:
        char = self.take()
        if char in "pP":
            self.take()  # "{"
            name = ""
            while self.peek() not in ("}", ""):
                name += self.take()
            self.take()
            return CharSet(categories=((name.split("=")[-1], char == "p"),))
        if char == "u" and self.text[self.index : self.index + 4].isalnum():
            point = int(self.text[self.index : self.index + 4], 16)
            self.index += 4
            return CharSet(((point, point),))
        if char == "x" and self.text[self.index : self.index + 2].isalnum():
            point = int(self.text[self.index : self.index + 2], 16)
            self.index += 2
            return CharSet(((point, point),))
        point = ord(_ESCAPES.get(char, char))
        return CharSet(((point, point),))

    def char_class(self) -> CharSet:
        negated = self.peek() == "^"
        if negated:
            self.take()
        ranges: list[tuple[int, int]] = []
        categories: list[tuple[str, bool]] = []
        while self.peek() not in ("]", ""):
            if self.peek() == "\\":
                self.take()
                single = self.escape()
                categories.extend(single.categories)
                if not single.ranges:
                    continue
                low = single.ranges[0][0]
            else:
                low = ord(self.take())
            if self.peek() == "-" and self.text[self.index + 1 : self.index + 2] not in ("]", ""):
                self.take()
                end = self.take()
                high = self.escape().ranges[0][1] if end == "\\" else ord(end)
                ranges.append((low, high))
            else:
                ranges.append((low, low))
        self.take()  # "]"
        return CharSet(tuple(ranges), tuple(categories), negated)

    def quantified(self, item: Item) -> Item:
        char = self.peek()
        if char in ("?", "*", "+"):
            self.take()
            item.low, item.high = {"?": (0, 1), "*": (0, None), "+": (1, None)}[char]
        elif char == "{":
            close = self.text.index("}", self.index)
            low, comma, high = self.text[self.index + 1 : close].partition(",")
            self.index = close + 1
            item.low = int(low)
            item.high = (int(high) if high else None) if comma else int(low)
        return item


def _problem(item: Item) -> str | None:
    """Why the repeated group `item` can match one text in many ways, or None."""
    starts = [_first_of(alt, 0)[0] for alt in item.alternatives]
    for index, first in enumerate(starts):
        for other in starts[index + 1 :]:
            if _overlap(first, other):
                return N_("two alternatives of a repeated group can match the same text")
    next_round = _first(item)
    for alt in item.alternatives:
        for position, inner in enumerate(alt):
            if not inner.variable:
                continue
            follow, to_end = _first_of(alt, position + 1)
            if to_end:
                follow = [*follow, *next_round]
            if _overlap(_all_chars(inner), follow):
                return N_(
                    "a repeated group holds a part of variable length that the text after it "
                    "can continue, so a non-matching value is tried in every possible split"
                )
    return None


def _walk(sequence: list[Item]) -> str | None:
    for item in sequence:
        if item.chars is not None:
            continue
        if item.repeated:
            found = _problem(item)
            if found is not None:
                return found
        for alt in item.alternatives:
            found = _walk(alt)
            if found is not None:
                return found
    return None


@cache
def backtracking_problem(pattern: str) -> str | None:
    """Why `pattern` (already in the common dialect, anchored by ^ and $) can take exponential
    time in a backtracking engine (an English msgid: translate it with `_`), or None."""
    core = pattern[1:-1] if pattern.startswith("^") and pattern.endswith("$") else pattern
    try:
        top = _Parser(core).alternatives()
        return next((found for alt in top if (found := _walk(alt)) is not None), None)
    except (IndexError, ValueError):  # not in the dialect; FA216/FA217 report it
        return None
