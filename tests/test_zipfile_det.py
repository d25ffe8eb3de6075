"""The deterministic ZIP writer writes what `zipfile` writes for the same members, byte for byte,
whether a member comes as bytes or deflated once beforehand, and the archive reads back."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from fachakte_compiler.write.zipfile_det import (
    _zipfile_archive,
    deflate,
    deterministic_zip,
)


def _members() -> dict[str, bytes]:
    rng = random.Random(19)
    return {
        "00-manifest.xml": b'<?xml version="1.0"?>\n<manifest/>\n',
        "01-leer.xml": b"",
        "docs/\u00fcbersicht.html": "<p>Gr\u00fc\u00dfe</p>\n".encode() * 500,
        "zufall.bin": rng.randbytes(70_000),
        "text/gross.txt": b"Aktenplan 67.30.10 Friedhofswesen\n" * 5_000,
    }


def test_same_bytes_as_zipfile_sorted_and_in_order() -> None:
    members = _members()
    names = sorted(members)
    assert deterministic_zip(members) == _zipfile_archive(members, names)
    order = list(reversed(names))
    assert deterministic_zip(members, order=order) == _zipfile_archive(members, order)


def test_deflated_members_give_the_same_archive() -> None:
    members = _members()
    packed = {name: deflate(data) for name, data in members.items() if name.endswith(".xml")}
    mixed = {**members, **packed}
    assert deterministic_zip(mixed) == deterministic_zip(members)


def test_archive_reads_back_with_fixed_metadata() -> None:
    members = _members()
    with zipfile.ZipFile(io.BytesIO(deterministic_zip(members))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == sorted(members)
        for info in archive.infolist():
            assert archive.read(info) == members[info.filename]
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644


def test_order_must_name_every_entry_once() -> None:
    with pytest.raises(ValueError):
        deterministic_zip({"a": b"1", "b": b"2"}, order=["a", "a"])
