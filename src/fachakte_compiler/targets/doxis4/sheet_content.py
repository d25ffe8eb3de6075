"""Fills the setup sheet from the catalogue's Doxis4 objects (`objects.doxis4_objects`).

Sections follow the order in which the objects must exist: the classification scheme and the
global value lists first (prerequisites that Provision.groovy needs or creates), then
descriptors, retention rules, document classes, folder definitions with their nodes, e-file
classes and process types. Every object names the objects it depends on; the transport list
relies on each of them coming earlier.
"""

from __future__ import annotations

from fachakte_compiler.model import Catalogue, Fachakte, Retention
from fachakte_compiler.targets.docs import labels
from fachakte_compiler.targets.doxis4 import names
from fachakte_compiler.targets.doxis4.identities import Identities
from fachakte_compiler.targets.doxis4.objects import (
    ClassDef,
    DescriptorDef,
    Doxis4Objects,
    FachakteObjects,
    Named,
    RetentionRuleDef,
    doxis4_objects,
)
from fachakte_compiler.targets.doxis4.sheet_model import (
    ALLOWED,
    BASE_DATE,
    DISPOSAL,
    DURATION,
    LEGAL_SOURCE,
    LENGTH,
    MANDATORY,
    MULTI,
    NODE_TYPE,
    NOTE,
    PERSONAL,
    READ_ONLY,
    ROUNDING,
    RULE,
    RUN_BY,
    TYPE,
    UNIT,
    VALUE_LIST,
    WHO,
    Item,
    Section,
    Setting,
    Sheet,
)

# Neither in the transport package nor created by hand per object: why not, per section.
BY_PROVISION_SHARED = (
    "Legt Provision.groovy an (globale Werteliste, öffentliche API): in der gemeinsamen "
    "Organisation genügt das Skript eines beliebigen Mandanten, denn jedes legt alle globalen "
    "Wertelisten des Katalogs an; vor dem Import des Transportpakets ausführen."
)
BY_PROVISION_PER_TENANT = (
    "Legt Provision.groovy in jeder Organisation an (globale Werteliste, öffentliche API): das "
    "Skript ihres Mandanten, mit den Wertelisten der Fachakten, die er führt; vor dem Import "
    "des Transportpakets ausführen."
)
BY_HAND = (
    "Die öffentliche API kann kein Klassifikationsschema anlegen: in jeder Organisation von Hand "
    "anlegen, bevor Provision.groovy läuft; das Skript legt darin die Knoten an."
)

SETTINGS = (
    Setting(
        "Reihenfolge",
        "Provision.groovy vor dem Import und danach noch einmal",
        "Deskriptoren verweisen auf globale Wertelisten, Rechte auf Gruppen; beides legt das "
        "Skript beim ersten Lauf an. Knoten des Aktenplans brauchen die importierten Klassen "
        "und Aufbewahrungsregeln: sie entstehen beim zweiten Lauf. Ein selektiver Transport "
        "löst Abhängigkeiten nicht selbst auf.",
    ),
    Setting(
        "Export",
        "Selektiver Export mit der Paketdefinition",
        "Nur die Objekte dieses Blatts; die Paketdefinition entsteht im cubeDesigner.",
    ),
    Setting(
        "Benutzerspezifische Berechtigungen exportieren",
        "aus",
        "Der Katalog vergibt Rechte nur an Gruppen; Personen pflegt jede Kommune selbst.",
    ),
    Setting(
        "Zugriffsregeln exportieren und importieren",
        "aus (Standard)",
        "Der Katalog definiert keine Zugriffsregeln; importierte Regeln eines vorhandenen Typs "
        "ersetzen die des Ziels.",
    ),
    Setting(
        "Rechte und Eigentümerschaften importieren",
        "an (Standard)",
        "Sonst erhalten die Objekte im Ziel keine Rechte, sondern neue Eigentümer.",
    ),
    Setting(
        "Empfänger von Rechten über den Namen identifizieren",
        "an (Standard)",
        "Jede Organisation vergibt eigene UUIDs. Die Gruppen des Katalogs tragen die Einheit im "
        "Namen und setzt Provision.groovy je Mandant; Klassenrechte in der Referenz nur an "
        "Gruppen vergeben, die es überall unter demselben Namen gibt.",
    ),
    Setting(
        "Berechtigungen überschreiben",
        "aus (fehlende Einträge ergänzen)",
        "Rechte, die eine Kommune selbst vergeben hat, bleiben erhalten.",
    ),
    Setting(
        "Testlauf",
        "vor jedem Import",
        "Zeigt Zuordnungs- und Rechteprobleme, bevor sich im Ziel etwas ändert.",
    ),
)


