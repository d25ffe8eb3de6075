"""The last check before `fmt` hands out a result: the formatted text must load with the
product's own strict loader to the very data the input held, and keep every comment.

ruamel.yaml keeps comments in a dozen places of its node tree, and moving keys can put one
where YAML reads it differently (inside a flow list, or at a column that continues a value).
Whatever the cause, such a result is never written: the caller reports the place instead.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fachakte_compiler.i18n import _

# A `#` starts a comment at the start of a line or after a blank, outside any scalar.
_HASH = re.compile(r"(?:^|(?<=[ \t]))#", re.MULTILINE)


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    text: str  # from the `#` to the end of the line, trailing blanks removed


@dataclass(frozen=True)
class Defect:
    """Why a formatted text cannot be written, and where in the input."""

    line: int
    message: str

    def shown(self, file: str) -> str:
        return f"{file}:{self.line}: {self.message}"


def comments(text: str) -> list[Comment]:
    """Every comment of `text` (which composes as YAML), in order."""
    import yaml

    starts: list[int] = []
    ends: list[int] = []
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            starts.append(current.start_mark.index)
            ends.append(current.end_mark.index)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    spans = sorted(zip(starts, ends, strict=True))
    begins = [start for start, _end in spans]
    found: list[Comment] = []
    taken_until = -1
    for match in _HASH.finditer(text):
        at = match.start()
        if at < taken_until:
            continue  # the rest of a line that already holds a comment
        inside = bisect.bisect_right(begins, at) - 1
        if inside >= 0 and at < spans[inside][1]:
            continue
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        taken_until = end
        found.append(Comment(text.count("\n", 0, at) + 1, text[at:end].rstrip()))
    return found


def _first_difference(before: Any, after: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in before:
            if key not in after or before[key] != after[key]:
                return _first_difference(before[key], after.get(key), (*path, key))
        return path
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            if old != new:
                return _first_difference(old, new, (*path, index))
    return path


def _moved_comment(before: list[Comment], after: list[Comment], bad_line: int) -> Comment | None:
    """The input comment that ended up at or nearest above `bad_line` of the output."""
    above = [c for c in after if c.line <= bad_line]
    if not above:
        return None
    text = above[-1].text
    return next((c for c in before if c.text == text), None)


def _comment_defect(comment: Comment) -> Defect:
    return Defect(
        comment.line,
        _(
            "cannot keep the comment '{comment}' where it stands; nothing was written "
            "(move it above a key, or put the keys into the schema's order by hand)"
        ).format(comment=comment.text),
    )


def check_formatted(source: Any, formatted: str) -> Defect | None:
    """None when `formatted` loads to the data of `source` (a loaded SourceFile) and keeps all
    its comments; otherwise the defect, placed at a line of the input."""
    from fachakte_compiler.load.source import SourceFile
    from fachakte_compiler.load.yaml_loader import load_bytes

    before = comments(source.text)
    result = SourceFile(path=Path(source.display), display=source.display, kind=source.kind)
    problems = [d for d in load_bytes(result, formatted.encode("utf-8")) if d.is_error]
    if problems or not result.loaded:
        bad_line = problems[0].span.line if problems and problems[0].span else 1
        try:
            after = comments(formatted)
        except Exception:  # the output does not even compose: blame nothing in particular
            after = []
        moved = _moved_comment(before, after, bad_line)
        if moved is not None:
            return _comment_defect(moved)
        return Defect(1, _("formatting would make the file unreadable; nothing was written"))
    kept = Counter(c.text for c in comments(formatted))
    lost = Counter(c.text for c in before) - kept
    if lost:
        return _comment_defect(next(c for c in before if c.text in lost))
    if kept != Counter(c.text for c in before):
        return _comment_defect(before[0])  # a comment doubled: only the input has them all
    if result.data != source.data:
        path = _first_difference(source.data, result.data)
        span = source.span(path)
        return Defect(
            span.line if span else 1,
            _("formatting would change this value; nothing was written"),
        )
    return None
