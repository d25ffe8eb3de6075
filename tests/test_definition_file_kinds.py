"""Every name in the catalogue folder that a user takes for a definition file is read or
reported: an extension in other letters (kopie.YAML) with the name to rename it to (FA020),
and a name that is no regular file (FIFO, socket, device, folder, dangling link) as what it is
(FA012), without ever opening it: reading a FIFO would wait for a writer forever."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from conftest import invoke_cli
from support.catalogue import copy_catalogue

MINI = Path(__file__).parent / "fixtures" / "mini"
NOT_READ = (
    "this file is never read: the catalogue reads only names ending in .yaml or .yml, in lower case"
)
REGULAR_ONLY = "the catalogue reads only regular files"
PUT_THE_FILE = "  = help: put the definition file itself in its place, or remove it"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A clean copy of the small catalogue at tmp_path/definitions; tests run in tmp_path."""
    return copy_catalogue(tmp_path / "definitions", MINI)


def _run(folder: Path, *args: str | Path, env: dict[str, str] | None = None) -> Result:
    return invoke_cli(*args, cwd=folder, env=env)


def _findings(result: Result) -> list[tuple[str, str]]:
    """Each error line of a text report with the line after it (the hint)."""
    lines = result.stdout.splitlines()
    return [
        (line, lines[i + 1] if i + 1 < len(lines) else "")
        for i, line in enumerate(lines)
        if ": error FA" in line or ": Fehler FA" in line
    ]


def _assert_rejected(mini: Path, expected: tuple[str, str]) -> None:
    """validate (the catalogue and its fachakten folder) and compile report exactly
    `expected` (finding line, hint line), exit 1, and compile writes nothing."""
    folder = mini.parent
    for target in ("definitions", "definitions/fachakten"):
        result = _run(folder, "validate", target)
        assert result.exit_code == 1, result.output
        assert _findings(result) == [expected], result.stdout
        assert "Traceback" not in result.output
    out = folder / "build"
    built = _run(folder, "compile", "definitions", "-o", out, "--no-cache")
    assert built.exit_code == 1, built.output
    assert _findings(built) == [expected], built.stdout
    assert "nothing was written" in built.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("fachakten/kopie.YAML", "kopie.yaml"),
        ("fachakten/kopie.Yaml", "kopie.yaml"),
        ("fachakten/kopie.YML", "kopie.yml"),
        ("fachakten/kopie.yAmL", "kopie.yaml"),
        ("bausteine/adresse.YAML", "adresse.yaml"),
        ("Tenants.YAML", "tenants.yaml"),
    ],
)
def test_an_extension_in_other_letters_is_reported_with_the_name_to_rename_it_to(
    mini: Path, name: str, meant: str
) -> None:
    source = mini / ("tenants.yaml" if name.startswith("T") else "fachakten/beispiel.yaml")
    (mini / name).write_bytes(source.read_bytes())
    expected = (
        f"definitions/{name}:1:1: error FA020: {NOT_READ}",
        f"  = help: rename it to {meant}",
    )
    _assert_rejected(mini, expected)


# The start of an AppleDouble file (its magic number and version), as a Mac writes it.
APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "


@pytest.mark.parametrize("name", ["fachakten/._beispiel.yaml", "._tenants.yaml"])
def test_a_macos_metadata_file_is_named_as_such(mini: Path, name: str) -> None:
    """Not read as a definition (it would be "UTF-16 encoded"): what it is and what to do."""
    (mini / name).write_bytes(APPLE_DOUBLE)
    shown = Path(name).name[2:]
    expected = (
        f"definitions/{name}:1:1: error FA020: this file is never read: it holds what macOS "
        f"keeps about {shown} (AppleDouble), no definition",
        "  = help: delete it; a Mac writes such files on network and FAT drives",
    )
    _assert_rejected(mini, expected)


def test_a_lower_case_yml_is_read_like_yaml(mini: Path) -> None:
    (mini / "fachakten" / "beispiel.yaml").rename(mini / "fachakten" / "beispiel.yml")
    result = _run(mini.parent, "validate", "definitions")
    assert result.exit_code == 0, result.output
    assert "4 files checked" in result.stdout