DESCRIPTOR_KIND, VALUE_LIST_KIND, RULE_KIND, CLASS_KIND = (
    "descriptor",
    "value_list",
    "retention_rule",
    "document_class",
)
Keys = dict[tuple[str, str], str]


def _key(named: Named) -> str:
    """The stable id: the identity path our UUIDv5 is made from (also the ID map's path)."""
    return f"{named.owner}/{named.path}" if named.path else named.owner


def _item(
    named: Named,
    title: str,
    values: tuple[tuple[str, str], ...],
    depends_on: tuple[str, ...] = (),
    parent: str = "",
) -> Item:
    return Item(
        _key(named),
        named.id,
        named.name,
        named.short_name,
        title,
        parent=parent,
        depth=1 if parent else 0,
        values=values,
        depends_on=depends_on,
    )


def _yes(value: bool) -> str:
    return "ja" if value else "nein"


def _personal(d: DescriptorDef) -> str:
    text = labels.label(labels.PERSONAL_DATA, d.personal_data)
    categories = [labels.label(labels.SPECIAL_CATEGORIES, c) for c in d.special_categories]
    return f"{text}: {', '.join(categories)}" if categories else text


def _scheme(catalogue: Catalogue, objects: Doxis4Objects) -> Section:
    name = catalogue.doxis4.classification_scheme
    item = Item(
        "aktenplan",
        "",
        name,
        names.short_name(name, catalogue.doxis4.max_short_name_length),
        catalogue.aktenplan_title or "Aktenplan",
        values=((NOTE, f"{len(objects.nodes)} Knoten legt Provision.groovy an"),),
    )
    return Section(
        "klassifikationsschema",
        "Klassifikationsschema (Aktenplan)",
        "Klassifikationsschema",
        "Das Ordnungssystem, in das Provision.groovy die Knoten des Aktenplans schreibt. Die "
        "öffentliche API kann es nicht anlegen; es ist ein einziges Objekt mit diesem Namen.",
        (NOTE,),
        (item,),
        not_transported=BY_HAND,
    )


def _value_lists(objects: Doxis4Objects, shared: bool) -> Section:
    items = tuple(
        _item(
            v.named,
            v.title,
            values=(
                (TYPE, "Globale Werteliste"),
                (NOTE, f"Spalten KEY, LABEL, DEPRECATED, FA_ID; {len(v.rows)} Zeilen"),
            ),
        )
        for v in objects.value_lists
    )
    return Section(
        "wertelisten",
        "Globale Wertelisten",
        "Wertelisten",
        "Zur Kontrolle: Provision.groovy legt diese Listen an und pflegt ihre Zeilen. Deskriptoren "
        "binden sie mit der Datenspalte KEY und der Anzeigespalte LABEL.",
        (TYPE, NOTE),
        items,
        transport_kind="Globale Werteliste",
        not_transported=BY_PROVISION_SHARED if shared else BY_PROVISION_PER_TENANT,
    )


def _descriptors(objects: Doxis4Objects, titles: dict[str, str], keys: Keys) -> Section:
    items = []
    for d in objects.descriptors:
        used_in = sorted({f"{titles[u.fachakte]}, Pfad {u.path}" for u in d.uses})
        binding = f"{d.value_list} (Daten KEY, Anzeige LABEL)" if d.value_list else ""
        items.append(
            _item(
                d.named,
                d.title,
                values=(
                    (TYPE, d.type.type),
                    (LENGTH, str(d.type.length) if d.type.length else ""),
                    (MULTI, d.type.multi_value),
                    (VALUE_LIST, binding),
                    (PERSONAL, _personal(d)),
                    (NOTE, "verwendet in " + ", ".join(used_in) + _moved(d.earlier_names, "Werte")),
                ),
                depends_on=(keys[VALUE_LIST_KIND, d.value_list],) if d.value_list else (),
            )
        )
    return Section(
        "deskriptoren",
        "Deskriptoren",
        "Deskriptoren",
        "Organisationsweit: ein Deskriptor je Merkmalspfad einer Fachakte, auch durch Bausteine "
        "(WOHNGELD_ANTRAGSTELLER_NACHNAME und WOHNGELD_HAUSHALTSMITGLIEDER_NACHNAME sind zwei "
        "Deskriptoren, obwohl beide aus dem Baustein person stammen). Typ und Mehrfachwert "
        "als Konstanten der Java-API (TYPE_…, MULTI_VALUE_TYPE_…); Pflicht ist keine Eigenschaft "
        "des Deskriptors, sondern seiner Zuordnung zu einer Klasse (Abschnitte 5 und 7).",
        (TYPE, LENGTH, MULTI, VALUE_LIST, PERSONAL, NOTE),
        tuple(items),
        transport_kind="Deskriptor",
    )


