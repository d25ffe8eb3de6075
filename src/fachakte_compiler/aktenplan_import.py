"""Merging the units of an exported xdomea 3.0.0 Aktenplan.Aktenplan.0301 message into
aktenplan.yaml (`fachakte import-aktenplan`).

Per unit: Kennzeichen, Inhaltsangabe (title), Aussonderungsart and Aufbewahrungsdauer
(retention), Stillgelegt (retired) and Gueltigkeit (valid_from, valid_until). A unit that is not
in aktenplan.yaml is added in Kennzeichen order; a unit that is there gets the values it lacks;
a value that differs is reported as a conflict and the catalogue's value is kept. A unit whose
Kennzeichen belongs to a Fachakte is not written (the Fachakte carries its own title and
retention); differences to the Fachakte are reported. Comments and quoting of aktenplan.yaml
survive (ruamel.yaml, as `fachakte fmt` uses it); the result is in canonical form.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fachakte_compiler.i18n import N_, _
from fachakte_compiler.targets.xdomea.read import ExportedPlan, ExportedUnit

if TYPE_CHECKING:
    from fachakte_compiler.diagnostics import Diagnostic
    from fachakte_compiler.load.source import SourceFile

# The pattern of aktenplan.schema.json's kennzeichen.
KENNZEICHEN = re.compile(r"^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$")
HEADER = "# yaml-language-server: $schema=../schemas/aktenplan.schema.json\n"
MODELINE = re.compile(r"^(# yaml-language-server: \$schema=\S*?)[a-z]+\.schema\.json\s*$")
DISPOSITIONS = {"A", "B", "V"}
# The kinds of report lines, as shown (translated where they are shown).
NOTE_KINDS = {
    "added": N_("added"),
    "completed": N_("completed"),
    "conflict": N_("conflict"),
    "skipped": N_("skipped"),
}


@dataclass(frozen=True)
class Note:
    """One line of the report. kind: added, completed, conflict, skipped."""

    kind: str
    kennzeichen: str
    text: str

    def render(self) -> str:
        width = max(len(_(label)) for label in NOTE_KINDS.values())
        return f"{_(NOTE_KINDS[self.kind]):{width}} {self.kennzeichen}: {self.text}"


@dataclass(frozen=True)
class FachakteSlot:
    """What a Fachakte file says about its place in the plan."""

    file: str
    title: str | None
    retention: dict[str, Any] | None


@dataclass
class Merge:
    text: str
    notes: list[Note] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for n in self.notes if n.kind == kind)


def order_key(kennzeichen: str) -> tuple[str, tuple[int, ...]]:
    """The order of aktenplan.yaml: the first part as text (KGSt: '1' < '10' < '11' < '2'),
    the further parts as numbers ('22.9' < '22.10')."""
    first, *rest = kennzeichen.split(".")
    return first, tuple(int(p) for p in rest)


def _retention(unit: ExportedUnit) -> dict[str, Any] | None:
    if unit.disposition is None or (unit.years is None and not unit.unlimited):
        return None
    if unit.unlimited:
        return {"disposition": unit.disposition, "unlimited": True}
    return {"disposition": unit.disposition, "years": unit.years}


def _wanted(unit: ExportedUnit) -> dict[str, Any]:
    """The aktenplan.yaml fields the export gives for `unit` (absent: the export says nothing)."""
    values: dict[str, Any] = {
        "title": unit.title,
        "valid_from": unit.valid_from,
        "valid_until": unit.valid_until,
        "retired": True if unit.retired else None,
        "retention": _retention(unit),
    }
    return {k: v for k, v in values.items() if v is not None}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return str(value)
    return value


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        parts = [value.get("disposition", "?")]
        parts.append("unbefristet" if value.get("unlimited") else f"{value.get('years')} Jahre")
        return "/".join(str(p) for p in parts)
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}'"


def _safe_text(value: str) -> Any:
    """`value` quoted where the catalogue's reader would take it for something else: YAML 1.1
    reads plain `yes`, `off`, `~`, `0x1F` or `1_000` as booleans, null or numbers (FA011), which
    ruamel, writing YAML 1.2, leaves plain."""
    import yaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    resolver: Any = yaml.resolver.Resolver()
    plain = resolver.resolve(yaml.ScalarNode, value, (True, False))
    return value if plain == "tag:yaml.org,2002:str" else DoubleQuotedScalarString(value)


def _yaml_value(key: str, value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, str):
        return _safe_text(value)
    if key == "retention":
        mapping = CommentedMap()
        for name in ("disposition", "years", "unlimited"):
            if name in value:
                mapping[name] = value[name]
        return mapping
    return value


def _new_unit(kennzeichen: str, wanted: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    unit = CommentedMap()
    unit["kennzeichen"] = DoubleQuotedScalarString(kennzeichen)
    for key, value in wanted.items():
        unit[key] = _yaml_value(key, value)
    return unit


def _check_fachakte(
    unit: ExportedUnit, slot: FachakteSlot, wanted: dict[str, Any], notes: list[Note]
) -> None:
    own = {"title": slot.title, "retention": slot.retention}
    for key in ("title", "retention"):
        if key in wanted and own[key] is not None and wanted[key] != own[key]:
            notes.append(
                Note(
                    "conflict",
                    unit.kennzeichen,
                    _(
                        "belongs to the Fachakte in {file}: {key} {own} there, {wanted} in the "
                        "export; the Fachakte is left as it is"
                    ).format(
                        file=slot.file, key=key, own=_shown(own[key]), wanted=_shown(wanted[key])
                    ),
                )
            )


def _merge_unit(
    existing: Any,
    unit: ExportedUnit,
    wanted: dict[str, Any],
    notes: list[Note],
    derived: dict[str, Any] | None,
) -> None:
    filled = []
    for key, value in wanted.items():
        if key == "retention" and key not in existing and value == derived:
            continue  # what the catalogue already implies; writing it would pin it
        if key not in existing:
            existing[key] = _yaml_value(key, value)
            filled.append(key)
        elif _plain(existing[key]) != value:
            notes.append(
                Note(
                    "conflict",
                    unit.kennzeichen,
                    _(
                        "{key}: {own} in aktenplan.yaml, {wanted} in the export; kept "
                        "aktenplan.yaml's"
                    ).format(key=key, own=_shown(_plain(existing[key])), wanted=_shown(value)),
                )
            )
    if not unit.retired and existing.get("retired") is True:
        notes.append(
            Note(
                "conflict",
                unit.kennzeichen,
                _(
                    "retired in aktenplan.yaml, not stillgelegt in the export; kept "
                    "aktenplan.yaml's"
                ),
            )
        )
    if filled:
        notes.append(
            Note(
                "completed",
                unit.kennzeichen,
                _("added {keys}").format(keys=", ".join(filled)),
            )
        )


def modeline(folder: Path) -> str:
    """The editor modeline for a new `folder`/aktenplan.yaml: where the catalogue's other files
    find their schemas (tenants.yaml first), else ../schemas/ as in the shipped catalogue."""
    for sibling in ("tenants.yaml", "delegations.yaml"):
        try:
            first = (folder / sibling).read_text(encoding="utf-8").split("\n", 1)[0]
        except (OSError, UnicodeDecodeError):
            continue
        found = MODELINE.match(first)
        if found:
            return f"{found.group(1)}aktenplan.schema.json\n"
    return HEADER


def merge(
    plan: ExportedPlan,
    current: str | None,
    fachakten: dict[str, FachakteSlot],
    header: str = HEADER,
    derived: dict[str, dict[str, Any]] | None = None,
) -> Merge:
    """aktenplan.yaml (`current`, None if there is none) with the units of `plan` merged in,
    and the report. `fachakten` maps a Kennzeichen to the Fachakte that occupies it; `header`
    starts a new file; `derived` maps a level without a written retention to the retention the
    xdomea target derives for it (see derived_retention), which an export of the catalogue's
    own message carries and which is therefore no new value."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from fachakte_compiler.fmt.canonical import format_text, round_trip_yaml

    yaml = round_trip_yaml()
    data = yaml.load(current) if current and current.strip() else None
    if not isinstance(data, CommentedMap):
        data = CommentedMap()
    if plan.title and "title" not in data:
        data["title"] = _safe_text(plan.title)
    units = data.get("units")
    if not isinstance(units, CommentedSeq):
        units = CommentedSeq()
        data["units"] = units
    by_kennzeichen = {str(u.get("kennzeichen")): u for u in units if isinstance(u, CommentedMap)}
    notes: list[Note] = []
    for unit in plan.units:  # read_plan refuses a Kennzeichen that appears twice
        kennzeichen = unit.kennzeichen
        if not KENNZEICHEN.match(kennzeichen):
            notes.append(
                Note("skipped", kennzeichen, _("not a Kennzeichen of the form 22 or 22.10.10"))
            )
            continue
        if unit.disposition is not None and unit.disposition not in DISPOSITIONS:
            notes.append(
                Note(
                    "skipped",
                    kennzeichen,
                    _("`Aussonderungsart` '{value}' is not A, B or V").format(
                        value=unit.disposition
                    ),
                )
            )
            continue
        wanted = _wanted(unit)
        if kennzeichen in fachakten:
            _check_fachakte(unit, fachakten[kennzeichen], wanted, notes)
            continue
        if kennzeichen in by_kennzeichen:
            known = (derived or {}).get(kennzeichen)
            _merge_unit(by_kennzeichen[kennzeichen], unit, wanted, notes, known)
            continue
        if "title" not in wanted:
            notes.append(Note("skipped", kennzeichen, _("has no Inhaltsangabe to serve as title")))
            continue
        new = _new_unit(kennzeichen, wanted)
        key = order_key(kennzeichen)
        position = next(
            (
                i
                for i, u in enumerate(units)
                if isinstance(u, CommentedMap) and order_key(str(u.get("kennzeichen"))) > key
            ),
            len(units),
        )
        units.insert(position, new)
        by_kennzeichen[kennzeichen] = new
        title = wanted["title"]
        notes.append(Note("added", kennzeichen, f"'{title}'"))
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    if current is None or not current.strip():
        text = header + text
    return Merge(format_text(text, "aktenplan"), notes)


