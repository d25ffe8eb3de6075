"""The errors a command reports to its user, each carrying its exit code.

Everything the user can cause (bad definitions, a wrong option, a refused output folder, a git
or key problem) is a FachakteError; the CLI prints its message and exits with its code. Any
other exception is a defect of the tool and ends as "internal error" with exit code 2, so a
programming error is never dressed up as "exit 1, nothing was written".

The hierarchy (each module raises its own subclass, the CLI edge catches only these):

    FachakteError (exit 1)              input or environment
      BuildFailed                         an output cannot be produced (targets: TargetError)
      GitError                            git missing, not a repository, a git command failed
      ReleaseRefused, KeyInWorkTree, LockError, OutputChanged, UnsafeArchive, ...
      UsageProblem (exit 2)             the command line asks for the impossible
        CatalogueError                    paths that are no usable catalogue
        OutputRefused                     an output folder the tool must not replace
        SourceDateError, ShardError       unusable SOURCE_DATE_EPOCH or --shard
        KeyFileError                      a key file the command line names that cannot be
                                            used (missing, readable by others, wrong kind,
                                            wrong or no passphrase): KeyFileExists, WrongKey,
                                            PassphraseProblem
      ConnectionFailed (exit 2)         no usable answer from a server: drift's
                                          Doxis4ConnectionFailed, xdomea-schemas' BundleUnreachable
"""

from __future__ import annotations

from typing import ClassVar


class FachakteError(Exception):
    """A failure caused by the input or the environment: exit code 1."""

    exit_code: ClassVar[int] = 1


class UsageProblem(FachakteError):
    """The command line asks for something that cannot be done as asked: exit code 2."""

    exit_code: ClassVar[int] = 2


class ConnectionFailed(FachakteError):
    """A server gave no usable answer: the connection was refused or timed out, the host is
    unknown, its TLS certificate is not trusted, or it answered with an unexpected HTTP status.
    Exit code 2, as for a usage error, in every command that talks to a server (`drift`,
    `xdomea-schemas fetch`): 1 keeps meaning what the content says (drift, a bundle that is not
    the official one)."""

    exit_code: ClassVar[int] = 2


class BuildFailed(FachakteError):
    """An output could not be produced from valid definitions (e.g. it failed its XSD, or the
    catalogue lacks what a target needs); nothing is written. Exit code 1."""


class GitError(FachakteError):
    """git is missing, the folder is not in a repository, or a git command failed: exit 1."""
