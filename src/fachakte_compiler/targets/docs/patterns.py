"""Regular expressions of `pattern` fields, explained in German words for readers of the docs.

Covers what definitions use: anchors `^` `$`, literal characters (also escaped, `\\.`), character
classes of digits, letters and whitespace, also negated (`[0-9]`, `[A-Za-z]`, `[^@ \\t]`, `\\d`),
groups with alternatives of single items `(A|B)` and the quantifiers `?`, `*`, `+`, `{n}`,
`{n,}`, `{n,m}`. Anything else (look-arounds, back-references, ...) returns None: the page then
shows the pattern alone rather than a wrong sentence. Syntax as in JSON Schema `pattern`
(ECMA-262), which is what the schema checks.
"""

from __future__ import annotations

from dataclasses import dataclass

# Ranges inside a character class, with (singular, plural) German names.
_RANGES = {
    ("0", "9"): ("Ziffer", "Ziffern"),
    ("A", "Z"): ("Großbuchstabe", "Großbuchstaben"),
    ("a", "z"): ("Kleinbuchstabe", "Kleinbuchstaben"),
}
_ESCAPES = {"d": ("0", "9")}
_SPECIAL = set("^$.|?*+()[]{}\\")


class Unsupported(Exception):
    """The pattern uses a construct the explainer does not put into words."""


@dataclass(frozen=True)
class _Atom:
    """One piece with its repetition: `text` names one occurrence, `plural` several."""

    text: str
    plural: str
    low: int = 1
    high: int | None = 1  # None: no upper limit
    counted: bool = False  # a kind of character ('1 Ziffer'), not a literal ('„-“')

    def words(self) -> str:
        one = f"1 {self.text}" if self.counted else self.text
        if (self.low, self.high) == (1, 1):
            return one
        if (self.low, self.high) == (0, 1):
            return f"optional {one}"
        if self.high is None:
            if self.low == 0:
                return f"beliebig viele {self.plural}"
            return f"mindestens {self.low} {self._noun(self.low)}"
        if self.low == self.high:
            return f"{self.low} {self._noun(self.low)}"
        if self.low == 0:
            return f"höchstens {self.high} {self._noun(self.high)}"
        return f"{self.low} bis {self.high} {self.plural}"

    def _noun(self, count: int) -> str:
        return self.text if count == 1 else self.plural


def _quoted(char: str) -> tuple[str, str]:
    name = "ein Leerzeichen" if char == " " else f"„{char}“"
    return name, "Leerzeichen" if char == " " else f"Zeichen „{char}“"


_CONTROL = {"t": "\t", "n": "\n", "r": "\r"}
_CONTROL_NAMES = {"\t": "Tabulator", "\n": "Zeilenumbruch", "\r": "Wagenrücklauf"}
_WHITESPACE = {(" ", " "), ("\t", "\t"), ("\n", "\n"), ("\r", "\r")}


def _class_words(ranges: list[tuple[str, str]], negated: bool = False) -> tuple[str, str]:
    singular: list[str] = []
    plural: list[str] = []
    if ("A", "Z") in ranges and ("a", "z") in ranges:
        ranges = [r for r in ranges if r not in (("A", "Z"), ("a", "z"))]
        singular.append("Buchstabe")
        plural.append("Buchstaben")
    if set(ranges) >= _WHITESPACE:
        ranges = [r for r in ranges if r not in _WHITESPACE]
        singular.append("Leerraum")
        plural.append("Leerraum")
    for low, high in ranges:
        if (low, high) in _RANGES:
            one, many = _RANGES[(low, high)]
        elif low == high and low in _CONTROL_NAMES:
            one = many = _CONTROL_NAMES[low]
        elif low == high:
            one, many = _quoted(low)
            one = "Leerzeichen" if low == " " else one
        elif low.isdigit() and high.isdigit():
            one, many = f"Ziffer {low} bis {high}", f"Ziffern {low} bis {high}"
        elif low.isalpha() and high.isalpha() and low.isupper() == high.isupper():
            kind = "Großbuchstabe" if low.isupper() else "Kleinbuchstabe"
            one, many = f"{kind} {low} bis {high}", f"{kind}n {low} bis {high}"
        else:
            raise Unsupported(f"range {low}-{high}")
        singular.append(one)
        plural.append(many)
    if negated:
        excluded = _join(singular, "und")
        return f"Zeichen außer {excluded}", f"Zeichen außer {excluded}"
    return _join(singular, "oder"), _join(plural, "oder")


