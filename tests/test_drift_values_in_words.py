"""Drift messages show compared values in words of the user's language: flags as yes/no or
ja/nein, an absent value as missing or fehlt, in every report format; never a Python literal
(True, False, None) in a German or English line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFINITIONS, invoke_cli
from drift_server import answers_for
from fachakte_compiler.drift.expected import ExpectedSource
from test_drift_hostile_files import write_snapshot

TENANT = "brilon"
LITERALS = re.compile(r"\b(True|False|None)\b")
FORMATS = ("text", "json", "junit", "markdown", "github", "sarif", "codequality")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An installation whose first descriptor lost its short name and length, and whose
    e-file class's first assignment flags are flipped; returns the folder and that
    descriptor's name."""
    expected = ExpectedSource.from_catalogue([DEFINITIONS])
    answers: dict[str, Any] = answers_for(expected.inventory(TENANT))
    changed = next(d for d in answers["attributeDefinitions"] if d["length"])
    changed["shortName"] = None
    changed["length"] = None
    folder = tmp_path_factory.mktemp("snap") / "snap_brilon"
    write_snapshot(folder, answers, expected.organization(TENANT))
    return folder, changed["name"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_missing_values_are_words_in_every_format(
    snapshot: tuple[Path, str], tmp_path: Path, fmt: str, language: str
) -> None:
    folder, name = snapshot
    report = tmp_path / "report"
    result = invoke_cli(
        "drift",
        DEFINITIONS,
        "--tenant",
        TENANT,
        "--snapshot",
        folder,
        "--format",
        fmt,
        "-o",
        report,
        env={"FACHAKTE_LANG": language},
    )
    assert result.exit_code == 1, result.stderr
    text = report.read_text(encoding="utf-8")
    if fmt == "json":
        (finding,) = json.loads(text)["findings"]
        shown = finding["message_de"] + "\n" + finding["message"]
        assert "installiert fehlt" in finding["message_de"]
        assert "installed missing" in finding["message"]
    else:
        shown = text
        assert ("installiert fehlt" if language == "de" else "installed missing") in text, text
    assert name in text
    assert not LITERALS.search(shown), shown


def test_a_retired_flag_is_ja_or_nein_in_german(tmp_path: Path) -> None:
    out = tmp_path / "build"
    env = {"FACHAKTE_XDOMEA_XSD_DIR": "", "SOURCE_DATE_EPOCH": "1700000000"}
    built = invoke_cli(
        "compile", DEFINITIONS, "--target", "xdomea", "--tenant", "meschede", "-o", out, env=env
    )
    assert built.exit_code == 0, built.stderr
    (message,) = (out / "meschede" / "xdomea").glob("*.xml")
    marker = "<xdomea:Kennzeichen>22.10.10</xdomea:Kennzeichen>"
    head, tail = message.read_text(encoding="utf-8").split(marker)
    tail = tail.replace("<xdomea:Stillgelegt>false<", "<xdomea:Stillgelegt>1<", 1)
    export = tmp_path / "export.xml"
    export.write_text(head + marker + tail, encoding="utf-8")
    args = ("drift", DEFINITIONS, "--tenant", "meschede", "--xdomea", export)
    german = invoke_cli(*args, env={**env, "FACHAKTE_LANG": "de"})
    assert german.exit_code == 1, german.stderr
    assert "Stillgelegt: Release nein, installiert ja" in german.stdout
    english = invoke_cli(*args, env={**env, "FACHAKTE_LANG": "en"})
    assert "retired: release no, installed yes" in english.stdout
    for result in (german, english):
        assert not LITERALS.search(result.stdout), result.stdout
