"""Measuring one command: median wall time over repeated runs and the peak memory of the
process itself (max RSS from os.wait4), plus the bench's state (corpora, figures)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from make_corpus import make_corpus

BIN = Path(sys.executable).parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONHASHSEED": "0"}


@dataclass
class Figure:
    label: str
    seconds: float
    peak_mib: float
    runs: int


def measure(
    command: list[str], runs: int, before: Callable[[int], None] | None = None, expect: int = 0
) -> tuple[float, float]:
    """Median wall time and largest peak RSS (MiB) of `runs` runs of `command`."""
    times, peaks = [], []
    for index in range(runs):
        if before is not None:
            before(index)
        with tempfile.TemporaryFile() as sink:
            start = time.perf_counter()
            proc = subprocess.Popen(command, stdout=sink, stderr=sink, env=ENV)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != expect:
                sink.seek(0)
                raise SystemExit(
                    f"{' '.join(command[:3])}… exited {proc.returncode}, expected "
                    f"{expect}:\n{sink.read().decode(errors='replace')[-2000:]}"
                )
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


class Bench:
    def __init__(self, work: Path, repeat: int) -> None:
        self.work = work
        self.repeat = repeat
        self.figures: dict[str, Figure] = {}
        self.corpora: dict[int, Path] = {}

    def corpus(self, count: int) -> Path:
        if count not in self.corpora:
            self.corpora[count] = self.work / f"corpus-{count}"
            make_corpus(count, self.corpora[count])
        return self.corpora[count]

    def run(
        self,
        key: str,
        label: str,
        command: list[str],
        runs: int,
        before: Callable[[int], None] | None = None,
        expect: int = 0,
    ) -> Figure:
        seconds, peak = measure(command, runs, before, expect)
        figure = self.figures[key] = Figure(label, seconds, peak, runs)
        print(
            f"  {label:<52} {seconds * 1000:9.0f} ms  {peak:6.0f} MiB  (median of {runs})",
            flush=True,
        )
        return figure

    def compile_command(self, count: int, out: Path, *extra: str) -> list[str]:
        return [
            str(BIN / "fachakte"),
            "compile",
            str(self.corpus(count)),
            "--target",
            "doxis4",
            "-o",
            str(out),
            *extra,
        ]


def wipe(folder: Path) -> Callable[[int], None]:
    """Before each cold build: no output folder, so every package is really written."""
    return lambda _: shutil.rmtree(folder, ignore_errors=True)
