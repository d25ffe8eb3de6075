"""CPU seconds of a cold `fachakte compile`, per target, of the shipped catalogue and a corpus.

`python benchmarks/compile_cpu.py [--repeat N] [--corpus N]` runs `fachakte compile --no-cache`
for each target (doxis4, xdomea, docs) and for all three together, on `definitions/` and on a
generated corpus of N Fachakten x 13 tenants, each as its own process. A figure is the median
over the runs of the CPU time (user + system, from os.wait4 for exactly that process), not the
wall time: on a shared machine wall time measures the neighbours as much as the compiler.
Each run starts with an empty output folder. One untimed run per figure comes first: it writes
the .pyc files of an editable install (PYTHONDONTWRITEBYTECODE is cleared, as `make test` does)
and fills the user cache folder (a temporary XDG_CACHE_HOME) with the compiled templates, as
every run after a user's first finds them. `--cold` empties that folder before each run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from make_corpus import REPO, make_corpus
from measure import BIN, ENV

TARGETS = ("doxis4", "xdomea", "docs", "all")


def cpu_seconds(command: list[str], env: dict[str, str]) -> float:
    """CPU time (user + system, seconds) of one run of `command`; exits on a failed run."""
    with tempfile.TemporaryFile() as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=sink, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sink.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{sink.read().decode()[-2000:]}")
    return usage.ru_utime + usage.ru_stime


def compile_figure(catalogue: Path, target: str, work: Path, repeat: int, cold: bool) -> float:
    """Median CPU seconds of `repeat` compiles of `catalogue` for `target` without build cache."""
    out, cache = work / "out", work / "user-cache"
    env = {**ENV, "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": ""}
    command = [str(BIN / "fachakte"), "compile", str(catalogue), "--no-cache", "-o", str(out)]
    xsd = REPO.parent / "shared" / "xdomea" / "3.0.0"
    if xsd.is_dir():
        command += ["--xsd-dir", str(xsd)]
    if target != "all":
        command += ["--target", target]
    cpu_seconds(command, env)
    times = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        if cold:
            shutil.rmtree(cache, ignore_errors=True)
        times.append(cpu_seconds(command, env))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--corpus", type=int, default=24, help="Fachakten in the corpus (0: none)")
    parser.add_argument("--cold", action="store_true", help="empty the user cache before each run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fachakte-cpu-") as folder:
        work = Path(folder)
        catalogues = {"shipped (8 x 13)": REPO / "definitions"}
        if args.corpus:
            corpus = work / "corpus"
            make_corpus(args.corpus, corpus)
            catalogues[f"corpus ({args.corpus} x 13)"] = corpus
        cache = "empty" if args.cold else "filled"
        print(f"CPU seconds (user + system), median of {args.repeat}, without build cache,")
        print(f"user cache {cache}:")
        print(f"  {'catalogue':<20}" + "".join(f"{t:>9}" for t in TARGETS))
        for label, catalogue in catalogues.items():
            figures = [
                compile_figure(catalogue, target, work, args.repeat, args.cold)
                for target in TARGETS
            ]
            print(f"  {label:<20}" + "".join(f"{f:9.2f}" for f in figures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
