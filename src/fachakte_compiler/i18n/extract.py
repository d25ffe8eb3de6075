"""Extract the msgids of the sources into the German catalogue (`make messages`); needs Babel,
a build and development dependency, never imported by the installed command.

Besides Babel's gettext calls (`_`, `N_`, `ngettext`, `N_plural`) this finds the texts that
are written as plain strings where they are defined and translated where they are shown: click
help texts (`help=`, `short_help=`, `epilog=`, the docstring of a function decorated as a
command or group) and the summary and explanation of each diagnostic code (`code(...)`).
"""

from __future__ import annotations

import ast
import os
import sys
import textwrap
from collections.abc import Collection, Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from fachakte_compiler.i18n import help_text

PACKAGE = Path(__file__).resolve().parent.parent
# The checkout: babel.cfg names the files and the extraction method.
ROOT = PACKAGE.parent.parent
PO_FILE = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "fachakte.po"
HELP_KEYWORDS = ("help", "short_help", "epilog", "metavar")
DECORATORS = ("command", "group")
# Calls that declare a diagnostic code, with the positions of its summary and explanation:
# code(code_id, name, summary, explanation, ...), the drift codes' _kind(code_id, name,
# summary, en, de, explanation) and the change rules' define(code_id, name, summary, en, de,
# explanation) and define_unversioned(code_id, name, bump, summary, en, de, explanation).
CODE_CALLS = {
    "code": {2: "summary", 3: "explanation"},
    "_kind": {2: "summary", 5: "explanation"},
    "define": {2: "summary", 5: "explanation"},
    "define_unversioned": {3: "summary", 6: "explanation"},
}


def _constant(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _shown_texts(tree: ast.AST, click_help: bool, code_texts: bool) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                text = _constant(keyword.value)
                if click_help and keyword.arg in HELP_KEYWORDS and text:
                    yield keyword.value.lineno, help_text(text)
            if code_texts and _callee(node) in CODE_CALLS:
                for position, name in CODE_CALLS[_callee(node)].items():
                    given = [k.value for k in node.keywords if k.arg == name]
                    argument = node.args[position] if len(node.args) > position else None
                    text = _constant(given[0] if given else argument)
                    if text:
                        yield node.lineno, textwrap.dedent(text).strip()
        elif click_help and isinstance(node, ast.FunctionDef):
            commands = [d for d in node.decorator_list if _callee(d) in DECORATORS]
            docstring = ast.get_docstring(node, clean=False)
            explicit = any(
                k.arg == "help" for d in commands if isinstance(d, ast.Call) for k in d.keywords
            )
            if commands and docstring and not explicit:
                yield node.lineno, help_text(docstring)


def extract(
    fileobj: IO[bytes],
    keywords: Any,
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[Any]:
    """A Babel extraction method: Babel's Python extractor plus the shown texts above (options
    from babel.cfg: `click_help` and `code_texts`, "true" or "false")."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(BytesIO(source), keywords, comment_tags, options)
    click_help, code_texts = (
        options.get(o, "true") == "true" for o in ("click_help", "code_texts")
    )
    for lineno, text in _shown_texts(ast.parse(source), click_help, code_texts):
        yield lineno, "N_", text, []


FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
KEYWORDS: dict[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)}


def catalogue() -> Any:
    """The msgids of the package's sources as a babel Catalog (sorted, with source lines)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    # A fixed date: the catalogue changes only when the texts do.
    result = Catalog(project="fachakte-compiler", charset="utf-8", creation_date=FIXED_DATE)
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS)
    for filename, lineno, message, _comments, context in sorted(found, key=lambda m: m[:2]):
        result.add(message, None, [(filename, lineno)], context=context)
    return result


def update(po_file: Path = PO_FILE) -> tuple[int, int]:
    """Merge the extracted msgids into `po_file` (new ones untranslated, changed ones fuzzy,
    vanished ones dropped); returns (msgids, translated)."""
    from babel.messages.pofile import read_po, write_po

    template = catalogue()
    with po_file.open("rb") as stream:
        german = read_po(stream, locale="de")
    german.update(template, update_header_comment=False)
    german.obsolete.clear()
    buffer = BytesIO()
    # Files without line numbers: moving code does not change the catalogue (nor conflict).
    write_po(buffer, german, width=100, include_lineno=False)
    po_file.write_bytes(buffer.getvalue())
    messages = [m for m in german if m.id]
    return len(messages), sum(1 for m in messages if translated(m))


def translated(message: Any) -> bool:
    """True when a catalogue entry has a German text for every form and is not fuzzy."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def compile_mo(po_file: Path = PO_FILE) -> Path:
    """Write the binary catalogue beside `po_file` (fuzzy entries left out); returns its path."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as stream:
        german = read_po(stream, locale="de")
    target = po_file.with_suffix(".mo")
    buffer = BytesIO()
    write_mo(buffer, german, use_fuzzy=False)
    # Replaced whole: parallel test workers may compile at the same time.
    staged = target.with_name(f".{target.name}.{os.getpid()}")
    staged.write_bytes(buffer.getvalue())
    os.replace(staged, target)
    return target


def main() -> None:
    total, translated = update()
    compile_mo()
    print(f"{PO_FILE}: {total} messages, {translated} translated, {total - translated} open")
    sys.exit(0)


if __name__ == "__main__":
    main()
