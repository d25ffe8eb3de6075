"""Which folders a command may replace: only what this tool wrote, never a user's files.

`compile` replaces whole target folders and `release` a whole folder, so an output folder
(`-o`) that names the wrong place would destroy data. Refused before anything is touched: the
filesystem root, the home folder, the top of a git repository, the catalogue (or a folder
holding it, or one inside it), a release folder (for `compile`), and any non-empty folder that
does not carry this tool's mark: the marker file of a build, the manifest of a release made by
fachakte-compiler.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from fachakte_compiler.errors import UsageProblem
from fachakte_compiler.i18n import _, os_reason

# The mark of a build folder; its text says what the folder is to whoever opens it.
BUILD_MARKER = ".fachakte-build"
BUILD_MARKER_TEXT = (
    b"Build output of fachakte-compiler (`fachakte compile`). The command replaces the\n"
    b"contents of this folder; keep nothing else here.\n"
)
RELEASE_MANIFEST = "release.json"
TOOL_NAME = "fachakte-compiler"


class OutputRefused(UsageProblem):
    """The output folder must not be written by this command; the message says why and what to
    do instead (exit code 2: the command line names the wrong place)."""


def is_build_folder(folder: Path) -> bool:
    """`folder` carries the marker file that `compile` writes into every build."""
    return (folder / BUILD_MARKER).is_file() and not (folder / BUILD_MARKER).is_symlink()


def is_release_folder(folder: Path) -> bool:
    """`folder` holds a release.json that a release of this tool wrote (format and compiler
    name), not merely some file of that name."""
    path = folder / RELEASE_MANIFEST
    if path.is_symlink() or not path.is_file():
        return False
    try:
        if path.stat().st_size > 64 * 1024**2:
            return False
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    compiler = document.get("compiler") if isinstance(document, dict) else None
    return (
        isinstance(compiler, dict)
        and compiler.get("name") == TOOL_NAME
        and isinstance(document.get("format"), int)
        and isinstance(document.get("files"), list)
    )


def _refuse(out: Path, why: str) -> OutputRefused:
    return OutputRefused(
        _("refusing to write into {out}: {why}; choose a new or empty folder").format(
            out=out, why=why
        )
    )


def _place(out: Path, resolved: Path, catalogue: Path | None) -> None:
    if resolved == resolved.parent:
        raise _refuse(out, _("it is the root of the filesystem"))
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    if resolved == home:
        raise _refuse(out, _("it is the home folder"))
    if (resolved / ".git").exists():
        raise _refuse(out, _("it is the top folder of a git repository"))
    if catalogue is not None:
        cat = catalogue.resolve()
        if cat.is_relative_to(resolved):
            raise _refuse(out, _("it holds the catalogue {catalogue}").format(catalogue=catalogue))
        if resolved.is_relative_to(cat):
            raise _refuse(
                out, _("it is inside the catalogue {catalogue}").format(catalogue=catalogue)
            )


def check_output_folder(
    out: Path, *, catalogue: Path | None, owned: Callable[[Path], bool], kind: str
) -> None:
    """Raise OutputRefused unless `out` may be replaced by a command that writes a `kind`
    ("build" or "release") and recognises its own folders with `owned`."""
    resolved = out.resolve()
    _place(out, resolved, catalogue)
    if not resolved.exists():
        return
    if not resolved.is_dir():
        raise _refuse(out, _("it is not a folder"))
    if os.path.ismount(resolved):
        # The new output is swapped in by renaming the folder, which the kernel refuses for a
        # mount point (EBUSY): said up front, with what works instead.
        raise OutputRefused(
            _(
                "refusing to write into {out}: it is a mount point, and an output folder is "
                "replaced whole by renaming it; give a folder inside it, such as {inside}"
            ).format(out=out, inside=out / kind)
        )
    if owned(resolved):
        return
    try:
        empty = next(os.scandir(resolved), None) is None
    except OSError as exc:
        raise _refuse(out, _("it cannot be read ({reason})").format(reason=os_reason(exc))) from exc
    if empty:
        return
    if kind == "build" and (resolved / RELEASE_MANIFEST).exists():
        raise _refuse(out, _("it is a release folder"))
    if kind == "release" and (resolved / RELEASE_MANIFEST).exists():
        raise _refuse(
            out,
            _("its {manifest} is not a release made by {tool}").format(
                manifest=RELEASE_MANIFEST, tool=TOOL_NAME
            ),
        )
    if kind == "build":
        why = _(
            "it is not empty and not a build folder of fachakte compile (no {marker} marker)"
        ).format(marker=BUILD_MARKER)
    else:
        why = _("it is not empty and not a release folder (no {manifest})").format(
            manifest=RELEASE_MANIFEST
        )
    raise _refuse(out, why)


def check_build_folder(out: Path, catalogue: Path | None) -> None:
    """Guard of `compile -o`."""
    check_output_folder(out, catalogue=catalogue, owned=is_build_folder, kind="build")


def check_release_folder(out: Path, catalogue: Path | None) -> None:
    """Guard of `release -o`."""
    check_output_folder(out, catalogue=catalogue, owned=is_release_folder, kind="release")


def is_release_zip(path: Path) -> bool:
    """`path` is a ZIP whose top level holds the release.json of a release (`release --zip`)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return RELEASE_MANIFEST in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _inside_catalogue(resolved: Path) -> Path | None:
    """The catalogue folder (the one holding tenants.yaml) that `resolved` lies in, if any."""
    for folder in resolved.parents:
        if (folder / "tenants.yaml").is_file():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def check_output_file(path: Path, *, owned: Callable[[Path], bool] | None = None) -> None:
    """Raise OutputRefused unless the report or archive file `path` may be (over)written: never
    a file inside a catalogue, a file git tracks, or something that is not a regular file; with
    `owned`, an existing file only when `owned` recognises it as this tool's own output."""
    from fachakte_compiler.git import GitError, top_level, tracked

    resolved = path.resolve()
    catalogue = _inside_catalogue(resolved)
    if catalogue is not None:
        raise _refuse_file(
            path, _("it lies inside the catalogue {catalogue}").format(catalogue=catalogue)
        )
    if not resolved.exists():
        return
    if not resolved.is_file():
        raise _refuse_file(path, _("it is not a regular file"))
    try:
        top = top_level(resolved.parent)
        if tracked(top, resolved.relative_to(top.resolve()).as_posix()):
            raise _refuse_file(path, _("git tracks it"))
    except (GitError, ValueError):
        pass
    if owned is not None and not owned(resolved):
        raise _refuse_file(path, _("it exists and was not written by this command"))


def _refuse_file(path: Path, why: str) -> OutputRefused:
    return OutputRefused(
        _("refusing to overwrite {path}: {why}; choose a new file name").format(path=path, why=why)
    )
