"""Two versions of a Fachakte: every object keeps its identity, so that a re-import in Doxis4
updates objects instead of duplicating them."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree

from conftest import SHIPPED_BUILD_ENV, ShippedBuild, run_fachakte
from fachakte_compiler.model.identity import object_id

NEW_VALUE = """      - key: neu_im_test
        label: Neu in Version 2.1.0
"""


def identities(package: Path) -> dict[str, tuple[str, str]]:
    """uuid -> (element, id) of every object a package defines."""
    result = {}
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            for element in etree.fromstring(archive.read(name)).iter():
                uuid = element.get("uuid")
                if uuid and etree.QName(element).localname != "vorher":
                    key = element.get("id") or element.get("schluessel") or element.get("name")
                    result[uuid] = (etree.QName(element).localname, key or "")
    return result


def members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


@pytest.fixture(scope="module")
def two_builds(
    shipped_build: ShippedBuild, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The catalogue compiled (the session's build), then changed (new versions) and compiled
    into a copy of that build folder, with its build cache."""
    root = shipped_build.workspace(tmp_path_factory.mktemp("versions"))
    definitions, build = root / "definitions", root / "build"

    wohngeld = definitions / "fachakten" / "wohngeld.yaml"
    text = wohngeld.read_text(encoding="utf-8")
    assert "version: 3.0.0\n" in text and "        label: Lastenzuschuss\n" in text
    text = text.replace("version: 3.0.0\n", "version: 3.1.0\n", 1)
    text = text.replace(
        "        label: Lastenzuschuss\n", "        label: Lastenzuschuss\n" + NEW_VALUE, 1
    )
    text = text.replace("title: Art des Wohngeldes", "title: Art des Wohngeldes (neu)", 1)
    wohngeld.write_text(text, encoding="utf-8")
    hundesteuer = definitions / "fachakten" / "hundesteuer.yaml"
    hundesteuer.write_text(
        hundesteuer.read_text(encoding="utf-8").replace("version: 3.0.0\n", "version: 3.0.1\n", 1),
        encoding="utf-8",
    )

    result = run_fachakte(
        "compile", definitions, "--target", "doxis4", "-o", build, env=SHIPPED_BUILD_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return shipped_build.build, build


def test_objects_keep_their_identity_across_versions(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    for tenant in ("arnsberg", "hallenberg", "medebach"):
        old = identities(first / tenant / "doxis4" / "wohngeld-3.0.0.zip")
        new = identities(second / tenant / "doxis4" / "wohngeld-3.1.0.zip")
        assert len(old) > 100
        changed = {u: (old[u], new.get(u)) for u in old if new.get(u) != old[u]}
        assert not changed, changed
        added = {v for u, v in new.items() if u not in old}
        assert ("wert", "neu_im_test") in added


def test_new_version_replaces_the_old_package(two_builds: tuple[Path, Path]) -> None:
    _, build = two_builds
    names = sorted(p.name for p in (build / "brilon" / "doxis4").iterdir())
    assert "wohngeld-3.1.0.zip" in names and "wohngeld-3.0.0.zip" not in names
    assert "hundesteuer-3.0.1.zip" in names and "hundesteuer-3.0.0.zip" not in names


def test_changed_titles_change_content_not_identity(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    old = members(first / "brilon" / "doxis4" / "wohngeld-3.0.0.zip")
    new = members(second / "brilon" / "doxis4" / "wohngeld-3.1.0.zip")
    assert old["01-wertelisten.xml"] != new["01-wertelisten.xml"]
    assert b'titel="Art des Wohngeldes (neu)"' in new["01-wertelisten.xml"]
    assert old["05-aktentyp.xml"] == new["05-aktentyp.xml"]


def test_version_bump_alone_keeps_the_shared_entries_byte_identical(
    two_builds: tuple[Path, Path],
) -> None:
    first, second = two_builds
    old = members(first / "arnsberg" / "doxis4" / "hundesteuer-3.0.0.zip")
    new = members(second / "arnsberg" / "doxis4" / "hundesteuer-3.0.1.zip")
    assert [n for n in old if old[n] != new[n]] == ["00-manifest.xml"]


def test_renamed_value_names_its_earlier_identity(
    catalogue: Path, invoke: Callable[..., Result], tmp_path: Path
) -> None:
    hundesteuer = catalogue / "fachakten" / "hundesteuer.yaml"
    text = hundesteuer.read_text(encoding="utf-8")
    old = "      - key: regel\n"
    assert old in text
    renamed = "      - key: regelsatz\n        renamed_from: [regel]\n"
    hundesteuer.write_text(text.replace(old, renamed, 1), encoding="utf-8")
    result = invoke(
        "compile", catalogue, "--target", "doxis4", "--tenant", "brilon", "-o", tmp_path / "build"
    )
    assert result.exit_code == 0, result.output
    package = tmp_path / "build" / "brilon" / "doxis4" / "hundesteuer-3.0.0.zip"
    lists = etree.fromstring(members(package)["01-wertelisten.xml"])
    value = lists.find(".//{*}wert[@schluessel='regelsatz']")
    assert value is not None
    assert value.get("uuid") == object_id(
        "hundesteuer", "codelist", "steuerart", "value", "regelsatz"
    )
    earlier = value.find("{*}vorher")
    assert earlier is not None
    assert (earlier.get("schluessel"), earlier.get("uuid")) == (
        "regel",
        object_id("hundesteuer", "codelist", "steuerart", "value", "regel"),
    )
