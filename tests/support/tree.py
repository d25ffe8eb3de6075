"""Reading an output folder as {posix path relative to it: what the test compares}."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from fachakte_compiler.write.guard import BUILD_MARKER

T = TypeVar("T")


def read_tree(folder: Path, read: Callable[[Path], T]) -> dict[str, T]:
    """`read(path)` of every file below `folder`, keyed by its posix path, in sorted order;
    the marker file of a build folder is not part of the product and left out."""
    return {
        p.relative_to(folder).as_posix(): read(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() != BUILD_MARKER
    }


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes."""
    return read_tree(folder, Path.read_bytes)
