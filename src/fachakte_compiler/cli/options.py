"""Options and steps that several commands share: paths, checking and reporting."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from fachakte_compiler.build_service import DEFAULT_PATH as DEFAULT_PATH
from fachakte_compiler.i18n import _, os_reason

if TYPE_CHECKING:
    from fachakte_compiler.diagnostics import Diagnostic

F = TypeVar("F", bound=Callable[..., Any])


class PathParam(click.Path):
    """click.Path that refuses an empty value: '' would become Path('.'), the working folder,
    and a command would read or write there instead of where the user meant (exit 2)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str | bytes) and not value:
            self.fail(_("an empty path names no file or folder; give a path"), param, ctx)
        return super().convert(value, param, ctx)


def distinct_outputs(outputs: dict[str, Path | None]) -> None:
    """Usage error (exit 2) where two options that each name an output (by option name) name
    the same file or folder: the second would overwrite the first."""
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        where = path.resolve()
        if where in seen:
            raise click.UsageError(
                _("{first} and {second} both name {path}; give each output its own path").format(
                    first=seen[where], second=option, path=path
                )
            )
        seen[where] = option


def renamed_option(old: str, new: str, dest: str, **attrs: Any) -> Callable[[F], F]:
    """Keep `old`, an earlier spelling of the option `new` (parameter `dest`), working for
    scripts: hidden from --help, it warns and its value wins over `new`'s default."""
    hidden = "renamed_" + old.lstrip("-").replace("-", "_")

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            value = kwargs.pop(hidden, None)
            if value is not None:
                click.echo(
                    _("warning: {old} is deprecated; use {new}").format(old=old, new=new), err=True
                )
                kwargs[dest] = value
            return func(*args, **kwargs)

        return click.option(old, hidden, hidden=True, **attrs)(wrapper)  # type: ignore[return-value]

    return decorate


# Earlier spellings that documented versions of the README gave, by the option that replaces
# them. A kept spelling works wherever its meaning applies (`--private` on release as on
# keygen) and warns; `--key` always meant the private key, so verify does not take it.
FORMER_NAMES = {
    "--output": ("--out",),
    "--private-key": ("--key", "--private"),
    "--public-key": ("--public",),
    "--definitions": ("--dir",),
}


def _named_option(
    names: tuple[str, ...], dest: str, help_text: str, **attrs: Any
) -> Callable[[F], F]:
    """The option `names` (the long name last) with its former names as hidden aliases."""
    long_name = names[-1]

    # An alias has no default of its own: its value is only used when it is given.
    alias_attrs = {k: v for k, v in attrs.items() if k not in ("default", "show_default")}

    def decorate(func: F) -> F:
        for old in FORMER_NAMES.get(long_name, ()):
            func = renamed_option(old, long_name, dest, **alias_attrs)(func)
        return click.option(*names, dest, help=help_text, **attrs)(func)

    return decorate


def output_option(help_text: str, dest: str = "output", **attrs: Any) -> Callable[[F], F]:
    """`-o/--output`, the one name of what a command writes (a report file or a folder)."""
    return _named_option(("-o", "--output"), dest, help_text, **attrs)


def definitions_option(help_text: str, dest: str) -> Callable[[F], F]:
    """`--definitions DIR`, the catalogue folder a command writes into (no default: the
    command takes `catalogue_paths`, so that it finds the catalogue from inside it)."""
    return _named_option(
        ("--definitions",),
        dest,
        help_text,
        type=PathParam(file_okay=False, path_type=Path),
        metavar="DIR",
    )


def private_key_option(help_text: str, dest: str, **attrs: Any) -> Callable[[F], F]:
    """`--private-key`, the private key file a command reads or creates."""
    return _named_option(("--private-key",), dest, help_text, **attrs)


def public_key_option(help_text: str, dest: str, **attrs: Any) -> Callable[[F], F]:
    """`--public-key`, the public key file a command reads or creates."""
    return _named_option(("--public-key",), dest, help_text, **attrs)


