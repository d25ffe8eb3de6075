"""Every diagnostic code is declared once, beside its check, and listed in one explicit table;
a rule may report only the codes it declares."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

import fachakte_compiler
from conftest import REPO
from fachakte_compiler.check import runner
from fachakte_compiler.check.context import Context
from fachakte_compiler.check.rules import RULES
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.code_table import CODES, all_codes, lookup
from fachakte_compiler.diagnostics import Code, code
from fachakte_compiler.language import fixed_language
from fachakte_compiler.load.catalogue import discover

MINI = Path(__file__).parent / "fixtures" / "mini"


def declared_codes() -> dict[str, list[str]]:
    """code -> the modules that declare a Code object of that name."""
    found: dict[str, list[str]] = {}
    for info in pkgutil.walk_packages(fachakte_compiler.__path__, "fachakte_compiler."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, Code) and value.__class__ is Code:
                where = found.setdefault(value.code, [])
                if not any(
                    vars(importlib.import_module(m)).get(value.code) is value for m in where
                ):
                    where.append(info.name)
    return found


def test_every_declared_code_is_in_the_table_once() -> None:
    listed = [c.code for c in all_codes()]
    assert len(listed) == len(set(listed)), "a code is listed twice"
    declared = declared_codes()
    missing = sorted(set(declared) - set(listed))
    assert not missing, f"declared but not in fachakte_compiler.code_table: {missing}"
    twice = {c: sorted(m.values()) for c, m in declared.items() if len(m) > 1}
    assert not twice, f"declared more than once: {twice}"
    assert all(lookup(c.code) is c for c in all_codes())
    assert lookup("fa201") is lookup("FA201") is not None


def test_every_rule_code_is_in_the_table_and_every_finding_code_has_a_rule() -> None:
    by_rule = [c for r in RULES for c in r.codes]
    assert set(by_rule) <= set(CODES)
    # Rule codes FA2xx–FA8xx: each belongs to a rule (FA0xx/FA1xx come from loader and schema).
    semantic = {c for c in CODES if c.code.startswith("FA") and c.code[2] in "2345678"}
    assert semantic <= set(by_rule), sorted(c.code for c in semantic - set(by_rule))


def test_the_diagnostics_package_imports_no_stage() -> None:
    probe = (
        "import sys, pkgutil, importlib, fachakte_compiler.diagnostics as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module(d.__name__ + '.' + m.name)\n"
        "stages = ('check', 'diff', 'load', 'model', 'code_table')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[1:2] and m.split('.')[1] in stages"
        " and m.startswith('fachakte_compiler.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_rule_cannot_report_a_code_it_does_not_declare(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    declared = code("FA998", "declared", "a test code", "Only for this test.")
    undeclared = code("FA999", "undeclared", "a test code", "Only for this test.")

    @rule(declared)
    def stray(ctx: Context) -> None:
        source = ctx.catalogue.files[0]
        ctx.report(undeclared, source, (), "reported without being declared")

    monkeypatch.setattr(runner, "RULES", (*RULES, stray))
    with pytest.raises(runner.InternalError, match="stray reported undeclared codes FA999"):
        runner.check_catalogue(discover([MINI]))

    @rule(declared, undeclared)
    def honest(ctx: Context) -> None:
        stray.detect(ctx)

    monkeypatch.setattr(runner, "RULES", (*RULES, honest))
    found = runner.check_catalogue(discover([MINI]))
    assert [d.code for d in found] == ["FA999"]


def test_the_rules_page_is_generated_from_the_declarations(
    invoke: Callable[..., Result],
) -> None:
    result = invoke("explain", "--format", "markdown", env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 0, result.stderr
    committed = (REPO / "docs" / "regeln.md").read_text(encoding="utf-8")
    assert result.stdout == committed, (
        "regenerate: FACHAKTE_LANG=de fachakte explain --format markdown > docs/regeln.md"
    )
    for entry in all_codes():
        assert f"### {entry.code} `{entry.name}`" in committed
        # The page is German documentation: every explanation in its German translation.
        with fixed_language("de"):
            assert entry.shown_explanation() in committed
            assert entry.shown_explanation() != entry.explanation, entry.code
        for example in entry.examples:
            assert textwrap.dedent(example.fails).strip() in committed


def test_the_rules_page_is_in_the_chosen_language(invoke: Callable[..., Result]) -> None:
    english = invoke("explain", "--format", "markdown").stdout
    assert english.startswith("# Rules of the check\n")
    assert "\n## FD1xx – Changes: breaking (major)\n" in english
    assert "Example in `fachakten/beispiel.yaml` – this is how the check reports the code:" in (
        english
    )
    for entry in all_codes():
        assert f"{entry.shown_summary()}\n\n{entry.explanation}\n" in english, entry.code
    german_words = {"Beispiel", "Fehler:", "Warnung:", "Regeln", "richtig:", "dazu"}
    assert not german_words & set(english.split())


def test_explain_lists_the_sub_codes_of_a_split_code(
    invoke: Callable[..., Result],
) -> None:
    result = invoke("explain", "fa213")
    assert result.exit_code == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[2:]] == [
        f"FA213.{i}" for i in range(1, 10)
    ]
    one = invoke("explain", "FA213.2")
    assert one.stdout.startswith("FA213.2 (key-not-for-type, error)")
    assert "`pattern` to string only" in one.stdout
