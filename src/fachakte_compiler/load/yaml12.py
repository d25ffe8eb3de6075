"""Where libyaml reads a file differently than YAML 1.2 and editors do (FA014, FA016).

The loader parses with libyaml (YAML 1.1 in places); editors, the YAML language server and
people read YAML 1.2. Where the two part, a file is refused instead of read one way silently.
The checks look at the composed nodes and, only where a quick look at the text finds a
candidate, at libyaml's tokens; a clean file costs one pass over its quoted and block texts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

import yaml

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.i18n import N_, _, ngettext
from fachakte_compiler.load.codes import FA016

# After a closing quote YAML 1.2 needs a separator: space, line end, flow indicator or ':'.
_AFTER_QUOTE = frozenset(" \t\r\n,]}:")
# Anchors and aliases whose YAML 1.2 name holds more than libyaml reads (letters, digits, -, _).
_ODD_ANCHOR = re.compile(r"(?:^|(?<=[\s\[\]{},]))[&*][^\s\[\]{},]*[^\w\s\[\]{},-]", re.MULTILINE)
# '?' glued to a key inside { }: YAML 1.2 reads '?foo' as a plain text, libyaml as '? foo'.
_FLOW_QUESTION = re.compile(r"[{,]\s*\?[^\s]")
_SPACES = re.compile(" *")
_SEPARATORS = re.compile("[\u2028\u2029\u0085]|\r(?!\n)")
_SEPARATOR_NAMES = {
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\u0085": "U+0085 NEXT LINE",
    "\r": N_("a carriage return without a line feed"),
}


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Index of the first character of each line (the text's hash is kept by the string, so
    finding it again costs nothing)."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _span_at(text: str, index: int, length: int = 1) -> Span:
    # Counting the line feeds before `index` for each finding was quadratic in a file with
    # thousands of them.
    starts = _line_starts(text)
    line = bisect_right(starts, index)
    col = index - starts[line - 1] + 1
    return Span(line, col, col + length)


def line_separators(text: str, display: str) -> list[Diagnostic]:
    """FA016 for every character libyaml counts as a line break but editors do not."""
    return [
        Diagnostic(
            FA016.code,
            _(
                "{character} is a line break for the loader but not for editors; "
                "line numbers and the text would differ from what you see"
            ).format(character=_(_SEPARATOR_NAMES[match.group()])),
            display,
            _span_at(text, match.start()),
            hint=_("replace it by a normal line break or a space"),
        )
        for match in _SEPARATORS.finditer(text)
    ][:20]


def _after_spaces(text: str, index: int, end: int) -> int:
    """Index of the first character from `index` on that is not a space (at most `end`)."""
    match = _SPACES.match(text, index, end)
    return match.end() if match else index


def _continued_too_far_left(text: str, node: yaml.Node, indent: int) -> int | None:
    """Index of the first continuation line of `node` not indented more than `indent`."""
    start, end = node.start_mark.index, node.end_mark.index
    index = text.find("\n", start, end)
    while index != -1:
        line_start = index + 1
        # Matched in place: slicing the rest of the node for each of its lines was quadratic
        # in a flow list of many lines.
        content = _after_spaces(text, line_start, end)
        rest = text[content : content + 1]
        if rest not in ("", "\n", "\r") and content - line_start <= indent:
            return line_start
        index = text.find("\n", line_start, end)
    return None


def node_problems(
    text: str, node: yaml.Node, indent: int | None
) -> Iterator[tuple[str, str, Span]]:
    """(message, hint, span) for each way `node` is read differently; `indent` is the column
    (0-based) of the key or '-' that holds it, -1 at the top, None inside a flow collection
    (whose outermost collection is judged as a whole)."""
    if isinstance(node, yaml.ScalarNode) and node.style in ('"', "'"):
        end = node.end_mark.index
        if end < len(text) and text[end] not in _AFTER_QUOTE:
            yield (
                _("text continues right after the closing quote: {text!r}").format(
                    text=text[end : end + 20]
                ),
                _("put a space before a comment (# …) or move the text inside the quotes"),
                _span_at(text, end),
            )
    if indent is not None and (
        (isinstance(node, yaml.ScalarNode) and node.style in ('"', "'"))
        or (isinstance(node, yaml.CollectionNode) and node.flow_style)
    ):
        where = _continued_too_far_left(text, node, indent)
        if where is not None:
            where = _after_spaces(text, where, len(text))
            yield (
                _(
                    "the value continues on the next line at column {column}, not to the right "
                    "of its key"
                ).format(column=_span_at(text, where).col),
                ngettext(
                    "indent the continuation by at least {count} space",
                    "indent the continuation by at least {count} spaces",
                    indent + 1,
                ).format(count=indent + 1),
                _span_at(text, where),
            )
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        start, end = node.start_mark.index, node.end_mark.index
        header_end = text.find("\n", start)
        header = text[start : header_end if header_end != -1 else len(text)]
        if "#" in header:
            yield (
                _("comment on the '{style}' line of a block text").format(style=node.style),
                _("put the comment on a line of its own above the key"),
                _span_at(text, start + header.index("#"), len(header) - header.index("#")),
            )
        region = text[start:end].rstrip("\n")
        last_break = region.rfind("\n")
        last = region[last_break + 1 :]
        if last_break != -1 and last and not last.strip(" "):
            yield (
                _("the block text ends in a line of only spaces, which parsers keep differently"),
                _("remove the spaces from that line"),
                _span_at(text, start + last_break + 1, len(last)),
            )


def _tokens(text: str) -> Iterator[yaml.Token]:
    """libyaml's tokens up to the end or up to a syntax error, which the parse reports."""
    scanner = yaml.scan(text, Loader=yaml.CSafeLoader)
    while True:
        try:
            yield next(scanner)
        except (StopIteration, yaml.YAMLError):
            return


