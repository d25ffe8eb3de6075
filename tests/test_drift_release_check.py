"""`fachakte drift --release` compares only with an intact release: its files are checked
against release.json as `fachakte verify` checks them (the signature too when --public-key is
given), and a release ZIP, as municipalities receive it, is accepted like a folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import Result

from conftest import ShippedRelease, invoke_cli
from fachakte_compiler.drift.expected import ExpectedSource
from test_drift_hostile_files import exact_snapshot, rewrite_release_file

ENV = {"FACHAKTE_LANG": "en", "FACHAKTE_XDOMEA_XSD_DIR": ""}
TENANT = "brilon"


@pytest.fixture(scope="module")
def snapshot(shipped_release: ShippedRelease, tmp_path_factory: pytest.TempPathFactory) -> Path:
    expected = ExpectedSource.from_release(shipped_release.folder)
    return exact_snapshot(tmp_path_factory.mktemp("snap") / "snap_brilon", expected)


@pytest.fixture
def release(shipped_release: ShippedRelease, tmp_path: Path) -> Path:
    copy = tmp_path / "rel1"
    shutil.copytree(shipped_release.folder, copy)
    return copy


def _drift(release: Path, snapshot: Path, *extra: str | Path) -> Result:
    return invoke_cli(
        "drift", "--release", release, "--tenant", TENANT, "--snapshot", snapshot, *extra, env=ENV
    )


def _refused(result: Result) -> str:
    code, out, err = result.exit_code, result.stdout, result.stderr
    assert (code, out) == (2, ""), out + err
    (line,) = err.splitlines()
    return line


def test_an_intact_release_folder_is_compared(release: Path, snapshot: Path) -> None:
    result = _drift(release, snapshot)
    assert result.exit_code == 0, result.stderr
    assert "no drift from release" in result.stdout


def test_a_release_with_a_deleted_package_file_is_refused(release: Path, snapshot: Path) -> None:
    (package,) = sorted((release / "packages" / TENANT / "doxis4").glob("*.zip"))[:1]
    package.unlink()
    line = _refused(_drift(release, snapshot))
    listed = package.relative_to(release).as_posix()
    assert f"{release}: the release does not match its release.json (missing: {listed}" in line
    assert f"run 'fachakte verify {release}'" in line


def test_a_release_with_a_changed_or_added_file_is_refused(release: Path, snapshot: Path) -> None:
    (message,) = (release / "packages" / TENANT / "xdomea").glob("*.xml")
    message.write_bytes(message.read_bytes() + b"\n")
    assert "modified: packages/" in _refused(_drift(release, snapshot))
    shutil.copy(message, release / "packages" / "extra.xml")
    assert "2 problems" in _refused(_drift(release, snapshot))


def test_with_a_public_key_the_signature_is_checked_too(
    release: Path, snapshot: Path, shipped_release: ShippedRelease
) -> None:
    key = shipped_release.public_key
    result = _drift(release, snapshot, "--public-key", key)
    assert result.exit_code == 0, result.stderr
    # Rewritten consistently but unsigned: the hashes agree, the signature is gone.
    (message,) = (release / "packages" / TENANT / "xdomea").glob("*.xml")
    path = message.relative_to(release).as_posix()
    rewrite_release_file(release, path, message.read_bytes() + b"\n")
    assert _drift(release, snapshot).exit_code == 0
    assert "the release is not signed" in _refused(_drift(release, snapshot, "--public-key", key))


def test_a_public_key_without_a_release_is_a_usage_error(
    snapshot: Path, shipped_release: ShippedRelease
) -> None:
    result = invoke_cli(
        "drift",
        "--tenant",
        TENANT,
        "--snapshot",
        snapshot,
        "--public-key",
        shipped_release.public_key,
        env=ENV,
    )
    assert result.exit_code == 2
    assert "--public-key checks a release: give --release too" in result.stderr


def test_a_release_zip_is_compared_like_its_folder(
    shipped_release: ShippedRelease, snapshot: Path
) -> None:
    from_zip = _drift(shipped_release.archive, snapshot, "--public-key", shipped_release.public_key)
    assert from_zip.exit_code == 0, from_zip.stderr
    assert "tenant brilon: no drift from release " in from_zip.stdout
    (message,) = (shipped_release.folder / "packages" / TENANT / "xdomea").glob("*.xml")
    export = invoke_cli(
        "drift",
        "--release",
        shipped_release.archive,
        "--tenant",
        TENANT,
        "--xdomea",
        message,
        env=ENV,
    )
    assert export.exit_code == 0, export.stderr


def test_a_damaged_release_zip_is_refused(
    shipped_release: ShippedRelease, snapshot: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "rel1.zip"
    cut.write_bytes(shipped_release.archive.read_bytes()[:-100])
    line = _refused(_drift(cut, snapshot))
    assert line.startswith(f"Error: {cut}: ") and "ZIP" in line
