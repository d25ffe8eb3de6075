"""Atomic build output: all files are staged first, then swapped in with renames.

A run that fails before the swap (bad input, full disk, Ctrl-C) leaves the previous build as it
was and removes its staging folder. Within the output folder only the target folders a run
produced are replaced; everything else is carried over unchanged.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from fachakte_compiler.errors import FachakteError
from fachakte_compiler.i18n import _, ngettext, os_reason
from fachakte_compiler.write.guard import OutputRefused


def _write(path: Path, data: bytes) -> None:
    # No fsync per file: one os.sync() before the swap makes all of them durable at once,
    # which for thousands of packages is seconds faster and just as safe.
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o644)


def _link(source: Path, target: Path) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return False
    return True


def _keep(source: Path, target: Path) -> None:
    """Carry one entry of the old build over: a hard link, else a copy; a FIFO, device or
    socket is never opened (reading /proc/kmsg or a FIFO would hang)."""
    if _link(source, target):
        return
    info = source.lstat()
    if stat.S_ISLNK(info.st_mode):
        os.symlink(os.readlink(source), target)
    elif stat.S_ISREG(info.st_mode):
        shutil.copy2(source, target, follow_symlinks=False)
    else:
        raise OutputRefused(
            _(
                "refusing to carry over {source}: not a regular file; remove it from the "
                "output folder"
            ).format(source=source)
        )


def _carry_over(old: Path, staging: Path, replaced: set[str]) -> None:
    """Hard-link (or copy) files of the old build that this run does not replace."""
    for folder, dirs, files in os.walk(old):
        rel = Path(folder).relative_to(old)
        if any(rel.as_posix() == r or rel.as_posix().startswith(r + "/") for r in replaced):
            dirs[:] = []
            continue
        # os.walk lists a symbolic link to a folder among the folders without entering it.
        links = [d for d in dirs if (Path(folder) / d).is_symlink()]
        for name in [*files, *links]:
            target = staging / rel / name
            if not os.path.lexists(target):
                _keep(Path(folder) / name, target)


def _refuse_other_filesystems(out: Path) -> None:
    """Replacing `out` renames it and deletes the old tree: a mount point inside would take
    another filesystem's files with it."""
    device = out.lstat().st_dev
    for folder, dirs, _files in os.walk(out):
        for name in dirs:
            path = Path(folder) / name
            info = path.lstat()
            if stat.S_ISDIR(info.st_mode) and info.st_dev != device:
                raise OutputRefused(
                    _(
                        "refusing to replace {out}: {path} is on another filesystem (a mount "
                        "point); fachakte never crosses into another filesystem"
                    ).format(out=out, path=path)
                )


def _remove(folder: Path, leftovers: list[str]) -> None:
    """Delete `folder`; whatever cannot be removed is reported, not silently kept."""
    failed: list[str] = []

    def note(_function: object, path: str, exc_info: object) -> None:
        error = exc_info[1] if isinstance(exc_info, tuple) else exc_info
        reason = os_reason(error) if isinstance(error, OSError) else error
        failed.append(f"{path} ({reason})")

    shutil.rmtree(folder, onerror=note)
    if failed:
        leftovers.append(
            ngettext(
                "could not remove the leftover {folder}: {first}; remove it by hand",
                "could not remove the leftover {folder}: {first} and {more} more; remove it "
                "by hand",
                len(failed),
            ).format(folder=folder, first=failed[0], more=len(failed) - 1)
        )


def recover(out: Path, leftovers: list[str] | None = None) -> None:
    """Finish or roll back a swap that was interrupted between its two renames, and remove
    staging folders of `out`. Only call it while holding the output's lock (write.lock): then
    no other writer is running, and every staging folder is provably left over."""
    notes = leftovers if leftovers is not None else []
    for leftover in out.parent.glob(f".{out.name}.old-*"):
        if not out.exists():
            leftover.rename(out)
        else:
            _remove(leftover, notes)
    for leftover in out.parent.glob(f".{out.name}.staging-*"):
        _remove(leftover, notes)


