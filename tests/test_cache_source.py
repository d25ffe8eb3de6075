"""Cache keys follow what each target reads of the build options (Target.reads): a new commit,
commit date, release id or XSD folder builds again only the targets whose bytes depend on it, so
an edit or a commit leaves the Doxis4 packages of the other Fachakten in the cache."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt

from conftest import ShippedBuild
from fachakte_compiler.build_service.units import Keys, plan_units
from fachakte_compiler.targets import (
    OPTION_FIELDS,
    BuildOptions,
    available_targets,
    load_target,
)
from support.sources import nodes, package_trees


def test_a_unit_key_changes_exactly_with_the_options_its_target_reads(
    shipped_build: ShippedBuild,
) -> None:
    model = shipped_build.model
    names = available_targets()
    assert {n: sorted(load_target(n).reads) for n in names} == {
        "docs": ["build_date", "commit", "dirty", "release"],
        "doxis4": [],
        "xdomea": ["build_date", "xsd_dir"],
    }
    clean = BuildOptions(
        model.tenants, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), commit="a" * 40, dirty=False
    )
    sources = [("fachakten/x.yaml", "0" * 64)]
    units = plan_units(model, names, model.tenants)
    assert {u.target for u in units} == set(names)
    base = Keys(model, clean, sources, "xsd")
    changes = {
        "dirty": (dataclasses.replace(clean, dirty=True), "xsd"),
        "commit": (dataclasses.replace(clean, commit="b" * 40), "xsd"),
        "release": (dataclasses.replace(clean, release="hsk-fachakten-2026-01-01-b"), "xsd"),
        "build_date": (dataclasses.replace(clean, build_date=dt.datetime(2026, 2, 1)), "xsd"),
        "xsd_dir": (clean, "other XSDs"),
    }
    for field, (options, xsd) in changes.items():
        keys = Keys(model, options, sources, xsd)
        for unit in units:
            same = keys.key(unit) == base.key(unit)
            assert same is (field not in load_target(unit.target).reads), (field, unit)


def test_every_target_declares_the_options_it_reads() -> None:
    for name in available_targets():
        read = {
            node.attr
            for rel, tree in package_trees().items()
            if rel.startswith(f"targets/{name}/")
            for node in nodes(tree)
            if isinstance(node, ast.Attribute)
            and node.attr in OPTION_FIELDS
            and isinstance(node.value, ast.Name)
            and node.value.id == "options"
        }
        assert read == load_target(name).reads, name  # no stale declaration either


def test_the_compiler_fingerprint_reads_every_code_template_and_schema_file() -> None:
    # Every file a build depends on must reach the cache key: compared with an independent
    # listing (pathlib), in the same order, and never a compiled file of __pycache__.
    from fachakte_compiler.build_service.cache import _CODE_SUFFIXES, _PACKAGE, _code_files
    from fachakte_compiler.resources import schemas_dir

    for root in (_PACKAGE, schemas_dir()):
        listed = sorted(
            p
            for p in root.rglob("*")
            if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts and p.is_file()
        )
        assert _code_files(root) == [p.relative_to(root).parts for p in listed]
    files = {"/".join(parts) for parts in _code_files(_PACKAGE)}
    assert {"cli/main.py", "build_service/cache.py"} <= files
    assert any(f.endswith(".j2") for f in files) and any(f.endswith(".html") for f in files)
    assert _code_files(schemas_dir())
