"""YAML syntax errors in plain words, at the line where the author must look (not where the
parser gave up), and no follow-on findings about other files while a file cannot be read."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import run_fachakte

HUNDESTEUER = "fachakten/hundesteuer.yaml"

# name -> (text to replace, replacement, expected line:column, words of the message, of the hint)
CASES = {
    # The quote opens on line 8; PyYAML alone complains about line 31 ("did not find expected key").
    "unclosed-quote": (
        "title: Hundesteuer\ndescription",
        'title: "Hundesteuer\ndescription',
        "8:8",
        'the quote " opened here is never closed',
        'end the text with " on this line',
    ),
    # PyYAML alone names line 8, one line late.
    "missing-colon": (
        "version: 3.0.0",
        "version 3.0.0",
        "7:1",
        "this line has no ':' after its key",
        "write 'version: …'",
    ),
    "indentation": (
        "      - key: ermaessigt",
        "     - key: ermaessigt",
        "43:1",
        "the indentation of this line (5 spaces) does not match the lines above it",
        "indent it by 6 spaces, like line 41",
    ),
    "indentation-of-a-key": (
        "    title: Art der Besteuerung\n    values:",
        "   title: Art der Besteuerung\n    values:",
        "39:1",
        "the indentation of this line (3 spaces) does not match the lines above it",
        "indent it by 4 spaces, like line 38",
    ),
    # PyYAML alone names line 39, the line after.
    "dash-without-space": (
        "  - id: steuerart",
        "  -id: steuerart",
        "38:3",
        "'-id' has no space after the dash",
        "write '- id'",
    ),
    # PyYAML alone names line 21, the next key.
    "unclosed-bracket": (
        "  kinds: [stadt, gemeinde]\n",
        "  kinds: [stadt, gemeinde\n",
        "20:10",
        "the [ opened here is never closed",
        "end the list with ] on this line",
    ),
    "unclosed-brace": (
        "  kinds: [stadt, gemeinde]\n",
        "  kinds: {stadt: 1, gemeinde: 2\n",
        "20:10",
        "the { opened here is never closed",
        "end the mapping with } on this line",
    ),
    "colon-in-text": (
        "title: Hundesteuer\n",
        "title: Hundesteuer: Akte\n",
        "8:19",
        "the text after the key contains ': '",
        'put the whole text in quotes: "Hundesteuer: Akte"',
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_syntax_error_is_named_in_plain_words_where_it_is(
    catalogue: Path, invoke: Callable[..., Result], name: str
) -> None:
    old, new, where, message, hint = CASES[name]
    path = catalogue / HUNDESTEUER
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # In-process: the words, not the process, are under test (the German case below runs the
    # real entry point).
    result = invoke("validate", catalogue, "--format", "json")
    assert result.exit_code == 1, result.stderr
    found = json.loads(result.stdout)["diagnostics"]
    # Only the broken file is reported: no follow-on finding elsewhere (e.g. FA802 on
    # aktenplan.yaml for the Aktenplan level of the Fachakte that could not be read).
    assert [(Path(d["file"]).name, d["code"]) for d in found] == [("hundesteuer.yaml", "FA002")]
    (finding,) = found
    assert f"{finding['line']}:{finding['column']}" == where
    assert message in finding["message"] and hint in finding["hint"]
    assert "while parsing" not in finding["message"] and "expected key" not in finding["message"]
    text_report = invoke("validate", catalogue / HUNDESTEUER).stdout
    assert f"hundesteuer.yaml:{where}: error FA002: {message}" in text_report


def test_the_german_words_for_an_unclosed_quote(catalogue: Path) -> None:
    path = catalogue / HUNDESTEUER
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Hundesteuer\n", 'title: "Hundesteuer\n', 1), "utf-8")
    result = run_fachakte("validate", path, env={"FACHAKTE_LANG": "de"})
    assert result.returncode == 1
    assert "hundesteuer.yaml:8:8:" in result.stdout
    assert 'Das hier geöffnete Anführungszeichen " wird nie geschlossen' in result.stdout
