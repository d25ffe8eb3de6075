"""Proving cheaply that a file is already canonical, so `fmt` can skip the ruamel.yaml round
trip (pure Python, some 50 times slower than LibYAML) for the files that need no change.

The check composes the file with LibYAML and predicts, line by line, the text that `fmt` would
write for it: keys in schema order, two columns per mapping level, list items two columns in
and their content four, one space after the colon, block scalars two columns below their key.
It answers True only where every line is that predicted text (or a blank line, a full-line
comment at the column of the line it introduces, or a trailing ` # comment`) and every scalar
is of a kind whose spelling the round trip keeps (plain strings that no YAML version reads as
another type, decimal integers, true/false, single-line quoted strings without escapes, block
scalars without indicators). Anything else answers False and takes the round trip, which is
always right; tests/test_fmt_fastcheck.py proves on real and mutated files that True is only
ever given where the round trip returns the text unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from fachakte_compiler.fmt.order import Located, items, properties, root

_KEY = re.compile(r"^[A-Za-z_$][A-Za-z0-9_.$-]*$")
_INT = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
# Plain strings that YAML 1.2 (ruamel.yaml) would read as a number although YAML 1.1 did not.
_NUMBER_12 = re.compile(
    r"^[-+]?(?:\.[0-9]|[0-9])[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$"
    r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$|^0o[0-7_]+$|^0x[0-9a-fA-F_]+$|^0b[01_]+$"
)
_BLOCK_HEADERS = ("|", "|-", ">", ">-")
_EOL_COMMENT = re.compile(r"^ +#(?: .*\S)?$")
_FULL_COMMENT = re.compile(r"^( *)#(?: .*\S|\S.*\S|\S)?$|^( *)#$")
_STR = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
# ruamel.yaml is set to re-wrap nothing below this width (fmt.canonical.WIDTH).
_MAX_LINE = 4000


class _NotCanonical(Exception):
    """Raised as soon as the prediction fails; the caller then takes the round trip."""


def _plain(node: Any, source: str) -> str:
    value = node.value
    if node.start_mark.line != node.end_mark.line:
        raise _NotCanonical
    if source[node.start_mark.index : node.end_mark.index] != value:
        raise _NotCanonical  # a tag, an anchor or an escape
    if node.tag == _STR:
        if not value or _NUMBER_12.match(value):
            raise _NotCanonical
        return str(value)
    if node.tag == _INT_TAG and _INT.match(value):
        return str(value)
    if node.tag == _BOOL and value in ("true", "false"):
        return str(value)
    raise _NotCanonical


def _quoted(node: Any, source: str) -> str:
    value = str(node.value)
    if node.start_mark.line != node.end_mark.line or not value.isprintable():
        raise _NotCanonical
    if node.style == "'":
        spelled = "'" + value.replace("'", "''") + "'"
    else:
        spelled = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if source[node.start_mark.index : node.end_mark.index] != spelled:
        raise _NotCanonical
    return spelled


class _Prediction:
    """The predicted text of every content line (0-based line -> text without comment)."""

    def __init__(self, source: str, lines: list[str]) -> None:
        self.source = source
        self.lines = lines
        self.expected: dict[int, str] = {}
        # Lines of block scalars: no end-of-line comment can follow there.
        self.block: set[int] = set()

    def put(self, line: int, text: str) -> None:
        if line in self.expected:
            raise _NotCanonical  # two entries on one line: a flow style or a compact form
        self.expected[line] = text

    def scalar_line(self, prefix: str, node: Any) -> None:
        if node.style in (None, ""):
            self.put(node.start_mark.line, prefix + _plain(node, self.source))
        elif node.style in ("'", '"'):
            self.put(node.start_mark.line, prefix + _quoted(node, self.source))
        else:
            raise _NotCanonical

    def block_scalar(self, prefix: str, node: Any, indent: int) -> None:
        header_line = node.start_mark.line
        header = self.lines[header_line][len(prefix) :]
        if header not in _BLOCK_HEADERS or header[0] != node.style:
            raise _NotCanonical
        self.put(header_line, prefix + header)
        self.block.add(header_line)
        end = node.end_mark.line
        # The scalar's last content line: its end mark lies at the start of the next line.
        last = end - 1 if node.end_mark.column == 0 else end
        if last <= header_line:
            raise _NotCanonical  # empty block scalar
        for number in range(header_line + 1, last + 1):
            text = self.lines[number]
            if text and not (text.startswith(" " * indent) and text[indent] != " "):
                raise _NotCanonical
            if not text.strip() and text:
                raise _NotCanonical
            self.put(number, text)
            self.block.add(number)
        if not self.lines[last]:
            raise _NotCanonical  # trailing blank lines belong to the scalar (chomping)

    def mapping(self, node: Any, indent: int, located: Located | None, first: str = "") -> None:
        import yaml

        if not isinstance(node, yaml.MappingNode) or node.flow_style or not node.value:
            raise _NotCanonical
        known = properties(located) if located else {}
        keys = [k.value for k, _ in node.value]
        if known:
            rank = {key: i for i, key in enumerate(known)}
            wanted = sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))
            if wanted != keys:
                raise _NotCanonical
        for index, (key, value) in enumerate(node.value):
            if not (
                isinstance(key, yaml.ScalarNode)
                and key.tag == _STR
                and key.style in (None, "")
                and _KEY.match(key.value)
            ):
                raise _NotCanonical
            prefix = (first if index == 0 and first else " " * indent) + key.value + ":"
            if key.start_mark.column != len(prefix) - len(key.value) - 1:
                raise _NotCanonical
            sub = known.get(key.value)
            if isinstance(value, yaml.ScalarNode):
                if value.style in ("|", ">"):
                    if value.start_mark.line != key.start_mark.line:
                        raise _NotCanonical
                    self.block_scalar(prefix + " ", value, indent + 2)
                else:
                    if value.start_mark.line != key.start_mark.line:
                        raise _NotCanonical
                    self.scalar_line(prefix + " ", value)
                continue
            if isinstance(value, yaml.SequenceNode) and value.flow_style:
                self.put(key.start_mark.line, prefix + " " + self.flow(value))
                continue
            self.put(key.start_mark.line, prefix)
            if isinstance(value, yaml.SequenceNode):
                self.sequence(value, indent + 2, sub)
            else:
                self.mapping(value, indent + 2, sub)

    def flow(self, node: Any) -> str:
        """A one-line flow sequence of plain scalars, `[a, b]`, as the round trip keeps it."""
        import yaml

        if node.start_mark.line != node.end_mark.line:
            raise _NotCanonical
        if not all(isinstance(i, yaml.ScalarNode) and i.style in (None, "") for i in node.value):
            raise _NotCanonical
        spelled = "[" + ", ".join(_plain(i, self.source) for i in node.value) + "]"
        if self.source[node.start_mark.index : node.end_mark.index] != spelled:
            raise _NotCanonical
        return spelled

    def sequence(self, node: Any, indent: int, located: Located | None) -> None:
        import yaml

        if node.flow_style or not node.value:
            raise _NotCanonical
        sub = items(located) if located else None
        dash = " " * indent + "- "
        for item in node.value:
            if item.start_mark.column != indent + 2:
                raise _NotCanonical
            if isinstance(item, yaml.ScalarNode):
                if item.style in ("|", ">"):
                    raise _NotCanonical
                self.scalar_line(dash, item)
            elif isinstance(item, yaml.MappingNode):
                self.mapping(item, indent + 2, sub, first=dash)
            else:
                raise _NotCanonical


def _comments_fit(prediction: _Prediction) -> bool:
    """Every line that holds no content is blank or a full-line comment at the column of the
    next content line (column 0 at the end of the file)."""
    lines = prediction.lines
    following = 0
    for number in range(len(lines) - 1, -1, -1):
        text = lines[number]
        expected = prediction.expected.get(number)
        if expected is not None:
            following = len(expected) - len(expected.lstrip(" "))
            if text != expected:
                if number in prediction.block or not text.startswith(expected):
                    return False
                if not _EOL_COMMENT.match(text[len(expected) :]):
                    return False
            continue
        if not text:
            continue
        match = _FULL_COMMENT.match(text)
        if match is None or len(text) - len(text.lstrip(" ")) != following:
            return False
    return True


def already_canonical(text: str, kind: str) -> bool:
    """True only if `fmt` would return `text` unchanged (see the module docstring); False
    means nothing: the caller formats the file to find out."""
    import yaml

    if not text.endswith("\n") or "\t" in text or "\r" in text or text.startswith("\ufeff"):
        return False
    lines = text[:-1].split("\n")
    if not lines[0] or not lines[-1] or any(len(line) > _MAX_LINE for line in lines):
        return False
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        prediction = _Prediction(text, lines)
        prediction.mapping(node, 0, root(kind) if kind else None)
    except (_NotCanonical, yaml.YAMLError, IndexError):
        return False
    return _comments_fit(prediction)
