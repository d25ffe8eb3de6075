"""Semantic version classes of changes and the check that a version was bumped enough."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum

from fachakte_compiler.i18n import N_, _
from fachakte_compiler.language import german

_SEMVER = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


class Bump(IntEnum):
    """Ordered so that the required bump of a set of changes is simply their maximum."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def shown_label(self) -> str:
        """`label` as the user's language writes it in a sentence ("Major" in German)."""
        return _(_SHOWN_LABELS[self])

    @property
    def kind(self) -> str:
        return {
            Bump.NONE: "unchanged",
            Bump.PATCH: "cosmetic",
            Bump.MINOR: "compatible",
            Bump.MAJOR: "breaking",
        }[self]

    @property
    def shown_kind(self) -> str:
        """`kind` in the user's language ("inkompatibel" in German)."""
        return self.kind_de if german() else self.kind

    @property
    def kind_de(self) -> str:
        return {
            Bump.NONE: "unverändert",
            Bump.PATCH: "redaktionell",
            Bump.MINOR: "kompatibel",
            Bump.MAJOR: "inkompatibel",
        }[self]


_SHOWN_LABELS = {
    Bump.NONE: N_("none"),
    Bump.PATCH: N_("patch"),
    Bump.MINOR: N_("minor"),
    Bump.MAJOR: N_("major"),
}


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        found = _SEMVER.match(text)
        if found is None:
            raise ValueError(_("'{text}' is not a version MAJOR.MINOR.PATCH").format(text=text))
        return cls(*(int(part) for part in found.groups()))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    def bumped(self, bump: Bump) -> Version:
        """The smallest version that makes a `bump` of this one."""
        if bump is Bump.MAJOR:
            return Version(self.major + 1, 0, 0)
        if bump is Bump.MINOR:
            return Version(self.major, self.minor + 1, 0)
        if bump is Bump.PATCH:
            return Version(self.major, self.minor, self.patch + 1)
        return self


def bump_needed(old_text: str, changes: Bump) -> Bump:
    """The bump that announces changes of class `changes` after version `old_text`. From 1.0.0
    on it is the class itself. Before, in initial development (0.y.z, SemVer 2.0.0 §4), every
    place moves one down, as Cargo and npm's caret ranges read such versions: a breaking change
    raises the minor version, a compatible or cosmetic one the patch version. An `old_text`
    that is no version keeps `changes` (its own check reports it)."""
    found = _SEMVER.match(old_text)
    if changes is Bump.NONE or found is None or found.group(1) != "0":
        return changes
    return Bump.MINOR if changes is Bump.MAJOR else Bump.PATCH


def bump_between(old: Version, new: Version) -> Bump:
    """Which part was raised; NONE also for a version that went backwards (checked first)."""
    if new.major > old.major:
        return Bump.MAJOR
    if new.major == old.major and new.minor > old.minor:
        return Bump.MINOR
    if new.major == old.major and new.minor == old.minor and new.patch > old.patch:
        return Bump.PATCH
    return Bump.NONE


def version_problem(old_text: str, new_text: str, required: Bump) -> str | None:
    """Why `new_text` is not an acceptable successor of `old_text` for changes that need
    `required`, or None when it is. A larger bump than needed is fine."""
    old, new = Version.parse(old_text), Version.parse(new_text)
    if new < old:
        return _("version went backwards from {old} to {new}").format(old=old, new=new)
    made = bump_between(old, new)
    if required is Bump.NONE and made is not Bump.NONE:
        return _("version bumped from {old} to {new} without any change").format(old=old, new=new)
    if made < required:
        wanted = {"old": old, "new": new, "bump": made.shown_label}
        wanted["required"] = required.shown_label
        wanted["next"] = old.bumped(required)
        if made is Bump.NONE:
            return _(
                "version stayed at {old}, but the changes need a {required} bump (to {next} or "
                "higher)"
            ).format(**wanted)
        return _(
            "version got a {bump} bump to {new}, but the changes need a {required} bump (to "
            "{next} or higher)"
        ).format(**wanted)
    return None
