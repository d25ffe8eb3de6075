"""Byte-reproducible ZIP archives: sorted entries, fixed timestamps and permissions."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from fachakte_compiler.i18n import _

FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(entries: Mapping[str, bytes], *, order: list[str] | None = None) -> bytes:
    """A ZIP of `entries` (posix name -> bytes). Without `order`, entries are sorted by name;
    with it, they appear in exactly that order (all names must be listed)."""
    names = order if order is not None else sorted(entries)
    if sorted(names) != sorted(entries):
        raise ValueError(_("order must list every entry exactly once"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so that the permission bits below are honoured
            info.external_attr = 0o100644 << 16
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()
