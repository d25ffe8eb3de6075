"""A release refuses dirty trees, missing git, findings and bad keys, and says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_catalogue, invoke_cli
from test_release_helpers import git, keypair, make_repo, release


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("refusals"))


def test_modified_file_is_refused_and_named(repo: Path, tmp_path: Path) -> None:
    source = repo / "definitions" / "fachakten" / "hundesteuer.yaml"
    original = source.read_bytes()
    source.write_bytes(original.replace(b"title: Hundesteuer\n", b"title: Hundesteuern\n", 1))
    (repo / "definitions" / "bausteine" / "neu.yaml").write_text("id: neu\n", encoding="utf-8")
    try:
        result = release(repo, tmp_path / "out")
    finally:
        source.write_bytes(original)
        (repo / "definitions" / "bausteine" / "neu.yaml").unlink()
    assert result.returncode == 1
    assert "uncommitted changes" in result.stderr
    assert "definitions/fachakten/hundesteuer.yaml" in result.stderr
    assert "definitions/bausteine/neu.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_catalogue_outside_git_is_refused(tmp_path: Path) -> None:
    copy_catalogue(tmp_path / "definitions")
    result = invoke_cli(
        "release",
        "definitions",
        "-o",
        tmp_path / "out",
        cwd=tmp_path,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path)},
    )
    assert result.exit_code == 1
    assert "not inside a git repository" in result.stderr
    assert not (tmp_path / "out").exists()


def test_validation_findings_are_refused_with_position(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    source = repo / "definitions" / "fachakten" / "hundesteuer.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("version: 3.0.0", "version: eins", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "kaputt")
    result = release(repo, tmp_path / "out")
    assert result.returncode == 1
    line = text.splitlines().index("version: 3.0.0") + 1
    assert f"fachakten/hundesteuer.yaml:{line}:10: error FA105" in result.stdout
    assert "validation reported findings" in result.stderr
    assert not (tmp_path / "out").exists()


def test_wrong_kind_of_key_is_refused(repo: Path, tmp_path: Path) -> None:
    _, public = keypair(tmp_path)
    result = release(repo, tmp_path / "out", public)
    assert result.returncode == 2  # a wrong argument
    assert "is a public key; --private-key needs the private key" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("existing", [True, False])
def test_zip_inside_the_release_folder_is_refused_up_front(
    repo: Path, tmp_path: Path, existing: bool
) -> None:
    private, _public = keypair(tmp_path)
    out = tmp_path / "rel4"
    if existing:
        made = release(repo, out, private)
        assert made.returncode == 0, made.stderr
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    zipped = out / "r.zip"
    result = release(repo, out, private, extra=("--first-release", "--zip", str(zipped)))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"--zip {zipped} lies inside the release folder {out}" in lines[0]
    assert "put the ZIP beside the folder" in lines[0]
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    if existing:
        public = tmp_path / "release-key.pub.pem"
        verified = invoke_cli("verify", out, "--public-key", public)
        assert verified.exit_code == 0, verified.output


def test_a_malformed_source_date_epoch_ends_the_release_up_front(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rel"
    result = release(repo, out, env={"SOURCE_DATE_EPOCH": "-1"})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "SOURCE_DATE_EPOCH" in lines[0] and "'-1'" in lines[0], lines
    assert not out.exists()


def test_source_date_epoch_sets_the_release_date_instead_of_the_commit_date(
    repo: Path, tmp_path: Path
) -> None:
    import json

    commit = git(repo, "rev-parse", "HEAD").strip()
    out = tmp_path / "rel"
    made = release(repo, out, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert made.returncode == 0, made.stderr
    manifest = json.loads((out / "release.json").read_text(encoding="utf-8"))
    assert manifest["release"] == f"hsk-fachakten-2026-01-01-{commit[:12]}"
    assert manifest["date"].startswith("2026-01-01"), manifest["date"]
