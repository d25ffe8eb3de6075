"""What a name in the catalogue folder is: a definition file by its name, and a regular file or
something else (a FIFO, socket, device, folder or dangling link) by what lies behind it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.i18n import _, os_reason

# The extensions the catalogue reads, exactly as written here.
YAML_SUFFIXES = (".yaml", ".yml")


def lower_suffix(name: str) -> str:
    """`name` with its extension in lower case (and without blanks around it): what a user who
    wrote `Wohngeld.YAML` or `wohngeld.yml ` meant."""
    path = Path(name.strip())
    return path.stem + path.suffix.lower()


def is_apple_double(name: str) -> bool:
    """A macOS metadata file: `._wohngeld.yaml` beside `wohngeld.yaml` on a network or FAT
    drive (Apple's AppleDouble format); never a definition, whatever its extension says."""
    return name.startswith("._")


def looks_like_definition(name: str) -> bool:
    """A name a user takes for a definition file: a YAML extension in any letter case."""
    return Path(lower_suffix(name)).suffix in YAML_SUFFIXES


def not_regular(path: Path) -> str | None:
    """What `path` is when it is no regular file once links are followed, in words that fit
    "… is {what}" (None: a regular file). Never opens `path`: opening a FIFO waits for a writer."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if not path.is_symlink():
            return None  # gone meanwhile, or no permission: reading it says which
        if exc.errno == errno.ENOENT:
            return _("a symbolic link to {target}, which does not exist").format(
                target=os.readlink(path)
            )
        return _("a symbolic link that cannot be followed ({reason})").format(reason=os_reason(exc))
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO), not a regular file")
    if stat.S_ISSOCK(mode):
        return _("a socket, not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device file, not a regular file")
    return _("not a regular file")


def not_regular_finding(display: str, what: str, folder: bool = False) -> Diagnostic:
    """FA012 for a name that looks like a definition file but is `what` (see not_regular)."""
    from fachakte_compiler.load.codes import FA012

    hint = (
        _("rename the folder so that its name does not end in .yaml or .yml")
        if folder
        else _("put the definition file itself in its place, or remove it")
    )
    return Diagnostic(
        FA012.code,
        _("this is {what}; the catalogue reads only regular files").format(what=what),
        display,
        Span(1, 1),
        hint=hint,
    )


class NotRegular(OSError):
    """The file turned out not to be a regular file when it was opened."""


def read_regular(path: Path, limit: int = -1) -> bytes:
    """Up to `limit` bytes of the regular file at `path` (all of them for -1). Opened without
    blocking, so a FIFO put in the file's place after it was listed cannot hang the run;
    anything but a regular file raises NotRegular."""
    what = not_regular(path)
    if what is not None:
        raise NotRegular(what)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(not_regular(path) or _("not a regular file"))
        return handle.read(limit)
