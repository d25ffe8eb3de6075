"""Order in the YAML: where it shows in the packages it is a reported change (FD305, patch);
where it cannot matter (permissions, the roles of a transition) no output changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import tree
from test_diff_support import GitCatalogue, by_id

Data = dict[str, Any]


def swap_values(d: Data) -> None:
    values = by_id(d["code_lists"], "art")["values"]
    values[0], values[1] = values[1], values[0]


def shuffle_sets(d: Data) -> None:
    by_id(d["roles"], "leitung")["permissions"]["akte"].reverse()
    by_id(d["roles"], "sachbearbeitung")["permissions"]["documents"].reverse()
    d["workflow"]["transitions"][0]["roles"].reverse()


def compile_to(invoke: Any, repo: GitCatalogue, out: Path) -> dict[str, bytes]:
    result = invoke("compile", repo.definitions, "--target", "doxis4", "-o", out, "--no-cache")
    assert result.exit_code == 0, result.output
    return tree(out)


def test_swapped_code_list_values_are_a_reported_patch_change(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    before = compile_to(invoke, repo, tmp_path / "before")
    repo.fachakte(swap_values)
    after = compile_to(invoke, repo, tmp_path / "after")
    assert before != after  # the Doxis4 value list lists the rows in the new order
    diff = invoke("diff", "--base", "HEAD", cwd=repo.repo)
    assert "FD305 cosmetic    value list 'art': order of the values changed" in diff.output
    german = invoke("diff", "--base", "HEAD", cwd=repo.repo, env={"FACHAKTE_LANG": "de"})
    assert "Werteliste „Art“ (art): Reihenfolge der Werte geändert" in german.output
    same = invoke("check-version", "--base", "HEAD", cwd=repo.repo)
    assert same.exit_code == 1 and "needs a patch" not in same.output
    assert "FD001" in same.output
    repo.fachakte(lambda d: None, version="1.0.1")
    patched = invoke("check-version", "--base", "HEAD", cwd=repo.repo)
    assert patched.exit_code == 0, patched.output


def test_reordered_permissions_change_no_output_and_no_version(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(
        lambda d: d["workflow"]["transitions"][0].update(roles=["sachbearbeitung", "leitung"])
    )
    repo.commit("Leitung darf auch weiterleiten")
    before = compile_to(invoke, repo, tmp_path / "before")
    repo.fachakte(shuffle_sets)
    after = compile_to(invoke, repo, tmp_path / "after")
    assert before == after
    diff = invoke("diff", "--base", "HEAD", cwd=repo.repo)
    assert "no semantic changes" in diff.output, diff.output
    assert invoke("check-version", "--base", "HEAD", cwd=repo.repo).exit_code == 0
