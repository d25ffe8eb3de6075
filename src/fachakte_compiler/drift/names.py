"""Installed names that only look like the catalogue's naming scheme: a letter of another script
drawn like a Latin one (a Cyrillic 'О' in WОHNGELD_…), a blank before or after the name, an
invisible character. Compared as typed they match nothing, so drift would pass over them in
silence; read in their Latin form they are in the scheme, and are reported as what they are."""

from __future__ import annotations

import unicodedata

from fachakte_compiler.diagnostics.suggest import LOOKALIKES

# Capital Cyrillic and Greek letters drawn like a Latin capital (Unicode confusables, UTS #39):
# Doxis4 names of the catalogue are capitals, so these are the ones a copied text brings in.
_CAPITALS = {
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_LATIN = str.maketrans({**LOOKALIKES, **_CAPITALS})


def latin_form(name: str) -> str:
    """`name` as the naming scheme would read it: compatibility forms folded (NFKC), invisible
    format characters left out, blanks around it dropped and inside it read as '_', lookalike
    letters as their Latin letter, in capitals."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return "_".join(visible.split()).translate(_LATIN).upper()


def looks_alike(name: str) -> bool:
    """Whether `name` differs from its Latin form in more than letter case."""
    return latin_form(name) != name.upper()


def oddities(name: str) -> tuple[str, str]:
    """(English, German) text of what makes `name` differ from its Latin form."""
    en: list[str] = []
    de: list[str] = []
    if name != name.strip():
        en.append("a blank before or after the name")
        de.append("ein Leerzeichen vor oder nach dem Namen")
    for char in dict.fromkeys(name.strip()):
        if char.isascii() and char.isprintable():
            continue
        code = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
        if char.isspace():
            en.append(f"a blank inside the name ({code})")
            de.append(f"ein Leerraum im Namen ({code})")
        elif unicodedata.category(char) in ("Cf", "Cc"):
            en.append(f"an invisible character ({code})")
            de.append(f"ein unsichtbares Zeichen ({code})")
        else:
            en.append(f"'{char}' is {code}, not a Latin letter")
            de.append(f"'{char}' ist {code}, kein lateinischer Buchstabe")
    return "; ".join(en), "; ".join(de)


def shown_name(name: str) -> str:
    """`name` in quotes with control and invisible characters escaped, so that a blank before
    it or a character nobody sees is visible in a one-line message."""
    escaped = "".join(
        c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii")
        for c in name
    )
    return f"'{escaped}'"
