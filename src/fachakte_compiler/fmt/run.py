"""Formatting a set of files: which change, which cannot be formatted, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.load.catalogue import Catalogue, discover


@dataclass
class Outcome:
    catalogue: Catalogue
    changed: dict[Path, str] = field(default_factory=dict)
    unchanged: list[Path] = field(default_factory=list)
    refused: list[Diagnostic] = field(default_factory=list)
    # Files whose formatted text would not load to the same data and comments (fmt.verify),
    # as "file:line: message": they are left as they are.
    defects: list[str] = field(default_factory=list)


def format_paths(paths: list[Path]) -> Outcome:
    """Format every selected file that loads. A file whose text is already canonical is
    recognised without the ruamel.yaml round trip (fmt.fastcheck); line endings alone are no
    reason to reformat, and a file written with CRLF is rewritten with CRLF."""
    from fachakte_compiler.fmt.canonical import format_text
    from fachakte_compiler.fmt.fastcheck import already_canonical
    from fachakte_compiler.fmt.verify import check_formatted

    catalogue = discover(paths)
    outcome = Outcome(catalogue)
    errors: dict[str, list[Diagnostic]] = {}
    for diagnostic in catalogue.diagnostics:
        if diagnostic.is_error:
            errors.setdefault(diagnostic.file, []).append(diagnostic)
    for source in sorted(catalogue.files, key=lambda f: f.display):
        if source.path not in catalogue.selected:
            continue
        if not source.loaded or source.display in errors:
            outcome.refused.extend(errors.get(source.display, []))
            continue
        raw = source.path.read_bytes().decode("utf-8")
        text = raw.replace("\r\n", "\n")
        if already_canonical(text, source.kind):
            outcome.unchanged.append(source.path)
            continue
        formatted = format_text(text, source.kind)
        defect = check_formatted(source, formatted)
        if defect is not None:
            outcome.defects.append(defect.shown(source.display))
            continue
        if formatted == text:
            outcome.unchanged.append(source.path)
        else:
            crlf = "\r\n" in raw
            outcome.changed[source.path] = formatted.replace("\n", "\r\n") if crlf else formatted
    return outcome
