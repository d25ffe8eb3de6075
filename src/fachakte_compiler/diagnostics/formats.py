"""Machine-readable outputs: JSON, GitHub workflow commands, SARIF 2.1.0, JUnit XML."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from xml.sax.saxutils import quoteattr

from fachakte_compiler import __version__
from fachakte_compiler.diagnostics.codes import Code
from fachakte_compiler.diagnostics.diagnostic import Diagnostic

FORMATS = ("text", "json", "github", "sarif", "junit")


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


def to_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.file)}"]
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
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": entry.explanation},
        "help": {"text": entry.explanation},
        "defaultConfiguration": {"level": entry.severity.value},
    }


def to_sarif(diagnostics: list[Diagnostic], lookup: Callable[[str], Code | None]) -> str:
    """SARIF 2.1.0; `lookup` gives the documentation of a code (fachakte_compiler.code_table)."""
    codes = sorted({d.code for d in diagnostics})
    entries = [e for e in (lookup(c) for c in codes) if e is not None]
    index = {e.code: i for i, e in enumerate(entries)}
    results = []
    for d in diagnostics:
        location: dict[str, object] = {"artifactLocation": {"uri": d.file.replace("\\", "/")}}
        if d.span:
            region: dict[str, int] = {"startLine": d.span.line, "startColumn": d.span.col}
            if d.span.end_col:
                region["endColumn"] = d.span.end_col
            location["region"] = region
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": d.severity.value,
            "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
            "locations": [{"physicalLocation": location}],
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
                    "results": results,
                }
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def to_junit(diagnostics: list[Diagnostic], files: list[str]) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_file[d.file].append(d)
    failures = sum(1 for f in files if any(d.is_error for d in by_file[f]))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="fachakte validate" tests="{len(files)}" failures="{failures}">',
        f'  <testsuite name="fachakte validate" tests="{len(files)}" failures="{failures}">',
    ]
    for name in files:
        out.append(f"    <testcase classname={quoteattr(name)} name={quoteattr(name)}>")
        for d in by_file[name]:
            where = f"{d.file}:{d.span.line}:{d.span.col}" if d.span else d.file
            tag = "failure" if d.is_error else "system-out"
            body = f"{where}: {d.code}: {d.message}" + (f" ({d.hint})" if d.hint else "")
            if tag == "failure":
                out.append(
                    f"      <failure message={quoteattr(d.message)} "
                    f"type={quoteattr(d.code)}>{_xml_text(body)}</failure>"
                )
            else:
                out.append(f"      <system-out>{_xml_text('warning ' + body)}</system-out>")
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out)


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
