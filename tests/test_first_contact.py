"""First-contact mistakes of a new author, each through the real CLI: every missing required
key of a mapping reported at once, explain's table aligned in either language, the value meant
for an enum value written in German or in another case, keygen kept out of git work trees, and
commands run from inside a catalogue finding it."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import DEFINITIONS, invoke_cli

Invoke = Callable[..., Result]

HUNDESTEUER = DEFINITIONS / "fachakten" / "hundesteuer.yaml"
TEXT = HUNDESTEUER.read_text(encoding="utf-8")


def _validate_buffer(text: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    """validate on `text` as hundesteuer.yaml of the shipped catalogue, in language `lang`."""
    result = invoke_cli(
        "validate",
        "-",
        "--stdin-filename",
        HUNDESTEUER,
        *args,
        env={"FACHAKTE_LANG": lang},
        input_text=text,
    )
    return result.exit_code, result.stdout, result.stderr


def test_every_missing_required_key_of_a_mapping_is_reported_at_once() -> None:
    owners = "owners:\n  - sundern\n  - hallenberg\n  - marsberg\n"
    plan = 'aktenplan:\n  kennzeichen: "22.20.10"\n  title: Hundesteuer\n'
    assert owners in TEXT and plan in TEXT
    broken = (
        TEXT.replace("title: Hundesteuer\n", "", 1)
        .replace(owners, "")
        .replace(plan, "aktenplan:\n  titel: Hundesteuer\n")
    )
    code, out, err = _validate_buffer(broken, "--format", "json")
    assert code == 1, err
    found = sorted(
        (d["message"], d["line"], d["column"])
        for d in json.loads(out)["diagnostics"]
        if d["code"] == "FA101"
    )
    root = TEXT.splitlines().index("id: hundesteuer") + 1
    plan_line = broken.splitlines().index("aktenplan:") + 1
    # The aktenplan's 'title' is not missing as well: its misspelling 'titel' is one mistake,
    # reported once, as the unknown key that proposes it (FA102).
    assert found == [
        ("'aktenplan' is missing required key 'kennzeichen'", plan_line, 1),
        ("this entry is missing required key 'owners'", root, 1),
        ("this entry is missing required key 'title'", root, 1),
    ]
    code, out, _err = _validate_buffer(broken)
    assert out.count("error FA101") == 3
    assert f"hundesteuer.yaml:{plan_line}:1: error FA101" in out
    assert f"hundesteuer.yaml:{plan_line + 1}:3: error FA102: unknown key 'titel'" in out
    assert "did you mean 'title'?" in out
    _code, german, _err = _validate_buffer(broken, lang="de")
    assert german.count("FA101") == 3 and "Pflichtschlüssel" in german


def test_explain_aligns_its_columns_by_the_widest_entry_in_either_language() -> None:
    import re

    from fachakte_compiler.code_table import all_codes

    assert max(len(c.name) for c in all_codes()) > 26  # wider than the old fixed column
    for lang in ("en", "de"):
        result = invoke_cli("explain", env={"FACHAKTE_LANG": lang})
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == len(all_codes())
        # Columns are separated by at least two blanks; each of the four starts at one place.
        starts = {tuple(m.start() for m in re.finditer(r"(?:^|(?<=  ))\S", line)) for line in lines}
        assert len(starts) == 1 and len(starts.pop()) == 4, starts
    german = invoke_cli("explain", env={"FACHAKTE_LANG": "de"}).stdout
    assert "FA101    Fehler   missing-key" in german


def test_table_widths_count_columns_not_code_points() -> None:
    from fachakte_compiler.cli.table import aligned, text_width

    decomposed = "Gebu\u0308hr"  # 'Gebühr' with a combining diaeresis
    assert text_width(decomposed) == text_width("Gebühr") == 6
    assert text_width("表") == 2
    lines = aligned([(decomposed, "x"), ("Grünfläche", "y"), ("表表", "z")])
    assert [text_width(line[:-1]) for line in lines] == [12, 12, 12]


def _enum_values(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {str(v) for v in node.get("enum", [])}
        return found.union(*(_enum_values(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_enum_values(v) for v in node))
    return set()


def test_every_word_of_the_synonym_table_leads_to_a_value_the_schemas_allow() -> None:
    from fachakte_compiler.check.enum_synonyms import SYNONYMS
    from fachakte_compiler.resources import schemas_dir

    allowed: set[str] = set()
    for path in schemas_dir().glob("*.schema.json"):
        allowed |= _enum_values(json.loads(path.read_text(encoding="utf-8")))
    assert {"date", "integer", "decimal", "V", "read", "approve"} <= allowed
    assert {v for values in SYNONYMS.values() for v in values} <= allowed
    # A synonym is never itself a value: it would shadow the value at its place.
    assert not set(SYNONYMS) & {v.lower() for v in allowed}


def test_an_enum_value_in_german_or_another_case_gets_the_value_meant() -> None:
    first_date = "    type: date\n"
    assert first_date in TEXT and "      disposition: V\n" in TEXT
    broken = (
        TEXT.replace(first_date, "    type: datum\n", 1)
        .replace("    type: string\n", "    type: Zahl\n", 1)
        .replace("      disposition: V\n", "      disposition: vernichten\n", 1)
        .replace("      akte: [read, create, update, close]\n", "      akte: [lesen, create]\n")
        .replace("    type: date\n", "    type: Date\n", 1)
    )
    code, out, err = _validate_buffer(broken, "--format", "json")
    assert code == 1, err
    hints = {
        (d["message"].split("'")[1], d.get("hint"))
        for d in json.loads(out)["diagnostics"]
        if d["code"] == "FA104"
    }
    assert hints == {
        ("datum", "did you mean 'date'?"),
        ("Zahl", "did you mean 'integer' or 'decimal'?"),
        ("vernichten", "did you mean 'V'?"),
        ("lesen", "did you mean 'read'?"),
        ("Date", "did you mean 'date'?"),
    }, hints
    code, german, _err = _validate_buffer(broken, lang="de")
    assert code == 1 and "'integer' oder 'decimal'" in german


def test_keygen_refuses_to_put_the_private_key_into_a_git_work_tree(tmp_path: Path) -> None:
    from support.git import init

    repo = tmp_path / "katalog"
    repo.mkdir()
    init(repo)
    for lang, words in (
        ("en", "refusing to create the private key release-key.pem inside the git work tree"),
        ("de", "der private Schlüssel release-key.pem wird nicht im git-Arbeitsbaum"),
    ):
        result = invoke_cli("keygen", cwd=repo, env={"FACHAKTE_LANG": lang})
        assert result.exit_code == 1, result.stderr
        assert words in result.stderr and str(repo.resolve()) in result.stderr
        assert "--private-key ~/.config/fachakte/release-key.pem" in result.stderr
    nested = invoke_cli("keygen", "--private-key", repo / "keys" / "hsk.pem")
    assert nested.exit_code == 1 and "git work tree" in nested.stderr
    assert sorted(p.name for p in repo.iterdir()) == [".git"]  # nothing written, no folder
    # Where the message points, outside the repository, the pair is made (folder included).
    home = tmp_path / "home"
    folder = home / ".config" / "fachakte"
    made = invoke_cli("keygen", "--private-key", folder / "hsk.pem", cwd=repo)
    assert made.exit_code == 0, made.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["hsk.pem", "hsk.pub.pem"]
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "hsk.pem").stat().st_mode & 0o777 == 0o600


def test_run_inside_a_catalogue_the_commands_find_it_or_say_what_to_do(tmp_path: Path) -> None:
    from support.catalogue import MINI, copy_catalogue
    from support.git import commit_all, init

    definitions = copy_catalogue(tmp_path / "repo" / "definitions", MINI)
    init(tmp_path / "repo")
    commit_all(tmp_path / "repo", "Katalog")
    akte = definitions / "fachakten" / "beispiel.yaml"
    text = akte.read_text(encoding="utf-8")
    akte.write_text(text.replace("disposition: V", "disposition: vernichten", 1), "utf-8")
    for cwd, shown in (
        (definitions / "fachakten", "beispiel.yaml:"),
        (definitions, "fachakten/beispiel.yaml:"),
        (tmp_path / "repo", "definitions/fachakten/beispiel.yaml:"),
    ):
        result = invoke_cli("validate", cwd=cwd)
        assert result.exit_code == 1, (cwd, result.stderr)
        assert result.stdout.startswith(shown) and "FA104" in result.stdout, result.stdout
    # From a subfolder the note names the catalogue; fmt and check-version find it too.
    note = "note: no definitions/ folder here; working on the catalogue .."
    assert invoke_cli("validate", cwd=definitions / "fachakten").stderr == note + "\n"
    fmt = invoke_cli("fmt", "--check", cwd=definitions / "bausteine")
    assert fmt.stderr.startswith(note) and "already formatted" in fmt.stderr, fmt.stderr
    akte.write_text(text.replace("\ntitle: ", "\ntitle: Neue ", 1), "utf-8")
    versions = invoke_cli("check-version", "--base", "HEAD", cwd=definitions / "fachakten")
    assert versions.exit_code == 1 and "FD001" in versions.stdout, versions.stderr
    scaffold = invoke_cli(
        "new", "neu", "--owners", "nordstadt,suedstadt,westdorf", cwd=definitions / "fachakten"
    )
    assert scaffold.exit_code == 0, scaffold.stderr
    assert (definitions / "fachakten" / "neu.yaml").is_file() and note in scaffold.stderr
    (definitions / "fachakten" / "neu.yaml").unlink()
    (tmp_path / "repo" / "docs").mkdir()
    beside = invoke_cli("validate", cwd=tmp_path / "repo" / "docs")
    assert beside.exit_code == 0 and "working on the catalogue ../definitions" in beside.stderr
    # Outside any catalogue: what to do, in either language, exit 2.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for lang, words, paths in (
        ("en", "no catalogue here: ", "as PATHS"),
        ("de", "hier ist kein Katalog: ", "als PFADE"),
    ):
        result = invoke_cli("validate", cwd=elsewhere, env={"FACHAKTE_LANG": lang})
        assert result.exit_code == 2 and words + str(elsewhere) in result.stderr
        assert paths in result.stderr and "Traceback" not in result.stderr


def test_compile_inside_a_catalogue_builds_beside_it(tmp_path: Path, invoke: Invoke) -> None:
    from support.catalogue import MINI, copy_catalogue

    repo = tmp_path / "repo"
    definitions = copy_catalogue(repo / "definitions", MINI)
    (repo / "docs").mkdir()
    for cwd in (definitions / "fachakten", definitions, repo / "docs"):
        result = invoke("compile", "--target", "doxis4", cwd=cwd)
        assert result.exit_code == 0, result.output
        assert (repo / "build" / ".fachakte-build").is_file()
        assert not (cwd / "build").exists() or cwd == repo
    # Named PATHS keep the documented default: build/ in the working folder.
    named = invoke("compile", definitions, "--target", "doxis4", cwd=tmp_path)
    assert named.exit_code == 0, named.output
    assert (tmp_path / "build" / ".fachakte-build").is_file()


def test_a_partial_compile_says_how_much_of_the_folder_is_older(
    tmp_path: Path, invoke: Invoke
) -> None:
    from support.catalogue import MINI, copy_catalogue

    definitions = copy_catalogue(tmp_path / "definitions", MINI)
    out = tmp_path / "build"
    full = invoke("compile", definitions, "-o", out)
    assert full.exit_code == 0, full.output
    assert "earlier build" not in full.stderr
    total = sum(1 for p in out.rglob("*") if p.is_file() and p.name != ".fachakte-build")
    part = invoke("compile", definitions, "-o", out, "--tenant", "nordstadt", "--target", "doxis4")
    assert part.exit_code == 0, part.output
    written = int(re.search(r": (\d+) files in ", part.stdout).group(1))  # type: ignore[union-attr]
    assert 0 < written < total
    assert (
        f"note: {total - written} other files in {os.path.relpath(out)} are from an earlier build "
        "(--tenant, --target narrowed this one); compile without --tenant, --target to bring "
        "them up to date"
    ) in part.stderr


def test_new_and_import_name_their_own_catalogue_option(tmp_path: Path, invoke: Invoke) -> None:
    (tmp_path / "x.xml").write_text("<x/>", encoding="utf-8")
    for args in (("new", "marktwesen", "--owners", "a,b,c"), ("import-aktenplan", "x.xml")):
        result = invoke(*args, cwd=tmp_path)
        assert result.exit_code == 2, result.output
        assert "name the catalogue folder with --definitions" in result.stderr, result.stderr
        assert "PATHS" not in result.stderr and "PFADE" not in result.stderr
    result = invoke("new", "marktwesen", "--owners", "a,b,c", "--definitions", tmp_path)
    assert result.exit_code == 2
    assert "a catalogue holds tenants.yaml" in result.stderr, result.stderr
