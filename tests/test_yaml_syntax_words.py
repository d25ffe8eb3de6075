"""YAML syntax errors in plain words, at the line where the author must look (not where the
parser gave up), and no follow-on findings about other files while a file cannot be read."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import run_fachakte
from fachakte_compiler.i18n import _
from fachakte_compiler.load.yaml_syntax import PARSER_WORDS

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
    "alias-without-anchor": (
        "title: Hundesteuer\n",
        "title: *hund\n",
        "8:8",
        "the alias '*hund' refers to no anchor '&hund' above it",
        "write the value out",
    ),
    # YAML 1.2 allows it; PyYAML's composer refuses it.
    "anchor-defined-twice": (
        "version: 3.0.0\ntitle: Hundesteuer\n",
        "version: &v 3.0.0\ntitle: &v Hundesteuer\n",
        "8:8",
        "the anchor '&v' is defined a second time (first on line 7)",
        "give each anchor a name of its own",
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
    assert 'das hier geöffnete Anführungszeichen " wird nie geschlossen' in result.stdout


# A syntax error for each of libyaml's words that explain() passes on (name -> file text, the
# parser's words: context and problem). The aliases and anchors have words of their own below.
PARSER_SAMPLES = {
    "flow-depth": ("a: " + "[" * 1001 + "]" * 1001 + "\n", "while increasing flow level"),
    "block-depth": ("".join(" " * i + "-\n" for i in range(1002)), "while increasing block level"),
    "duplicate-yaml": ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "found duplicate %YAML directive"),
    "duplicate-tag": (
        "%TAG !a! tag:x,2000:\n%TAG !a! tag:x,2000:\n---\na: 1\n",
        "found duplicate %TAG directive",
    ),
    "incompatible": ("%YAML 2.0\n---\na: 1\n", "found incompatible YAML document"),
    "long-version": ("%YAML 1.1234567890\n---\na: 1\n", "found extremely long version number"),
    "version": ("%YAML x\n---\na: 1\n", "did not find expected version number"),
    "directive": ("%FOO bar\n---\na: 1\n", "found unknown directive name"),
    "directive-name": ("% \n---\na: 1\n", "could not find expected directive name"),
    "directive-end": ("%YAML 1.1 x\n---\na: 1\n", "did not find expected comment or line break"),
    "document-start": ("%YAML 1.1\na: 1\n", "did not find expected <document start>"),
    "tag-handle": ("a: !x!y 1\n", "found undefined tag handle"),
    "tag-uri": ("a: !<> 1\n", "did not find expected tag URI"),
    "tag-end": ("a: !<abc 1\n", "did not find the expected '>'"),
    "tag-octet": ("a: !<%zz> 1\n", "did not find URI escaped octet"),
    "tag-directive": ("%TAG !a tag:x\n---\na: 1\n", "did not find expected '!'"),
    "tag-space": ('a: !!str"x"\n', "did not find expected whitespace or line break"),
    "escape": ('a: "\\q"\n', "found unknown escape character"),
    "hex": ('a: "\\xzz"\n', "did not find expected hexdecimal number"),
    "unicode-escape": ('a: "\\ud800x"\n', "found invalid Unicode character escape code"),
    "indentation-indicator": ("a: |0\n  x\n", "found an indentation indicator equal to 0"),
    "block-header": ("a: |x\n  x\n", "did not find expected comment or line break"),
    "anchor": ("a: &\n", "while scanning an anchor"),
    "alias": ("a: *\n", "while scanning an alias"),
    "flow-node": ("a: [x, ]\nb: {x: y, : }\n", "did not find expected node content"),
    "character": ("a: @x\n", "found character that cannot start any token"),
}


def _libyaml_texts() -> set[str]:
    """The texts of syntax errors in the libyaml that PyYAML's C extension holds."""
    from yaml import _yaml  # type: ignore[attr-defined]

    data = Path(_yaml.__file__).read_bytes()
    texts = {t.decode() for t in re.findall(rb"[\x20-\x7e]{6,}(?=\x00)", data)}
    return {t for t in texts if _PARSER_TEXT.match(t)}


_PARSER_TEXT = re.compile(
    r"(while (parsing|scanning|increasing) |(did not|could not) find |found |exceeded )"
    r"|.* (is|are) not allowed in this context$"
)


def test_every_syntax_error_text_of_the_installed_libyaml_is_translated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = _libyaml_texts()
    if len(texts) < 40:
        pytest.skip("this PyYAML links libyaml as a library of its own; its texts are not here")
    assert texts - set(PARSER_WORDS) == set()
    monkeypatch.setenv("FACHAKTE_LANG", "de")
    untranslated = [w for w in PARSER_WORDS if _(w) == w]
    assert untranslated == []


def test_the_parser_s_words_are_german_in_german(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, (text, _words) in PARSER_SAMPLES.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = invoke(
        "validate", *sorted(tmp_path.iterdir()), "--format", "json", env={"FACHAKTE_LANG": "de"}
    )
    assert result.exit_code == 1, result.output
    found = {Path(d["file"]).stem: d for d in json.loads(result.stdout)["diagnostics"]}
    monkeypatch.setenv("FACHAKTE_LANG", "de")
    for name, (_text, words) in PARSER_SAMPLES.items():
        finding = found[name]
        assert finding["code"] == "FA002", finding
        assert "der Parser meldet: " in finding["message"], finding
        assert _(words) in finding["message"], finding
        # No English word of the parser is left, in this file's finding nor any other.
        assert not [w for w in PARSER_WORDS if w in finding["message"]], finding
    german = {Path(d["file"]).stem: d["message"] for d in json.loads(result.stdout)["diagnostics"]}
    assert german["flow-depth"].endswith(
        "(der Parser meldet: beim Öffnen einer weiteren Ebene in [ ] oder { } die größte "
        "erlaubte Verschachtelungstiefe ist überschritten)"
    )
