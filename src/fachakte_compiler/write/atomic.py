"""Atomic build output: all files are staged first, then swapped in with renames.

A run that fails before the swap (bad input, full disk, Ctrl-C) leaves the previous build as it
was and removes its staging folder. Within the output folder only the target folders a run
produced are replaced; everything else is carried over unchanged.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path


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


def commit_tree(out: Path, files: Mapping[str, bytes], replaced_dirs: set[str],
                unchanged: Collection[str] = frozenset()) -> None:
    """Make `out` contain `files` (posix paths relative to `out`); folders in `replaced_dirs`
    lose files that are not in `files`, all other existing content is kept. Files named in
    `unchanged` already hold these bytes in `out` and are linked over instead of rewritten."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    recover(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for rel, data in files.items():
            if rel.startswith("/") or ".." in Path(rel).parts:
                raise ValueError(f"refusing to write outside the output folder: {rel}")
            if rel in unchanged and _link(out / rel, staging / rel):
                continue
            _write(staging / rel, data)
        if out.exists():
            _carry_over(out, staging, replaced_dirs)
        os.sync()
        os.chmod(staging, 0o755)
        for folder, dirs, _ in os.walk(staging):
            for name in dirs:
                os.chmod(Path(folder) / name, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rmdir(old)
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