def fachakte_slots(folder: Path) -> dict[str, FachakteSlot]:
    """Kennzeichen -> Fachakte for every readable file in `folder`/fachakten/*.yaml."""
    from fachakte_compiler.load.catalogue import catalogue_files
    from fachakte_compiler.load.filekind import read_regular
    from fachakte_compiler.load.yaml_loader import plain_data

    slots: dict[str, FachakteSlot] = {}
    for path in catalogue_files(folder):
        if path.parent.name != "fachakten":
            continue
        try:
            data = plain_data(read_regular(path), path.name)
        except OSError:
            continue
        plan = data.get("aktenplan") if isinstance(data, dict) else None
        if not isinstance(plan, dict) or not isinstance(plan.get("kennzeichen"), str):
            continue
        akte = data.get("akte")
        raw = akte.get("retention") if isinstance(akte, dict) else None
        retention = None
        if isinstance(raw, dict) and "disposition" in raw:
            retention = {"disposition": raw["disposition"]}
            retention.update(
                {"unlimited": True} if raw.get("unlimited") else {"years": raw.get("years")}
            )
        slots[plan["kennzeichen"]] = FachakteSlot(
            f"fachakten/{path.name}", plan.get("title"), retention
        )
    return slots


def derived_retention(folder: Path) -> dict[str, dict[str, Any]]:
    """Kennzeichen -> the retention the xdomea target writes for each level of the catalogue in
    `folder` whose aktenplan.yaml entry states none (targets.xdomea.plan); empty when the
    catalogue does not validate, so that nothing is taken for granted."""
    from fachakte_compiler.model.load import load_model
    from fachakte_compiler.targets.xdomea.plan import PlanUnit, build_plan

    model = load_model([folder])[0]
    if model is None:
        return {}
    found: dict[str, dict[str, Any]] = {}

    def walk(units: tuple[PlanUnit, ...]) -> None:
        for unit in units:
            if unit.derived:
                found[unit.kennzeichen] = (
                    {"disposition": unit.disposition, "unlimited": True}
                    if unit.years is None
                    else {"disposition": unit.disposition, "years": unit.years}
                )
            walk(unit.children)

    walk(build_plan(model))
    return found


def new_errors(
    current: str | None, merged: str, path: Path, display: str
) -> tuple[SourceFile, list[Diagnostic]]:
    """The merged file as a source and the errors of loading and schema-checking `merged` as
    aktenplan.yaml, without the errors `current` already had: what the import introduces."""
    from fachakte_compiler.check.schema import check_schema
    from fachakte_compiler.load.source import SourceFile
    from fachakte_compiler.load.yaml_loader import load_bytes

    def errors(text: str) -> tuple[SourceFile, list[Diagnostic]]:
        source = SourceFile(path=path, display=display, kind="aktenplan")
        found = load_bytes(source, text.encode("utf-8"))
        if source.loaded:
            found += check_schema(source)
        return source, [d for d in found if d.is_error]

    before = {(d.code, d.message) for d in errors(current)[1]} if current else set()
    source, after = errors(merged)
    return source, [d for d in after if (d.code, d.message) not in before]
