"""FA801/FA802 keep aktenplan.yaml in step with the Fachakten; its levels reach the xdomea plan."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import DEFINITIONS, XDOMEA_XSD_DIR, xdomea_message

MINI = Path(__file__).parent / "fixtures" / "mini"


def _findings(result: Result) -> list[dict[str, object]]:
    report = json.loads(result.output)
    findings = report["diagnostics"] if isinstance(report, dict) else report
    assert isinstance(findings, list)
    return findings


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_catalogue_has_no_aktenplan_findings(
    invoke: Callable[..., Result], catalogue: Path
) -> None:
    result = invoke("validate", catalogue, "--format", "json")
    codes = {f["code"] for f in _findings(result)}
    assert not codes & {"FA801", "FA802"}


def test_fa801_points_at_the_kennzeichen_whose_level_has_no_title(
    invoke: Callable[..., Result], catalogue: Path
) -> None:
    fachakte = catalogue / "fachakten" / "grundsteuer.yaml"
    _replace(fachakte, 'kennzeichen: "22.10.10"', 'kennzeichen: "22.15.10"')
    result = invoke("validate", catalogue)
    assert result.exit_code == 1
    lines = fachakte.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if '"22.15.10"' in text)
    column = lines[line - 1].index('"22.15.10"') + 1
    assert re.search(
        rf"grundsteuer\.yaml:{line}:{column}: error FA801: Aktenplan level "
        r"'22\.15' above '22\.15\.10' has no title",
        result.output,
    ), result.output
    assert 'add a unit with kennzeichen: "22.15"' in result.output
    # Only the missing level is reported; '22' is titled.
    assert result.output.count("FA801") == 1


def test_fa801_is_silent_without_an_aktenplan_yaml(invoke: Callable[..., Result]) -> None:
    # The mini catalogue files '99.10' without any aktenplan.yaml.
    result = invoke("validate", MINI, "--format", "json")
    assert "FA801" not in {f["code"] for f in _findings(result)}


def test_fa802_warns_about_a_level_without_fachakten(
    invoke: Callable[..., Result], catalogue: Path
) -> None:
    plan = catalogue / "aktenplan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        + '  - kennzeichen: "37"\n    title: Brand- und Katastrophenschutz\n',
        encoding="utf-8",
    )
    result = invoke("validate", catalogue)
    assert result.exit_code == 0, "an unused level is a warning, not an error"
    line = len(plan.read_text(encoding="utf-8").splitlines()) - 1
    assert (
        f"aktenplan.yaml:{line}:18: warning FA802: Aktenplan level '37' has no Fachakte "
        "below it" in result.output
    )


def test_explain_documents_the_codes(invoke: Callable[..., Result]) -> None:
    for code, words in (("FA801", "Inhaltsangabe"), ("FA802", "Hauptgruppen")):
        result = invoke("explain", code)
        assert result.exit_code == 0
        assert words in result.output


def test_retired_and_dated_levels_reach_the_xdomea_plan(
    invoke: Callable[..., Result], catalogue: Path, tmp_path: Path
) -> None:
    _replace(
        catalogue / "aktenplan.yaml",
        '  - kennzeichen: "22.20"\n',
        '  - kennzeichen: "22.20"\n    valid_from: 2019-01-01\n    retired: true\n',
    )
    out = tmp_path / "out"
    args = ["--xsd-dir", XDOMEA_XSD_DIR] if (XDOMEA_XSD_DIR / "xdomea.xsd").is_file() else []
    result = invoke(
        "compile", catalogue, "--target", "xdomea", "--tenant", "sundern", "-o", out, *args
    )
    assert result.exit_code == 0, result.output
    text = xdomea_message(out, "sundern").read_text(encoding="utf-8")
    unit = text[text.index("<xdomea:Kennzeichen>22.20</xdomea:Kennzeichen>") :]
    unit = unit[: unit.index("<xdomea:Einheit>")]
    assert "<xdomea:Beginn>2019-01-01</xdomea:Beginn>" in unit
    assert "<xdomea:Stillgelegt>true</xdomea:Stillgelegt>" in unit


def test_a_level_carries_the_strongest_retention_below_it(
    invoke: Callable[..., Result], catalogue: Path, tmp_path: Path
) -> None:
    # Gewerbesteuer becomes archival and unlimited; its sibling Grundsteuer stays 'B', 10 years.
    _replace(
        catalogue / "fachakten" / "gewerbesteuer.yaml",
        "  retention:\n    years: 10\n    trigger: ende_kalenderjahr\n    disposition: B\n",
        "  retention:\n    unlimited: true\n    trigger: ende_kalenderjahr\n    disposition: A\n",
    )
    out = tmp_path / "out"
    result = invoke("compile", catalogue, "--target", "xdomea", "--tenant", "brilon", "-o", out)
    assert result.exit_code == 0, result.output
    text = xdomea_message(out, "brilon").read_text(encoding="utf-8")

    def retention(kennzeichen: str) -> tuple[str, str]:
        start = text.index(f"<xdomea:Kennzeichen>{kennzeichen}</xdomea:Kennzeichen>")
        code = re.compile(r"<code>([ABV])</code>").search(text, start)
        period = re.compile(r"<xdomea:(AnzahlJahre>\d+|Unbefristet>true)<").search(text, start)
        assert code is not None and period is not None
        return code.group(1), period.group(1)

    assert retention("22.10.10") == ("B", "AnzahlJahre>10")
    assert retention("22.10.20") == ("A", "Unbefristet>true")
    assert retention("22.10") == ("A", "Unbefristet>true")
    # '22' states its own retention in aktenplan.yaml, and '2' derives from the units right
    # below it, of which '22' is one.
    assert retention("22") == ("B", "AnzahlJahre>10")
    assert retention("2") == ("B", "AnzahlJahre>10")
    assert retention("22.20") != ("A", "Unbefristet>true"), "siblings are not affected"


def test_a_fachakte_can_sit_below_another_fachakte(
    invoke: Callable[..., Result], catalogue: Path, tmp_path: Path
) -> None:
    _replace(
        catalogue / "fachakten" / "gewerbesteuer.yaml",
        'kennzeichen: "22.10.20"',
        'kennzeichen: "22.10.10.10"',
    )
    result = invoke("validate", catalogue, "--format", "json")
    assert "FA801" not in {f["code"] for f in _findings(result)}, "Grundsteuer names '22.10.10'"
    out = tmp_path / "out"
    result = invoke("compile", catalogue, "--target", "xdomea", "--tenant", "brilon", "-o", out)
    assert result.exit_code == 0, result.output
    text = xdomea_message(out, "brilon").read_text(encoding="utf-8")
    outer = text.index("<xdomea:Kennzeichen>22.10.10</xdomea:Kennzeichen>")
    inner = text.index("<xdomea:Kennzeichen>22.10.10.10</xdomea:Kennzeichen>")
    # Nested: the inner unit comes before the outer unit's own extension and closing tag.
    assert outer < inner < text.index("<xdomea:Name>E-Fachakte Grundsteuer</xdomea:Name>", outer)


def test_a_level_that_states_its_retention_keeps_it(
    invoke: Callable[..., Result], catalogue: Path, tmp_path: Path
) -> None:
    # Without a stated retention '1' carries the strongest below it; stated, it carries its own.
    _replace(
        catalogue / "aktenplan.yaml",
        '  - kennzeichen: "1"\n',
        '  - kennzeichen: "1"\n    valid_until: 2031-12-31\n'
        "    retention:\n      disposition: V\n      years: 3\n",
    )
    out = tmp_path / "out"
    result = invoke("compile", catalogue, "--target", "xdomea", "--tenant", "brilon", "-o", out)
    assert result.exit_code == 0, result.output
    text = xdomea_message(out, "brilon").read_text(encoding="utf-8")
    unit = text[text.index("<xdomea:Kennzeichen>1</xdomea:Kennzeichen>") :]
    unit = unit[: unit.index("<xdomea:Einheit>")]
    assert "<code>V</code>" in unit
    assert "<xdomea:AnzahlJahre>3</xdomea:AnzahlJahre>" in unit
    assert "<xdomea:Ende>2031-12-31</xdomea:Ende>" in unit
    diff = invoke("diff", DEFINITIONS, catalogue).output
    assert "Aktenplan unit '1': valid until – → 2031-12-31 changed" in diff
    assert "Aktenplan unit '1': retention changed" in diff
