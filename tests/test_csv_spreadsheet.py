"""The CSV files the product writes open in a German spreadsheet without damage: Kennzeichen
such as 22.20.10 and versions such as 1.0.0 stay text instead of becoming dates, and the
formula guard still holds. Checked with LibreOffice Calc itself (Debian
libreoffice-calc-nogui; `.ci/run` installs it), importing the files as a German Excel user gets
them: semicolon, UTF-8, German locale, numbers and dates detected."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from conftest import ShippedBuild
from fachakte_compiler.targets.excel_csv import TEXT_MARK, excel_csv, plain

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice not installed (apt-get install libreoffice-calc-nogui; .ci/run does)",
)
# LibreOffice's CSV import options (token order of its filter): ';' separates, '"' quotes,
# UTF-8 (76), from line 1, no column formats, German (1031), quoted fields not forced to text,
# special numbers (dates, times, percentages) detected: what a German Excel does on opening.
GERMAN_IMPORT = "CSV:59,34,76,1,,1031,false,true"
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}

# file name -> rows of (value type, shown text) per cell, as Calc imported them
Sheets = dict[str, list[list[tuple[str, str]]]]


def _open_in_calc(files: list[Path], tmp_path: Path) -> Sheets:
    """Each CSV file as Calc imports it: rows of (value type, shown text) per cell."""
    out = tmp_path / "calc"
    profile = tmp_path / "profile"
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter={GERMAN_IMPORT}",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    sheets = {}
    for file in files:
        root = etree.parse(str(out / f"{file.stem}.fods")).getroot()
        rows = []
        for row in root.iterfind(".//table:table-row", NS):
            cells: list[tuple[str, str]] = []
            for cell in row.iterfind("table:table-cell", NS):
                kind = cell.get(f"{{{NS['office']}}}value-type", "")
                if cell.get(f"{{{NS['table']}}}formula") is not None:
                    kind = "formula"
                shown = "\n".join(str(p.xpath("string()")) for p in cell.iterfind("text:p", NS))
                repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
                cells.extend([(kind, shown)] * min(repeat, 64))
            rows.append(cells)
        sheets[file.name] = rows
    return sheets


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def _shipped_csv_files(shipped_build: ShippedBuild) -> list[Path]:
    return [
        shipped_build.docs_build / "docs" / "datenschutz.csv",
        shipped_build.build / "doxis4" / "transport.csv",
        shipped_build.build / "doxis4" / "einrichtung" / "einrichtung.csv",
    ]


@pytest.fixture(scope="module")
def sheets(shipped_build: ShippedBuild, tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    """The product's CSV files and the two written here, opened in ONE run of Calc (a start of
    LibreOffice costs seconds): a control written without the mark, and the formula guard's."""
    tmp_path = tmp_path_factory.mktemp("calc")
    # A control written without the mark: Calc must turn these into numbers or dates, or the
    # test below would prove nothing.
    control = tmp_path / "control.csv"
    control.write_bytes("Kennzeichen;Version\r\n22.10.20;2.1.0\r\n".encode("utf-8-sig"))
    guard = tmp_path / "guard.csv"
    guard.write_bytes(
        excel_csv(
            ["Wert", "Kennzeichen"],
            [['=HYPERLINK("http://example.org")', "22.10.20"], ["-1+2", "05958004"]],
        )
    )
    return _open_in_calc([*_shipped_csv_files(shipped_build), control, guard], tmp_path)


def test_kennzeichen_and_versions_stay_text_in_a_german_spreadsheet(
    shipped_build: ShippedBuild, sheets: Sheets
) -> None:
    files = _shipped_csv_files(shipped_build)
    assert [kind for kind, _ in sheets["control.csv"][1][:2]] != ["string", "string"]
    assert sheets["control.csv"][1][0][1] != "22.10.20"

    marked = 0
    for file in files:
        written, imported = _cells(file.read_bytes()), sheets[file.name]
        assert len(imported) >= len(written)
        for number, row in enumerate(written):
            for column, value in enumerate(row):
                if not value.startswith(TEXT_MARK):
                    continue
                marked += 1
                kind, shown = imported[number][column]
                assert kind == "string", (file.name, number, value)
                assert plain(shown) == plain(value), (file.name, number, value)
    # Kennzeichen (22.20.10, …) and versions (1.0.0, …) of every Fachakte are among them.
    privacy = _cells(files[0].read_bytes())
    header = privacy[0]
    for name in ("Version", "Aktenplankennzeichen"):
        values = {row[header.index(name)] for row in privacy[1:]}
        assert values and all(v.startswith(TEXT_MARK) for v in values), name
    assert marked > 100


def test_the_formula_guard_still_holds(sheets: Sheets) -> None:
    rows = sheets["guard.csv"]
    assert rows[1][0] == ("string", '\'=HYPERLINK("http://example.org")')
    assert rows[2][0] == ("string", "'-1+2")
    assert [(kind, plain(shown)) for kind, shown in (rows[1][1], rows[2][1])] == [
        ("string", "22.10.20"),
        ("string", "05958004"),
    ]
