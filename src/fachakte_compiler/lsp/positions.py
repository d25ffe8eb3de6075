"""Columns as the client counts them (LSP 3.17 `PositionEncodingKind`).

Everything inside the server counts columns in code points (Python string indices, as the
loader's spans do); the client counts them in the code units of the encoding negotiated at
`initialize`: UTF-16 unless both sides agreed on UTF-8 or UTF-32. A character outside the
Basic Multilingual Plane (😀) is one code point but two UTF-16 units and four UTF-8 bytes, so
every position that crosses the wire is converted here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp

UTF8 = str(lsp.PositionEncodingKind.Utf8.value)
UTF32 = str(lsp.PositionEncodingKind.Utf32.value)


def _utf16(character: str) -> int:
    return 2 if ord(character) > 0xFFFF else 1


def _utf8(character: str) -> int:
    return len(character.encode("utf-8", "surrogatepass"))


def _utf32(character: str) -> int:
    return 1


class Codec:
    """Converts between the server's code-point columns and the client's code units."""

    def __init__(self, encoding: str | None) -> None:
        self.encoding = str(getattr(encoding, "value", encoding) or "utf-16")
        self._width: Callable[[str], int] = (
            _utf8 if self.encoding == UTF8 else _utf32 if self.encoding == UTF32 else _utf16
        )

    def units(self, text: str) -> int:
        """The length of `text` in the client's code units."""
        if self._width is _utf32:
            return len(text)
        return sum(self._width(c) for c in text)

    def to_client(self, line: str, column: int) -> int:
        """The client's character offset of code-point `column` in `line`; past the end of the
        line the extra columns count one each (they stand for no character)."""
        return self.units(line[:column]) + max(0, column - len(line))

    def from_client(self, line: str, character: int) -> int:
        """The code-point column of the client's `character` offset in `line`. An offset past
        the end means the end (LSP); one inside a character (half a surrogate pair) its start."""
        counted = 0
        for index, char in enumerate(line):
            if counted >= character:
                return index
            counted += self._width(char)
            if counted > character:
                return index
        return len(line)


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number].rstrip("\r") if 0 <= number < len(lines) else ""


def position_in(codec: Codec, text: str, position: lsp.Position) -> lsp.Position:
    """A position the client sent for `text`, in code points."""
    line = _line(text, position.line)
    return lsp.Position(position.line, codec.from_client(line, position.character))


def range_in(codec: Codec, text: str, where: lsp.Range) -> lsp.Range:
    return lsp.Range(position_in(codec, text, where.start), position_in(codec, text, where.end))


def position_out(codec: Codec, text: str, position: lsp.Position) -> lsp.Position:
    """A code-point position in `text`, as the client counts it."""
    line = _line(text, position.line)
    return lsp.Position(position.line, codec.to_client(line, position.character))


def range_out(codec: Codec, text: str, where: lsp.Range) -> lsp.Range:
    return lsp.Range(position_out(codec, text, where.start), position_out(codec, text, where.end))


def edits_out(codec: Codec, text: str, edits: list[lsp.TextEdit]) -> list[lsp.TextEdit]:
    return [lsp.TextEdit(range_out(codec, text, e.range), e.new_text) for e in edits]
