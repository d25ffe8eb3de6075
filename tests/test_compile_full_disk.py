"""A real full disk: compile into a tiny tmpfs fails cleanly and keeps the previous build.

Needs root (to mount tmpfs), as in CI; elsewhere the test is skipped and says why.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, tree

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a 1 MiB tmpfs (run as root, as CI does)")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_disk_full_keeps_previous_build(invoke: Callable[..., Result], tiny_disk: Path) -> None:
    out = tiny_disk / "build"
    small = invoke("compile", MINI, "--target", "doxis4", "-o", out, "--no-cache")
    assert small.exit_code == 0, small.output
    before = tree(out)
    # The shipped catalogue needs several MiB: it cannot fit on the 1 MiB disk.
    big = invoke("compile", DEFINITIONS, "--target", "doxis4", "-o", out, "--no-cache")
    assert big.exit_code == 1, big.output
    assert "No space left on device" in big.output
    assert "previous build is unchanged" in big.output
    assert tree(out) == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["build"]
