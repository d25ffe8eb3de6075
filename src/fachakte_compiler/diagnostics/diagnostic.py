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


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    file: str
    span: Span | None = None
    severity: Severity = Severity.ERROR
    hint: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        line, col = (self.span.line, self.span.col) if self.span else (0, 0)
        return (self.file, line, col, self.code, self.message)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
