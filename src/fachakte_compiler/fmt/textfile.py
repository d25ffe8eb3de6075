"""Writing one text file atomically: a temporary file in the same folder, then a rename, so an
interrupted run never leaves half a definition file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _staged(path: Path, text: str, mode: int) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, mode)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def replace_text(path: Path, text: str) -> None:
    """Replace an existing file, keeping its permissions."""
    staged = _staged(path, text, path.stat().st_mode & 0o777)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise


def create_text(path: Path, text: str) -> None:
    """Create a new file; raises FileExistsError rather than overwrite (also under races)."""
    staged = _staged(path, text, 0o644)
    try:
        os.link(staged, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
