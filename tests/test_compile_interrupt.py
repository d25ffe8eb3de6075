"""A real Ctrl-C (SIGINT) during compile leaves either the old build or the complete new one.

The signal is sent into a running `fachakte compile` subprocess at each phase of the build:
while it reads the catalogue, while it stages the built files, right before and during the
swap of the new build into place, and while it records the stamp afterwards. Whatever the
moment, the output folder must match one of the two complete builds byte for byte, and no
staging folder may be left behind. tests/support/moments.py sends the signal at the named
moment, so each phase is hit on every run whatever the machine's load.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.catalogue import MINI, TESTS, copy_catalogue
from support.tree import read_tree

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
MOMENTS = TESTS / "support" / "moments.py"
INTERRUPTED = (
    "interrupted; outputs are only ever replaced whole: each holds its previous or its "
    "complete new contents\n"
)


def _tree(folder: Path) -> dict[str, str]:
    return read_tree(folder, lambda p: hashlib.sha256(p.read_bytes()).hexdigest())


def _compile(
    catalogue: Path, out: Path, cache: Path, moment: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`fachakte compile CATALOGUE --target doxis4 -o OUT`, with a Ctrl-C at `moment`."""
    start = [str(MOMENTS), moment, "ctrl-c"] if moment else ["-m", "fachakte_compiler"]
    command = [sys.executable, *start, "compile", str(catalogue), "--target", "doxis4"]
    env = {**ENV, "FACHAKTE_CACHE_DIR": str(cache)}
    return subprocess.run(
        [*command, "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass
class Scene:
    catalogue: Path
    old_build: Path
    old_tree: dict[str, str]
    new_tree: dict[str, str]


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    root = tmp_path_factory.mktemp("interrupt")
    catalogue = copy_catalogue(root / "definitions", MINI)
    first = _compile(catalogue, root / "old", root / "cache")
    assert first.returncode == 0, first.stderr
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
    assert new.returncode == 0, new.stderr
    old_tree, new_tree = _tree(root / "old"), _tree(root / "new")
    assert old_tree != new_tree
    # Enough files that the signal while building lands with some staged and more to come.
    assert len(new_tree) > 8
    return Scene(catalogue, root / "old", old_tree, new_tree)


# moment of the Ctrl-C -> (exit code, which build the output folder holds afterwards)
OUTCOMES = {
    # Before the swap nothing has changed.
    "reading": (130, "old"),
    "building": (130, "old"),
    "before-swap": (130, "old"),
    # The swap holds the signal back (it takes milliseconds): the build completes.
    "during-swap": (0, "new"),
    # The new build is in place; only the stamp for the next run is missing.
    "stamping": (130, "new"),
}


@pytest.mark.parametrize("moment", OUTCOMES)
def test_sigint_never_leaves_a_mixed_build(scene: Scene, tmp_path: Path, moment: str) -> None:
    out = tmp_path / "build"
    shutil.copytree(scene.old_build, out)
    # A fresh cache makes the second run a full rebuild, so every unit is built and staged.
    second = _compile(scene.catalogue, out, tmp_path / "cache", moment)
    code, stderr = second.returncode, second.stderr
    assert "Traceback" not in stderr
    assert code in (0, 130), (code, stderr)
    if code == 130:
        # Said once: the exit that reports it is no second Ctrl-C.
        assert stderr == INTERRUPTED, stderr
    now = _tree(out)
    assert now in (scene.old_tree, scene.new_tree), "an interrupted compile left a mixed build"
    expected_code, expected_build = OUTCOMES[moment]
    assert code == expected_code, (code, stderr)
    assert now == (scene.old_tree if expected_build == "old" else scene.new_tree)
    assert [p.name for p in tmp_path.iterdir() if p.name != "build" and p.name != "cache"] == []
