"""Machine-readable outputs: JSON, GitHub workflow commands, SARIF 2.1.0, JUnit XML."""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fachakte_compiler import __version__
from fachakte_compiler.diagnostics.codes import Code
from fachakte_compiler.diagnostics.diagnostic import Diagnostic
from fachakte_compiler.xml_chars import escaped, xml_safe

FORMATS = ("text", "json", "github", "sarif", "junit", "codequality")


def _as_dict(d: Diagnostic) -> dict[str, object]:
    return {
        "code": d.code,
        "severity": d.severity.value,
        "message": d.message,
        "file": d.file,
        "line": d.span.line if d.span else None,
        "column": d.span.col if d.span else None,
        "end_column": d.span.end_col if d.span else None,
        "hint": d.hint,
    }


def to_json(diagnostics: list[Diagnostic], files: list[str]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    return json.dumps(
        {
            "tool": "fachakte",
            "version": __version__,
            "files": files,
            "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
            "diagnostics": [_as_dict(d) for d in diagnostics],
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _in_workspace(file: str) -> str:
    """`file` (relative to the working folder) as GitHub resolves an annotation's file:
    relative to the repository's root, $GITHUB_WORKSPACE in a workflow (GitHub Actions,
    "Workflow commands"); unchanged outside one or for a file outside it."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return file
    where = Path(os.path.abspath(file))
    root = Path(os.path.abspath(workspace))
    return where.relative_to(root).as_posix() if where.is_relative_to(root) else file


def to_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), one per
    finding; files relative to the repository root (see _in_workspace)."""
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(_in_workspace(d.file))}"]
        if d.span:
            props += [f"line={d.span.line}", f"col={d.span.col}"]
            if d.span.end_col:
                props.append(f"endColumn={d.span.end_col}")
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{d.severity.value} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def _rule_descriptor(entry: Code) -> dict[str, object]:
    return {
        "id": entry.code,
        "name": entry.name,
        "shortDescription": {"text": entry.shown_summary()},
        "fullDescription": {"text": entry.shown_explanation()},
        "help": {"text": entry.shown_explanation()},
        "defaultConfiguration": {"level": entry.severity.value},
    }


SRCROOT = "SRCROOT"


def _sarif_location(file: str, root: Path) -> dict[str, object]:
    """An artifactLocation: relative to `root` with uriBaseId where the file lies below it,
    else an absolute file URI; percent-encoded either way (RFC 3986, SARIF 2.1.0 §3.4.3)."""
    path = Path(os.path.abspath(file))
    try:
        relative = path.relative_to(root)
    except ValueError:
        return {"uri": path.as_uri()}
    return {"uri": quote(relative.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def _fingerprint(d: Diagnostic, uri: object, occurrence: int) -> str:
    # Stable while lines move: rule, file, message and which of equal findings it is.
    key = "\0".join((d.code, str(uri), d.message, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def to_sarif(
    diagnostics: list[Diagnostic],
    lookup: Callable[[str], Code | None],
    root: Path | None = None,
) -> str:
    """SARIF 2.1.0 (OASIS); `lookup` gives the documentation of a code
    (fachakte_compiler.code_table). File URIs are relative to `root` (the repository, default:
    the working folder) under the base id SRCROOT; columns count Unicode code points."""
    root = Path(os.path.abspath(root or Path.cwd()))
    codes = sorted({d.code for d in diagnostics})
    entries = [e for e in (lookup(c) for c in codes) if e is not None]
    index = {e.code: i for i, e in enumerate(entries)}
    results = []
    seen: dict[tuple[str, object, str], int] = defaultdict(int)
    for d in diagnostics:
        artifact = _sarif_location(d.file, root)
        location: dict[str, object] = {"artifactLocation": artifact}
        if d.span:
            region: dict[str, int] = {"startLine": d.span.line, "startColumn": d.span.col}
            if d.span.end_col:
                region["endColumn"] = d.span.end_col
            location["region"] = region
        occurrence = seen[(d.code, artifact["uri"], d.message)]
        seen[(d.code, artifact["uri"], d.message)] += 1
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": d.severity.value,
            "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {
                "fachakteFinding/v1": _fingerprint(d, artifact["uri"], occurrence)
            },
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    return json.dumps(
        {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "fachakte",
                            "version": __version__,
                            "rules": [_rule_descriptor(e) for e in entries],
                        }
                    },
                    "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                }
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def to_junit(diagnostics: list[Diagnostic], files: list[str]) -> str:
    """JUnit XML as the Jenkins junit-10.xsd describes it and GitLab reads it: one test suite
    per file, one test case per finding (a failure for an error, output for a warning), one
    passing test case for a file without findings. Characters XML 1.0 forbids are shown as
    escapes such as \\x01."""
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.file].append(d)
    cases = sum(max(1, len(by_file[f])) for f in files)
    failures = sum(d.is_error for d in diagnostics if d.file in files)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="fachakte validate" tests="{cases}" failures="{failures}" errors="0">',
    ]
    for name in files:
        found = by_file[name]
        failed = sum(d.is_error for d in found)
        out.append(
            f'  <testsuite name={_attr(name)} tests="{max(1, len(found))}" '
            f'failures="{failed}" errors="0" skipped="0">'
        )
        if not found:
            out.append(f"    <testcase classname={_attr(name)} name={_attr(name)}/>")
        for d in found:
            where = f"{d.file}:{d.span.line}:{d.span.col}" if d.span else d.file
            body = f"{where}: {d.code}: {d.message}" + (f" ({d.hint})" if d.hint else "")
            out.append(f"    <testcase classname={_attr(name)} name={_attr(f'{d.code} {where}')}>")
            if d.is_error:
                out.append(
                    f"      <failure message={_attr(d.message)} "
                    f"type={_attr(d.code)}>{_xml_text(body)}</failure>"
                )
            else:
                out.append(f"      <system-out>{_xml_text('warning ' + body)}</system-out>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out)


def _attr(text: str) -> str:
    # Imported here: xml.sax.saxutils imports urllib.request (about 0.1 CPU-s with http, ssl
    # and email), which every other format, and every validate and compile, can do without.
    from xml.sax.saxutils import quoteattr

    return quoteattr(xml_safe(text, escaped))


def _xml_text(text: str) -> str:
    return xml_safe(text, escaped).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
