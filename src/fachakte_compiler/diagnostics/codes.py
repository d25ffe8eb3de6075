"""Declarations of diagnostic codes: every finding has a stable code with documentation.

Codes are grouped by hundreds: FA0xx loading, FA1xx schema, FA2xx references, FA3xx uniqueness,
FA4xx ownership, FA5xx retention, FA6xx workflow, FA7xx delegations and tenants, FA8xx Aktenplan,
FA9xx Doxis4 names and topology.
A code is declared beside the check that emits it; the explicit table of all codes is
`fachakte_compiler.code_table` (this package imports no checks).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from fachakte_compiler.diagnostics.diagnostic import Severity

# The Fachakte of the test catalogue that most examples change.
EXAMPLE_FACHAKTE = "fachakten/beispiel.yaml"


@dataclass(frozen=True)
class Example:
    """A runnable example of a rule on the test catalogue tests/fixtures/mini, copied with the
    JSON Schemas beside it (`../schemas`): `file` (relative to the catalogue) contains
    `passes`; with `fails` in its place the rule reports its code, the caret on the
    `occurrence`-th `anchor` of the changed file. With `copy_to`, the changed text is written
    to that new file instead (the original stays); `found_in` names the file the finding is
    expected in when it is not the changed one. `also` lists further (passes, fails)
    replacements in the same file that the example needs, `elsewhere` (file, passes, fails)
    replacements in other files of the catalogue (e.g. the Baustein a Fachakte uses)."""

    file: str
    passes: str
    fails: str
    anchor: str
    occurrence: int = 1
    copy_to: str | None = None
    found_in: str | None = None
    also: tuple[tuple[str, str], ...] = ()
    elsewhere: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Code:
    """`summary` and `explanation` are English msgids; `qualifier` (English msgid too) is shown
    in parentheses after the summary, e.g. the class of a change rule ("breaking, major
    bump"). `shown_summary`/`shown_explanation` give them in the user's language."""

    code: str
    name: str
    summary: str
    explanation: str
    severity: Severity = Severity.ERROR
    examples: tuple[Example, ...] = ()
    qualifier: str | None = None

    def shown_summary(self) -> str:
        from fachakte_compiler.i18n import _

        summary = _(self.summary)
        return f"{summary} ({_(self.qualifier)})" if self.qualifier else summary

    def shown_explanation(self) -> str:
        from fachakte_compiler.i18n import _

        return _(self.explanation)


def code(
    code_id: str,
    name: str,
    summary: str,
    explanation: str,
    severity: Severity = Severity.ERROR,
    examples: tuple[Example, ...] = (),
    qualifier: str | None = None,
) -> Code:
    """Declare a code (the explanation may be indented, it is dedented here). Declaring does not
    register it: list it in fachakte_compiler.code_table, where a test finds any that are not."""
    text = textwrap.dedent(explanation).strip()
    return Code(code_id, name, summary, text, severity, examples, qualifier)
