"""Failures of a drift run that are not drift: the installation could not be read (exit 2)."""

from __future__ import annotations

from typing import ClassVar

from fachakte_compiler.errors import ConnectionFailed, FachakteError, UsageProblem


class DriftReadError(FachakteError):
    """The server, the snapshot or the export could not be read; the message is one line that
    says what happened and what to do. Exit code 2 (connection/usage), so that exit 1 always
    means drift."""

    exit_code: ClassVar[int] = 2


class Doxis4ConnectionFailed(DriftReadError, ConnectionFailed):
    """The Doxis4 server gave no usable answer (unreachable, timeout, untrusted certificate,
    log-in refused, unexpected status or body): the exit code of every ConnectionFailed."""

    exit_code: ClassVar[int] = ConnectionFailed.exit_code


class Doxis4UrlRefused(DriftReadError, UsageProblem):
    """--doxis4-url is no usable server address (malformed, not https, or with credentials in
    it): a usage error, found where the option is read, before anything is asked or sent."""

    exit_code: ClassVar[int] = 2


class DriftInputError(FachakteError):
    """An export file given by the user is unusable (hostile or not an 0301 message): exit 2,
    like any input that cannot be compared, so that exit 1 always means drift."""

    exit_code: ClassVar[int] = 2


class ExpectedUnusable(UsageProblem):
    """What to compare with is unusable: a catalogue with errors, or a folder that is no
    release (exit 2)."""
