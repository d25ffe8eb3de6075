"""Every change of a Fachakte's output bytes is a reported change, and every reported change
changes its output: over random edits of the shipped catalogue, the Fachakte's Doxis4
packages and its documentation page differ exactly when `diff` reports at least one change
for it. `make test` checks a fixed sample of 60 edits; `make fuzz` checks 500
(FACHAKTE_FUZZ_DIFF=N sets the number), in parts of 30 with their own seeds, so the sample is
the first two parts of the long run.

In-process and only what is needed: the catalogue is loaded from disk once. Each edit changes
the data of one Fachakte or Baustein file (or only its bytes, like a comment) and its SHA-256;
it is validated with every schema and rule in the context of the Bausteine, tenants and
Aktenplan (edits that do not validate are skipped: they could never be compiled), and only the
edited Fachakte (or one that uses the edited Baustein) is compiled. Versions are never edited:
a version is the label of the content, which `check-version` compares.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import os
import random
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from conftest import DEFINITIONS
from fachakte_compiler.check.runner import check_catalogue
from fachakte_compiler.diff.engine import diff_fachakte
from fachakte_compiler.load.catalogue import Catalogue as Loaded
from fachakte_compiler.load.catalogue import discover
from fachakte_compiler.load.source import DataPath, SourceFile
from fachakte_compiler.model.build import build_model
from fachakte_compiler.model.types import Catalogue
from fachakte_compiler.targets import BuildOptions, Granularity, Parts, load_target

EDITS = int(os.environ.get("FACHAKTE_FUZZ_DIFF", "60"))
PER_CHUNK = 30  # one parametrised part: about 7 CPU-seconds
CHUNKS = -(-EDITS // PER_CHUNK)
DATE = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.UTC)
# The tenants whose packages are compared: the Kreis and one that takes over casework.
TENANTS = {"hsk", "medebach"}
# Ids and references: changing one almost never validates, so texts of this form stay.
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


@cache
def shipped() -> tuple[Loaded, Catalogue]:
    loaded = discover([DEFINITIONS])
    return loaded, build_model(loaded)


def outputs(model: Catalogue, fachakte_id: str) -> dict[str, bytes]:
    """The files the compiler makes for one Fachakte: its Doxis4 packages (named without the
    version) and its documentation page."""
    fachakte = next(f for f in model.fachakten if f.id == fachakte_id)
    alone = dataclasses.replace(
        model,
        fachakten=(fachakte,),
        delegations=tuple(d for d in model.delegations if d.fachakte == fachakte_id),
    )
    options = BuildOptions(tuple(t for t in model.tenants if t.id in TENANTS), DATE)
    files: dict[str, bytes] = {}
    # Only the part that makes the packages: the plans and the setup sheet are not compared.
    doxis4 = load_target("doxis4")
    assert isinstance(doxis4, Parts)
    for path, data in doxis4.parts[Granularity.FACHAKTE](alone, options).files.items():
        if path.endswith(".zip"):
            files[path.rsplit("-", 1)[0]] = data
    page = f"docs/{fachakte_id}.html"
    files[page] = load_target("docs").emit(alone, options).files[page]
    return files


@cache
def shipped_outputs(fachakte_id: str) -> dict[str, bytes]:
    return outputs(shipped()[1], fachakte_id)


def _nodes(data: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _nodes(value, (*path, index))


def mutate(data: dict[str, Any], rng: random.Random) -> str | None:
    """One random edit in place: swap two list items, change a text, flip a flag, move a
    number or drop an optional key or list item. Returns what it did, None for no edit."""
    if rng.random() < 0.05:
        return "comment"  # only the bytes change (a comment, a blank line): nothing else
    nodes = [(p, v) for p, v in _nodes(data) if p and p[0] != "version"]
    lists = [(p, v) for p, v in nodes if isinstance(v, list) and len(v) >= 2]
    if lists and rng.random() < 0.4:
        path, items = rng.choice(lists)
        i, j = rng.sample(range(len(items)), 2)
        items[i], items[j] = items[j], items[i]
        return f"swap {path} {i}<->{j}"
    path, value = rng.choice(nodes)
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    key = path[-1]
    if isinstance(value, bool):
        parent[key] = not value
        return f"flip {path}"
    if isinstance(value, str) and not IDENTIFIER.match(value):
        parent[key] = value + " neu" if rng.random() < 0.7 else value[:-1]
        return f"text {path}"
    if isinstance(value, int):
        parent[key] = value + rng.choice((-1, 1))
        return f"number {path}"
    if rng.random() < 0.3:
        del parent[key]
        return f"drop {path}"
    return None


def context_of(loaded: Loaded, model: Catalogue, target: str) -> list[SourceFile]:
    """The files one Fachakte is checked and compiled with: itself, every Baustein, tenants,
    Aktenplan and its own delegations (the other Fachakten play no part in its outputs)."""
    files = []
    for source in loaded.files:
        if source.kind == "fachakte" and source.data.get("id") != target:
            continue
        if source.kind == "delegations":
            own = [d for d in source.data["delegations"] if d.get("fachakte") == target]
            source = dataclasses.replace(source, data={**source.data, "delegations": own})
        files.append(source)
    return files


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_output_bytes_differ_exactly_when_diff_reports_a_change(chunk: int) -> None:
    loaded, model = shipped()
    editable = [f for f in loaded.files if f.kind in ("fachakte", "baustein")]
    rng = random.Random(f"fachakte-diff-property-{chunk}")
    checked, attempts, mismatches = 0, 0, []
    wanted = min(PER_CHUNK, EDITS - chunk * PER_CHUNK)
    while checked < wanted:
        attempts += 1
        assert attempts < 20 * wanted, "too few random edits validate"
        source = rng.choice(editable)
        users = sorted(
            f.id
            for f in model.fachakten
            if f.id == source.data["id"] or any(b[0] == source.data["id"] for b in f.bausteine)
        )
        if not users:
            continue
        target = rng.choice(users)
        data = copy.deepcopy(source.data)
        what = mutate(data, rng)
        # Any edit changes the file's bytes and so its SHA-256, which must not reach an output.
        digest = hashlib.sha256(f"{source.sha256}{attempts}".encode()).hexdigest()
        files = [
            dataclasses.replace(f, data=data, sha256=digest) if f.path == source.path else f
            for f in context_of(loaded, model, target)
        ]
        catalogue = dataclasses.replace(loaded, files=files, diagnostics=[])
        if what is None or any(d.is_error for d in check_catalogue(catalogue)):
            continue
        new_model = build_model(catalogue)
        if target not in {f.id for f in new_model.fachakten}:
            continue  # the edit changed the Fachakte's id
        checked += 1
        differ = outputs(new_model, target) != shipped_outputs(target)
        [before] = [f for f in model.fachakten if f.id == target]
        [after] = [f for f in new_model.fachakten if f.id == target]
        reported = [c.code for c in diff_fachakte(before, after)]
        if differ != bool(reported):
            mismatches.append(f"{source.display}: {what}: bytes differ={differ}, {reported}")
    assert not mismatches, "\n".join(mismatches)
