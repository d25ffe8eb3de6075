"""What the README tells a new user to do works, and what it says about YAML is what the loader
does: the `fachakte new` line runs on the shipped catalogue, the release steps run as written
in a fresh catalogue repository, anchors and aliases are read, merge keys are refused with
FA004, dates are read with and without quotes."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import HAVE_XDOMEA_XSD, REPO, XDOMEA_XSD_DIR, copy_catalogue
from support.git import commit_all, git, init

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


def _release_steps() -> list[str]:
    """The command lines of the README's release block, in order."""
    section = README[README.index("## Release und Prüfung") :]
    return section.split("```sh\n", 1)[1].split("\n```", 1)[0].splitlines()


def test_the_readme_release_steps_work_as_written(
    invoke: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line of the block, in order, in a fresh catalogue repository with a home folder of
    its own: the first release needs no step that is not written there (a tag before the
    release would be no earlier release, and a later release is refused with
    --first-release)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if HAVE_XDOMEA_XSD:
        monkeypatch.setenv("FACHAKTE_XDOMEA_XSD_DIR", str(XDOMEA_XSD_DIR))
    repo = tmp_path / "katalog"
    init(repo)
    copy_catalogue(repo / "definitions", MINI)
    assert invoke("fmt", "definitions", cwd=repo).exit_code == 0  # as a catalogue is kept
    commit_all(repo, "Katalog")
    steps = _release_steps()
    ran = []
    for line in steps:
        words = shlex.split(line, comments=True)
        if len(words) == 1 and "=" in words[0]:
            name, value = words[0].split("=", 1)
            monkeypatch.setenv(name, os.path.expanduser(value))
        elif words[0] == "fachakte":
            args = [os.path.expanduser(os.path.expandvars(word)) for word in words[1:]]
            result = invoke(*args, cwd=repo)
            assert result.exit_code == 0, (line, result.output)
        else:
            command = line.split("  #", 1)[0]
            done = subprocess.run(
                ["bash", "-c", command], cwd=repo, capture_output=True, text=True, check=False
            )
            assert done.returncode == 0, (line, done.stdout + done.stderr)
        ran.append(words[:2])
    assert ["fachakte", "keygen"] in ran and ["fachakte", "verify"] in ran
    assert ran.index(["fachakte", "release"]) < ran.index(["git", "tag"])
    (tag,) = git(repo, "tag").split()
    head = git(repo, "rev-parse", "HEAD").strip()
    assert git(repo, "rev-list", "-n", "1", tag).strip() == head
    manifest = json.loads((repo / "release" / "release.json").read_text(encoding="utf-8"))
    assert manifest["commit"] == head
    assert (tmp_path / "hsk-release.zip").is_file()


def test_dates_are_read_as_the_readme_says(invoke: Callable[..., Result], tmp_path: Path) -> None:
    rule = " ".join(README.split("**Anführungszeichen:**")[1].split("\n\n")[0].split())
    assert '`valid_from: 2026-01-01` wie `valid_from: "2026-01-01"`' in rule
    assert '`minimum: "2000-01-01"`' in rule
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "delegations.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'valid_from: 2026-01-01\n    valid_until: "2027-12-31"' in text  # both ways, clean
    assert invoke("validate", root).exit_code == 0
    path.write_text(text.replace("valid_from: 2026-01-01", "valid_from: 20260101"), "utf-8")
    assert "FA103" in _codes(invoke, root)
    path.write_text(text.replace("valid_from: 2026-01-01", "valid_from: 2026-02-30"), "utf-8")
    assert "FA002" in _codes(invoke, root)
