"""Drift reports: text, json, junit (one test case per compared object) and markdown of their
own; github, sarif and codequality through validate's writers (findings_as_diagnostics)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from fachakte_compiler import __version__
from fachakte_compiler.diagnostics.diagnostic import Diagnostic
from fachakte_compiler.drift.finding import CATEGORY_LABELS, Finding
from fachakte_compiler.xml_chars import xml_safe as xml_text

REPORT_FORMATS = ("text", "json", "github", "sarif", "junit", "codequality", "markdown")
# Written by the finding writers of validate (fachakte_compiler.diagnostics.formats).
FINDING_FORMATS = ("github", "sarif", "codequality")


@dataclass(frozen=True)
class DriftResult:
    """`compared`: (category, name) of every object the comparison looked at, for JUnit."""

    tenant: str
    source: str  # what was read: a URL, a snapshot folder or an export file
    release: str  # what it was compared with
    findings: tuple[Finding, ...]
    compared: tuple[tuple[str, str], ...]


def render(result: DriftResult, fmt: str, german: bool) -> str:
    return {"text": _text, "json": _json, "junit": _junit, "markdown": _markdown}[fmt](
        result, german
    )


def findings_as_diagnostics(result: DriftResult, file: str, german: bool) -> list[Diagnostic]:
    """Each difference as a finding of `file` (what the installation was compared with: the
    catalogue folder or the release's release.json), without a line: it is about the
    installation, not about a line of the catalogue."""
    return [Diagnostic(f.code, _line(f, german), file) for f in result.findings]


def _line(f: Finding, german: bool) -> str:
    return f.de if german else f.en


def _text(result: DriftResult, german: bool) -> str:
    lines = [f"{f.code} {_line(f, german)}" for f in result.findings]
    if german:
        summary = (
            f"Mandant {result.tenant}: {len(result.findings)} "
            f"{'Abweichung' if len(result.findings) == 1 else 'Abweichungen'} gegenüber "
            f"{result.release}"
            if result.findings
            else f"Mandant {result.tenant}: keine Abweichung gegenüber {result.release}"
        )
    else:
        summary = (
            f"tenant {result.tenant}: {len(result.findings)} "
            f"difference{'' if len(result.findings) == 1 else 's'} from {result.release}"
            if result.findings
            else f"tenant {result.tenant}: no drift from {result.release}"
        )
    return "\n".join([*lines, summary]) + "\n"


def _json(result: DriftResult, german: bool) -> str:
    data = {
        "tool": "fachakte",
        "version": __version__,
        "tenant": result.tenant,
        "source": result.source,
        "release": result.release,
        "drift": bool(result.findings),
        "compared": len(result.compared),
        "findings": [
            {
                "code": f.code,
                "rule": f.kind.name,
                "category": f.category,
                "object": f.object,
                "message": f.en,
                "message_de": f.de,
            }
            for f in result.findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _by_object(findings: Iterable[Finding]) -> dict[tuple[str, str], list[Finding]]:
    grouped: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        grouped.setdefault((f.category, f.object), []).append(f)
    return grouped


def _junit(result: DriftResult, german: bool) -> str:
    from lxml import etree

    grouped = _by_object(result.findings)
    objects = sorted(set(result.compared) | set(grouped))
    counts = {"tests": str(len(objects)), "failures": str(len(grouped)), "errors": "0"}
    root = etree.Element("testsuites", attrib={"name": "fachakte drift", **counts})
    suite_name = f"drift {result.tenant}"
    suite = etree.SubElement(
        root, "testsuite", attrib={"name": suite_name, "skipped": "0", **counts}
    )
    for category, name in objects:
        label = CATEGORY_LABELS[category][1 if german else 0]
        case = etree.SubElement(
            suite,
            "testcase",
            classname=f"{suite_name}.{category}",
            name=xml_text(f"{label} {name}"),
        )
        found = grouped.get((category, name))
        if found:
            failure = etree.SubElement(
                case, "failure", message=xml_text(_line(found[0], german)), type=found[0].code
            )
            failure.text = xml_text("\n".join(f"{f.code} {_line(f, german)}" for f in found))
    etree.indent(root)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True).decode() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(result: DriftResult, german: bool) -> str:
    if german:
        head = (
            f"# Abweichungsprüfung Mandant {result.tenant}\n\n"
            f"Gelesen: `{result.source}`  \nVerglichen mit: `{result.release}`\n"
        )
        none = "Keine Abweichung: die Installation entspricht dem Release.\n"
        columns = "| Code | Objekt | Abweichung |\n|---|---|---|"
    else:
        head = (
            f"# Drift of tenant {result.tenant}\n\n"
            f"Read: `{result.source}`  \nCompared with: `{result.release}`\n"
        )
        none = "No drift: the installation holds exactly the release.\n"
        columns = "| Code | Object | Difference |\n|---|---|---|"
    if not result.findings:
        return f"{head}\n{none}"
    rows = [f"| {f.code} | `{f.object}` | {_cell(_line(f, german))} |" for f in result.findings]
    return "\n".join([head, columns, *rows]) + "\n"
