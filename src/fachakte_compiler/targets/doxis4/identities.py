"""The identity scheme of a Doxis4 package: one UUIDv5 per object, derived from its path.

Kept in Python rather than in the templates so that adapting a template can never change an
identity: Doxis4 must recognise the same object in every tenant and every version, otherwise a
re-import creates duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.model.identity import object_id


@dataclass(frozen=True)
class Identities:
    # Everything is scoped to the Fachakte, including lists from building blocks: two
    # Fachakten may pin different versions of the same Baustein.
    fachakte: str

    def _of(self, *path: str) -> str:
        return object_id(self.fachakte, *path)

    def aktentyp(self) -> str:
        return self._of("akte")

    def field(self, path: str) -> str:
        return self._of("field", path)

    def code_list(self, qualified_id: str) -> str:
        return self._of("codelist", qualified_id)

    def code_value(self, qualified_id: str, key: str) -> str:
        return self._of("codelist", qualified_id, "value", key)

    def document_type(self, doc_id: str) -> str:
        return self._of("document", doc_id)

    def register(self, register_id: str) -> str:
        return self._of("register", register_id)

    def retention(self, rule_id: str) -> str:
        return self._of("retention", rule_id)

    def role(self, role_id: str) -> str:
        return self._of("role", role_id)

    def workflow(self) -> str:
        return self._of("workflow")

    def state(self, state_id: str) -> str:
        return self._of("state", state_id)

    def transition(self, from_state: str, to_state: str) -> str:
        return self._of("transition", from_state, to_state)

    def resubmission(self, resubmission_id: str) -> str:
        return self._of("resubmission", resubmission_id)

    def package(self, version: str, tenant_id: str) -> str:
        return self._of("package", version, tenant_id)
