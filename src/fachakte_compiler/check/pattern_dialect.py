"""The regular-expression dialect of field patterns: what Java, XML Schema and ECMA-262 read alike.

A field's `pattern` is checked by editors and JSON Schema tools (ECMA-262 with the `u` flag),
written into the Doxis4 package, where Doxis4 applies it with `java.util.regex`, and is meant to
become an `xs:pattern` facet (XML Schema 1.0, appendix F). A pattern is accepted only if all three
read it the same way:

- A pattern starts with `^` and ends with `$`: it describes the whole value, as XML Schema and
  Doxis4 read it (ECMA-262 would otherwise find it anywhere in the text). XML Schema patterns
  have no anchors, so both are removed before the rest is judged. Anywhere else `^` and `$`
  are anchors in Java and ECMA-262 but ordinary characters in XML Schema, and a `|` outside a
  group would leave the anchors on one alternative only.
- The rest must compile in a real ECMA-262 engine (regress, as in jsonschema-rs) and in a real
  XML Schema engine (libxml2 through lxml). That excludes Python- and Java-only syntax such as
  `(?P<x>…)`, `(?:…)`, `\\Z`, `\\A`, `\\b`, back-references, lazy quantifiers and POSIX classes.
- Constructs that both engines accept but that mean different things are refused by name, since
  no engine can show the difference: `\\d \\w \\s` (ASCII in Java and ECMA-262, all of Unicode
  in XML Schema), `.` (each excludes other line breaks), and inside a class `&&` and `[`
  (intersection and union in Java). Java is judged by these rules rather than by running a JVM.

`\\p{L}`, `\\p{Lu}`, `\\P{N}` (Unicode general categories) are in the dialect.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fachakte_compiler.i18n import N_, _
from fachakte_compiler.language import german


@dataclass(frozen=True)
class PatternProblem:
    """Why a pattern is refused. `portable` is False where no ECMA-262 engine accepts it at all
    (FA216); True where it is a valid ECMA-262 pattern outside the common dialect (FA217)."""

    message: str
    hint: str
    portable: bool


_SHORTHANDS = "dDwWsS"


def _core(pattern: str) -> str:
    """`pattern` without a leading `^` and an unescaped trailing `$`."""
    core = pattern[1:] if pattern.startswith("^") else pattern
    if core.endswith("$"):
        backslashes = len(core[:-1]) - len(core[:-1].rstrip("\\"))
        if backslashes % 2 == 0:
            core = core[:-1]
    return core


def _meaning_differs(core: str) -> PatternProblem | None:
    """The first construct all engines accept but read differently, if any."""
    in_class, index, depth = False, 0, 0
    while index < len(core):
        char = core[index]
        if char == "\\" and index + 1 < len(core):
            escaped = core[index + 1]
            if escaped in _SHORTHANDS:
                return PatternProblem(
                    _(
                        "'\\{escaped}' matches different characters in Java, XML Schema and "
                        "ECMA-262"
                    ).format(escaped=escaped),
                    _(
                        "write the characters out, e.g. [0-9] for \\d, [A-Za-z0-9_] for \\w, [ "
                        "\\t\\n\\r] for \\s"
                    ),
                    True,
                )
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif core.startswith("&&", index) or char == "[":
                return PatternProblem(
                    _(
                        "'{value}' inside a character class means intersection or union in Java "
                        "but not in XML Schema or ECMA-262"
                    ).format(value=core[index : index + 2] if char == "&" else char),
                    _("write the class out as one list of characters and ranges"),
                    True,
                )
        elif char == "[":
            in_class = True
            # A ']' or '^]' right after '[' is a literal in Java but ends the class in ECMA-262.
            if core.startswith("]", index + 1) or core.startswith("^]", index + 1):
                return PatternProblem(
                    _(
                        "a ']' at the start of a character class is read differently in Java and "
                        "ECMA-262"
                    ),
                    _("escape it: \\]"),
                    True,
                )
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return PatternProblem(
                _(
                    "'|' outside a group binds weaker than '^' and '$': in Java and ECMA-262 "
                    "the anchors then hold for one alternative only"
                ),
                _("group the alternatives: ^(a|b)$"),
                True,
            )
        elif char in "^$":
            return PatternProblem(
                (
                    _(
                        "'^' is only allowed at the very start of a pattern; XML Schema reads it "
                        "as an ordinary character elsewhere"
                    )
                    if char == "^"
                    else _(
                        "'$' is only allowed at the very end of a pattern; XML Schema reads it "
                        "as an ordinary character elsewhere"
                    )
                ),
                _("remove it, or escape it (\\{char}) for the character itself").format(char=char),
                True,
            )
        elif char == ".":
            return PatternProblem(
                _("'.' excludes different line-break characters in Java, XML Schema and ECMA-262"),
                _("use a character class, e.g. [^\\n\\r] or the characters allowed"),
                True,
            )
        index += 1
    return None


def _xsd_error(core: str) -> str | None:
    """libxml2's complaint about `core` as an xs:pattern facet, or None if it compiles."""
    from lxml import etree

    # lxml writes the attribute value (rather than xml.sax.saxutils.quoteattr, which imports
    # urllib.request: about 0.1 CPU-s in every validate and compile).
    schema = etree.fromstring(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:simpleType name="t">'
        '<xs:restriction base="xs:string"><xs:pattern/></xs:restriction></xs:simpleType>'
        "</xs:schema>"
    )
    try:
        schema[0][0][0].set("value", core)
    except ValueError:
        return _("it contains a character XML does not allow")
    try:
        etree.XMLSchema(schema)
    except etree.XMLSchemaParseError as exc:
        last = exc.error_log.last_error
        return (last.message if last is not None else str(exc)).strip()
    return None


