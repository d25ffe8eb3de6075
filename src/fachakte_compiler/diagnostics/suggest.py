"""Did-you-mean suggestions for misspelt names: the one place that picks a name to propose.

A suggestion only ever names a candidate that exists and that the author could write as it is:
an id proposed for a reference must itself be a valid id (`^[a-z][a-z0-9_]*$`, at most 64
characters: `$defs/id` of schemas/common.schema.json), so a misspelt `fundort` never gets
`fundört` or `fundort` with a zero-width space, which are errors themselves (FA105). Every
caller says which names are valid in its vocabulary (`valid=is_id`, or None for the tool's own
words such as schema keys, rule codes and git refs); names with invisible or control characters
are never proposed, whatever the vocabulary.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from fachakte_compiler.i18n import _

# The id pattern and length of schemas/common.schema.json `$defs/id` (tests/test_suggest.py
# keeps them equal). fullmatch: unlike ECMA-262's `$`, Python's `$` would accept a final "\n".
ID = re.compile(r"[a-z][a-z0-9_]{0,63}")

# German letters an author may type in an id, in the ASCII spelling ids use (DIN 5007-2).
_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "_", "\u00a0": "_", "-": "_"}
# Cyrillic and Greek small letters drawn like a Latin one (Unicode's confusables.txt, UTS #39),
# which a keyboard layout or a copied text puts into an id where nobody sees them.
LOOKALIKES = {
    "а": "a", "с": "c", "ԁ": "d", "е": "e", "һ": "h", "і": "i", "ј": "j", "ӏ": "l", "о": "o",
    "р": "p", "ԛ": "q", "ѕ": "s", "ԝ": "w", "х": "x", "у": "y",
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u",
}  # fmt: skip
_ASCII = str.maketrans({**_GERMAN, **LOOKALIKES})


def is_id(name: str) -> bool:
    """True when `name` is a valid technical id (lowercase ASCII snake_case, 1-64 characters)."""
    return ID.fullmatch(name) is not None


def ascii_form(name: str) -> str:
    """`name` in the spelling of ids ('Fundört' -> 'fundoert', 'Grab-Feld 2' -> 'grab_feld_2'):
    lower case, ä/ö/ü/ß as ae/oe/ue/ss, blanks and hyphens as `_`, a Cyrillic or Greek letter
    drawn like a Latin one as that letter, invisible format characters (a zero-width space)
    left out; not necessarily valid."""
    visible = "".join(c for c in name if unicodedata.category(c) != "Cf")
    return visible.strip().lower().translate(_ASCII)


def meant_spellings(name: str) -> set[str]:
    """The names an author may have meant by the invalid id `name`, as references write it:
    the name itself, its ASCII spelling and that without the accents ('Bescheiddätum' ->
    'bescheiddaetum', 'bescheiddatum')."""
    unaccented = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    )
    return {name, ascii_form(name), ascii_form(unaccented)}


def lookalike_note(name: str) -> str | None:
    """Which letters of `name` only look Latin ("'а' is the Cyrillic letter U+0430, not the
    Latin 'a'"), for a proposal that would otherwise look like the name itself; or None."""
    notes = []
    for letter in dict.fromkeys(c for c in name.lower() if c in LOOKALIKES):
        script = unicodedata.name(letter, "").split(" ", 1)[0]
        said = (
            _("'{letter}' is the Cyrillic letter U+{code}, not the Latin '{latin}'")
            if script == "CYRILLIC"
            else _("'{letter}' is the Greek letter U+{code}, not the Latin '{latin}'")
        )
        notes.append(
            said.format(letter=letter, code=f"{ord(letter):04X}", latin=LOOKALIKES[letter])
        )
    return "; ".join(notes) or None


def ascii_id(name: str) -> str | None:
    """`ascii_form(name)` when it is a valid id other than `name` itself, else None."""
    meant = ascii_form(name)
    return meant if meant != name and is_id(meant) else None


def _shown_as_typed(name: str) -> bool:
    # A zero-width space or a control character would make the proposal look right and be
    # wrong; such a name is a finding of its own, never a proposal.
    return name.isprintable()


def closest(
    name: str, candidates: Iterable[object], *, valid: Callable[[str], bool] | None
) -> str | None:
    """The candidate `name` most likely stands for, or None.

    Only candidates that are strings, shown as typed, and accepted by `valid` (None: any name
    of the tool's own vocabulary) are proposed. The ASCII spelling of `name` (`fundört` ->
    `fundoert`) wins when it is a candidate; otherwise the closest spelling (difflib, ratio at
    least 0.7)."""
    pool = sorted(
        {
            c
            for c in candidates
            if isinstance(c, str) and _shown_as_typed(c) and (valid is None or valid(c))
        }
    )
    meant = ascii_id(name)
    if meant is not None and meant in pool:
        return meant
    matches = difflib.get_close_matches(name, pool, n=1, cutoff=0.7)
    return matches[0] if matches else None


def suggestion_text(names: Sequence[str]) -> str:
    """ "did you mean 'a'?" or "did you mean 'a' or 'b'?" in the user's language."""
    if len(names) == 1:
        return _("did you mean '{name}'?").format(name=names[0])
    return _("did you mean {choices}?").format(choices=_(" or ").join(f"'{n}'" for n in names))


def respelling(written: str, meant: str) -> str:
    """ "did you mean 'meant'?" for a name `written` differently, naming the letters that only
    look Latin when the two would look alike."""
    note = lookalike_note(written)
    return f"{suggestion_text([meant])} ({note})" if note else suggestion_text([meant])


def did_you_mean(
    name: str, candidates: Iterable[object], *, valid: Callable[[str], bool] | None
) -> str | None:
    """ "did you mean 'x'?" for the candidate `closest` picks, or None."""
    match = closest(name, candidates, valid=valid)
    return suggestion_text([match]) if match else None


def with_suggestion(
    message: str, name: str, candidates: Iterable[object], *, valid: Callable[[str], bool] | None
) -> str:
    """`message` about the unknown `name`, with the closest candidate in parentheses when there
    is one ("unknown tenant 'x' (did you mean 'y'?)"), so that more text may follow it."""
    match = closest(name, candidates, valid=valid)
    if match is None:
        return message
    return _("{message} (did you mean '{name}'?)").format(message=message, name=match)
