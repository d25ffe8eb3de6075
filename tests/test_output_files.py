"""A report (`-o`) or a release ZIP (`--zip`) never overwrites a catalogue file, a file git
tracks or a user's file: the command exits 2 and the file keeps its bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DEFINITIONS, ShippedRelease, copy_catalogue, invoke_cli
from support.catalogue import MINI
from support.git import commit_all, init


def _repo(root: Path, source: Path) -> Path:
    copy_catalogue(root / "definitions", source)
    (root / "README.md").write_text("Unser Katalog\n", encoding="utf-8")
    init(root)
    commit_all(root, "catalogue")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with the shipped catalogue and a README."""
    return _repo(tmp_path, DEFINITIONS)


@pytest.fixture
def small_repo(tmp_path: Path) -> Path:
    """The same with the small test catalogue: a release of it is quick to make."""
    return _repo(tmp_path, MINI)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "definitions", "--format", "sarif", "-o"),
        ("diff", "definitions", "definitions", "-o"),
    ],
)
@pytest.mark.parametrize("victim", ["definitions/fachakten/wohngeld.yaml", "README.md"])
def test_a_report_refuses_catalogue_and_tracked_files(
    repo: Path, args: tuple[str, ...], victim: str
) -> None:
    before = (repo / victim).read_bytes()
    result = invoke_cli(*args, victim, cwd=repo)
    assert result.exit_code == 2, result.stderr
    assert "refusing to overwrite" in result.stderr and "Traceback" not in result.stderr
    assert (repo / victim).read_bytes() == before


def test_a_report_replaces_its_own_earlier_report(repo: Path) -> None:
    for _ in range(2):
        result = invoke_cli(
            "validate", "definitions", "--format", "sarif", "-o", "r.sarif", cwd=repo
        )
        assert result.exit_code == 0, result.stderr
    assert (repo / "r.sarif").read_text(encoding="utf-8").lstrip().startswith("{")


def test_release_zip_replaces_only_an_earlier_release_zip(
    small_repo: Path, tmp_path_factory: pytest.TempPathFactory, shipped_release: ShippedRelease
) -> None:
    repo = small_repo
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    notes = elsewhere / "notes.txt"
    notes.write_text("meine Notizen\n", encoding="utf-8")
    for target in (repo / "README.md", notes):
        before = target.read_bytes()
        result = invoke_cli(
            "release",
            "definitions",
            "--zip",
            target,
            "--allow-warnings",
            "--first-release",
            cwd=repo,
        )
        assert result.exit_code == 2, result.stderr
        assert "refusing to overwrite" in result.stderr
        assert target.read_bytes() == before
    # An earlier release ZIP (of another repository: the session's) is replaced.
    archive = elsewhere / "release.zip"
    shutil.copyfile(shipped_release.archive, archive)
    result = invoke_cli(
        "release",
        "definitions",
        "--zip",
        archive,
        "--allow-warnings",
        "--first-release",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    assert archive.read_bytes()[:2] == b"PK"
    assert archive.read_bytes() != shipped_release.archive.read_bytes()