def catalogue_paths(paths: tuple[Path, ...] | list[Path], option: str | None = None) -> list[Path]:
    """The catalogue files or folders to work on: PATHS as given, else definitions/ in the
    working folder, else the catalogue the working folder lies in (run from definitions/ or
    definitions/fachakten/, say), with a note naming it. Usage error (exit 2) saying what to
    do when there is none; `option` names the option that takes the catalogue folder in
    commands without PATHS (e.g. '--definitions')."""
    if paths:
        return list(paths)
    found = default_catalogue()
    if found == DEFAULT_PATH:
        return [DEFAULT_PATH]
    here = Path.cwd()
    if found is None and option is not None:
        raise click.UsageError(
            _(
                "no catalogue here: {here} holds no {default}/ folder, and neither it nor a "
                "folder above it is a catalogue (tenants.yaml, fachakten/); run fachakte in the "
                "folder that holds {default}/, or name the catalogue folder with {option}"
            ).format(here=here, default=DEFAULT_PATH.name, option=option)
        )
    if found is None:
        raise click.UsageError(
            _(
                "no catalogue here: {here} holds no {default}/ folder, and neither it nor a "
                "folder above it is a catalogue (tenants.yaml, fachakten/); run fachakte in the "
                "folder that holds {default}/, or name the catalogue folder or files as PATHS"
            ).format(here=here, default=DEFAULT_PATH.name)
        )
    click.echo(
        _("note: no {default}/ folder here; working on the catalogue {shown}").format(
            default=DEFAULT_PATH.name, shown=found
        ),
        err=True,
    )
    return [found]


def default_catalogue() -> Path | None:
    """definitions/ in the working folder if it exists, else the catalogue the working folder
    lies in or beside (relative to it), else None. Says nothing (shell completion uses it)."""
    if DEFAULT_PATH.exists():
        return DEFAULT_PATH
    from fachakte_compiler.load.catalogue import catalogue_above

    found = catalogue_above(Path.cwd(), DEFAULT_PATH.name)
    return Path(os.path.relpath(found)) if found is not None else None


def completes(name: str) -> Callable[[click.Context, click.Parameter, str], list[Any]]:
    """The shell completion `name` of cli.completion, imported only when the shell asks."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from fachakte_compiler.cli import completion

        found: list[Any] = getattr(completion, name)(ctx, param, incomplete)
        return found

    return complete


def paths_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument(
        "paths",
        nargs=-1,
        metavar="[PATHS]...",
        type=PathParam(path_type=Path),
        shell_complete=completes("complete_definition_path"),
    )(func)


def run_checks(paths: tuple[Path, ...]) -> tuple[Any, list[Diagnostic]]:
    """Load and check the catalogue around `paths`; returns (catalogue, the findings of every
    file of that catalogue: the named files are `catalogue.selected`). Exit 2 when the paths
    do not make a catalogue."""
    from fachakte_compiler.check.runner import validate_paths
    from fachakte_compiler.load.catalogue import CatalogueError

    try:
        return validate_paths(catalogue_paths(paths), everywhere=True)
    except CatalogueError as exc:
        raise click.UsageError(str(exc)) from exc


def check_reports(
    targets: Iterable[tuple[str, Path | None, str]], reads: Iterable[Path | None]
) -> None:
    """Refuse (exit 2, before anything is read or written) report files that must not be
    written: `targets` are (option, file or None, format), `reads` what the run reads (PATHS
    left empty stand for the catalogue found from the working folder). The one guard of every
    command's `-o FILE` and `--report FORMAT=FILE` (write.reports)."""
    from fachakte_compiler.write.reports import ReportTarget, check_report_targets

    check_report_targets(
        [ReportTarget(option, path, fmt) for option, path, fmt in targets if path is not None],
        reads,
    )


def catalogue_reads(paths: Iterable[Path | None]) -> list[Path | None]:
    """What a command reads when given `paths`: those, else the catalogue it would find."""
    given = [p for p in paths if p is not None]
    return list(given) if given else [default_catalogue()]


def write_report(output: Path, text: str) -> None:
    """Write a report (colour codes removed, one final line break) to `output`, which
    `check_reports` has allowed at the start of the run."""
    from fachakte_compiler.cli.main import Failure

    try:
        output.write_text(click.unstyle(text).rstrip("\n") + "\n", encoding="utf-8")
    except OSError as exc:
        raise Failure(
            _("cannot write {output}: {reason}").format(output=output, reason=os_reason(exc))
        ) from exc


STDIN = Path("-")


def stdin_filename_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--stdin-filename",
        type=PathParam(dir_okay=False, path_type=Path),
        help="With '-' as PATH: the file the text on standard input stands for (editors "
        "pass the buffer's path); it is checked in the context of its catalogue.",
    )(func)


