"""Hostile archives: verify rejects them with a clear message and never writes to disk."""

from __future__ import annotations

import io
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from fachakte_compiler.release import archive as archive_module

Invoke = Callable[..., Result]
RELEASE_JSON = b'{"release": "x", "files": []}\n'


def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as handle:
        for info, data in members:
            handle.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("../../evil.txt", b"x", "path traversal ('..')"),
        ("/tmp/evil.txt", b"x", "absolute path"),
        ("C:/evil.txt", b"x", "absolute path"),
        ("a\\..\\evil.txt", b"x", "backslash"),
        (_symlink("packages/link"), b"/etc/passwd", "symbolic link"),
        ("packages/bomb.bin", bytes(8 * 1024**2), "compression ratio"),
    ],
)
def test_hostile_member_is_refused(
    invoke: Invoke, tmp_path: Path, name: zipfile.ZipInfo | str, data: bytes, message: str
) -> None:
    archive = _zip(tmp_path / "hostile.zip", [("release.json", RELEASE_JSON), (name, data)])
    result = invoke("verify", archive, "--no-signature")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["hostile.zip"]
    assert not (tmp_path.parent.parent / "evil.txt").exists()


def test_duplicate_member_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        archive = _zip(
            tmp_path / "dup.zip",
            [("release.json", RELEASE_JSON), ("CHANGELOG.md", b"a"), ("CHANGELOG.md", b"b")],
        )
    result = invoke("verify", archive, "--no-signature")
    assert result.exit_code == 1
    assert "CHANGELOG.md: member appears twice" in result.output


def test_too_many_entries_are_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real limit (2 million entries) is lowered so the test stays small. There is no limit
    # on the total size: members are hashed as they stream past (test_verify_zip_layout).
    members = [(f"packages/{i}.xml", b"<x/>" * 100) for i in range(12)]
    archive = _zip(tmp_path / "many.zip", [("release.json", RELEASE_JSON), *members])
    monkeypatch.setattr(archive_module, "MAX_ENTRIES", 10)
    result = invoke("verify", archive, "--no-signature")
    assert result.exit_code == 1 and "more than 10" in result.output


def test_not_a_release_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_text("kein Release", encoding="utf-8")
    result = invoke("verify", tmp_path / "junk.txt", "--no-signature")
    assert result.exit_code == 1 and "neither a release folder nor a ZIP" in result.output
    archive = _zip(tmp_path / "empty.zip", [("readme.txt", b"x")])
    result = invoke("verify", archive, "--no-signature")
    assert result.exit_code == 1 and "missing: release.json" in result.output
    broken = _zip(tmp_path / "broken.zip", [("release.json", b'{"files": [\n')])
    result = invoke("verify", broken, "--no-signature")
    assert result.exit_code == 1 and "modified: release.json:2:1: not valid JSON" in result.output


@pytest.mark.parametrize("kept", [0.9, 0.5, 0.1])
def test_a_cut_off_zip_is_named_as_damaged(invoke: Invoke, tmp_path: Path, kept: float) -> None:
    members = [
        ("release.json", RELEASE_JSON),
        *((f"packages/{i}.xml", b"<x/>" * 50) for i in range(5)),
    ]
    whole = _zip(tmp_path / "whole.zip", members).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: int(len(whole) * kept)])
    result = invoke("verify", cut, "--no-signature")
    assert result.exit_code == 1
    assert f"{cut}: a damaged ZIP file: its end is missing" in result.output, result.output
