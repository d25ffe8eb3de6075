"""Registry of diagnostic codes: every finding has a stable code with documentation.

Codes are grouped by hundreds: FA0xx loading, FA1xx schema, FA2xx references, FA3xx uniqueness,
FA4xx ownership, FA5xx retention, FA6xx workflow, FA7xx delegations and tenants.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from fachakte_compiler.diagnostics.diagnostic import Severity


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    summary: str
    explanation: str
    severity: Severity = Severity.ERROR


_REGISTRY: dict[str, Code] = {}


def code(
    code_id: str, name: str, summary: str, explanation: str, severity: Severity = Severity.ERROR
) -> Code:
    """Register a code once; modules call this at import time next to the check that emits it."""
    if code_id in _REGISTRY:
        raise ValueError(f"diagnostic code {code_id} registered twice")
    entry = Code(code_id, name, summary, textwrap.dedent(explanation).strip(), severity)
    _REGISTRY[code_id] = entry
    return entry


def _load_all() -> None:
    # Codes are declared beside the checks that emit them; importing those modules fills the
    # registry. Kept lazy so that loading YAML does not import the rule engine.
    import fachakte_compiler.check.rules
    import fachakte_compiler.check.schema
    import fachakte_compiler.diff.registry
    import fachakte_compiler.load.codes  # noqa: F401


def lookup(code_id: str) -> Code | None:
    _load_all()
    return _REGISTRY.get(code_id.upper())


def all_codes() -> list[Code]:
    _load_all()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]
