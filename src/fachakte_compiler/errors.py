"""The errors a command reports to its user, each carrying its exit code.

Everything the user can cause (bad definitions, a wrong option, a refused output folder, a git
or key problem) is a FachakteError; the CLI prints its message and exits with its code. Any
other exception is a defect of the tool and ends as "internal error" with exit code 2, so a
programming error is never dressed up as "exit 1, nothing was written".
"""

from __future__ import annotations

from typing import ClassVar


class FachakteError(Exception):
    """A failure caused by the input or the environment: exit code 1."""

    exit_code: ClassVar[int] = 1


class UsageProblem(FachakteError):
    """The command line asks for something that cannot be done as asked: exit code 2."""

    exit_code: ClassVar[int] = 2
