"""The reference of every diagnostic code, generated from the declarations in
fachakte_compiler.code_table (the same ones `fachakte explain CODE` shows) in the user's
language; docs/regeln.md is its German version, so the page and the checks cannot drift apart.
A test keeps the checked-in page current."""

from __future__ import annotations

import textwrap

from fachakte_compiler.diagnostics import Code, Example
from fachakte_compiler.diagnostics.render import SEVERITY_WORDS
from fachakte_compiler.i18n import N_, _

GROUPS = (
    ("FA0", N_("Reading (encoding, YAML syntax, YAML 1.1 traps, editor hints)")),
    ("FA1", N_("JSON Schema")),
    ("FA2", N_("References and descriptors")),
    ("FA3", N_("Uniqueness")),
    ("FA4", N_("Lead municipalities")),
    ("FA5", N_("Retention")),
    ("FA6", N_("Workflow")),
    ("FA7", N_("Delegations")),
    ("FA8", N_("Aktenplan")),
    ("FA9", N_("Doxis4 names and topology")),
    ("FD0", N_("Version check (check-version, release)")),
    ("FD1", N_("Changes: breaking (major)")),
    ("FD2", N_("Changes: compatible (minor)")),
    ("FD3", N_("Changes: cosmetic (patch)")),
    ("FD4", N_("Catalogue-level changes (tenants, delegations, Aktenplan)")),
    ("DR1", N_("Drift check: descriptors")),
    ("DR2", N_("Drift check: document and e-file classes")),
    ("DR3", N_("Drift check: groups")),
    ("DR6", N_("Drift check: Aktenplan (xdomea export)")),
    ("DR7", N_("Drift check: names of installed objects")),
)


def _yaml(text: str) -> list[str]:
    body = textwrap.dedent(text).rstrip("\n") or _("# (empty)")
    return ["```yaml", *body.split("\n"), "```"]


def _example(example: Example) -> list[str]:
    where = f"`{example.copy_to or example.file}`"
    lines = [
        _("Example in {where} – this is how the check reports the code:").format(where=where),
        "",
        *_yaml(example.fails),
    ]
    for other, _passes, fails in example.elsewhere:
        lines += ["", _("and in {file}:").format(file=f"`{other}`"), "", *_yaml(fails)]
    if example.copy_to:
        note = _("(a copy of {file} with this change)").format(file=f"`{example.file}`")
        lines += ["", note]
    else:
        lines += ["", _("This is right:"), "", *_yaml(example.passes)]
    return [*lines, ""]


def _entry(code: Code) -> list[str]:
    word = SEVERITY_WORDS.get(code.severity)
    severity = _(word).capitalize() if word else code.severity.value
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
    """The Markdown page for `codes` (all of them: fachakte_compiler.code_table.all_codes()) in
    the user's language; docs/regeln.md is the German page (FACHAKTE_LANG=de)."""
    lines = [
        _("# Rules of the check"),
        "",
        _(
            "Generated from the rule declarations with `fachakte explain --format markdown`; "
            "`fachakte explain CODE` shows the same texts in the chosen language "
            "(`FACHAKTE_LANG=de` or `en`). `FA` codes are reported by `fachakte validate`, "
            "`FD` codes classify changes for `fachakte diff` and `check-version`, "
            "`DR` codes name the drift of an installation for `fachakte drift`. "
            "The examples refer to the test catalogue `tests/fixtures/mini` "
            "and run as a test."
        ),
        "",
    ]
    for prefix, title in GROUPS:
        group = [c for c in codes if c.code.startswith(prefix)]
        if group:
            lines += [f"## {prefix}xx – {_(title)}", ""]
            for code in group:
                lines += _entry(code)
    rest = [c for c in codes if not c.code.startswith(tuple(p for p, _title in GROUPS))]
    if rest:
        lines += [_("## Other"), ""]
        for code in rest:
            lines += _entry(code)
    return "\n".join(lines).rstrip("\n") + "\n"
