"""`fachakte import-aktenplan` into an aktenplan.yaml that is no readable YAML: the loader's
findings at file:line:column in the user's language, exit 1, nothing written; never the
round-trip parser's English or an internal error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from support.catalogue import copy_catalogue
from test_import_aktenplan import EXPORT

# name -> (edit of aktenplan.yaml, German words expected on stderr)
BROKEN: dict[str, tuple[Callable[[str], bytes], str]] = {
    "syntax": (
        lambda text: text.replace("units:", "units: [", 1).encode(),
        "aktenplan.yaml:15:3: Fehler FA002: die Datei ist hier kein gültiges YAML (der Parser "
        "meldet: beim Lesen eines Werts in [ ] oder { } der erwartete Wert fehlt)",
    ),
    "utf-16": (
        lambda text: text.encode("utf-16-le"),
        "aktenplan.yaml:1:1: Fehler FA001: die Datei scheint UTF-16-kodiert zu sein",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_an_unreadable_aktenplan_is_named_in_german_and_left_as_it_is(
    invoke: Callable[..., Result], tmp_path: Path, name: str
) -> None:
    edit, expected = BROKEN[name]
    catalogue = tmp_path / "definitions"
    copy_catalogue(catalogue)
    plan = catalogue / "aktenplan.yaml"
    plan.write_bytes(edit(plan.read_text(encoding="utf-8")))
    before = plan.read_bytes()
    message = tmp_path / "export.xml"
    message.write_text(EXPORT, encoding="utf-8")
    result = invoke(
        "import-aktenplan", message, "--definitions", catalogue, env={"FACHAKTE_LANG": "de"}
    )
    assert result.exit_code == 1, result.output
    assert expected in result.stderr, result.stderr
    assert "aktenplan.yaml kann nicht gelesen werden (siehe oben)" in result.stderr
    assert "while parsing" not in result.output and "Traceback" not in result.output
    assert plan.read_bytes() == before
