"""A real Ctrl-C (SIGINT) during compile leaves either the old build or the complete new one.

The signal is sent at several moments into a running `fachakte compile` subprocess, from early
in the build to about when it finishes; whatever the moment, the output folder must match one
of the two complete builds byte for byte, and no staging folder may be left behind.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus

from support.tree import read_tree

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}


def _tree(folder: Path) -> dict[str, str]:
    return read_tree(folder, lambda p: hashlib.sha256(p.read_bytes()).hexdigest())


def _compile(catalogue: Path, out: Path, cache: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "fachakte_compiler",
        "compile",
        str(catalogue),
        "--target",
        "doxis4",
        "-o",
        str(out),
    ]
    env = {**ENV, "FACHAKTE_CACHE_DIR": str(cache)}
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@dataclass
class Scene:
    catalogue: Path
    old_build: Path
    old_tree: dict[str, str]
    new_tree: dict[str, str]
    duration: float


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    root = tmp_path_factory.mktemp("interrupt")
    catalogue = root / "corpus"
    make_corpus(20, catalogue)
    started = time.perf_counter()
    first = _compile(catalogue, root / "old", root / "cache")
    assert first.wait(timeout=300) == 0
    duration = time.perf_counter() - started
    # The next build differs: one definition gets a new version.
    target = sorted((catalogue / "fachakten").glob("*.yaml"))[0]
    text = target.read_text(encoding="utf-8")
    bumped = re.sub(
        r"^version: (\d+)\.(\d+)\.(\d+)$",
        lambda m: f"version: {m[1]}.{m[2]}.{int(m[3]) + 1}",
        text,
        count=1,
        flags=re.M,
    )
    assert bumped != text
    target.write_text(bumped, encoding="utf-8")
    # With the first build's cache only the changed Fachakte's units are built again
    # (tests/test_cache.py shows that a cached build is byte-identical to a full one).
    new = _compile(catalogue, root / "new", root / "cache")
    assert new.wait(timeout=300) == 0
    old_tree, new_tree = _tree(root / "old"), _tree(root / "new")
    assert old_tree != new_tree
    return Scene(catalogue, root / "old", old_tree, new_tree, duration)


@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.85, 0.95, 1.0])
def test_sigint_never_leaves_a_mixed_build(scene: Scene, tmp_path: Path, fraction: float) -> None:
    out = tmp_path / "build"
    shutil.copytree(scene.old_build, out)
    # A fresh cache makes the second run a full rebuild, so the signal lands mid-way.
    second = _compile(scene.catalogue, out, tmp_path / "cache")
    time.sleep(scene.duration * fraction)
    second.send_signal(signal.SIGINT)
    code = second.wait(timeout=300)
    stderr = second.stderr.read().decode() if second.stderr else ""
    assert "Traceback" not in stderr
    assert code in (0, 130), (code, stderr)
    if code == 130:
        assert "interrupted; outputs are only ever replaced whole" in stderr
    now = _tree(out)
    assert now in (scene.old_tree, scene.new_tree), "an interrupted compile left a mixed build"
    if code == 130 and fraction < 0.5:
        assert now == scene.old_tree  # interrupted well before the end: nothing changed
    assert [p.name for p in tmp_path.iterdir() if p.name != "build" and p.name != "cache"] == []
