"""The language server refuses what it cannot do with a JSON-RPC error of one line in the
editor's language: a rename to a taken or invalid id, a command with a wrong argument; a buffer
that is no file (`untitled:`) gets no answers and no findings, and nothing anywhere is a
Python traceback (neither in an answer nor on stderr)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from lsp_session import Session, session
from support.catalogue import copy_catalogue

INVALID_PARAMS = lsp.ErrorCodes.InvalidParams.value
REQUEST_FAILED = lsp.LSPErrorCodes.RequestFailed.value
UNTITLED = "untitled:Untitled-1"


def _position(text: str, needle: str, offset: int) -> lsp.Position:
    before = text[: text.index(needle) + offset]
    return lsp.Position(line=before.count("\n"), character=len(before) - (before.rfind("\n") + 1))


async def _refused(request: asyncio.Future[object] | object) -> JsonRpcException:
    with pytest.raises(JsonRpcException) as caught:
        await request  # type: ignore[misc]
    error = caught.value
    assert "Traceback" not in error.message and "Error:" not in error.message, error.message
    assert "\n" not in error.message
    assert not error.data, error.data
    return error


async def _rename(s: Session, uri: str, position: lsp.Position, new: str) -> object:
    return await s.client.text_document_rename_async(
        lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=position, new_name=new
        )
    )


def _run(root: Path, body: object, locale: str | None = None) -> Session:
    states: list[Session] = []
    # The editor's locale decides only where FACHAKTE_LANG (set for the tests) does not.
    env = {k: v for k, v in os.environ.items() if k != "FACHAKTE_LANG"} if locale else None

    async def main() -> None:
        async with session(root, locale=locale, env=env) as s:
            states.append(s)
            await body(s)  # type: ignore[operator]

    asyncio.run(asyncio.wait_for(main(), 120))
    return states[0]


@pytest.fixture
def wohngeld(tmp_path: Path) -> Path:
    return copy_catalogue(tmp_path / "definitions") / "fachakten" / "wohngeld.yaml"


def test_user_errors_are_one_line_answers_and_never_tracebacks(wohngeld: Path) -> None:
    text = wohngeld.read_text(encoding="utf-8")
    at = _position(text, "  - id: sachgebietsleitung", len("  - id: sach"))

    async def body(s: Session) -> None:
        uri = s.open(wohngeld, text)
        await s.wait_for(uri)

        taken = await _refused(_rename(s, uri, at, "sachbearbeitung"))
        assert taken.code == INVALID_PARAMS
        assert taken.message == (
            "Role 'sachbearbeitung' already exists in wohngeld.yaml; choose another id"
        )
        for invalid in ("leitüng", "Leitung", ""):
            refused = await _refused(_rename(s, uri, at, invalid))
            assert refused.code == INVALID_PARAMS
            assert refused.message.startswith(f"'{invalid}' is not a valid id: use lowercase")
        # A free name still renames.
        edit = await _rename(s, uri, at, "leitung")
        assert isinstance(edit, lsp.WorkspaceEdit) and edit.changes

        for argument in (42, "untitled:Untitled-1", {"uri": 1}):
            wrong = await _refused(
                s.client.workspace_execute_command_async(
                    lsp.ExecuteCommandParams(command="fachakte.compile", arguments=[argument])
                )
            )
            assert wrong.code == INVALID_PARAMS
            assert wrong.message.startswith("fachakte.compile takes the file:// URI of a file")

    state = _run(wohngeld.parent.parent.parent, body)
    assert "Traceback" not in state.stderr, state.stderr
    assert "ValueError" not in state.stderr, state.stderr


def test_an_untitled_buffer_gets_no_findings_and_empty_answers(wohngeld: Path) -> None:
    text = wohngeld.read_text(encoding="utf-8").replace("title: Wohngeld", "title: [", 1)
    at = _position(text, "  - id: sachgebietsleitung", len("  - id: sach"))
    document = lsp.TextDocumentIdentifier(uri=UNTITLED)

    async def body(s: Session) -> None:
        s.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=UNTITLED, language_id="yaml", version=1, text=text
                )
            )
        )
        hover = await s.client.text_document_hover_async(
            lsp.HoverParams(text_document=document, position=at)
        )
        assert hover is None
        completion = await s.client.text_document_completion_async(
            lsp.CompletionParams(text_document=document, position=at)
        )
        assert isinstance(completion, lsp.CompletionList) and not completion.items
        definition = await s.client.text_document_definition_async(
            lsp.DefinitionParams(text_document=document, position=at)
        )
        assert definition is None
        formatted = await s.client.text_document_formatting_async(
            lsp.DocumentFormattingParams(
                text_document=document,
                options=lsp.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert not formatted
        refused = await _refused(_rename(s, UNTITLED, at, "leitung"))
        assert refused.code == REQUEST_FAILED
        assert "save the buffer first" in refused.message
        s.client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=document))
        # Requests are answered in order: anything published for the buffer came before this.
        await s.client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="fachakte.explain", arguments=["FA201"])
        )
        assert UNTITLED not in s.diagnostics
        assert not [m for m in s.messages if "rror" in m], s.messages

    state = _run(wohngeld.parent.parent.parent, body)
    assert "Traceback" not in state.stderr, state.stderr


def test_a_refused_rename_speaks_the_editors_language(wohngeld: Path) -> None:
    text = wohngeld.read_text(encoding="utf-8")
    at = _position(text, "  - id: sachgebietsleitung", len("  - id: sach"))

    async def body(s: Session) -> None:
        uri = s.open(wohngeld, text)
        await s.wait_for(uri)
        taken = await _refused(_rename(s, uri, at, "sachbearbeitung"))
        assert taken.message == (
            "Rolle 'sachbearbeitung' gibt es schon in wohngeld.yaml; eine andere Kennung wählen"
        )
        invalid = await _refused(_rename(s, uri, at, "Leitung"))
        assert invalid.message.startswith("'Leitung' ist keine gültige Kennung")

    _run(wohngeld.parent.parent.parent, body, locale="de")
