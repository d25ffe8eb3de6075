"""What each `pattern` and `format` of the definition language's JSON Schemas
(schemas/*.schema.json) asks for, in words, and the spelling an author most likely meant: the
FA105 message of a value that misses one names what is expected instead of showing the
regular expression or the format's keyword.

tests/test_pattern_texts.py keeps these tables and the schemas together: every pattern and
format of a language schema has its entry here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fachakte_compiler import date_texts
from fachakte_compiler.diagnostics.suggest import ascii_form
from fachakte_compiler.i18n import N_, _


@dataclass(frozen=True)
class Expected:
    """`message`: an msgid with `{value}` (the value as written) and the names in `fields`;
    `meant`: the value as the author probably meant it (the caller proposes it only where it
    meets the whole schema of the place); `words`, where given, builds the message instead."""

    message: str
    meant: Callable[[str], str]
    fields: dict[str, object] = field(default_factory=dict)
    # Words that depend on more than the value's place (`2026-02-30`: February has 28 days),
    # used instead of `message` where given.
    words: Callable[[str], str] | None = None

    def describe(self, value: str) -> str:
        if self.words is not None:
            return self.words(value)
        return _(self.message).format(value=value, **self.fields)


def _kennzeichen(value: str) -> str:
    """`22-20-20`, `22/20/20`, `22 20 20` -> `22.20.20`: the groups as the Aktenplan writes
    them (xdomea Aktenplan.Aktenplan.0301, Kennzeichen)."""
    return re.sub(r"\s*[-/,;:_\s]\s*", ".", value.strip()).strip(".")


def _version(value: str) -> str:
    """`v1.02.0` -> `1.2.0`: no prefix, no leading zeros (Semantic Versioning 2.0.0, 2)."""
    return re.sub(r"(?<![0-9])0+(?=[0-9])", "", value.strip().removeprefix("v").removeprefix("V"))


def _https(value: str) -> str:
    """`http://x` and `www.x` -> `https://x`, `https://www.x`."""
    text = value.strip()
    if text.lower().startswith("http://"):
        return "https://" + text[len("http://") :]
    return text if "://" in text else "https://" + text


# German letters in the spelling of a code list key, upper case kept (DIN 5007-2).
_KEY_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", " ": "_"}
)


def _key(value: str) -> str:
    return value.strip().translate(_KEY_LETTERS)


def _field_path(value: str) -> str:
    """`Antragsteller.Geburtsdatum` -> `antragsteller.geburtsdatum`, `a/b` -> `a.b`."""
    return ".".join(ascii_form(part) for part in re.split(r"[./]", value.strip()))


def _upper(value: str) -> str:
    """`Brilon-Stadt` -> `BRILON_STADT`: a Doxis4 name as this catalogue writes them."""
    return ascii_form(value).upper()


def _letters(value: str) -> str:
    return re.sub(r"[^A-Z]", "", ascii_form(value).upper())


def _ags(value: str) -> str:
    """`05 9 58 004` -> `05958004`; seven digits have lost the leading 0 of an AGS in NRW."""
    digits = re.sub(r"[\s.\-/]", "", value)
    return "0" + digits if len(digits) == 7 and digits.isdigit() else digits


_DOXIS4_NAME = N_(
    "'{value}' is not a valid Doxis4 name: use 2 to {most} capital letters A-Z, digits and _, "
    "starting with a letter"
)

# What a one-line text may not hold: tabs and line breaks (the other C0 controls are FA015's,
# as XML forbids them), DEL and the C1 controls, line and paragraph separators, and the marks
# and embeddings that turn the writing direction (Unicode Bidi, UAX #9), which would show a
# title in Doxis4 other than it reads in the file.
ONE_LINE = (
    "^[^\\t\\n\\r\\u007F-\\u009F\\u200E\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]*$"
)
# The same class, not negated: "^[^" + class + "]*$".
_NOT_ONE_LINE = re.compile("[" + ONE_LINE[len("^[^") : -len("]*$")] + "]")


def _one_line(value: str) -> str:
    """The text with tabs and line breaks as blanks, the other characters left out."""
    spaced = re.sub(r"[\t\n\r\u2028\u2029]+", " ", value)
    return " ".join(_NOT_ONE_LINE.sub("", spaced).split())


PATTERNS: dict[str, Expected] = {
    ONE_LINE: Expected(
        N_(
            "'{value}' is not one line of visible text: it holds a control character, a line "
            "break or a character that turns the writing direction"
        ),
        _one_line,
    ),
    "^[a-z][a-z0-9_]*$": Expected(
        N_(
            "'{value}' is not a valid id: use lowercase letters a-z, digits and _, starting "
            "with a letter"
        ),
        ascii_form,
    ),
    r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$": Expected(
        N_(
            "'{value}' is not a valid field path: write a field id, for a field of a Baustein "
            "the ids joined by dots, such as antragsteller.geburtsdatum"
        ),
        _field_path,
    ),
    r"^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$": Expected(
        N_(
            "'{value}' is not a valid Aktenplan Kennzeichen: write one to six groups of one "
            "to three digits, separated by dots, such as 50.60.10"
        ),
        _kennzeichen,
    ),
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$": Expected(
        N_(
            "'{value}' is not a version MAJOR.MINOR.PATCH: write three numbers without "
            "leading zeros, separated by dots, such as 1.2.0"
        ),
        _version,
    ),
    "^https://": Expected(
        N_("'{value}' is not an https address: write the web address with https://"),
        _https,
    ),
    "^[A-Za-z0-9][A-Za-z0-9_.-]*$": Expected(
        N_(
            "'{value}' is not a valid key: use letters A-Z and a-z, digits, _, . and -, "
            "starting with a letter or a digit"
        ),
        _key,
    ),
    "^[A-Z][A-Z0-9_]{1,31}$": Expected(_DOXIS4_NAME, _upper, {"most": 32}),
    "^[A-Z][A-Z0-9_]{1,63}$": Expected(_DOXIS4_NAME, _upper, {"most": 64}),
    "^[0-9]{8}$": Expected(
        N_(
            "'{value}' is not an Amtlicher Gemeindeschlüssel (AGS): write its 8 digits, "
            "such as 05958004"
        ),
        _ags,
    ),
    "^[A-Z]{2,6}$": Expected(
        N_("'{value}' is not a valid short name: use 2 to 6 capital letters A-Z"),
        _letters,
    ),
}


FORMATS: dict[str, Expected] = {
    # RFC 3339 full-date, which JSON Schema's `date` format is; the words say which part
    # names no day of the calendar where one does (date_texts).
    "date": Expected(date_texts.NOT_A_DATE, date_texts.meant, words=date_texts.describe),
}
