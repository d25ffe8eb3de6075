"""Doxis4 names: the convention, deterministic short names under the limit, and the validate
findings for names that are too long (FA901), collide (FA902) or delegations that cross
organizations (FA903)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from fachakte_compiler.targets.doxis4 import names

Run = Callable[..., Result]
SHIPPED = "  topology: shared_organization\n  organization: HSK_VERBUND\n"
PER_TENANT = "  topology: organization_per_tenant\n"


def test_names_follow_the_convention() -> None:
    assert names.descriptor_name("wohngeld", "antragsteller.nachname") == (
        "WOHNGELD_ANTRAGSTELLER_NACHNAME"
    )
    assert names.group_name("MEDEBACH", "wohngeld", "sachbearbeitung") == (
        "MEDEBACH_WOHNGELD_SACHBEARBEITUNG"
    )
    assert names.node_name("50.60.10") == "AP_50_60_10"
    assert names.register_name("wohngeld", "antrag") == "WOHNGELD_REG_ANTRAG"
    assert names.retention_rule_name("wohngeld", "zahlungsanordnung") == (
        "AUFB_WOHNGELD_ZAHLUNGSANORDNUNG"
    )
    assert names.doxis_name("Straße", "Größe-1.2") == "STRASSE_GROESSE_1_2"


@pytest.mark.parametrize("limit", [4, 8, 12, 20, 30])
def test_short_names_fit_and_keep_their_parts(limit: int) -> None:
    name = "SCHMALLENBERG_GEWERBESTEUER_SACHGEBIETSLEITUNG"
    short = names.short_name(name, limit)
    assert len(short) <= limit and short == names.short_name(name, limit)
    assert short.replace("_", "") and set(short) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    tag = base64.b32encode(hashlib.sha256(name.encode()).digest()).decode()[:4]
    # Abbreviating fits 30; shorter limits cut, and from 12 on the name's tag follows.
    parts = short.split("_")
    if limit == 30:
        assert parts == ["SCHMLLNBRG", "GWRBSTR", "SCHGBTSLTNG"]
    elif limit >= 12:
        assert len(parts) == 4 and parts[-1] == tag and parts[0][0] == "S"
    elif limit >= 5:
        assert len(parts) == 3 and parts[0][0] == "S"


def test_names_that_cut_alike_keep_different_short_names() -> None:
    # Cut without a tag, both were 'FRDHF_V00001_BSTTTNGN_BSTTTNGS'.
    art = names.short_name("FRIEDHOF_V00001_BESTATTUNGEN_BESTATTUNGSART", 30)
    datum = names.short_name("FRIEDHOF_V00001_BESTATTUNGEN_BESTATTUNGSDATUM", 30)
    assert len(art) == len(datum) == 30
    assert art[:-5] == datum[:-5] == "FRDHF_V0000_BSTTTN_BSTTTN" and art != datum


def test_short_names_abbreviate_only_as_far_as_needed() -> None:
    assert names.short_name("WOHNGELD_BESCHEID", 30) == "WOHNGELD_BESCHEID"
    assert names.short_name("SCHMALLENBERG_GEWERBESTEUER_SACHGEBIETSLEITUNG", 30) == (
        "SCHMLLNBRG_GWRBSTR_SCHGBTSLTNG"
    )
    # Only the longest part is abbreviated when that suffices.
    assert names.short_name("WOHNGELD_ANZAHL_HAUSHALTSMITGLIEDER", 30) == (
        "WOHNGELD_ANZAHL_HSHLTSMTGLDR"
    )


def findings(invoke: Run, definitions: Path) -> tuple[int, list[dict[str, object]]]:
    result = invoke("validate", definitions, "--format", "json")
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout)["diagnostics"]


def set_doxis4(definitions: Path, lines: str) -> None:
    tenants = definitions / "tenants.yaml"
    text = tenants.read_text(encoding="utf-8")
    assert text.count(SHIPPED) == 1
    tenants.write_text(text.replace(SHIPPED, lines), encoding="utf-8")


def test_name_over_the_limit_is_reported(invoke: Run, catalogue: Path) -> None:
    set_doxis4(catalogue, SHIPPED + "  max_name_length: 40\n")
    code, found = findings(invoke, catalogue)
    assert code == 1
    long = [f for f in found if f["code"] == "FA901"]
    assert long and all(f["severity"] == "error" for f in long)
    messages = " ".join(str(f["message"]) for f in long)
    # Longest group name: 13 + 1 + 13 + 1 + 18 characters.
    assert "'SCHMALLENBERG_GEWERBESTEUER_SACHGEBIETSLEITUNG' has 46 characters" in messages
    where = next(f for f in long if "SCHMALLENBERG_GEWERBESTEUER_SACHGEBIETS" in str(f["message"]))
    assert str(where["file"]).endswith("fachakten/gewerbesteuer.yaml") and where["line"]
    # One finding per place: a role makes a group name per tenant, said once with the longest.
    places = [(f["file"], f["line"], f["column"]) for f in long]
    assert len(places) == len(set(places))
    assert "(and 6 more names made here)" in str(where["message"])  # 7 of 13 go over 40


def test_a_copied_fachakte_is_one_duplicate_not_a_clash_of_every_name(
    invoke: Run, catalogue: Path
) -> None:
    source = catalogue / "fachakten" / "hundesteuer.yaml"
    (catalogue / "fachakten" / "neu.yaml").write_bytes(source.read_bytes())
    code, found = findings(invoke, catalogue)
    assert code == 1
    assert "FA302" in {f["code"] for f in found}
    assert not [f for f in found if f["code"] == "FA902"]


def test_short_name_collision_is_reported(invoke: Run, catalogue: Path) -> None:
    set_doxis4(catalogue, SHIPPED + "  max_short_name_length: 6\n")
    code, found = findings(invoke, catalogue)
    assert code == 1
    collisions = [f for f in found if f["code"] == "FA902"]
    assert collisions
    sample = str(collisions[0]["message"])
    assert "short name" in sample and "equals that of" in sample


def test_equal_names_of_different_objects_collide(invoke: Run, catalogue: Path) -> None:
    wohngeld = catalogue / "fachakten" / "wohngeld.yaml"
    text = wohngeld.read_text(encoding="utf-8")
    doc = "  - id: bescheid\n    title: Wohngeldbescheid\n"
    assert text.count(doc) == 1
    # The document type 'akte' would be class WOHNGELD_AKTE, the name of the e-file class.
    extra = "  - id: akte\n    title: Aktendeckblatt\n    fields:\n      - bemerkung\n"
    wohngeld.write_text(text.replace(doc, extra + doc), encoding="utf-8")
    registers = "      document_types:\n        - bescheid\n"
    text = wohngeld.read_text(encoding="utf-8")
    assert text.count(registers) == 1
    wohngeld.write_text(text.replace(registers, registers + "        - akte\n"), encoding="utf-8")
    code, found = findings(invoke, catalogue)
    assert code == 1
    (collision,) = [f for f in found if f["code"] == "FA902"]
    assert "'WOHNGELD_AKTE' is also the name of the object at" in str(collision["message"])
    assert str(collision["file"]).endswith("wohngeld.yaml")


def test_a_baustein_leaf_path_is_named_after_the_fachakte_field(
    invoke: Run, catalogue: Path
) -> None:
    wohngeld = catalogue / "fachakten" / "wohngeld.yaml"
    text = wohngeld.read_text(encoding="utf-8")
    members = "  - id: haushaltsmitglieder\n"
    assert text.count(members) == 1
    # An own field whose name is that of the applicant's surname (a Baustein leaf path).
    own = "  - id: antragsteller_nachname\n    title: Name\n    type: string\n"
    own += "    personal_data: personal\n"
    wohngeld.write_text(text.replace(members, own + members), encoding="utf-8")
    set_doxis4(catalogue, SHIPPED + "  max_name_length: 45\n")
    code, found = findings(invoke, catalogue)
    assert code == 1
    lines = wohngeld.read_text(encoding="utf-8").splitlines()
    (collision,) = [f for f in found if f["code"] == "FA902"]
    assert "'WOHNGELD_ANTRAGSTELLER_NACHNAME' is also the name of the object at" in str(
        collision["message"]
    )
    assert lines[int(str(collision["line"])) - 1] == "  - id: antragsteller_nachname"
    # A name made long by a Baustein's leaves points at the Fachakte field the path starts at.
    long = [f for f in found if "'WOHNGELD_HAUSHALTSMITGLIEDER_" in str(f["message"])]
    assert long and {f["code"] for f in long} == {"FA901"}
    assert {lines[int(str(f["line"])) - 1] for f in long} == {members.rstrip()}


def test_delegations_warn_only_across_organizations(invoke: Run, catalogue: Path) -> None:
    code, found = findings(invoke, catalogue)
    assert code == 0 and found == []
    set_doxis4(catalogue, PER_TENANT)
    code, found = findings(invoke, catalogue)
    assert code == 0
    delegations = (catalogue / "delegations.yaml").read_text(encoding="utf-8")
    assert [f["code"] for f in found] == ["FA903"] * delegations.count("\n  - id: ")
    assert {f["severity"] for f in found} == {"warning"}
    assert str(found[0]["file"]).endswith("delegations.yaml")
    assert "crosses Doxis4 organizations" in str(found[0]["message"])


def test_explain_documents_the_codes(invoke: Run) -> None:
    for code in ("FA901", "FA902", "FA903"):
        result = invoke("explain", code)
        assert result.exit_code == 0 and code in result.stdout


def test_changed_doxis4_settings_rebuild_the_cached_packages(invoke: Run, catalogue: Path) -> None:
    out = catalogue.parent / "build"

    def organization() -> str:
        package = out / "brilon" / "doxis4" / "wohngeld-3.0.0.zip"
        with zipfile.ZipFile(package) as archive:
            text = archive.read("10-mandant.xml").decode("utf-8")
        found = re.search(r'organisation="([A-Z0-9_]+)"', text)
        assert found is not None
        return found.group(1)

    args = ("compile", catalogue, "--target", "doxis4", "--tenant", "brilon", "-o", out)
    assert invoke(*args).exit_code == 0
    assert organization() == "HSK_VERBUND"
    set_doxis4(catalogue, SHIPPED.replace("HSK_VERBUND", "SIT_HSK"))
    result = invoke(*args)
    assert result.exit_code == 0, result.stdout + result.stderr
    # The package comes from a new build, not from the cache of the old settings.
    assert organization() == "SIT_HSK"
