"""Compare what a release says a tenant must hold with what its Doxis4 organization holds."""

from __future__ import annotations

from collections.abc import Iterable

from fachakte_compiler.drift import codes
from fachakte_compiler.drift.codes import DriftKind
from fachakte_compiler.drift.finding import Finding, change, join
from fachakte_compiler.drift.installed import Installed
from fachakte_compiler.drift.inventory import ExpectedClass, ExpectedDescriptor, Inventory


def _descriptor(expected: ExpectedDescriptor, installed: Installed) -> list[Finding]:
    found = installed.descriptors.get(expected.name)
    if found is None:
        return [Finding(codes.DR101, expected.name, "descriptor")]
    parts = []
    if found.data_type != expected.data_type:
        parts.append(change("type", "Typ", expected.data_type, found.data_type))
    if expected.length is not None and found.length != expected.length:
        parts.append(change("length", "Länge", expected.length, found.length))
    if (found.short_name or "") != expected.short_name:
        parts.append(change("short name", "Kurzname", expected.short_name, found.short_name))
    if found.multivalue != expected.multivalue:
        multi = {True: ("multi value", "mehrwertig"), False: ("single value", "einwertig")}
        parts.append(
            (
                f"{multi[expected.multivalue][0]} in the release, {multi[found.multivalue][0]} "
                "installed",
                f"im Release {multi[expected.multivalue][1]}, installiert "
                f"{multi[found.multivalue][1]}",
            )
        )
    if not parts:
        return []
    en, de = join(parts)
    return [Finding(codes.DR102, expected.name, "descriptor", en, de)]


def _flags(mandatory: bool, readonly: bool, de: bool) -> str:
    words = (
        (("Pflicht", "optional"), ("schreibgeschützt", "änderbar"))
        if de
        else (
            ("mandatory", "optional"),
            ("read-only", "editable"),
        )
    )
    return f"{words[0][0 if mandatory else 1]}, {words[1][0 if readonly else 1]}"


def _class(expected: ExpectedClass, installed: Installed) -> list[Finding]:
    category = "record_class" if expected.record else "document_class"
    found = installed.classes.get(expected.name)
    if found is None or found.record != expected.record:
        return [Finding(codes.DR201, expected.name, category)]
    if found.assignments is None:  # the API does not list descriptors of this kind of class
        return []
    have = {a.descriptor: a for a in found.assignments}
    findings = []
    for want in expected.assignments:
        got = have.pop(want.descriptor, None)
        if got is None:
            findings.append(
                Finding(codes.DR202, expected.name, category, want.descriptor, want.descriptor)
            )
        elif (got.mandatory, got.readonly) != (want.mandatory, want.readonly):
            findings.append(
                Finding(
                    codes.DR203,
                    expected.name,
                    category,
                    f"{want.descriptor}: release {_flags(want.mandatory, want.readonly, False)}, "
                    f"installed {_flags(got.mandatory, got.readonly, False)}",
                    f"{want.descriptor}: Release {_flags(want.mandatory, want.readonly, True)}, "
                    f"installiert {_flags(got.mandatory, got.readonly, True)}",
                )
            )
    findings += [Finding(codes.DR204, expected.name, category, name, name) for name in have]
    return findings


def _unexpected(
    inventory: Inventory, name: str, category: str, unknown: DriftKind, renamed: DriftKind
) -> Finding:
    """An installed object the release does not hold: left from a rename, or local."""
    now = inventory.renamed_to(name)
    if now is None:
        return Finding(unknown, name, category)
    return Finding(renamed, name, category, now, now)


def _not_run(
    inventory: Inventory,
    names: Iterable[str],
    known: set[str],
    category: str,
    kind: DriftKind,
) -> list[Finding]:
    """Installed objects of Fachakten the tenant does not run (`used_by`), named as such."""
    found = []
    for name in names:
        if name in known or (
            inventory.our_group(name) if category == "group" else inventory.ours(name)
        ):
            continue
        fachakte = inventory.not_run(name, group=category == "group")
        if fachakte is not None:
            found.append(Finding(kind, name, category, fachakte, fachakte))
    return found


def _lookalikes(
    inventory: Inventory, names: Iterable[str], known: set[str], category: str
) -> list[Finding]:
    """Installed names that only look like names of the scheme (names.py): in their Latin
    form a name of the release or inside the naming scheme, as typed neither."""
    from fachakte_compiler.drift.names import latin_form, looks_alike, oddities

    group = category == "group"
    found = []
    for name in names:
        if name in known or not looks_alike(name):
            continue
        latin = latin_form(name)
        ours = inventory.our_group(latin) if group else inventory.ours(latin)
        if latin in known or ours or inventory.not_run(latin, group=group) is not None:
            en, de = oddities(name)
            found.append(Finding(codes.DR701, name, category, en, de))
    return found


def compare(inventory: Inventory, installed: Installed) -> list[Finding]:
    """Every difference, in a stable order (category, object, code, detail)."""
    findings: list[Finding] = [
        Finding(codes.DR702, name, category) for category, name in installed.duplicates
    ]
    for descriptor in inventory.descriptors:
        findings += _descriptor(descriptor, installed)
    known = {d.name for d in inventory.descriptors}
    odd = _lookalikes(inventory, installed.descriptors, known, "descriptor")
    findings += odd
    # A lookalike is reported as such, not again as a local development.
    plain = [n for n in installed.descriptors if n not in {f.object for f in odd}]
    findings += [
        _unexpected(inventory, name, "descriptor", codes.DR103, codes.DR104)
        for name in plain
        if name not in known and inventory.ours(name)
    ]
    findings += _not_run(inventory, plain, known, "descriptor", codes.DR105)
    for cls in inventory.classes:
        findings += _class(cls, installed)
    known = {c.name for c in inventory.classes}
    classes = installed.classes
    odd = [
        f
        for name, held in classes.items()
        for f in _lookalikes(
            inventory, (name,), known, "record_class" if held.record else "document_class"
        )
    ]
    findings += odd
    plain_classes = {n: c for n, c in classes.items() if n not in {f.object for f in odd}}
    findings += [
        _unexpected(
            inventory,
            name,
            "record_class" if cls.record else "document_class",
            codes.DR205,
            codes.DR206,
        )
        for name, cls in plain_classes.items()
        if name not in known and inventory.ours(name)
    ]
    for name, held in plain_classes.items():
        category = "record_class" if held.record else "document_class"
        findings += _not_run(inventory, (name,), known, category, codes.DR207)
    findings += [
        Finding(codes.DR301, name, "group")
        for name in inventory.groups
        if name not in installed.groups
    ]
    known = set(inventory.groups)
    odd = _lookalikes(inventory, installed.groups, known, "group")
    findings += odd
    plain = [n for n in installed.groups if n not in {f.object for f in odd}]
    findings += [
        Finding(codes.DR302, name, "group")
        for name in plain
        if name not in known and inventory.our_group(name)
    ]
    findings += _not_run(inventory, plain, known, "group", codes.DR303)
    return sorted(findings, key=Finding.sort_key)
