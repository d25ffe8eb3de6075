"""The offline check (openssl + sha256sum) is as sound as `fachakte verify`, and key files
are handled safely: a real release in a real git repository, real openssl, real key files."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke_cli
from test_release_helpers import git, keypair

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(release folder, private key, public key) of a signed release of the mini catalogue."""
    base = tmp_path_factory.mktemp("offline")
    repo = base / "repo"
    shutil.copytree(MINI, repo / "definitions")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "definitions")
    git(repo, "commit", "-q", "-m", "Katalog")
    private, public = keypair(base)
    out = base / "release"
    result = invoke_cli(
        "release",
        "definitions",
        "-o",
        out,
        "--private-key",
        private,
        "--first-release",
        "--allow-warnings",
        cwd=repo,
    )
    assert result.exit_code == 0, result.stderr
    return out, private, public


def _openssl_verifies(public: Path, data: Path, signature: Path, tmp_path: Path) -> bool:
    raw = tmp_path / "sig.bin"
    raw.write_bytes(base64.b64decode(signature.read_bytes()))
    done = subprocess.run(
        [
            "openssl",
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            public,
            "-rawin",
            "-in",
            data,
            "-sigfile",
            raw,
        ],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not found")


@needs_openssl
def test_swapped_package_with_fixed_sums_fails_the_documented_offline_check(
    signed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    release, _, public = signed
    copy = tmp_path / "rel"
    shutil.copytree(release, copy)
    assert _openssl_verifies(public, copy / "SHA256SUMS", copy / "SHA256SUMS.sig", tmp_path)
    victim = next(p for p in sorted(copy.rglob("*.zip")))
    victim.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    rel = victim.relative_to(copy).as_posix()
    sums = (copy / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    fixed = [
        f"{hashlib.sha256(victim.read_bytes()).hexdigest()}  {rel}" if line.endswith(rel) else line
        for line in sums
    ]
    (copy / "SHA256SUMS").write_text("\n".join(fixed) + "\n", encoding="utf-8")
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=copy).returncode == 0
    # The step the README puts first catches it.
    assert not _openssl_verifies(public, copy / "SHA256SUMS", copy / "SHA256SUMS.sig", tmp_path)
    result = invoke_cli("verify", copy, "--public-key", public)
    assert result.exit_code == 1
    assert "modified: SHA256SUMS" in result.stdout


def test_readme_checks_the_signature_of_sha256sums_first() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    check = readme.index("-in SHA256SUMS -sigfile")
    assert check < readme.index("sha256sum -c SHA256SUMS", check)


def test_key_readable_by_others_is_refused_with_the_fix(
    signed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, private, _ = signed
    loose = tmp_path / "loose.pem"
    shutil.copy(private, loose)
    loose.chmod(0o644)
    result = invoke_cli("release", MINI, "-o", tmp_path / "out", "--private-key", loose)
    assert result.exit_code == 2, result.stderr  # the key named is unusable: a wrong argument
    assert f"{loose} can be read by others (mode 0644)" in result.stderr
    assert f"chmod 600 {loose}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_wrong_kind_of_key_and_bad_passphrase_are_explained(
    signed: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    release, private, public = signed
    as_private = invoke_cli("release", MINI, "-o", tmp_path / "out", "--private-key", public)
    assert as_private.exit_code == 2  # a wrong argument, not a finding about the catalogue
    assert "is a public key; --private-key needs the private key" in as_private.stderr
    as_public = invoke_cli("verify", release, "--public-key", private)
    assert as_public.exit_code == 2
    assert "is a private key; verify needs the public key" in as_public.stderr
    env = {**os.environ, "FACHAKTE_KEY_PASSPHRASE": "x"}
    env_bytes = {k.encode(): v.encode() for k, v in env.items()}
    env_bytes[b"FACHAKTE_KEY_PASSPHRASE"] = b"geheim\xff"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "fachakte_compiler",
            "release",
            MINI,
            "-o",
            tmp_path / "out",
            "--private-key",
            private,
        ],
        env=env_bytes,  # type: ignore[arg-type]
        capture_output=True,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, stderr  # the invocation lacks a usable passphrase
    assert "FACHAKTE_KEY_PASSPHRASE is not valid UTF-8" in stderr
    assert "Traceback" not in stderr
