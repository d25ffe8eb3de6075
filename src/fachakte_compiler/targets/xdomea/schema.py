"""Validation against the official xdomea 3.0.0 XSDs, which users supply (we may not ship them).

The schema is compiled once per process and folder; lxml needs a few milliseconds for it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from fachakte_compiler.i18n import _
from fachakte_compiler.targets import TargetError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from lxml import etree

ENTRY = "xdomea.xsd"


def require_entry(xsd_dir: Path) -> Path:
    """The official entry XSD in `xsd_dir`; TargetError when the folder has none."""
    entry = xsd_dir / ENTRY
    if not entry.is_file():
        raise TargetError(
            _(
                "{xsd_dir}: no {ENTRY} found; --xsd-dir must name the folder of the "
                "official xdomea 3.0.0 XSDs"
            ).format(xsd_dir=xsd_dir, ENTRY=ENTRY)
        )
    return entry


@cache
def _schema(xsd_dir: Path) -> etree.XMLSchema:
    from lxml import etree

    entry = require_entry(xsd_dir)
    try:
        # The XSDs include ../xoev/ by relative path; parsing from the file keeps the base URL.
        return etree.XMLSchema(etree.parse(str(entry), etree.XMLParser(no_network=True)))
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError, OSError) as exc:
        raise TargetError(
            _("{entry}: not a usable XML Schema: {error}").format(entry=entry, error=exc)
        ) from exc


def load_schema(xsd_dir: Path) -> etree.XMLSchema:
    return _schema(xsd_dir.resolve())


def schema_errors(data: bytes, xsd_dir: Path) -> list[str]:
    """Problems the official XSDs find in a message, as 'line N: message'; empty when valid."""
    from lxml import etree

    schema = load_schema(xsd_dir)
    try:
        document = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: {exc.msg}"]
    if schema.validate(document):
        return []
    # lxml-stubs do not declare that an error log is iterable.
    entries = cast("Iterable[etree._LogEntry]", schema.error_log)
    return [f"line {e.line}: {_where(e.path)}{e.message}" for e in entries]


def _where(path: str | None) -> str:
    """'…/xdomea:Aussonderungsart[1]/code' -> 'in Aussonderungsart/code: ' (lxml alone names
    only the innermost element, often a bare 'code')."""
    if not path:
        return ""
    steps = [re.sub(r"\[\d+\]$", "", s).split(":")[-1] for s in path.split("/")[-2:]]
    return f"in {'/'.join(steps)}: "


def check(data: bytes, xsd_dir: Path, name: str) -> None:
    """Raise TargetError naming the file and the first offending line if `data` is invalid."""
    errors = schema_errors(data, xsd_dir)
    if errors:
        more = (
            " " + _("(and {count} more)").format(count=len(errors) - 1) if len(errors) > 1 else ""
        )
        raise TargetError(
            _(
                "{name}:{error}{more}; it does not validate against the xdomea "
                "3.0.0 XSDs in {xsd_dir}"
            ).format(name=name, error=errors[0].removeprefix("line "), more=more, xsd_dir=xsd_dir)
        )
