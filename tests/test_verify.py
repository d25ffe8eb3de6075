"""`fachakte verify` on a real signed release: intact, and every kind of tampering named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from fachakte_compiler.write.zipfile_det import deterministic_zip
from test_release_helpers import keypair, make_repo, release, tree

Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(release folder, public key) of a signed release; tests work on copies."""
    base = tmp_path_factory.mktemp("verify")
    private, public = keypair(base)
    result = release(make_repo(base), base / "out", private)
    assert result.returncode == 0, result.stderr
    return base / "out", public


@pytest.fixture
def copy(signed: tuple[Path, Path], tmp_path: Path) -> Path:
    shutil.copytree(signed[0], tmp_path / "rel")
    return tmp_path / "rel"


def test_intact_release_verifies(invoke: Invoke, copy: Path, signed: tuple[Path, Path]) -> None:
    result = invoke("verify", copy, "--public-key", signed[1])
    assert result.exit_code == 0, result.output
    assert "is intact" in result.output and "signature valid" in result.output


def test_flipping_one_byte_of_any_file_is_detected_and_named(
    invoke: Invoke, copy: Path, signed: tuple[Path, Path]
) -> None:
    files = sorted(tree(copy))
    assert len(files) > 10
    for rel in files:
        path = copy / rel
        original = path.read_bytes()
        flipped = bytearray(original)
        flipped[len(flipped) // 2] ^= 0x01
        path.write_bytes(bytes(flipped))
        try:
            result = invoke("verify", copy, "--public-key", signed[1])
        finally:
            path.write_bytes(original)
        assert result.exit_code == 1, rel
        assert f"modified: {rel}" in result.output, (rel, result.output)
        assert "NOT intact" in result.output


def test_added_file_is_detected_and_named(
    invoke: Invoke, copy: Path, signed: tuple[Path, Path]
) -> None:
    (copy / "packages" / "hsk" / "zusatz.xml").write_bytes(b"<x/>")
    result = invoke("verify", copy, "--public-key", signed[1])
    assert result.exit_code == 1
    assert "added: packages/hsk/zusatz.xml" in result.output


@pytest.mark.parametrize("victim", ["package", "CHANGELOG.md", "SHA256SUMS", "release.json.sig"])
def test_removed_file_is_detected_and_named(
    invoke: Invoke, copy: Path, signed: tuple[Path, Path], victim: str
) -> None:
    if victim == "package":
        victim = next(p for p in sorted(tree(copy)) if p.startswith("packages/"))
    (copy / victim).unlink()
    result = invoke("verify", copy, "--public-key", signed[1])
    assert result.exit_code == 1
    assert f"missing: {victim}" in result.output


def test_signature_with_another_key_is_rejected(invoke: Invoke, copy: Path, tmp_path: Path) -> None:
    _, other = keypair(tmp_path, "fremd")
    result = invoke("verify", copy, "--public-key", other)
    assert result.exit_code == 1
    assert "signature does not match the public key" in result.output


def test_rewritten_manifest_with_matching_hashes_still_fails_the_signature(
    invoke: Invoke, copy: Path, signed: tuple[Path, Path]
) -> None:
    # An attacker who swaps a package and updates release.json and SHA256SUMS consistently
    # is caught by the signature alone; --no-signature would accept it, which is why it is
    # an explicit opt-in.
    import hashlib

    victim = next(p for p in sorted(tree(copy)) if p.startswith("packages/"))
    old = hashlib.sha256((copy / victim).read_bytes()).hexdigest()
    (copy / victim).write_bytes(b"boese")
    new = hashlib.sha256(b"boese").hexdigest()
    manifest = (copy / "release.json").read_text(encoding="utf-8").replace(old, new)
    (copy / "release.json").write_text(manifest, encoding="utf-8")
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8").replace(old, new)
    manifest_sum = hashlib.sha256(manifest.encode("utf-8")).hexdigest()
    sums = "".join(
        line if not line.endswith("  release.json\n") else f"{manifest_sum}  release.json\n"
        for line in sums.splitlines(True)
    )
    (copy / "SHA256SUMS").write_text(sums, encoding="utf-8")
    assert invoke("verify", copy, "--no-signature").exit_code == 0
    result = invoke("verify", copy, "--public-key", signed[1])
    assert result.exit_code == 1
    assert "modified: release.json.sig or release.json (the signature does not match" in (
        result.output
    )


def test_signature_check_needs_a_key_or_an_explicit_opt_out(invoke: Invoke, copy: Path) -> None:
    result = invoke("verify", copy)
    assert result.exit_code == 2
    assert "--public-key" in result.output
    unsigned = invoke("verify", copy, "--no-signature")
    assert unsigned.exit_code == 0
    assert "signature not checked" in unsigned.output


def test_zipped_release_verifies_and_tampering_inside_is_named(
    invoke: Invoke, copy: Path, signed: tuple[Path, Path], tmp_path: Path
) -> None:
    files = {f"hsk-release/{rel}": data for rel, data in tree(copy).items()}
    archive = tmp_path / "release.zip"
    archive.write_bytes(deterministic_zip(files))
    result = invoke("verify", archive, "--public-key", signed[1])
    assert result.exit_code == 0, result.output
    victim = next(name for name in sorted(files) if "/packages/" in name)
    files[victim] = files[victim] + b"\n"
    archive.write_bytes(deterministic_zip(files))
    result = invoke("verify", archive, "--public-key", signed[1])
    assert result.exit_code == 1
    assert f"modified: {victim.removeprefix('hsk-release/')}" in result.output


def test_symlink_in_release_folder_is_refused(
    invoke: Invoke, copy: Path, signed: tuple[Path, Path]
) -> None:
    (copy / "packages" / "link").symlink_to("/etc/passwd")
    result = invoke("verify", copy, "--public-key", signed[1])
    assert result.exit_code == 1
    assert "packages/link: symbolic link" in result.output
