"""docs/definitionssprache.md is the German reference generated from the JSON Schemas."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from conftest import REPO


def test_reference_is_up_to_date(invoke: Callable[..., Result]) -> None:
    result = invoke("schema", "all", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    committed = (REPO / "docs" / "definitionssprache.md").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "regenerate: fachakte schema all --format markdown > docs/definitionssprache.md"
    )


def test_reference_lists_every_property_with_its_german_title() -> None:
    from fachakte_compiler.schema_reference import reference

    text = reference(("fachakte",))
    schema = json.loads((REPO / "schemas" / "fachakte.schema.json").read_text(encoding="utf-8"))
    for key in schema["properties"]:
        assert f"| `{key}` |" in text
    # Nested keys from common.schema.json ($ref) are resolved, with their German help.
    assert "| `fields[].personal_data` |" in text and "Art. 9 DSGVO" in text
    assert "| `akte.retention.disposition` |" in text
    # Every table row has exactly four cells: pipes inside patterns are escaped.
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows and all(line.replace("\\|", "").count("|") == 5 for line in rows)


def test_all_needs_markdown(invoke: Callable[..., Result]) -> None:
    result = invoke("schema", "all")
    assert result.exit_code == 2 and "needs --format markdown" in result.stderr
