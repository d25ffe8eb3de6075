"""The effective personal-data class and Art. 9 categories of every descriptor are computed once,
in the model, and every output says the same: the Doxis4 descriptors, the field table of the
docs and the data-protection CSV. The catalogue gets a Baustein-typed field declared special
with a category, the case where a leaf inherits what it does not declare itself."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import copy_catalogue, invoke_cli
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.enums import PersonalData, SpecialCategory
from fachakte_compiler.model.load import load_model
from test_docs_privacy import read_csv

NS = "{urn:de:hochsauerlandkreis:fachakte:doxis4-package:1}"
SPECIAL_CONTACT = """\
  - id: betriebsarzt_kontakt
    title: Kontakt zum betriebsärztlichen Dienst
    type: baustein
    baustein: kontakt
    personal_data: special
    special_category: gesundheit
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue]:
    root = tmp_path_factory.mktemp("personal")
    definitions = root / "definitions"
    copy_catalogue(definitions)
    path = definitions / "fachakten" / "personalakte.yaml"
    text = path.read_text("utf-8")
    text = text.replace("\nakte:\n", "\n" + SPECIAL_CONTACT + "akte:\n", 1)
    text = text.replace(
        "  fields:\n    - beschaeftigte_person\n",
        "  fields:\n    - beschaeftigte_person\n    - betriebsarzt_kontakt\n",
        1,
    )
    path.write_text(text, "utf-8")
    out = root / "build"
    targets = ("--target", "doxis4", "--target", "docs", "--tenant", "brilon")
    result = invoke_cli("compile", definitions, *targets, "-o", out, "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr
    model, _, _ = load_model([definitions])
    assert model is not None
    return out, model


def descriptors(out: Path, model: Catalogue) -> dict[tuple[str, str], etree._Element]:
    """(Fachakte id, field path) -> <verwendung> of every Doxis4 package of one tenant."""
    found = {}
    for fachakte in model.fachakten:
        package = out / "brilon" / "doxis4" / f"{fachakte.id}-{fachakte.version}.zip"
        with zipfile.ZipFile(package) as archive:
            for name in archive.namelist():
                root = etree.fromstring(archive.read(name))
                # Definitions only: other entries refer to descriptors by the same tag.
                for element in root.iter(f"{NS}deskriptoren"):
                    for descriptor in element.iterchildren(f"{NS}deskriptor"):
                        for use in descriptor.iterchildren(f"{NS}verwendung"):
                            found[fachakte.id, use.get("pfad", "")] = use
    return found


def test_leaves_inherit_class_and_category_from_the_enclosing_field(
    built: tuple[Path, Catalogue],
) -> None:
    _, model = built
    contact = model.fachakte("personalakte").field("betriebsarzt_kontakt")
    assert contact.subfields
    for _, leaf in contact.leaves():
        assert leaf.personal_data is PersonalData.SPECIAL
        assert leaf.special_categories == (SpecialCategory.GESUNDHEIT,)
    assert contact.data_class is PersonalData.SPECIAL
    assert contact.all_special_categories == (SpecialCategory.GESUNDHEIT,)


def test_doxis4_descriptors_and_the_privacy_csv_agree_for_every_descriptor(
    built: tuple[Path, Catalogue],
) -> None:
    out, model = built
    found = descriptors(out, model)
    rows = read_csv(out / "docs" / "datenschutz.csv")
    checked = 0
    for fachakte in model.fachakten:
        for field in fachakte.fields:
            mine = [
                r for r in rows if (r["Fachakte-ID"], r["Merkmal-ID"]) == (fachakte.id, field.id)
            ]
            classes, categories = set(), []
            for path, leaf in field.leaves():
                element = found[fachakte.id, ".".join(path)]
                leaf_class = PersonalData(element.get("personenbezug"))
                leaf_categories = (element.get("besondere-kategorie") or "").split()
                assert leaf_class is leaf.personal_data, path
                assert leaf_categories == list(leaf.special_categories), path
                classes.add(leaf_class)
                categories += [c for c in leaf_categories if c not in categories]
                checked += 1
            highest = PersonalData.highest(classes)
            if highest is PersonalData.NONE:
                assert not mine, f"{fachakte.id}.{field.id}: impersonal, but in the CSV"
                continue
            assert mine, f"{fachakte.id}.{field.id}: personal data missing from the CSV"
            for row in mine:
                assert row["Datenkategorie"] == highest.label, field.id
                expected = ", ".join(SpecialCategory(c).label for c in categories)
                assert row["Besondere Kategorien (Art. 9 DSGVO)"] == expected, field.id
    assert checked == len(found)
    assert found["personalakte", "betriebsarzt_kontakt.telefon"].get("besondere-kategorie") == (
        "gesundheit"
    )


def test_the_field_table_names_the_inherited_category(built: tuple[Path, Catalogue]) -> None:
    out, _ = built
    page = (out / "docs" / "personalakte.html").read_text("utf-8")
    # The Baustein's sub-fields are shown once; where its uses differ, per use.
    row = page[page.index('id="baustein-kontakt-telefon"') :]
    row = row[: row.index("</tr>")]
    use = "Kontakt zum betriebsärztlichen Dienst"
    assert f"{use}: besondere Kategorie (Art. 9 DSGVO): Gesundheitsdaten" in row
