"""Doxis4 names fit the limits and stay unique after shortening; delegations across
organizations are flagged.

The names are computed by the same functions the Doxis4 target uses
(`targets.doxis4.names`), from the raw ids, so that a finding points at the id that makes the
name: the limits come from tenants.yaml `doxis4` (defaults in `model.Doxis4Settings`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fachakte_compiler.check.context import Context, Definition, Item
from fachakte_compiler.check.field_paths import walk_fields
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import Code, Severity, code
from fachakte_compiler.i18n import _, ngettext
from fachakte_compiler.load.source import DataPath
from fachakte_compiler.model.enums import Doxis4Topology
from fachakte_compiler.model.types import Doxis4Settings
from fachakte_compiler.targets.doxis4 import names

FA901 = code(
    "FA901",
    "doxis4-name-too-long",
    "Doxis4 name longer than the limit",
    """
    Every descriptor, value list, class, register, retention rule, group and Aktenplan node
    gets a Doxis4 name built from our ids (e.g. `WOHNGELD_BESCHEID`,
    `WOHNGELD_ANTRAGSTELLER_NACHNAME`, `BRILON_WOHNGELD_SACHBEARBEITUNG`); Doxis4 finds the
    object by it. A name longer than `doxis4.max_name_length` in tenants.yaml (default 64)
    would be cut or refused by Doxis4. Shorten the id that makes it long (with
    `renamed_from`), or raise the limit if SIT confirms a larger one.""",
)
FA902 = code(
    "FA902",
    "doxis4-name-collision",
    "two objects get the same Doxis4 name or short name",
    """
    Names must be unique among objects of one kind in an organization, and so must short
    names, which are the names abbreviated to `doxis4.max_short_name_length` (default 30):
    vowels after the first letter of a part are dropped; where that is not enough, the parts
    are cut and four characters of the name's checksum appended. Two different ids can still
    end up equal, e.g. a Fachakte's own field `antragsteller_nachname` and the leaf
    `nachname` of its Baustein field `antragsteller`, or two short role ids that abbreviate
    alike. Rename one of them (with `renamed_from`); a counter chosen by the compiler would
    change whenever the catalogue grows, and a Doxis4 name must never change.""",
)
FA903 = code(
    "FA903",
    "delegation-across-organizations",
    "a delegation crosses Doxis4 organizations",
    """
    With `doxis4.topology: organization_per_tenant` every municipality is its own Doxis4
    organization, and an access entry cannot name a group of another organization. The
    delegating municipality therefore needs, in its own organization, the processing
    municipality's groups (created by its provisioning plan) and user accounts for the
    processing staff as their members (by hand: the plan's `manual` list names them). The
    agent adds the access entries at `valid_from` and removes them after `valid_until`.
    With `shared_organization` the processing groups get the access entries directly.""",
    Severity.WARNING,
)


@dataclass(frozen=True)
class _Named:
    kind: str  # the namespace: objects of one kind must differ in name and short name
    name: str
    item: Item
    key: str  # the key of `item` that carries the id making the name


def _settings(ctx: Context) -> Doxis4Settings:
    for source in ctx.catalogue.of_kind("tenants"):
        item = ctx.root(source).sub("doxis4")
        if item is not None:
            # A rejected value (FA104, FA105) reads as absent: the default, not a guess.
            known = {
                k: v
                for k, v in item.data.items()
                if k in Doxis4Settings.__dataclass_fields__ and not item.rejects(k)
            }
            try:
                return Doxis4Settings(**known)
            except TypeError:
                break
    return Doxis4Settings()


def _definition_names(ctx: Context, definition: Definition, is_baustein: bool) -> Iterator[_Named]:
    owner = definition.root.id
    if owner is None:
        return
    if not is_baustein:
        # A Baustein leaf's descriptor is named after the Fachakte's path to it; a finding
        # points at the Fachakte's field where that path starts.
        for field in walk_fields(ctx, definition.fields):
            if field.is_baustein:
                continue
            item = definition.fields[field.path[0]]
            name = names.descriptor_name(owner, ".".join(field.path))
            yield _Named("descriptor", name, item, "id")
    for item in definition.code_lists.values():
        yield _Named("value_list", names.value_list_name(owner, item.id or ""), item, "id")
    if is_baustein:
        return
    yield _Named("class", names.record_class_name(owner), definition.root, "id")
    yield _Named("retention_rule", names.retention_rule_name(owner), definition.root, "id")
    for doc_id, item in definition.document_types.items():
        yield _Named("class", names.document_class_name(owner, doc_id), item, "id")
        if item.sub("retention") is not None:
            yield _Named("retention_rule", names.retention_rule_name(owner, doc_id), item, "id")
    for reg_id, item in definition.registers.items():
        yield _Named("register", names.register_name(owner, reg_id), item, "id")
    plan = definition.root.sub("aktenplan")
    if plan is not None and plan.text("kennzeichen"):
        yield _Named("node", names.node_name(plan.text("kennzeichen") or ""), plan, "kennzeichen")


def _all_names(ctx: Context) -> Iterator[_Named]:
    ids: set[str] = set()
    for definition in ctx.fachakten:
        if definition.root.id in ids:
            continue  # a second file with the same id (FA302): every name would clash again
        ids.add(definition.root.id or "")
        yield from _definition_names(ctx, definition, False)
        owner = definition.root.id
        for tenant in ctx.tenants.values():
            unit = tenant.text("doxis4_unit")
            for role_id, item in definition.roles.items():
                if owner and unit:
                    yield _Named("group", names.group_name(unit, owner, role_id), item, "id")
    for baustein in ctx.bausteine.values():
        yield from _definition_names(ctx, baustein, True)
    for source in ctx.catalogue.of_kind("aktenplan"):
        for unit_item in ctx.root(source).items("units"):
            kennzeichen = unit_item.text("kennzeichen")
            if kennzeichen and not unit_item.data.get("retired"):
                yield _Named("node", names.node_name(kennzeichen), unit_item, "kennzeichen")


def _where(named: _Named) -> str:
    span = named.item.source.span((*named.item.path, named.key))
    line = f":{span.line}" if span else ""
    return f"{named.item.source.display}{line}"


def _report(ctx: Context, entry: Code, named: _Named, message: str, hint: str) -> None:
    path: DataPath = (*named.item.path, named.key)
    ctx.report(entry, named.item.source, path, message, hint=hint)


@rule(FA901, FA902)
def doxis4_names(ctx: Context) -> None:
    settings = _settings(ctx)
    seen: dict[tuple[str, str], _Named] = {}
    shorts: dict[tuple[str, str], _Named] = {}
    # Too long names by the place that makes them (a role makes a group per tenant): one
    # finding per place, naming the longest.
    too_long: dict[tuple[str, DataPath], list[_Named]] = {}
    for named in _all_names(ctx):
        if len(named.name) > settings.max_name_length:
            place = (named.item.source.display, (*named.item.path, named.key))
            too_long.setdefault(place, []).append(named)
        first = seen.setdefault((named.kind, named.name), named)
        if first is not named:
            # A node's name is its Kennzeichen: aktenplan.yaml may describe a Fachakte's own.
            if named.kind != "node":
                _report(
                    ctx,
                    FA902,
                    named,
                    _(
                        "Doxis4 {kind} name '{name}' is also the name of the object at {where}"
                    ).format(
                        kind=named.kind.replace("_", " "), name=named.name, where=_where(first)
                    ),
                    _("rename one of them (keep the old id in renamed_from)"),
                )
            continue
        short = names.short_name(named.name, settings.max_short_name_length)
        other = shorts.setdefault((named.kind, short), named)
        if other is not named:
            _report(
                ctx,
                FA902,
                named,
                _(
                    "Doxis4 short name '{short}' of '{name}' equals that of '{other}' ({where})"
                ).format(short=short, name=named.name, other=other.name, where=_where(other)),
                _("rename one of them so that their abbreviations differ"),
            )

    for made in too_long.values():
        _report_too_long(ctx, made, settings.max_name_length)


def _report_too_long(ctx: Context, made: list[_Named], limit: int) -> None:
    longest = max(made, key=lambda n: (len(n.name), n.name))
    message = _("Doxis4 {kind} name '{name}' has {count} characters, more than {limit}").format(
        kind=longest.kind.replace("_", " "), name=longest.name, count=len(longest.name), limit=limit
    )
    if len(made) > 1:
        message += " " + ngettext(
            "(and {count} more name made here)", "(and {count} more names made here)", len(made) - 1
        ).format(count=len(made) - 1)
    _report(
        ctx,
        FA901,
        longest,
        message,
        _(
            "shorten the id (keep the old one in renamed_from) or raise "
            "doxis4.max_name_length in tenants.yaml"
        ),
    )


@rule(FA903)
def doxis4_delegations(ctx: Context) -> None:
    if _settings(ctx).topology == Doxis4Topology.SHARED_ORGANIZATION:
        return
    for item in ctx.delegations:
        source, target = item.text("from"), item.text("to")
        if not source or not target or source == target:
            continue
        ctx.report(
            FA903,
            item.source,
            (*item.path, "to"),
            _(
                "delegation '{id}' from '{source}' to '{target}' crosses Doxis4 "
                "organizations: access entries cannot name another organization's groups"
            ).format(id=item.id, source=source, target=target),
            hint=_(
                "the provisioning plan of '{source}' lists the groups, and the accounts "
                "for the staff of '{target}', to create in the organization of "
                "'{source}' (fachakte explain FA903)"
            ).format(source=source, target=target),
        )
