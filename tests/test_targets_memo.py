"""Results kept by identity: the same object gets the kept result, an equal but other object
gets its own, and the memo stays bounded."""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.targets.memo import LIMIT, by_identity


@dataclass(frozen=True)
class Subject:
    name: str


def test_kept_per_identity_and_arguments() -> None:
    calls: list[tuple[str, int]] = []

    @by_identity
    def describe(subject: Subject, width: int) -> tuple[str, int]:
        calls.append((subject.name, width))
        return (subject.name, width)

    first, twin = Subject("a"), Subject("a")
    assert describe(first, 1) is describe(first, 1)
    assert describe(first, 2) == ("a", 2)
    assert describe(twin, 1) == ("a", 1)
    assert calls == [("a", 1), ("a", 2), ("a", 1)]


def test_bounded() -> None:
    calls: list[int] = []

    @by_identity
    def count(subject: Subject, n: int) -> int:
        calls.append(n)
        return n

    subject = Subject("b")
    for n in range(LIMIT + 1):
        count(subject, n)
    count(subject, 0)  # dropped when the memo was full
    assert calls == [*range(LIMIT + 1), 0]
