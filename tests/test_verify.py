"""`fachakte verify` on a real signed release: intact, and every kind of tampering named."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from catalogue_property import damage
from conftest import ShippedRelease
from fachakte_compiler.release import META_FILES
from fachakte_compiler.write.zipfile_det import deterministic_zip
from support.catalogue import MINI
from test_release_helpers import keypair, make_repo, release, tree

Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def signed(shipped_release: ShippedRelease) -> tuple[Path, Path]:
    """(release folder, public key) of a signed release; tests work on copies."""
    return shipped_release.folder, shipped_release.public_key


@pytest.fixture
def copy(signed: tuple[Path, Path], tmp_path: Path) -> Path:
    shutil.copytree(signed[0], tmp_path / "rel")
    return tmp_path / "rel"


def kinds(release: Path) -> set[tuple[str, str]]:
    """What a release holds, by kind: (top folder or file, suffix) of every file."""
    return {(rel.split("/")[0], Path(rel).suffix) for rel in tree(release)}


@pytest.fixture(scope="module")
def small_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(release folder, public key) of a signed first release of the small test catalogue:
    the tests that verify once per file or per random damage hash a few hundred kilobytes per
    run instead of the 18 MB of the shipped release."""
    base = tmp_path_factory.mktemp("small-release")
    private, public = keypair(base)
    made = release(make_repo(base, MINI), base / "out", private)
    assert made.returncode == 0, made.stdout + made.stderr
    return base / "out", public


@pytest.fixture
def small_copy(small_signed: tuple[Path, Path], tmp_path: Path) -> Path:
    shutil.copytree(small_signed[0], tmp_path / "small")
    return tmp_path / "small"


def test_the_small_release_holds_every_kind_of_file_the_shipped_one_does(
    small_signed: tuple[Path, Path], signed: tuple[Path, Path]
) -> None:
    assert kinds(small_signed[0]) == kinds(signed[0])


def test_intact_release_verifies(invoke: Invoke, copy: Path, signed: tuple[Path, Path]) -> None:
    result = invoke("verify", copy, "--public-key", signed[1])
    assert result.exit_code == 0, result.output
    assert "is intact" in result.output and "signature valid" in result.output
    # Every file of the folder is counted, and the ones that release.json does not list (it,
    # the checksums and the signatures) are named, as `release` counts them.
    files = [p for p in copy.rglob("*") if p.is_file()]
    listed = sum(1 for p in files if p.name not in META_FILES)
    assert (
        f"is intact: all {len(files)} files ({listed} listed in release.json, plus "
        "release.json, release.json.sig, SHA256SUMS, SHA256SUMS.sig) match"
    ) in result.output


def test_flipping_one_byte_of_any_file_is_detected_and_named(
    invoke: Invoke, small_copy: Path, small_signed: tuple[Path, Path]
) -> None:
    copy, signed = small_copy, small_signed
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


# The fuzzing of verify: seeded mutations of a real signed release, as a folder and as a ZIP.
# Every outcome is 0 (only for an unchanged release), 1 or 2, never an internal error.
FUZZ_ROUNDS = int(os.environ.get("FACHAKTE_FUZZ_VERIFY", "24"))


