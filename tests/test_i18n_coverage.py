"""No user-facing text can stay English-only: a scan of the sources fails on any text that
reaches the user without a gettext call, and the real command speaks German or English
throughout on representative broken inputs.

The scan covers the channels through which texts reach the user: the message of every
exception raised or built (the errors.py hierarchy and every other exception class the
package defines), click.echo/secho, click's UsageError/BadParameter/ClickException, and the
message, hint and notes of a finding (Diagnostic, Finding). A text is an English literal
there - a string, an f-string, a `"..." + ...` or a `"...".format(...)` - with words in it
that is not wrapped in `_()`/`ngettext()`. Code declarations (`code`, `define`, ...) must
give their summary and explanation as plain literals, or extraction cannot find them.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_catalogue, invoke_cli
from fachakte_compiler.i18n.extract import CODE_CALLS
from support.sources import nodes, package_trees

MINI = Path(__file__).parent / "fixtures" / "mini"
GETTEXT = {"_", "ngettext"}
# Calls that put their first argument (or `message=`) in front of the user.
SHOWN_FIRST = {"echo", "secho", "UsageError", "BadParameter", "ClickException", "Failure"}
# Findings: the message is the second argument (after the code).
FINDINGS = {"Diagnostic", "Finding"}
FINDING_KEYWORDS = {"message", "hint", "notes"}
# Exceptions whose message is for developers, not users: defects of the tool (reported as
# "internal error", exit 2) and exceptions that are caught and replaced inside the package.
DEVELOPER_EXCEPTIONS = {
    "AssertionError": "a defect",
    "InternalError": "a defect of a rule, reported as internal error",
    "KeyError": "a defect",
    "NotImplementedError": "a defect",
    "RuntimeError": "a defect",
    "TypeError": "a defect (a value the code cannot handle)",
    "ValueError": "a defect where raised with a literal; user input raises FachakteError",
    "ValidationError": "jsonschema's errors, described anew by check/schema.py",
    "Unsupported": "docs/patterns.py: a pattern is then described without words",
}
# Literals with letters that are no text to translate: (file, literal) -> why.
NOT_TEXT = {
    ("check/schema.py", "version: {}"): "a line of YAML to write",
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _texts(node: ast.expr | None) -> Iterator[str]:
    """The literal text pieces of an expression that are not inside a gettext call."""
    if node is None:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(
            "{}" if isinstance(v, ast.FormattedValue) else str(v.value) for v in node.values
        )
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                yield from _texts(value.value)
    elif isinstance(node, ast.BinOp):
        yield from _texts(node.left)
        yield from _texts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _texts(value)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _texts(element)
    elif isinstance(node, ast.GeneratorExp | ast.ListComp):
        yield from _texts(node.elt)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("format", "join")
    ):
        # "...".format(...) and ", ".join(...): the receiver is text too; _("...").format(...)
        # is translated (the receiver is a gettext call, which yields nothing).
        yield from _texts(node.func.value)
        for argument in node.args:
            yield from _texts(argument)
        for keyword in node.keywords:
            yield from _texts(keyword.value)


def _exception_classes(trees: dict[str, ast.Module]) -> set[str]:
    """Every exception class the package defines (by name), and the builtin ones."""
    known = {"Exception", "OSError", "FileNotFoundError"} | set(DEVELOPER_EXCEPTIONS)
    classes = [n for t in trees.values() for n in nodes(t) if isinstance(n, ast.ClassDef)]
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls.name not in known and any(_name(b) in known for b in cls.bases):
                known.add(cls.name)
                changed = True
    return known - set(DEVELOPER_EXCEPTIONS)


def _shown_arguments(call: ast.Call, exceptions: set[str]) -> list[ast.expr]:
    name = _name(call.func)
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    if name in FINDINGS:
        return [*call.args[1:2], *(v for k, v in keywords.items() if k in FINDING_KEYWORDS)]
    if name in SHOWN_FIRST or name in exceptions:
        return [*call.args[:1], *(v for k, v in keywords.items() if k == "message")]
    return []


def _trees() -> dict[str, ast.Module]:
    """Every module of the package, parsed once for all scans."""
    return package_trees()


def untranslated_texts(trees: dict[str, ast.Module]) -> list[str]:
    """`file:line: callee: text` for every English text that reaches the user untranslated."""
    exceptions = _exception_classes(trees)
    found = []
    for rel, tree in trees.items():
        for node in nodes(tree):
            if not isinstance(node, ast.Call):
                continue
            for argument in _shown_arguments(node, exceptions):
                for text in _texts(argument):
                    words = _WORD.search(_PLACEHOLDER.sub("", text))
                    if words and (rel, text) not in NOT_TEXT:
                        found.append(f"{rel}:{node.lineno}: {_name(node.func)}: {text!r}")
    return found


def test_every_text_shown_to_the_user_goes_through_gettext() -> None:
    found = untranslated_texts(_trees())
    assert not found, (
        "wrap these texts in _() or ngettext() (then `make messages` and translate them):\n"
        + "\n".join(found)
    )


def test_the_scan_finds_each_kind_of_untranslated_text() -> None:
    # The scan itself must not be blind: one sample of every channel it covers.
    sample = ast.parse(
        "\n".join(
            [
                "class WrongThing(FachakteError): pass",
                "raise WrongThing(f'{path} is broken')",
                "raise GitError('git failed: ' + reason)",
                "click.echo('modified: {file}'.format(file=f))",
                "click.secho(f'error: {x}' if bad else _('fine'))",
                "raise click.UsageError('give --out')",
                "Diagnostic('FA007', 'tab used', where, hint='use spaces')",
                "Diagnostic('FA007', _('tab used'), where, hint=_('use {n} spaces').format(n=2))",
                "raise ValueError('a defect')",
                "click.echo(f'{where}: {message}')",
            ]
        )
    )
    found = [f for f in untranslated_texts({**_trees(), "sample.py": sample}) if "sample" in f]
    assert [line.split(": ", 2)[1] for line in found] == [
        "WrongThing",
        "GitError",
        "echo",
        "secho",
        "UsageError",
        "Diagnostic",
        "Diagnostic",
    ], found


def test_code_texts_are_plain_literals_that_extraction_finds() -> None:
    # An f-string or a variable as summary or explanation is never extracted, so it would
    # stay English (FA218's explanation was an f-string). The declaring helpers themselves
    # pass their parameters on; they are the definitions, not declarations.
    helpers = {"diff/rules/__init__.py", "drift/codes.py"}
    found = []
    for rel, tree in _trees().items():
        if rel in helpers:
            continue
        for node in nodes(tree):
            if isinstance(node, ast.Call) and _name(node.func) in CODE_CALLS:
                for position in CODE_CALLS[_name(node.func)]:
                    argument = node.args[position] if len(node.args) > position else None
                    plain = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                    if argument is not None and not plain:
                        found.append(f"{rel}:{node.lineno}: argument {position}")
    assert not found, found


def test_help_texts_are_literals_that_extraction_finds() -> None:
    # Extraction reads `help=` texts where they are written; one composed at run time
    # (`KEY_HELP.format("public")`, an f-string, a sum) is never extracted and stays English.
    found = []
    for rel, tree in _trees().items():
        for node in nodes(tree):
            if isinstance(node, ast.keyword) and node.arg in ("help", "short_help", "epilog"):
                value = node.value
                composed = isinstance(value, ast.JoinedStr | ast.BinOp) or (
                    isinstance(value, ast.Call) and _name(value.func) == "format"
                )
                if composed:
                    found.append(f"{rel}:{value.lineno}: {ast.unparse(value)[:60]}")
    assert not found, found


def test_reasons_of_the_operating_system_are_translated_too() -> None:
    # OSError.strerror is the C library's English whatever FACHAKTE_LANG says; every message
    # takes the reason from i18n.os_reason instead.
    found = [
        f"{rel}:{node.lineno}"
        for rel, tree in _trees().items()
        if rel != "i18n/__init__.py"
        for node in nodes(tree)
        if isinstance(node, ast.Attribute) and node.attr == "strerror"
    ]
    assert not found, f"use fachakte_compiler.i18n.os_reason(exc): {found}"


# Representative broken inputs, run through the real command in both languages. Each entry:
# arguments (MINI is the test catalogue's copy, BROKEN a file made broken for the case), then
# a word that must appear in German output and one that must appear in English output.
ENGLISH_WORDS = re.compile(
    r"\b(error|warning|modified|missing|added|did you mean|nothing was written|"
    r"not a|cannot|refusing|is not|unknown|help|note)\b",
    re.IGNORECASE,
)


def _run(lang: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # In-process: the language is chosen per call (FACHAKTE_LANG), not per process.
    result = invoke_cli(*args, cwd=cwd, env={"FACHAKTE_LANG": lang})
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test catalogue with a tab indentation (FA007), a version with a line break (FA105),
    a broken release folder, a ZIP that is none, and a folder that is no output folder."""
    root = tmp_path_factory.mktemp("coverage")
    catalogue = copy_catalogue(root / "mini", MINI)
    fachakte = catalogue / "fachakten" / "beispiel.yaml"
    text = fachakte.read_text(encoding="utf-8")
    fachakte.write_text(text.replace("version: 1.2.0", 'version: "1.2.0\\n"', 1), "utf-8")
    tabbed = catalogue / "bausteine" / "person.yaml"
    lines = tabbed.read_text(encoding="utf-8").split("\n")
    indented = next(i for i, line in enumerate(lines) if line.startswith("  "))
    lines[indented] = "\t" + lines[indented][2:]
    tabbed.write_text("\n".join(lines), encoding="utf-8")
    copy_catalogue(root / "old", MINI)
    changed = copy_catalogue(root / "new", MINI) / "fachakten" / "beispiel.yaml"
    value = "      - key: folgeantrag\n        label: Folgeantrag\n"
    changed.write_text(changed.read_text(encoding="utf-8").replace(value, ""), "utf-8")
    release = root / "release"
    release.mkdir()
    gone = {"path": "packages/gone.zip", "sha256": "0" * 64}
    (release / "release.json").write_text(json.dumps({"files": [gone]}), encoding="utf-8")
    (release / "extra.txt").write_text("x", encoding="utf-8")
    (root / "fake.zip").write_bytes(b"PK\x03\x04 not really a zip file at all")
    (root / "unclosed.yaml").write_text("a: [\n", encoding="utf-8")
    occupied = root / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine", encoding="utf-8")
    return root


