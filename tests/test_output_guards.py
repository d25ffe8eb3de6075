"""`compile -o` and `release -o` replace only folders this tool wrote, on real folders."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from conftest import invoke_cli, run_fachakte, tree
from fachakte_compiler.write.guard import BUILD_MARKER
from support.git import init

MINI = Path(__file__).parent / "fixtures" / "mini"
Invoke = Callable[..., Result]


def compile_mini(invoke: Invoke, out: Path, *extra: str) -> Result:
    return invoke("compile", MINI, "-o", out, "--no-cache", *extra)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, the marker included."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_user_folder_with_docs_is_refused_and_kept(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "thesis"
    (out / "docs").mkdir(parents=True)
    (out / "docs" / "thesis.txt").write_text("drei Jahre Arbeit", encoding="utf-8")
    result = compile_mini(invoke, out)
    assert result.exit_code == 2, result.output
    assert f"refusing to write into {out}: it is not empty and not a build folder" in result.output
    assert files_of(out) == {"docs/thesis.txt": b"drei Jahre Arbeit"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]


def test_filesystem_root_is_refused_before_anything_is_touched(invoke: Invoke) -> None:
    before = sorted(os.listdir("/"))
    result = compile_mini(invoke, Path("/"))
    assert result.exit_code == 2, result.output
    assert "refusing to write into /: it is the root of the filesystem" in result.output
    assert sorted(os.listdir("/")) == before


def test_home_folder_is_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    result = compile_mini(invoke, home)
    assert result.exit_code == 2, result.output
    assert "it is the home folder" in result.output
    assert list(home.iterdir()) == []


def test_repository_root_is_refused_and_tracked_docs_kept(invoke: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "definitions")
    (repo / "docs").mkdir()
    (repo / "docs" / "handbuch.md").write_text("# Handbuch\n", encoding="utf-8")
    init(repo)
    before = files_of(repo / "docs")
    result = invoke("compile", "definitions", "-o", ".", "--no-cache", cwd=repo)
    assert result.exit_code == 2, result.output
    assert "refusing to write into .: it is the top folder of a git repository" in result.output
    assert "internal error" not in result.output
    assert files_of(repo / "docs") == before


@pytest.mark.parametrize(("where", "why"), [("", "it holds the catalogue"), ("out", "inside")])
def test_catalogue_folder_is_refused(invoke: Invoke, tmp_path: Path, where: str, why: str) -> None:
    catalogue = tmp_path / "definitions"
    shutil.copytree(MINI, catalogue)
    before = files_of(catalogue)
    result = invoke("compile", catalogue, "-o", catalogue / where, "--no-cache")
    assert result.exit_code == 2, result.output
    assert why in result.output
    assert files_of(catalogue) == before


def test_release_folder_is_refused_by_compile(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "release"
    out.mkdir()
    (out / "release.json").write_text('{"files": []}\n', encoding="utf-8")
    result = compile_mini(invoke, out)
    assert result.exit_code == 2, result.output
    assert "it is a release folder" in result.output
    assert files_of(out) == {"release.json": b'{"files": []}\n'}


def test_own_build_folder_is_replaced_and_keeps_its_mode(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert compile_mini(invoke, out).exit_code == 0
    assert (out / BUILD_MARKER).is_file()
    first = tree(out)
    out.chmod(0o555)
    try:
        again = compile_mini(invoke, out, "--target", "docs")
        assert again.exit_code == 0, again.output
        assert stat.S_IMODE(out.stat().st_mode) == 0o555
    finally:
        out.chmod(0o755)
    assert tree(out) == first


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Mounts a small tmpfs where asked (needs root, as CI has); unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a tmpfs (run as root, as CI does)")
    mounted: list[Path] = []

    def mount(point: Path) -> None:
        point.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(point)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount tmpfs here: {done.stderr.strip()}")
        mounted.append(point)

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", str(point)], check=False)


def test_mount_point_in_build_is_never_crossed(
    invoke: Invoke, tmp_path: Path, tmpfs: Callable[[Path], None]
) -> None:
    out = tmp_path / "build"
    assert compile_mini(invoke, out).exit_code == 0
    tmpfs(out / "docs" / "share")
    (out / "docs" / "share" / "fremd.txt").write_text("anderes Dateisystem", encoding="utf-8")
    result = compile_mini(invoke, out)
    assert result.exit_code == 2, result.output
    assert "is on another filesystem (a mount point)" in result.output
    assert (out / "docs" / "share" / "fremd.txt").read_text(encoding="utf-8") == (
        "anderes Dateisystem"
    )


def test_leftover_that_cannot_be_removed_is_reported(
    invoke: Invoke, tmp_path: Path, tmpfs: Callable[[Path], None]
) -> None:
    out = tmp_path / "build"
    stale = tmp_path / ".build.staging-stale"
    tmpfs(stale / "busy")  # a mount point cannot be removed
    (stale / "half.zip").write_bytes(b"PK")
    result = compile_mini(invoke, out)
    assert result.exit_code == 0, result.output
    assert f"note: could not remove the leftover {stale}" in result.output
    assert "remove it by hand" in result.output
    assert not (stale / "half.zip").exists()


def test_release_replaces_only_a_real_release(tmp_path: Path) -> None:
    out = tmp_path / "fremd"
    out.mkdir()
    (out / "release.json").write_text(json.dumps({"files": []}), encoding="utf-8")
    (out / "daten.csv").write_text("wichtig", encoding="utf-8")
    before = files_of(out)
    result = invoke_cli("release", MINI, "-o", out)
    assert result.exit_code == 2, result.stderr
    assert "its release.json is not a release made by fachakte-compiler" in result.stderr
    assert files_of(out) == before


def _is_mount(mount: Path) -> Callable[[object], bool]:
    real = os.path.ismount

    def ismount(path: object) -> bool:
        return Path(str(path)) == mount or real(path)  # type: ignore[arg-type]

    return ismount


@pytest.mark.parametrize("command", ["compile", "release"])
def test_a_mount_point_as_output_folder_is_refused_with_a_way_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A volume such as `-o /out` cannot be renamed (EBUSY); the folder is taken to be one."""
    out = tmp_path / "volume"
    out.mkdir()
    monkeypatch.setattr(os.path, "ismount", _is_mount(out.resolve()))
    args = ["-o", out] if command == "compile" else ["-o", out, "--first-release"]
    result = invoke_cli(command, MINI, *args)
    assert result.exit_code == 2, result.output
    inside = out / ("build" if command == "compile" else "release")
    assert (
        f"refusing to write into {out}: it is a mount point, and an output folder is replaced "
        f"whole by renaming it; give a folder inside it, such as {inside}"
    ) in result.stderr
    assert list(out.iterdir()) == []


def test_a_folder_whose_name_is_no_utf8_is_an_output_like_any_other(tmp_path: Path) -> None:
    # Linux names are bytes; Python keeps the ones that are no UTF-8 as surrogates.
    folder = tmp_path / os.fsdecode(b"bad\xffname")
    folder.mkdir()
    for said in ("compiled 1 Fachakte", "nothing changed"):
        result = run_fachakte("compile", MINI, "-o", "out", cwd=folder)
        assert result.returncode == 0, result.stderr
        assert said in result.stdout
    assert (folder / "out" / BUILD_MARKER).is_file()
