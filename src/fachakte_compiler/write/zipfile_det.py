"""Byte-reproducible ZIP archives: sorted entries, fixed timestamps and permissions.

The archive is the one `zipfile` writes for these settings (deflate level 9, unix permissions
0644, 1980-01-01), byte for byte (a test compares both). Its records are packed here so that a
member compressed once (`deflate`) can go into many archives as it is: every tenant's package of
a Fachakte holds the same shared entries, and deflating them again for each tenant was most of
the packages' ZIP work. Archives too large for the plain format (ZIP64) are written by `zipfile`.
Format: PKWARE APPNOTE.TXT 6.3, §4.3.7 (local file header), §4.3.12 (central directory),
§4.3.16 (end of central directory record).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from fachakte_compiler.i18n import _

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_LEVEL = 9
# DOS date and time of FIXED_DATE: (year - 1980) << 9 | month << 5 | day, and 00:00:00.
_DOS_DATE, _DOS_TIME = 1 << 5 | 1, 0
_VERSION = 20  # 2.0: deflate (APPNOTE §4.4.3.2)
_UNIX = 3
_PERMISSIONS = 0o100644 << 16  # a regular file, rw-r--r--
_UTF8_NAME = 0x800  # general purpose bit 11 (APPNOTE §4.4.4)
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
# zipfile switches to ZIP64 records beyond these (members from 1/1.05 of the offset limit on).
_ZIP64_LIMIT = (1 << 31) - 1
_COUNT_LIMIT = (1 << 16) - 1


@dataclass(frozen=True)
class Deflated:
    """A member's bytes with their CRC-32 and raw deflate stream (level 9, no zlib header)."""

    data: bytes
    crc: int
    compressed: bytes


def deflate(data: bytes) -> Deflated:
    """`data` compressed once, for members that several archives hold."""
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    compressed = compressor.compress(data) + compressor.flush()
    return Deflated(data, zlib.crc32(data), compressed)


def deterministic_zip(
    entries: Mapping[str, bytes | Deflated], *, order: list[str] | None = None
) -> bytes:
    """A ZIP of `entries` (posix name -> bytes, or bytes deflated before). Without `order`,
    entries are sorted by name; with it, they appear in exactly that order (all names must be
    listed; ValueError otherwise)."""
    names = order if order is not None else sorted(entries)
    if sorted(names) != sorted(entries):
        raise ValueError(_("order must list every entry exactly once"))
    raw = {n: e.data if isinstance(e, Deflated) else e for n, e in entries.items()}
    if len(names) > _COUNT_LIMIT or sum(map(len, raw.values())) * 1.05 > _ZIP64_LIMIT:
        return _zipfile_archive(raw, names)
    members = {n: e if isinstance(e, Deflated) else deflate(e) for n, e in entries.items()}
    return _archive(members, names)


def _archive(members: Mapping[str, Deflated], names: list[str]) -> bytes:
    out = bytearray()
    central = bytearray()
    for name in names:
        member = members[name]
        # zipfile cuts a name at a NUL byte and marks a name that is not ASCII as UTF-8.
        encoded_name = name.split("\0", 1)[0]
        flags = 0 if encoded_name.isascii() else _UTF8_NAME
        encoded = encoded_name.encode("ascii" if flags == 0 else "utf-8")
        fields = (
            flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            member.crc,
            len(member.compressed),
            len(member.data),
            len(encoded),
        )
        central += _CENTRAL.pack(
            b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, *fields, 0, 0, 0, 0, _PERMISSIONS, len(out)
        )
        central += encoded
        out += _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *fields, 0)
        out += encoded
        out += member.compressed
    end = _END.pack(b"PK\x05\x06", 0, 0, len(names), len(names), len(central), len(out), 0)
    return bytes(out + central + end)


def _zipfile_archive(entries: Mapping[str, bytes], names: list[str]) -> bytes:
    """The same archive written by `zipfile`, which also writes the ZIP64 records."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX  # so that the permission bits below are honoured
            info.external_attr = _PERMISSIONS
            archive.writestr(info, entries[name], compresslevel=_LEVEL)
    return buffer.getvalue()
