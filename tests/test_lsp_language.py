"""The language server speaks the editor's language: the `locale` a real pygls client sends in
`initialize` (LSP 3.16) decides over the locale of the server's environment, FACHAKTE_LANG over
both. Messages, hints, quick fixes and completion are checked in one session per case."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from lsp_session import session
from support.catalogue import MINI, copy_catalogue

FIELDS = "fields:\n"
INVALID_FIELD = "  - id: Fundört\n    title: Fundort\n    type: string\n"
AKTE_FIELDS = "  fields: [antragsteller, antragsart, eingangsdatum]"
# Texts in (German, English).
UNKNOWN_CODE = ("unbekannter Code 'FA999'", "unknown code 'FA999'")
HINT = ("ist 'fundoert' gemeint?", "did you mean 'fundoert'?")
FIX = ("Durch 'fundoert' ersetzen", "Replace with 'fundoert'")


def _environment(**chosen: str) -> dict[str, str]:
    """This process's environment without any language choice, plus `chosen`."""
    unset = ("FACHAKTE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
    return {**{k: v for k, v in os.environ.items() if k not in unset}, **chosen}


@pytest.mark.parametrize(
    ("env", "locale", "german"),
    [
        # An editor started without a German locale (a desktop launcher, a container) whose
        # user interface is German.
        (_environment(LANG="C.UTF-8"), "de-DE", True),
        (_environment(LANG="de_DE.UTF-8"), "en", False),
        (_environment(LANG="C.UTF-8", FACHAKTE_LANG="en"), "de", False),
    ],
    ids=["client-de-over-C-locale", "client-en-over-de-locale", "FACHAKTE_LANG-over-client"],
)
def test_the_server_speaks_the_language_the_editor_asks_for(
    tmp_path: Path, env: dict[str, str], locale: str, german: bool
) -> None:
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8").replace(FIELDS, FIELDS + INVALID_FIELD, 1)
    pick = 0 if german else 1

    async def main() -> None:
        async with session(root.parent, locale=locale, env=env) as s:
            shown = await s.client.workspace_execute_command_async(
                lsp.ExecuteCommandParams(command="fachakte.explain", arguments=["FA999"])
            )
            assert shown == UNKNOWN_CODE[pick] and s.messages == [shown]
            uri = s.open(path, text)
            invalid = [d for d in await s.wait_for(uri) if d.code == "FA105"]
            assert len(invalid) == 1 and invalid[0].message.endswith(f"({HINT[pick]})")
            actions = await s.client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    range=invalid[0].range,
                    context=lsp.CodeActionContext(diagnostics=invalid),
                )
            )
            fixes = [a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.edit]
            assert [f.title for f in fixes] == [FIX[pick]]
            edit = fixes[0].edit
            assert edit is not None and edit.changes is not None
            assert [e.new_text for e in edit.changes[uri]] == ["fundoert"]
            # Completion offers the valid ids only, never the invalid one (FA105).
            before = text[: text.index(AKTE_FIELDS) + len(AKTE_FIELDS) - 1]
            completion = await s.client.text_document_completion_async(
                lsp.CompletionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    position=lsp.Position(
                        line=before.count("\n"), character=len(before) - before.rfind("\n") - 1
                    ),
                )
            )
            assert isinstance(completion, lsp.CompletionList)
            labels = {item.label for item in completion.items}
            assert {"antragsteller", "betrag"} <= labels and "Fundört" not in labels

    asyncio.run(asyncio.wait_for(main(), 120))


@pytest.mark.parametrize(
    ("locale", "titles"),
    [
        ("de", ["Durch 'false' ersetzen", "In Anführungszeichen setzen"]),
        ("en", ["Replace with 'false'", "Put in quotes"]),
    ],
)
def test_a_value_of_two_readings_gets_both_fixes_the_plain_one_first(
    tmp_path: Path, locale: str, titles: list[str]
) -> None:
    """`required: no` (YAML 1.1 reads false, YAML 1.2 the text "no"): on a yes/no key the
    preferred fix writes false; quoting it would only make it a text the key rejects."""
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    required: true\n" in text
    text = text.replace("    required: true\n", "    required: no\n", 1)

    async def main() -> None:
        async with session(root.parent, locale=locale, env=_environment(LANG="C.UTF-8")) as s:
            uri = s.open(path, text)
            found = [d for d in await s.wait_for(uri) if d.code == "FA011"]
            assert len(found) == 1
            actions = await s.client.text_document_code_action_async(
                lsp.CodeActionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri),
                    range=found[0].range,
                    context=lsp.CodeActionContext(diagnostics=found),
                )
            )
            fixes = [a for a in actions or [] if isinstance(a, lsp.CodeAction) and a.edit]
            assert [f.title for f in fixes] == titles
            assert [f.is_preferred for f in fixes] == [True, False]
            edit = fixes[0].edit
            assert edit is not None and edit.changes is not None
            assert [e.new_text for e in edit.changes[uri]] == ["false"]

    asyncio.run(asyncio.wait_for(main(), 120))
