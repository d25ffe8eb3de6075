"""`fachakte validate`, `explain` and `schema` through the real CLI."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree

from conftest import REPO, copy_catalogue, invoke_cli

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The mini catalogue with three different errors in one Fachakte."""
    root = tmp_path / "mini"
    copy_catalogue(root, MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    decimal_places: 2\n", "    decimal_place: 2\n")
    text = text.replace("fields: [bescheiddatum]", "fields: [bescheid_datum, bescheiddatum]")
    text = text.replace("roles: [sachbearbeitung, leitung]", "roles: [sachbearbeitung, leitng]")
    path.write_text(text, encoding="utf-8")
    return root


def test_three_errors_with_positions(invoke: Callable[..., Result], broken: Path) -> None:
    result = invoke("validate", ".", cwd=broken)
    assert result.exit_code == 1
    out = result.stdout
    assert "fachakten/beispiel.yaml:39:5: error FA102: unknown key 'decimal_place'" in out
    assert "did you mean 'decimal_places'?" in out
    assert (
        "fachakten/beispiel.yaml:70:14: error FA201: document type 'bescheid' uses unknown "
        "field 'bescheid_datum'"
    ) in out
    assert "did you mean 'bescheiddatum'?" in out
    assert "fachakten/beispiel.yaml:107:32: error FA205: transition uses unknown role" in out
    # The source line and a caret under the offending text.
    assert (
        " 70 |     fields: [bescheid_datum, bescheiddatum]\n"
        "    |              ^^^^^^^^^^^^^^ did you mean"
    ) in out
    assert "3 errors, 0 warnings" in out
    assert "Traceback" not in result.stderr


def test_json_format(invoke: Callable[..., Result], broken: Path) -> None:
    result = invoke("validate", broken, "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 1
    assert report["summary"] == {"errors": 3, "warnings": 0}
    assert [(d["code"], d["line"], d["column"]) for d in report["diagnostics"]] == [
        ("FA102", 39, 5),
        ("FA201", 70, 14),
        ("FA205", 107, 32),
    ]


def test_github_format(invoke: Callable[..., Result], broken: Path) -> None:
    result = invoke("validate", broken, "--format", "github")
    lines = result.output.strip().splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("::error file=")
    assert "line=70,col=14,endColumn=28,title=FA201::document type 'bescheid'" in lines[1]


def test_sarif_format(invoke: Callable[..., Result], broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    result = invoke("validate", broken, "--format", "sarif", "--output", out)
    assert result.exit_code == 1
    sarif = json.loads(out.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["FA102", "FA201", "FA205"]
    first = run["results"][1]
    assert first["ruleId"] == "FA201" and rules[first["ruleIndex"]] == "FA201"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 70, "startColumn": 14, "endColumn": 28}


def test_junit_format(invoke: Callable[..., Result], broken: Path) -> None:
    result = invoke("validate", broken, "--format", "junit")
    tree = etree.fromstring(result.output.encode("utf-8"))
    suites = tree.findall("testsuite")
    assert len(suites) == 4  # one per file; one test case per finding or per clean file
    assert tree.get("failures") == "3" and tree.get("errors") == "0"
    assert sum(int(s.get("failures", "")) for s in suites) == 3
    assert tree.get("tests") == str(len(tree.findall(".//testcase")))
    failures = tree.findall(".//failure")
    assert [f.get("type") for f in failures] == ["FA102", "FA201", "FA205"]


def test_clean_catalogue_exit_zero(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", MINI)
    assert result.exit_code == 0, result.stdout
    assert "4 files checked, no findings" in result.stdout


def test_single_file_uses_catalogue_context(invoke: Callable[..., Result]) -> None:
    result = invoke("validate", MINI / "fachakten" / "beispiel.yaml")
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.output


def test_usage_errors_exit_two(invoke: Callable[..., Result], tmp_path: Path) -> None:
    missing = invoke("validate", tmp_path / "nope")
    assert missing.exit_code == 2
    assert "path does not exist" in missing.stderr
    bad_format = invoke("validate", MINI, "--format", "xml")
    assert bad_format.exit_code == 2
    assert "Traceback" not in missing.stderr + bad_format.stderr


def test_explain(invoke: Callable[..., Result]) -> None:
    result = invoke("explain", "fa201")
    assert result.exit_code == 0
    assert result.stdout.startswith("FA201 (unknown-field, error)")
    listing = invoke("explain")
    assert "FA011" in listing.stdout and "FA703" in listing.stdout
    unknown = invoke("explain", "FA2011")
    assert unknown.exit_code == 2
    assert "unknown code 'FA2011' (did you mean 'FA211'?); run 'fachakte explain'" in unknown.stderr


def test_schema_command(invoke: Callable[..., Result]) -> None:
    result = invoke("schema", "tenants")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "tenants" in schema["properties"]


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    choice = rng.randrange(6)
    pos = rng.randrange(len(text))
    if choice == 0:
        return text[:pos] + text[pos + 1 :]
    if choice == 1:
        return text[:pos] + rng.choice(":-[]{}&*!|>'\"\t#\n?%@`,") + text[pos:]
    if choice == 2:
        i = rng.randrange(len(lines))
        return "".join([*lines[:i], lines[i], *lines[i:]])
    if choice == 3:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    if choice == 4:
        i = rng.randrange(len(lines))
        return "".join([*lines[:i], "  " + lines[i], *lines[i + 1 :]])
    return (
        text[:pos]
        + rng.choice(["yes", "010", "2024-01-01", "*a", "&a", "!!binary", "~"])
        + text[pos:]
    )


def test_no_traceback_on_mutated_input(invoke: Callable[..., Result], tmp_path: Path) -> None:
    """Hundreds of randomly damaged files: every run ends in a diagnostic, never an exception."""
    root = tmp_path / "mini"
    copy_catalogue(root, MINI)
    target = root / "fachakten" / "beispiel.yaml"
    original = target.read_text(encoding="utf-8")
    rng = random.Random(20261124)
    codes: set[str] = set()
    clean = 0
    for _ in range(300):
        text = original
        for _ in range(rng.randint(1, 4)):
            text = _mutate(text, rng)
        target.write_text(text, encoding="utf-8")
        result = invoke("validate", root, "--format", "json")  # raises on any exception
        assert result.exit_code in (0, 1), result.output
        codes.update(d["code"] for d in json.loads(result.output)["diagnostics"])
        if result.exit_code == 0:
            # Damage that still validates must also compile and diff without surprises.
            clean += 1
            out = tmp_path / "out"
            built = invoke("compile", root, "-o", out, "--no-cache")
            assert built.exit_code == 0, built.output
            assert invoke("diff", MINI, root).exit_code == 0
    assert len(codes) >= 10, codes
    assert clean >= 5, clean


def test_control_character(invoke: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "ctl.yaml"
    path.write_bytes(b"id: a\ntitle: b\x11c\n")
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert "ctl.yaml:2:9: error FA002: character U+0011 is not allowed in YAML" in result.stdout


def test_binary_garbage(invoke: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "garbage.yaml"
    rng = random.Random(1)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    result = invoke("validate", path)
    assert result.exit_code == 1
    assert "FA001" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_file_outside_a_catalogue_says_what_was_not_checked(tmp_path: Path) -> None:
    # A Fachakte received by mail and checked alone: its own rules pass, the rest is unknown.
    alone = tmp_path / "hundesteuer.yaml"
    shutil.copy(REPO / "definitions" / "fachakten" / "hundesteuer.yaml", alone)
    for lang, words in (
        ("en", "lies outside a catalogue"),
        ("de", "liegt außerhalb eines Katalogs"),
    ):
        result = invoke_cli("validate", alone, env={"FACHAKTE_LANG": lang})
        assert result.exit_code == 0, result.stderr
        assert words in result.stderr and "Traceback" not in result.stderr
    inside = invoke_cli("validate", REPO / "definitions" / "fachakten" / "hundesteuer.yaml")
    assert inside.exit_code == 0 and "catalogue" not in inside.stderr


def test_a_schema_finding_explains_the_place_in_the_language_of_the_message(
    tmp_path: Path,
) -> None:
    # The JSON Schemas describe each place in German: a German message adds the title and
    # description, an English one names the place by its key; a pattern is named in words, in
    # the message's language, never as the regular expression.
    root = tmp_path / "mini"
    copy_catalogue(root, MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('kennzeichen: "99.10"', "kennzeichen: 99x")
    path.write_text(text.replace(", suedstadt]", "]", 1), encoding="utf-8")
    english = invoke_cli("validate", root, env={"FACHAKTE_LANG": "en"})
    german = invoke_cli("validate", root, env={"FACHAKTE_LANG": "de"})
    assert english.exit_code == german.exit_code == 1
    shown = [line.partition(": error FA105: ")[2] for line in english.stdout.splitlines()]
    assert [s for s in shown if s] == [
        "list needs at least 3 entries, has 2 (owners)",
        "'99x' is not a valid Aktenplan Kennzeichen: write one to six groups of one to three "
        "digits, separated by dots, such as 50.60.10",
    ]
    assert "Kommunen" not in english.stdout and "Aktenplankennzeichen" not in english.stdout
    assert "has 2 (owners)" in english.stdout
    assert "hat 2 (Federführende Kommunen: Genau drei Mandanten" in german.stdout
    assert "'99x' ist kein gültiges Aktenplankennzeichen: ein bis sechs Gruppen" in german.stdout
    assert "[0-9]" not in english.stdout + german.stdout


def test_number_limits_beyond_the_descriptor_are_errors(tmp_path: Path) -> None:
    root = copy_catalogue(tmp_path / "definitions")
    path = root / "fachakten" / "wohngeld.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    minimum: 1\n    maximum: 20\n"
    assert text.count(old) == 1
    too_big = "    minimum: 1\n    maximum: 9223372036854775808\n"
    path.write_text(text.replace(old, too_big), encoding="utf-8")
    result = invoke_cli("validate", root, "--format", "json")
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)["diagnostics"]
    assert found["code"] == "FA213.9"
    assert "maximum 9223372036854775808 is beyond what a LONG descriptor holds" in found["message"]
    largest = "    minimum: 1\n    maximum: 9223372036854775807\n"
    path.write_text(text.replace(old, largest), encoding="utf-8")
    assert invoke_cli("validate", root).exit_code == 0
