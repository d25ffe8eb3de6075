"""Derived views of the model that the pages show: Aktenplan path, field rows, where fields are
used, delegations by municipality. Plain functions so the templates stay free of logic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from fachakte_compiler.model import (
    AktenplanUnit,
    Catalogue,
    Fachakte,
    Field,
    Retention,
)
from fachakte_compiler.targets.docs import labels


@dataclass(frozen=True)
class FieldRow:
    """One line of a field table: of the Fachakte's own fields or of a Baustein's.

    `required`, `personal` and `categories` are the field's effective values; in a Baustein
    table they are (use, value) pairs when the uses of the Baustein differ in them (a sub-field
    is required only where its using field is), else a single pair with use ''."""

    field: Field
    anchor: str
    name: str  # the field's id, as authors write it
    in_baustein: bool
    required: tuple[tuple[str, bool], ...] = ()
    personal: tuple[tuple[str, str], ...] = ()


def field_rows(fields: tuple[Field, ...]) -> list[FieldRow]:
    """One row per field of the Fachakte, without the sub-fields of a Baustein: those are shown
    once, in the Baustein's own table (`baustein_rows`), however often it is used."""
    return [
        FieldRow(f, f"merkmal-{f.id}", f.id, False, (("", f.required),), (("", _personal(f)),))
        for f in fields
    ]


def _personal(field: Field) -> str:
    categories = ", ".join(c.label for c in field.special_categories)
    return field.personal_data.label + (f": {categories}" if categories else "")


@dataclass(frozen=True)
class BausteinUse:
    """A Baustein as one Fachakte uses it: id, version and the dotted paths of the fields
    that use it ('antragsteller', 'betrieb.anschrift'), in field order."""

    id: str
    version: str
    users: tuple[str, ...]


def bausteine_of(fachakte: Fachakte) -> list[BausteinUse]:
    """The building blocks a Fachakte uses, directly or nested, in alphabetical order. Only
    what the Fachakte's own model holds: a Baustein's title or description is not part of a
    Fachakte, so a change to them is no change of its page (as `diff` sees it)."""
    return [
        BausteinUse(b, v, tuple(baustein_users(fachakte, b)))
        for b, v, _ in sorted(fachakte.bausteine)
    ]


def baustein_anchor(baustein_id: str) -> str:
    return f"baustein-{baustein_id}"


def baustein_rows(fachakte: Fachakte, use: BausteinUse) -> list[FieldRow]:
    """The sub-fields of a Baustein once, with the effective Pflicht and Personenbezug per use
    where the uses differ in them."""
    users = [_resolve(fachakte, path) for path in use.users]
    rows = []
    for i, sub in enumerate(users[0].subfields):
        same = [u.subfields[i] for u in users]
        titles = [field_ref(fachakte, path)[1] for path in use.users]

        def per_use(values: list[Any], titles: list[str] = titles) -> tuple[tuple[str, Any], ...]:
            if len(set(values)) == 1:
                return (("", values[0]),)
            return tuple(zip(titles, values, strict=True))

        rows.append(
            FieldRow(
                sub,
                f"{baustein_anchor(use.id)}-{sub.id}",
                sub.id,
                True,
                per_use([s.required for s in same]),
                per_use([_personal(s) for s in same]),
            )
        )
    return rows


def _resolve(fachakte: Fachakte, path: str) -> Field:
    fields, found = fachakte.fields, None
    for part in path.split("."):
        found = next(f for f in fields if f.id == part)
        fields = found.subfields
    assert found is not None
    return found


def aktenplan_path(catalogue: Catalogue, kennzeichen: str) -> list[AktenplanUnit]:
    """The Aktenplan units above `kennzeichen`, outermost first. A one-digit Hauptgruppe ('2')
    contains the groups that start with its digit ('22'); deeper levels are dot-separated."""

    def above(unit: AktenplanUnit) -> bool:
        k = unit.kennzeichen
        if k == kennzeichen or not kennzeichen.startswith(k):
            return False
        return len(k) == 1 or kennzeichen[len(k)] == "."

    return sorted((u for u in catalogue.aktenplan if above(u)), key=lambda u: len(u.kennzeichen))


def leaf_titles(field: Field) -> list[str]:
    """Titles of the single items a composite field holds ('Anschrift: Ort'), else []."""
    if not field.subfields:
        return []
    titles: list[str] = []

    def visit(f: Field, trail: tuple[str, ...]) -> None:
        for sub in f.subfields:
            if sub.subfields:
                visit(sub, (*trail, sub.title))
            else:
                titles.append(": ".join((*trail, sub.title)))

    visit(field, ())
    return titles


