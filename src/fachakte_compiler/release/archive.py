"""Reading a delivered release, folder or ZIP, without trusting it.

A hostile ZIP must not write anywhere (nothing is extracted to disk; members are hashed in
memory), must not exhaust memory (entry count, per-entry and total size, compression ratio are
bounded while reading, not taken from headers) and must not smuggle paths ('..', absolute
paths, drive letters, backslashes, symlinks, duplicates).
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

MAX_ENTRIES = 20_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_ENTRY_BYTES = 512 * 1024**2
# Deflate reaches ~1000:1 only on pathological input; our XML and ZIP packages stay far below.
MAX_RATIO = 200
RATIO_FLOOR = 1024**2
_CHUNK = 1024**2


class UnsafeArchive(Exception):
    """The release cannot be read safely; the message names the offending member."""


def _check_name(name: str) -> str:
    if "\\" in name or "\0" in name:
        raise UnsafeArchive(f"{name!r}: backslash or NUL in member name")
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        raise UnsafeArchive(f"{name}: absolute path in archive")
    if ".." in path.parts:
        raise UnsafeArchive(f"{name}: path traversal ('..') in archive")
    return path.as_posix()


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    limit = min(MAX_ENTRY_BYTES, budget)
    chunks, size = [], 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise UnsafeArchive(
                    f"{info.filename}: uncompressed size exceeds the limit "
                    f"({limit} bytes); refusing a possible zip bomb"
                )
            if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise UnsafeArchive(
                    f"{info.filename}: compression ratio above {MAX_RATIO}:1; "
                    "refusing a possible zip bomb"
                )
            chunks.append(chunk)
    return b"".join(chunks)


def read_zip(path: Path) -> dict[str, bytes]:
    """Members of a release ZIP, keyed by posix path. A single top folder holding
    release.json (as `zip -r rel.zip rel/` makes) is stripped."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsafeArchive(f"{path}: not a readable ZIP file ({exc})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeArchive(f"{path}: {len(infos)} entries, more than {MAX_ENTRIES}")
        files: dict[str, bytes] = {}
        budget = MAX_TOTAL_BYTES
        for info in infos:
            name = _check_name(info.filename)
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UnsafeArchive(f"{name}: symbolic link in archive")
            if info.flag_bits & 0x1:
                raise UnsafeArchive(f"{name}: encrypted member")
            if info.is_dir():
                continue
            if name in files:
                raise UnsafeArchive(f"{name}: member appears twice in the archive")
            try:
                data = _read_member(archive, info, budget)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
                raise UnsafeArchive(f"{name}: cannot be read ({exc})") from exc
            budget -= len(data)
            files[name] = data
    return _strip_top_folder(files)


def _strip_top_folder(files: dict[str, bytes]) -> dict[str, bytes]:
    from fachakte_compiler.release import MANIFEST

    tops = {name.split("/", 1)[0] for name in files}
    if MANIFEST in files or len(tops) != 1:
        return files
    top = tops.pop()
    if f"{top}/{MANIFEST}" not in files:
        return files
    return {name[len(top) + 1 :]: data for name, data in files.items()}


def read_folder(root: Path) -> dict[str, bytes]:
    """Every regular file below `root`; a symlink anywhere is refused rather than followed."""
    files: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root, followlinks=False):
        for name in [*dirs, *names]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                raise UnsafeArchive(f"{rel}: symbolic link in the release folder")
            if name in names and not path.is_file():
                raise UnsafeArchive(f"{rel}: not a regular file")
        for name in names:
            files[(Path(folder) / name).relative_to(root).as_posix()] = (
                Path(folder) / name
            ).read_bytes()
    return files


def read_release(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return read_folder(path)
    if zipfile.is_zipfile(path):
        return read_zip(path)
    raise UnsafeArchive(f"{path}: neither a release folder nor a ZIP file")
