"""Every name used in a definition refers to something that exists."""

from __future__ import annotations

from fachakte_compiler.check.context import Context, Definition, Item
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, code
from fachakte_compiler.diagnostics.suggest import closest, is_id
from fachakte_compiler.i18n import _

FA201 = code(
    "FA201",
    "unknown-field",
    "reference to a field that is not defined",
    """
    The Akte, document types, the display title, the Aktenzeichen rule, retention triggers and
    resubmissions refer to fields by id. Each id must be defined under `fields:` of the same
    Fachakte (for `feld.unterfeld`: a field of the Baustein that the field uses).""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "fields: [bescheiddatum]",
            "fields: [bescheid_datum]",
            "bescheid_datum",
        ),
    ),
)
FA202 = code(
    "FA202",
    "unknown-code-list",
    "reference to a code list that is not defined",
    """
    A field of type `code` names its value list in `code_list`. The list must be defined under
    `code_lists:` in the same file (a Baustein's fields use the Baustein's own lists). When the
    name is a list of a Baustein, the message names that Baustein: its values come with a field
    of type `baustein`, or the list is copied into the file.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE, "code_list: antragsart", "code_list: antragsarten", "antragsarten"
        ),
    ),
)
FA203 = code(
    "FA203",
    "unknown-document-type",
    "register accepts an undefined document type",
    """
    Registers list the document types they accept by id; each must be defined under
    `document_types:`.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "document_types: [bescheid]",
            "document_types: [bescheid, bescheide]",
            "bescheide",
        ),
    ),
)
FA204 = code(
    "FA204",
    "unknown-register",
    "permission for a register that does not exist",
    """
    Register-specific permissions of a role name registers of the Akte by id.""",
    examples=(Example(EXAMPLE_FACHAKTE, "- register: antrag", "- register: antraege", "antraege"),),
)
FA205 = code(
    "FA205",
    "unknown-role",
    "reference to a role that is not defined",
    """
    Workflow transitions, resubmissions and delegations name roles of the Fachakte; each must
    be defined under `roles:` of that Fachakte.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "roles: [sachbearbeitung, leitung]",
            "roles: [sachbearbeitung, leitng]",
            "leitng",
        ),
    ),
)
FA206 = code(
    "FA206",
    "unknown-baustein",
    "reference to a Baustein that does not exist",
    """
    A field of type `baustein` names a file in definitions/bausteine/ by its id. Building blocks
    may use other blocks, but not themselves, directly or indirectly.""",
    examples=(Example(EXAMPLE_FACHAKTE, "baustein: person", "baustein: persn", "persn"),),
)
FA207 = code(
    "FA207",
    "unknown-tenant",
    "reference to a tenant that is not in tenants.yaml",
    """
    Owners of a Fachakte, the tenants its `used_by` names and both sides of a delegation are
    tenant ids from tenants.yaml.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "owners: [kreis, nordstadt, suedstadt]",
            "owners: [kreis, nordstadt, suedstat]",
            "suedstat",
        ),
        Example(
            EXAMPLE_FACHAKTE,
            "owners: [kreis, nordstadt, suedstadt]\n",
            "owners: [kreis, nordstadt, suedstadt]\n"
            "used_by:\n  kinds: [kreis, stadt, gemeinde]\n  tenants: [westdorff]\n",
            "westdorff",
        ),
    ),
)
FA208 = code(
    "FA208",
    "unknown-state",
    "reference to an undefined workflow state",
    """
    Transitions and resubmissions name workflow states by id; each must be defined under
    `workflow.states`.""",
    examples=(Example(EXAMPLE_FACHAKTE, "to: abgeschlossen", "to: abgeschlosen", "abgeschlosen"),),
)
FA209 = code(
    "FA209",
    "unknown-fachakte",
    "delegation names a Fachakte that does not exist",
    """
    A delegation (Aufgabenübertragung) names the Fachakte by its id, as defined by a file in
    definitions/fachakten/.""",
    examples=(Example("delegations.yaml", "fachakte: beispiel", "fachakte: beispil", "beispil"),),
)
FA211 = code(
    "FA211",
    "unfiled-document-type",
    "document type is not accepted by any register",
    """
    A document type that no register lists cannot be filed anywhere in the Akte. Add it to a
    register's `document_types`, or remove it.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE, "document_types: [bescheid]", "document_types: [antrag]", "bescheid\n"
        ),
    ),
)


def _check_baustein_cycles(ctx: Context) -> None:
    graph: dict[str, list[tuple[Item, str]]] = {}
    for bid, definition in ctx.bausteine.items():
        graph[bid] = [
            (f, f.text("baustein") or "")
            for f in definition.fields.values()
            if f.text("type") == "baustein" and f.text("baustein")
        ]

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for _kind, nxt in graph.get(start, []):
            if nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})):
                return True
        return False

    for bid, edges in graph.items():
        for item, nxt in edges:
            if nxt == bid or reaches(nxt, bid, {nxt}):
                ctx.report(
                    FA206,
                    item.source,
                    (*item.path, "baustein"),
                    _("Baustein '{bid}' uses itself through '{nxt}'").format(bid=bid, nxt=nxt),
                    hint=_("break the cycle; a block cannot contain itself"),
                )


def _field_refs(ctx: Context, definition: Definition) -> None:
    fields = definition.fields
    for item, context in [(definition.akte, _("Akte"))] + [
        (d, _("document type '{id}'").format(id=d.id)) for d in definition.document_types.values()
    ]:
        ctx.propose_known(item, "fields", fields)
        for path, name in item.refs("fields"):
            if name not in fields:
                ctx.unknown(FA201, definition.source, path, _("field"), name, fields, context)


