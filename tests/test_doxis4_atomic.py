"""A compile that fails (bad input, a package that fails its XSD, full disk, Ctrl-C) leaves the
previous build byte-for-byte intact and no partial files."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ShippedBuild, invoke_cli
from fachakte_compiler.targets import TargetError
from fachakte_compiler.targets.doxis4.validate import NAMESPACE, check_entry
from fachakte_compiler.write import atomic
from support.tree import read_tree

Build = dict[str, tuple[bytes, int]]


def snapshot(build: Path) -> Build:
    return read_tree(build, lambda p: (p.read_bytes(), p.stat().st_mode))


def leftovers(build: Path) -> list[str]:
    return sorted(p.name for p in build.parent.iterdir() if p.name.startswith(f".{build.name}."))


@pytest.fixture(scope="module")
def previous(shipped_build: ShippedBuild) -> tuple[Path, Path]:
    """A catalogue and a good build of it, to be copied by each test: the session's."""
    return shipped_build.definitions, shipped_build.build


@pytest.fixture
def setup(previous: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path, Build]:
    definitions, build = tmp_path / "definitions", tmp_path / "build"
    shutil.copytree(previous[0], definitions)
    shutil.copytree(previous[1], build)
    before = snapshot(build)
    assert len(before) > 13
    return definitions, build, before


def test_invalid_definition_writes_nothing(setup: tuple[Path, Path, Build]) -> None:
    definitions, build, before = setup
    wohngeld = definitions / "fachakten" / "wohngeld.yaml"
    lines = wohngeld.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("version: "))
    lines[number - 1] = "version: eins\n"
    wohngeld.write_text("".join(lines), encoding="utf-8")
    result = invoke_cli("compile", definitions, "--target", "doxis4", "-o", build)
    assert result.exit_code == 1
    assert f"wohngeld.yaml:{number}:10: error" in result.stdout
    assert "nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(build) == before
    assert leftovers(build) == []


def test_package_failing_its_xsd_writes_nothing(
    setup: tuple[Path, Path, Build], invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    definitions, build, before = setup
    broken = f'<wertelisten xmlns="{NAMESPACE}" fachakte="x" format="1"><fremd/></wertelisten>'
    monkeypatch.setattr(
        "fachakte_compiler.targets.doxis4.entries.render", lambda template, **_: broken.encode()
    )
    result = invoke("compile", definitions, "--target", "doxis4", "-o", build)
    assert result.exit_code == 1
    assert "01-wertelisten.xml:1: does not conform to doxis4-package.xsd" in result.output
    assert "nothing was written" in result.output
    assert snapshot(build) == before
    assert leftovers(build) == []


@pytest.mark.parametrize(
    ("failure", "exit_code", "message"),
    [
        (OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), 1, os.strerror(errno.ENOSPC)),
        (KeyboardInterrupt(), 130, "interrupted; outputs are only ever replaced whole"),
    ],
)
def test_failure_while_writing_keeps_the_previous_build(
    setup: tuple[Path, Path, Build],
    invoke: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    exit_code: int,
    message: str,
) -> None:
    definitions, build, before = setup
    real_write = atomic._write
    calls = []

    def write_some_then_fail(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) > 20:
            raise failure
        real_write(path, data)

    monkeypatch.setattr(atomic, "_write", write_some_then_fail)
    result = invoke("compile", definitions, "--target", "doxis4", "-o", build)
    assert len(calls) == 21  # it really failed half-way through the staged files
    assert result.exit_code == exit_code
    assert result.output.count(message) == 1, result.output
    assert snapshot(build) == before
    assert leftovers(build) == []


def test_check_entry_names_entry_and_line() -> None:
    with pytest.raises(TargetError, match=r"^brilon/wohngeld: 10-mandant.xml: not well-formed"):
        check_entry("brilon/wohngeld: 10-mandant.xml", b"<mandant>", "mandant")
    wrong_root = f'<rollen xmlns="{NAMESPACE}" fachakte="x" format="1"/>'.encode()
    with pytest.raises(TargetError, match=r"root element is .*rollen, expected .*mandant"):
        check_entry("x", wrong_root, "mandant")
    missing = f'<rollen xmlns="{NAMESPACE}"\n fachakte="x"/>'.encode()
    with pytest.raises(TargetError, match=r"^x:2: does not conform .*'format' is required"):
        check_entry("x", missing, "rollen")
