"""YAML syntax errors in plain words, at the line where the author must look.

PyYAML reports where its parser gave up, in parser terms ("while parsing a block mapping did not
find expected key"). That place is often far from the cause: an unclosed quote swallows the
following lines until the next quote, and a missing ':' is noticed one line later. `explain`
recognises the usual causes from the text and the parser's marks and names them where they are:
the quote or bracket that opens, the line without ':', the line whose indentation matches
nothing above, the '-' without a space. Anything else keeps the parser's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from fachakte_compiler.diagnostics import Span
from fachakte_compiler.i18n import N_, _, ngettext

# A line that opens a mapping entry or list item: `key:`, `- key:` or `- ` (YAML structure, not
# the inside of a text).
_STRUCTURE = re.compile(r"^\s*(-\s+)?[A-Za-z_][\w.-]*:(\s|$)|^\s*-\s")
# `-id: x` or `-label`: a list item written without the space after the dash.
_DASH_WITHOUT_SPACE = re.compile(r"^(\s*)-([A-Za-z_][\w.-]*)")
# How many lines above the parser's complaint a dash without a space is looked for.
_DASH_LOOKBACK = 3


@dataclass(frozen=True)
class Explained:
    message: str
    hint: str | None
    span: Span


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_column(line: str) -> int:
    """0-based column where a line's key or value starts, after its indentation and any '- '."""
    match = re.match(r"^(\s*)(-\s+)*", line)
    return match.end() if match else 0


def _meaningful(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> Explained | None:
    """The quote that opens a text which never ends, or ends only lines later after swallowing
    lines that look like YAML structure."""
    context = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and context is not None:
        return _quote_at(text, context.line, context.column)
    lines = text.split("\n")
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
                continue
            start, end = token.start_mark, token.end_mark
            inner = lines[start.line + 1 : end.line + 1]
            if end.line > start.line and any(_STRUCTURE.match(line) for line in inner):
                return _quote_at(text, start.line, start.column)
    except yaml.YAMLError:
        pass
    return None


def _quote_at(text: str, line: int, column: int) -> Explained:
    quote = text.split("\n")[line][column : column + 1] or '"'
    return Explained(
        _("the quote {quote} opened here is never closed").format(quote=quote),
        _("end the text with {quote} on this line").format(quote=quote),
        Span(line + 1, column + 1, column + 2),
    )


_FLOW = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _unclosed_bracket(exc: yaml.MarkedYAMLError) -> Explained | None:
    """The '[' or '{' whose list or mapping runs into the next lines: the parser only notices
    at the next line's key, which is not where the author must look."""
    brackets, start, problem = _FLOW.get(exc.context or ""), exc.context_mark, exc.problem_mark
    if brackets is None or start is None or problem is None or problem.line <= start.line:
        return None
    opening, closing = brackets
    return Explained(
        _("the {opening} opened here is never closed").format(opening=opening),
        _("end the list with {closing} on this line").format(closing=closing)
        if opening == "["
        else _("end the mapping with {closing} on this line").format(closing=closing),
        Span(start.line + 1, start.column + 1, start.column + 2),
    )


def _missing_colon(text: str, exc: yaml.MarkedYAMLError) -> Explained | None:
    mark = exc.context_mark
    if exc.problem != "could not find expected ':'" or mark is None:
        return None
    line = text.split("\n")[mark.line]
    words = line.strip()
    key = words.split()[0] if words else ""
    return Explained(
        _("this line has no ':' after its key"),
        _("write '{key}: …' (a colon and a space after the key)").format(key=key),
        Span(mark.line + 1, mark.column + 1, len(line.rstrip()) + 1),
    )


def _dash_without_space(text: str, problem_line: int) -> Explained | None:
    lines = text.split("\n")
    for number in range(problem_line, max(-1, problem_line - _DASH_LOOKBACK - 1), -1):
        if number >= len(lines):
            continue
        match = _DASH_WITHOUT_SPACE.match(lines[number])
        if match and not lines[number].lstrip().startswith("---"):
            column = len(match.group(1))
            return Explained(
                _(
                    "'-{word}' has no space after the dash, so YAML reads it as a key, not as a "
                    "list item"
                ).format(word=match.group(2)),
                _("write '- {word}'").format(word=match.group(2)),
                Span(number + 1, column + 1, column + 2),
            )
    return None


_INDENTATION_PROBLEMS = (
    "mapping values are not allowed in this context",
    "did not find expected key",
    "did not find expected '-' indicator",
    "expected <block end>, but found '<block mapping start>'",
    "expected <block end>, but found '<block sequence start>'",
)


def _indentation(text: str, exc: yaml.MarkedYAMLError) -> Explained | None:
    """A line whose indentation is that of no line of its block above it; the hint names the
    line it should align with (the nearest column, a list item with a list item)."""
    mark = exc.problem_mark
    if mark is None or exc.problem not in _INDENTATION_PROBLEMS:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines) or not _meaningful(lines[mark.line]):
        return None
    line = lines[mark.line]
    own, dash = _indent(line), line.lstrip().startswith("- ")
    # (distance, not the same kind of line, lines back, column): a list item aligns with list
    # items, a key with keys.
    candidates: list[tuple[int, bool, int, int]] = []
    floor = own
    for number in range(mark.line - 1, -1, -1):
        above = lines[number]
        if not _meaningful(above):
            continue
        above_dash = above.lstrip().startswith("- ")
        columns = [(_indent(above), dash != above_dash)]
        if above_dash:
            columns.append((_content_column(above), dash))
        for column, other_kind in columns:
            if column <= floor + 2:
                candidates.append((abs(column - own), other_kind, mark.line - number, column))
        floor = min(floor, _indent(above))
        if _indent(above) == 0:
            break
    if any(candidate[0] == 0 for candidate in candidates):
        return _colon_in_text(line, mark) if exc.problem.startswith("mapping values") else None
    if not candidates:
        return None
    _distance, _kind, back, column = min(candidates)
    like = mark.line + 1 - back
    return Explained(
        ngettext(
            "the indentation of this line ({spaces} space) does not match the lines above it",
            "the indentation of this line ({spaces} spaces) does not match the lines above it",
            own,
        ).format(spaces=own),
        ngettext(
            "indent it by {spaces} space, like line {line}",
            "indent it by {spaces} spaces, like line {line}",
            column,
        ).format(spaces=column, line=like)
        if column
        else _("do not indent it, like line {line}").format(line=like),
        Span(mark.line + 1, 1, own + 2),
    )


