"""Every path a command takes (option or argument) refuses an empty value, and two options
that name outputs never name the same file: a usage error (exit 2) that says what is wrong,
never Path('.') quietly standing for the working folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from conftest import invoke_cli
from fachakte_compiler.cli.main import cli
from support.catalogue import MINI


def _path_params() -> Iterator[tuple[tuple[str, ...], click.Parameter]]:
    ctx = click.Context(cli)

    def walk(
        group: click.Group, prefix: tuple[str, ...]
    ) -> Iterator[tuple[tuple[str, ...], click.Parameter]]:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            if isinstance(command, click.Group):
                yield from walk(command, (*prefix, name))
                continue
            for param in command.params:
                if isinstance(param.type, click.Path):
                    yield (*prefix, name), param

    yield from walk(cli, ())


PATH_PARAMS = [
    pytest.param(command, param, id=" ".join((*command, param.opts[0])))
    for command, param in _path_params()
]


def test_the_walk_finds_the_path_options() -> None:
    found = {(" ".join(c), p.opts[0]) for c, p in _path_params()}
    assert {("keygen", "--private-key"), ("keygen", "--public-key"), ("compile", "-o")} <= found
    assert len(found) >= 25


@pytest.mark.parametrize(("command", "param"), PATH_PARAMS)
def test_an_empty_path_is_a_usage_error(
    command: tuple[str, ...], param: click.Parameter, tmp_path: Path
) -> None:
    given = ("",) if isinstance(param, click.Argument) else (param.opts[0], "")
    result = invoke_cli(*command, *given, cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "an empty path names no file or folder; give a path" in result.stderr, result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_keygen_refuses_one_file_for_both_keys(tmp_path: Path) -> None:
    for private, public in (("same.pem", "same.pem"), ("same.pem", "./same.pem")):
        result = invoke_cli(
            "keygen", "--private-key", private, "--public-key", public, cwd=tmp_path
        )
        assert result.exit_code == 2, result.output
        assert "--private-key and --public-key both name same.pem" in result.stderr
        assert "already exists" not in result.stderr
        assert list(tmp_path.iterdir()) == []


def test_keygen_refuses_an_empty_key_path_in_german(tmp_path: Path) -> None:
    result = invoke_cli("keygen", "--private-key", "", cwd=tmp_path, env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 2, result.output
    assert "ein leerer Pfad benennt keine Datei und keinen Ordner" in result.stderr
    assert "ValueError" not in result.output


def test_compile_refuses_the_build_folder_as_its_cache(tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = invoke_cli("compile", MINI, "-o", out, "--cache-dir", out)
    assert result.exit_code == 2, result.output
    assert f"-o and --cache-dir both name {out}" in result.stderr
    assert not out.exists()
