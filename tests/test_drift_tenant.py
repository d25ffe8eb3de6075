"""`fachakte drift --tenant` with a tenant the release or catalogue does not hold: one line that
names it, proposes the closest id and lists the known ones (exit 2), in release mode as in
catalogue mode, before any file is looked for under the mistyped name."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, ShippedRelease, invoke_cli

ENV = {"FACHAKTE_LANG": "en", "FACHAKTE_XDOMEA_XSD_DIR": ""}


def _one_line(result: Result) -> str:
    exit_code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert (exit_code, stdout) == (2, ""), stdout + stderr
    (line,) = stderr.splitlines()
    return str(line)


@pytest.mark.parametrize("source", ["--snapshot", "--xdomea"])
@pytest.mark.parametrize("mode", ["release", "catalogue"])
def test_a_mistyped_tenant_is_named_with_a_suggestion(
    shipped_release: ShippedRelease, tmp_path: Path, source: str, mode: str
) -> None:
    target = tmp_path / ("snap_brilon" if source == "--snapshot" else "export.xml")
    if source == "--snapshot":
        target.mkdir()
    else:
        target.write_text("<x/>", encoding="utf-8")
    expected = ("--release", shipped_release.folder) if mode == "release" else (DEFINITIONS,)
    result = invoke_cli("drift", *expected, "--tenant", "briloon", source, target, env=ENV)
    line = _one_line(result)
    assert line.startswith("Error: unknown tenant 'briloon' (did you mean 'brilon'?); known "), line
    assert "brilon, eslohe" in line and "plan.json" not in line and "readable" not in line
    german = invoke_cli(
        "drift",
        *expected,
        "--tenant",
        "briloon",
        source,
        target,
        env={**ENV, "FACHAKTE_LANG": "de"},
    )
    assert "'brilon'" in _one_line(german) and "unknown" not in german.stderr
