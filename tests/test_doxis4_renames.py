"""A rename (`renamed_from`) changes an object's Doxis4 name, since names follow ids: the
package states the earlier name, the setup sheet says what to move, and `fachakte drift`
reports an installation still holding the earlier name as a rename to finish (DR104, DR206),
not as a local development (DR103, DR205). Real builds, a real REST server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from conftest import invoke_cli
from drift_server import Behaviour, answers_for, serve
from fachakte_compiler.drift.expected import ExpectedSource
from fachakte_compiler.drift.release_inventory import objects_of_release
from fachakte_compiler.model.identity import object_id
from support.catalogue import by_id, copy_catalogue
from support.yaml_dump import dump
from support.yaml_dump import load as load_yaml

NS = "{urn:de:hochsauerlandkreis:fachakte:doxis4-package:1}"
TENANT = "brilon"
USER, PASSWORD = "sit-admin", "geheim-Pa55"


@dataclass(frozen=True)
class Renamed:
    definitions: Path
    build: Path
    earlier: dict[str, Any]  # the REST answers of an installation of the earlier catalogue
    organization: str


def _rename(definitions: Path) -> None:
    """Wohngeld: the document type `bescheid` becomes `wohngeldbescheid`, the Baustein field
    `wohnung` becomes `wohnanschrift`, each with `renamed_from`."""
    path = definitions / "fachakten" / "wohngeld.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    by_id(data["document_types"], "bescheid").update(
        id="wohngeldbescheid", renamed_from=["bescheid"]
    )
    for register in data["akte"]["registers"]:
        register["document_types"] = [
            "wohngeldbescheid" if d == "bescheid" else d for d in register["document_types"]
        ]
    by_id(data["fields"], "wohnung").update(id="wohnanschrift", renamed_from=["wohnung"])
    data["akte"]["fields"] = [
        "wohnanschrift" if f == "wohnung" else f for f in data["akte"]["fields"]
    ]
    path.write_text(dump(data, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Renamed:
    root = tmp_path_factory.mktemp("renames")
    definitions = copy_catalogue(root / "definitions")
    before = ExpectedSource.from_catalogue([definitions])
    earlier = answers_for(before.inventory(TENANT))
    _rename(definitions)
    build = root / "build"
    result = invoke_cli(
        "compile", definitions, "--target", "doxis4", "--tenant", TENANT, "-o", build
    )
    assert result.exit_code == 0, result.stderr
    return Renamed(definitions, build, earlier, before.organization(TENANT))


def _entry(build: Path, name: str) -> etree._Element:
    (package,) = (build / TENANT / "doxis4").glob("wohngeld-*.zip")
    with zipfile.ZipFile(package) as archive:
        return etree.fromstring(archive.read(name))


def test_the_package_states_the_earlier_names(renamed: Renamed) -> None:
    listing = _entry(renamed.build, "02-deskriptoren.xml")
    plz = next(d for d in listing if d.get("name") == "WOHNGELD_WOHNANSCHRIFT_PLZ")
    earlier = [dict(v.attrib) for v in plz.iterfind(f"{NS}vorher")]
    assert earlier == [
        {
            "uuid": object_id("wohngeld", "field", "wohnung.plz"),
            "id": "wohnung.plz",
            "name": "WOHNGELD_WOHNUNG_PLZ",
        }
    ]
    documents = _entry(renamed.build, "04-dokumenttypen.xml")
    bescheid = next(d for d in documents if d.get("id") == "wohngeldbescheid")
    assert bescheid.get("name") == "WOHNGELD_WOHNGELDBESCHEID"
    (vorher,) = bescheid.iterfind(f"{NS}vorher")
    assert (vorher.get("id"), vorher.get("name")) == ("bescheid", "WOHNGELD_BESCHEID")
    # Objects without a rename carry no earlier name.
    others = [v for d in listing if d is not plz for v in d.iterfind(f"{NS}vorher")]
    assert {v.get("id", "").split(".")[0] for v in others} == {"wohnung"}


def test_the_setup_sheet_says_what_to_move(renamed: Renamed) -> None:
    text = (renamed.build / "doxis4" / "einrichtung" / "einrichtung.csv").read_text("utf-8-sig")
    by_name: dict[str, str] = {}
    for line in text.splitlines():
        row = line.split(";")
        # An object's own row comes before the rows that name it (assignments).
        if len(row) > 4 and row[0] in ("Deskriptoren", "Dokumentklassen"):
            by_name.setdefault(row[4], line)
    assert "früher WOHNGELD_BESCHEID (umbenannt)" in by_name["WOHNGELD_WOHNGELDBESCHEID"]
    assert "Dokumente von WOHNGELD_BESCHEID hierher" in by_name["WOHNGELD_WOHNGELDBESCHEID"]
    assert "Werte von WOHNGELD_WOHNUNG_ORT hierher" in by_name["WOHNGELD_WOHNANSCHRIFT_ORT"]
    assert "umbenannt" not in by_name["WOHNGELD_ZUSCHUSSART"]


def _drift(renamed: Renamed, *source: str | Path) -> list[tuple[str, str, str]]:
    behaviour = Behaviour(renamed.organization, USER, PASSWORD, renamed.earlier)
    env = {"FACHAKTE_DOXIS4_USER": USER, "FACHAKTE_DOXIS4_PASSWORD": PASSWORD}
    with serve(behaviour) as url:
        result = invoke_cli(
            "drift", *source, "--tenant", TENANT, "--doxis4-url", url, "--format", "json", env=env
        )
    assert result.exit_code == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    return [(f["code"], f["object"], f"{f['message']} | {f['message_de']}") for f in findings]


def test_drift_reports_the_earlier_names_as_renames_to_finish(renamed: Renamed) -> None:
    found = _drift(renamed, renamed.definitions)
    codes = {(code, name) for code, name, _ in found}
    # The installation of the earlier catalogue: its objects under the earlier names.
    assert ("DR206", "WOHNGELD_BESCHEID") in codes
    assert ("DR104", "WOHNGELD_WOHNUNG_PLZ") in codes
    assert ("DR101", "WOHNGELD_WOHNANSCHRIFT_PLZ") in codes
    assert ("DR201", "WOHNGELD_WOHNGELDBESCHEID") in codes
    renames = {name: text for code, name, text in found if code in ("DR104", "DR206")}
    assert renames["WOHNGELD_BESCHEID"] == (
        "document class WOHNGELD_BESCHEID has the earlier name of WOHNGELD_WOHNGELDBESCHEID: "
        "move its documents there | Dokumentklasse WOHNGELD_BESCHEID hat den früheren Namen "
        "von WOHNGELD_WOHNGELDBESCHEID: Dokumente dorthin überführen"
    )
    assert renames["WOHNGELD_WOHNUNG_PLZ"] == (
        "descriptor WOHNGELD_WOHNUNG_PLZ has the earlier name of WOHNGELD_WOHNANSCHRIFT_PLZ: "
        "move its values there | Deskriptor WOHNGELD_WOHNUNG_PLZ hat den früheren Namen von "
        "WOHNGELD_WOHNANSCHRIFT_PLZ: Werte dorthin übernehmen"
    )
    assert {n for n in renames if n.startswith("WOHNGELD_WOHNUNG_")} == {
        n for c, n, _ in found if c == "DR104"
    }
    # None of them is taken for a local development.
    assert not [f for f in found if f[0] in ("DR103", "DR205")]


def test_a_release_states_the_same_renames_as_its_catalogue(
    renamed: Renamed, tmp_path: Path
) -> None:
    folder = tmp_path / "release" / "packages" / TENANT / "doxis4"
    folder.mkdir(parents=True)
    for package in (renamed.build / TENANT / "doxis4").glob("*.zip"):
        shutil.copy(package, folder)
    from_release = objects_of_release(tmp_path / "release", TENANT).renamed
    expected = ExpectedSource.from_catalogue([renamed.definitions]).inventory(TENANT).renamed
    assert from_release == expected
    assert ("WOHNGELD_BESCHEID", "WOHNGELD_WOHNGELDBESCHEID") in from_release
    assert len(from_release) > 5
