"""`fachakte drift --xdomea`: the typed values of an exported 0301 message are read as the
xdomea XSD types them (XML Schema Part 2): Stillgelegt and Unbefristet xs:boolean, AnzahlJahre
xs:unsignedShort, Gueltigkeit's Beginn and Ende xs:date, whitespace collapsed. A value outside
the type's lexical space is one message with file:line:column, never silently false."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DEFINITIONS, invoke_cli

ENV = {"FACHAKTE_XDOMEA_XSD_DIR": "", "SOURCE_DATE_EPOCH": "1700000000", "FACHAKTE_LANG": "en"}
MARKER = "<xdomea:Kennzeichen>22.10.10</xdomea:Kennzeichen>"
RETIRED = "<xdomea:Stillgelegt>false</xdomea:Stillgelegt>"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Meschede's own 0301 message, as a DMS holding exactly the catalogue would export it."""
    out = tmp_path_factory.mktemp("build")
    result = invoke_cli(
        "compile", DEFINITIONS, "--target", "xdomea", "--tenant", "meschede", "-o", out, env=ENV
    )
    assert result.exit_code == 0, result.stderr
    (message,) = (out / "meschede" / "xdomea").glob("*.xml")
    return message.read_text(encoding="utf-8")


def _changed(export: str, old: str, new: str) -> str:
    """The export with the first `old` after unit 22.10.10's Kennzeichen replaced by `new`."""
    head, tail = export.split(MARKER)
    assert old in tail
    return head + MARKER + tail.replace(old, new, 1)


def _drift(tmp_path: Path, text: str, *extra: str) -> tuple[int, str, str, Path]:
    message = tmp_path / "export.xml"
    message.write_text(text, encoding="utf-8")
    result = invoke_cli(
        "drift", DEFINITIONS, "--tenant", "meschede", "--xdomea", message, *extra, env=ENV
    )
    return result.exit_code, result.stdout, result.stderr, message


def _where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first character after `needle` in `text`."""
    offset = text.index(needle) + len(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("value", ["1", "true", " 1 ", "\n\ttrue\n  "])
def test_every_lexical_form_of_true_is_a_retired_unit(
    tmp_path: Path, export: str, value: str
) -> None:
    text = _changed(export, RETIRED, f"<xdomea:Stillgelegt>{value}</xdomea:Stillgelegt>")
    code, out, err, _ = _drift(tmp_path, text, "--format", "json")
    assert (code, err) == (1, ""), out + err
    (finding,) = json.loads(out)["findings"]
    assert (finding["code"], finding["object"]) == ("DR603", "22.10.10")
    assert "retired" in finding["message"]


@pytest.mark.parametrize("value", ["0", " false "])
def test_every_lexical_form_of_false_is_no_drift(tmp_path: Path, export: str, value: str) -> None:
    text = _changed(export, RETIRED, f"<xdomea:Stillgelegt>{value}</xdomea:Stillgelegt>")
    code, out, err, _ = _drift(tmp_path, text)
    assert (code, err) == (0, ""), out + err


@pytest.mark.parametrize(
    ("old", "element", "value", "said"),
    [
        (RETIRED, "Stillgelegt", "TRUE", "is not an xs:boolean (true, false, 1 or 0)"),
        (RETIRED, "Stillgelegt", "yes", "is not an xs:boolean"),
        (RETIRED, "Stillgelegt", "", "is not an xs:boolean"),
        (RETIRED, "Stillgelegt", "1\u00a0", "is not an xs:boolean"),
        (RETIRED, "Stillgelegt", "t rue", "is not an xs:boolean"),
    ],
)
def test_a_boolean_outside_the_lexical_space_is_refused_where_it_stands(
    tmp_path: Path, export: str, old: str, element: str, value: str, said: str
) -> None:
    opening = f"<xdomea:{element}>"
    text = _changed(export, old, f"{opening}{value}</xdomea:{element}>")
    code, out, err, message = _drift(tmp_path, text)
    assert (code, out) == (2, ""), out + err  # 1 is reserved for drift
    line, column = _where(text, MARKER + text.split(MARKER)[1].split(opening)[0] + opening)
    (shown,) = err.splitlines()
    assert shown.startswith(f"Error: {message}:{line}:{column}: {element} '"), shown
    assert said in shown and shown.endswith("; correct the export")


@pytest.mark.parametrize("value", ["+7", "007", " 7 "])
def test_every_lexical_form_of_a_number_of_years_is_read(
    tmp_path: Path, export: str, value: str
) -> None:
    head, tail = export.split(MARKER)
    start = tail.index("<xdomea:AnzahlJahre>") + len("<xdomea:AnzahlJahre>")
    tail = tail[:start] + value + tail[tail.index("</xdomea:AnzahlJahre>") :]
    code, out, err, _ = _drift(tmp_path, head + MARKER + tail, "--format", "json")
    assert code in (0, 1), err
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert all("installed 7 years" in m for m in messages if "22.10.10" in m)


@pytest.mark.parametrize("value", ["\u0663", "7.0", "-7", "70000", "9" * 5000, "", "sieben"])
def test_a_number_of_years_outside_unsigned_short_is_refused(
    tmp_path: Path, export: str, value: str
) -> None:
    head, tail = export.split(MARKER)
    start = tail.index("<xdomea:AnzahlJahre>") + len("<xdomea:AnzahlJahre>")
    tail = tail[:start] + value + tail[tail.index("</xdomea:AnzahlJahre>") :]
    code, out, err, message = _drift(tmp_path, head + MARKER + tail)
    assert (code, out) == (2, ""), out + err
    (line,) = err.splitlines()
    assert f"{message}:" in line and "AnzahlJahre" in line and "xs:unsignedShort" in line
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2030-01-01", True),
        ("2030-01-01Z", True),
        ("2030-01-01+01:00", True),
        ("20300101", False),
        ("2030-02-30", False),
        ("2030-1-01", False),
        ("01.01.2030", False),
    ],
)
def test_a_validity_date_is_read_as_xs_date(
    tmp_path: Path, export: str, value: str, valid: bool
) -> None:
    text = _changed(
        export,
        RETIRED,
        f"<xdomea:Gueltigkeit><xdomea:Beginn>{value}</xdomea:Beginn></xdomea:Gueltigkeit>"
        + RETIRED,
    )
    code, out, err, message = _drift(tmp_path, text)
    if valid:
        assert code == 1, err
        assert (
            "DR603 Aktenplan unit 22.10.10: validity: release missing, installed from 2030-01-01"
            in out
        )
    else:
        assert (code, out) == (2, ""), out + err
        (line,) = err.splitlines()
        assert f"{message}:" in line and f"Beginn '{value}' is not an xs:date" in line


def test_unbefristet_is_fixed_to_true(tmp_path: Path, export: str) -> None:
    years = export.split(MARKER)[1].split("</xdomea:Aufbewahrungsdauer>")[0]
    start = years.index("<xdomea:AnzahlJahre>")
    old = years[start : years.index("</xdomea:AnzahlJahre>") + len("</xdomea:AnzahlJahre>")]
    code, out, err, _ = _drift(
        tmp_path, _changed(export, old, "<xdomea:Unbefristet>0</xdomea:Unbefristet>")
    )
    assert (code, out) == (2, "") and "Unbefristet is fixed to true (1)" in err
    code, out, err, _ = _drift(
        tmp_path, _changed(export, old, "<xdomea:Unbefristet> 1 </xdomea:Unbefristet>")
    )
    assert code == 1 and "retention: release" in out and "installed unlimited" in out
