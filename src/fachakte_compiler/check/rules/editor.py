"""Every definition file tells editors its schema, so authors get completion and German help."""

from __future__ import annotations

import re
from pathlib import Path

from fachakte_compiler.check.context import Context
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import (
    EXAMPLE_FACHAKTE,
    Diagnostic,
    Example,
    Severity,
    Span,
    code,
)
from fachakte_compiler.i18n import _
from fachakte_compiler.load.source import as_committed
from fachakte_compiler.resources import SCHEMA_KINDS, schema_path

FA013 = code(
    "FA013",
    "schema-comment",
    "file does not name its JSON Schema for editors",
    """
    The first line of a definition file is `# yaml-language-server: $schema=PATH`, with PATH
    the relative path to the schema of the file's kind (fachakte.schema.json,
    baustein.schema.json, tenants.schema.json, delegations.schema.json or
    aktenplan.schema.json). Editors with the YAML language server (VS Code, IntelliJ, Neovim)
    then complete keys, flag errors while typing and show the German titles and descriptions
    of the schema. Example for a Fachakte:
    `# yaml-language-server: $schema=../../schemas/fachakte.schema.json`

    The path must reach the schema from the file's folder, and the schema there should be the
    one of this fachakte version: in a separate definitions repository write the schemas with
    `fachakte schema --write schemas` and refresh them after an update the same way.""",
    Severity.WARNING,
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "# yaml-language-server: $schema=../../schemas/fachakte.schema.json",
            "# Beispielakte",
            "# Beispielakte",
        ),
        Example(
            EXAMPLE_FACHAKTE,
            "schemas/fachakte.schema.json",
            "schemas/baustein.schema.json",
            "# yaml",
        ),
    ),
)

_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")


def _copy_problem(folder: Path, named: str, kind: str) -> tuple[str, str] | None:
    """(message, hint) when the modeline's schema does not exist or is not this compiler's."""
    if "://" in named:
        return None  # a URL: editors fetch it, we cannot check it offline
    target = (folder / named).resolve()
    if not target.is_file():
        return (
            _("the schema '{named}' does not exist (seen from {folder}/)").format(
                named=named, folder=folder.name
            ),
            _("write the schemas with `fachakte schema --write DIR` and name that path"),
        )
    try:
        # A clone with CRLF line ends (core.autocrlf) holds the same schema.
        same = as_committed(target.read_bytes()) == as_committed(schema_path(kind).read_bytes())
    except OSError:
        return None
    if same:
        return None
    return (
        _("the schema '{named}' differs from this compiler's {kind}.schema.json").format(
            named=named, kind=kind
        ),
        _("refresh the copy with `fachakte schema --write {folder}`").format(
            folder=target.parent.as_posix()
        ),
    )


@rule(FA013)
def schema_comment(ctx: Context) -> None:
    for source in ctx.catalogue.files:
        if not source.loaded or source.kind not in SCHEMA_KINDS:
            continue
        expected = f"{source.kind}.schema.json"
        first = source.text.lstrip("\ufeff").split("\n", 1)[0]
        match = _SCHEMA_LINE.match(first)
        if match is None:
            message, hint = (
                _("first line does not name the JSON Schema"),
                _("start the file with '# yaml-language-server: $schema=…/{expected}'").format(
                    expected=expected
                ),
            )
        elif not match.group(1).endswith(expected):
            message, hint = (
                _("first line names '{named}'").format(named=match.group(1)),
                (
                    _("an {kind} file uses {expected}")
                    if source.kind[:1] in "aeiou"
                    else _("a {kind} file uses {expected}")
                ).format(kind=source.kind, expected=expected),
            )
        else:
            problem = _copy_problem(source.path.parent, match.group(1), source.kind)
            if problem is None:
                continue
            message, hint = problem
        ctx.diagnostics.append(
            Diagnostic(FA013.code, message, source.display, Span(1, 1), FA013.severity, hint)
        )
