"""The finding every stage reports: a code, a message and where in which file."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Span:
    """1-based line and column of the first character; end_col is exclusive (same line)."""

    line: int
    col: int
    end_col: int | None = None


def one_line(text: str, keep: str = "") -> str:
    """`text` with line breaks, tabs and other control characters written as escapes (`\\n`,
    `\\t`, `\\x00`), as repr() writes them: a value quoted from a file never breaks a finding's
    line or hides a character. Characters in `keep` stay as they are."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else repr(c)[1:-1] for c in text)


@dataclass(frozen=True)
class Diagnostic:
    """A finding. Message, hint and notes are one line each: control characters in them (from
    values quoted out of a file) are written as escapes when the finding is made."""

    code: str
    message: str
    file: str
    span: Span | None = None
    severity: Severity = Severity.ERROR
    hint: str | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        # Every place that quotes a user's value gets this, not only the ones that remember.
        if not self.message.isprintable():
            object.__setattr__(self, "message", one_line(self.message))
        if self.hint is not None and not self.hint.isprintable():
            object.__setattr__(self, "hint", one_line(self.hint))
        if not all(note.isprintable() for note in self.notes):
            object.__setattr__(self, "notes", tuple(one_line(n) for n in self.notes))

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        line, col = (self.span.line, self.span.col) if self.span else (0, 0)
        return (self.file, line, col, self.code, self.message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
