"""Runs every check over a catalogue and returns all findings, sorted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from fachakte_compiler.check.context import Context, Place, Rejected
from fachakte_compiler.check.rules import RULES
from fachakte_compiler.check.schema import check_schema
from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.diagnostics.suggest import lookalike_note, meant_spellings, respelling
from fachakte_compiler.load.catalogue import Catalogue, discover
from fachakte_compiler.load.source import DataPath, SourceFile, single_values


class InternalError(Exception):
    """A defect in the compiler itself (exit code 2), never caused by input alone."""


def check_catalogue(
    catalogue: Catalogue,
    schema_check: Callable[[SourceFile], list[Diagnostic]] = check_schema,
    everywhere: bool = False,
) -> list[Diagnostic]:
    """Every finding of the selected files (with `everywhere`, of every file of the
    catalogue), sorted. `schema_check` lets a long-lived caller (the language server) reuse
    the schema findings of files that did not change."""
    found = list(catalogue.diagnostics)
    # The loader already reports a YAML 1.1 reading (FA011) where it is sure of it; the schema
    # check finds the same value again where it expected a text. One finding per value.
    coerced = {(d.file, d.span) for d in found if d.code == "FA011"}
    for source in catalogue.files:
        if source.loaded:
            found.extend(
                d
                for d in schema_check(source)
                if d.code != "FA011" or (d.file, d.span) not in coerced
            )
    clean_so_far = not any(d.is_error for d in found)
    ctx = Context(catalogue, rejected=rejected_values(catalogue, found))
    for rule in RULES:
        before = len(ctx.diagnostics)
        try:
            rule(ctx)
        except Exception as exc:
            # Rules are written to tolerate malformed data; if one still trips over a file that
            # already has errors, those errors are the finding. On clean input it is our bug.
            if clean_so_far:
                raise InternalError(f"rule {rule.name} failed: {exc!r}") from exc
        declared = {c.code for c in rule.codes}
        stray = sorted({d.code for d in ctx.diagnostics[before:]} - declared)
        if stray:
            raise InternalError(f"rule {rule.name} reported undeclared codes {', '.join(stray)}")
    found.extend(d for d in ctx.diagnostics if _place(d) not in ctx.rejected.places)
    found = _with_the_meant_names(found, ctx)
    found = _without_value_findings_of_misplaced_keys(found)
    found = _without_findings_on_unreadable_values(found, catalogue.diagnostics)
    shown = {f.display for f in catalogue.files if everywhere or f.path in catalogue.selected}
    unique = {(d.sort_key, d.severity): d for d in found if d.file in shown}
    unique.update({(d.sort_key, d.severity): d for d in catalogue.unread})
    return sorted(unique.values(), key=lambda d: d.sort_key)


# Schema findings about a value (how YAML read it, its type, its pattern).
_VALUE_CODES = ("FA011", "FA103", "FA105")
# Values the loader did not read as written: not readable (FA002), or under a tag it does not
# support (FA004, kept as the bare text), or read differently by YAML 1.1 (FA011).
_UNREAD_CODES = ("FA002", "FA004", "FA011")
# Findings that reject a value as written: the loader's and the schema's (type, choice,
# pattern and other constraints).
_REJECTING_CODES = (*_UNREAD_CODES, *_VALUE_CODES, "FA104")


def rejected_values(catalogue: Catalogue, found: list[Diagnostic]) -> Rejected:
    """The single values that `found` already rejects, for the rules to read as absent (see
    check.context.Rejected); lists and mappings stay, whatever their finding (a list one entry
    short still names its entries)."""
    places: dict[str, set[tuple[int, int]]] = {}
    for d in found:
        if d.code in _REJECTING_CODES and d.span is not None:
            places.setdefault(d.file, set()).add((d.span.line, d.span.col))
    value_places: set[Place] = set()
    paths: dict[str, frozenset[DataPath]] = {}
    names: dict[str, Place] = {}
    for source in catalogue.files:
        spots = places.get(source.display)
        if not spots or not source.loaded:
            continue
        spans = source.positions.resolve().values
        hit = []
        for path, value in single_values(source.data):
            span = spans.get(path)
            if span is None or (span.line, span.col) not in spots:
                continue
            hit.append(path)
            value_places.add((source.display, span.line, span.col))
            if path and path[-1] == "id" and isinstance(value, str):
                for name in meant_spellings(value):
                    names.setdefault(name, (source.display, span.line, span.col))
        paths[source.display] = frozenset(hit)
    return Rejected(paths, frozenset(value_places), names)


def _place(d: Diagnostic) -> Place | None:
    return (d.file, d.span.line, d.span.col) if d.span is not None else None


def _with_the_meant_names(found: list[Diagnostic], ctx: Context) -> list[Diagnostic]:
    """A rejected id that references spell in a valid form (`bescheiddätum`, used as
    `bescheiddatum`) suggests that form: its ASCII spelling (`bescheiddaetum`) would leave
    every reference unknown."""
    meant = ctx.meant
    return [
        replace(d, hint=_respelt(ctx, place, meant[place]))
        if d.code in _REJECTING_CODES and (place := _place(d)) is not None and place in meant
        else d
        for d in found
    ]


def _respelt(ctx: Context, place: Place, meant: str) -> str:
    """The proposal for the rejected id at `place`, naming its letters that only look Latin
    (a Cyrillic 'а'), without which the proposal would look like the id as written."""
    written = next(
        (n for n, p in ctx.rejected.names.items() if p == place and lookalike_note(n)), meant
    )
    return respelling(written, meant)


def _without_value_findings_of_misplaced_keys(found: list[Diagnostic]) -> list[Diagnostic]:
    """A key that does not apply to its field's type (FA213.2, e.g. `minimum` on a datetime
    field) has to go; a second finding about its value ("quote it", "must be a number") would
    give contradicting advice for the same mistake."""
    misplaced = {(d.file, d.span.line) for d in found if d.code == "FA213.2" and d.span}
    return [
        d
        for d in found
        if not (d.code in _VALUE_CODES and d.span and (d.file, d.span.line) in misplaced)
    ]


def _without_findings_on_unreadable_values(
    found: list[Diagnostic], loaded: list[Diagnostic]
) -> list[Diagnostic]:
    """A value the loader could not read as written (FA002, FA004: `years: !custom 10`) or reads
    differently than editors do (FA011) gets that one finding: a rule judging what was read
    ("must be a number" for `minimum: 09`) would contradict its "put it in quotes"."""
    own = {id(d) for d in loaded}
    unread = {
        (d.file, d.span.line, d.span.col)
        for d in loaded
        if d.code in _UNREAD_CODES and d.span is not None
    }
    return [
        d
        for d in found
        if id(d) in own or d.span is None or (d.file, d.span.line, d.span.col) not in unread
    ]


def validate_paths(
    paths: list[Path], everywhere: bool = False
) -> tuple[Catalogue, list[Diagnostic]]:
    """The catalogue around `paths` and the findings of the files they name (with
    `everywhere`, of every file of that catalogue). Raises CatalogueError."""
    catalogue = discover(paths)
    return catalogue, check_catalogue(catalogue, everywhere=everywhere)
