"""Each schema and semantic rule, triggered by the examples of its declaration.

An example replaces a snippet of the test catalogue (tests/fixtures/mini) and names the text the
caret must point at; the expected line and column are derived from where that text stands in the
changed file. The examples live in the declarations, so docs/regeln.md shows what runs here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import copy_catalogue
from fachakte_compiler.code_table import all_codes
from fachakte_compiler.diagnostics import Code, Example, Severity

MINI = Path(__file__).parent / "fixtures" / "mini"
FA = "fachakten/beispiel.yaml"


EXAMPLES = [(c, i, e) for c in all_codes() for i, e in enumerate(c.examples, 1)]
# FA402 (owner load) needs a catalogue of its own: see test_owner_load. FA801/FA802 need an
# aktenplan.yaml, which the test catalogue deliberately lacks: see test_xdomea_aktenplan_rules.
WITHOUT_EXAMPLE = {"FA402", "FA801", "FA802"}


def _apply(root: Path, example: Example) -> tuple[str, int, int]:
    """Make the example's change in the catalogue at `root`; return the file the finding is
    expected in and the line and column of the anchor."""
    for other, old, new in example.elsewhere:
        text = (root / other).read_text(encoding="utf-8")
        assert old in text, f"{other} does not contain {old!r}"
        (root / other).write_text(text.replace(old, new, 1), encoding="utf-8")
    path = root / example.file
    changed = path.read_text(encoding="utf-8")
    for old, new in ((example.passes, example.fails), *example.also):
        assert old in changed, f"fixture does not contain {old!r}"
        changed = changed.replace(old, new, 1)
    (root / (example.copy_to or example.file)).write_text(changed, encoding="utf-8")
    index = -1
    for _ in range(example.occurrence):
        index = changed.index(example.anchor, index + 1)
    line = changed.count("\n", 0, index) + 1
    col = index - (changed.rfind("\n", 0, index) + 1) + 1
    return example.found_in or example.copy_to or example.file, line, col


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    copy_catalogue(target, MINI)
    return target


def test_fixture_is_clean(invoke: Callable[..., Result], mini: Path) -> None:
    result = invoke("validate", mini)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


@pytest.mark.parametrize(
    ("code", "number", "example"), EXAMPLES, ids=[f"{c.code}-{n}" for c, n, _ in EXAMPLES]
)
def test_example(
    invoke: Callable[..., Result], mini: Path, code: Code, number: int, example: Example
) -> None:
    """Every example of every declaration runs: the change makes the rule report its code at
    the anchor (the unchanged fixture is clean, see test_fixture_is_clean)."""
    file, line, col = _apply(mini, example)
    result = invoke("validate", mini, "--format", "json")
    report = json.loads(result.output)
    found = {
        (d["code"], Path(d["file"]).as_posix().split("mini/")[-1], d["line"], d["column"])
        for d in report["diagnostics"]
    }
    assert (code.code, file, line, col) in found, sorted(found)
    assert result.exit_code == (1 if code.severity is Severity.ERROR else 0)


def test_every_semantic_code_has_an_example() -> None:
    semantic = {c.code for c in all_codes() if c.code.startswith("FA") and c.code[2] in "12345678"}
    with_example = {c.code for c, _, _ in EXAMPLES}
    assert semantic - with_example == WITHOUT_EXAMPLE, sorted(semantic - with_example)


def test_owner_load(invoke: Callable[..., Result], mini: Path) -> None:
    text = (mini / FA).read_text(encoding="utf-8")
    for i in range(4):
        clone = text.replace("id: beispiel", f"id: kopie{i}").replace('"99.10"', f'"99.2{i}"')
        (mini / "fachakten" / f"kopie{i}.yaml").write_text(clone, encoding="utf-8")
    result = invoke("validate", mini)
    assert "warning FA402: tenant 'kreis' leads 5 Fachakten" in result.output
    assert result.exit_code == 0, result.output
