"""Structural fuzzing: definitions whose data (not text) is damaged at random.

Text mutations mostly break the YAML syntax; these keep the YAML well-formed and damage the
structure instead (keys dropped, entries removed or duplicated, values of the wrong kind), which
is what drives the semantic rules through half-valid data. Every run must end in diagnostics or
a clean build, never in an exception; `diff` against the undamaged catalogue likewise.
`make test` runs the first 200 rounds of the seeded sequence, `make fuzz` 400
(FACHAKTE_FUZZ_STRUCTURE=N sets the number; at least 200).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from catalogue_property import damage
from conftest import copy_catalogue
from support.yaml_dump import dump
from support.yaml_dump import load as load_yaml

MINI = Path(__file__).parent / "fixtures" / "mini"
ROUNDS = max(200, int(os.environ.get("FACHAKTE_FUZZ_STRUCTURE", "200")))


def test_damaged_structure_never_crashes(invoke: Callable[..., Result], tmp_path: Path) -> None:
    root = tmp_path / "mini"
    copy_catalogue(root, MINI)
    files = sorted(p.relative_to(MINI) for p in MINI.rglob("*.yaml"))
    originals = {f: load_yaml((MINI / f).read_text(encoding="utf-8")) for f in files}
    rng = random.Random(4711)
    codes: set[str] = set()
    clean = 0
    diffed = 0
    for round_ in range(ROUNDS):
        chosen = rng.choice(files)
        data = json.loads(json.dumps(originals[chosen], default=str))
        for _ in range(rng.randint(1, 3)):
            damage(data, rng)
        (root / chosen).write_text(dump(data), encoding="utf-8")
        result = invoke("validate", root, "--format", "json")  # raises on any exception
        assert result.exit_code in (0, 1), result.output
        codes.update(d["code"] for d in json.loads(result.output)["diagnostics"])
        if round_ % 8 == 0:  # diff reads both sides: the original and the damaged copy
            compared = invoke("diff", MINI, root, "--format", "json")
            assert compared.exit_code in (0, 1), compared.output
            assert "internal error" not in compared.output, compared.output
            diffed += 1
        if result.exit_code == 0:
            clean += 1
            built = invoke("compile", root, "-o", tmp_path / "out", "--no-cache")
            assert built.exit_code == 0, built.output
        shutil.copy(MINI / chosen, root / chosen)
    assert len(codes) >= 25, sorted(codes)
    assert clean >= 10, clean
    assert diffed == -(-ROUNDS // 8)