def pattern_problem(pattern: str) -> PatternProblem | None:
    """None if `pattern` is in the dialect (see the module docstring), else why not (in the
    user's language)."""
    return _pattern_problem(pattern, german())


# What the errors of the `regress` engine (its own English words) mean, in the user's
# language; an error not listed keeps the engine's words.
_ENGINE_ERRORS = {
    "Unbalanced bracket": N_("a '[' without its ']'"),
    "Unbalanced parenthesis": N_("a '(' without its ')', or a ')' without its '('"),
    "Invalid quantifier": N_("a repetition in braces that is not {n}, {n,} or {n,m} with n <= m"),
    "Invalid atom character": N_("a repetition (*, +, ?, {n}) with nothing before it to repeat"),
    "Invalid group modifier": N_("a group '(?…' of a kind ECMA-262 does not know"),
    "Invalid token at named capture group identifier": N_("a malformed group name '(?<name>…)'"),
    "Range values reversed, start char code is greater than end char code.": N_(
        "a range in '[…]' whose start comes after its end (write [a-z], not [z-a])"
    ),
    "Incomplete escape": N_("a '\\' at the very end"),
    "Invalid character escape": N_("an escape '\\…' that ECMA-262 does not know"),
    "Invalid character range": N_("a range in '[…]' between a class such as \\d and a letter"),
    "Invalid unicode escape": N_("a '\\u' escape that names no character"),
    "Duplicate capture group name": N_("two groups with the same name"),
    "Invalid property name": N_("an unknown Unicode property in '\\p{…}'"),
}


def _engine_reason(error: Exception) -> str:
    text = str(error)
    known = _ENGINE_ERRORS.get(text)
    return _(known) if known else text


@cache
def _pattern_problem(pattern: str, in_german: bool) -> PatternProblem | None:
    # Cached per language: the texts are translated when the problem is found.
    import regress

    try:
        regress.Regex(pattern, "u")
    except regress.RegressError as exc:
        return PatternProblem(
            _(
                "not a valid regular expression (ECMA-262, as JSON Schema reads it): {reason}"
            ).format(reason=_engine_reason(exc)),
            _("see `fachakte explain FA216` for the syntax fields may use"),
            False,
        )
    core = _core(pattern)
    if len(core) + 2 != len(pattern) or not pattern.startswith("^"):
        return PatternProblem(
            _(
                "a pattern must start with '^' and end with '$': it describes the whole "
                "value, as XML Schema and Doxis4 read it, while ECMA-262 would find it "
                "anywhere in the text"
            ),
            _("write ^{core}$").format(core=core),
            True,
        )
    found = _meaning_differs(core)
    if found is not None:
        return found
    error = _xsd_error(core)
    if error is not None:
        return PatternProblem(
            _("XML Schema cannot read this pattern ({error})").format(error=error),
            _(
                "use only the syntax Java, XML Schema and ECMA-262 share; see `fachakte "
                "explain FA217`"
            ),
            True,
        )
    return None
