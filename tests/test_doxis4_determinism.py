"""Same inputs, same bytes: the packages do not depend on timezone, locale, hash seed, build
time or on how often the compiler runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ShippedBuild, run_fachakte, tree

ENVIRONMENTS = [
    {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "0"},
    {
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "de_DE.UTF-8",
        "PYTHONHASHSEED": "4711",
        "SOURCE_DATE_EPOCH": "1767225600",
    },
    {"TZ": "America/St_Johns", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "random"},
]


def snapshot(build: Path) -> dict[str, bytes]:
    return tree(build)


@pytest.fixture(scope="module")
def catalogue_copy(shipped_build: ShippedBuild, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped catalogue with the cache its session build filled (under
    SHIPPED_BUILD_ENV, another timezone, hash seed and locale than every one below)."""
    return shipped_build.workspace(tmp_path_factory.mktemp("determinism")) / "definitions"


def compile_into(definitions: Path, out: Path, env: dict[str, str]) -> dict[str, bytes]:
    result = run_fachakte("compile", definitions, "--target", "doxis4", "-o", out, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return snapshot(out)


def test_same_bytes_in_every_environment(
    shipped_build: ShippedBuild, catalogue_copy: Path, tmp_path: Path
) -> None:
    builds = [tree(shipped_build.build)] + [
        compile_into(catalogue_copy, tmp_path / f"build{i}", env)
        for i, env in enumerate(ENVIRONMENTS)
    ]
    from fachakte_compiler.model.load import load_model

    model, _, _ = load_model([catalogue_copy])
    assert model is not None
    packages = sum(len(f.run_by) for f in model.fachakten)
    # One package per Fachakte and tenant that runs it; per tenant a provisioning plan and
    # Provision.groovy;
    # DelegationAgent.groovy for each tenant that delegates a task; the setup sheet (4 files).
    delegating = set(
        re.findall(r"^    from: (\w+)$", (catalogue_copy / "delegations.yaml").read_text(), re.M)
    )
    assert len(builds[0]) == packages + 13 * 2 + len(delegating) + 4
    assert {"doxis4/einrichtung/index.html", "doxis4/transport.csv"} <= builds[0].keys()
    assert {n for n in builds[0] if n.endswith("DelegationAgent.groovy")} == {
        f"{t}/doxis4/provision/DelegationAgent.groovy" for t in delegating
    }
    for other in builds[1:]:
        assert other.keys() == builds[0].keys()
        differing = [name for name in builds[0] if other[name] != builds[0][name]]
        assert not differing, differing


def test_second_run_gives_the_same_bytes(catalogue_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    first = compile_into(catalogue_copy, out, ENVIRONMENTS[0])
    second = compile_into(catalogue_copy, out, ENVIRONMENTS[1])
    assert first == second
