"""`fachakte release` in a real git repository: layout, checksums, signature, reproducibility."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import HAVE_XDOMEA_XSD, XDOMEA_XSD_DIR, ShippedRelease, invoke_cli
from fachakte_compiler.release.keys import load_public, signature_valid
from test_release_helpers import git, release, tree


@pytest.fixture(scope="module")
def released(shipped_release: ShippedRelease) -> tuple[Path, Path, Path]:
    """(repo, release folder, public key) of one signed release of the shipped catalogue."""
    result = shipped_release
    assert "signed" in result.stdout and "UNSIGNED" not in result.stdout
    # With the official XSDs beside the checkout the plans must have been checked by lxml.
    assert ("validation was skipped" in result.stderr) is not HAVE_XDOMEA_XSD
    return result.repo, result.folder, result.public_key


def test_release_folder_holds_packages_manifest_checksums_signature_changelog(
    released: tuple[Path, Path, Path],
) -> None:
    repo, out, _ = released
    files = tree(out)
    manifest = json.loads(files["release.json"])
    head = git(repo, "rev-parse", "HEAD").strip()
    assert manifest["commit"] == head
    assert manifest["release"] == f"hsk-fachakten-2024-05-01-{head[:12]}"
    assert manifest["date"] == "2024-05-01T10:00:00Z"
    assert manifest["compiler"]["name"] == "fachakte-compiler"
    assert {f["id"] for f in manifest["fachakten"]} >= {"hundesteuer", "grundsteuer"}
    assert all(len(f["sha256"]) == 64 and f["version"] for f in manifest["fachakten"])
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(files) - {
        "release.json",
        "release.json.sig",
        "SHA256SUMS",
        "SHA256SUMS.sig",
    }
    assert "CHANGELOG.md" in listed
    assert any(p.startswith("packages/hsk/") for p in listed)
    assert len(manifest["tenants"]) == 13


def test_sha256sum_accepts_the_checksums(released: tuple[Path, Path, Path]) -> None:
    _, out, _ = released
    if shutil.which("sha256sum") is None:
        pytest.skip("coreutils sha256sum not installed")
    result = subprocess.run(
        ["sha256sum", "--strict", "-c", "SHA256SUMS"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    checked = [line for line in result.stdout.splitlines() if line.endswith(": OK")]
    assert len(checked) == len(tree(out)) - 3  # all but SHA256SUMS and the two signatures


def test_signature_is_ed25519_over_release_json(released: tuple[Path, Path, Path]) -> None:
    _, out, public = released
    key = load_public(public)
    manifest, signature = (out / "release.json").read_bytes(), (out / "release.json.sig")
    assert signature_valid(key, manifest, signature.read_bytes())
    assert not signature_valid(key, manifest + b" ", signature.read_bytes())


def test_first_release_changelog_lists_everything_as_new(released: tuple[Path, Path, Path]) -> None:
    _, out, _ = released
    changelog = (out / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Erstes Release" in changelog
    assert "**hundesteuer** 3.0.0 – Hundesteuer: neu" in changelog


def test_two_releases_of_one_commit_are_byte_identical_in_any_environment(
    small_release: ShippedRelease, tmp_path: Path
) -> None:
    """The release again in another timezone, locale and hash seed, as the ZIP alone (no -o):
    the same bytes as the first run's ZIP, holding exactly the first run's release folder,
    and `verify` accepts it. Each target's bytes are shown alike in any environment for the
    shipped catalogue (test_doxis4_determinism, test_docs_site, test_xdomea_cli); the release
    around them is shown on the small catalogue, whose several Fachakten and tenants the
    manifest and the changelog list."""
    first = small_release
    repo, out, public = first.repo, first.folder, first.public_key
    manifest = json.loads((out / "release.json").read_bytes())
    assert len(manifest["fachakten"]) == 3 and len(manifest["tenants"]) == 4
    again = tmp_path / "again.zip"
    env = {"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C", "PYTHONHASHSEED": "4711"}
    extra = ("--first-release", "--zip", str(again))
    result = release(repo, None, first.private_key, env=env, extra=extra)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == first.archive.read_bytes()
    with zipfile.ZipFile(again) as archive:
        assert {i.filename: archive.read(i) for i in archive.infolist()} == tree(out)
    assert not (repo / "release").exists()
    assert "compiling targets" not in result.stderr  # no progress bar without a terminal
    verified = invoke_cli("verify", again, "--public-key", public)
    assert verified.exit_code == 0, verified.stdout + verified.stderr
    assert "is intact" in verified.stdout and "signature valid" in verified.stdout
    # release and verify count the same files and say what the ones beyond the list are.
    files = tree(out)
    listed = len(files) - 4
    counted = (
        f"{len(files)} files ({listed} listed in release.json, plus release.json, "
        "release.json.sig, SHA256SUMS, SHA256SUMS.sig)"
    )
    assert f", {counted} in " in result.stdout and result.stdout.rstrip().endswith(", signed")
    assert f"is intact: all {counted} match" in verified.stdout


@dataclass(frozen=True)
class TerminalRun:
    """An unsigned release on a terminal into a copy of the signed one (with a stale file):
    the folder, the exit code, stdout and what the terminal showed."""

    target: Path
    returncode: int
    stdout: str
    shown: bytes


@pytest.fixture(scope="module")
def unsigned_on_a_terminal(
    small_release: ShippedRelease, tmp_path_factory: pytest.TempPathFactory
) -> TerminalRun:
    """One real `fachakte release` whose stderr is a terminal (pty), replacing an earlier
    signed release folder; the replacement and the progress bar are judged on the same run,
    of the small catalogue (neither depends on the catalogue's size)."""
    import os
    import pty
    import sys

    repo, out = small_release.repo, small_release.folder
    assert (out / "release.json.sig").is_file() and (out / "SHA256SUMS.sig").is_file()
    target = tmp_path_factory.mktemp("replace") / "rel"
    shutil.copytree(out, target)
    (target / "packages" / "stale.txt").write_text("alt", encoding="utf-8")
    args: list[str | Path] = ["release", "definitions", "-o", target, "--first-release"]
    if HAVE_XDOMEA_XSD:
        args += ["--xsd-dir", XDOMEA_XSD_DIR]
    primary, secondary = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "fachakte_compiler", *map(str, args)],
            cwd=repo,
            stdout=subprocess.PIPE,
            stderr=secondary,
            timeout=120,
            check=False,
        )
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(primary)
    return TerminalRun(target, process.returncode, process.stdout.decode(), shown)


