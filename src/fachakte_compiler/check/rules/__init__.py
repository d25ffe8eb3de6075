"""Semantic rules: small modules, each declaring its codes next to the detectors that report them.

RULES is the explicit table of every rule, in the order they run; nothing registers itself.
"""

from __future__ import annotations

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
from fachakte_compiler.check.rules.base import Rule, rule

RULES: tuple[Rule, ...] = (
    aktenplan.aktenplan_levels,
    aktenzeichen.aktenzeichen_format,
    aktenzeichen_example.aktenzeichen_example,
    delegations.delegation_sanity,
    delegations.delegation_references,
    used_by.delegations_from_runners,
    doxis4.doxis4_names,
    doxis4.doxis4_delegations,
    doxis4_lists.doxis4_nested_lists,
    editor.schema_comment,
    fields.field_types,
    fields.fields_used,
    fields.ids_match_files,
    ownership.owners_distinct,
    used_by.used_by_tenants,
    placeholders.placeholders,
    references.references_resolve,
    retention.retention_periods,
    legal_minimums.cited_norm_minimums,
    templates.templates_resolve,
    uniqueness.unique_within_files,
    uniqueness.unique_across_catalogue,
    workflow.workflow_shape,
)

__all__ = ["RULES", "Rule", "rule"]