def read_stdin(paths: tuple[Path, ...], stdin_filename: Path | None) -> tuple[Path, bytes] | None:
    """(file name, bytes) when PATHS is '-', else None. Usage errors for a mix or no name."""
    if STDIN not in paths:
        if stdin_filename is not None:
            raise click.UsageError(_("--stdin-filename needs '-' as PATH"))
        return None
    if len(paths) != 1:
        raise click.UsageError(_("'-' (standard input) cannot be combined with other paths"))
    if stdin_filename is None:
        raise click.UsageError(_("with '-' give --stdin-filename, the file the input stands for"))
    import sys

    from fachakte_compiler.load.yaml_loader import MAX_BYTES

    return stdin_filename, sys.stdin.buffer.read(MAX_BYTES + 1)


def check_buffer(name: Path, data: bytes, everywhere: bool = False) -> tuple[Any, list[Diagnostic]]:
    """Check `data` as the file `name` within the rest of its catalogue (the other files from
    disk); returns (catalogue view for reports, findings of that file). With `everywhere` the
    findings of every file of the catalogue, and the view holds those files too (`name` alone
    is selected)."""
    from fachakte_compiler.load.catalogue import Catalogue, find_root
    from fachakte_compiler.lsp.warm import WarmCatalogue

    path = name.resolve()
    warm = WarmCatalogue(find_root(path.parent) if path.parent.is_dir() else None)
    warm.buffers[path] = data
    results = warm.check()
    view = Catalogue(root=warm.root)
    for shown in sorted(results) if everywhere else [path]:
        source = warm.source(shown)
        if source is not None:
            view.files.append(source)
    view.selected.add(path)
    if not everywhere:
        return view, results.get(path, [])
    return view, sorted((d for found in results.values() for d in found), key=lambda d: d.sort_key)


def format_report(diagnostics: list[Diagnostic], files: list[str], fmt: str, catalogue: Any) -> str:
    from fachakte_compiler.diagnostics import formats
    from fachakte_compiler.diagnostics.render import render_text, summary

    if fmt == "json":
        return formats.to_json(diagnostics, files)
    if fmt == "github":
        return formats.to_github(diagnostics)
    if fmt == "sarif":
        from fachakte_compiler.code_table import lookup

        return formats.to_sarif(diagnostics, lookup, _repository_root(catalogue))
    if fmt == "junit":
        return formats.to_junit(diagnostics, files)
    if fmt == "codequality":
        from fachakte_compiler.diagnostics.codequality import to_codequality

        return to_codequality(diagnostics)
    by_display = {f.display: f for f in catalogue.files}

    def line_of(file: str, number: int) -> str:
        source = by_display.get(file)
        return source.line(number) if source else ""

    blocks = [render_text(d, line_of) for d in diagnostics]
    return "\n\n".join([*blocks, summary(diagnostics, len(files))])


def report_findings(diagnostics: list[Diagnostic], loaded: Any) -> None:
    """Print the findings of a loaded catalogue's selected files in `validate`'s text format
    (for the commands that validate before they build)."""
    shown = sorted(f.display for f in loaded.files if f.path in loaded.selected)
    click.echo(format_report(diagnostics, shown, "text", loaded))


def findings_report(
    diagnostics: list[Diagnostic], files: list[str], fmt: str, root: Path | None
) -> str:
    """`format_report` for findings that are not about lines of loaded files (version
    verdicts, drift): no source lines to show; SARIF paths relative to `root`'s repository."""
    from types import SimpleNamespace

    return format_report(diagnostics, files, fmt, SimpleNamespace(root=root, files=[]))


@contextmanager
def progress(length: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar of `length` steps on standard error when that is a terminal (nothing in
    pipes, files and CI logs); yields the function that advances it by one step."""
    if length <= 0 or not sys.stderr.isatty():
        yield lambda: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield lambda: bar.update(1)


def waiting_for(out: Path) -> Callable[[str], None]:
    """Tells the user, once, that another writer holds the lock of output folder `out`."""

    def tell(holder: str) -> None:
        click.echo(
            _("waiting: {relpath} is being written by {holder}").format(
                relpath=os.path.relpath(out), holder=holder
            ),
            err=True,
        )

    return tell


def _repository_root(catalogue: Any) -> Path:
    """The top of the git repository holding the catalogue, else the working folder."""
    from fachakte_compiler.git import GitError, top_level

    try:
        return top_level(catalogue.root or Path.cwd())
    except GitError:
        return Path.cwd()
