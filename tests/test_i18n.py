"""German and English: every text of the CLI has a German translation in the gettext catalogue,
the catalogue matches the sources, and the real command speaks the chosen language with the same
codes (FACHAKTE_LANG, else the locale, else English)."""

from __future__ import annotations

import os
import re
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import copy_catalogue
from fachakte_compiler.code_table import all_codes
from fachakte_compiler.i18n.extract import PO_FILE, ROOT, catalogue, translated
from support.yaml_dump import load as load_yaml

MINI = Path(__file__).parent / "fixtures" / "mini"
FINDING = re.compile(r"^(?P<where>\S+:\d+:\d+): (?P<severity>\w+) (?P<code>FA\d{3}): (?P<text>.*)$")


def _german_catalogue() -> list[object]:
    with PO_FILE.open("rb") as stream:
        return [m for m in read_po(stream, locale="de") if m.id]


def _ids(message: object) -> str | tuple[str, ...]:
    return message.id  # type: ignore[attr-defined, no-any-return]


def test_every_message_has_a_german_translation() -> None:
    untranslated = [_ids(m) for m in _german_catalogue() if not translated(m)]
    assert not untranslated, f"{len(untranslated)} msgids without German: {untranslated[:10]}"


def test_catalogue_matches_the_sources() -> None:
    extracted = {_ids(m) for m in catalogue() if m.id}
    in_po = {_ids(m) for m in _german_catalogue()}
    missing, stale = extracted - in_po, in_po - extracted
    assert not missing and not stale, (
        f"run `make messages`: {len(missing)} new msgids ({sorted(map(str, missing))[:5]}), "
        f"{len(stale)} no longer used ({sorted(map(str, stale))[:5]})"
    )


def _fields(text: str) -> set[str]:
    """The named placeholders of a text: `{name}`, `{name!r}`, `{name:04X}`. Braces around
    anything else belong to texts that are never formatted (explanations quoting `{ }`)."""
    try:
        parsed = [field for _, field, _, _ in string.Formatter().parse(text) if field]
    except ValueError:
        parsed = re.findall(r"(?<!{){([A-Za-z_]\w*)(?:![rsa])?(?::[^{}]*)?}", text)
    return {field for field in parsed if field.isidentifier()}


def test_translations_keep_the_placeholders() -> None:
    # A German text that named other fields would fail at .format() when it is shown.
    for message in _german_catalogue():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)  # type: ignore[attr-defined]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)  # type: ignore[attr-defined]
        for index, text in enumerate(strings):
            source = ids[min(index, len(ids) - 1)]
            assert _fields(text) == _fields(source), (source, text)


def _broken(tmp_path: Path) -> Path:
    """The test catalogue with the failing change of every rule example that still applies."""
    root = copy_catalogue(tmp_path / "mini", MINI)
    for entry in all_codes():
        for example in entry.examples:
            path = root / example.file
            text = path.read_text(encoding="utf-8")
            changes = ((example.passes, example.fails), *example.also)
            # An example that changes a second file is left out: its change there could
            # break the examples after it.
            if example.copy_to or example.elsewhere or not all(old in text for old, _ in changes):
                continue
            for old, new in changes:
                text = text.replace(old, new, 1)
            path.write_text(text, encoding="utf-8")
    return root


def _validate(root: Path, **env: str | None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in env}
    full.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", "validate", str(root)],
        capture_output=True,
        text=True,
        env=full,
        check=False,
    )


def _findings(output: str) -> list[tuple[str, str, str, str]]:
    found = [FINDING.match(line) for line in output.splitlines()]
    return [(m["where"], m["severity"], m["code"], m["text"]) for m in found if m]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _broken(tmp_path_factory.mktemp("i18n"))


