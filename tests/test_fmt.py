"""`fachakte fmt`: canonical order and indentation, comments kept, idempotent, safe on errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, copy_catalogue, invoke_cli
from support.yaml_dump import load as load_yaml

Invoke = Callable[..., Result]

UNORDERED = """\
# yaml-language-server: $schema=../../schemas/baustein.schema.json
# Kopfkommentar bleibt oben: eine Leerzeile trennt ihn vom ersten Schlüssel.

title: Steuerkonto  # Titel
version: 1.0.0
# Die Kennung ist für immer stabil.
id: konto
fields:
    - title: Kassenzeichen
      # Nur Ziffern.
      pattern: "^[0-9]{6,14}$"
      type: string
      id: kassenzeichen
description: >-
  Ein langer Text, der nicht umbrochen werden darf, auch wenn er über achtzig Zeichen hinausgeht.
"""

CANONICAL = """\
# yaml-language-server: $schema=../../schemas/baustein.schema.json
# Kopfkommentar bleibt oben: eine Leerzeile trennt ihn vom ersten Schlüssel.

# Die Kennung ist für immer stabil.
id: konto
version: 1.0.0
title: Steuerkonto  # Titel
description: >-
  Ein langer Text, der nicht umbrochen werden darf, auch wenn er über achtzig Zeichen hinausgeht.
fields:
  - id: kassenzeichen
    title: Kassenzeichen
    type: string
    # Nur Ziffern.
    pattern: "^[0-9]{6,14}$"
"""


def _comments(text: str) -> list[str]:
    return sorted(
        line.split("#", 1)[1].strip() for line in text.splitlines() if line.lstrip().startswith("#")
    )


@pytest.fixture(scope="module")
def formatted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped catalogue after one `fachakte fmt`."""
    target = tmp_path_factory.mktemp("fmt") / "definitions"
    copy_catalogue(target)
    result = invoke_cli("fmt", target)
    assert result.exit_code == 0, result.stderr
    return target


def test_every_shipped_file_keeps_data_comments_and_schema_line(formatted: Path) -> None:
    originals = sorted(DEFINITIONS.rglob("*.yaml"))
    assert len(originals) > 10
    for original in originals:
        before = original.read_text(encoding="utf-8")
        after = (formatted / original.relative_to(DEFINITIONS)).read_text(encoding="utf-8")
        assert load_yaml(after) == load_yaml(before), original.name
        assert _comments(after) == _comments(before), original.name
        assert after.splitlines()[0] == before.splitlines()[0]
        assert after.splitlines()[0].startswith("# yaml-language-server: $schema=")


def test_formatting_is_idempotent_on_every_shipped_file(invoke: Invoke, formatted: Path) -> None:
    before = {p: p.read_bytes() for p in formatted.rglob("*.yaml")}
    result = invoke("fmt", "--check", formatted)
    assert result.exit_code == 0, result.output
    assert "0 files would be reformatted" in result.output
    assert invoke("fmt", formatted).exit_code == 0
    assert {p: p.read_bytes() for p in formatted.rglob("*.yaml")} == before
    assert invoke("validate", formatted).exit_code == 0


def test_check_lists_unformatted_files_and_changes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bausteine" / "konto.yaml"
    path.parent.mkdir()
    path.write_text(UNORDERED, encoding="utf-8")
    result = invoke("fmt", "--check", path)
    assert result.exit_code == 1
    assert "would reformat" in result.output and "konto.yaml" in result.output
    assert path.read_text(encoding="utf-8") == UNORDERED


def test_fmt_orders_keys_by_schema_and_keeps_comments(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bausteine" / "konto.yaml"
    path.parent.mkdir()
    path.write_text(UNORDERED, encoding="utf-8")
    result = invoke("fmt", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert invoke("fmt", "--check", path).exit_code == 0


def test_unloadable_file_is_refused_with_position(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "bausteine" / "kaputt.yaml"
    path.parent.mkdir()
    broken = "id: kaputt\ntitle: Kaputt\nid: doppelt\n"
    path.write_text(broken, encoding="utf-8")
    result = invoke("fmt", path)
    assert result.exit_code == 1
    assert "kaputt.yaml:3:1: error FA003" in result.output
    assert "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == broken
    assert sorted(p.name for p in path.parent.iterdir()) == ["kaputt.yaml"]


def test_a_comment_after_a_list_travels_with_the_key_below_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    """The comment after a block list (here the law behind `used_by`) is stored with the
    list's last item; reordering the keys keeps it above `used_by` instead of failing."""
    path = tmp_path / "fachakten" / "x.yaml"
    path.parent.mkdir()
    tail = "owners:\n  - a\n  - b\n# Kommentar zu used_by\nused_by:\n  kinds: [stadt]\n"
    path.write_text("title: X\nid: x\n" + tail, encoding="utf-8")
    result = invoke("fmt", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == "id: x\ntitle: X\n" + tail


MODELINE = "# yaml-language-server: $schema=../schemas/baustein.schema.json\n"


@pytest.mark.parametrize(
    ("written", "formatted"),
    [
        # Right above the first key, below the schema line: the comment is the key's.
        (
            MODELINE + "# Version bei jeder Änderung erhöhen\nversion: 1.0.0\nid: x\n",
            MODELINE + "id: x\n# Version bei jeder Änderung erhöhen\nversion: 1.0.0\n",
        ),
        # A blank line apart: a header of the file, which stays on top.
        (
            "# Kopf der Datei\n\n# zur Version\nversion: 1.0.0\nid: x\n",
            "# Kopf der Datei\n\nid: x\n# zur Version\nversion: 1.0.0\n",
        ),
        # Above a list item: the item's, which stays above it whatever its keys' order.
        (
            "id: x\nfields:\n  # Anzeige\n  - title: T\n    id: f\n",
            "id: x\nfields:\n  # Anzeige\n  - id: f\n    title: T\n",
        ),
    ],
    ids=["below-the-schema-line", "file-header", "list-item"],
)
def test_the_comment_above_a_first_key_moves_with_it(
    invoke: Invoke, tmp_path: Path, written: str, formatted: str
) -> None:
    path = tmp_path / "bausteine" / "x.yaml"
    path.parent.mkdir()
    path.write_text(written, encoding="utf-8")
    result = invoke("fmt", path)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == formatted
    assert invoke("fmt", "--check", path).exit_code == 0
