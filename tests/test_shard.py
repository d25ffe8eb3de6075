"""--shard K/N splits a build for a CI matrix, --jobs N builds in parallel: same bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, copy_catalogue, run_fachakte, tree
from fachakte_compiler.build_service.units import ShardError, Unit, parse_shard, plan_units
from fachakte_compiler.model.load import load_model
from fachakte_compiler.targets.doxis4.validate import NAMESPACE
from support.catalogue import MINI

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
SHARDS = 3


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The small test catalogue (every target, four tenants: 14 units) built whole, in SHARDS
    shards and with two jobs, all without cache. Splitting and joining are the same for any
    catalogue; test_units_partition_exactly splits the shipped one."""
    root = tmp_path_factory.mktemp("shard")
    copy_catalogue(root / "definitions", MINI)
    runs: dict[str, list[str]] = {"whole": [], "jobs": ["--jobs", "2"]}
    runs.update({f"shard{k}": ["--shard", f"{k}/{SHARDS}"] for k in range(1, SHARDS + 1)})
    for name, extra in runs.items():
        result = run_fachakte(
            "compile", root / "definitions", "-o", root / name, "--no-cache", *extra, env=EPOCH
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert ("shard" in name) == (f"shard {name[-1]}/{SHARDS}" in result.stdout)
    return {name: root / name for name in runs}


def test_union_of_shards_is_the_full_build(builds: dict[str, Path]) -> None:
    whole = tree(builds["whole"])
    shards = [tree(builds[f"shard{k}"]) for k in range(1, SHARDS + 1)]
    union: dict[str, bytes] = {}
    for part in shards:
        assert part, "every shard has work"
        assert not set(part) & set(union), "shards overlap"
        union.update(part)
    assert union == whole


def test_parallel_build_is_byte_identical(builds: dict[str, Path]) -> None:
    assert tree(builds["jobs"]) == tree(builds["whole"])


def test_bad_shard_on_the_command_line(invoke: Callable[..., Result], tmp_path: Path) -> None:
    result = invoke("compile", DEFINITIONS, "-o", tmp_path / "out", "--shard", "4/3")
    assert result.exit_code == 2
    assert "--shard 4/3: K must be between 1 and N" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_units_partition_exactly() -> None:
    model, _, _ = load_model([DEFINITIONS])
    assert model is not None
    targets = ["xdomea", "doxis4", "docs"]
    units = plan_units(model, targets, model.tenants)
    assert units == sorted(units) and len(set(units)) == len(units)
    # doxis4: per Fachakte and tenant that runs it, one plan per tenant and the setup sheet;
    # xdomea per tenant; docs once.
    packages = sum(len(f.run_by) for f in model.fachakten)
    assert packages == 13 * len(model.fachakten) - 6  # the Kreis runs 2 of 8
    assert len(units) == packages + 13 + 1 + 13 + 1
    parts = [plan_units(model, targets, model.tenants, (k, 4)) for k in range(1, 5)]
    flat = [u for part in parts for u in part]
    assert sorted(flat) == units and len(flat) == len(units)
    assert max(map(len, parts)) - min(map(len, parts)) <= 1
    assert parts[1] == units[len(units) // 4 : len(units) // 2]
    reordered = tuple(reversed(model.tenants))
    assert plan_units(model, list(reversed(targets)), reordered, (2, 4)) == parts[1]
    assert Unit("docs") in flat and Unit("doxis4") in flat


@pytest.mark.parametrize("text", ["0/3", "4/3", "x", "1/", "2-3", "1/0"])
def test_bad_shard_specs_are_rejected(text: str) -> None:
    with pytest.raises(ShardError, match="--shard"):
        parse_shard(text)


def test_failure_in_a_worker_writes_nothing(
    invoke: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy_catalogue(tmp_path / "definitions", MINI)
    broken = f'<wertelisten xmlns="{NAMESPACE}" fachakte="x" format="1"><fremd/></wertelisten>'
    # Set before the workers fork, so they inherit it.
    monkeypatch.setattr(
        "fachakte_compiler.targets.doxis4.entries.render", lambda template, **_: broken.encode()
    )
    out = tmp_path / "build"
    result = invoke(
        "compile", tmp_path / "definitions", "--target", "doxis4", "-o", out, "--jobs", "2"
    )
    assert result.exit_code == 1
    assert "does not conform to doxis4-package.xsd" in result.output
    assert "nothing was written" in result.output
    assert not out.exists()
    # Only the catalogue and the schemas its copy brought along, no build; the units that did
    # succeed (the provisioning plans, the setup sheet) may stay in the build cache.
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != ".fachakte-cache")
    assert left == ["definitions", "schemas"]
