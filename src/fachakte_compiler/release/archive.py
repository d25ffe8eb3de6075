"""Reading a delivered release, folder or ZIP, without trusting it.

Members are hashed while they stream past (memory stays flat however large the release); only
the small files that describe the release (release.json, its signature, SHA256SUMS and its
signature) are kept. A ZIP is accepted only when every extractor sees the same thing: the
entries lie back to back from the first byte to the central directory, which ends the file
without a comment; local headers agree with the central directory; directory entries hold no
data. Paths that could escape ('..', absolute paths, drive letters, backslashes), symbolic
links, duplicates, encrypted members and zip bombs (compression ratio bounded while reading,
not taken from headers) are refused, and so is anything that is not a regular file or folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from fachakte_compiler.errors import FachakteError
from fachakte_compiler.i18n import _, ngettext, os_reason
from fachakte_compiler.release import KEPT_FILES

# A release of every municipality of Germany has about 540,000 packages.
MAX_ENTRIES = 2_000_000
# Deflate reaches ~1000:1 only on pathological input; our XML and ZIP packages stay far below.
MAX_RATIO = 200
RATIO_FLOOR = 1024**2
# release.json of such a release is some 100 MB; the other kept files are smaller.
MAX_KEPT_BYTES = 512 * 1024**2
_CHUNK = 1024**2

_EOCD = b"PK\x05\x06"
_EOCD64 = b"PK\x06\x06"
_LOCATOR64 = b"PK\x06\x07"
_LOCAL = b"PK\x03\x04"
_DESCRIPTOR = b"PK\x07\x08"


class UnsafeArchive(FachakteError):
    """The release cannot be read safely; the message names the release (folder or ZIP file)
    and the offending member."""


@dataclass(frozen=True)
class Member:
    """One file of a release: its size and SHA-256, and its bytes if it is one of the files
    that describe the release (KEPT_FILES), else None."""

    size: int
    sha256: str
    data: bytes | None = None


def _check_name(name: str) -> str:
    if "\\" in name or "\0" in name:
        raise UnsafeArchive(
            _("{name}: backslash or NUL in member name").format(name=repr(name)[1:-1])
        )
    path = PurePosixPath(name)
    if path.is_absolute() or (path.parts and ":" in path.parts[0]):
        raise UnsafeArchive(_("{name}: absolute path in archive").format(name=name))
    if ".." in path.parts:
        raise UnsafeArchive(_("{name}: path traversal ('..') in archive").format(name=name))
    return path.as_posix()


def _digest(chunks: Iterator[bytes], name: str, keep: bool) -> Member:
    h, size, kept = hashlib.sha256(), 0, []
    for chunk in chunks:
        size += len(chunk)
        h.update(chunk)
        if keep:
            if size > MAX_KEPT_BYTES:
                raise UnsafeArchive(
                    _("{name}: larger than {limit} bytes").format(name=name, limit=MAX_KEPT_BYTES)
                )
            kept.append(chunk)
    return Member(size, h.hexdigest(), b"".join(kept) if keep else None)


def _zip_chunks(handle: IO[bytes], info: zipfile.ZipInfo) -> Iterator[bytes]:
    size = 0
    while chunk := handle.read(_CHUNK):
        size += len(chunk)
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeArchive(
                _("{name}: compression ratio above {ratio}:1; refusing a possible zip bomb").format(
                    name=info.filename, ratio=MAX_RATIO
                )
            )
        yield chunk


def _u16(data: bytes, at: int) -> int:
    value: int = struct.unpack_from("<H", data, at)[0]
    return value


def _u32(data: bytes, at: int) -> int:
    value: int = struct.unpack_from("<I", data, at)[0]
    return value


def _u64(data: bytes, at: int) -> int:
    value: int = struct.unpack_from("<Q", data, at)[0]
    return value


def _read_at(handle: BinaryIO, offset: int, size: int) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) != size:
        raise UnsafeArchive(_("truncated ZIP file"))
    return data


def _directory_bounds(handle: BinaryIO, size: int) -> tuple[int, int]:
    """(start, end) of the central directory. The end-of-central-directory record must be the
    last 22 bytes of the file: no comment, nothing appended."""
    if size < 22:
        raise UnsafeArchive(_("not a ZIP file (too short)"))
    eocd = _read_at(handle, size - 22, 22)
    if eocd[:4] != _EOCD:
        raise UnsafeArchive(
            _(
                "bytes after the end of the ZIP archive (or an archive comment); an extractor "
                "could see something else than verify"
            )
        )
    if _u16(eocd, 20):
        raise UnsafeArchive(_("the ZIP archive has a comment"))
    directory_size, directory_start, end = _u32(eocd, 12), _u32(eocd, 16), size - 22
    if directory_start == 0xFFFFFFFF or directory_size == 0xFFFFFFFF or _u16(eocd, 10) == 0xFFFF:
        if size < 22 + 20 + 56:
            raise UnsafeArchive(_("truncated ZIP64 archive"))
        locator = _read_at(handle, size - 42, 20)
        if locator[:4] != _LOCATOR64:
            raise UnsafeArchive(_("ZIP64 archive without its locator"))
        record_at = _u64(locator, 8)
        record = _read_at(handle, record_at, 56)
        if record[:4] != _EOCD64 or record_at + 12 + _u64(record, 4) != size - 42:
            raise UnsafeArchive(_("bytes between the ZIP64 end records"))
        directory_size, directory_start, end = _u64(record, 40), _u64(record, 48), record_at
    if directory_start + directory_size != end:
        raise UnsafeArchive(
            ngettext(
                "{count} byte not listed by the archive (before the first entry or after the "
                "central directory)",
                "{count} bytes not listed by the archive (before the first entry or after the "
                "central directory)",
                abs(end - directory_start - directory_size),
            ).format(count=abs(end - directory_start - directory_size))
        )
    return directory_start, end


def _local_end(handle: BinaryIO, info: zipfile.ZipInfo, at: int) -> int:
    """Where the entry whose local header is at `at` ends; the header must agree with the
    central directory, as a streaming extractor reads only the local headers."""
    local = _read_at(handle, at, 30)
    if local[:4] != _LOCAL:
        raise UnsafeArchive(
            _("{name}: no local header where the directory points").format(name=info.filename)
        )
    name_size, extra_size = _u16(local, 26), _u16(local, 28)
    name = _read_at(handle, at + 30, name_size)
    encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
    if name.decode(encoding, "replace") != info.orig_filename:
        raise UnsafeArchive(_("{name}: local header names another file").format(name=info.filename))
    extra = _read_at(handle, at + 30 + name_size, extra_size)
    zip64 = _has_zip64(extra)
    described = bool(_u16(local, 6) & 0x08)
    if not described and not zip64 and _u32(local, 18) != info.compress_size:
        raise UnsafeArchive(
            _("{name}: local header and directory disagree on its size").format(name=info.filename)
        )
    end = at + 30 + name_size + extra_size + info.compress_size
    if described:
        head = _read_at(handle, end, 4)
        end += (4 if head == _DESCRIPTOR else 0) + (20 if zip64 else 12)
    return end


def _has_zip64(extra: bytes) -> bool:
    at = 0
    while at + 4 <= len(extra):
        tag, size = _u16(extra, at), _u16(extra, at + 2)
        if tag == 0x0001:
            return True
        at += 4 + size
    return False


def _check_layout(handle: BinaryIO, size: int, infos: list[zipfile.ZipInfo]) -> None:
    start, _end = _directory_bounds(handle, size)
    at = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset != at:
            where = (
                _("before the first entry")
                if at == 0
                else _("before {name}").format(name=info.filename)
            )
            raise UnsafeArchive(
                _(
                    "bytes {where} that the directory does not list; an extractor that reads "
                    "the archive from the start could unpack something verify never saw"
                ).format(where=where)
            )
        at = _local_end(handle, info, at)
    if at != start:
        raise UnsafeArchive(_("bytes between the last entry and the central directory"))


# What a damaged member raises while it is read: bad headers, a short file, a deflate stream
# zlib cannot decode ("invalid distance too far back"), an unknown compression method.
_UNREADABLE = (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error)


def _reason(exc: BaseException) -> str:
    """Why a member could not be read, in the user's language where the cause is a common one
    (zipfile and zlib word theirs in English)."""
    if isinstance(exc, zipfile.BadZipFile) and str(exc).startswith("Bad CRC-32"):
        return _("its CRC-32 checksum does not match its content")
    if isinstance(exc, zlib.error | EOFError):
        return _("its compressed data is damaged or cut short")
    if isinstance(exc, OSError):
        return os_reason(exc)
    return str(exc)


def read_zip(handle: BinaryIO) -> dict[str, Member]:
    """Members of a release ZIP, keyed by posix path. A single top folder holding
    release.json (as `zip -r rel.zip rel/` makes) is stripped. UnsafeArchive messages name
    the member, not the ZIP file (read_release adds it)."""
    size = os.fstat(handle.fileno()).st_size
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeArchive(_("not a readable ZIP file ({reason})").format(reason=exc)) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeArchive(
                _("{count} entries, more than {limit}").format(count=len(infos), limit=MAX_ENTRIES)
            )
        _check_layout(handle, size, infos)
        names = [_check_name(i.filename) for i in infos]
        tops = {n.split("/", 1)[0] for n in names if not n.endswith("/")}
        prefix = ""
        if len(tops) == 1 and f"{next(iter(tops))}/release.json" in names:
            prefix = next(iter(tops)) + "/"
        files: dict[str, Member] = {}
        for info, name in zip(infos, names, strict=True):
            if stat.S_ISLNK(info.external_attr >> 16):
                raise UnsafeArchive(_("{name}: symbolic link in archive").format(name=name))
            if info.flag_bits & 0x1:
                raise UnsafeArchive(_("{name}: encrypted member").format(name=name))
            if info.comment:
                raise UnsafeArchive(_("{name}: member has a comment").format(name=name))
            if info.is_dir():
                if info.file_size or info.compress_size > 2:
                    raise UnsafeArchive(
                        _("{name}: directory entry holds data").format(name=info.filename)
                    )
                continue
            short = name.removeprefix(prefix)
            if short in files:
                raise UnsafeArchive(
                    _("{name}: member appears twice in the archive").format(name=name)
                )
            try:
                with archive.open(info) as member:
                    files[short] = _digest(_zip_chunks(member, info), name, short in KEPT_FILES)
            except _UNREADABLE as exc:
                raise UnsafeArchive(
                    _("{name}: cannot be read ({reason})").format(name=name, reason=_reason(exc))
                ) from exc
    return files


def _file_chunks(fd: int) -> Iterator[bytes]:
    while chunk := os.read(fd, _CHUNK):
        yield chunk


def _open_regular(path: Path, what: str, *, follow: bool = False) -> int:
    """A read descriptor of the regular file `path`; a FIFO, device or socket is refused
    before a single byte is read (reading /dev/zero or a FIFO would never end)."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnsafeArchive(
            _("{name}: cannot be read ({reason})").format(name=what, reason=os_reason(exc))
        ) from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafeArchive(_("{name}: not a regular file").format(name=what))
    return fd


