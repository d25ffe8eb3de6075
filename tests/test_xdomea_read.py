"""Safe reading of exported xdomea 0301 messages: our own messages read back, hostile or foreign
documents are refused with a located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DEFINITIONS, invoke_cli
from fachakte_compiler.targets.xdomea.read import XmlInputError, read_units


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xdomea")
    result = invoke_cli(
        "compile",
        DEFINITIONS,
        "--target",
        "xdomea",
        "--tenant",
        "brilon",
        "-o",
        out,
        env={"FACHAKTE_XDOMEA_XSD_DIR": "", "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.exit_code == 0, result.stderr
    (message,) = (out / "brilon" / "xdomea").glob("*.xml")
    return message


def test_our_own_message_reads_back_with_every_unit(exported: Path) -> None:
    units = read_units(exported)
    kennzeichen = [u.kennzeichen for u in units]
    assert len(kennzeichen) == len(set(kennzeichen)) > 10
    by_id = {u.kennzeichen: u for u in units}
    for unit in units:
        assert unit.parent is None or unit.parent in by_id
        assert unit.disposition in {"A", "B", "V", None}
        assert unit.unlimited or unit.years is None or unit.years >= 0


ROOT = b'xdomea:Aktenplan.Aktenplan.0301 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.0.0"'
XXE = (
    b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<%s>&secret;</xdomea:Aktenplan.Aktenplan.0301>
"""
    % ROOT
)
LAUGHS = (
    b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<%s>&lol3;</xdomea:Aktenplan.Aktenplan.0301>
"""
    % ROOT
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (XXE, "declares a DTD"),
        (LAUGHS, "declares a DTD"),
        (b"<a><b></a>", "not well-formed XML"),
        (b"<other xmlns='urn:x'/>", "expected an xdomea 3.0.0 Aktenplan.Aktenplan.0301"),
    ],
    ids=["xxe", "billion-laughs", "malformed", "foreign"],
)
def test_unsafe_or_foreign_documents_are_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "export.xml"
    path.write_bytes(content)
    with pytest.raises(XmlInputError, match=expected) as caught:
        read_units(path)
    assert str(caught.value).startswith(f"{path}:")
    assert "root:" not in str(caught.value)  # /etc/passwd never leaks into a message


def test_a_fifo_is_refused_without_reading(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    with pytest.raises(XmlInputError, match="not a regular file"):
        read_units(fifo)
