"""The table of every diagnostic code: what `fachakte explain`, SARIF's rule descriptions and
docs/regeln.md show. Codes are declared beside the checks that emit them; this table lists each
one explicitly (a test fails for a declared code that is missing here, or listed twice).

Kept out of the diagnostics package, which must not import the stages that report through it;
imported lazily by the commands that need documentation.
"""

from __future__ import annotations

from functools import cache

from fachakte_compiler.check import schema as schema_codes
from fachakte_compiler.check.rules import (
    aktenplan,
    aktenzeichen,
    aktenzeichen_example,
    delegations,
    doxis4,
    doxis4_lists,
    editor,
    fields,
    legal_minimums,
    ownership,
    placeholders,
    references,
    retention,
    templates,
    uniqueness,
    used_by,
    workflow,
)
from fachakte_compiler.diagnostics import Code
from fachakte_compiler.diff import version_check
from fachakte_compiler.diff.rules import all_rules as change_rules
from fachakte_compiler.load import codes as load_codes

CODES: tuple[Code, ...] = (
    load_codes.FA001,
    load_codes.FA002,
    load_codes.FA003,
    load_codes.FA004,
    load_codes.FA005,
    load_codes.FA006,
    load_codes.FA007,
    load_codes.FA008,
    load_codes.FA009,
    load_codes.FA010,
    load_codes.FA011,
    load_codes.FA012,
    load_codes.FA020,
    load_codes.FA021,
    editor.FA013,
    load_codes.FA014,
    load_codes.FA015,
    load_codes.FA016,
    placeholders.FA017,
    schema_codes.FA101,
    schema_codes.FA102,
    schema_codes.FA103,
    schema_codes.FA104,
    schema_codes.FA105,
    schema_codes.FA106,
    references.FA201,
    references.FA202,
    references.FA203,
    references.FA204,
    references.FA205,
    references.FA206,
    references.FA207,
    references.FA208,
    references.FA209,
    templates.FA210,
    references.FA211,
    fields.FA212,
    fields.FA213_1,
    fields.FA213_2,
    fields.FA213_3,
    fields.FA213_4,
    fields.FA213_5,
    fields.FA213_6,
    fields.FA213_7,
    fields.FA213_8,
    fields.FA213_9,
    fields.FA214,
    fields.FA215,
    fields.FA216,
    fields.FA217,
    aktenzeichen.FA218,
    aktenzeichen.FA219,
    aktenzeichen.FA220,
    aktenzeichen_example.FA221,
    uniqueness.FA301,
    uniqueness.FA302,
    uniqueness.FA303,
    uniqueness.FA304,
    uniqueness.FA305,
    uniqueness.FA306,
    ownership.FA401,
    ownership.FA402,
    used_by.FA403,
    used_by.FA404,
    retention.FA501,
    retention.FA502,
    retention.FA503,
    legal_minimums.FA504,
    legal_minimums.FA505,
    retention.FA506,
    workflow.FA601,
    workflow.FA602,
    workflow.FA603,
    workflow.FA604,
    workflow.FA605,
    delegations.FA701,
    delegations.FA702,
    delegations.FA703,
    used_by.FA704,
    aktenplan.FA801,
    aktenplan.FA802,
    doxis4.FA901,
    doxis4.FA902,
    doxis4.FA903,
    doxis4_lists.FA904,
    version_check.FD001,
    version_check.FD002,
    version_check.FD003,
)


@cache
def all_codes() -> tuple[Code, ...]:
    """Every code in the order of the work: the findings above (FAxxx, `validate`), the
    changes `diff` classifies (FDxxx), the differences `drift` reports (DRxxx); each family
    by number, as docs/regeln.md lists them."""
    from fachakte_compiler.drift.codes import DRIFT_CODES

    fd_codes = [*(r.doc for r in change_rules())]
    dr_codes = [kind.doc for kind in DRIFT_CODES]
    return tuple(
        code
        for family in (CODES, fd_codes, dr_codes)
        for code in sorted(family, key=lambda c: c.code)
    )


@cache
def _index() -> dict[str, Code]:
    return {c.code: c for c in all_codes()}


def lookup(code_id: str) -> Code | None:
    """The declaration of a code (case-insensitive), or None."""
    return _index().get(code_id.upper())
