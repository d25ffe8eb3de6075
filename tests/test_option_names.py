"""One name and one meaning per option across commands: `-o/--output` for what a command
writes, `--private-key` and `--public-key` for keys, validate's `--format` family wherever
findings are reported. Former spellings of documented versions work where their meaning
applies, hidden and with a deprecation note; elsewhere the usage error names the option meant."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import invoke_cli
from support.catalogue import MINI, copy_catalogue

# Every command that writes a file or folder other than the definitions themselves.
WRITERS = ("validate", "diff", "check-version", "changelog", "drift", "compile", "release")
FORMER = ("--out ", "--key ", "--private ", "--public ", "--dir ")


def _help(command: str, lang: str = "en") -> str:
    result = invoke_cli(command, "--help", env={"FACHAKTE_LANG": lang})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", [*WRITERS, "verify", "keygen", "new", "import-aktenplan"])
def test_help_shows_only_the_one_name_of_each_option(command: str) -> None:
    shown = _help(command)
    if command in WRITERS:
        assert re.search(r"^  -o, --output (FILE|DIRECTORY)", shown, re.M), shown
    for former in FORMER:
        assert former not in shown, (command, former)
    if command in ("release", "keygen"):
        assert "--private-key FILE" in shown
    if command in ("verify", "keygen"):
        assert "--public-key FILE" in shown
    if command in ("new", "import-aktenplan"):
        assert "--definitions DIR" in shown


def test_findings_are_reported_in_one_family_of_formats() -> None:
    family = ("text", "json", "github", "sarif", "junit", "codequality")
    for command in ("validate", "check-version", "drift"):
        line = re.search(r"--format \[([a-z|]+)\]", _help(command))
        assert line is not None, command
        assert set(family) <= set(line.group(1).split("|")), command


def test_output_has_the_same_name_for_a_report_and_a_folder(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    written = invoke_cli("validate", MINI, "--format", "json", "-o", report)
    assert written.exit_code == 0, written.stderr
    assert json.loads(report.read_text())["diagnostics"] == [] and written.stderr == ""
    out = tmp_path / "build"
    built = invoke_cli("compile", MINI, "--target", "xdomea", "--output", out, "--no-cache")
    assert built.exit_code == 0, built.stderr
    assert any(out.rglob("*.xml")) and "deprecated" not in built.stderr


def test_former_spellings_still_work_and_say_the_new_name_in_either_language(
    tmp_path: Path,
) -> None:
    out = tmp_path / "build"
    built = invoke_cli("compile", MINI, "--target", "xdomea", "--out", out, "--no-cache")
    assert built.exit_code == 0, built.stderr
    assert any(out.rglob("*.xml"))
    assert "warning: --out is deprecated; use --output" in built.stderr
    report = tmp_path / "report.txt"
    german = invoke_cli("validate", MINI, "--out", report, env={"FACHAKTE_LANG": "de"})
    assert german.exit_code == 0 and report.is_file()
    assert "Warnung: --out ist veraltet; --output verwenden" in german.stderr, german.stderr
    made = invoke_cli("keygen", "--key", tmp_path / "k.pem", "--public", tmp_path / "k.pub")
    assert made.exit_code == 0, made.stderr
    assert (tmp_path / "k.pem").is_file() and (tmp_path / "k.pub").is_file()
    assert "--key is deprecated; use --private-key" in made.stderr
    assert "--public is deprecated; use --public-key" in made.stderr
    catalogue = copy_catalogue(tmp_path / "katalog", MINI)
    owners = ("--owners", "nordstadt,suedstadt,westdorf")
    scaffold = invoke_cli("new", "neu", *owners, "--dir", catalogue)
    assert scaffold.exit_code == 0 and (catalogue / "fachakten" / "neu.yaml").is_file()
    assert "--dir is deprecated; use --definitions" in scaffold.stderr
    # The same former name means the same thing on every command that has the meaning: a
    # public key handed to release as --private is refused as no private key (exit 2) ...
    wrong = invoke_cli("release", MINI, "-o", tmp_path / "r", "--private", tmp_path / "k.pub")
    assert wrong.exit_code == 2, wrong.stderr
    assert "--private is deprecated; use --private-key" in wrong.stderr
    assert "is a public key; --private-key needs the private key" in wrong.stderr
    # ... and a private key handed to verify as --public is refused as no public key.
    swapped = invoke_cli("verify", tmp_path, "--public", tmp_path / "k.pem")
    assert swapped.exit_code == 2, swapped.stderr
    assert "--public is deprecated; use --public-key" in swapped.stderr
    assert "is a private key; verify needs the public key" in swapped.stderr


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (("verify", ".", "--key", "k.pub.pem"), "--public-key"),
        (("compile", "--outt", "build"), "--output"),
    ],
)
def test_an_option_a_command_does_not_have_names_the_one_meant(
    args: tuple[str, ...], meant: str
) -> None:
    for lang, words in (("en", "Did you mean '{}'?"), ("de", "Gemeint war vielleicht '{}'?")):
        result = invoke_cli(*args, env={"FACHAKTE_LANG": lang})
        assert result.exit_code == 2, result.stderr
        assert words.format(meant) in result.stderr, result.stderr
        assert "'--out'" not in result.stderr  # hidden former names are never suggested


def test_the_shell_completes_only_the_one_name() -> None:
    def completed(words: str) -> set[str]:
        env = {"_FACHAKTE_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": "2"}
        result = invoke_cli(env=env)
        return {line.split(",", 1)[1] for line in result.stdout.split()}

    assert completed("fachakte compile --o") == {"--output"}
    assert completed("fachakte release --p") == {"--private-key"}
    assert {"--public-key", "--no-signature"} <= completed("fachakte verify --")
    assert not completed("fachakte verify --k")
