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
import stat
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fachakte_compiler import __version__
from fachakte_compiler.build_service import CACHE_ENV
from fachakte_compiler.i18n import _, os_reason

CACHE_NAME = ".fachakte-cache"
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE_SUFFIXES = {".py", ".j2", ".xsd", ".json", ".css", ".html", ".xml", ".txt"}


def digest(*parts: str | bytes) -> str:
    """sha256 over length-prefixed parts, so that ('ab', 'c') and ('a', 'bc') differ. A text
    part may be a path whose name is no UTF-8 (Python keeps such bytes as surrogates): those
    are hashed as the bytes they stand for."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
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
        for rel in _code_files(root):
            parts += ["/".join(rel), Path(root, *rel).read_bytes()]
    return digest(*parts)


def _code_files(root: Path) -> list[tuple[str, ...]]:
    """The code files below `root` as path parts, in pathlib's order. os.walk, pruning
    __pycache__, takes a third of the time of Path.rglob, and every command pays it."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, root)
        base = () if rel == os.curdir else tuple(rel.split(os.sep))
        found += [
            (*base, name)
            for name in names
            if os.path.splitext(name)[1] in _CODE_SUFFIXES and os.path.isfile(Path(folder, name))
        ]
    return sorted(found)


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

    def encode(self, key: str) -> bytes:
        names = sorted(self.files)
        header = {
            "key": key,
            "files": [
                [n, len(self.files[n]), hashlib.sha256(self.files[n]).hexdigest()] for n in names
            ],
            "replaced_dirs": sorted(self.replaced_dirs),
            "notes": self.notes,
        }
        head = json.dumps(header, ensure_ascii=True, sort_keys=True).encode("ascii")
        return b"".join([head, b"\n", *(self.files[n] for n in names)])

    @classmethod
    def decode(cls, raw: bytes, key: str) -> Entry | None:
        """The entry stored under `key`, or None when it names another key, a path outside
        the output folder, or any byte of it is not what its header promises."""
        head, newline, body = raw.partition(b"\n")
        try:
            header = json.loads(head)
            if header["key"] != key:
                return None
            entry = cls(replaced_dirs=list(header["replaced_dirs"]), notes=list(header["notes"]))
            offset = 0
            for name, size, sha in header["files"]:
                if not _clean(name) or name in entry.files:
                    return None
                data = body[offset : offset + size]
                if len(data) != size or hashlib.sha256(data).hexdigest() != sha:
                    return None
                entry.files[name] = data
                offset += size
        except (ValueError, KeyError, TypeError, RecursionError):
            return None
        clean = all(_clean(d) for d in entry.replaced_dirs)
        return entry if newline and offset == len(body) and clean else None


def _clean(name: object) -> bool:
    """A relative posix path that stays inside the output folder."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        return False
    return not ({"", ".", ".."} & set(name.split("/"))) or name == "."


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    corrupt: int = 0


class UnsafeCache(Exception):
    """The cache folder is not a private folder of this user (a symbolic link, someone
    else's, or open to others); the build then runs without it."""


def private_folder(path: Path) -> Path:
    """Create `path` (and its parents) as needed and make sure it is a real folder owned by
    this user and closed to everyone else (0700); raises UnsafeCache otherwise. A folder of
    ours with a wider mode (an older cache) is narrowed."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError as exc:
        raise UnsafeCache(
            _("cannot create {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise UnsafeCache(_("{path} is not a folder but a symbolic link or file").format(path=path))
    if info.st_uid != os.geteuid():
        raise UnsafeCache(
            _("{path} belongs to another user (uid {uid})").format(path=path, uid=info.st_uid)
        )
    if stat.S_IMODE(info.st_mode) & 0o077:
        try:
            os.chmod(path, 0o700, follow_symlinks=False)
        except OSError as exc:
            raise UnsafeCache(
                _("cannot make {path} private: {reason}").format(path=path, reason=os_reason(exc))
            ) from exc
    return path


def read_private(path: Path) -> bytes:
    """The bytes of a regular file, opened without following a symbolic link."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise OSError(_("{path} is not a regular file").format(path=path))
        return handle.read()


class BuildCache:
    """Entries under `<folder>/objects/<key[:2]>/<key>`; every folder on the way is checked
    to be private (see private_folder) before it is read or written, so a symbolic link
    planted in the cache can neither feed a build nor make it write elsewhere."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.stats = Stats()
        self._checked: set[Path] = set()
        # An existing folder is checked now, so that an unsafe one is reported up front; a
        # missing one is created only when there is something to store.
        if os.path.lexists(folder):
            self._check(folder)

    def _check(self, folder: Path) -> None:
        if folder not in self._checked:
            private_folder(folder)
            self._checked.add(folder)

    def _path(self, key: str, *, create: bool) -> Path | None:
        path = self.folder / "objects" / key[:2] / key
        try:
            for folder in (self.folder, path.parent.parent, path.parent):
                if not create and not os.path.lexists(folder):
                    return None
                self._check(folder)
        except UnsafeCache:
            return None
        return path

    def get(self, key: str) -> Entry | None:
        path = self._path(key, create=False)
        try:
            if path is None:
                raise OSError(_("unsafe cache folder"))
            raw = read_private(path)
        except OSError:
            self.stats.misses += 1
            return None
        entry = Entry.decode(raw, key)
        if entry is None:
            self.stats.corrupt += 1
            path.unlink(missing_ok=True)
        else:
            self.stats.hits += 1
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Store `entry`; a cache that cannot be written only costs speed, never the build."""
        path = self._path(key, create=True)
        if path is not None:
            store(path, entry.encode(key))


def store(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and a rename, so that concurrent builds only
    ever see whole files; best effort: failing to write cache data costs speed, not the build."""
    temp = None
    try:
        private_folder(path.parent)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except (OSError, UnsafeCache):
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
