"""The Doxis4 setup sheet and transport list: every object the model defines is on them, the
HTML parses strictly, the CSVs round-trip, and the transport list is in dependency order.

The expected objects are derived here from the model, independently of the sheet's code: one
descriptor per Baustein leaf for the whole catalogue (named by its innermost Baustein) and one
per scalar field of a Fachakte, one value list per code list, one document class per document
type, one e-file class, folder definition and process type per Fachakte, one register node per
register and one retention rule per Akte and per document type with a retention of its own.
"""

from __future__ import annotations

import csv
import io
import posixpath
from pathlib import Path

import pytest
from lxml import etree

from conftest import DEFINITIONS, invoke_cli, tree
from fachakte_compiler.model import Catalogue
from fachakte_compiler.model.load import load_model
from fachakte_compiler.targets.doxis4 import names
from fachakte_compiler.targets.doxis4.sheet_model import SHEET_COLUMNS
from fachakte_compiler.targets.doxis4.transport import IN_PACKAGE, TRANSPORT_COLUMNS
from fachakte_compiler.targets.excel_csv import excel_csv, plain

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
XHTML = "{http://www.w3.org/1999/xhtml}"
SHEET = "doxis4/einrichtung/index.html"


@pytest.fixture(scope="module")
def model() -> Catalogue:
    catalogue, _, _ = load_model([DEFINITIONS])
    assert catalogue is not None
    return catalogue


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("sheet") / "build"
    # One tenant is enough: the sheet is the same for all of them.
    result = invoke_cli(
        "compile", DEFINITIONS, "--target", "doxis4", "--tenant", "hsk", "-o", out, env=EPOCH
    )
    assert result.exit_code == 0, result.stdout + result.stderr
    return tree(out)


def expected(model: Catalogue) -> dict[str, set[str]]:
    """Stable ids (the identity paths of our UUIDs) of every object, by sheet section."""
    found: dict[str, set[str]] = {
        k: set()
        for k in (
            "wertelisten",
            "deskriptoren",
            "aufbewahrungsregeln",
            "dokumentklassen",
            "ordnerdefinitionen",
            "aktenklassen",
            "prozesstypen",
        )
    }
    for f in model.fachakten:
        for field in f.fields:
            for path, _ in field.leaves():
                found["deskriptoren"].add(f"{f.id}/field/{'.'.join(path)}")
        for code_list in f.code_lists:
            owner = f"baustein:{code_list.scope}" if code_list.scope else f.id
            found["wertelisten"].add(f"{owner}/codelist/{code_list.id}")
        found["aufbewahrungsregeln"].add(f"{f.id}/retention/akte")
        for doc in f.document_types:
            found["dokumentklassen"].add(f"{f.id}/document/{doc.id}")
            if doc.retention is not None:
                found["aufbewahrungsregeln"].add(f"{f.id}/retention/dokumenttyp.{doc.id}")
        found["aktenklassen"].add(f"{f.id}/akte")
        found["ordnerdefinitionen"].add(f"{f.id}/akte/folder_definition")
        found["ordnerdefinitionen"] |= {f"{f.id}/register/{r.id}" for r in f.akte.registers}
        found["prozesstypen"].add(f"{f.id}/workflow")
        found["prozesstypen"] |= {f"{f.id}/state/{s.id}" for s in f.workflow.states}
        found["prozesstypen"] |= {
            f"{f.id}/transition/{t.from_state}/{t.to_state}" for t in f.workflow.transitions
        }
    return found


def page(build: dict[str, bytes]) -> etree._Element:
    # A strict XML parser: the page must be well-formed XHTML, with no entities to resolve.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(build[SHEET], parser)


def rows_of(root: etree._Element, section: str) -> list[etree._Element]:
    found = root.findall(f".//{XHTML}section[@id='{section}']/{XHTML}table/{XHTML}tbody/{XHTML}tr")
    return list(found)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    return [[plain(cell) for cell in row] for row in rows]


