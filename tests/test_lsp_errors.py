"""The language server refuses a rename to a taken or invalid id with a JSON-RPC error of one
line in the editor's language, not with edits that break the Fachakte."""

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


def test_a_rename_to_a_taken_or_invalid_id_is_refused(wohngeld: Path) -> None:
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
        edit = await _rename(s, uri, at, "leitung")
        assert isinstance(edit, lsp.WorkspaceEdit) and edit.changes

    _run(wohngeld.parent.parent.parent, body)


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
