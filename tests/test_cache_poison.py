"""The build cache cannot poison a build: entries are bound to their key and file list, nothing
in the cache is followed through a symbolic link, the folder is private, and kept output files
are re-hashed. Real cache folders, real builds."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import tree
from fachakte_compiler.build_service.cache import Entry

MINI = Path(__file__).parent / "fixtures" / "mini"
Invoke = Callable[..., Result]


def build(invoke: Invoke, out: Path, cache: Path, *extra: str) -> Result:
    result = invoke("compile", MINI, "-o", out, "--cache-dir", cache, *extra)
    assert result.exit_code == 0, result.output
    return result


def counts(result: Result) -> tuple[int, int]:
    """(built, from cache) of a compile run's summary line."""
    import re

    found = re.search(r"\((\d+) built, (\d+) from cache\)", result.output)
    assert found is not None, result.output
    return int(found.group(1)), int(found.group(2))


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "objects").rglob("*") if p.is_file())


def test_entry_under_another_key_is_not_used(invoke: Invoke, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    units = sum(counts(build(invoke, tmp_path / "first", cache)))
    reference = tree(tmp_path / "first")
    found = entries(cache)
    # Swap two entries: each is intact in itself, but stored under the other's key.
    a, b = found[0], found[-1]
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    assert Entry.decode(data_b, a.name) is None
    result = build(invoke, tmp_path / "second", cache)
    assert counts(result) == (2, units - 2)
    assert tree(tmp_path / "second") == reference


def test_entry_with_a_path_outside_the_output_is_not_used(invoke: Invoke, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    units = sum(counts(build(invoke, tmp_path / "first", cache)))
    victim = entries(cache)[0]
    entry = Entry.decode(victim.read_bytes(), victim.name)
    assert entry is not None
    entry.files = {"../../escaped.txt": b"boom", **entry.files}
    victim.write_bytes(entry.encode(victim.name))
    result = build(invoke, tmp_path / "second", cache)
    assert counts(result) == (1, units - 1)
    assert not list(tmp_path.rglob("escaped.txt"))


def test_symlinked_objects_folder_is_never_written_through(invoke: Invoke, tmp_path: Path) -> None:
    cache, elsewhere = tmp_path / "cache", tmp_path / "elsewhere"
    cache.mkdir(mode=0o700)
    elsewhere.mkdir()
    (cache / "objects").symlink_to(elsewhere)
    result = build(invoke, tmp_path / "build", cache)
    assert list(elsewhere.iterdir()) == []
    built, cached = counts(result)
    assert cached == 0 and built > 0
    assert (cache / "objects").is_symlink()


def test_symlinked_cache_folder_is_refused_with_a_note(invoke: Invoke, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "cache").symlink_to(elsewhere)
    result = build(invoke, tmp_path / "build", tmp_path / "cache")
    assert "note: building without the cache" in result.output
    assert "is not a folder but a symbolic link" in result.output
    assert list(elsewhere.iterdir()) == []


def test_cache_folder_is_private(invoke: Invoke, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o755)
    os.chmod(cache, 0o755)
    build(invoke, tmp_path / "build", cache)
    for folder in [cache, *(p for p in cache.rglob("*") if p.is_dir())]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        assert folder.stat().st_uid == os.geteuid()


def _tamper(path: Path) -> None:
    """Change a byte and put size and mtime back, as a careful insider would."""
    info = path.stat()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_tampered_output_does_not_survive_a_rebuild(invoke: Invoke, tmp_path: Path) -> None:
    out, cache = tmp_path / "build", tmp_path / "cache"
    build(invoke, out, cache)
    reference = tree(out)
    victim = next(p for p in sorted(out.rglob("*.zip")))
    _tamper(victim)
    result = build(invoke, out, cache)
    assert "nothing changed" not in result.output
    assert tree(out) == reference


def test_tampered_kept_file_is_rewritten_by_an_incremental_build(
    invoke: Invoke, tmp_path: Path
) -> None:
    catalogue, out, cache = tmp_path / "definitions", tmp_path / "build", tmp_path / "cache"
    shutil.copytree(MINI, catalogue)
    first = invoke("compile", catalogue, "-o", out, "--cache-dir", cache)
    assert first.exit_code == 0, first.output
    victim = next(p for p in sorted(out.glob("*/doxis4/*.zip")))
    _tamper(victim)
    # A comment changes the inputs but not the packages: they come from the cache, and the
    # output folder seems to hold them already.
    tenants = catalogue / "tenants.yaml"
    tenants.write_text(tenants.read_text(encoding="utf-8") + "# neu\n", encoding="utf-8")
    second = invoke("compile", catalogue, "-o", out, "--cache-dir", cache)
    assert second.exit_code == 0, second.output
    assert "nothing changed" not in second.output
    fresh = invoke("compile", catalogue, "-o", tmp_path / "reference", "--no-cache")
    assert fresh.exit_code == 0, fresh.output
    assert tree(out) == tree(tmp_path / "reference")
