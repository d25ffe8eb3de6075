"""Shell completion of the catalogue's own names: tenants, Fachakten and diagnostic codes.

click completes commands and options by itself (`eval "$(_FACHAKTE_COMPLETE=bash_source
fachakte)"`, see the README); these functions add the values that only the catalogue knows.
They run on every <Tab>, so they read the few files they need with the plain YAML parser and
never fail: a catalogue that does not load simply offers nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from fachakte_compiler.cli.options import DEFAULT_PATH, default_catalogue


def _catalogue(ctx: click.Context) -> Path:
    """The catalogue folder the command line names so far (`--definitions`, the first PATH),
    else the one the command would take (`definitions/`, or the one the working folder is in)."""
    named = (
        ctx.params.get("root")
        or ctx.params.get("folder")
        or next(iter(ctx.params.get("paths") or ()), None)
    )
    folder = Path(named) if named else default_catalogue() or DEFAULT_PATH
    if folder.is_file():
        folder = folder.parent.parent if folder.parent.name == "fachakten" else folder.parent
    return folder


def _tenant_ids(folder: Path) -> list[str]:
    from fachakte_compiler.load.yaml_loader import plain_data

    try:
        data = plain_data((folder / "tenants.yaml").read_bytes(), "tenants.yaml")
    except OSError:
        return []
    tenants = data.get("tenants") if isinstance(data, dict) else None
    if not isinstance(tenants, list):
        return []
    from fachakte_compiler.diagnostics.suggest import is_id

    # Only valid ids are offered, as in did-you-mean suggestions (an invalid one is FA105).
    return sorted(
        t["id"]
        for t in tenants
        if isinstance(t, dict) and isinstance(t.get("id"), str) and is_id(t["id"])
    )


def complete_tenant(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Tenant ids of the catalogue's tenants.yaml that start with `incomplete`."""
    return [CompletionItem(t) for t in _tenant_ids(_catalogue(ctx)) if t.startswith(incomplete)]


def complete_owners(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """`--owners A,B,C`: completes the id after the last comma, leaving out ids already given."""
    done, _comma, current = incomplete.rpartition(",")
    given = set(done.split(",")) if done else set()
    prefix = f"{done}," if done else ""
    return [
        CompletionItem(prefix + t)
        for t in _tenant_ids(_catalogue(ctx))
        if t.startswith(current) and t not in given
    ]


def complete_definition_path(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[Any]:
    """The catalogue's Fachakte files (definitions/fachakten/<id>.yaml) whose path or id starts
    with `incomplete`, then the shell's own file completion for anything else."""
    from fachakte_compiler.load.catalogue import catalogue_files

    folder = default_catalogue() or DEFAULT_PATH
    found = []
    if (folder / "fachakten").is_dir():
        # The files the catalogue reads, so that <Tab> offers none it would report instead.
        for path in (p for p in catalogue_files(folder) if p.parent.name == "fachakten"):
            shown = Path(os.path.relpath(path)).as_posix()
            if shown.startswith(incomplete) or path.stem.startswith(incomplete):
                found.append(CompletionItem(shown))
    return found or [CompletionItem(incomplete, type="file")]


def complete_code(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Diagnostic and change codes (FA…, FD…, DR…) that start with `incomplete`, with their
    summary as help text."""
    from fachakte_compiler.code_table import all_codes

    wanted = incomplete.upper()
    return [
        CompletionItem(c.code, help=c.shown_summary())
        for c in all_codes()
        if c.code.startswith(wanted)
    ]
