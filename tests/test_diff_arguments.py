"""`fachakte diff` with every form of argument: two single files (with Bausteine), files
inside and outside a catalogue, folders, git refs and mixtures. Whatever the form, the answer
is a result or a clear usage/input error, never an internal error."""

from __future__ import annotations

import random
import shutil
from typing import Any

import pytest

from test_diff_support import GitCatalogue, git

Data = dict[str, Any]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> GitCatalogue:
    """A catalogue with two commits, a branch and a tag, plus loose copies of its files."""
    repo = GitCatalogue(tmp_path_factory.mktemp("args") / "repo")
    git(repo.repo, "tag", "release-1")
    loose = repo.repo.parent / "loose"
    (loose / "old").mkdir(parents=True)
    (loose / "new").mkdir(parents=True)
    shutil.copy(repo.definitions / "fachakten/testakte.yaml", loose / "old/testakte.yaml")
    repo.fachakte(lambda d: d.update(title="Testakte neu"), version="1.0.1")
    repo.commit("Titel")
    shutil.copy(repo.definitions / "fachakten/testakte.yaml", loose / "new/testakte.yaml")
    (loose / "empty").mkdir()
    (loose / "notes.txt").write_text("kein YAML\n", encoding="utf-8")
    (loose / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    return repo


def test_two_single_files_with_a_baustein_are_compared(repo: GitCatalogue, invoke: Any) -> None:
    loose = repo.repo.parent / "loose"
    result = invoke("diff", loose / "old/testakte.yaml", loose / "new/testakte.yaml")
    assert result.exit_code == 0, result.output
    assert "FD301" in result.output and "Testakte neu" in result.output
    assert "note: " in result.output and "(adresse) are not compared" in result.output


def test_a_single_file_against_a_catalogue_borrows_its_bausteine(
    repo: GitCatalogue, invoke: Any
) -> None:
    loose = repo.repo.parent / "loose"
    new = loose / "changed/testakte.yaml"
    new.parent.mkdir(exist_ok=True)
    text = (repo.definitions / "fachakten/testakte.yaml").read_text(encoding="utf-8")
    new.write_text(text.replace("required: true", "required: false", 1), encoding="utf-8")
    result = invoke("diff", repo.definitions, new)
    assert result.exit_code == 0, result.output
    # Only the named file is compared: no tenants or Aktenplan 'removed'.
    assert "removed" not in result.output and "tenant" not in result.output
    assert "are not compared" not in result.output  # the Bausteine came from the catalogue
    assert "1 change in 1 Fachakte" in result.output


def _forms(repo: GitCatalogue) -> list[str]:
    d, loose = repo.definitions, repo.repo.parent / "loose"
    return [
        str(d),
        str(d / "fachakten"),
        str(d / "fachakten/testakte.yaml"),
        str(d / "bausteine/adresse.yaml"),
        str(d / "tenants.yaml"),
        str(d / "aktenplan.yaml"),
        str(loose / "old/testakte.yaml"),
        str(loose / "new/testakte.yaml"),
        str(loose / "empty"),
        str(loose / "notes.txt"),
        str(loose / "broken.yaml"),
        str(loose / "missing.yaml"),
        str(repo.repo),
        "main",
        "HEAD~1",
        "release-1",
        "",
    ]


REFS = ["HEAD", "HEAD~1", "main", "release-1", "no-such-ref", "HEAD~9", "", "main..HEAD", "-x"]


def test_random_argument_forms_never_give_an_internal_error(
    repo: GitCatalogue, invoke: Any
) -> None:
    forms = _forms(repo)
    rng = random.Random(16)
    pairs = [[a, b] for a in forms[:8] for b in forms[:8]]
    cases = rng.sample(pairs, 16)
    for _ in range(24):
        args = rng.sample(forms, rng.choice([0, 1, 2, 2, 3]))
        if rng.random() < 0.5:
            args = ["--base", rng.choice(REFS), *args]
        cases.append(args)
    for args in cases:
        result = invoke("diff", *args, cwd=repo.repo)
        shown = f"diff {' '.join(args)!r}: {result.output}"
        assert result.exit_code in (0, 1, 2), shown
        assert "internal error" not in result.output, shown
        assert "Traceback" not in result.output, shown
        if result.exit_code != 0:
            assert "Error" in result.output or "error" in result.output, shown
