"""The data-protection view: which personal and special-category data each Fachakte keeps, for
which purpose, and when it is deleted or offered to the archive — as a page and as a CSV that
Excel in a German office opens correctly (UTF-8 with BOM, ';', CRLF)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from lxml import etree

from conftest import ShippedBuild, invoke_cli
from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets.docs.privacy import CSV_COLUMNS
from fachakte_compiler.targets.excel_csv import plain
from test_docs_site import els, text_of


@pytest.fixture(scope="module")
def built(shipped_build: ShippedBuild) -> tuple[Path, Catalogue]:
    return shipped_build.docs_build / "docs", shipped_build.model


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header, *rows = list(reader)
    assert header == list(CSV_COLUMNS)
    assert all(len(row) == len(header) for row in rows)
    # The cells as meant, without the mark that keeps a spreadsheet from reading a
    # Kennzeichen as a date (see test_csv_spreadsheet.py).
    return [dict(zip(header, map(plain, row), strict=True)) for row in rows]


def test_csv_has_a_row_per_personal_field_and_place_of_storage(
    built: tuple[Path, Catalogue],
) -> None:
    docs, model = built
    rows = read_csv(docs / "datenschutz.csv")
    got = {(r["Fachakte-ID"], r["Merkmal-ID"], r["Gespeichert in"]) for r in rows}
    assert len(got) == len(rows), "no duplicate rows"
    expected = set()
    for fachakte in model.fachakten:
        for field in fachakte.fields:
            if (
                all(leaf.personal_data == "none" for _, leaf in field.leaves())
                and field.personal_data == "none"
            ):
                assert not [
                    r
                    for r in rows
                    if r["Fachakte-ID"] == fachakte.id and r["Merkmal-ID"] == field.id
                ], "no rows for impersonal fields"
                continue
            if field.id in fachakte.akte.fields:
                expected.add((fachakte.id, field.id, f"Akte „{fachakte.akte.title}“"))
            expected |= {
                (fachakte.id, field.id, f"Dokumenttyp „{d.title}“")
                for d in fachakte.document_types
                if field.id in d.fields
            }
    assert got == expected


def test_csv_names_special_categories_purpose_and_deletion(built: tuple[Path, Catalogue]) -> None:
    docs, _ = built
    rows = read_csv(docs / "datenschutz.csv")
    hund = [r for r in rows if r["Fachakte-ID"] == "hundesteuer"]
    grund = [r for r in hund if r["Merkmal-ID"] == "beguenstigungsgrund"]
    assert {r["Besondere Kategorien (Art. 9 DSGVO)"] for r in grund} == {"Gesundheitsdaten"}
    assert {r["Datenkategorie"] for r in grund} == {"besondere Kategorie (Art. 9 DSGVO)"}
    nachweis = next(r for r in grund if r["Gespeichert in"].startswith("Dokumenttyp „Nachweis"))
    assert nachweis["Aufbewahrungsfrist"] == "1 Jahr"
    assert nachweis["Fristbeginn"] == "Schließung der Akte"
    assert nachweis["Nach Fristablauf"] == "vernichten bzw. löschen"
    assert nachweis["Rechtsquelle der Frist"].startswith("Art. 5 Abs. 1 Buchst. c und e DSGVO")
    akte = next(r for r in hund if r["Merkmal-ID"] == "halter")
    assert akte["Aufbewahrungsfrist"] == "6 Jahre"
    assert akte["Zweck der Verarbeitung"].startswith("Steuerakte für die Hundesteuer")
    assert "§ 3 KAG NRW" in akte["Rechtsgrundlagen"]
    assert "Vorname(n)" in akte["Einzelangaben"] and "Anschrift: Ort" in akte["Einzelangaben"]
    assert "Gesundheitsdaten" not in akte["Besondere Kategorien (Art. 9 DSGVO)"]
    wohngeld = next(r for r in rows if r["Fachakte-ID"] == "wohngeld")
    assert (
        wohngeld["Bearbeitung durch andere Kommunen (Aufgabenübertragung)"]
        == "Stadt Medebach für Stadt Hallenberg ab 01.01.2026"
    )
    assert "Datum im Merkmal" in wohngeld["Fristbeginn"]


def test_csv_and_page_say_which_municipalities_run_each_fachakte(
    built: tuple[Path, Catalogue],
) -> None:
    """Art. 30 DSGVO asks who processes: every row and every section names the municipalities
    that run the Fachakte (used_by, delegations), as its own page does."""
    docs, model = built
    rows = read_csv(docs / "datenschutz.csv")
    root = etree.parse(str(docs / "datenschutz.html")).getroot()
    for fachakte in model.fachakten:
        runners = [t for t in model.tenants if fachakte.runs_in(t.id)]
        declared = [t.name for t in runners if fachakte.declares(t)]
        delegated = [t.name for t in runners if not fachakte.declares(t)]
        texts = {r["Geführt von"] for r in rows if r["Fachakte-ID"] == fachakte.id}
        assert len(texts) == 1, (fachakte.id, texts)
        (text,) = texts
        own, _, by_delegation = text.partition("; per Aufgabenübertragung ")
        head, names = own.split(": ", 1)
        assert head.endswith(f"({len(declared)})") and names.split(", ") == declared, text
        if delegated:
            count, names = by_delegation.split(": ", 1)
            assert count == f"({len(delegated)})" and names.split(", ") == delegated, text
        else:
            assert not by_delegation, text
        section = text_of(els(root, f"//h:section[@id='{fachakte.id}']")[0])
        assert f"Geführt von{text}" in section  # text_of joins <dt> and <dd> as they are
    hund = next(r for r in rows if r["Fachakte-ID"] == "hundesteuer")["Geführt von"]
    assert hund.startswith("Städte und Gemeinden (12): ") and "Hochsauerlandkreis" not in hund
    personal = next(r for r in rows if r["Fachakte-ID"] == "personalakte")["Geführt von"]
    assert personal.startswith("Alle Mandanten (13): Hochsauerlandkreis, ")


def test_datenschutz_page_has_a_section_per_fachakte(built: tuple[Path, Catalogue]) -> None:
    docs, model = built
    root = etree.parse(str(docs / "datenschutz.html")).getroot()
    for fachakte in model.fachakten:
        text = text_of(els(root, f"//h:section[@id='{fachakte.id}']")[0])
        assert fachakte.description in text
        assert all(ref.short in text for ref in fachakte.legal_basis)
        assert "Löschung und Aussonderung" in text and fachakte.akte.retention.legal_source in text
    hund = text_of(els(root, "//h:section[@id='hundesteuer']")[0])
    assert "besondere Kategorie (Art. 9 DSGVO): Gesundheitsdaten" in hund
    assert els(root, "//h:a[@href='datenschutz.csv']")


def test_formula_like_cells_cannot_run_in_excel(catalogue: Path, tmp_path: Path) -> None:
    source = catalogue / "fachakten" / "hundesteuer.yaml"
    text = source.read_text(encoding="utf-8").replace(
        "description: >-\n  Steuerakte", 'description: >-\n  =HYPERLINK("http://x") Steuerakte', 1
    )
    source.write_text(text, encoding="utf-8")
    result = invoke_cli("compile", catalogue, "--target", "docs", "-o", tmp_path / "build")
    assert result.exit_code == 0, result.stdout + result.stderr
    rows = [
        r
        for r in read_csv(tmp_path / "build" / "docs" / "datenschutz.csv")
        if r["Fachakte-ID"] == "hundesteuer"
    ]
    assert rows and all(r["Zweck der Verarbeitung"].startswith("'=HYPERLINK") for r in rows)
