"""Streaming writes: a build staged file by file, interrupted in the middle of its swap, still
leaves the previous build in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import tree
from fachakte_compiler.write.atomic import Staging


def test_interrupt_between_the_two_renames_restores_the_old_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "build"
    (out / "a").mkdir(parents=True)
    (out / "a" / "old.zip").write_bytes(b"old")
    staging = Staging(out)
    staging.write("a/new.zip", b"new")
    real_rename = Path.rename
    calls: list[Path] = []

    def rename_then_interrupt(self: Path, target: str | Path) -> Path:
        calls.append(self)
        if len(calls) == 2:  # out is already moved aside, the new build not yet in place
            raise KeyboardInterrupt
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        try:
            staging.commit({"a"})
        except BaseException:
            monkeypatch.undo()
            staging.discard()
            raise
    assert calls[1].name.startswith(".build.staging-")  # interrupted between the renames
    assert tree(out) == {"a/old.zip": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_streamed_build_replaces_the_folder_it_owns(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "a").mkdir(parents=True)
    (out / "a" / "stale.zip").write_bytes(b"stale")
    (out / "keep").mkdir()
    (out / "keep" / "other.xml").write_bytes(b"other")
    staging = Staging(out)
    staging.write("a/new.zip", b"new")
    staging.write("a/same.zip", b"ignored", unchanged=True)  # not in out: written after all
    staging.commit({"a"})
    assert tree(out) == {"a/new.zip": b"new", "a/same.zip": b"ignored", "keep/other.xml": b"other"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]
