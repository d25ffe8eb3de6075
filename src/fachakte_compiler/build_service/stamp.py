"""Build stamps: what the last build of an output folder was made from and what it wrote.

A stamp lives in the cache folder (`builds/<sha256 of the output folder path>.json`), not in the
output folder, so that build/ holds nothing but the product and its marker. It records a digest
of all inputs (every definition file's bytes, the compiler, the options) and the size, mtime and
sha256 of every file written. A rebuild whose inputs digest matches and whose output files all
still hash as written has nothing to do and returns before any YAML is parsed; a rebuild that
does work re-writes only files whose bytes changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from fachakte_compiler.build_service.cache import (
    Entry,
    UnsafeCache,
    compiler_fingerprint,
    digest,
    private_folder,
    read_private,
    store,
)
from fachakte_compiler.load.filekind import read_regular
from fachakte_compiler.write.atomic import Staging


def folder_fingerprint(folder: Path | None) -> str:
    """Names, sizes and mtimes of a reference folder (the xdomea XSDs): cheap and enough to
    notice a replaced set of schemas."""
    if folder is None:
        return ""
    parts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        info = path.stat()
        parts.append(f"{path.relative_to(folder).as_posix()}:{info.st_size}:{info.st_mtime_ns}")
    return digest(*parts)


def inputs_digest(root: Path | None, files: list[Path], settings: list[str]) -> str:
    """Everything a build's bytes are made from; `settings` are the options that matter."""
    parts: list[str | bytes] = [compiler_fingerprint(), *settings]
    for path in files:
        inside = root is not None and path.is_relative_to(root)
        try:
            content = hashlib.sha256(read_regular(path)).hexdigest()
        except OSError:
            content = "unreadable"  # the loader reports it with its position
        parts += [path.relative_to(root).as_posix() if root and inside else str(path), content]
    return digest(*parts)


def _sha256(path: Path) -> str | None:
    """SHA-256 of a regular file, read in chunks without following a symbolic link."""
    h = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            while chunk := handle.read(1024**2):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


@dataclass
class Stamp:
    inputs: str = ""
    # relative path -> (size, mtime_ns, sha256) as written
    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    # The build's notes (English msgids, see targets.shown_note), shown again while it is
    # up to date.
    notes: list[str] = field(default_factory=list)
    # How many validation warnings the build had: an up-to-date run shows them again.
    warnings: int = 0

    @staticmethod
    def location(cache_dir: Path, out: Path) -> Path:
        return cache_dir / "builds" / f"{digest(str(out.resolve()))}.json"

    @classmethod
    def load(cls, cache_dir: Path, out: Path) -> Stamp:
        path = cls.location(cache_dir, out)
        if not path.parent.is_dir():
            return cls()
        try:
            private_folder(path.parent)
            raw = json.loads(read_private(path))
            files = {k: (v[0], v[1], v[2]) for k, v in raw["files"].items()}
            notes = raw.get("notes", [])
            warnings = raw.get("warnings", 0)
            if not all(isinstance(n, str) for n in notes) or type(warnings) is not int:
                return cls()
            return cls(raw["inputs"], files, list(notes), warnings)
        except (OSError, UnsafeCache, ValueError, KeyError, TypeError, IndexError):
            return cls()

    def intact(self, out: Path, rel: str) -> bool:
        """The file is still exactly as this stamp recorded it: same size and mtime, and its
        bytes hash to the recorded SHA-256 (a file edited with its mtime put back is caught;
        a kept file is never trusted on its metadata alone)."""
        recorded = self.files.get(rel)
        if recorded is None or _stat(out / rel) != recorded[:2]:
            return False
        return _sha256(out / rel) == recorded[2]

    def up_to_date(self, out: Path, inputs: str) -> bool:
        return (
            bool(self.files)
            and self.inputs == inputs
            and all(self.intact(out, rel) for rel in self.files)
        )

    def holds(self, out: Path, rel: str, size: int, sha256: str) -> bool:
        """The output folder already has exactly these bytes as `rel`."""
        recorded = self.files.get(rel)
        return (
            recorded is not None
            and recorded[0] == size
            and recorded[2] == sha256
            and self.intact(out, rel)
        )

    @classmethod
    def record(
        cls,
        out: Path,
        inputs: str,
        hashes: Mapping[str, str],
        notes: list[str],
        warnings: int = 0,
    ) -> Stamp:
        """The stamp of a build that just wrote `hashes` (relative path -> sha256), said
        `notes` and had `warnings` validation warnings."""
        stamp = cls(inputs, notes=list(notes), warnings=warnings)
        for rel, sha in hashes.items():
            info = _stat(out / rel)
            if info is not None:
                stamp.files[rel] = (*info, sha)
        return stamp

    def save(self, cache_dir: Path, out: Path) -> None:
        """Best effort: without a stamp the next build is merely slower."""
        files = {k: list(v) for k, v in sorted(self.files.items())}
        payload = {
            "inputs": self.inputs,
            "files": files,
            "notes": self.notes,
            "warnings": self.warnings,
        }
        store(self.location(cache_dir, out), json.dumps(payload).encode("utf-8"))

    @classmethod
    def forget(cls, cache_dir: Path, out: Path) -> None:
        """Best effort, like `save`: a cache that cannot be written holds no stamp to drop."""
        with contextlib.suppress(OSError):
            cls.location(cache_dir, out).unlink(missing_ok=True)


class StampedWriter:
    """Stages files, linking those the output folder already holds instead of rewriting them,
    and remembers what it staged for the next stamp."""

    def __init__(self, staging: Staging, previous: Stamp) -> None:
        self.staging = staging
        self.previous = previous
        self.hashes: dict[str, str] = {}

    def put(self, rel: str, data: bytes) -> None:
        sha = hashlib.sha256(data).hexdigest()
        self.hashes[rel] = sha
        same = self.previous.holds(self.staging.out, rel, len(data), sha)
        self.staging.write(rel, data, unchanged=same)

    def put_entry(self, _unit: object, entry: Entry) -> None:
        for rel, data in entry.files.items():
            self.put(rel, data)
