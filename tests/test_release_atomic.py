"""A release folder and its ZIP are replaced in one moment: whatever stops a run (Ctrl-C, a
full disk), both hold the earlier release or both the new one, never one of each."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import invoke_cli
from support.catalogue import MINI
from support.tree import tree
from test_release_helpers import git, keypair, make_repo


@pytest.mark.parametrize(
    "failure",
    [KeyboardInterrupt(), OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))],
    ids=["ctrl-c", "disk-full"],
)
def test_a_run_stopped_while_writing_the_zip_leaves_the_earlier_release_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    from fachakte_compiler.write import atomic

    repo = make_repo(tmp_path, MINI)
    private, _public = keypair(tmp_path)
    out, archive = tmp_path / "release", tmp_path / "release.zip"
    args = ["release", "definitions", "-o", out, "--zip", archive, "--private-key", private]
    first = invoke_cli(*args, "--first-release", cwd=repo)
    assert first.exit_code == 0, first.stderr
    git(repo, "tag", "release-1")
    beispiel = repo / "definitions" / "fachakten" / "beispiel.yaml"
    text = beispiel.read_text(encoding="utf-8")
    beispiel.write_text(
        text.replace("title: Beispielakte", "title: Beispielakte neu", 1).replace(
            "version: 1.2.0", "version: 1.2.1", 1
        ),
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "Titel")
    before, zipped = tree(out), archive.read_bytes()

    real_stage = atomic.stage_file

    def stopped(path: Path, data: bytes, mode: int) -> Path:
        if path == archive:
            raise failure
        return real_stage(path, data, mode)

    monkeypatch.setattr(atomic, "stage_file", stopped)
    second = invoke_cli(*args, cwd=repo)
    assert second.exit_code in (1, 130), second.stderr
    assert "Traceback" not in second.stderr
    assert tree(out) == before and archive.read_bytes() == zipped
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
