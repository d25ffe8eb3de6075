"""Stage 4: tenant binding, the only place where a municipality's own values enter.

Everything a target emits outside a `TenantBinding` is shared and must be identical in every
tenant; a value that differs between municipalities belongs here and nowhere else.
"""

from fachakte_compiler.bind.binding import (
    AclEntry,
    DelegationGrant,
    Group,
    TenantBinding,
    bind_tenant,
)
from fachakte_compiler.bind.naming import group_name

__all__ = ["AclEntry", "DelegationGrant", "Group", "TenantBinding", "bind_tenant", "group_name"]