def _colon_in_text(line: str, mark: yaml.Mark) -> Explained | None:
    """`title: Frist: 6 Monate` — a ': ' inside an unquoted text."""
    first = line.find(": ")
    if first < 0 or mark.column <= first:
        return None
    value = line[first + 2 :].strip()
    return Explained(
        _("the text after the key contains ': ', which YAML reads as another key"),
        _('put the whole text in quotes: "{value}"').format(value=value.replace('"', '\\"')),
        Span(mark.line + 1, mark.column + 1, mark.column + 2),
    )


_NAME_AT = re.compile(r"[&*]([^\s\[\]{},]*)")


def _anchor_problem(text: str, exc: yaml.MarkedYAMLError, span: Span) -> Explained | None:
    """An alias without its anchor, or an anchor defined twice (YAML 1.2 allows it, PyYAML's
    composer does not), named with the anchor as written."""
    mark = exc.problem_mark
    if mark is None or exc.problem not in ("found undefined alias", "second occurrence"):
        return None
    found = _NAME_AT.match(text, mark.index)
    name = found.group(1) if found else ""
    if exc.problem == "found undefined alias":
        return Explained(
            _("the alias '*{name}' refers to no anchor '&{name}' above it").format(name=name),
            _("write the value out; definition files need no anchors and aliases"),
            span,
        )
    first = exc.context_mark.line + 1 if exc.context_mark else 1
    return Explained(
        _("the anchor '&{name}' is defined a second time (first on line {first})").format(
            name=name, first=first
        ),
        _("give each anchor a name of its own, or write the values out"),
        span,
    )


def explain(text: str, exc: yaml.MarkedYAMLError) -> Explained:
    """Plain words and the right place for the YAML syntax error `exc` in `text`."""
    problem = exc.problem_mark or exc.context_mark
    problem_line = problem.line if problem else 0
    try:
        explained = (
            _unclosed_quote(text, exc)
            or _unclosed_bracket(exc)
            or _missing_colon(text, exc)
            or _dash_without_space(text, problem_line)
            or _indentation(text, exc)
        )
    except IndexError:
        # A mark beyond the text's lines (a parser quirk at the very end): the parser's words.
        explained = None
    if explained is not None:
        return explained
    span = Span(problem.line + 1, problem.column + 1) if problem else Span(1, 1)
    if exc.problem == "but found another document":
        return Explained(
            _("a second YAML document starts here; a definition file holds exactly one"),
            _("remove the '---' line and what follows, or move it to a file of its own"),
            span,
        )
    anchors = _anchor_problem(text, exc, span)
    if anchors is not None:
        return anchors
    words = " ".join(_(str(part)) for part in (exc.context, exc.problem) if part)
    if not words:
        return Explained(_("invalid YAML"), None, span)
    # The parser's own words (every one in PARSER_WORDS, translated) as what it said.
    return Explained(
        _("the file is not valid YAML here (the parser says: {words})").format(words=words),
        None,
        span,
    )


# Every word of a syntax error the loader can get (a MarkedYAMLError's `context` and `problem`),
# for translation: libyaml's scanner.c and parser.c as PyYAML's wheels build them (with the
# nesting limit of PyYAML's libyaml: "while increasing flow level"), and the composer of
# PyYAML's _yaml.pyx. The reader's errors come as ReaderError and are told in our own words.
# tests/test_yaml_syntax_words.py finds every such text in the libyaml that is installed.
PARSER_WORDS = (
    # context: where the parser was
    N_("while increasing block level"),
    N_("while increasing flow level"),
    N_("while parsing a %TAG directive"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag"),
    N_("while parsing a tag directive"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag"),
    N_("while scanning a tag directive"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
    N_("found duplicate anchor; first occurrence"),
    N_("expected a single document in the stream"),
    # problem: what it found
    N_("block sequence entries are not allowed in this context"),
    N_("could not find expected ':'"),
    N_("could not find expected directive name"),
    N_("did not find URI escaped octet"),
    N_("did not find expected '!'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected <stream-start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected tag URI"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("did not find the expected '>'"),
    N_("exceeded maximum nesting depth"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found character that cannot start any token"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found extremely long version number"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("found unknown escape character"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    N_("found undefined alias"),
    N_("second occurrence"),
    N_("but found another document"),
)