@dataclass(frozen=True)
class Storage:
    """A place where field values are kept: the Akte itself or a document type."""

    anchor: str
    title: str
    fields: tuple[str, ...]
    retention: Retention
    own_retention: bool


def storages(fachakte: Fachakte) -> Iterator[Storage]:
    yield Storage(
        "akte", f"Akte „{fachakte.akte.title}“", fachakte.akte.fields, fachakte.akte.retention, True
    )
    for doc in fachakte.document_types:
        yield Storage(
            f"dokumenttyp-{doc.id}",
            f"Dokumenttyp „{doc.title}“",
            doc.fields,
            fachakte.retention_of(doc.id),
            doc.retention is not None,
        )


def used_in(fachakte: Fachakte, field_id: str) -> list[Storage]:
    return [s for s in storages(fachakte) if field_id in s.fields]


def registers_of(fachakte: Fachakte, doc_id: str) -> list[str]:
    return [r.title for r in fachakte.akte.registers if doc_id in r.document_types]


def tenant_name(catalogue: Catalogue, tenant_id: str) -> str:
    known = {t.id: t.name for t in catalogue.tenants}
    return known.get(tenant_id, tenant_id)


def state_title(fachakte: Fachakte, state_id: str) -> str:
    return next((s.title for s in fachakte.workflow.states if s.id == state_id), state_id)


@dataclass(frozen=True)
class PlanEntry:
    kennzeichen: str
    title: str
    depth: int
    fachakte: Fachakte | None = None


def _plan_key(kennzeichen: str) -> tuple[int, ...]:
    # '2' is the Hauptgruppe of '22', so the first digit sorts before the numeric parts.
    return (int(kennzeichen[0]), *(int(p) for p in kennzeichen.split(".") if p.isdigit()))


def aktenplan_entries(catalogue: Catalogue) -> list[PlanEntry]:
    """The shared Aktenplan with the Fachakten in their places, in Aktenplan order."""
    entries = [
        PlanEntry(u.kennzeichen, u.title, _depth(u.kennzeichen)) for u in catalogue.aktenplan
    ]
    entries += [
        PlanEntry(f.kennzeichen, f.aktenplan_title, _depth(f.kennzeichen), f)
        for f in catalogue.fachakten
    ]
    return sorted(entries, key=lambda e: (_plan_key(e.kennzeichen), e.fachakte is not None))


def _depth(kennzeichen: str) -> int:
    return 0 if len(kennzeichen) == 1 and "." not in kennzeichen else kennzeichen.count(".") + 1


def in_plan_order(catalogue: Catalogue) -> list[Fachakte]:
    """The Fachakten sorted by their place in the Aktenplan (22.10.20 before 22.20.10)."""
    return sorted(catalogue.fachakten, key=lambda f: (_plan_key(f.kennzeichen), f.id))


def owned_by(catalogue: Catalogue, tenant_id: str) -> list[Fachakte]:
    return [f for f in catalogue.fachakten if tenant_id in f.owners]


def run_in(catalogue: Catalogue, tenant_id: str) -> list[Fachakte]:
    """The Fachakten the tenant runs (`Fachakte.run_by`)."""
    return [f for f in catalogue.fachakten if f.runs_in(tenant_id)]


# Plural of each tenant kind (model.enums.TenantKind), for "geführt von den Städten".
_KIND_PLURALS = {"kreis": "Kreise", "stadt": "Städte", "gemeinde": "Gemeinden"}


def run_by_text(catalogue: Catalogue, fachakte: Fachakte) -> str:
    """Who runs the Fachakte, in German: the declaration (`used_by`) in words with the
    municipalities it names, then apart the ones that take casework by a delegation
    (delegations.yaml), which the declaration's words do not describe (a Kreis is no Gemeinde):
    "Städte und Gemeinden (12): …; per Aufgabenübertragung (1): Hochsauerlandkreis"."""
    runners = catalogue.runners(fachakte)
    used_by = fachakte.used_by
    if used_by is None:
        head = "Alle Mandanten"
    else:
        named = [_KIND_PLURALS[k] for k in used_by.kinds]
        named += [tenant_name(catalogue, t) for t in used_by.tenants]
        head = " und ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]
    declared = [t.name for t in runners if fachakte.declares(t)]
    delegated = [t.name for t in runners if not fachakte.declares(t)]
    text = f"{head} ({len(declared)}): {', '.join(declared)}" if declared else f"{head}: niemand"
    if delegated:
        text += f"; per Aufgabenübertragung ({len(delegated)}): {', '.join(delegated)}"
    return text


