"""Failures of a drift run that are not drift: the installation could not be read (exit 2)."""

from __future__ import annotations

from fachakte_compiler.errors import UsageProblem


class DriftReadError(Exception):
    """The server, the snapshot or the export could not be read; the message is one line that
    says what happened and what to do. Maps to exit code 2 (connection/usage)."""


class DriftInputError(Exception):
    """An export file given by the user is unusable (hostile or not an 0301 message): exit 2,
    like any input that cannot be compared, so that exit 1 always means drift."""


class ExpectedUnusable(UsageProblem):
    """What to compare with is unusable: a catalogue with errors, or a folder that is no
    release (exit 2)."""
