"""Content-addressed build cache: emitted bytes per work unit, keyed by everything they depend on.

A key is the sha256 of the compiler's own files, the target, the unit's inputs (Fachakte source,
building blocks, tenant, delegations) and the build options. An entry is stored under
`<cache>/objects/<key[:2]>/<key>` as one JSON header line (paths, sizes, sha256 of every file)
followed by the files' bytes. Every read re-hashes the bytes, so a damaged entry is detected,
dropped and rebuilt instead of being shipped.

The cache folder is `--cache-dir`, else $FACHAKTE_CACHE_DIR, else `.fachakte-cache/` next to
the catalogue folder (the repository root for `definitions/`), else in the working folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fachakte_compiler import __version__

CACHE_ENV = "FACHAKTE_CACHE_DIR"
CACHE_NAME = ".fachakte-cache"
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE_SUFFIXES = {".py", ".j2", ".xsd", ".json", ".css", ".html", ".xml", ".txt"}


def digest(*parts: str | bytes) -> str:
    """sha256 over length-prefixed parts, so that ('ab', 'c') and ('a', 'bc') differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@cache
def compiler_fingerprint() -> str:
    """The version plus the content of every code, template and schema file of the compiler:
    an edited template must never be answered from the cache."""
    from fachakte_compiler.resources import schemas_dir

    parts: list[str | bytes] = [__version__]
    for root in (_PACKAGE, schemas_dir()):
        for path in sorted(
            p
            for p in root.rglob("*")
            if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
        ):
            parts += [path.relative_to(root).as_posix(), path.read_bytes()]
    return digest(*parts)


def default_cache_dir(root: Path | None) -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return (root.parent if root is not None else Path.cwd()) / CACHE_NAME


@dataclass
class Entry:
    """What one work unit produced."""

    files: dict[str, bytes] = field(default_factory=dict)
    replaced_dirs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def encode(self) -> bytes:
        names = sorted(self.files)
        header = {
            "files": [
                [n, len(self.files[n]), hashlib.sha256(self.files[n]).hexdigest()] for n in names
            ],
            "replaced_dirs": sorted(self.replaced_dirs),
            "notes": self.notes,
        }
        head = json.dumps(header, ensure_ascii=True, sort_keys=True).encode("ascii")
        return b"".join([head, b"\n", *(self.files[n] for n in names)])

    @classmethod
    def decode(cls, raw: bytes) -> Entry | None:
        """The entry, or None when any byte of it is not what its header promises."""
        head, newline, body = raw.partition(b"\n")
        try:
            header = json.loads(head)
            entry = cls(replaced_dirs=list(header["replaced_dirs"]), notes=list(header["notes"]))
            offset = 0
            for name, size, sha in header["files"]:
                data = body[offset : offset + size]
                if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
                    return None
                entry.files[name] = data
                offset += size
        except (ValueError, KeyError, TypeError):
            return None
        return entry if newline and offset == len(body) else None


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0


class BuildCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats = Stats()

    def _path(self, key: str) -> Path:
        return self.folder / "objects" / key[:2] / key

    def get(self, key: str) -> Entry | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.stats.misses += 1
            return None
        entry = Entry.decode(raw)
        if entry is None:
            self.stats.corrupt += 1
            path.unlink(missing_ok=True)
        else:
            self.stats.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store `entry`; a cache that cannot be written only costs speed, never the build."""
        store(self._path(key), entry.encode())


def store(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and a rename, so that concurrent builds only
    ever see whole files; best effort: failing to write cache data costs speed, not the build."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except OSError:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