def test_release_replaces_the_previous_release_folder_as_a_whole(
    unsigned_on_a_terminal: TerminalRun,
) -> None:
    run = unsigned_on_a_terminal
    assert run.returncode == 0, run.shown
    assert "UNSIGNED" in run.stdout
    assert not (run.target / "packages" / "stale.txt").exists()
    assert not (run.target / "release.json.sig").exists()
    assert not (run.target / "SHA256SUMS.sig").exists()


def test_release_refuses_to_wipe_a_folder_that_is_not_a_release(
    released: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    repo, _, _ = released
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "keep.txt").write_text("wichtig", encoding="utf-8")
    result = release(repo, tmp_path / "docs")
    assert result.returncode == 2
    assert "not a release folder" in result.stderr
    assert (tmp_path / "docs" / "keep.txt").read_text(encoding="utf-8") == "wichtig"


def test_progress_bar_only_on_a_terminal(unsigned_on_a_terminal: TerminalRun) -> None:
    # Without a terminal there is none: see the release in any environment above.
    assert unsigned_on_a_terminal.returncode == 0
    assert b"compiling targets" in unsigned_on_a_terminal.shown


def test_released_docs_name_the_release_and_its_commit(
    released: tuple[Path, Path, Path],
) -> None:
    _, out, _ = released
    manifest = json.loads((out / "release.json").read_text(encoding="utf-8"))
    page = (out / "packages" / "docs" / "index.html").read_text(encoding="utf-8")
    footer = page[page.index("<footer") :]
    assert f"Release <code>{manifest['release']}</code>" in footer
    assert f"Commit <code>{manifest['commit'][:12]}</code>" in footer
    assert "nicht eingecheckt" not in footer
