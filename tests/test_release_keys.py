"""`fachakte keygen`: Ed25519 key pairs, private key 0600, no overwriting, optional passphrase."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from fachakte_compiler.release.keys import (
    PASSPHRASE_ENV,
    KeyFileError,
    load_private,
    load_public,
    sign,
    signature_valid,
)

Invoke = Callable[..., Result]
MINI = Path(__file__).parent / "fixtures" / "mini"


def test_keygen_creates_owner_only_private_key_and_matching_public_key(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("keygen", "--private-key", tmp_path / "hsk.pem")
    assert result.exit_code == 0, result.output
    private, public = tmp_path / "hsk.pem", tmp_path / "hsk.pub.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    signature = sign(load_private(private), b"release.json")
    assert signature_valid(load_public(public), b"release.json", signature)
    assert "fingerprint: SHA256:" in result.output


def test_keygen_never_overwrites(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("keygen", "--private-key", tmp_path / "k.pem").exit_code == 0
    before = (tmp_path / "k.pem").read_bytes()
    result = invoke("keygen", "--private-key", tmp_path / "k.pem")
    assert result.exit_code == 2  # a wrong argument, as an existing file for `new`
    assert "already exists; refusing to overwrite" in result.output
    assert (tmp_path / "k.pem").read_bytes() == before
    (tmp_path / "only-public.pub.pem").write_text("alt", encoding="utf-8")
    result = invoke("keygen", "--private-key", tmp_path / "only-public.pem")
    assert result.exit_code == 2
    assert not (tmp_path / "only-public.pem").exists()


def test_passphrase_protected_key(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    result = invoke("keygen", "--private-key", tmp_path / "k.pem", "--passphrase")
    # The command line asks for encryption without the passphrase: a usage error (README).
    assert result.exit_code == 2 and PASSPHRASE_ENV in result.output
    assert not (tmp_path / "k.pem").exists()
    # A passphrase too short to guard the key that signs every release: refused, nothing made.
    monkeypatch.setenv(PASSPHRASE_ENV, "Sauerland2")
    short = invoke("keygen", "--private-key", tmp_path / "k.pem", "--passphrase")
    assert short.exit_code == 2
    assert f"the passphrase in {PASSPHRASE_ENV} has fewer than 12 characters" in short.stderr
    assert "Sauerland2" not in short.output
    assert not (tmp_path / "k.pem").exists() and not (tmp_path / "k.pub.pem").exists()
    monkeypatch.setenv(PASSPHRASE_ENV, "Sauerland 2024")
    assert invoke("keygen", "--private-key", tmp_path / "k.pem", "--passphrase").exit_code == 0
    assert b"ENCRYPTED PRIVATE KEY" in (tmp_path / "k.pem").read_bytes()
    assert load_private(tmp_path / "k.pem") is not None
    monkeypatch.setenv(PASSPHRASE_ENV, "falsch")
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        load_private(tmp_path / "k.pem")
    wrong = invoke("release", MINI, "-o", tmp_path / "out", "--private-key", tmp_path / "k.pem")
    assert wrong.exit_code == 2, wrong.output  # as a missing passphrase: the invocation's fault
    assert "wrong passphrase in FACHAKTE_KEY_PASSPHRASE" in wrong.stderr
    monkeypatch.delenv(PASSPHRASE_ENV)
    with pytest.raises(KeyFileError, match="is encrypted"):
        load_private(tmp_path / "k.pem")
    out = tmp_path / "out"
    result = invoke("release", MINI, "-o", out, "--private-key", tmp_path / "k.pem")
    assert result.exit_code == 2, result.output
    assert f"is encrypted; set {PASSPHRASE_ENV} to its passphrase" in result.stderr
    assert "Traceback" not in result.output and not out.exists()
