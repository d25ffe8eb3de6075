"""One writer per output folder at a time.

Two runs writing the same folder would each remove the other's staging folder and swap in a
mix. A writer therefore holds an exclusive `flock` on `.<name>.lock` beside the folder from
before it reads the old build until the new one is in place; a second writer waits and is told
who holds the lock. The lock file names its holder (process id, host, command, start) and is
removed when the holder is done; the kernel drops the lock of a killed process, so a stale lock
file never blocks anyone. While the lock is held, staging folders of this output are provably
left over from a writer that died, and only then are they removed.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fachakte_compiler.errors import FachakteError
from fachakte_compiler.i18n import _, os_reason


class LockError(FachakteError):
    """The lock beside the output folder cannot be taken (e.g. the folder is read-only)."""


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


# The lock file's line, which other processes read: always in English, whatever the language.
_HOLDER = re.compile(r"pid (?P<pid>\d+) on (?P<host>\S+) since (?P<since>\S+): (?P<command>.*)")


def _holder_text() -> bytes:
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    since = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # The host name as gethostname(2) gives it (glibc reads it from uname(2)), without
    # importing `socket` in every build.
    host = os.uname().nodename
    return f"pid {os.getpid()} on {host} since {since}: {command}\n".encode()


def holder_description(text: str) -> str:
    """The holder named in a lock file's `text`, for the user in their language ("pid 42 on
    host build1 since 2026-01-01T00:00:00Z: fachakte compile"); a line in another form is shown
    as it is, an empty one as "another process"."""
    line = text.strip()
    found = _HOLDER.fullmatch(line)
    if found is None:
        return line or _("another process")
    return _("pid {pid} on host {host} since {since}: {command}").format(**found.groupdict())


def _read_holder(fd: int) -> str:
    try:
        return holder_description(os.pread(fd, 4096, 0).decode("utf-8", "replace"))
    except OSError:
        return _("another process")


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise LockError(
            _("cannot create the lock file {path}: {reason}").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc


@contextmanager
def output_lock(out: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock of output folder `out` (its parent is created if needed); `on_wait` is
    called once with the holder's description when another writer holds it."""
    out = out.resolve()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LockError(
            _("cannot create {parent}: {reason}").format(parent=out.parent, reason=os_reason(exc))
        ) from exc
    path = lock_path(out)
    told = False
    while True:
        fd = _open(path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    on_wait(_read_holder(fd))
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            # The previous holder removes the file when done; a lock on a removed file guards
            # nothing, so start over with the file that is there now.
            mine = os.fstat(fd)
            try:
                there = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                there = None
            if there is None or (there.st_dev, there.st_ino) != (mine.st_dev, mine.st_ino):
                os.close(fd)
                continue
        except BaseException:
            os.close(fd)
            raise
        break
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, _holder_text(), 0)
        yield
    finally:
        try:
            path.unlink(missing_ok=True)
        finally:
            os.close(fd)
