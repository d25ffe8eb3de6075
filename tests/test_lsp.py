"""`fachakte lsp` driven by a real LSP client over stdio, on a copy of the shipped catalogue."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from lsp_session import Session, session
from support.catalogue import copy_catalogue

Server = tuple[asyncio.AbstractEventLoop, Session]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped catalogue; the tests change buffers in the editor, never files."""
    return copy_catalogue(tmp_path_factory.mktemp("lsp") / "definitions")


@pytest.fixture(scope="module")
def server(catalogue: Path) -> Iterator[Server]:
    """One server for the module: starting one costs more than most tests. Every test leaves
    it with no file open (`_run`), so each finds it as freshly started."""
    loop = asyncio.new_event_loop()
    stack = AsyncExitStack()
    started = stack.enter_async_context(session(catalogue.parent))
    try:
        yield loop, loop.run_until_complete(asyncio.wait_for(started, 120))
    finally:
        loop.run_until_complete(asyncio.wait_for(stack.aclose(), 120))
        loop.close()


def _run(server: Server, body: Callable[[Session], Awaitable[None]]) -> None:
    loop, state = server

    async def main() -> None:
        try:
            await body(state)
        finally:
            await state.close_all()

    loop.run_until_complete(asyncio.wait_for(main(), 120))


def _position(text: str, needle: str, offset: int = 0) -> lsp.Position:
    before = text[: text.index(needle) + offset]
    return lsp.Position(line=before.count("\n"), character=len(before) - (before.rfind("\n") + 1))


def test_an_unknown_field_gets_fa201_at_its_range_and_the_fix_clears_it(
    catalogue: Path, server: Server
) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    good = path.read_text()
    broken = good.replace("      - abmeldedatum\n", "      - abmelde_datum\n", 1)

    async def body(s: Session) -> None:
        uri = s.open(path, broken)
        found = [d for d in await s.wait_for(uri) if d.code == "FA201"]
        assert len(found) == 1
        start = _position(broken, "abmelde_datum")
        assert found[0].range.start == start
        assert found[0].range.end == lsp.Position(
            line=start.line, character=start.character + len("abmelde_datum")
        )
        assert "did you mean 'abmeldedatum'" in found[0].message
        actions = await s.client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=found[0].range,
                context=lsp.CodeActionContext(diagnostics=found),
            )
        )
        assert actions is not None
        fix = next(a for a in actions if isinstance(a, lsp.CodeAction) and a.edit)
        assert fix.edit is not None and fix.edit.changes is not None
        assert [e.new_text for e in fix.edit.changes[uri]] == ["abmeldedatum"]
        s.change(uri, good)
        assert [d for d in await s.wait_for(uri) if d.code == "FA201"] == []

    _run(server, body)


def test_completion_offers_the_field_ids_in_akte_fields(catalogue: Path, server: Server) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    text = path.read_text().replace("    - halter\n", "    - \n", 1)

    async def body(s: Session) -> None:
        uri = s.open(path, text)
        await s.wait_for(uri)
        position = _position(text, "  fields:\n    - \n", len("  fields:\n    - "))
        result = await s.client.text_document_completion_async(
            lsp.CompletionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=position
            )
        )
        assert isinstance(result, lsp.CompletionList)
        labels = {item.label for item in result.items}
        assert {"halter", "kassenzeichen", "steuerpflicht_beginn", "bemerkung"} <= labels
        assert "anmeldung" not in labels  # a document type, not a field

    _run(server, body)


def test_go_to_definition_of_a_baustein_lands_in_its_file(catalogue: Path, server: Server) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    text = path.read_text()

    async def body(s: Session) -> None:
        uri = s.open(path, text)
        await s.wait_for(uri)
        position = _position(text, "baustein: person", len("baustein: pe"))
        found = await s.client.text_document_definition_async(
            lsp.DefinitionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=position
            )
        )
        assert isinstance(found, lsp.Location)
        assert found.uri == (catalogue / "bausteine" / "person.yaml").resolve().as_uri()
        person = (catalogue / "bausteine" / "person.yaml").read_text().split("\n")
        assert person[found.range.start.line].startswith("id: person")

    _run(server, body)