@pytest.mark.parametrize(
    "german_env",
    [
        {"FACHAKTE_LANG": "de"},
        {"FACHAKTE_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "de_DE.UTF-8"},
    ],
    ids=["FACHAKTE_LANG", "LANG"],
)
def test_validate_speaks_german_and_english_with_the_same_codes(
    broken: Path, german_env: dict[str, str | None]
) -> None:
    english = _validate(broken, FACHAKTE_LANG="en", LANG="de_DE.UTF-8")
    german = _validate(broken, **german_env)
    assert english.returncode == german.returncode == 1, german.stderr
    en, de = _findings(english.stdout), _findings(german.stdout)
    assert len(en) >= 10, english.stdout
    assert [(w, c) for w, _, c, _ in en] == [(w, c) for w, _, c, _ in de]
    assert {s for _, s, _, _ in en} <= {"error", "warning"}
    assert {s for _, s, _, _ in de} <= {"Fehler", "Warnung"}
    assert "files checked" in english.stdout.splitlines()[-1]
    assert "Dateien geprüft" in german.stdout.splitlines()[-1]
    assert "Traceback" not in german.stderr


def test_help_in_both_languages() -> None:
    def run(lang: str, *args: str) -> str:
        return _validate_help(lang, *args)

    english = run("en", "--help")
    assert "Show this message and exit." in english
    assert english.startswith("Usage: fachakte [OPTIONS] COMMAND [ARGS]...")
    german = run("de", "--help")
    assert "Diese Hilfe zeigen und beenden." in german and "Befehle:" in german
    assert german.startswith("Aufruf: fachakte [OPTIONEN] BEFEHL [ARGUMENTE]...")
    validate_help = run("de", "validate", "--help")
    assert validate_help.startswith("Aufruf: fachakte validate [OPTIONEN]")
    assert "Definitionsdateien (Vorgabe: definitions/) gegen das Schema" in validate_help


def test_explain_in_both_languages() -> None:
    english, german = (
        _validate_help("en", "explain", "FA401"),
        _validate_help("de", "explain", "FA401"),
    )
    assert english.startswith("FA401 (owners, error): owners are not three distinct tenants")
    assert german.startswith("FA401 (owners, Fehler): owners sind nicht drei verschiedene")
    assert "federführende Kommunen" in german


def _validate_help(lang: str, *args: str) -> str:
    env = {**os.environ, "FACHAKTE_LANG": lang}
    result = subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout


def test_wheel_contains_the_compiled_catalogue(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("fachakte_compiler-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "fachakte_compiler/locale/de/LC_MESSAGES/fachakte.mo" in names
    assert "fachakte_compiler/locale/de/LC_MESSAGES/fachakte.po" in names


def test_ci_templates_choose_german() -> None:

    github = load_yaml((ROOT / "ci-templates" / "github-actions.yml").read_text("utf-8"))
    gitlab = load_yaml((ROOT / "ci-templates" / "gitlab-ci.yml").read_text("utf-8"))
    assert github["env"]["FACHAKTE_LANG"] == "de"
    assert gitlab["variables"]["FACHAKTE_LANG"] == "de"


def test_build_outputs_do_not_depend_on_the_language(tmp_path: Path) -> None:
    # Messages follow the language; what compile writes must not (same bytes in any locale).
    # Without a cache: the second build must really be built in the other language.
    trees = []
    for lang in ("de", "en"):
        out = tmp_path / f"out-{lang}"
        env = {**os.environ, "FACHAKTE_LANG": lang, "SOURCE_DATE_EPOCH": "1700000000"}
        command = ["compile", str(MINI), "-o", str(out), "--no-cache"]
        result = subprocess.run(
            [sys.executable, "-m", "fachakte_compiler", *command],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [p for p in trees[0] if trees[0][p] != trees[1][p]] == []


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [
        (
            "en",
            "nothing changed: 1 file in out is up to date",
            "1 Fachakte for 2 tenants (docs): 3 files",
        ),
        (
            "de",
            "nichts geändert: 1 Datei in out ist aktuell",
            "1 Fachakte für 2 Mandanten übersetzt (docs): 3 Dateien",
        ),
    ],
)
def test_the_compile_summary_counts_in_singular_and_plural(
    monkeypatch: pytest.MonkeyPatch, lang: str, one: str, many: str
) -> None:
    from fachakte_compiler.build_service.service import CompileOutcome

    monkeypatch.setenv("FACHAKTE_LANG", lang)
    assert CompileOutcome(up_to_date=True, files=1).summary("out") == one
    built = CompileOutcome(files=3, fachakten=1, tenants=2, targets=("docs",), built=3)
    assert many in built.summary("out")
