"""docs/regeln.md: the German reference of every diagnostic code, generated from the declarations
in fachakte_compiler.code_table (the same ones `fachakte explain CODE` shows, here always in
their German translation), so the page and the checks cannot drift apart. A test keeps the
checked-in page current."""

from __future__ import annotations

import textwrap

from fachakte_compiler.diagnostics import Code, Example, Severity
from fachakte_compiler.language import fixed_language

GROUPS = (
    ("FA0", "Einlesen (Kodierung, YAML-Syntax, YAML-1.1-Fallen, Editor-Hinweise)"),
    ("FA1", "JSON Schema"),
    ("FA2", "Verweise und Merkmale"),
    ("FA3", "Eindeutigkeit"),
    ("FA4", "Federführung"),
    ("FA5", "Aufbewahrung"),
    ("FA6", "Bearbeitungsablauf"),
    ("FA7", "Aufgabenübertragungen"),
    ("FA8", "Aktenplan"),
    ("FA9", "Doxis4-Namen und Topologie"),
    ("FD0", "Versionsprüfung (check-version, release)"),
    ("FD1", "Änderungen: inkompatibel (Major)"),
    ("FD2", "Änderungen: kompatibel (Minor)"),
    ("FD3", "Änderungen: redaktionell (Patch)"),
    ("FD4", "Änderungen auf Katalogebene (Mandanten, Aufgabenübertragungen, Aktenplan)"),
    ("DR1", "Abweichungsprüfung: Deskriptoren"),
    ("DR2", "Abweichungsprüfung: Dokument- und Aktenklassen"),
    ("DR3", "Abweichungsprüfung: Gruppen"),
    ("DR6", "Abweichungsprüfung: Aktenplan (xdomea-Export)"),
)
_SEVERITY = {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung"}


def _yaml(text: str) -> list[str]:
    body = textwrap.dedent(text).rstrip("\n") or "# (leer)"
    return ["```yaml", *body.split("\n"), "```"]


def _example(example: Example) -> list[str]:
    where = f"`{example.copy_to or example.file}`"
    lines = [f"Beispiel in {where} – so meldet die Prüfung den Code:", "", *_yaml(example.fails)]
    for other, _passes, fails in example.elsewhere:
        lines += ["", f"dazu in `{other}`:", "", *_yaml(fails)]
    if example.copy_to:
        lines += ["", f"(eine Kopie von `{example.file}` mit dieser Änderung)"]
    else:
        lines += ["", "So ist es richtig:", "", *_yaml(example.passes)]
    return [*lines, ""]


def _entry(code: Code) -> list[str]:
    severity = _SEVERITY.get(code.severity, code.severity.value)
    lines = [
        f"### {code.code} `{code.name}`",
        "",
        f"**{severity}:** {code.shown_summary()}",
        "",
        code.shown_explanation(),
        "",
    ]
    for example in code.examples:
        lines += _example(example)
    return lines


def reference(codes: tuple[Code, ...]) -> str:
    """The Markdown page for `codes` (all of them: fachakte_compiler.code_table.all_codes()), in
    German whatever the user's language: the page is part of the German documentation."""
    with fixed_language("de"):
        return _page(codes)


def _page(codes: tuple[Code, ...]) -> str:
    lines = [
        "# Regeln der Prüfung",
        "",
        "Erzeugt aus den Regeldeklarationen mit `fachakte explain --format markdown`; "
        "`fachakte explain CODE` zeigt dieselben Texte in der gewählten Sprache "
        "(`FACHAKTE_LANG=de` oder `en`). `FA`-Codes meldet `fachakte validate`, "
        "`FD`-Codes ordnen Änderungen für `fachakte diff` und `check-version` ein, "
        "`DR`-Codes benennen Abweichungen einer Installation für `fachakte drift`. "
        "Die Beispiele beziehen sich auf den Testkatalog `tests/fixtures/mini` "
        "und laufen als Test.",
        "",
    ]
    for prefix, title in GROUPS:
        group = [c for c in codes if c.code.startswith(prefix)]
        if group:
            lines += [f"## {prefix}xx – {title}", ""]
            for code in group:
                lines += _entry(code)
    rest = [c for c in codes if not c.code.startswith(tuple(p for p, _ in GROUPS))]
    if rest:
        lines += ["## Weitere", ""]
        for code in rest:
            lines += _entry(code)
    return "\n".join(lines).rstrip("\n") + "\n"
