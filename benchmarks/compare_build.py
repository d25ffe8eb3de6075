"""CPU seconds and output bytes of `fachakte compile --no-cache`: a git revision vs. the work tree.

`python benchmarks/compare_build.py REV [--repeat N] [--catalogue PATH] [-- COMPILE-ARGS...]`
exports `src/` and `schemas/` of REV (e.g. `main`) into a temporary folder and compiles the
catalogue (default `definitions/`) with that code and with the work tree's, each in its own
process of this virtual environment (PYTHONPATH chooses the code). The runs alternate, so that
both variants share the machine's load; a figure is the minimum and the median of the CPU time
(user + system) over `--repeat` runs, after one untimed run each (it writes the .pyc files and
fills each variant's own user cache with its compiled templates). Then it compares the two
last outputs byte for byte and exits 1 when any file differs or exists on one side only: a
change made for speed must not change what is built.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from compile_cpu import cpu_seconds
from make_corpus import REPO
from measure import ENV


def export(revision: str, folder: Path) -> Path:
    """`src/` and `schemas/` of `revision` under `folder`; the path of its `src/`."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision, "src", "schemas"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def tree(root: Path) -> dict[str, bytes]:
    """Every file below `root` by its posix path relative to `root`."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def differences(old: Path, new: Path) -> list[str]:
    """The relative paths whose bytes differ or that exist on one side only, sorted."""
    before, after = tree(old), tree(new)
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="git revision to compare with, e.g. main")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per variant")
    parser.add_argument("--catalogue", type=Path, default=REPO / "definitions")
    parser.epilog = "Arguments after -- go to `fachakte compile`, e.g. -- --tenant brilon."
    argv = sys.argv[1:]
    # Everything after `--` goes to `compile` as it is (argparse would read it as options).
    split = argv.index("--") if "--" in argv else len(argv)
    args, extra = parser.parse_args(argv[:split]), argv[split + 1 :]
    with tempfile.TemporaryDirectory(prefix="fachakte-compare-") as folder:
        work = Path(folder)
        sources = {args.revision: export(args.revision, work / "rev"), "work tree": REPO / "src"}
        runs: dict[str, list[float]] = {label: [] for label in sources}

        def compile_once(label: str, index: int) -> float:
            out = work / f"out-{index}"
            shutil.rmtree(out, ignore_errors=True)
            env = {
                **ENV,
                "PYTHONPATH": str(sources[label]),
                "XDG_CACHE_HOME": str(work / f"cache-{index}"),
                "PYTHONDONTWRITEBYTECODE": "",
            }
            command = [sys.executable, "-m", "fachakte_compiler", "compile", str(args.catalogue)]
            command += ["--no-cache", "-o", str(out), *extra]
            return cpu_seconds(command, env)

        for index, label in enumerate(sources):
            compile_once(label, index)
        for _ in range(args.repeat):
            for index, label in enumerate(sources):
                runs[label].append(compile_once(label, index))
        print(f"CPU seconds (user + system) of {args.repeat} alternating runs, without cache:")
        for label, times in runs.items():
            print(f"  {label:<12} min {min(times):6.2f}   median {statistics.median(times):6.2f}")
        changed = differences(work / "out-0", work / "out-1")
    if changed:
        print(f"{len(changed)} files differ:", *changed[:20], sep="\n  ")
        return 1
    print("outputs identical byte for byte")
    return 0


if __name__ == "__main__":
    os.chdir(REPO)
    sys.exit(main())