def _join(items: list[str], word: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        self.pos += 1
        return char

    def alternatives(self) -> list[list[_Atom]]:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.take()
            branches.append(self.sequence())
        return branches

    def sequence(self) -> list[_Atom]:
        atoms: list[_Atom] = []
        while self.peek() not in ("", "|", ")"):
            counted = self.peek() == "[" or self.text[self.pos : self.pos + 2] == "\\d"
            text, plural = self.atom()
            low, high = self.quantifier()
            atoms.append(_Atom(text, plural, low, high, counted))
        return atoms

    def atom(self) -> tuple[str, str]:
        char = self.take()
        if char == "[":
            return self.char_class()
        if char == "(":
            if self.peek() == "?":
                if self.text[self.pos : self.pos + 2] != "?:":
                    raise Unsupported("look-around")
                self.pos += 2
            branches = self.alternatives()
            if self.take() != ")":
                raise Unsupported("unclosed group")
            if all(len(b) == 1 and (b[0].low, b[0].high) == (1, 1) for b in branches):
                one = _join([b[0].text for b in branches], "oder")
                return one, f"mal {one}"
            if len(branches) > 1:
                raise Unsupported("alternatives of sequences")
            inner = _sentence(branches[0])
            return f"({inner})", f"Wiederholungen von ({inner})"
        if char == "\\":
            escaped = self.take()
            if escaped in _ESCAPES:
                return _class_words([_ESCAPES[escaped]])
            if escaped in _SPECIAL or escaped in "/-":
                return _quoted(escaped)
            raise Unsupported(f"escape \\{escaped}")
        if char in _SPECIAL:
            raise Unsupported(f"'{char}' at {self.pos}")
        return _quoted(char)

    def char_class(self) -> tuple[str, str]:
        negated = self.peek() == "^"
        if negated:
            self.take()
        ranges: list[tuple[str, str]] = []
        while self.peek() not in ("]", ""):
            low = self.take()
            if low == "\\":
                low = self.take()
                if low in _ESCAPES:
                    ranges.append(_ESCAPES[low])
                    continue
                if low in _CONTROL:
                    low = _CONTROL[low]
                    if self.peek() == "-":
                        raise Unsupported("range of control characters")
            if self.peek() == "-" and self.text[self.pos + 1 : self.pos + 2] not in ("]", ""):
                self.take()
                ranges.append((low, self.take()))
            else:
                ranges.append((low, low))
        if self.take() != "]":
            raise Unsupported("unclosed class")
        return _class_words(ranges, negated)

    def quantifier(self) -> tuple[int, int | None]:
        char = self.peek()
        simple = {"?": (0, 1), "*": (0, None), "+": (1, None)}
        if char in simple:
            self.take()
            return simple[char]
        if char != "{":
            return 1, 1
        end = self.text.find("}", self.pos)
        if end < 0:
            raise Unsupported("unclosed quantifier")
        low, comma, high = self.text[self.pos + 1 : end].partition(",")
        if not low.isdigit() or (high and not high.isdigit()):
            raise Unsupported("quantifier")
        self.pos = end + 1
        if not comma:
            return int(low), int(low)
        return int(low), int(high) if high else None


def _sentence(atoms: list[_Atom]) -> str:
    return ", ".join(a.words() for a in atoms)


def pattern_words(pattern: str) -> str | None:
    """German description of `pattern`, e.g. '^[0-9]{6,14}$' -> 'Aufbau: 6 bis 14 Ziffern';
    None where the pattern uses something this explainer does not cover."""
    body = pattern
    start, end = body.startswith("^"), body.endswith("$") and not body.endswith("\\$")
    body = body[1 if start else 0 : len(body) - (1 if end else 0)]
    parser = _Parser(body)
    try:
        branches = parser.alternatives()
        if parser.pos != len(body) or len(branches) != 1 or not branches[0]:
            return None
    except (Unsupported, IndexError):
        return None
    text = _sentence(branches[0])
    if start and end:
        return f"Aufbau: {text}"
    if start:
        return f"beginnt mit: {text}"
    if end:
        return f"endet mit: {text}"
    return f"enthält irgendwo: {text}"
