"""The conformance rules beyond the XSD hold for every emitted message, and each rule catches
the departure it is for."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DEFINITIONS, invoke_cli, xdomea_message
from fachakte_compiler.targets.xdomea.conformance import problems

MINI = Path(__file__).parent / "fixtures" / "mini"
ENV = {"SOURCE_DATE_EPOCH": "1700000000", "FACHAKTE_XDOMEA_XSD_DIR": ""}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("conformance") / "build"
    result = invoke_cli("compile", DEFINITIONS, "--target", "xdomea", "-o", out, env=ENV)
    assert result.exit_code == 0, result.stderr
    return out


def _relative(build: Path, tenant: str) -> tuple[str, bytes]:
    path = xdomea_message(build, tenant)
    return path.relative_to(build).as_posix(), path.read_bytes()


def test_every_emitted_message_conforms(build: Path) -> None:
    tenants = sorted(p.name for p in build.iterdir() if (p / "xdomea").is_dir())
    assert len(tenants) == 13
    for tenant in tenants:
        name, data = _relative(build, tenant)
        assert re.fullmatch(
            rf"{tenant}/xdomea/[0-9a-f-]{{36}}_Aktenplan\.Aktenplan\.0301\.xml", name
        )
        assert problems(data, name) == [], tenant


def test_each_rule_catches_its_departure(build: Path) -> None:
    name, data = _relative(build, "olsberg")
    no_location = re.sub(rb' xsi:schemaLocation="[^"]*"', b"", data, count=1)
    assert problems(no_location, name) == ["2: the root element has no xsi:schemaLocation"]
    wrong_location = data.replace(b"3.0.0 xdomea.xsd", b"3.0.0", 1)
    assert "does not pair the namespace" in problems(wrong_location, name)[0]
    renamed = name.replace("_Aktenplan.Aktenplan.0301", "_aktenplan")
    assert "xdomea names it" in problems(data, renamed)[0]
    assert "aktenplan-0301.xml" in problems(data, "olsberg/xdomea/aktenplan-0301.xml")[0]
    bare = re.sub(
        rb'(<xdomea:Behoerdenschluessel listURI="[^"]*") listVersionID="[^"]*"', rb"\1", data
    )
    found = problems(bare, name)
    assert len(found) == 2 and all("Behoerdenschluessel lacks listVersionID" in p for p in found)
    no_uri = data.replace(b' listURI="urn:xoev-de:xdomea:codeliste:datentyp"', b"", 1)
    assert re.fullmatch(r"\d+: code of Datentyp lacks listURI", problems(no_uri, name)[0])


def test_a_message_to_its_sender_must_say_why(build: Path) -> None:
    name, data = _relative(build, "hsk")
    assert problems(data, name) == []
    silent = re.sub(rb"\s*<xdomea:Hinweis>[^<]*</xdomea:Hinweis>", b"", data)
    assert silent != data
    found = problems(silent, name)
    assert len(found) == 1 and "Absender and Empfaenger are the same authority" in found[0]


def test_a_kreis_key_that_is_not_a_kreisschluessel_is_refused(tmp_path: Path) -> None:
    catalogue = tmp_path / "mini"
    shutil.copytree(MINI, catalogue)
    tenants = catalogue / "tenants.yaml"
    text = tenants.read_text(encoding="utf-8")
    kreis_ags = re.search(r'kind: kreis\n\s+ags: "(\d{8})"', text)
    assert kreis_ags is not None
    tenants.write_text(text.replace(kreis_ags.group(1), kreis_ags.group(1)[:5] + "123"))
    out = tmp_path / "out"
    result = invoke_cli("compile", catalogue, "--target", "xdomea", "-o", out, env=ENV)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "is a Kreis but its ags" in result.stderr and "nothing was written" in result.stderr
    assert not out.exists()
