"""Creating a new Fachakte file in a catalogue: checks first, then the file, then validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fachakte_compiler.diagnostics import Diagnostic
from fachakte_compiler.diagnostics.suggest import is_id, with_suggestion
from fachakte_compiler.i18n import _

# Placeholder Kennzeichen from the top of the range, one-level so no Aktenplan entry is needed.
PLACEHOLDER_RANGE = range(999, 899, -1)


class ScaffoldError(Exception):
    """The Fachakte cannot be created as asked; the message says why."""


class WrongArgument(ScaffoldError):
    """The command line names something that cannot be used (an unknown tenant, an id whose
    file exists): a usage error, exit code 2."""


def _load(path: Path) -> Any:
    from fachakte_compiler.load.catalogue import display_path
    from fachakte_compiler.load.source import SourceFile
    from fachakte_compiler.load.yaml_loader import load_source

    source = SourceFile(path=path, display=display_path(path))
    problems = [d for d in load_source(source) if d.is_error]
    return source.data if source.loaded and not problems else None


def check_owners(root: Path, owners: list[str]) -> None:
    tenants_file = root / "tenants.yaml"
    data = _load(tenants_file) if tenants_file.is_file() else None
    if not isinstance(data, dict) or not isinstance(data.get("tenants"), list):
        raise ScaffoldError(
            _("{tenants_file} is missing or does not load; run `fachakte validate` first").format(
                tenants_file=tenants_file
            )
        )
    known = [t.get("id") for t in data["tenants"] if isinstance(t, dict)]
    for owner in owners:
        if owner not in known:
            message = _("unknown tenant '{owner}' in --owners (not in {tenants_file})").format(
                owner=owner, tenants_file=tenants_file
            )
            raise WrongArgument(with_suggestion(message, owner, known, valid=is_id))


def free_kennzeichen(root: Path) -> str:
    used = set()
    for path in sorted((root / "fachakten").glob("*.y*ml")):
        data = _load(path)
        plan = data.get("aktenplan") if isinstance(data, dict) else None
        if isinstance(plan, dict):
            used.add(str(plan.get("kennzeichen")))
    return next(str(n) for n in PLACEHOLDER_RANGE if str(n) not in used)


def modeline_path(folder: Path) -> str:
    """The path from files in `folder` to fachakte.schema.json: the nearest schemas/ folder
    above it, else where `fachakte schema --write` puts it beside the catalogue."""
    import os

    from fachakte_compiler.resources import find_schemas

    found = find_schemas(folder.resolve())
    schemas = found if found is not None else folder.resolve().parent.parent / "schemas"
    return Path(os.path.relpath(schemas / "fachakte.schema.json", folder.resolve())).as_posix()


def create(root: Path, fachakte_id: str, owners: list[str]) -> tuple[Path, list[Diagnostic]]:
    """Write fachakten/ID.yaml; returns its path and any errors validation reports for it
    (the file is removed again in that case)."""
    from fachakte_compiler.check.runner import validate_paths
    from fachakte_compiler.fmt.textfile import create_text
    from fachakte_compiler.scaffold.template import render

    check_owners(root, owners)
    target = root / "fachakten" / f"{fachakte_id}.yaml"
    if target.exists() or target.with_suffix(".yml").exists():
        raise WrongArgument(
            _("{target} already exists; choose another id or edit that file").format(target=target)
        )
    target.parent.mkdir(exist_ok=True)
    try:
        text = render(fachakte_id, owners, free_kennzeichen(root), modeline_path(target.parent))
        create_text(target, text)
    except FileExistsError as exc:
        raise WrongArgument(
            _("{target} already exists; choose another id").format(target=target)
        ) from exc
    _view, diagnostics = validate_paths([target])
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        target.unlink()
    too_long = [d for d in errors if d.code == "FA901"]
    if too_long:
        # Only the id makes a scaffold's names long: the id is the argument to change.
        raise WrongArgument(
            _(
                "the id '{id}' is too long for the Doxis4 names made from it ({names}); "
                "choose a shorter id"
            ).format(id=fachakte_id, names=too_long[0].message)
        )
    return target, errors