@contextmanager
def _signals_deferred() -> Iterator[list[int]]:
    """Hold back Ctrl-C and SIGTERM while the build is swapped in. An interrupt between the two
    renames would leave no build at all, and one just after them would report a failure for a
    build that is complete; the swap takes milliseconds, so the interrupt simply comes too late.
    Yields the list of signals that arrived meanwhile."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def remember(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    previous = {sig: signal.signal(sig, remember) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class OutputChanged(FachakteError):
    """Files staged for the build are missing after the swap: something else changed the
    output folder meanwhile. The build is not stamped, so the next run rebuilds it."""


class Staging:
    """A new build of `out`, written file by file into a folder beside it as the files are
    produced (so a large build never has to be held in memory), then swapped in at once.
    Use it only while holding the output's lock (write.lock.output_lock). `marker`, if given,
    is written as `marker[0]` with the bytes `marker[1]` into every new build."""

    def __init__(self, out: Path, marker: tuple[str, bytes] | None = None) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.leftovers: list[str] = []
        recover(self.out, self.leftovers)
        self.folder = Path(
            tempfile.mkdtemp(prefix=f".{self.out.name}.staging-", dir=self.out.parent)
        )
        self.staged: set[str] = set()
        if marker is not None:
            name, data = marker
            try:
                same = (self.out / name).read_bytes() == data
            except OSError:
                same = False
            self.write(name, data, unchanged=same)

    def write(self, rel: str, data: bytes, *, unchanged: bool = False) -> None:
        """Stage `data` as `rel`; with `unchanged`, `out` already holds these bytes and the
        file is linked over instead of rewritten."""
        if rel.startswith("/") or ".." in Path(rel).parts:
            raise ValueError(
                _("refusing to write outside the output folder: {rel}").format(rel=rel)
            )
        self.staged.add(rel)
        if unchanged and _link(self.out / rel, self.folder / rel):
            return
        _write(self.folder / rel, data)

    def commit(self, replaced_dirs: set[str], also: Sequence[tuple[Path, Path]] = ()) -> None:
        """Swap the staged build in; folders in `replaced_dirs` lose files that were not
        staged, all other existing content of `out` is kept. `also` are (staged file, target)
        pairs renamed in the same moment (a release's ZIP beside its folder), so that an
        interrupt leaves both old or both new. Raises OutputRefused when `out` holds a mount
        point or a file that is not regular outside the replaced folders, and OutputChanged
        when a staged file is missing after the swap."""
        out, staging = self.out, self.folder
        mode = 0o755
        if out.exists():
            _refuse_other_filesystems(out)
            _carry_over(out, staging, replaced_dirs)
            # A folder the user made read-only (or group-writable) keeps its mode.
            mode = stat.S_IMODE(out.stat().st_mode)
        os.sync()
        for folder, dirs, _files in os.walk(staging):
            for name in dirs:
                os.chmod(Path(folder) / name, 0o755)
        os.chmod(staging, mode)
        with _signals_deferred():
            if out.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
                os.rmdir(old)
                out.rename(old)
                try:
                    staging.rename(out)
                except BaseException:
                    old.rename(out)
                    raise
                _remove(old, self.leftovers)
            else:
                staging.rename(out)
            for staged, target in also:
                os.replace(staged, target)
        missing = sorted(rel for rel in self.staged if not (out / rel).is_file())
        if missing:
            raise OutputChanged(
                ngettext(
                    "{out} changed while the build was swapped in: {count} written file "
                    "missing (first: {first}); run the build again",
                    "{out} changed while the build was swapped in: {count} written files "
                    "missing (first: {first}); run the build again",
                    len(missing),
                ).format(out=out, count=len(missing), first=missing[0])
            )

    def discard(self) -> None:
        """Drop the staged build; if a failure or Ctrl-C hit between the two renames of the
        swap, this also puts the previous build back."""
        if self.folder.exists():
            _remove(self.folder, self.leftovers)
        recover(self.out, self.leftovers)


def commit_tree(
    out: Path,
    files: Mapping[str, bytes],
    replaced_dirs: set[str],
    unchanged: Collection[str] = frozenset(),
    also: Sequence[tuple[Path, Path]] = (),
) -> list[str]:
    """Make `out` contain `files` (posix paths relative to `out`); folders in `replaced_dirs`
    lose files that are not in `files`, all other existing content is kept. Files named in
    `unchanged` already hold these bytes in `out` and are linked over instead of rewritten;
    `also` as for Staging.commit. Returns notes on leftovers that could not be removed. Call
    it holding the output's lock."""
    staging = Staging(out)
    try:
        for rel, data in files.items():
            staging.write(rel, data, unchanged=rel in unchanged)
        staging.commit(replaced_dirs, also)
    except BaseException:
        staging.discard()
        raise
    return staging.leftovers


def stage_file(path: Path, data: bytes, mode: int) -> Path:
    """`data` written and fsynced to a new temporary file beside `path` with `mode`; the
    caller renames or links it into place (so a reader never sees half a file)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def replace_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create or replace one file atomically: a temporary file in the same folder, a rename."""
    staged = stage_file(path, data, mode)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
