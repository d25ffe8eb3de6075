"""`check-version`: every changed Fachakte and Baustein must raise its version by what its
changes need. Catalogue-level changes (tenants, delegations, Aktenplan) have no version."""

from __future__ import annotations

from dataclasses import dataclass

from fachakte_compiler.diagnostics import Diagnostic, code
from fachakte_compiler.diff.bump import Bump, Version, version_problem
from fachakte_compiler.diff.engine import VersionedDiff
from fachakte_compiler.diff.result import CatalogueDiff
from fachakte_compiler.diff.sources import Side
from fachakte_compiler.i18n import _
from fachakte_compiler.language import german

FD001 = code(
    "FD001",
    "version-too-low",
    "version not bumped enough for the changes",
    """
    The required bump is the largest class among a Fachakte's or a Baustein's changes:
    breaking → major, compatible → minor, cosmetic → patch (see `fachakte explain FD101` etc.
    for each rule). Before 1.0.0 (initial development, SemVer 2.0.0 §4) each class needs one
    place less: breaking → minor, compatible and cosmetic → patch. A larger bump than needed
    is fine. Twelve municipalities install each version unchanged, so the version number is
    how they learn whether an update needs their attention. A Baustein's change needs a bump
    of the Baustein and of every Fachakte using it.""",
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


def shown_name(d: VersionedDiff) -> str:
    return d.id if d.kind == "fachakte" else f"Baustein {d.id}"


@dataclass(frozen=True)
class Verdict:
    diff: VersionedDiff
    problem: Diagnostic | None

    @property
    def summary(self) -> str:
        """The verdict's line for the terminal, in the user's language."""
        d, name = self.diff, shown_name(self.diff)
        if d.status == "removed":
            code = d.changes[0].code if d.changes else "FD122"
            return _("note: {name} {version} was removed; nothing to bump ({code})").format(
                name=name, version=d.old_version, code=code
            )
        if d.status == "added":
            return _("ok: {name} {version} is new").format(name=name, version=d.new_version)
        shown = {"name": name, "old": d.old_version, "new": d.new_version}
        if not d.changes:
            return _("ok: {name} {old} → {new} (no bump needed)").format(**shown)
        return _("ok: {name} {old} → {new} ({bump} bump needed)").format(
            bump=d.required.shown_label, **shown
        )


def check_versions(diff: CatalogueDiff, new: Side) -> list[Verdict]:
    """A verdict for every Fachakte and Baustein that changed or whose version changed."""
    return [Verdict(d, _problem(d, new)) for d in diff.versioned]


def _problem(d: VersionedDiff, new: Side) -> Diagnostic | None:
    if d.old_version is None or d.new_version is None:
        return None
    required = d.required
    text = version_problem(d.old_version, d.new_version, required)
    if text is None:
        return None
    old, now = Version.parse(d.old_version), Version.parse(d.new_version)
    entry = FD003 if now < old else FD002 if required is Bump.NONE else FD001
    source = new.sources.get((d.kind, d.id))
    if german():
        notes = tuple(f"{c.code} {c.bump.kind_de}: {c.de}" for c in d.changes)
    else:
        notes = tuple(f"{c.code} {c.bump.kind}: {c.en}" for c in d.changes)
    hint = _("set the version back to {old}").format(old=old) if entry is FD002 else None
    return Diagnostic(
        entry.code,
        f"{shown_name(d)}: {text}",
        source.display if source else d.source,
        source.span(("version",)) if source else None,
        hint=hint,
        notes=notes,
    )


def verdicts_json(verdicts: list[Verdict]) -> str:
    import json

    def entry(v: Verdict) -> dict[str, object]:
        return {
            "id": v.diff.id,
            "old_version": v.diff.old_version,
            "new_version": v.diff.new_version,
            "required_bump": v.diff.required.label,
            "ok": v.problem is None,
            "problem": v.problem.message if v.problem else None,
            "changes": [c.as_dict() for c in v.diff.changes],
        }

    return json.dumps(
        {
            kind: [entry(v) for v in verdicts if v.diff.kind == singular]
            for kind, singular in (("fachakten", "fachakte"), ("bausteine", "baustein"))
        },
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
    )
