"""Atomic build output: all files are staged first, then swapped in with renames.

A run that fails before the swap (bad input, full disk, Ctrl-C) leaves the previous build as it
was and removes its staging folder. Within the output folder only the target folders a run
produced are replaced; everything else is carried over unchanged.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType


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
        os.link(source, target)
    except OSError:
        return False
    return True


def _carry_over(old: Path, staging: Path, replaced: set[str]) -> None:
    """Hard-link (or copy) files of the old build that this run does not replace."""
    for folder, dirs, files in os.walk(old):
        rel = Path(folder).relative_to(old)
        if any(rel.as_posix() == r or rel.as_posix().startswith(r + "/") for r in replaced):
            dirs[:] = []
            continue
        for name in files:
            target = staging / rel / name
            if not target.exists() and not _link(Path(folder) / name, target):
                shutil.copy2(Path(folder) / name, target)


def recover(out: Path) -> None:
    """Finish or roll back a swap that was interrupted between its two renames."""
    for leftover in out.parent.glob(f".{out.name}.old-*"):
        if not out.exists():
            leftover.rename(out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)


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


class Staging:
    """A new build of `out`, written file by file into a folder beside it as the files are
    produced (so a large build never has to be held in memory), then swapped in at once."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        recover(self.out)
        self.folder = Path(
            tempfile.mkdtemp(prefix=f".{self.out.name}.staging-", dir=self.out.parent)
        )

    def write(self, rel: str, data: bytes, *, unchanged: bool = False) -> None:
        """Stage `data` as `rel`; with `unchanged`, `out` already holds these bytes and the
        file is linked over instead of rewritten."""
        if rel.startswith("/") or ".." in Path(rel).parts:
            raise ValueError(f"refusing to write outside the output folder: {rel}")
        if unchanged and _link(self.out / rel, self.folder / rel):
            return
        _write(self.folder / rel, data)

    def commit(self, replaced_dirs: set[str]) -> None:
        """Swap the staged build in; folders in `replaced_dirs` lose files that were not
        staged, all other existing content of `out` is kept."""
        out, staging = self.out, self.folder
        if out.exists():
            _carry_over(out, staging, replaced_dirs)
        os.sync()
        os.chmod(staging, 0o755)
        for folder, dirs, _ in os.walk(staging):
            for name in dirs:
                os.chmod(Path(folder) / name, 0o755)
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
                shutil.rmtree(old, ignore_errors=True)
            else:
                staging.rename(out)

    def discard(self) -> None:
        """Drop the staged build; if a failure or Ctrl-C hit between the two renames of the
        swap, this also puts the previous build back."""
        shutil.rmtree(self.folder, ignore_errors=True)
        recover(self.out)


def commit_tree(
    out: Path,
    files: Mapping[str, bytes],
    replaced_dirs: set[str],
    unchanged: Collection[str] = frozenset(),
) -> None:
    """Make `out` contain `files` (posix paths relative to `out`); folders in `replaced_dirs`
    lose files that are not in `files`, all other existing content is kept. Files named in
    `unchanged` already hold these bytes in `out` and are linked over instead of rewritten."""
    staging = Staging(out)
    try:
        for rel, data in files.items():
            staging.write(rel, data, unchanged=rel in unchanged)
        staging.commit(replaced_dirs)
    except BaseException:
        staging.discard()
        raise
