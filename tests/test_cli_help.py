"""`--help` works for every command and subcommand, says what the command does, and in German
names no placeholder in English."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from fachakte_compiler.cli.main import cli


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path below `group`; the top-level group loads its commands lazily."""
    ctx = click.Context(group, info_name="fachakte")
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


ALL = list(commands(cli))


def test_the_listing_is_complete() -> None:
    top = CliRunner().invoke(cli, ["--help"])
    assert top.exit_code == 0
    for path in ALL:
        if len(path) == 1:
            assert f"\n  {path[0]} " in top.output, path


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="fachakte")
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("path", ALL, ids=" ".join)
def test_help(path: tuple[str, ...]) -> None:
    output = _help(path)
    assert output.startswith(f"Usage: fachakte {' '.join(path)} "), output
    description = output.split("\n\n")[1].strip()
    assert len(description) > 10, f"{' '.join(path)} has no description"
    assert "-h, --help" in output


# What click derives from a parameter's type when it has no metavar of its own.
CLICK_TYPE_WORDS = re.compile(r"\b(TEXT|INTEGER|FLOAT|RANGE|BOOLEAN|FILE|DIRECTORY|PATH|UUID)\b")
# Click names a type when the type is made, at import: so a process that starts in German.
GERMAN_HELP = """
import json
from click.testing import CliRunner
from fachakte_compiler.cli.main import cli
shown = {}
for path in json.loads(input()):
    shown[" ".join(path)] = CliRunner().invoke(cli, [*path, "--help"], prog_name="fachakte").output
print(json.dumps(shown))
"""
OPTION_COLUMN = re.compile(r"^\s+(-\S.*?)(?:\s{2,}|$)")
PLACEHOLDER = re.compile(r"\b[A-Z][A-Z_]+\b")


def placeholders(help_pages: dict[str, str]) -> set[str]:
    """The placeholder words of the usage lines and option columns of `help_pages`."""
    found: set[str] = set()
    for page in help_pages.values():
        lines = page.splitlines()
        shown = [lines[0]] + [m.group(1) for m in map(OPTION_COLUMN.match, lines) if m]
        found.update(word for line in shown for word in PLACEHOLDER.findall(line))
    return found


def test_german_help_names_its_placeholders_in_german() -> None:
    result = subprocess.run(
        [sys.executable, "-c", GERMAN_HELP],
        input=json.dumps(ALL),
        capture_output=True,
        text=True,
        env={**os.environ, "FACHAKTE_LANG": "de"},
        check=True,
    )
    german: dict[str, str] = json.loads(result.stdout)
    assert set(german) == {" ".join(p) for p in ALL}
    columns = {
        c: [m.group(1) for m in map(OPTION_COLUMN.match, page.splitlines()) if m]
        for c, page in german.items()
    }
    assert "-o, --output ORDNER" in columns["compile"], columns["compile"]
    assert german["compile"].startswith("Aufruf: fachakte compile [OPTIONEN] [PFADE]..."), german
    english_types = {
        c: [o for o in opts if CLICK_TYPE_WORDS.search(o)] for c, opts in columns.items()
    }
    assert not any(english_types.values()), english_types
    # A placeholder the English pages show and the German ones translate must not appear in
    # English anywhere on a German page, neither in the usage line nor in a description.
    english = {" ".join(p): _help(p) for p in ALL}
    only_english = placeholders(english) - placeholders(german)
    assert {"PATHS", "PATH", "DIR", "MESSAGE", "KIND"} <= only_english, only_english
    left = {c: sorted(set(PLACEHOLDER.findall(page)) & only_english) for c, page in german.items()}
    assert not any(left.values()), left
    # Every argument shows a placeholder in the usage line, which the German page translates
    # (a choice list there would leave the description's placeholder untranslated).
    assert german["schema"].startswith("Aufruf: fachakte schema [OPTIONEN] [ART]"), german
    # A default is "Vorgabe" on every German page, as click's "[Vorgabe: …]" says it.
    standard = [c for c, page in german.items() if "Standard:" in page]
    assert not standard, standard


@pytest.mark.parametrize(("language", "shown"), [("de", "Version"), ("en", "version")])
def test_version_is_shown_in_the_language_of_the_run(language: str, shown: str) -> None:
    # This process imported the CLI in English; the language of the run decides.
    from fachakte_compiler import __version__

    result = CliRunner().invoke(cli, ["--version"], env={"FACHAKTE_LANG": language})
    assert (result.exit_code, result.output) == (0, f"fachakte, {shown} {__version__}\n")
