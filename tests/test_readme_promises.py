"""What the README tells a new user to do works, and what it says about YAML is what the loader
does: the `fachakte new` line runs on the shipped catalogue, anchors and aliases are read,
merge keys are refused with FA004."""

from __future__ import annotations

import json
import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import REPO, copy_catalogue

README = (REPO / "README.md").read_text(encoding="utf-8")
MINI = Path(__file__).parent / "fixtures" / "mini"


def test_the_readme_new_command_works_on_the_shipped_catalogue(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    (line,) = re.findall(r"^\.venv/bin/fachakte (new .*)$", README, re.MULTILINE)
    copy_catalogue(tmp_path / "definitions")
    before = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = invoke(*shlex.split(line))
        assert result.exit_code == 0, result.output
        assert invoke("validate", "definitions").exit_code == 0
    finally:
        os.chdir(before)


def _codes(invoke: Callable[..., Result], root: Path) -> set[str]:
    result = invoke("validate", root, "--format", "json")
    return {d["code"] for d in json.loads(result.output)["diagnostics"]}


def test_anchors_and_merge_keys_behave_as_the_readme_says(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    rule = " ".join(README.split("**Anführungszeichen:**")[1].split("\n\n")[0].split())
    assert "Anker und Aliase (`&name`, `*name`) sind erlaubt" in rule
    assert "`<<:` wird abgelehnt (FA004)" in rule
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("title: Beispielakte\n") == 2  # the Fachakte's and its Akte's
    anchored = text.replace("title: Beispielakte\n", "title: &titel Beispielakte\n", 1)
    path.write_text(anchored.replace("title: Beispielakte\n", "title: *titel\n"), "utf-8")
    assert invoke("validate", root).exit_code == 0
    merged = text.replace(
        "  retention:\n    years: 10", "  retention:\n    <<: {years: 10}\n    years: 10"
    )
    path.write_text(merged, "utf-8")
    assert "FA004" in _codes(invoke, root)
