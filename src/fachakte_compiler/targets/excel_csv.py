"""CSV for the tool German offices open it with: Excel.

Excel reads a file as UTF-8 only if it starts with a byte-order mark, and in a German locale it
splits columns at ';', not ','. Hence: UTF-8 with BOM, ';' as separator, CRLF line ends, every
cell quoted when needed. Runs of white space (line breaks included) become one blank, so that a
row stays one line. Cells that start like a formula are prefixed with an apostrophe so that Excel
shows them as text instead of evaluating them (CSV injection, OWASP "CSV Injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """`value` as Excel must show it: as text, never as a formula."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def excel_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The bytes of a CSV file with `header` and `rows` (all cells strings)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([guard(" ".join(value.split())) for value in row])
    return buffer.getvalue().encode("utf-8-sig")