def read_folder(root: Path) -> dict[str, Member]:
    """Every regular file below `root`; a symlink or special file anywhere is refused."""
    files: dict[str, Member] = {}
    for folder, dirs, names in os.walk(root, followlinks=False):
        for name in [*dirs, *names]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                raise UnsafeArchive(
                    _("{name}: symbolic link in the release folder").format(name=rel)
                )
        for name in names:
            rel = (Path(folder) / name).relative_to(root).as_posix()
            fd = _open_regular(Path(folder) / name, rel)
            try:
                files[rel] = _digest(_file_chunks(fd), rel, rel in KEPT_FILES)
            finally:
                os.close(fd)
    return files


# The signature of a ZIP's first member (local file header), PKWARE APPNOTE 4.3.7.
_ZIP_START = b"PK\x03\x04"


def read_release(path: Path) -> dict[str, Member]:
    """The members of a release folder or ZIP file; raises UnsafeArchive for anything else,
    its message starting with `path` (then the member, where one is at fault)."""
    try:
        info = path.stat()
    except OSError as exc:
        raise UnsafeArchive(
            _("{name}: cannot be read ({reason})").format(name=path, reason=os_reason(exc))
        ) from exc
    fd = None if stat.S_ISDIR(info.st_mode) else _open_regular(path, str(path), follow=True)
    try:
        if fd is None:
            return read_folder(path)
        with os.fdopen(fd, "rb") as handle:
            if not zipfile.is_zipfile(handle):
                handle.seek(0)
                if handle.read(4) == _ZIP_START:
                    # A ZIP's directory sits at its end: a cut-off copy starts right.
                    raise UnsafeArchive(
                        _("a damaged ZIP file: its end is missing (an interrupted download?)")
                    )
                raise UnsafeArchive(_("neither a release folder nor a ZIP file"))
            return read_zip(handle)
    except UnsafeArchive as exc:
        raise UnsafeArchive(_("{release}: {reason}").format(release=path, reason=exc)) from exc
