"""`verify` accepts a ZIP only when every extractor sees what verify checked; it reads neither
special files nor hostile JSON, and its memory stays flat. Real crafted archives."""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from test_release_helpers import keypair

Invoke = Callable[..., Result]
PACKAGE = ("packages/hsk/doxis4/a-1.0.0.zip", b"<paket/>" * 50)


def _manifest(files: list[tuple[str, bytes]]) -> tuple[bytes, bytes]:
    """release.json and SHA256SUMS that describe `files` exactly."""
    listed = [
        {"path": p, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for p, d in files
    ]
    document = {"format": 1, "release": "hsk-fachakten-test", "files": listed}
    manifest = json.dumps(document).encode()
    sums = sorted(
        [(hashlib.sha256(manifest).hexdigest(), "release.json")]
        + [(hashlib.sha256(d).hexdigest(), p) for p, d in files],
        key=lambda item: item[1],
    )
    return manifest, "".join(f"{h}  {p}\n" for h, p in sums).encode()


def _release_zip(files: list[tuple[str, bytes]], extra: list[tuple[str, bytes]] = ()) -> bytes:
    manifest, sums = _manifest(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as handle:
        for name, data in [("release.json", manifest), ("SHA256SUMS", sums), *files, *extra]:
            handle.writestr(name, data)
    return buffer.getvalue()


def _drop_from_directory(raw: bytes, name: str) -> bytes:
    """The archive with `name` removed from the central directory only: its local header and
    data stay where they are, as a smuggler would leave them."""
    eocd = raw[-22:]
    count = struct.unpack_from("<H", eocd, 10)[0]
    start = struct.unpack_from("<I", eocd, 16)[0]
    records, at = [], start
    for _ in range(count):
        n, m, k = struct.unpack_from("<HHH", raw, at + 28)
        end = at + 46 + n + m + k
        records.append((raw[at + 46 : at + 46 + n].decode(), raw[at:end]))
        at = end
    kept = b"".join(r for n, r in records if n != name)
    new_eocd = eocd[:8] + struct.pack("<HHII", count - 1, count - 1, len(kept), start) + eocd[20:]
    return raw[:start] + kept + new_eocd


def _verify(invoke: Invoke, path: Path) -> Result:
    return invoke("verify", path, "--no-signature")


def test_a_clean_zip_is_intact(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "rel.zip"
    path.write_bytes(_release_zip([PACKAGE]))
    result = _verify(invoke, path)
    assert result.exit_code == 0, result.output


EXTRA = ("packages/hsk/doxis4/extra-1.0.0.zip", b"<boese/>")


@pytest.mark.parametrize(
    ("craft", "message"),
    [
        (lambda: b"MZ-prepended" + _release_zip([PACKAGE]), "not listed by the archive"),
        (lambda: _release_zip([PACKAGE]) + b"appended", "bytes after the end of the ZIP"),
        (
            lambda: _release_zip([PACKAGE])[:-2] + struct.pack("<H", 4) + b"note",
            "bytes after the end of the ZIP archive (or an archive comment)",
        ),
        (
            lambda: _drop_from_directory(_release_zip([PACKAGE], [EXTRA]), EXTRA[0]),
            "bytes between the last entry and the central directory",
        ),
    ],
    ids=["prepended", "appended", "comment", "hidden-entry"],
)
def test_bytes_outside_the_listed_entries_are_refused(
    invoke: Invoke, tmp_path: Path, craft: Callable[[], bytes], message: str
) -> None:
    path = tmp_path / "rel.zip"
    path.write_bytes(craft())
    result = _verify(invoke, path)
    assert result.exit_code == 1, result.output
    assert message in result.output, result.output
    assert "is intact" not in result.output


def test_directory_entry_with_data_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    raw = _release_zip([PACKAGE], [("packages/", b"<versteckt/>")])
    path = tmp_path / "rel.zip"
    path.write_bytes(raw)
    result = _verify(invoke, path)
    assert result.exit_code == 1, result.output
    assert "packages/: directory entry holds data" in result.output


def test_hostile_json_is_never_parsed_before_the_signature(invoke: Invoke, tmp_path: Path) -> None:
    _, public = keypair(tmp_path)
    folder = tmp_path / "rel"
    folder.mkdir()
    (folder / "release.json").write_bytes(b"[" * 200_000)
    (folder / "release.json.sig").write_bytes(b"AAAA\n")
    signed = invoke("verify", folder, "--public-key", public)
    assert signed.exit_code == 1, signed.output
    assert "modified: release.json" in signed.output
    unsigned = invoke("verify", folder, "--no-signature")
    assert unsigned.exit_code == 1, unsigned.output
    assert "modified: release.json: not valid JSON" in unsigned.output
    (folder / "release.json").write_bytes(b'{"files": [], "x": ' + b"9" * 10_000 + b"}")
    digits = invoke("verify", folder, "--no-signature")
    assert digits.exit_code == 1, digits.output
    assert "not valid JSON" in digits.output


def _run(*args: str | os.PathLike[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_special_files_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "rel"
    folder.mkdir()
    (folder / "release.json").write_bytes(b"{}")
    for args, message in [
        (["verify", "/dev/zero", "--no-signature"], "/dev/zero: not a regular file"),
        (["verify", fifo, "--no-signature"], f"{fifo}: not a regular file"),
        (["verify", folder, "--public-key", fifo], f"{fifo} is not a regular file"),
    ]:
        result = _run(*args)
        # What is wrong with the release is verify's finding (1); a key option naming no key
        # file is a wrong argument (2).
        assert result.returncode == (2 if "--public-key" in args else 1), (args, result.stderr)
        assert message in result.stderr
        assert "Traceback" not in result.stderr


PEAK = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-m", "fachakte_compiler", "verify", sys.argv[1],
                "--no-signature"], capture_output=True, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _peak_kib(path: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def test_memory_stays_flat_however_large_the_release(tmp_path: Path) -> None:
    big = ("packages/hsk/doxis4/gross-1.0.0.zip", os.urandom(64 * 1024**2))
    small_zip, big_zip = tmp_path / "small.zip", tmp_path / "big.zip"
    small_zip.write_bytes(_release_zip([PACKAGE]))
    big_zip.write_bytes(_release_zip([PACKAGE, big]))
    folder = tmp_path / "big"
    with zipfile.ZipFile(big_zip) as archive:
        archive.extractall(folder)
    baseline = _peak_kib(small_zip)
    for path in (big_zip, folder):
        # Holding the 64 MiB member would add at least 65,536 KiB.
        assert _peak_kib(path) - baseline < 24 * 1024, path