def trigger_of(fachakte: Fachakte, retention: Retention) -> str:
    title = None
    if retention.trigger_field:
        # A date inside a Baustein (`betreuung.ende`) is named with the titles on its way.
        titles, fields = [], fachakte.fields
        for part in retention.trigger_field.split("."):
            found = next((f for f in fields if f.id == part), None)
            if found is None:
                break
            titles.append(found.title)
            fields = found.subfields
        title = " – ".join(titles) or None
    return labels.trigger_text(retention, title)


def field_ref(fachakte: Fachakte, path: str) -> tuple[str, str]:
    """(anchor, title) of a field given as 'id' or dotted path 'antragsteller.anschrift.plz'.
    A sub-field links to its row in the table of the Baustein that holds it; its title names
    the way there ('Antragsteller: Anschrift: PLZ'). An unknown path keeps the path as title."""
    fields, titles, anchor = fachakte.fields, [], "merkmal-" + path.replace(".", "-")
    holder: str | None = None
    for part in path.split("."):
        found = next((f for f in fields if f.id == part), None)
        if found is None:
            return anchor, path
        if holder is not None:
            anchor = f"{baustein_anchor(holder)}-{found.id}"
        titles.append(found.title)
        fields, holder = found.subfields, found.baustein
    return anchor, ": ".join(titles)


# Placeholders of akte.aktenzeichen.format and akte.display_title (check/rules/templates.py).
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_AKTENZEICHEN_PARTS = {
    "kennzeichen": "Aktenplankennzeichen",
    "einheit": "Mandantenkürzel",
    "jahr": "Jahr der Anlage (4-stellig)",
}


@dataclass(frozen=True)
class TemplatePart:
    """A piece of a template: literal text as written, or a placeholder in words."""

    text: str
    placeholder: bool


def template_parts(fachakte: Fachakte, template: str) -> list[TemplatePart]:
    """`template` split into literal text and placeholders named in German words:
    '{kennzeichen}/{einheit}/{laufnummer:6}' -> Aktenplankennzeichen, '/', Mandantenkürzel, '/',
    laufende Nummer (6-stellig); '{halter.nachname}' -> 'Halter: Nachname'."""
    parts: list[TemplatePart] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > last:
            parts.append(TemplatePart(template[last : match.start()], False))
        parts.append(TemplatePart(_placeholder_words(fachakte, match.group(1)), True))
        last = match.end()
    if last < len(template):
        parts.append(TemplatePart(template[last:], False))
    return parts


def _placeholder_words(fachakte: Fachakte, placeholder: str) -> str:
    name, _, arg = placeholder.partition(":")
    if name in _AKTENZEICHEN_PARTS and not arg:
        return _AKTENZEICHEN_PARTS[name]
    if name == "laufnummer":
        return f"laufende Nummer ({arg}-stellig)" if arg.isdigit() else "laufende Nummer"
    if name == "aktenzeichen" and not arg:
        return "Aktenzeichen"
    return field_ref(fachakte, arg if name == "feld" else placeholder)[1]


def template_words(fachakte: Fachakte, template: str) -> str:
    """The placeholders of `template` as a German list with what separates them, e.g.
    'Aktenplankennzeichen, Mandantenkürzel, laufende Nummer (6-stellig); getrennt durch „/“'."""
    parts = template_parts(fachakte, template)
    names = [p.text for p in parts if p.placeholder]
    between = {p.text for p in parts[1:-1] if not p.placeholder}
    plain = all(p.placeholder or 0 < i < len(parts) - 1 for i, p in enumerate(parts))
    if plain and len(between) == 1 and len(names) == len(parts) // 2 + 1:
        return f"{', '.join(names)}; getrennt durch „{between.pop()}“"
    return ", ".join(p.text if p.placeholder else f"„{p.text}“" for p in parts)


def baustein_users(fachakte: Fachakte, baustein_id: str) -> list[str]:
    """Dotted paths of the fields that use the Baustein, at any depth ('antragsteller',
    'betrieb.anschrift')."""
    found: list[str] = []

    def visit(fields: tuple[Field, ...], prefix: str) -> None:
        for field in fields:
            path = f"{prefix}{field.id}"
            if field.baustein == baustein_id:
                found.append(path)
            visit(field.subfields, f"{path}.")

    visit(fachakte.fields, "")
    return found


def pattern_words(pattern: str) -> str | None:
    from fachakte_compiler.targets.docs.patterns import pattern_words as words

    return words(pattern)