@contextlib.contextmanager
def _unblocked_after(fifo: Path, seconds: float) -> Iterator[None]:
    """Should the run open `fifo` for reading, a writer comes and goes after `seconds`: the
    reader then sees an empty file and the test fails instead of hanging."""

    def unblock() -> None:
        with contextlib.suppress(OSError):  # no reader waiting: nothing to unblock
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(seconds, unblock)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def _fifo(path: Path) -> str:
    os.mkfifo(path)
    return "a named pipe (FIFO), not a regular file"


def _socket(path: Path) -> str:
    # A relative name: the full temporary path can be longer than a socket address may be.
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(path.name)
    finally:
        os.chdir(here)
    return "a socket, not a regular file"


def _device(path: Path) -> str:
    path.symlink_to("/dev/null")
    return "a device file, not a regular file"


def _folder(path: Path) -> str:
    path.mkdir()
    return "a folder, not a file"


def _dangling(path: Path) -> str:
    path.symlink_to("entwurf.yaml")
    return "a symbolic link to entwurf.yaml, which does not exist"


def _loop(path: Path) -> str:
    path.symlink_to(path.name)
    return "a symbolic link that cannot be followed (Too many levels of symbolic links)"


KINDS: dict[str, Callable[[Path], str]] = {
    "fifo": _fifo,
    "socket": _socket,
    "device": _device,
    "folder": _folder,
    "dangling": _dangling,
    "loop": _loop,
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_name_that_is_no_regular_file_is_named_as_what_it_is_and_never_opened(
    mini: Path, kind: str
) -> None:
    path = mini / "fachakten" / f"{kind}.yaml"
    what = KINDS[kind](path)
    hint = (
        "  = help: rename the folder so that its name does not end in .yaml or .yml"
        if kind == "folder"
        else PUT_THE_FILE
    )
    expected = (
        f"definitions/fachakten/{kind}.yaml:1:1: error FA012: this is {what}; {REGULAR_ONLY}",
        hint,
    )
    with _unblocked_after(path, 30):
        _assert_rejected(mini, expected)


@pytest.mark.parametrize("kind", ["fifo", "socket", "device", "dangling", "loop"])
def test_naming_a_file_that_is_no_regular_file_is_a_usage_error(mini: Path, kind: str) -> None:
    path = mini / "fachakten" / f"{kind}.yaml"
    what = KINDS[kind](path)
    shown = f"definitions/fachakten/{kind}.yaml"
    with _unblocked_after(path, 30):
        for command in (("validate",), ("compile", "-o", mini.parent / "build", "--no-cache")):
            result = _run(mini.parent, *command[:1], shown, *command[1:])
            assert result.exit_code == 2, result.output
            assert result.stderr.strip().splitlines()[-1] == (
                f"Error: {shown} is {what}; name definition files or folders"
            )
            assert result.stdout == ""
    assert not (mini.parent / "build").exists()


def test_the_findings_speak_german(mini: Path) -> None:
    _fifo(mini / "fachakten" / "fifo.yaml")
    (mini / "fachakten" / "kopie.YAML").write_text("id: kopie\n", encoding="utf-8")
    with _unblocked_after(mini / "fachakten" / "fifo.yaml", 30):
        result = _run(mini.parent, "validate", "definitions", env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 1, result.output
    assert _findings(result) == [
        (
            "definitions/fachakten/fifo.yaml:1:1: Fehler FA012: dies ist eine benannte Pipe "
            "(FIFO), keine reguläre Datei; der Katalog liest nur reguläre Dateien",
            "  = Hinweis: die Definitionsdatei selbst an ihre Stelle legen oder den Eintrag "
            "entfernen",
        ),
        (
            "definitions/fachakten/kopie.YAML:1:1: Fehler FA020: diese Datei wird nie gelesen: "
            "der Katalog liest nur Namen, die auf .yaml oder .yml in Kleinbuchstaben enden",
            "  = Hinweis: sie in kopie.yaml umbenennen",
        ),
    ]


def test_a_warm_build_reports_a_file_added_in_other_letters(mini: Path, tmp_path: Path) -> None:
    build = ("compile", "definitions", "-o", "build", "--cache-dir", tmp_path / "cache")
    assert _run(tmp_path, *build).exit_code == 0
    before = sorted(
        (p.relative_to(tmp_path), p.read_bytes())
        for p in tmp_path.glob("build/**/*")
        if p.is_file()
    )
    (mini / "fachakten" / "kopie.YAML").write_bytes((mini / "fachakten/beispiel.yaml").read_bytes())
    result = _run(tmp_path, *build)
    assert result.exit_code == 1, result.output
    assert _findings(result) == [
        (
            f"definitions/fachakten/kopie.YAML:1:1: error FA020: {NOT_READ}",
            "  = help: rename it to kopie.yaml",
        )
    ]
    after = sorted(
        (p.relative_to(tmp_path), p.read_bytes())
        for p in tmp_path.glob("build/**/*")
        if p.is_file()
    )
    assert after == before


def test_a_folder_outside_any_catalogue_reports_its_lookalikes(tmp_path: Path) -> None:
    loose = tmp_path / "lose"
    loose.mkdir()
    (loose / "notiz.yaml").write_bytes((MINI / "fachakten" / "beispiel.yaml").read_bytes())
    (loose / "kopie.YML").write_text("id: kopie\n", encoding="utf-8")
    _fifo(loose / "fifo.yaml")
    with _unblocked_after(loose / "fifo.yaml", 30):
        result = _run(tmp_path, "validate", "lose")
    assert result.exit_code == 1, result.output
    found = [line for line, _hint in _findings(result)]
    fifo = "this is a named pipe (FIFO), not a regular file"
    assert f"lose/fifo.yaml:1:1: error FA012: {fifo}; {REGULAR_ONLY}" in found
    assert f"lose/kopie.YML:1:1: error FA020: {NOT_READ}" in found


def test_the_language_server_reports_them_too_and_never_opens_a_fifo(mini: Path) -> None:
    from fachakte_compiler.lsp.warm import WarmCatalogue

    _fifo(mini / "fachakten" / "fifo.yaml")
    (mini / "fachakten" / "kopie.YAML").write_text("id: kopie\n", encoding="utf-8")
    warm = WarmCatalogue(mini.resolve())
    with _unblocked_after(mini / "fachakten" / "fifo.yaml", 30):
        found = warm.check()
    codes = {path.name: [d.code for d in found[path]] for path in found if found[path]}
    assert codes == {"fifo.yaml": ["FA012"], "kopie.YAML": ["FA020"]}
    assert all(path.is_absolute() for path in found)


def test_the_shell_offers_the_fachakten_the_catalogue_reads(mini: Path) -> None:
    from test_cli_progress_completion import _complete

    fachakten = mini / "fachakten"
    (fachakten / "beispiel.yaml").rename(fachakten / "beispiel.yml")
    (fachakten / "bei_kopie.YAML").write_text("id: bei_kopie\n", encoding="utf-8")
    _fifo(fachakten / "bei_fifo.yaml")
    offered = _complete("fachakte validate bei", mini.parent)
    assert offered == ["definitions/fachakten/beispiel.yml"]


def test_a_release_refuses_a_committed_file_in_other_letters(tmp_path: Path) -> None:
    from test_release_helpers import git, keypair, make_repo, release

    repo = make_repo(tmp_path, MINI)
    fachakten = repo / "definitions" / "fachakten"
    (fachakten / "kopie.YAML").write_bytes((fachakten / "beispiel.yaml").read_bytes())
    git(repo, "add", "definitions")
    git(repo, "commit", "-q", "-m", "Kopie")
    private, _public = keypair(tmp_path)
    result = release(repo, tmp_path / "out", private)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"definitions/fachakten/kopie.YAML:1:1: error FA020: {NOT_READ}" in result.stdout
    assert "  = help: rename it to kopie.yaml" in result.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["../tenants.yaml", "beispiel.yaml"])
def test_a_link_to_another_file_of_the_catalogue_is_reported(mini: Path, target: str) -> None:
    """Each file is read once, by its target: the link's own name would stand for nothing."""
    (mini / "fachakten" / "probe.yaml").symlink_to(target)
    shown = "tenants.yaml" if target.startswith("..") else "fachakten/beispiel.yaml"
    expected = (
        f"definitions/fachakten/probe.yaml:1:1: error FA021: symbolic link to {shown}, a file "
        "of the catalogue itself; that file is read once, under its own name, and this name "
        "is not read",
        "  = help: remove the link, or copy the file if a second definition is meant",
    )
    _assert_rejected(mini, expected)
