"""`fachakte drift --release DIR`: the comparison uses what a release's target description and
file plans state, and agrees with the comparison against the catalogue it was built from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFINITIONS, ShippedRelease
from drift_server import Behaviour, answers_for, serve
from fachakte_compiler.drift.expected import ExpectedSource

TENANT = "meschede"


@pytest.fixture(scope="module")
def released(shipped_release: ShippedRelease) -> Path:
    return shipped_release.folder


def _drift(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FACHAKTE_DOXIS4_USER": "admin",
        "FACHAKTE_DOXIS4_PASSWORD": "pw",
        "FACHAKTE_LANG": "en",
    }
    return subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", "drift", "--tenant", TENANT, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_release_and_catalogue_state_the_same_installation(released: Path) -> None:
    from_release = ExpectedSource.from_release(released)
    from_catalogue = ExpectedSource.from_catalogue([DEFINITIONS])
    assert from_release.inventory(TENANT) == from_catalogue.inventory(TENANT)
    assert from_release.organization(TENANT) == from_catalogue.organization(TENANT)
    assert from_release.plan_units(TENANT) == from_catalogue.plan_units(TENANT)


def test_drift_against_a_release_over_rest(released: Path) -> None:
    expected = ExpectedSource.from_release(released)
    answers = answers_for(expected.inventory(TENANT))
    answers["groups"] = [g for g in answers["groups"] if not g["name"].endswith("_KASSE")][:-1]
    behaviour = Behaviour(expected.organization(TENANT), "admin", "pw", answers)
    with serve(behaviour) as url:
        result = _drift("--release", released, "--doxis4-url", url, "--format", "json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["release"].startswith("release hsk-fachakten-")
    assert {f["code"] for f in report["findings"]} == {"DR301"}


def test_drift_of_an_export_against_a_release(released: Path) -> None:
    (message,) = (released / "packages" / TENANT / "xdomea").glob("*.xml")
    result = _drift("--release", released, "--xdomea", message)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no drift" in result.stdout


def test_units_of_a_fachakte_the_tenant_does_not_run_against_a_release(
    released: Path, tmp_path: Path
) -> None:
    """The release holds the Kreis no Friedhof package; the Friedhof unit in its export is
    named by the packages of the municipalities that run it."""
    from test_drift_xdomea import as_export_of_the_kreis

    (message,) = (released / "packages" / TENANT / "xdomea").glob("*.xml")
    export = tmp_path / "kreis-export.xml"
    export.write_bytes(as_export_of_the_kreis(message.read_bytes()))
    result = subprocess.run(
        [
            *(sys.executable, "-m", "fachakte_compiler", "drift", "--tenant", "hsk"),
            *("--release", str(released), "--xdomea", str(export), "--format", "json"),
        ],
        env={**os.environ, "FACHAKTE_LANG": "en"},
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    found = {f["object"]: f for f in json.loads(result.stdout)["findings"]}
    assert {f["code"] for f in found.values()} == {"DR604"}
    assert "Fachakte friedhof," in found["67.30.10"]["message"]