def token_problems(text: str) -> Iterator[tuple[str, str, Span]]:
    """Anchors, aliases and flow keys that libyaml tokenizes differently from YAML 1.2."""
    # The `in` tests first: the patterns take a second on 4 MiB, a character test milliseconds.
    if not (
        (("&" in text or "*" in text) and _ODD_ANCHOR.search(text))
        or ("?" in text and _FLOW_QUESTION.search(text))
    ):
        return
    for token in _tokens(text):
        start, end = token.start_mark.index, token.end_mark.index
        if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
            if end < len(text) and text[end] not in " \t\r\n,]}":
                written = re.match(r"[^\s\[\]{},]*", text[start:]).group()  # type: ignore[union-attr]
                yield (
                    _("'{written}' is read as '{anchor}' followed by the text '{rest}'").format(
                        written=written, anchor=text[start:end], rest=written[end - start :]
                    ),
                    _("use only letters, digits, '-' and '_' in anchor names"),
                    _span_at(text, start, len(written)),
                )
        elif (
            isinstance(token, yaml.KeyToken)
            and text[start : start + 1] == "?"
            and text[start + 1 : start + 2] not in (" ", "\t", "\n", "\r", "")
        ):
            yield (
                _(
                    "'?' directly before a key inside {{ }} is read as a key marker here but as "
                    "part of the text in YAML 1.2"
                ).format(),
                _("remove the '?' or quote the key"),
                _span_at(text, start, 1),
            )


def stray_tabs(text: str) -> Iterator[tuple[str, str, Span]]:
    """Tabs outside quoted texts, block texts and comments. libyaml reads them as separating
    spaces (or keeps them inside an unquoted text); ruamel.yaml, which `fachakte fmt` rewrites
    files with, refuses them, and people cannot tell them from spaces."""
    if "\t" not in text:
        return
    quoted: list[tuple[int, int]] = []
    for token in _tokens(text):
        if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'", "|", ">"):
            start, end = token.start_mark.index, token.end_mark.index
            if token.style in ("|", ">"):
                # The header line (`|-`, `>2`) is no content; a tab there is refused too.
                start = text.find("\n", start) + 1 or end
            quoted.append((start, end))

    # The tokens come in order and do not overlap: the text that may hold `index` is the last
    # one starting at or before it (a search through all of them was quadratic).
    starts = [start for start, _end in quoted]

    def inside(index: int) -> bool:
        at = bisect_right(starts, index) - 1
        return at >= 0 and index < quoted[at][1]

    found = 0
    for match in re.finditer("\t", text):
        index = match.start()
        if inside(index):
            continue
        line_start = text.rfind("\n", 0, index) + 1
        comment = any(
            text[j] == "#" and (j == line_start or text[j - 1] in " \t") and not inside(j)
            for j in range(line_start, index)
        )
        if comment:
            continue
        yield (
            _(
                "tab character outside quotes, block texts and comments, which YAML 1.2 "
                "readers such as `fachakte fmt` do not accept there"
            ),
            _("replace it with a space; a tab meant inside a text needs double quotes (\\t)"),
            _span_at(text, index),
        )
        found += 1
        if found == 20:
            return