def _code_list_and_baustein_refs(ctx: Context, definition: Definition) -> None:
    for item in definition.fields.values():
        ctx.propose_known(item, "code_list", definition.code_lists)
        if ctx.knows_bausteine:
            ctx.propose_known(item, "baustein", ctx.bausteine)
        kind, name = item.text("type"), item.text("code_list")
        if kind == "code" and name is not None and name not in definition.code_lists:
            owner = _baustein_with_list(ctx, name, definition)
            if owner is None:
                ctx.unknown(
                    FA202,
                    item.source,
                    (*item.path, "code_list"),
                    _("code list"),
                    name,
                    definition.code_lists,
                    _("field '{id}'").format(id=item.id),
                )
            else:
                ctx.report(
                    FA202,
                    item.source,
                    (*item.path, "code_list"),
                    _(
                        "field '{field}' uses code list '{name}', which is defined in Baustein "
                        "'{baustein}', not in this file"
                    ).format(field=item.id, name=name, baustein=owner),
                    hint=_(
                        "use a field of type baustein with 'baustein: {baustein}', or copy the "
                        "list into this file's code_lists"
                    ).format(baustein=owner),
                )
        block = item.text("baustein")
        if kind == "baustein" and block and ctx.knows_bausteine and block not in ctx.bausteine:
            ctx.unknown(
                FA206,
                item.source,
                (*item.path, "baustein"),
                _("Baustein"),
                block,
                ctx.bausteine,
                _("field '{id}'").format(id=item.id),
            )


def _baustein_with_list(ctx: Context, name: str, definition: Definition) -> str | None:
    """The Baustein (other than `definition`) whose own code list is called `name`."""
    for block_id, block in sorted(ctx.bausteine.items()):
        if block is not definition and name in block.code_lists:
            return block_id
    return None


def _structure_refs(ctx: Context, definition: Definition) -> None:
    filed: set[str] = set()
    for register in definition.registers.values():
        filed.update(register.names("document_types"))
        ctx.propose_known(register, "document_types", definition.document_types)
        for path, name in register.refs("document_types"):
            if name not in definition.document_types:
                # The FA203 below suggests the type that was meant; that type is then not
                # "unfiled" as well (FA211): one finding per mistake.
                filed.add(closest(name, definition.document_types, valid=is_id) or name)
                ctx.unknown(
                    FA203,
                    definition.source,
                    path,
                    _("document type"),
                    name,
                    definition.document_types,
                    _("register '{id}'").format(id=register.id),
                )
    for doc in definition.document_types.values():
        if doc.id not in filed and definition.registers:
            ctx.report(
                FA211,
                doc.source,
                (*doc.path, "id"),
                _("document type '{id}' is not accepted by any register").format(id=doc.id),
                hint=_("add it to the document_types of a register"),
            )
    for role in definition.roles.values():
        permissions = role.sub("permissions")
        for grant in permissions.items("registers") if permissions else []:
            ctx.propose_known(grant, "register", definition.registers)
            register_id = grant.text("register")
            if register_id is not None and register_id not in definition.registers:
                ctx.unknown(
                    FA204,
                    grant.source,
                    (*grant.path, "register"),
                    _("register"),
                    register_id,
                    definition.registers,
                    _("role '{id}'").format(id=role.id),
                )


def _workflow_refs(ctx: Context, definition: Definition) -> None:
    states, roles = definition.states, definition.roles
    for transition in definition.workflow.items("transitions"):
        for key in ("from", "to"):
            ctx.propose_known(transition, key, states)
            name = transition.text(key)
            if name is not None and name not in states:
                ctx.unknown(
                    FA208,
                    transition.source,
                    (*transition.path, key),
                    _("state"),
                    name,
                    states,
                    _("transition"),
                )
        ctx.propose_known(transition, "roles", roles)
        for path, name in transition.refs("roles"):
            if name not in roles:
                ctx.unknown(FA205, transition.source, path, _("role"), name, roles, _("transition"))
    for resub in definition.workflow.items("resubmissions"):
        ctx.propose_known(resub, "after_state", states)
        ctx.propose_known(resub, "role", roles)
        state, role = resub.text("after_state"), resub.text("role")
        if state is not None and state not in states:
            ctx.unknown(
                FA208,
                resub.source,
                (*resub.path, "after_state"),
                _("state"),
                state,
                states,
                _("resubmission '{id}'").format(id=resub.id),
            )
        if role is not None and role not in roles:
            ctx.unknown(
                FA205,
                resub.source,
                (*resub.path, "role"),
                _("role"),
                role,
                roles,
                _("resubmission '{id}'").format(id=resub.id),
            )


def _owner_refs(ctx: Context, definition: Definition) -> None:
    if not ctx.knows_tenants or not isinstance(definition.root.data.get("owners"), list):
        # Owners that are not a list are the schema's finding (FA103); reading the whole
        # text as one tenant id would only add a second finding for the same mistake.
        return
    ctx.propose_known(definition.root, "owners", ctx.tenants)
    for path, name in definition.root.refs("owners"):
        if name not in ctx.tenants:
            ctx.unknown(FA207, definition.source, path, _("tenant"), name, ctx.tenants, _("owners"))


@rule(FA201, FA202, FA203, FA204, FA205, FA206, FA207, FA208, FA211)
def references_resolve(ctx: Context) -> None:
    for definition in ctx.definitions():
        _field_refs(ctx, definition)
        _code_list_and_baustein_refs(ctx, definition)
    for definition in ctx.fachakten:
        _structure_refs(ctx, definition)
        _workflow_refs(ctx, definition)
        _owner_refs(ctx, definition)
    _check_baustein_cycles(ctx)