CASES = {
    "validate": (("validate", "mini"), "Fehler", "error"),
    "explain-unknown": (("explain", "FA2011"), "gemeint", "did you mean"),
    "verify-folder": (("verify", "release", "--no-signature"), "hinzugefügt", "added"),
    "verify-zip": (("verify", "fake.zip", "--no-signature"), "fake.zip", "fake.zip"),
    "yaml-parser": (("validate", "unclosed.yaml"), "kein gültiges YAML", "not valid YAML"),
    "diff": (
        ("diff", "old", "new"),
        "Wert „Folgeantrag“ (antragsart.folgeantrag) entfernt",
        "removed",
    ),
    "schema-write-refused": (
        ("schema", "--write", "fake.zip/schemas"),
        "kein Ordner",
        "Not a directory",
    ),
    "compile-occupied": (
        ("compile", "mini", "-o", "occupied"),
        "nicht leer",
        "not empty",
    ),
    "explain-change-rule": (("explain", "FD101"), "Gespeicherte", "Stored records"),
}


def _words(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_inputs_speak_the_chosen_language(broken: Path, case: str) -> None:
    args, german_word, english_word = CASES[case]
    german, english = _run("de", *args, cwd=broken), _run("en", *args, cwd=broken)
    assert german.returncode == english.returncode, (german, english)
    assert "Traceback" not in _words(german) + _words(english)
    assert german_word in _words(german), _words(german)
    assert english_word in _words(english), _words(english)
    # Nothing English in the German run, except what is no text: paths, codes, keys, values
    # and the names of options.
    leftovers = [
        line
        for line in _words(german).splitlines()
        if ENGLISH_WORDS.search(re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|--[\w-]+|\S*/\S*", "", line))
    ]
    assert not leftovers, "\n".join(leftovers)


def test_a_quoted_value_shows_its_line_break_as_an_escape(broken: Path) -> None:
    result = _run("en", "validate", "mini", cwd=broken)
    findings = [line for line in result.stdout.splitlines() if "FA105" in line]
    assert findings and all("'1.2.0\\n'" in line for line in findings), result.stdout
    assert "write 1.2.0" in result.stdout
    assert "FA007" in result.stdout


@pytest.mark.parametrize("lang", ["de", "en"])
def test_editor_quick_fixes_read_hints_in_either_language(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The language server makes its quick fixes from the hints, which are written in the
    # user's language: a German hint must give the same fix as an English one.
    from fachakte_compiler.diagnostics.suggest import did_you_mean, is_id
    from fachakte_compiler.i18n import _
    from fachakte_compiler.lsp.convert import replacement

    monkeypatch.setenv("FACHAKTE_LANG", lang)
    hint = did_you_mean("abmelde_datum", ["abmeldedatum", "anmeldedatum"], valid=is_id)
    assert hint is not None
    title, text = replacement(hint, "abmelde_datum") or ("", "")
    assert text == "abmeldedatum"
    assert ("ersetzen" in title) == (lang == "de"), title
    quote = _('put it in quotes: "{raw}"').format(raw="010")
    assert replacement(quote, "010") == (_("Put in quotes"), '"010"')
    alone = _("write the date alone: {isoformat}").format(isoformat="2026-01-01")
    title, text = replacement(alone, '"2026-01-01 10:00"') or ("", "")
    assert text == "2026-01-01" and ("ersetzen" in title) == (lang == "de"), title


def test_target_notes_follow_the_language_of_each_run(broken: Path) -> None:
    # Notes are kept in English in the build cache and translated when shown, so a build
    # read from the cache speaks the language of the run that shows it.
    clean = copy_catalogue(broken / "clean", MINI)
    german = _run("de", "compile", str(clean), "-o", "built-de", cwd=broken)
    english = _run("en", "compile", str(clean), "-o", "built-en", cwd=broken)
    assert german.returncode == english.returncode == 0, german.stderr + english.stderr
    assert "Hinweis: xdomea: Aktenplanebenen ohne Titel" in german.stderr, german.stderr
    assert "note: xdomea: file plan levels without a title" in english.stderr, english.stderr
    assert "file plan" not in german.stderr


def test_an_error_shows_control_characters_of_a_quoted_value_as_escapes(broken: Path) -> None:
    # The value comes from the command line; its line break must not split the error line.
    result = _run("en", "explain", "FA\n201", cwd=broken)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: unknown code 'FA\\n201' (did you mean 'FA201'?); run 'fachakte explain' for the "
        "list"
    ), result.stderr
