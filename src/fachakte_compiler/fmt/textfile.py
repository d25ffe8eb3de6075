"""Writing one text file atomically: a temporary file in the same folder, then a rename, so an
interrupted run never leaves half a definition file behind."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from fachakte_compiler.write.atomic import replace_file, stage_file


def replace_text(path: Path, text: str) -> None:
    """Replace an existing file, keeping its permissions."""
    replace_file(path, text.encode("utf-8"), path.stat().st_mode & 0o777)


def create_text(path: Path, text: str) -> None:
    """Create a new file; raises FileExistsError rather than overwrite (also under races)."""
    staged = stage_file(path, text.encode("utf-8"), 0o644)
    try:
        os.link(staged, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
