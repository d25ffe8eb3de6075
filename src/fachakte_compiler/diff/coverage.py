"""The model attributes the change control deliberately does not compare, each with the reason.

Every other attribute of every model type must make the diff report a change when it changes;
tests/test_diff_completeness.py changes each attribute of a real catalogue in turn and fails
for one that the diff does not notice and that is not listed here, so a new attribute cannot
escape the diff silently.
"""

from __future__ import annotations

from fachakte_compiler.model import (
    Baustein,
    Catalogue,
    CodeList,
    CodeValue,
    DocumentType,
    Fachakte,
    Field,
    Register,
    Role,
    State,
)

# The rename history only tells the diff which old entry a new one continues; the rename
# itself is reported (FD202 and its kin), the history alone changes nothing.
_RENAMES = {"renamed_from": "rename history: used to match old and new, the rename is reported"}

NOT_COMPARED: dict[type, dict[str, str]] = {
    CodeList: _RENAMES,
    CodeValue: _RENAMES,
    DocumentType: _RENAMES,
    Field: _RENAMES,
    Register: _RENAMES,
    Role: _RENAMES,
    State: _RENAMES,
    Fachakte: {
        "version": "the version itself: check-version compares it with the changes",
        "source": "where the file lies, not what it defines",
        "source_sha256": "the file's bytes; what they define is compared attribute by attribute",
        "bausteine": "derived from the fields; the Bausteine have their own diff",
        "run_by": "derived: used_by (compared here, FD124/FD221/FD306) resolved against "
        "tenants.yaml, plus the takers of delegations (compared in their own diff, FD4xx)",
    },
    Baustein: {
        "version": "the version itself: check-version compares it with the changes",
        "source": "where the file lies, not what it defines",
        "source_sha256": "the file's bytes; what they define is compared attribute by attribute",
    },
    Catalogue: {
        "root": "the folder the catalogue was read from",
    },
}


def not_compared(model_type: type) -> dict[str, str]:
    """attribute -> reason for the attributes of `model_type` (and of the model types it
    extends) that the diff ignores."""
    found: dict[str, str] = {}
    for base in reversed(model_type.__mro__):
        found.update(NOT_COMPARED.get(base, {}))
    return found
