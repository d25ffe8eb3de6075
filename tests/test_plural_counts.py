"""A count of one reads as one: findings and reports say "1 character", "1 year", never
"1 characters" (German: "1 Jahr", "1 Jahren" only where the grammar asks for it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from support.catalogue import MINI, copy_catalogue


def test_findings_with_a_count_of_one_use_the_singular(tmp_path: Path, invoke: Any) -> None:
    definitions = copy_catalogue(tmp_path / "definitions", MINI)
    beispiel = definitions / "fachakten" / "beispiel.yaml"
    text = beispiel.read_text(encoding="utf-8")
    # An empty title (minLength 1) and an Akte kept one year against a minimum of one year
    # more: both counts are 1 where a plural used to stand.
    text = text.replace("title: Beispielakte", 'title: ""', 1)
    text = text.replace("    years: 10\n", "    years: 1\n", 1)
    text = text.replace("    legal_minimum_years: 6\n", "    legal_minimum_years: 2\n", 1)
    beispiel.write_text(text, encoding="utf-8")

    english = invoke("validate", definitions)
    assert english.exit_code == 1, english.output
    assert "error FA105: text is shorter than 1 character (title)" in english.output
    assert (
        "error FA501: the Akte keeps records 1 year, less than the legal minimum of 2 years "
        "(§ 9 BspG)"
    ) in english.output
    assert "1 characters" not in english.output and "1 years" not in english.output

    german = invoke("validate", definitions, env={"FACHAKTE_LANG": "de"})
    assert german.exit_code == 1, german.output
    assert (
        "Fehler FA501: Akte: Aufbewahrung 1 Jahr, weniger als die gesetzliche Mindestfrist von "
        "2 Jahren (§ 9 BspG)"
    ) in german.output
    assert "der Text ist kürzer als 1 Zeichen" in german.output
