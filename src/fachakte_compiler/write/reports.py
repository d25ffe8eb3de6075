"""Which files a report (`-o FILE`, `--report FORMAT=FILE`) may be written to.

One guard for every command that writes reports (validate, diff, check-version, changelog,
drift), run before anything is read or written. A report never replaces a file that the same
run reads (the catalogue, a snapshot, a release, an export) or a file inside a folder it reads,
never one that another report of the same run is written to, and never a file that is not
already a report of fachakte in the same format: an existing file is replaced only when it is
empty or its content is recognised as such a report (see `looks_like_report`). A private key,
a snapshot or someone's notes are therefore left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fachakte_compiler.i18n import _, in_every_language
from fachakte_compiler.write.guard import OutputRefused, check_output_file

# A report larger than this is not ours: reading it to recognise it would only cost memory.
_MAX_REPORT_BYTES = 64 * 1024**2


@dataclass(frozen=True)
class ReportTarget:
    """One report file of a run: the option that named it (for messages), the file and the
    format written to it."""

    option: str
    path: Path
    fmt: str


def check_report_targets(targets: Sequence[ReportTarget], reads: Iterable[Path | None]) -> None:
    """Raise OutputRefused (exit 2, nothing written) unless every report of `targets` may be
    written: see the module's rules. `reads` are the files and folders the run reads."""
    inputs = [p for p in reads if p is not None]
    seen: dict[Path, ReportTarget] = {}
    for target in targets:
        resolved = target.path.resolve()
        earlier = seen.get(resolved)
        if earlier is not None:
            raise OutputRefused(
                _(
                    "{path} is named twice ({first} and {second}); give each report its own file"
                ).format(path=target.path, first=earlier.option, second=target.option)
            )
        seen[resolved] = target
        for read in inputs:
            where = read.resolve()
            if resolved == where or resolved.is_relative_to(where):
                raise _refuse(target.path, _("this run reads {input}").format(input=read))
        if not resolved.parent.is_dir():
            raise OutputRefused(
                _("cannot write {output}: the folder {folder} does not exist").format(
                    output=target.path, folder=target.path.parent
                )
            )
        check_output_file(target.path)
        if resolved.exists() and not _replaceable(resolved, target.fmt):
            raise _refuse(
                target.path,
                _(
                    "it is neither empty nor an earlier {format} report of fachakte (only "
                    "those are replaced)"
                ).format(format=target.fmt),
            )


def _refuse(path: Path, why: str) -> OutputRefused:
    return OutputRefused(
        _("refusing to overwrite {path}: {why}; choose a new file name").format(path=path, why=why)
    )


def _replaceable(path: Path, fmt: str) -> bool:
    try:
        if path.stat().st_size > _MAX_REPORT_BYTES:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return not data.strip() or looks_like_report(data, fmt)


def looks_like_report(data: bytes, fmt: str) -> bool:
    """`data` reads as a report of fachakte in `fmt`: JSON reports carry "tool": "fachakte"
    or the keys of diff's and check-version's JSON; SARIF names the driver fachakte; JUnit's
    testsuites are named "fachakte …"; Code Quality is a list of issues with check_name and
    fingerprint; GitHub annotations are workflow commands only; text and Markdown reports end
    (text) or begin (Markdown) with a line that fachakte writes there, in English or German."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if "\0" in text:
        return False
    recognise = _RECOGNISERS.get(fmt)
    return recognise is not None and recognise(text)


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


# The top-level keys of `diff --format json` and `check-version --format json`.
_DIFF_KEYS = ({"fachakten", "bausteine"}, {"fachakten", "bausteine", "catalogue", "summary"})


def _is_json(text: str) -> bool:
    document = _json(text)
    if not isinstance(document, dict):
        return False
    return document.get("tool") == "fachakte" or set(document) in _DIFF_KEYS


def _is_sarif(text: str) -> bool:
    document = _json(text)
    runs = document.get("runs") if isinstance(document, dict) else None
    if not isinstance(runs, list) or not runs:
        return False
    return all(
        isinstance(run, dict)
        and isinstance(run.get("tool"), dict)
        and isinstance(run["tool"].get("driver"), dict)
        and run["tool"]["driver"].get("name") == "fachakte"
        for run in runs
    )


def _is_codequality(text: str) -> bool:
    document = _json(text)
    return isinstance(document, list) and all(
        isinstance(issue, dict) and "check_name" in issue and "fingerprint" in issue
        for issue in document
    )


def _is_junit(text: str) -> bool:
    return re.match(r'<\?xml [^>]*\?>\s*<testsuites name="fachakte ', text) is not None


def _is_github(text: str) -> bool:
    return all(line.startswith("::") for line in text.splitlines() if line.strip())


def _pattern(template: str) -> str:
    pieces = re.split(r"\{\w+\}", template)
    return ".+".join(re.escape(piece) for piece in pieces)


@cache
def _lines(kind: str) -> re.Pattern[str]:
    """The lines that end a text report (`kind` "last") or begin a Markdown report ("first"),
    in both languages."""
    if kind == "first":
        templates = [
            *in_every_language("# Changes of the E-Fachakten since {rev}"),
            *in_every_language("## Semantic changes of the E-Fachakten"),
            # drift's Markdown report, written in both languages by drift.report itself.
            "# Drift of tenant {tenant}",
            "# Abweichungsprüfung Mandant {tenant}",
        ]
    else:
        templates = [
            *in_every_language("{checked}, no findings"),
            *in_every_language("{errors_and_warnings} in {checked}"),
            *in_every_language(
                "the catalogue has {counts} in other files: {places}; see them with "
                "`fachakte validate {catalogue}`"
            ),
            *in_every_language("no semantic changes"),
            *in_every_language(
                "{count} change in {where} ({parts})", "{count} changes in {where} ({parts})"
            ),
            *in_every_language("ok: {name} {version} is new"),
            *in_every_language("ok: {name} {old} → {new} (no bump needed)"),
            *in_every_language("ok: {name} {old} → {new} ({bump} bump needed)"),
            *in_every_language("note: {name} {version} was removed; nothing to bump ({code})"),
            # drift's summaries, written in both languages by drift.report itself.
            "tenant {tenant}: {summary}",
            "Mandant {tenant}: {summary}",
        ]
    patterns = [_pattern(t) for t in templates]
    if kind == "last":
        # check-version's text ends with a finding's block where a version is wrong: its
        # head, a source or caret line, or a note.
        words = "|".join(re.escape(w) for w in ("error", "warning", "Fehler", "Warnung"))
        patterns += [rf"\S.*: (?:{words}) [A-Z]+\d+: .*", r" *\d* \| .*", r"   = .*"]
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _is_text(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and _lines("last").fullmatch(lines[-1]) is not None


def _is_markdown(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and _lines("first").fullmatch(lines[0]) is not None


_RECOGNISERS: dict[str, Callable[[str], bool]] = {
    "json": _is_json,
    "sarif": _is_sarif,
    "codequality": _is_codequality,
    "junit": _is_junit,
    "github": _is_github,
    "text": _is_text,
    "markdown": _is_markdown,
}