def _retention_title(fachakte: Fachakte, rule: RetentionRuleDef) -> str:
    doc_id = rule.named.path.removeprefix("retention/").removeprefix("dokumenttyp.")
    if doc_id == "akte":
        return f"{fachakte.title}: Akte"
    return f"{fachakte.title}: {fachakte.document_type(doc_id).title}"


def _duration(retention: Retention) -> str:
    return "unbefristet" if retention.years is None else str(retention.years)


def _retention_rules(objects: Doxis4Objects, keys: Keys) -> Section:
    items = []
    for f in objects.fachakten:
        for rule in f.retention_rules:
            m, r = rule.mapping, rule.retention
            notes = [m.base_date.note]
            if m.base_date.assumption and "Annahme" not in m.base_date.note:
                notes.append("Abbildung ist unsere Annahme (docs/doxis4.md).")
            if rule.trigger_descriptor:
                notes.append(f"Stichtag aus Deskriptor {rule.trigger_descriptor}.")
            if r.note:
                notes.append(r.note)
            items.append(
                _item(
                    rule.named,
                    _retention_title(f.fachakte, rule),
                    values=(
                        (DURATION, _duration(r)),
                        (UNIT, m.unit),
                        (ROUNDING, m.base_date.rounding),
                        (BASE_DATE, m.base_date.evaluation),
                        (
                            DISPOSAL,
                            f"{m.disposal_action} ({r.disposition}: "
                            f"{labels.label(labels.DISPOSITIONS, r.disposition)})",
                        ),
                        (LEGAL_SOURCE, r.legal_source),
                        (NOTE, " ".join(notes)),
                    ),
                    depends_on=(keys[DESCRIPTOR_KIND, rule.trigger_descriptor],)
                    if rule.trigger_descriptor
                    else (),
                )
            )
    return Section(
        "aufbewahrungsregeln",
        "Aufbewahrungsregeln",
        "Aufbewahrungsregeln",
        "Je Akte eine Regel und je Dokumenttyp mit eigener Frist eine weitere. Dauer in der "
        "Einheit, Rundung und Fristbeginn (RetentionBaseDateEvaluation) und Aussonderung "
        "(Entsorgungsaktion DA_…, `IRetentionRule.getMinDisposalAction`) als Konstanten der "
        "Java-API; A/B/V nach xdomea.",
        (DURATION, UNIT, ROUNDING, BASE_DATE, DISPOSAL, LEGAL_SOURCE, NOTE),
        tuple(items),
        transport_kind="Aufbewahrungsregel",
    )


def _with_assignments(
    c: ClassDef,
    title: str,
    head: tuple[tuple[str, str], ...],
    keys: Keys,
    extra: tuple[str, ...] = (),
) -> list[Item]:
    key = _key(c.named)
    needs = (
        *(keys[DESCRIPTOR_KIND, a.descriptor] for a in c.assignments),
        keys[RULE_KIND, c.retention_rule],
        *extra,
    )
    rows = [_item(c.named, title, ((RULE, c.retention_rule), *head), needs)]
    rows += [
        Item(
            f"{key}/descriptor/{a.descriptor}",
            "",
            a.descriptor,
            title="Zuordnung",
            parent=c.named.name,
            depth=1,
            values=((MANDATORY, _yes(a.mandatory)), (READ_ONLY, _yes(a.read_only))),
        )
        for a in c.assignments
    ]
    return rows


def _moved(earlier: tuple[str, ...], what: str) -> str:
    """The step a rename (`renamed_from`) leaves to the administration: Doxis4 finds objects by
    name, and a descriptor or class cannot be renamed through the API."""
    if not earlier:
        return ""
    listed = ", ".join(earlier)
    return (
        f"; früher {listed} (umbenannt): nach dem Einspielen die {what} von {listed} hierher "
        f"übernehmen, dann {listed} entfernen (fachakte drift meldet sie bis dahin)"
    )


