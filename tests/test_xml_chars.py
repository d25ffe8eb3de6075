"""The character classes that decide what XML output may carry, checked against every code point:
they are written as lists of what they find (cheap to compile), so a slip in a range would
otherwise go unnoticed."""

from __future__ import annotations

import re

import markupsafe

from fachakte_compiler.targets.templating import _BEYOND_ESCAPING, _NOT_VERBATIM
from fachakte_compiler.xml_chars import FORBIDDEN

EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


def _xml_char(point: int) -> bool:
    """XML 1.0 §2.2, production [2] Char."""
    return (
        point in (0x9, 0xA, 0xD)
        or 0x20 <= point <= 0xD7FF
        or 0xE000 <= point <= 0xFFFD
        or 0x10000 <= point <= 0x10FFFF
    )


def _found(pattern: re.Pattern[str]) -> list[int]:
    return [match.start() for match in pattern.finditer(EVERY_CHARACTER)]


def test_forbidden_finds_exactly_what_xml_does_not_allow() -> None:
    assert _found(FORBIDDEN) == [p for p in range(0x110000) if not _xml_char(p)]


def test_values_pass_unescaped_only_where_escaping_would_not_change_them() -> None:
    beyond = [p for p in range(0x110000) if not _xml_char(p) or p in (0x9, 0xA, 0xD)]
    assert _found(_BEYOND_ESCAPING) == beyond
    escaped = {p for p in range(0x80) if str(markupsafe.escape(chr(p))) != chr(p)}
    assert escaped == {ord(c) for c in "\"&'<>"}
    assert str(markupsafe.escape(EVERY_CHARACTER[0x80:])) == EVERY_CHARACTER[0x80:]
    assert _found(_NOT_VERBATIM) == sorted({*beyond, *escaped})
