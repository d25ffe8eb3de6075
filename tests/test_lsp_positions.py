"""Positions cross the wire in the code units the server announced (LSP 3.17
`positionEncoding`): with a character outside the Basic Multilingual Plane before them,
diagnostics, hover, quick fixes, rename and formatting still meet the right characters."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from lsp_session import Session, session
from support.catalogue import copy_catalogue

TITLE = '  display_title: "{aktenzeichen} – {halter.nachname}, {halter.vorname}"\n'
EMOJI_TITLE = '  display_title: "{aktenzeichen} – 😀😀 {halter.nachnme}, {halter.vorname}"\n'
FIXED_TITLE = '  display_title: "{aktenzeichen} – 😀😀 {halter.nachname}, {halter.vorname}"\n'

WIDTH = {
    "utf-8": lambda c: len(c.encode("utf-8")),
    "utf-16": lambda c: 2 if ord(c) > 0xFFFF else 1,
    "utf-32": lambda c: 1,
}


def _offset(text: str, position: lsp.Position, encoding: str) -> int:
    """The string index of a position counted in `encoding`'s code units."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    counted = 0
    for index, char in enumerate(lines[position.line]):
        if counted == position.character:
            return start + index
        assert counted < position.character, "a position inside a character"
        counted += WIDTH[encoding](char)
    assert counted == position.character, "a position past the end of its line"
    return start + len(lines[position.line])


def _position(text: str, index: int, encoding: str) -> lsp.Position:
    before = text[:index]
    line_start = before.rfind("\n") + 1
    units = sum(WIDTH[encoding](c) for c in before[line_start:])
    return lsp.Position(line=before.count("\n"), character=units)


def _apply(text: str, edits: list[lsp.TextEdit], encoding: str) -> str:
    spans = [
        (_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding), e.new_text)
        for e in edits
    ]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _capabilities(encoding: str | None) -> lsp.ClientCapabilities:
    if encoding is None:
        return lsp.ClientCapabilities()
    return lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(
            position_encodings=[lsp.PositionEncodingKind(encoding)]
        )
    )


@pytest.mark.parametrize("offered", [None, "utf-8", "utf-32"])
def test_every_position_is_counted_in_the_negotiated_encoding(
    tmp_path: Path, offered: str | None
) -> None:
    catalogue = copy_catalogue(tmp_path / "definitions")
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    good = path.read_text(encoding="utf-8")
    assert TITLE in good
    broken = good.replace(TITLE, EMOJI_TITLE, 1)
    encoding = offered or "utf-16"

    async def body(s: Session) -> None:
        announced = s.capabilities.position_encoding
        assert str(getattr(announced, "value", announced)) == encoding
        uri = s.open(path, broken)
        found = [d for d in await s.wait_for(uri) if d.code == "FA210"]
        assert len(found) == 1, found
        start = _offset(broken, found[0].range.start, encoding)
        end = _offset(broken, found[0].range.end, encoding)
        assert broken[start:end].strip("{}") == "halter.nachnme"

        # Hover on the last letter of the wrong name names the rule.
        last = _position(broken, broken.index("nachnme}") + len("nachnm"), encoding)
        hover = await s.client.text_document_hover_async(
            lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=last)
        )
        assert hover is not None and "FA210" in str(hover.contents)

        # The quick fix replaces the wrong name and nothing of the emoji before it.
        actions = await s.client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=found[0].range,
                context=lsp.CodeActionContext(diagnostics=found),
            )
        )
        fix = next(a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.edit)
        assert fix.edit is not None and fix.edit.changes is not None
        fixed = _apply(broken, fix.edit.changes[uri], encoding)
        assert FIXED_TITLE in fixed, fixed[fixed.index("display_title") - 2 :][:100]

        # Renaming the field `halter` renames the template references after the emoji.
        s.change(uri, fixed)
        await s.wait_for(uri)
        at = _position(fixed, fixed.index("  - id: halter\n") + len("  - id: ha"), encoding)
        renamed = await s.client.text_document_rename_async(
            lsp.RenameParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=at, new_name="person"
            )
        )
        assert renamed is not None and renamed.changes is not None
        after = _apply(fixed, renamed.changes[uri], encoding)
        assert '– 😀😀 {person.nachname}, {person.vorname}"\n' in after

        # Formatting replaces the whole buffer, up to the end of a last line with emoji.
        messy = fixed.replace(
            "version: 3.0.0\ntitle: Hundesteuer\n", "title: Hundesteuer\nversion: 3.0.0\n"
        )
        messy += "# Ende 😀😀"
        s.change(uri, messy)
        await s.wait_for(uri)
        edits = await s.client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                options=lsp.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert edits
        assert _apply(messy, edits, encoding) == fixed + "# Ende 😀😀\n"

    async def main() -> None:
        async with session(catalogue.parent, _capabilities(offered)) as s:
            await body(s)

    asyncio.run(asyncio.wait_for(main(), 120))
