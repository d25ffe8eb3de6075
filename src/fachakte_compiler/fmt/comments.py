"""Moving comments with the keys they introduce when ruamel.yaml reorders a mapping.

ruamel.yaml stores a full-line comment in one of several places: as the tail of whatever came
before it (the deepest last entry of the previous key, but never inside a flow collection
`[a, b]` / `{a: 1}`, which is one value on its line), as the "before" comments of the next key,
or as the end comments of a block list that ends with a flow collection. Reordering keys would
leave such a comment above the wrong key (or, put back inside a flow collection, make it part
of that value), so every one of these is lifted off before reordering and put back in front of
the key it belonged to.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _block(value: Any) -> bool:
    """A non-empty collection written in block style (one entry a line)."""
    return (
        isinstance(value, CommentedMap | CommentedSeq)
        and len(value) > 0
        and not value.fa.flow_style()
    )


def _last(value: Any) -> Any:
    return list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1


def _slot(container: Any, key: Any) -> tuple[Any, Any, int]:
    """Where the comment after `container[key]` (including all its children) is stored: the
    innermost last block collection (whose `ca.items` holds it), the key there, and the
    index. A flow collection is a leaf here: a comment stored inside it is written inside."""
    value = container[key]
    if _block(value):
        return _slot(value, _last(value))
    return container, key, 0 if isinstance(container, CommentedSeq) else 2


def _take_ends(container: Any, key: Any) -> str:
    """Remove and return the comments kept as end comments of the block collections that
    end where `container[key]` ends."""
    taken = ""
    value = container[key]
    while _block(value):
        ends = getattr(value.ca, "end", None)
        if ends:
            taken += "".join(str(token.value) for token in ends)
            value.ca.end = []
        value = value[_last(value)]
    return taken


def take_before(mapping: CommentedMap, key: Any) -> str:
    """Remove and return the full-line comments kept as the "before" part of `key`."""
    entry = mapping.ca.items.get(key)
    if not entry or not entry[1]:
        return ""
    taken = "".join(str(token.value) for token in entry[1] if token is not None)
    entry[1] = None
    return taken


def take_tail(container: Any, key: Any) -> str:
    """Remove and return the full-line comments that follow `container[key]`."""
    return _take_slot_tail(container, key) + _take_ends(container, key)


def _take_slot_tail(container: Any, key: Any) -> str:
    holder, slot_key, index = _slot(container, key)
    entry = holder.ca.items.get(slot_key)
    token = entry[index] if entry else None
    if entry is None or token is None:
        return ""
    if _is_block(holder, slot_key):
        # A block scalar ends with its own line break: no end-of-line comment can follow it,
        # so everything stored after it is full-line comments of the next key.
        entry[index] = None
        return str(token.value)
    eol, newline, rest = token.value.partition("\n")
    if not rest:
        return ""
    token.value = eol + newline
    return str(rest)


def _token(text: str) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(text, CommentMark(0), None)


def _is_block(container: Any, key: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(container[key], FoldedScalarString | LiteralScalarString)


def add_tail(container: Any, key: Any, text: str) -> None:
    if not text:
        return
    holder, slot_key, index = _slot(container, key)
    entry = holder.ca.items.setdefault(slot_key, [None, None, None, None])
    if entry[index] is None:
        # A block scalar ends with its own line break; anything else needs one first.
        entry[index] = _token(text if _is_block(holder, slot_key) else "\n" + text)
    else:
        value = entry[index].value
        entry[index].value = value + ("" if value.endswith("\n") else "\n") + text


def _indent(text: str, column: int) -> str:
    return "".join(
        " " * column + line.lstrip() if line.strip() else line for line in text.splitlines(True)
    )


# The editor's schema line (yaml-language-server) belongs to the file, wherever it stands.
_MODELINE = "# yaml-language-server:"


def take_lead(mapping: CommentedMap) -> str:
    """Remove and return the comments right above the first key of `mapping`: those after the
    last blank line and after the schema line. Comments above that (a file header) stay."""
    tokens = (mapping.ca.comment or [None, None])[1] or []
    cut = 0
    for i, token in enumerate(tokens):
        if token.value.endswith("\n\n") or token.value.lstrip().startswith(_MODELINE):
            cut = i + 1
    if cut == len(tokens):
        return ""
    taken = "".join(str(token.value) for token in tokens[cut:])
    # In place: ruamel.yaml shares this list with the parent's entry for the key above, which
    # is the one written out.
    del tokens[cut:]
    return taken


def reorder(
    mapping: CommentedMap, order: list[str], column: int, first_column: int | None = None
) -> None:
    """Sort the keys of `mapping` by `order` (unknown keys last, as they were); comments
    between keys travel with the key below them and are indented to its `column`. The new
    first key's comment stands at `first_column`: that of the dash in a list item, since it
    is written above the `- `."""
    keys = list(mapping)
    rank = {key: i for i, key in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(rank)), keys.index(k)))
    if wanted == keys:
        return
    lead = {
        keys[i + 1]: _indent(
            take_tail(mapping, keys[i]) + take_before(mapping, keys[i + 1]), column
        )
        for i in range(len(keys) - 1)
    }
    lead[keys[0]] = _indent(take_lead(mapping) + take_before(mapping, keys[0]), column)
    after = take_tail(mapping, keys[-1])
    for key in wanted:
        mapping.move_to_end(key)
    if lead.get(wanted[0]):
        # The new first key's comment goes after the mapping's own leading comments (e.g. the
        # file's `$schema` line), which stay on top.
        if not mapping.ca.comment:
            mapping.ca.comment = [None, []]
        if mapping.ca.comment[1] is None:
            mapping.ca.comment[1] = []
        first = column if first_column is None else first_column
        mapping.ca.comment[1].append(_token(_indent(lead[wanted[0]], first)))
    for previous, key in pairwise(wanted):
        add_tail(mapping, previous, lead.get(key, ""))
    add_tail(mapping, wanted[-1], after)