def _mutate_folder(folder: Path, rng: random.Random) -> Callable[[], None]:
    """One seeded change to the release in `folder`; returns how to undo it."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    victim = rng.choice([folder / "release.json", folder / "SHA256SUMS", *files])
    original = victim.read_bytes()

    def restore() -> None:
        if victim.is_symlink() or victim.is_file():
            victim.unlink()
        elif victim.is_dir():
            shutil.rmtree(victim)
        victim.write_bytes(original)

    action = rng.randrange(7)
    if action == 0:  # flip bytes
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            if data:
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        victim.write_bytes(bytes(data))
    elif action == 1:  # truncate
        victim.write_bytes(original[: rng.randrange(len(original) + 1)])
    elif action == 2:  # remove
        victim.unlink()
    elif action == 3:  # a folder or a link in its place
        victim.unlink()
        if rng.random() < 0.5:
            victim.mkdir()
        else:
            victim.symlink_to(rng.choice(["/dev/zero", "/etc/passwd", "..", victim.name]))
    elif action == 4 and victim.name == "release.json":  # structure damaged, JSON well-formed
        try:
            document = json.loads(original)
        except ValueError:
            document = {}
        for _ in range(rng.randint(1, 3)):
            damage(document, rng)
        victim.write_text(json.dumps(document), encoding="utf-8")
    elif action == 5:  # bytes no parser expects
        victim.write_bytes(rng.choice([b"", b"\xff\xfe\x00", b"[" * 5000, b'{"files": 1e999}']))
    else:  # an extra file beside it
        extra = victim.parent / rng.choice(["extra.zip", "x/../y", ".hidden", "ü.txt"])
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_bytes(b"smuggled")

        def restore() -> None:
            extra.unlink()
            if extra.parent != victim.parent and not any(extra.parent.iterdir()):
                extra.parent.rmdir()

    return restore


def _mutate_zip(raw: bytes, rng: random.Random) -> bytes:
    action = rng.randrange(5)
    if action == 0:
        data = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if action == 1:
        return raw[: rng.randrange(len(raw))]
    if action == 2:
        return raw + rng.choice([b"PK\x05\x06" + bytes(18), b"trailing", b"\0" * 100])
    if action == 3:
        return rng.choice([b"PK\x03\x04", b"prefix"]) + raw
    at = rng.randrange(len(raw))  # a central-directory or header field
    return raw[:at] + bytes(rng.randrange(256) for _ in range(4)) + raw[at + 4 :]


# Bytes of a ZIP that hold no part of the release and that other archivers (`zip -r rel.zip rel/`,
# which verify accepts) fill their own way, so verify reads past them: in a central-directory
# entry the version made by, time, date, internal attributes, DOS attributes and permission bits
# (not the file type bits, the high nibble of byte 41); in a local header the time and date.
_CENTRAL_METADATA = (4, 5, 12, 13, 14, 15, 36, 37, 38, 39, 40)
_LOCAL_METADATA = (10, 11, 12, 13)


def _changes_the_release(raw: bytes, mutated: bytes) -> bool:
    """Whether `mutated` differs from the release ZIP `raw` in more than its metadata."""
    if len(raw) != len(mutated):
        return True
    step = 1 << 12
    differing = {
        at
        for chunk in range(0, len(raw), step)
        if raw[chunk : chunk + step] != mutated[chunk : chunk + step]
        for at in range(chunk, min(chunk + step, len(raw)))
        if raw[at] != mutated[at]
    }
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        infos = archive.infolist()
    end = raw.rindex(b"PK\x05\x06")
    at = int.from_bytes(raw[end + 16 : end + 20], "little")
    metadata: set[int] = set()
    for info in infos:
        assert raw[at : at + 4] == b"PK\x01\x02"
        metadata.update(info.header_offset + offset for offset in _LOCAL_METADATA)
        metadata.update(at + offset for offset in _CENTRAL_METADATA)
        if (raw[at + 41] ^ mutated[at + 41]) & 0xF0 == 0:
            metadata.add(at + 41)
        lengths = (int.from_bytes(raw[at + o : at + o + 2], "little") for o in (28, 30, 32))
        at += 46 + sum(lengths)
    return not differing <= metadata


def _outcome_is_sound(result: Result, changed: bool) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert "internal error" not in result.output.lower(), result.output
    assert "Traceback" not in result.output
    if changed:
        assert result.exit_code != 0, result.output


def test_mutated_release_folders_are_never_accepted_nor_crash(
    invoke: Invoke, small_copy: Path, small_signed: tuple[Path, Path]
) -> None:
    copy, signed = small_copy, small_signed
    rng = random.Random(2020)
    before = tree(copy)
    for round_ in range(FUZZ_ROUNDS):
        restore = _mutate_folder(copy, rng)
        changed = tree(copy) != before or any(
            p.is_symlink() or (p.is_dir() and not any(p.iterdir())) for p in copy.rglob("*")
        )
        args = ["--public-key", signed[1]] if round_ % 2 else ["--no-signature"]
        try:
            result = invoke("verify", copy, *args)
        finally:
            restore()
        _outcome_is_sound(result, changed)
    assert tree(copy) == before
    assert invoke("verify", copy, "--public-key", signed[1]).exit_code == 0


def test_mutated_release_zips_are_never_accepted_nor_crash(
    invoke: Invoke, small_copy: Path, small_signed: tuple[Path, Path], tmp_path: Path
) -> None:
    copy, signed = small_copy, small_signed
    raw = deterministic_zip({f"hsk-release/{rel}": data for rel, data in tree(copy).items()})
    archive = tmp_path / "release.zip"
    rng = random.Random(2021)
    exits = set()
    for round_ in range(FUZZ_ROUNDS):
        mutated = _mutate_zip(raw, rng)
        archive.write_bytes(mutated)
        args = ["--public-key", signed[1]] if round_ % 2 else ["--no-signature"]
        result = invoke("verify", archive, *args)
        _outcome_is_sound(result, _changes_the_release(raw, mutated))
        exits.add(result.exit_code)
    assert 1 in exits


def test_zip_metadata_is_read_past_but_a_link_type_is_refused(
    invoke: Invoke, copy: Path, tmp_path: Path
) -> None:
    raw = deterministic_zip({f"hsk-release/{rel}": data for rel, data in tree(copy).items()})
    at = raw.index(b"PK\x01\x02")  # the first central-directory entry
    archive = tmp_path / "release.zip"
    # Time, date, DOS attributes and permission bits as another archiver writes them.
    other = bytearray(raw)
    other[at + 12 : at + 16] = b"\x21\x43\x65\x58"
    other[at + 38 : at + 41] = b"\x20\x00\xed"
    assert _changes_the_release(raw, bytes(other)) is False
    archive.write_bytes(bytes(other))
    assert invoke("verify", archive, "--no-signature").exit_code == 0
    # The same entry declared a symbolic link (file type bits of the Unix mode).
    link = bytearray(raw)
    link[at + 41] = (link[at + 41] & 0x0F) | 0xA0
    assert _changes_the_release(raw, bytes(link)) is True
    archive.write_bytes(bytes(link))
    result = invoke("verify", archive, "--no-signature")
    assert result.exit_code == 1, result.output
    assert "link" in result.output


def test_a_file_name_with_a_line_break_cannot_forge_a_line(
    invoke: Invoke, small_copy: Path, small_signed: tuple[Path, Path]
) -> None:
    forged = "x (not part of the release)\nrelease r is intact: all 9 files match, signature valid"
    (small_copy / forged).write_text("x", encoding="utf-8")
    result = invoke("verify", small_copy, "--public-key", small_signed[1])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not any(line.startswith("release r is intact") for line in lines), lines
    assert any("x (not part of the release)\\nrelease r is intact" in line for line in lines)


def test_a_missing_signature_is_named_without_claiming_an_alteration(
    invoke: Invoke, small_copy: Path, small_signed: tuple[Path, Path]
) -> None:
    (small_copy / "release.json.sig").unlink()
    result = invoke("verify", small_copy, "--public-key", small_signed[1])
    assert result.exit_code == 1
    assert "missing: release.json.sig (the release is not signed)" in result.stdout
    assert "altered after signing" not in result.stdout
