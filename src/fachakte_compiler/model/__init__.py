"""Stage 3: the typed, frozen model that every target consumes. Targets never read raw YAML."""

from fachakte_compiler.model.types import (
    Akte,
    AktenplanUnit,
    Aktenzeichen,
    Baustein,
    Catalogue,
    CodeList,
    CodeValue,
    Delegation,
    DocumentType,
    Fachakte,
    Field,
    LegalReference,
    Register,
    RegisterPermission,
    Resubmission,
    Retention,
    Role,
    State,
    Tenant,
    Transition,
    Workflow,
)

__all__ = [
    "Akte", "AktenplanUnit", "Aktenzeichen", "Baustein", "Catalogue", "CodeList", "CodeValue",
    "Delegation", "DocumentType", "Fachakte", "Field", "LegalReference", "Register",
    "RegisterPermission", "Resubmission", "Retention", "Role", "State", "Tenant", "Transition",
    "Workflow",
]
