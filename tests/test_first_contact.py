"""First-contact mistakes of a new author, each through the real CLI: every missing required
key of a mapping reported at once, and explain's table aligned in either language."""

from __future__ import annotations

import json

from conftest import DEFINITIONS, run_fachakte

HUNDESTEUER = DEFINITIONS / "fachakten" / "hundesteuer.yaml"
TEXT = HUNDESTEUER.read_text(encoding="utf-8")


def _validate_buffer(text: str, *args: str) -> tuple[int, str, str]:
    result = run_fachakte("validate", "-", "--stdin-filename", HUNDESTEUER, *args, input_text=text)
    return result.returncode, result.stdout, result.stderr


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
    assert found == [
        ("'aktenplan' is missing required key 'kennzeichen'", plan_line, 1),
        ("'aktenplan' is missing required key 'title'", plan_line, 1),
        ("this entry is missing required key 'owners'", root, 1),
        ("this entry is missing required key 'title'", root, 1),
    ]
    # The text report names each one with its place, and the typo beside the missing key.
    code, out, _err = _validate_buffer(broken)
    assert out.count("error FA101") == 4
    assert f"hundesteuer.yaml:{plan_line}:1: error FA101" in out
    assert "is 'titel' a misspelling of 'title'?" in out
    german = run_fachakte(
        "validate",
        "-",
        "--stdin-filename",
        HUNDESTEUER,
        env={"FACHAKTE_LANG": "de"},
        input_text=broken,
    )
    assert german.stdout.count("FA101") == 4 and "Pflichtschlüssel" in german.stdout


def test_explain_aligns_its_columns_by_the_widest_entry_in_either_language() -> None:
    import re

    from fachakte_compiler.code_table import all_codes

    assert max(len(c.name) for c in all_codes()) > 26  # wider than the old fixed column
    for lang in ("en", "de"):
        result = run_fachakte("explain", env={"FACHAKTE_LANG": lang})
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == len(all_codes())
        # Columns are separated by at least two blanks; each of the four starts at one place.
        starts = {tuple(m.start() for m in re.finditer(r"(?:^|(?<=  ))\S", line)) for line in lines}
        assert len(starts) == 1 and len(starts.pop()) == 4, starts
    german = run_fachakte("explain", env={"FACHAKTE_LANG": "de"}).stdout
    assert "FA101    Fehler   missing-key" in german


def test_table_widths_count_columns_not_code_points() -> None:
    from fachakte_compiler.cli.table import aligned, text_width

    decomposed = "Gebu\u0308hr"  # 'Gebühr' with a combining diaeresis
    assert text_width(decomposed) == text_width("Gebühr") == 6
    assert text_width("表") == 2
    lines = aligned([(decomposed, "x"), ("Grünfläche", "y"), ("表表", "z")])
    assert [text_width(line[:-1]) for line in lines] == [12, 12, 12]
