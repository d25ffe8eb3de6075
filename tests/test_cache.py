"""The build cache and the build stamp: rebuild exactly what changed, never ship damaged bytes.

What a cache proves does not depend on the catalogue's size, so these tests build the small
catalogue with three Fachakten (copy_small_catalogue, session build small_build): the tests
assert the properties of it they need (a building block used by two Fachakten but not all, a
Fachakte that some tenants do not run), so they cannot silently become vacuous."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CACHE_FOLDER, SHIPPED_BUILD_ENV, ShippedBuild, copy_catalogue
from fachakte_compiler.build_service.cache import Entry
from fachakte_compiler.model import Catalogue
from support.catalogue import MINI, copy_small_catalogue
from support.tree import read_tree, tree

REPO = Path(__file__).resolve().parents[1]
EPOCH = {"SOURCE_DATE_EPOCH": SHIPPED_BUILD_ENV["SOURCE_DATE_EPOCH"]}
Run = Callable[..., subprocess.CompletedProcess[str]]


def inodes(folder: Path) -> dict[str, tuple[int, int]]:
    return read_tree(folder, lambda p: (p.stat().st_ino, p.stat().st_mtime_ns))


def counts(stdout: str) -> tuple[int, int]:
    match = re.search(r"from (\d+) work units? \((\d+) built, (\d+) from cache\)", stdout)
    assert match, stdout
    units, built, cached = (int(g) for g in match.groups())
    assert units == built + cached, stdout  # the line says what it counts, and it adds up
    return built, cached


@pytest.fixture
def small_workspace(tmp_path: Path) -> Path:
    """A copy of the small test catalogue (one Fachakte, four tenants) in `tmp_path`: for the
    tests of where the cache lives, which any catalogue shows."""
    copy_catalogue(tmp_path / "definitions", MINI)
    return tmp_path


@pytest.fixture
def built(small_build: ShippedBuild, tmp_path: Path) -> Path:
    """A copy of the small catalogue with its Doxis4 build and the filled cache of that build
    (made at EPOCH), as after `compile_doxis4` there; its stamp names another folder."""
    return small_build.workspace(tmp_path / "built")


def compile_doxis4(
    run: Run, root: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = run(
        "compile",
        root / "definitions",
        "--target",
        "doxis4",
        "-o",
        root / "build",
        *extra,
        env={**EPOCH, **(env or {})},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def fachakten(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "definitions" / "fachakten").glob("*.yaml"))


def model_of(root: Path) -> Catalogue:
    from fachakte_compiler.model.load import load_model

    model, _, _ = load_model([root / "definitions"])
    assert model is not None
    return model


def runners(root: Path) -> dict[str, tuple[str, ...]]:
    """Fachakte id -> the tenants that run it (`used_by`, delegations): one package each."""
    return {f.id: f.run_by for f in model_of(root).fachakten}


TENANTS = 4  # of the small catalogue: one provisioning plan each


# The Doxis4 setup sheet: one unit for the whole catalogue, with these files.
SHEET_FILES = {
    "doxis4/einrichtung/index.html",
    "doxis4/einrichtung/einrichtung.csv",
    "doxis4/einrichtung/style.css",
    "doxis4/transport.csv",
}


def units(root: Path) -> int:
    """Doxis4 work units: a package per tenant and Fachakte, a provisioning plan per tenant,
    the setup sheet."""
    model = model_of(root)
    assert len(model.tenants) == TENANTS
    return sum(len(f.run_by) for f in model.fachakten) + TENANTS + 1


def test_second_build_writes_nothing(fachakte: Run, small_build: ShippedBuild, built: Path) -> None:
    # The session's build was the first one with its cache: everything built, the cache filled.
    assert counts(small_build.doxis4_stdout) == (units(built), 0)
    assert (small_build.cache / "objects").is_dir()
    # Its copy: a build from the cache, then one more.
    first = compile_doxis4(fachakte, built)
    assert counts(first.stdout) == (0, units(built))
    assert tree(built / "build") == tree(small_build.build)
    before = inodes(built / "build")
    second = compile_doxis4(fachakte, built)
    # A plan unit also writes Provision.groovy, and DelegationAgent.groovy for each tenant
    # that delegates a task.
    scripts = len(list((built / "build").glob("*/doxis4/provision/*.groovy")))
    assert scripts >= TENANTS
    files = units(built) - 1 + len(SHEET_FILES) + scripts
    assert f"nothing changed: {files} files in" in second.stdout
    assert inodes(built / "build") == before


def test_changed_fachakte_rebuilds_exactly_its_packages(fachakte: Run, built: Path) -> None:
    compile_doxis4(fachakte, built)
    old_bytes, old_inodes = tree(built / "build"), inodes(built / "build")
    path = built / "definitions" / "fachakten" / "zweite.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\ntitle: Zweite\n" in text
    path.write_text(
        text.replace("\ntitle: Zweite\n", "\ntitle: Zweite (neu)\n", 1), encoding="utf-8"
    )
    result = compile_doxis4(fachakte, built)
    # Its packages (one per municipality that runs it: not the Kreis), and the 4 provisioning
    # plans and the setup sheet, which cover the whole catalogue.
    run_by = runners(built)
    assert run_by["zweite"] == ("nordstadt", "suedstadt", "westdorf")
    others = sum(len(r) for f, r in run_by.items() if f != "zweite")
    assert others > 0
    assert counts(result.stdout) == (3 + TENANTS + 1, others)
    new_bytes, new_inodes = tree(built / "build"), inodes(built / "build")
    changed = {p for p in new_bytes if new_bytes[p] != old_bytes[p]} - SHEET_FILES
    packages_and_plans = {
        p
        for p in new_bytes
        if "/zweite-" in p or (p.endswith("/plan.json") and p.split("/")[0] in run_by["zweite"])
    }
    # The scripts rendered from a plan follow it; nothing else changes.
    assert packages_and_plans <= changed
    assert changed - packages_and_plans <= {
        p for p in new_bytes if "/provision/" in p and p.endswith(".groovy")
    }
    assert len(packages_and_plans) == 6  # the Kreis's plan holds nothing of the Zweite
    assert new_bytes["doxis4/einrichtung/index.html"] != old_bytes["doxis4/einrichtung/index.html"]
    rewritten = {p for p in new_inodes if new_inodes[p] != old_inodes[p]} - SHEET_FILES
    assert rewritten == changed  # the other packages were not even rewritten


def test_changed_building_block_rebuilds_its_users(fachakte: Run, built: Path) -> None:
    compile_doxis4(fachakte, built)
    users = [
        f
        for f in fachakten(built)
        if "baustein: person"
        in (built / "definitions" / "fachakten" / f"{f}.yaml").read_text(encoding="utf-8")
    ]
    # Used by two Fachakten, not by the third.
    assert users == ["beispiel", "zweite"] and fachakten(built) == ["beispiel", "dritte", "zweite"]
    path = built / "definitions" / "bausteine" / "person.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# geändert\n", encoding="utf-8")
    result = compile_doxis4(fachakte, built)
    # Their packages, the plans and the setup sheet (a comment changes no byte of the plans or
    # the sheet, but the input changed).
    run_by = runners(built)
    # The packages of the Fachakte without it come from the cache.
    rebuilt = sum(len(run_by[f]) for f in users) + TENANTS + 1
    assert counts(result.stdout) == (rebuilt, len(run_by["dritte"]))


def test_corrupted_entry_is_detected_and_rebuilt(fachakte: Run, built: Path) -> None:
    # The copied build is the reference; one entry of its cache is damaged.
    reference = tree(built / "build")
    entries = sorted((built / ".fachakte-cache" / "objects").rglob("*"))
    victim = next(p for p in entries if p.is_file())
    raw = bytearray(victim.read_bytes())
    raw[-10] ^= 0xFF
    victim.write_bytes(bytes(raw))
    assert Entry.decode(bytes(raw), victim.name) is None
    shutil.rmtree(built / "build")
    result = compile_doxis4(fachakte, built)
    assert counts(result.stdout) == (1, units(built) - 1)
    assert tree(built / "build") == reference
    assert Entry.decode(victim.read_bytes(), victim.name) is not None  # repaired in place


def test_tampered_output_is_restored(fachakte: Run, built: Path) -> None:
    compile_doxis4(fachakte, built)
    reference = tree(built / "build")
    package = next(p for p in sorted((built / "build").rglob("*.zip")))
    package.write_bytes(b"not a zip")
    result = compile_doxis4(fachakte, built)
    assert "nothing changed" not in result.stdout
    assert tree(built / "build") == reference


def test_cached_uncached_and_whole_catalogue_builds_are_identical(
    fachakte: Run, built: Path, small_build: ShippedBuild, tmp_path: Path
) -> None:
    workspace, definitions = built, built / "definitions"
    # The cache the session's Doxis4 build filled, with the entry of its documentation build:
    # the first build of every target below takes those units from it and fills the rest.
    shutil.copytree(
        small_build.definitions.parent / "docs-cache" / "objects",
        workspace / CACHE_FOLDER / "objects",
        dirs_exist_ok=True,
    )
    # plain: a build without cache of another copy of the catalogue.
    other = copy_small_catalogue(tmp_path / "other" / "definitions")
    outs = {name: workspace / name for name in ("plain", "filled", "cached")}
    plain_run = fachakte("compile", other, "-o", outs["plain"], "--no-cache", env=EPOCH)
    assert plain_run.returncode == 0, plain_run.stderr
    assert counts(plain_run.stdout)[1] == 0
    filled = fachakte("compile", definitions, "-o", outs["filled"], env=EPOCH)
    assert filled.returncode == 0, filled.stderr
    assert counts(filled.stdout)[0] > 0 and counts(filled.stdout)[1] >= units(workspace) + 1
    result = fachakte("compile", definitions, "-o", outs["cached"], env=EPOCH)
    assert result.returncode == 0, result.stderr
    built, cached = counts(result.stdout)
    # Every unit the first build made or took now comes from the cache.
    assert built == 0 and cached == sum(counts(filled.stdout)) == sum(counts(plain_run.stdout))
    plain = tree(outs["plain"])
    assert "docs/index.html" in plain
    assert any(
        re.fullmatch(r"nordstadt/xdomea/[0-9a-f-]{36}_Aktenplan\.Aktenplan\.0301\.xml", n)
        for n in plain
    )
    assert tree(outs["filled"]) == plain == tree(outs["cached"])
    # The per-unit emission equals one emit() over the whole catalogue.
    script = (
        "import hashlib, sys, datetime as dt; from pathlib import Path\n"
        "from fachakte_compiler.model.load import load_model\n"
        "from fachakte_compiler.targets import BuildOptions, emit_all, available_targets\n"
        "m, _, loaded = load_model([Path(sys.argv[1])])\n"
        "date = dt.datetime.fromtimestamp(int(sys.argv[2]), tz=dt.UTC)\n"
        "out = emit_all(m, available_targets(), BuildOptions(m.tenants, date, None, "
        "loaded.root)).files\n"
        "print(hashlib.sha256(b''.join(n.encode() + out[n] for n in sorted(out)))"
        ".hexdigest())\n"
    )
    whole = subprocess.run(
        [sys.executable, "-c", script, str(definitions), EPOCH["SOURCE_DATE_EPOCH"]],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = hashlib.sha256(b"".join(n.encode() + plain[n] for n in sorted(plain))).hexdigest()
    assert whole.stdout.splitlines()[-1] == expected


def test_keys_do_not_depend_on_hash_seed_timezone_or_locale(fachakte: Run, built: Path) -> None:
    # Built, and its cache filled, under PYTHONHASHSEED=1 and TZ=UTC (SHIPPED_BUILD_ENV).
    reference = tree(built / "build")
    shutil.rmtree(built / "build")
    env = {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
    result = compile_doxis4(fachakte, built, env=env)
    assert counts(result.stdout) == (0, units(built))
    assert tree(built / "build") == reference


def test_new_build_date_keeps_the_doxis4_packages(fachakte: Run, built: Path) -> None:
    # The packages carry no date (Target.reads): a new commit date builds nothing of them
    # again; tests/test_cache_source.py shows the targets that do carry it get new keys.
    before = tree(built / "build")
    result = compile_doxis4(fachakte, built, env={"SOURCE_DATE_EPOCH": "1767312000"})
    assert "nothing changed" not in result.stdout
    assert counts(result.stdout) == (0, units(built))
    assert tree(built / "build") == before


def test_cache_location_env_and_opt_out(fachakte: Run, small_workspace: Path) -> None:
    workspace = small_workspace
    elsewhere = workspace / "elsewhere"
    compile_doxis4(fachakte, workspace, env={"FACHAKTE_CACHE_DIR": str(elsewhere)})
    assert (elsewhere / "objects").is_dir()
    assert not (workspace / ".fachakte-cache").exists()
    shutil.rmtree(workspace / "build")
    result = compile_doxis4(fachakte, workspace, "--no-cache")
    assert counts(result.stdout)[1] == 0
    assert not (workspace / ".fachakte-cache").exists()


def test_unwritable_cache_still_builds(fachakte: Run, small_workspace: Path) -> None:
    workspace = small_workspace
    blocker = workspace / "blocker"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    result = compile_doxis4(fachakte, workspace, "--cache-dir", str(blocker / "cache"))
    assert counts(result.stdout)[0] > 0
    assert "Traceback" not in result.stderr
    assert os.listdir(workspace / "build")
