"""`fachakte fmt` in real git repositories: a CRLF checkout is not reformatted for its line
endings, a comment after a block scalar travels with the key it introduces, and the
pre-commit hooks fix files, check them and run one at a time, as pre-commit would run them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import copy_catalogue, invoke_cli
from support.git import commit_all, git, init
from support.yaml_dump import load as load_yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
HOOKS = load_yaml((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _catalogue_repo(base: Path) -> Path:
    repo = base / "repo"
    init(repo)
    copy_catalogue(repo / "definitions")
    commit_all(repo, "Katalog")
    return repo


def test_crlf_checkout_is_formatted_and_stays_crlf(tmp_path: Path) -> None:
    origin = _catalogue_repo(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "-c", "core.autocrlf=true", str(origin), str(clone))
    hund = clone / "definitions" / "fachakten" / "hundesteuer.yaml"
    assert b"\r\n" in hund.read_bytes()  # the checkout really has Windows line endings
    check = invoke_cli("fmt", "--check", "definitions", cwd=clone)
    assert check.exit_code == 0, check.stdout + check.stderr
    assert "would reformat" not in check.stdout
    assert "0 files would be reformatted" in check.stderr

    # A real formatting change is written with the file's own line endings, nothing else.
    text = hund.read_bytes().decode("utf-8")
    hund.write_bytes(
        text.replace("version: 3.0.0\r\n", "")
        .replace("title: Hundesteuer\r\n", "title: Hundesteuer\r\nversion: 3.0.0\r\n", 1)
        .encode("utf-8")
    )
    assert invoke_cli("fmt", "--check", "definitions", cwd=clone).exit_code == 1
    fixed = invoke_cli("fmt", "definitions", cwd=clone)
    assert fixed.exit_code == 0, fixed.stderr
    assert hund.read_bytes().decode("utf-8") == text
    assert git(clone, "status", "--porcelain") == ""


BLOCK_THEN_COMMENT = """\
id: konto
title: Steuerkonto
description: |
  Ein Konto.
  Zweite Zeile.
# Die Version folgt semver.
version: 1.0.0
fields:
  - id: kassenzeichen
    type: string
    description: >-
      Personenkonto.
    # Der Titel erscheint in Doxis4.
    title: Kassenzeichen
"""


def test_comment_after_a_block_scalar_moves_with_its_key(tmp_path: Path) -> None:
    repo = _catalogue_repo(tmp_path)
    path = repo / "definitions" / "bausteine" / "konto.yaml"
    path.write_text(BLOCK_THEN_COMMENT, encoding="utf-8")
    result = invoke_cli("fmt", "definitions/bausteine/konto.yaml", cwd=repo)
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "# Die Version folgt semver.\nversion: 1.0.0\n" in text
    assert "    # Der Titel erscheint in Doxis4.\n    title: Kassenzeichen\n" in text
    assert text.index("version:") < text.index("title:") < text.index("description:")
    assert "  Zweite Zeile.\nfields:" in text  # nothing left behind the block scalar
    again = invoke_cli("fmt", "--check", "definitions/bausteine/konto.yaml", cwd=repo)
    assert again.exit_code == 0, again.stdout
    assert load_yaml(text) == load_yaml(BLOCK_THEN_COMMENT)


def _run_hook(hook_id: str, repo: Path) -> tuple[int, str]:
    """The hook as pre-commit runs it: its entry with the staged files its pattern selects."""
    hook = next(h for h in HOOKS if h["id"] == hook_id)
    staged = git(repo, "diff", "--cached", "--name-only").split()
    files = [f for f in staged if re.search(hook["files"], f)]
    args = shlex.split(hook["entry"])[1:] + (files if hook.get("pass_filenames", True) else [])
    result = invoke_cli(*args, cwd=repo)
    return result.exit_code, result.stdout + result.stderr


def test_pre_commit_hooks_fix_check_and_run_serially(tmp_path: Path) -> None:
    assert all(h.get("require_serial") is True for h in HOOKS)
    fixers = [h["id"] for h in HOOKS if h["entry"] == "fachakte fmt"]
    assert fixers == ["fachakte-fmt"]
    repo = _catalogue_repo(tmp_path)
    path = repo / "definitions" / "fachakten" / "hundesteuer.yaml"
    canonical = path.read_text(encoding="utf-8")
    path.write_text(canonical.replace("\ntitle: Hundesteuer\n", "\ntitle:    Hundesteuer\n"))
    git(repo, "add", "-A")
    code, output = _run_hook("fachakte-fmt-check", repo)
    assert code == 1 and "would reformat definitions/fachakten/hundesteuer.yaml" in output
    code, output = _run_hook("fachakte-fmt", repo)
    assert code == 0 and "reformatted definitions/fachakten/hundesteuer.yaml" in output
    assert path.read_text(encoding="utf-8") == canonical
    git(repo, "add", "-A")
    assert _run_hook("fachakte-fmt-check", repo)[0] == 0
    assert _run_hook("fachakte-validate", repo)[0] == 0
