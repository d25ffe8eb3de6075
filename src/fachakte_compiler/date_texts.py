"""How a value misses the date form YYYY-MM-DD, in words, and the date its author meant.

The date fields of the definition language (`format: date` in schemas/*.schema.json, the
limits of a `type: date` field) take an RFC 3339 full-date, which is also what YAML 1.1 reads
as a date when it stands unquoted. The loader (a date YAML cannot build, `2026-02-30`), the
schema check (a quoted text, a number such as `20260101`) and the field rules word a wrong
date alike through this module: which part names no day of the calendar, and the ISO date
that was probably meant (`31.12.2027`, `20271231`, `2027-12-31 10:00`: `2027-12-31`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from fachakte_compiler.i18n import N_, _

# The existing msgid: what a value that is no date at all is told.
NOT_A_DATE = N_(
    "'{value}' is not a date: write a day of the calendar as YYYY-MM-DD, such as 2026-01-31"
)
DATE_ALONE = N_("write the date alone: {isoformat}")
_NO_SUCH_DAY = N_(
    "'{value}' is not a date: {month} {year} has {days} days; write a day of the calendar "
    "as YYYY-MM-DD"
)
_NO_SUCH_MONTH = N_(
    "'{value}' is not a date: a year has the months 01 to 12; write a day of the calendar "
    "as YYYY-MM-DD, such as 2026-01-31"
)
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)

# RFC 3339 full-date, the only form the date fields take (Python's fromisoformat also takes
# `20260101` and `2026-W01-1`).
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Year, month and day in the orders authors write them, each with an optional time after it
# (YAML 1.1's timestamp: `T`, `t` or blanks before the time).
_TIME = r"(?:(?:[Tt]|[ \t]+)[0-9].*)?"
_ORDERS = (
    (re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME), (1, 2, 3)),
    (re.compile(r"([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})" + _TIME), (1, 2, 3)),
    (re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2}|[0-9]{4})" + _TIME), (3, 2, 1)),
    (re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"), (1, 2, 3)),
)


def is_iso_date(value: object) -> bool:
    """True for a text YYYY-MM-DD that names a day of the calendar (RFC 3339 full-date)."""
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _parts(value: str) -> tuple[int, int, int, bool] | None:
    """(year, month, day, a time follows) as written in one of the known orders, or None."""
    text = value.strip()
    for pattern, (y, m, d) in _ORDERS:
        found = pattern.fullmatch(text)
        if found is not None:
            year = found.group(y)
            full_year = int("20" + year) if len(year) == 2 else int(year)
            timed = found.end(3) < len(text)
            return full_year, int(found.group(m)), int(found.group(d)), timed
    return None


def meant(value: str) -> str:
    """The ISO date (YYYY-MM-DD) `value` most likely means: `31.12.2027`, `31.12.27`,
    `2027/12/31`, `20271231`, `2027-1-5`, `2027-12-31 10:00`; `value` itself where it names no
    day of the calendar or is no date at all."""
    parts = _parts(value)
    if parts is None:
        return value
    try:
        return dt.date(*parts[:3]).isoformat()
    except ValueError:
        return value


def date_alone(value: str) -> str | None:
    """The ISO date of a date followed by a time (`2026-01-01 10:00`), else None."""
    parts = _parts(value)
    if parts is None or not parts[3]:
        return None
    try:
        return dt.date(*parts[:3]).isoformat()
    except ValueError:
        return None


def alone_hint(isoformat: str) -> str:
    """The hint for a date with a time where a date is expected (FA002, FA103, FA105); the
    language server reads the date back out of it for its quick fix (lsp.convert)."""
    return _(DATE_ALONE).format(isoformat=isoformat)


def describe(value: str, shown: str | None = None) -> str:
    """The finding's words for `value`, which is no ISO date: which part names no day of the
    calendar (`2026-02-30`: "February 2026 has 28 days"; `2026-13-01`: the months are 01 to
    12), else that a date is written YYYY-MM-DD. `shown` is the value as the message quotes it
    (shortened, on one line); `value` by default."""
    # Eight digits are proposed as a date (`20260101`) but not judged as one: `12345678` is
    # more likely no date at all than one in month 56.
    parts = None if value.strip().isdigit() else _parts(value)
    quoted = value if shown is None else shown
    if parts is not None:
        year, month, day, _timed = parts
        if not 1 <= month <= 12:
            return _(_NO_SUCH_MONTH).format(value=quoted)
        # The Gregorian calendar, as RFC 3339 5.7 counts the days of a month.
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return _(_NO_SUCH_DAY).format(
                value=quoted, month=_(_MONTHS[month - 1]), year=year, days=days
            )
    return _(NOT_A_DATE).format(value=quoted)