def test_a_broken_buffer_gives_fa002_and_the_server_keeps_running(
    catalogue: Path, server: Server
) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    good = path.read_text()

    async def body(s: Session) -> None:
        uri = s.open(path, good)
        assert await s.wait_for(uri) == []
        s.change(uri, good.replace("title: Hundesteuer\n", 'title: "Hundesteuer\n', 1))
        assert "FA002" in {d.code for d in await s.wait_for(uri)}
        s.change(uri, good)
        assert await s.wait_for(uri) == []

    _run(server, body)


def test_rename_of_a_field_updates_references_and_adds_renamed_from(
    catalogue: Path, server: Server
) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    text = path.read_text()

    async def body(s: Session) -> None:
        uri = s.open(path, text)
        await s.wait_for(uri)
        position = _position(text, "  - id: beguenstigung_bis", len("  - id: beg"))
        edit = await s.client.text_document_rename_async(
            lsp.RenameParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=position,
                new_name="beguenstigt_bis",
            )
        )
        assert edit is not None and edit.changes is not None
        changed = _apply(text, edit.changes[uri])
        assert "beguenstigung_bis" not in changed.replace("renamed_from: [beguenstigung_bis]", "")
        assert "  - id: beguenstigt_bis\n    renamed_from: [beguenstigung_bis]\n" in changed
        assert "relative_to_field: beguenstigt_bis" in changed
        s.change(uri, changed)
        assert await s.wait_for(uri) == []  # the renamed catalogue still validates

    _run(server, body)


def test_formatting_goes_through_fmt(catalogue: Path, server: Server) -> None:
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    text = path.read_text()
    messy = text.replace(
        "version: 3.0.0\ntitle: Hundesteuer\n", "title: Hundesteuer\nversion: 3.0.0\n"
    )
    assert messy != text

    async def body(s: Session) -> None:
        uri = s.open(path, messy)
        await s.wait_for(uri)
        edits = await s.client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                options=lsp.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert edits is not None and _apply(messy, edits) == text

    _run(server, body)


def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def at(p: lsp.Position) -> int:
        return offsets[p.line] + p.character

    for edit in sorted(edits, key=lambda e: at(e.range.start), reverse=True):
        text = text[: at(edit.range.start)] + edit.new_text + text[at(edit.range.end) :]
    return text


def test_the_explain_command_returns_and_shows_the_rule(server: Server) -> None:
    async def body(s: Session) -> None:
        text = await s.client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="fachakte.explain", arguments=["FA201"])
        )
        assert isinstance(text, str) and text.startswith("FA201 (")
        assert s.messages == [text]

    _run(server, body)


@pytest.mark.parametrize(
    ("file", "needle", "offset", "defined"),
    [
        ("hundesteuer", "    code_list: steuerart\n", 15, "  - id: steuerart\n    title:"),
        ("hundesteuer", "  fields:\n    - halter\n", 16, "  - id: halter\n"),
        ("hundesteuer", "roles: [sachbearbeitung,", 10, "  - id: sachbearbeitung\n"),
        ("friedhof", "relative_to_field: nutzungsrecht_ende", 22, "  - id: nutzungsrecht_ende\n"),
    ],
)
def test_go_to_definition_lands_on_the_id_of_the_entry_named(
    catalogue: Path, server: Server, file: str, needle: str, offset: int, defined: str
) -> None:
    path = catalogue / "fachakten" / f"{file}.yaml"
    text = path.read_text()

    async def body(s: Session) -> None:
        uri = s.open(path, text)
        await s.wait_for(uri)
        found = await s.client.text_document_definition_async(
            lsp.DefinitionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=_position(text, needle, offset),
            )
        )
        assert isinstance(found, lsp.Location)
        assert found.uri == path.resolve().as_uri()
        # The line and column of the id's value in the list where the entry is defined.
        expected = _position(text, defined, defined.index("id: ") + len("id: "))
        assert found.range.start == expected

    _run(server, body)
