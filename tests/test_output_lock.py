"""Writers of one output folder take turns: real concurrent processes, real folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_catalogue, run_fachakte, tree
from fachakte_compiler.write.atomic import OutputChanged, Staging
from fachakte_compiler.write.lock import lock_path

MINI = Path(__file__).parent / "fixtures" / "mini"
MOMENTS = Path(__file__).parent / "support" / "moments.py"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def start(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    python_args: tuple[str, ...] = ("-m", "fachakte_compiler"),
) -> subprocess.Popen[str]:
    """`fachakte ARGS` in the background; with python_args=() ARGS start with a script."""
    return subprocess.Popen(
        [sys.executable, *python_args, *map(str, args)],
        cwd=cwd,
        env={**os.environ, **EPOCH},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: object, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not callable(condition) or not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_two_concurrent_compiles_never_commit_a_partial_tree(tmp_path: Path) -> None:
    # The small catalogue, outside git; its build alone without cache is the reference.
    definitions = copy_catalogue(tmp_path / "catalogue" / "definitions", MINI)
    alone = run_fachakte("compile", definitions, "-o", tmp_path / "alone", "--no-cache", env=EPOCH)
    assert alone.returncode == 0, alone.stderr
    reference = tree(tmp_path / "alone")
    work = tmp_path / "work"
    work.mkdir()
    out = work / "build"
    cache = work / "cache"
    # The first writer pauses while staging its build until the second one waits for it.
    go = tmp_path / "go"
    full = start(
        MOMENTS,
        "building",
        f"wait-for={go}",
        "compile",
        definitions,
        "-o",
        out,
        "--cache-dir",
        cache,
        python_args=(),
    )
    wait_for(lambda: any(work.glob(".build.staging-*")), "the first build to stage")
    docs = start("compile", definitions, "-o", out, "--target", "docs", "--no-cache")
    assert docs.stderr is not None
    waiting = docs.stderr.readline()
    go.touch()
    _, full_err = full.communicate(timeout=300)
    _, docs_err = docs.communicate(timeout=300)
    docs_err = waiting + docs_err
    assert full.returncode == 0, full_err
    assert docs.returncode == 0, docs_err
    assert f"waiting: {os.path.relpath(out)} is being written by pid {full.pid}" in docs_err
    assert tree(out) == reference
    # The docs build came second and rewrote docs/: the stamp of the full build no longer
    # matches, so the next run checks again instead of trusting a mixed folder.
    again = run_fachakte("compile", definitions, "-o", out, "--cache-dir", cache, env=EPOCH)
    assert again.returncode == 0, again.stderr
    assert "nothing changed" not in again.stdout
    assert tree(out) == reference
    assert not lock_path(out).exists()
    assert sorted(p.name for p in work.iterdir()) == ["build", "cache"]


HOLDER = """
import sys, pathlib
from fachakte_compiler.write.lock import output_lock
with output_lock(pathlib.Path(sys.argv[1]), on_wait=print):
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_release_waits_for_the_writer_holding_its_folder(tmp_path: Path) -> None:
    from test_release_helpers import git

    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "definitions")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "definitions")
    git(repo, "commit", "-q", "-m", "Katalog")
    out = tmp_path / "release"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "holding\n"
        release = start(
            "release", "definitions", "-o", out, "--first-release", "--allow-warnings", cwd=repo
        )
        # It says that it waits as soon as it finds the lock, then keeps waiting.
        assert release.stderr is not None
        told = release.stderr.readline()
        assert f"is being written by pid {holder.pid} on " in told, told
        time.sleep(1)
        assert release.poll() is None, release.communicate()
        assert not out.exists()
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        _, err = release.communicate(timeout=300)
    finally:
        holder.kill()
    assert release.returncode == 0, told + err
    assert (out / "release.json").is_file()
    assert not lock_path(out).exists()


def test_lock_file_of_a_killed_writer_does_not_block(tmp_path: Path) -> None:
    out = tmp_path / "build"
    lock_path(out).write_text("pid 999999 on elsewhere since 2020-01-01T00:00:00Z: fachakte\n")
    stale = tmp_path / ".build.staging-dead"
    (stale / "kreis").mkdir(parents=True)
    (stale / "kreis" / "half.zip").write_bytes(b"PK")
    result = run_fachakte("compile", MINI, "-o", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr
    assert not stale.exists()
    assert not lock_path(out).exists()


def test_missing_staged_file_after_the_swap_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "build"
    staging = Staging(out)
    staging.write("kreis/a.txt", b"a")
    staging.write("kreis/b.txt", b"b")
    (staging.folder / "kreis" / "b.txt").unlink()  # as a foreign writer would
    with pytest.raises(OutputChanged, match=r"1 written file missing \(first: kreis/b.txt\)"):
        staging.commit(set())
    assert (out / "kreis" / "a.txt").read_bytes() == b"a"


def test_the_holder_is_named_in_the_users_language_and_the_lock_file_stays_english(
    tmp_path: Path,
) -> None:
    import socket

    from fachakte_compiler.write.lock import output_lock

    out = tmp_path / "build"
    with output_lock(out, on_wait=print):
        recorded = lock_path(out).read_text(encoding="utf-8")
        waiting = subprocess.Popen(
            [sys.executable, "-m", "fachakte_compiler", "compile", MINI, "-o", out, "--no-cache"],
            env={**os.environ, **EPOCH, "FACHAKTE_LANG": "de"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert waiting.stderr is not None
        told = waiting.stderr.readline()
        # The file others parse is untouched by the language of whoever reads it.
        assert lock_path(out).read_text(encoding="utf-8") == recorded
    _, rest = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, told + rest
    assert recorded.startswith(f"pid {os.getpid()} on {socket.gethostname()} since ")
    since = recorded.split(" since ", 1)[1].split(": ", 1)[0]
    assert told.startswith(
        f"warten: {os.path.relpath(out)} wird gerade von PID {os.getpid()} auf Rechner "
        f"{socket.gethostname()} seit {since}: "
    ), told