def _document_classes(objects: Doxis4Objects, keys: Keys) -> Section:
    items: list[Item] = []
    for f in objects.fachakten:
        for c in f.document_classes:
            filed = f"abgelegt in Akten {f.record_class.named.name}"
            note = ((NOTE, filed + _moved(c.earlier_names, "Dokumente")),)
            items += _with_assignments(c, c.title, note, keys)
    return Section(
        "dokumentklassen",
        "Dokumentklassen",
        "Dokumentklassen",
        "Je Dokumenttyp einer Fachakte eine Dokumentklasse (IArchiveClass) mit ihrer "
        "Standard-Aufbewahrungsregel; darunter die zugeordneten Deskriptoren mit „Pflicht“ und "
        "„Schreibgeschützt“ dieser Zuordnung.",
        (RULE, MANDATORY, READ_ONLY, NOTE),
        tuple(items),
        transport_kind="Dokumentklasse",
    )


def _folder_key(f: FachakteObjects) -> str:
    return f"{_key(f.record_class.named)}/folder_definition"


def _folder_definitions(objects: Doxis4Objects, keys: Keys) -> Section:
    items: list[Item] = []
    for f in objects.fachakten:
        record = f.record_class.named
        allowed = dict.fromkeys(c for r in f.registers for c in r.allowed_classes)
        items.append(
            Item(
                _folder_key(f),
                "",
                record.name,
                record.short_name,
                f"Ordnerdefinition {f.fachakte.akte.title}",
                values=((NOTE, f"{len(f.registers)} Register"),),
                depends_on=tuple(keys[CLASS_KIND, c] for c in allowed),
            )
        )
        items += [
            _item(
                r.named,
                r.title,
                ((NODE_TYPE, "STATIC"), (ALLOWED, ", ".join(r.allowed_classes))),
                parent=record.name,
            )
            for r in f.registers
        ]
    return Section(
        "ordnerdefinitionen",
        "Ordnerdefinitionen und Register",
        "Ordnerdefinitionen",
        "Je Akte eine Ordnerdefinition (die Aktenklasse nennt sie: "
        "`IArchiveFolderClass.getFolderDefinitionID`); jedes Register ist ein statischer Knoten "
        "der Ordnerdefinition mit den Dokumentklassen, die er aufnimmt. Die öffentliche API "
        "beschreibt Ordnerdefinitionen nicht weiter: sie entstehen im cubeDesigner.",
        (NODE_TYPE, ALLOWED, NOTE),
        tuple(items),
        transport_kind="Ordnerdefinition",
    )


def _runners(catalogue: Catalogue, fachakte: Fachakte) -> str:
    """The Doxis4 units (or, one organization per tenant, the organizations) of the
    municipalities that run `fachakte`."""
    shared = catalogue.doxis4.shared
    return ", ".join(
        t.doxis4_unit if shared else t.organization for t in catalogue.runners(fachakte)
    )


def _record_classes(catalogue: Catalogue, objects: Doxis4Objects, keys: Keys) -> Section:
    items: list[Item] = []
    for f in objects.fachakten:
        akte = f.fachakte.akte
        note = (
            f"Ordnerdefinition {f.record_class.named.name}; Aktenplan-Knoten {f.node}; "
            f"Aktenzeichen {akte.aktenzeichen.format} vergibt ein Agent (liefert SIT); "
            f"Anzeigetitel {akte.display_title}"
        )
        head = ((RUN_BY, _runners(catalogue, f.fachakte)), (NOTE, note))
        items += _with_assignments(f.record_class, akte.title, head, keys, (_folder_key(f),))
    return Section(
        "aktenklassen",
        "Aktenklassen (E-Akten)",
        "Aktenklassen",
        "Je Fachakte eine Aktenklasse (IArchiveFolderClass, REST: schemaMetaType RECORD) mit ihrer "
        "Ordnerdefinition und Standard-Aufbewahrungsregel; darunter die Akten-Deskriptoren. "
        "„Geführt von“ nennt die Einheiten (bei einer Organisation je Mandant: die "
        "Organisationen) der Kommunen, die die Fachakte führen (used_by, dazu die bearbeitenden "
        "Kommunen einer Aufgabenübertragung); nur sie erhalten Gruppen und Zugriffseinträge, bei "
        "einer Organisation je Mandant auch nur sie den Transport.",
        (RULE, MANDATORY, READ_ONLY, RUN_BY, NOTE),
        tuple(items),
        transport_kind="Aktenklasse",
    )


