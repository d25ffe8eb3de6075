"""Characters that XML 1.0 cannot carry, found and replaced in one place.

XML 1.0 (§2.2, production [2] Char) allows only TAB, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and
U+10000–U+10FFFF; a document with any other character (a control character from a YAML escape
such as "\\x01", a lone surrogate, U+FFFE) is not well-formed and every consumer rejects it.
Definitions with such text are findings (FA015); reports, which quote the input, and the target
templates replace what is left instead of writing a broken document.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# The complement of production [2], listed: the class negating the allowed ranges finds the
# same characters but takes Python 10-30 ms to compile, in every process that imports this.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escaped(char: str) -> str:
    """A visible stand-in for a forbidden character in a report: `\\x01`, `\\ud800`."""
    point = ord(char)
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def xml_safe(text: str, replace: Callable[[str], str] = lambda _: "\ufffd") -> str:
    """`text` with every character XML 1.0 forbids replaced (by U+FFFD unless told)."""
    if FORBIDDEN.search(text) is None:
        return text
    return FORBIDDEN.sub(lambda match: replace(match.group()), text)