def test_every_object_of_the_model_is_on_the_sheet(
    build: dict[str, bytes], model: Catalogue
) -> None:
    root = page(build)
    ids = {s: {tr.get("id") for tr in rows_of(root, s)} for s in expected(model)}
    for section, wanted in expected(model).items():
        missing = wanted - ids[section]
        assert not missing, f"{section}: {sorted(missing)[:5]}"
    # Objects proper (not their parts) are exactly the model's, and the summary counts them.
    top = {
        s: {tr.get("id") for tr in rows_of(root, s) if tr.get("class") == "tiefe-0"}
        for s in expected(model)
    }
    wanted = expected(model)
    assert top["deskriptoren"] == wanted["deskriptoren"]
    assert top["wertelisten"] == wanted["wertelisten"]
    assert top["dokumentklassen"] == wanted["dokumentklassen"]
    assert top["aufbewahrungsregeln"] == wanted["aufbewahrungsregeln"]
    assert top["aktenklassen"] == wanted["aktenklassen"]
    assert len(top["prozesstypen"]) == len(model.fachakten)
    summary = "".join(root.find(f".//{XHTML}dl[@class='eckdaten']").itertext())
    for count, what in (
        (len(wanted["deskriptoren"]), "Deskriptoren"),
        (len(wanted["wertelisten"]), "Wertelisten"),
        (len(wanted["aufbewahrungsregeln"]), "Aufbewahrungsregeln"),
        (len(wanted["dokumentklassen"]), "Dokumentklassen"),
        (len(model.fachakten), "Aktenklassen"),
    ):
        assert f"{count} {what}" in summary
    assert len(wanted["deskriptoren"]) > 100 and len(wanted["wertelisten"]) > 20


def test_registers_allow_their_document_classes_and_assignments_carry_mandatory(
    build: dict[str, bytes], model: Catalogue
) -> None:
    root = page(build)
    header = [
        "".join(th.itertext())
        for th in root.findall(
            f".//{XHTML}section[@id='ordnerdefinitionen']/{XHTML}table/{XHTML}thead//{XHTML}th"
        )
    ]
    allowed_at = header.index("Erlaubte Klassen")
    registers = {tr.get("id"): tr for tr in rows_of(root, "ordnerdefinitionen")}
    for f in model.fachakten:
        for reg in f.akte.registers:
            cells = registers[f"{f.id}/register/{reg.id}"].findall(f"{XHTML}td")
            shown = "".join(cells[allowed_at].itertext()).split(", ")
            assert shown == [names.document_class_name(f.id, d) for d in reg.document_types]
    assignments = {tr.get("id"): tr for tr in rows_of(root, "dokumentklassen")}
    header = [
        "".join(th.itertext())
        for th in root.findall(
            f".//{XHTML}section[@id='dokumentklassen']/{XHTML}table/{XHTML}thead//{XHTML}th"
        )
    ]
    mandatory_at = header.index("Pflicht")
    checked = 0
    for f in model.fachakten:
        for doc in f.document_types:
            for ref in doc.fields:
                field = next((x for x in f.fields if x.id == ref), None)
                if field is None or field.subfields:
                    continue
                name = names.descriptor_name(f.id, field.id)
                row = assignments[f"{f.id}/document/{doc.id}/descriptor/{name}"]
                cell = "".join(row.findall(f"{XHTML}td")[mandatory_at].itertext())
                assert cell == ("ja" if field.required else "nein"), (f.id, doc.id, ref)
                checked += 1
    assert checked > 50
    # Who may move a process: the groups of the transition's roles, in every tenant.
    steps = {tr.get("id"): tr for tr in rows_of(root, "prozesstypen")}
    for f in model.fachakten:
        for t in f.workflow.transitions:
            text = "".join(steps[f"{f.id}/transition/{t.from_state}/{t.to_state}"].itertext())
            for role in t.roles:
                assert names.group_name("X", f.id, role).removeprefix("X_") in text


def test_csv_has_the_same_rows_and_round_trips(build: dict[str, bytes]) -> None:
    data = build["doxis4/einrichtung/einrichtung.csv"]
    rows = read_csv(data)
    assert tuple(rows[0]) == SHEET_COLUMNS
    html_ids = [tr.get("id") for tr in page(build).iter(f"{XHTML}tr") if tr.get("id")]
    every_id = [e.get("id") for e in page(build).iter() if e.get("id")]
    assert len(every_id) == len(set(every_id)), "an id is used twice"
    assert [r[1] for r in rows[1:]] == html_ids
    assert all(len(r) == len(SHEET_COLUMNS) and r[-1] == "" for r in rows[1:])
    assert excel_csv(rows[0], rows[1:]) == data


