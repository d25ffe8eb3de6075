"""The naming convention for Doxis4 groups: `<UNIT>_<FACHAKTE>_<ROLE>`, upper case.

Group names are what administrators see and what a delegating municipality must refer to, so
they are derived from stable ids only (never from titles) and never change with a version.
"""

from __future__ import annotations

from fachakte_compiler.model.identity import object_id


def group_name(unit: str, fachakte_id: str, role_id: str) -> str:
    """E.g. ('MEDEBACH', 'wohngeld', 'sachbearbeitung') -> 'MEDEBACH_WOHNGELD_SACHBEARBEITUNG'.
    The one rule for all Doxis4 names lives in `targets.doxis4.names`."""
    # Imported here: the doxis4 target package imports this stage at load time.
    from fachakte_compiler.targets.doxis4 import names

    return names.group_name(unit, fachakte_id, role_id)


def group_id(tenant_id: str, fachakte_id: str, role_id: str) -> str:
    """Stable identity of a tenant's group; the same in every package that mentions it."""
    return object_id(fachakte_id, "group", tenant_id, role_id)
