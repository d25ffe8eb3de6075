"""`check-version`: every changed Fachakte must raise its version by what its changes need."""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.diagnostics import Diagnostic, code
from fachakte_compiler.diff.bump import Bump, Version, version_problem
from fachakte_compiler.diff.engine import FachakteDiff
from fachakte_compiler.diff.sources import Side

FD001 = code(
    "FD001",
    "version-too-low",
    "version not bumped enough for the changes",
    """
    The required bump is the largest class among a Fachakte's changes: breaking → major,
    compatible → minor, cosmetic → patch (see `fachakte explain FD101` etc. for each rule).
    A larger bump than needed is fine. Twelve municipalities install each version unchanged,
    so the version number is how they learn whether an update needs their attention.""",
)
FD002 = code(
    "FD002",
    "version-bumped-without-changes",
    "version bumped without any change",
    """
    A new version without a semantic change makes every installation review an update that
    changes nothing. Revert the version, or make the change the version announces.""",
)
FD003 = code(
    "FD003",
    "version-backwards",
    "version lower than in the base revision",
    """
    Versions only go up; a lower version would let an older package overwrite a newer one.""",
)


@dataclass(frozen=True)
class Verdict:
    diff: FachakteDiff
    problem: Diagnostic | None

    @property
    def summary(self) -> str:
        d = self.diff
        if d.status == "removed":
            return f"note: {d.id} {d.old_version} was removed; nothing to bump (FD122)"
        if d.status == "added":
            return f"ok: {d.id} {d.new_version} is new"
        need = d.required.label if d.changes else "no"
        return f"ok: {d.id} {d.old_version} → {d.new_version} ({need} bump needed)"


def check_versions(diffs: list[FachakteDiff], new: Side) -> list[Verdict]:
    """A verdict for every Fachakte that changed or whose version changed."""
    return [Verdict(d, _problem(d, new)) for d in diffs if d.touched]


def _problem(d: FachakteDiff, new: Side) -> Diagnostic | None:
    if d.old_version is None or d.new_version is None:
        return None
    required = d.required
    text = version_problem(d.old_version, d.new_version, required)
    if text is None:
        return None
    old, now = Version.parse(d.old_version), Version.parse(d.new_version)
    entry = FD003 if now < old else FD002 if required is Bump.NONE else FD001
    source = new.sources.get(d.id)
    notes = tuple(f"{c.code} {c.bump.kind}: {c.en}" for c in d.changes)
    hint = f"set the version back to {old}" if entry is FD002 else None
    return Diagnostic(
        entry.code,
        f"{d.id}: {text}",
        source.display if source else d.source,
        source.span(("version",)) if source else None,
        hint=hint,
        notes=notes,
    )
