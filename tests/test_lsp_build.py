"""`fachakte.compile` in the editor: the language server builds the saved catalogue through the
build service, into the same bytes as `fachakte compile`, and refuses what it cannot build.

None of this depends on the catalogue's size, so the tests work on the small catalogue with
three Fachakten (copy_small_catalogue, session build small_build)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from conftest import SHIPPED_EPOCH, ShippedBuild
from fachakte_compiler.write.guard import BUILD_MARKER, BUILD_MARKER_TEXT
from lsp_session import Session, session
from support.catalogue import copy_small_catalogue
from support.tree import tree

PROGRESS = lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True))


def _run(workspace: Path, body: Callable[[Session], Awaitable[None]]) -> None:
    async def main() -> None:
        async with session(workspace, PROGRESS) as state:
            await body(state)

    asyncio.run(asyncio.wait_for(main(), 240))


async def _compile(s: Session, *arguments: Any) -> dict[str, Any]:
    result = await s.client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="fachakte.compile", arguments=list(arguments))
    )
    assert isinstance(result, dict), result
    return result


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A private copy of the small catalogue (copy_small_catalogue) that a test may modify."""
    return copy_small_catalogue(tmp_path / "definitions")


def test_the_editor_build_writes_what_compile_writes(
    catalogue: Path, small_build: ShippedBuild, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SHIPPED_EPOCH)  # the server inherits it
    workspace = catalogue.parent
    out = workspace / "build"

    async def body(s: Session) -> None:
        first = await _compile(s)  # no argument: the workspace folder's definitions/
        assert first["ok"], first
        assert first["out"] == str(out)
        written = [p for p in out.rglob("*") if p.is_file() and p.name != ".fachakte-build"]
        assert first["files"] == len(written) > 0  # the build marker is not an output
        assert s.progress[0] == "begin" and s.progress[-1] == "end"
        assert "report" in s.progress
        again = await _compile(s, (catalogue / "fachakten" / "zweite.yaml").as_uri())
        assert again["ok"] and "up to date" in again["message"], again
        assert s.messages == [first["message"], again["message"]]

    _run(workspace, body)
    # Every file of the Doxis4 build of `fachakte compile --target doxis4`, byte for byte.
    expected = tree(small_build.build)
    # A package for each Fachakte and tenant that runs it, of all three Fachakten.
    runs = [(t, f.id) for f in small_build.model.fachakten for t in f.run_by]
    assert len({f for _, f in runs}) == 3
    assert sum(name.endswith(".zip") for name in expected) == len(runs) > 3
    built = tree(out)
    assert {name: built.get(name) for name in expected} == expected


def test_unsaved_changes_are_not_built(catalogue: Path) -> None:
    path = catalogue / "fachakten" / "zweite.yaml"

    async def body(s: Session) -> None:
        s.open(path, path.read_text() + "\n# noch nicht gespeichert\n")
        result = await _compile(s, path.as_uri())
        assert not result["ok"]
        assert result["message"] == ("unsaved changes in zweite.yaml; save them, then build")
        assert s.progress == []  # refused before any work began

    _run(catalogue.parent, body)
    assert not (catalogue.parent / "build").exists()


def test_a_catalogue_with_errors_builds_nothing_and_shows_its_findings(catalogue: Path) -> None:
    path = catalogue / "fachakten" / "zweite.yaml"
    text = path.read_text()
    assert "fields: [bescheiddatum]\n" in text
    path.write_text(text.replace("fields: [bescheiddatum]\n", "fields: [bescheid_datum]\n"))
    out = catalogue.parent / "build"
    out.mkdir()
    (out / BUILD_MARKER).write_bytes(BUILD_MARKER_TEXT)  # a previous build
    (out / "frueher.txt").write_text("vorheriger Stand")
    before = tree(out)

    async def body(s: Session) -> None:
        result = await _compile(s, catalogue.as_uri())
        assert not result["ok"]
        assert result["message"] == "definitions have errors; nothing was written"
        found = await s.wait_for(path.as_uri())
        assert "FA201" in {d.code for d in found}

    _run(catalogue.parent, body)
    assert tree(out) == before