def test_sheet_is_offline_and_links_only_to_what_exists(build: dict[str, bytes]) -> None:
    root = page(build)
    assert root.find(f".//{XHTML}script") is None
    base = Path(SHEET).parent
    for element in root.iter(f"{XHTML}a", f"{XHTML}link"):
        href = element.get("href") or ""
        assert "//" not in href, href
        target, _, anchor = href.partition("#")
        if target and not target.startswith("../../docs/"):
            assert posixpath.normpath(f"{base.as_posix()}/{target}") in build, href
        if anchor and not target:
            assert root.find(f".//*[@id='{anchor}']") is not None, anchor


def test_transport_list_names_every_object_after_what_it_depends_on(
    build: dict[str, bytes], model: Catalogue
) -> None:
    rows = read_csv(build["doxis4/transport.csv"])
    assert tuple(rows[0]) == TRANSPORT_COLUMNS
    body = rows[1:]
    assert [r[0] for r in body] == [str(n) for n in range(1, len(body) + 1)]
    settings = {r[2]: r[4] for r in body if r[1] == "Einstellung"}
    assert settings["Empfänger von Rechten über den Namen identifizieren"].startswith("an")
    assert settings["Testlauf"] == "vor jedem Import"
    assert settings["Berechtigungen überschreiben"].startswith("aus")
    first_object = next(i for i, r in enumerate(body) if r[1] != "Einstellung")
    assert all(r[1] != "Einstellung" for r in body[first_object:])
    seen: set[str] = set()
    for row in body[first_object:]:
        for needed in filter(None, row[5].split(", ")):
            assert needed in seen, f"{row[2]} needs {needed} before it"
        seen.add(row[2])
    packaged = [r for r in body if r[4] == IN_PACKAGE]
    wanted = expected(model)
    assert {r[6] for r in packaged} >= wanted["deskriptoren"] | wanted["dokumentklassen"]
    assert len(packaged) == (
        len(wanted["deskriptoren"])
        + len(wanted["aufbewahrungsregeln"])
        + len(wanted["dokumentklassen"])
        + 3 * len(model.fachakten)
    )


def test_a_changed_catalogue_changes_the_sheet_also_from_the_cache(
    catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    args = ("compile", catalogue, "--target", "doxis4", "--tenant", "brilon", "-o", out)
    assert invoke_cli(*args, env=EPOCH).exit_code == 0
    before = tree(out)
    path = catalogue / "fachakten" / "wohngeld.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    title: Wohngeldbescheid\n" in text
    path.write_text(
        text.replace("    title: Wohngeldbescheid\n", "    title: =HYPERLINK(1)\n"), "utf-8"
    )
    result = invoke_cli(*args, env=EPOCH)
    assert result.exit_code == 0, result.stdout + result.stderr
    after = tree(out)
    rows = read_csv(after["doxis4/einrichtung/einrichtung.csv"])
    titles = {r[1]: r[6] for r in rows[1:]}
    assert titles["wohngeld/document/bescheid"] == "'=HYPERLINK(1)"
    assert b"=HYPERLINK(1)" in after[SHEET] and after[SHEET] != before[SHEET]
    # The sheet changed with the Fachakte's package; no other Fachakte's package did.
    changed = {k for k in after if after[k] != before.get(k)}
    assert {
        "doxis4/einrichtung/einrichtung.csv",
        SHEET,
        "brilon/doxis4/wohngeld-3.0.0.zip",
    } <= changed
    assert not {k for k in changed if k.endswith(".zip")} - {"brilon/doxis4/wohngeld-3.0.0.zip"}
    assert after["doxis4/transport.csv"] == before["doxis4/transport.csv"]


def test_texts_are_german_and_name_doxis4_objects(build: dict[str, bytes]) -> None:
    text = build["doxis4/einrichtung/einrichtung.csv"].decode("utf-8-sig")
    # A reminder 60 days before a date field names the date's descriptor, with no sign.
    assert "60 Tage vor dem Datum in WOHNGELD_BEWILLIGUNG_ENDE" in text
    assert "1 Tag nach dem Datum in WOHNGELD_FRIST" in text
    assert "-60 Tage" not in text and "Tage ab Datum" not in text
    page = build["doxis4/einrichtung/index.html"].decode("utf-8")
    for english in ("Disposal Action", "IFolderDefinition", "INodeDefinition"):
        assert english not in page and english not in text
    assert "ein Deskriptor je Merkmalspfad" in page and "z. B. PERSON_NACHNAME" not in page
