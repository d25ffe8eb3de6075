"""The file plan as a tree: one unit per Fachakte, nested under the levels of its Kennzeichen.

Intermediate levels take their title, description, validity, retirement and retention from
aktenplan.yaml. xdomea 3.0.0 demands an Aussonderungsart and an Aufbewahrungsdauer on every unit
(AktenplaneinheitAktenplanType), and the Aussonderungsart of a level is inherited by everything
filed directly below it (the XSD's implementationHint). A level whose retention aktenplan.yaml
does not state therefore carries a derived one, by one documented rule (docs/xdomea.md): the
strongest Aussonderungsart of the units right below it (archival before assess before destroy)
and their longest period (unbefristet before any number of years). Inheriting it can only keep
more, never destroy something that a unit below marks as archival.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fachakte_compiler.model import AktenplanUnit, Catalogue, Fachakte

# Archival value in rising order: 'V' vernichten, 'B' bewerten, 'A' archivwürdig.
DISPOSITION_ORDER = ("V", "B", "A")


@dataclass(frozen=True)
class PlanUnit:
    kennzeichen: str
    title: str | None
    disposition: str
    years: int | None  # None: unbefristet
    retired: bool = False
    valid_from: dt.date | None = None
    fachakte: Fachakte | None = None
    children: tuple[PlanUnit, ...] = ()
    valid_until: dt.date | None = None
    # True where the retention follows the rule above instead of a value someone wrote.
    derived: bool = False


def sort_key(kennzeichen: str) -> tuple[int, ...]:
    return tuple(int(part) for part in kennzeichen.split("."))


def _parent(kennzeichen: str, known: set[str]) -> str | None:
    """The nearest enclosing level: dot-separated prefixes first ('22.10' for '22.10.10'); a
    one-part Kennzeichen sits below a known shorter digit prefix ('2' for '22'), which is how
    the KGSt plan nests Hauptgruppe and Gruppe."""
    parts = kennzeichen.split(".")
    if len(parts) > 1:
        return ".".join(parts[:-1])
    for length in range(len(kennzeichen) - 1, 0, -1):
        if kennzeichen[:length] in known:
            return kennzeichen[:length]
    return None


def _combine(children: list[PlanUnit]) -> tuple[str, int | None]:
    disposition = max((c.disposition for c in children), key=DISPOSITION_ORDER.index)
    if any(c.years is None for c in children):
        return disposition, None
    return disposition, max(c.years or 0 for c in children)


def build_plan(catalogue: Catalogue) -> tuple[PlanUnit, ...]:
    """Top-level units, each with its nested children, ordered by Kennzeichen."""
    described: dict[str, AktenplanUnit] = {u.kennzeichen: u for u in catalogue.aktenplan}
    leaves = {f.kennzeichen: f for f in catalogue.fachakten}
    children: dict[str | None, set[str]] = {}
    known = set(described) | set(leaves)
    pending = list(leaves)
    seen: set[str] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        parent = _parent(current, known)
        children.setdefault(parent, set()).add(current)
        if parent is not None:
            pending.append(parent)

    def unit(kennzeichen: str) -> PlanUnit:
        fachakte = leaves.get(kennzeichen)
        below = [unit(k) for k in sorted(children.get(kennzeichen, ()), key=sort_key)]
        info = described.get(kennzeichen)
        if fachakte is not None:
            retention = fachakte.akte.retention
            return PlanUnit(
                kennzeichen,
                fachakte.aktenplan_title,
                retention.disposition,
                retention.years,
                fachakte=fachakte,
                children=tuple(below),
            )
        written = info.retention if info else None
        if written is not None:
            disposition, years = written.disposition, written.years
        else:
            disposition, years = _combine(below)
        return PlanUnit(
            kennzeichen,
            info.title if info else None,
            disposition,
            years,
            info.retired if info else False,
            info.valid_from if info else None,
            children=tuple(below),
            valid_until=info.valid_until if info else None,
            derived=written is None,
        )

    return tuple(unit(k) for k in sorted(children.get(None, ()), key=sort_key))


def untitled_levels(plan: tuple[PlanUnit, ...]) -> list[str]:
    found: list[str] = []
    for item in plan:
        if item.title is None:
            found.append(item.kennzeichen)
        found.extend(untitled_levels(item.children))
    return found
