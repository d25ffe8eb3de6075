"""`fachakte diff`: renames, both ways of naming the sides, formats, failures, determinism."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from test_diff_support import GitCatalogue, by_id, git

Data = dict[str, Any]


def rename_everything(d: Data, declared: bool) -> None:
    """Renames a field, value list, value, document type, register, role and state, with
    every reference updated; `declared` adds the `renamed_from` entries."""

    def rename(item: Data, new: str) -> None:
        if declared:
            item["renamed_from"] = [item["id"]]
        item["id"] = new

    rename(by_id(d["fields"], "bemerkung"), "notiz")
    by_id(d["document_types"], "nachweis")["fields"] = ["notiz"]
    rename(d["code_lists"][0], "antragsart")
    by_id(d["fields"], "art")["code_list"] = "antragsart"
    value = d["code_lists"][0]["values"][2]
    if declared:
        value["renamed_from"] = ["sonst"]
    value["key"] = "andere"
    rename(by_id(d["document_types"], "bescheid"), "entscheidung")
    rename(by_id(d["akte"]["registers"], "bescheid"), "entscheidungen")
    by_id(d["akte"]["registers"], "entscheidungen")["document_types"] = ["entscheidung"]
    rename(by_id(d["roles"], "leitung"), "teamleitung")
    by_id(d["roles"], "teamleitung")["permissions"]["registers"][0]["register"] = "entscheidungen"
    rename(by_id(d["workflow"]["states"], "pruefung"), "in_pruefung")
    transitions = d["workflow"]["transitions"]
    transitions[0]["to"] = "in_pruefung"
    transitions[1].update({"from": "in_pruefung", "roles": ["teamleitung"]})
    d["workflow"]["resubmissions"][0]["after_state"] = "in_pruefung"


def drop_kennung(d: Data) -> None:
    d["fields"].pop()
    by_id(d["document_types"], "bescheid")["fields"].remove("kennung")


def changes_of(invoke: Any, repo: GitCatalogue) -> list[Data]:
    result = invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo)
    assert result.exit_code == 0, result.output
    changes: list[Data] = json.loads(result.output)["fachakten"][0]["changes"]
    return changes


def test_declared_renames_are_compatible_with_migration_notes(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: rename_everything(d, declared=True))
    assert invoke("validate", repo.definitions).exit_code == 0
    changes = changes_of(invoke, repo)
    assert sorted(c["element"] for c in changes) == sorted(
        [
            "field:notiz",
            "code_list:antragsart",
            "code_value:antragsart.andere",
            "document_type:entscheidung",
            "register:entscheidungen",
            "role:teamleitung",
            "state:in_pruefung",
        ]
    )
    assert {c["code"] for c in changes} == {"FD202"}
    notes = {c["element"]: c["migration_de"] for c in changes}
    assert "„bemerkung“ heißt jetzt „notiz“" in notes["field:notiz"]
    assert "„antragsart.sonst“" in notes["code_value:antragsart.andere"]
    english = {c["element"]: c["migration"] for c in changes}
    assert english["field:notiz"].startswith("field 'bemerkung' is now 'notiz': carry stored")
    assert "value 'antragsart.sonst' is now" in english["code_value:antragsart.andere"]


def test_undeclared_renames_are_removals_plus_additions(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: rename_everything(d, declared=False))
    codes = {(c["code"], c["element"]) for c in changes_of(invoke, repo)}
    assert {
        ("FD101", "field:bemerkung"),
        ("FD201", "field:notiz"),
        ("FD106", "code_list:art"),
        ("FD204", "code_list:antragsart"),
        ("FD108", "document_type:bescheid"),
        ("FD206", "document_type:entscheidung"),
        ("FD109", "register:bescheid"),
        ("FD110", "role:leitung"),
        ("FD111", "state:pruefung"),
        ("FD209", "state:in_pruefung"),
    } <= codes
    assert not any(code == "FD202" for code, _ in codes)


def test_fachakte_added_and_removed(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.add_second_fachakte(version="3.1.4")
    repo.commit("second")
    (repo.definitions / "fachakten" / "testakte.yaml").unlink()
    result = invoke("diff", "--base", "HEAD~1", "--format", "json", cwd=repo.repo)
    report = json.loads(result.output)["fachakten"]
    assert [(f["id"], f["status"], f["changes"][0]["code"]) for f in report] == [
        ("testakte", "removed", "FD122"),
        ("zweitakte", "added", "FD219"),
    ]
    # In words, in each language and form: a removed Fachakte has no version to raise.
    shown = {
        (language, form): invoke(
            "diff",
            "--base",
            "HEAD~1",
            "--format",
            form,
            cwd=repo.repo,
            env={"FACHAKTE_LANG": language},
        ).output
        for language in ("en", "de")
        for form in ("text", "markdown")
    }
    assert "testakte 1.0.0 → removed (" in shown["en", "text"]
    assert "): removed, no version to raise" in shown["en", "text"]
    assert "| none (removed) |" in shown["en", "markdown"]
    assert "): entfernt, keine Version zu erhöhen" in shown["de", "text"]
    assert "| keine (entfernt) |" in shown["de", "markdown"]
    for text in shown.values():
        assert "none bump" not in text and "neue keine" not in text


def test_old_new_folders_and_files(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    old = tmp_path / "old"
    shutil.copytree(repo.definitions, old)
    repo.fachakte(drop_kennung)
    for args in (
        (old, repo.definitions),
        (old / "fachakten/testakte.yaml", repo.definitions / "fachakten/testakte.yaml"),
    ):
        result = invoke("diff", *args)
        assert result.exit_code == 0, result.output
        assert "FD101 breaking    field 'kennung' removed" in result.output
        assert "testakte 1.0.0 → 1.0.0" in result.output and "needs a major bump" in result.output
        # Each language alone: no German line under the English one, no English in German.
        assert "entfernt" not in result.output
        german = invoke("diff", *args, env={"FACHAKTE_LANG": "de"})
        assert "FD101 inkompatibel  Feld „Kennung“ (kennung) entfernt" in german.output
        assert "braucht eine neue Hauptversion" in german.output
        assert "removed" not in german.output and "breaking" not in german.output


def test_a_copy_under_another_name_compares_by_its_id(tmp_path: Path, invoke: Any) -> None:
    """A saved copy (`testakte-alt.yaml`) is the same Fachakte: its id says so. Only its
    place in a catalogue would need the name to match (FA215, which validate reports)."""
    repo = GitCatalogue(tmp_path / "repo")
    current = repo.definitions / "fachakten" / "testakte.yaml"
    saved = tmp_path / "testakte-alt.yaml"
    shutil.copy(current, saved)
    repo.fachakte(drop_kennung)
    for args in ((saved, current), (current, saved)):
        result = invoke("diff", *args)
        assert result.exit_code == 0, result.output
        assert "field 'kennung'" in result.output, result.output
        assert "FA215" not in result.output
    in_catalogue = repo.definitions / "fachakten" / "zweitakte.yaml"
    shutil.copy(current, in_catalogue)
    result = invoke("diff", saved, repo.definitions)
    assert result.exit_code == 1  # in a catalogue the name still counts
    assert "FA215" in result.output


def test_markdown_for_pull_request_comments(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: rename_everything(d, declared=True), version="1.1.0")
    out = tmp_path / "comment.md"
    result = invoke(
        "diff",
        *("--base", "HEAD", "--format", "markdown", "-o", out),
        cwd=repo.repo,
        env={"FACHAKTE_LANG": "de"},
    )
    assert result.exit_code == 0 and result.output == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Semantische Änderungen der E-Fachakten\n")
    # The class and the bump in German words, as in the text output ("neue Nebenversion").
    assert "| Testakte (`testakte`) | 1.0.0 → 1.1.0 | 7 kompatibel | Nebenversion |" in text
    assert (
        "| `FD202` | kompatibel (Nebenversion) | Feld „Bemerkung“ (notiz) umbenannt, "
        "vorher „bemerkung“" in text
    )
    assert "**Migration:**\n\n- " in text and "\n- Feld „bemerkung“ heißt jetzt „notiz“" in text
    english = invoke("diff", "--base", "HEAD", "--format", "markdown", cwd=repo.repo).output
    assert english.startswith("## Semantic changes of the E-Fachakten\n")
    assert "| Testakte (`testakte`) | 1.0.0 → 1.1.0 | 7 compatible | minor |" in english
    assert (
        "| `FD202` | compatible (minor) | field 'notiz' renamed from 'bemerkung' (renamed_from)"
        in english
    )
    assert "**Migration:**\n\n- " in english and "\n- field 'bemerkung' is now 'notiz'" in english
    assert not {"Feld", "umbenannt", "kompatibel", "heißt"} & set(english.split())


def test_nothing_changed(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    assert invoke("diff", "--base", "HEAD", cwd=repo.repo).output == "no semantic changes\n"
    markdown = invoke("diff", "--base", "HEAD", "--format", "markdown", cwd=repo.repo).output
    assert "No semantic changes." in markdown
    german = ("diff", "--base", "HEAD", "--format", "markdown")
    assert (
        "Keine fachlichen Änderungen."
        in invoke(*german, cwd=repo.repo, env={"FACHAKTE_LANG": "de"}).output
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("diff", "--base", "no-such-branch"), "unknown git revision 'no-such-branch': check"),
        (("diff", "--base", "HAED"), "unknown git revision 'HAED' (did you mean 'HEAD'?)"),
        (("diff", "definitions"), "give OLD and NEW"),
        (("diff", "--base", "HEAD", "a", "b"), "at most one PATH"),
        (("diff", "--base", "HEAD", "missing"), "path does not exist: missing"),
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, invoke: Any, args: tuple[str, ...], needle: str
) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    result = invoke(*args, cwd=repo.repo)
    assert result.exit_code == 2, result.stderr
    assert needle in result.stderr and "Traceback" not in result.stderr


def test_outside_git_is_a_usage_error(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    shutil.rmtree(repo.repo / ".git")
    result = invoke("diff", "--base", "HEAD", cwd=repo.repo)
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_invalid_working_tree_fails_with_location(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: by_id(d["fields"], "art").update(code_list="gibtsnicht"))
    result = invoke("diff", "--base", "HEAD", cwd=repo.repo)
    assert result.exit_code == 1 and result.stdout == ""
    assert "definitions/fachakten/testakte.yaml:" in result.stderr
    assert "'gibtsnicht'" in result.stderr
    assert "does not validate" in result.stderr and "Traceback" not in result.stderr


def test_invalid_base_names_the_revision(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: d.pop("owners"))
    repo.commit("broken")
    repo.fachakte(lambda d: d.update(owners=["nord", "sued", "west"]))
    result = invoke("diff", "--base", "HEAD", cwd=repo.repo)
    assert result.exit_code == 1
    assert "HEAD:definitions/fachakten/testakte.yaml:" in result.stderr
    assert "the base revision HEAD does not validate" in result.stderr


def test_same_bytes_in_any_environment(tmp_path: Path, fachakte: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(lambda d: rename_everything(d, declared=False))
    git(repo.repo, "tag", "base")
    outputs = set()
    for env in (
        {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
        {"TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242"},
    ):
        runs = [
            fachakte("diff", "--base", "HEAD", "--format", fmt, cwd=repo.repo, env=env)
            for fmt in ("text", "json", "markdown")
        ]
        assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
        outputs.add(tuple(r.stdout for r in runs))
    assert len(outputs) == 1
