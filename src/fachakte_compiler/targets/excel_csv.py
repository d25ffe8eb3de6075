"""CSV for the tool German offices open it with: Excel.

Excel reads a file as UTF-8 only if it starts with a byte-order mark, and in a German locale it
splits columns at ';', not ','. Hence: UTF-8 with BOM, ';' as separator, CRLF line ends, every
cell quoted when needed. Runs of white space (line breaks included) become one blank, so that a
row stays one line. Cells that start like a formula are prefixed with an apostrophe so that Excel
shows them as text instead of evaluating them (CSV injection, OWASP "CSV Injection").

A spreadsheet also reads every cell that looks like a number or a date as one: in a German
Excel or LibreOffice the Kennzeichen `22.10.20` becomes the 22 October 2020, the version
`2.1.0` a date, `05958004` loses its zero. Such cells start with an invisible ZERO WIDTH SPACE
(U+200B), which no number or date can contain, so they stay the text they are. This is no
formula (unlike `="22.10.20"`), so the formula guard keeps its rule: nothing in these files is
ever evaluated. Programs that read the files remove a leading U+200B (see `plain`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "\u200b"
# What Excel and LibreOffice may read as a number, a date, a time, a fraction or a percentage:
# digits with the separators and signs of those forms (a leading sign is the formula guard's).
_LOOKS_NUMERIC = re.compile(r"[0-9][0-9.,:/ %eE+-]*")
# Whole numbers that a spreadsheet reads back exactly (no leading zero, at most 15 digits) stay
# numbers: `6` years sorts as a number.
_PLAIN_NUMBER = re.compile(r"0|[1-9][0-9]{0,14}")


def guard(value: str) -> str:
    """`value` as a spreadsheet must show it: as text, never as a formula, a number or a date."""
    if value[:1] in FORMULA_STARTS:
        return "'" + value
    if _LOOKS_NUMERIC.fullmatch(value) and not _PLAIN_NUMBER.fullmatch(value):
        return TEXT_MARK + value
    return value


def plain(value: str) -> str:
    """A cell of these files as it was meant, for programs that read them: without the mark
    that keeps a spreadsheet from reading it as a number or a date."""
    return value.removeprefix(TEXT_MARK)


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The bytes of a CSV file with `header` and `rows` (all cells strings)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([guard(" ".join(value.split())) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