def _groups(fachakte: Fachakte, roles: tuple[str, ...]) -> str:
    return ", ".join(names.group_name_pattern(fachakte.id, role) for role in roles)


def _process(f: FachakteObjects, short_limit: int) -> list[Item]:
    fachakte = f.fachakte
    ids = Identities(fachakte.id)
    workflow = fachakte.workflow
    name = names.process_type_name(fachakte.id)
    head = Item(
        f"{fachakte.id}/workflow",
        ids.workflow(),
        name,
        names.short_name(name, short_limit),
        f"Bearbeitung {fachakte.title}",
        values=(
            (
                NOTE,
                f"{len(workflow.states)} Status, {len(workflow.transitions)} Übergänge, "
                f"{len(workflow.resubmissions)} Wiedervorlagen",
            ),
        ),
        depends_on=(_key(f.record_class.named),),
    )
    titles = {s.id: s.title for s in workflow.states}
    rows = [head]
    for s in workflow.states:
        kind = "Start" if s.initial else "Ende" if s.final else "Status"
        rows.append(
            Item(
                f"{fachakte.id}/state/{s.id}",
                ids.state(s.id),
                names.doxis_name(s.id),
                title=s.title,
                parent=name,
                depth=1,
                values=((TYPE, kind), (NOTE, s.description or "")),
            )
        )
    for t in workflow.transitions:
        rows.append(
            Item(
                f"{fachakte.id}/transition/{t.from_state}/{t.to_state}",
                ids.transition(t.from_state, t.to_state),
                f"{names.doxis_name(t.from_state)} → {names.doxis_name(t.to_state)}",
                title=t.title or f"{titles[t.from_state]} → {titles[t.to_state]}",
                parent=name,
                depth=1,
                values=((TYPE, "Übergang"), (WHO, _groups(fachakte, t.roles))),
            )
        )
    for w in workflow.resubmissions:
        days = f"{abs(w.days)} {'Tag' if abs(w.days) == 1 else 'Tage'}"
        if w.after_state:
            when = f"{days} nach Status {titles[w.after_state]}"
        elif w.relative_to_field:
            # A negative count is a reminder before the date; the date is a descriptor.
            date = names.descriptor_name(fachakte.id, w.relative_to_field)
            when = f"{days} {'vor' if w.days < 0 else 'nach'} dem Datum in {date}"
        else:
            when = days
        rows.append(
            Item(
                f"{fachakte.id}/resubmission/{w.id}",
                ids.resubmission(w.id),
                names.doxis_name(w.id),
                title=w.title,
                parent=name,
                depth=1,
                values=(
                    (TYPE, "Wiedervorlage"),
                    (WHO, _groups(fachakte, (w.role,))),
                    (NOTE, when),
                ),
            )
        )
    return rows


def _process_types(objects: Doxis4Objects, short_limit: int) -> Section:
    items = tuple(item for f in objects.fachakten for item in _process(f, short_limit))
    return Section(
        "prozesstypen",
        "Prozesstypen (Bearbeitungsablauf)",
        "Prozesstypen",
        "Je Fachakte ein BPM-Prozesstyp mit seinen Status, den Übergängen und den Gruppen, die "
        "einen Übergang auslösen dürfen (‹EINHEIT› = Doxis4-Einheit des Mandanten), und den "
        "Wiedervorlagen. Wer die Prozesse modelliert, entscheidet SIT (docs/doxis4.md).",
        (TYPE, WHO, NOTE),
        items,
        transport_kind="Prozesstyp",
    )


def build_sheet(catalogue: Catalogue) -> Sheet:
    """Every object the administrator sets up by hand, in dependency order."""
    objects = doxis4_objects(catalogue)
    titles = {f.id: f.title for f in catalogue.fachakten}
    # (kind, Doxis4 name) -> stable id, for the dependencies: a name is unique only per kind
    # (a code field and its value list may share one).
    keys = {(n.kind, n.name): _key(n) for n in objects.named()}
    sections = (
        _scheme(catalogue, objects),
        _value_lists(objects, catalogue.doxis4.shared),
        _descriptors(objects, titles, keys),
        _retention_rules(objects, keys),
        _document_classes(objects, keys),
        _folder_definitions(objects, keys),
        _record_classes(catalogue, objects, keys),
        _process_types(objects, catalogue.doxis4.max_short_name_length),
    )
    settings = catalogue.doxis4
    return Sheet(sections, SETTINGS, settings.organization if settings.shared else None)
