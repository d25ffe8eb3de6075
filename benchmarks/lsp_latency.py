"""Language-server latency: from an edit to its diagnostics, against a cold `fachakte validate`
of the same file (target: at most 0.2x)."""

from __future__ import annotations

import asyncio
import statistics
import sys

from make_corpus import REPO
from measure import BIN, Bench, Figure

sys.path.insert(0, str(REPO / "tests"))  # the real LSP client the tests use

FILE = REPO / "definitions" / "fachakten" / "hundesteuer.yaml"


async def _edits(runs: int) -> list[float]:
    from lsp_session import session

    text = FILE.read_text(encoding="utf-8")
    edited = text.replace("title: Hundesteuer\n", "title: Hundesteuer (geändert)\n", 1)
    async with session(REPO) as state:
        uri = state.open(FILE, text)
        await state.wait_for(uri)
        times = []
        for index in range(runs):
            times.append(await state.timed_change(uri, edited if index % 2 == 0 else text))
        return times


def lsp_figures(bench: Bench) -> None:
    print(f"\nlanguage server: {FILE.relative_to(REPO)}")
    bench.run(
        "coldfile",
        "fachakte validate (cold, one file)",
        [str(BIN / "fachakte"), "validate", str(FILE)],
        bench.repeat,
    )
    times = asyncio.run(_edits(4 * bench.repeat))
    median = statistics.median(times)
    bench.figures["lsp"] = Figure("fachakte lsp: edit to diagnostics", median, 0.0, len(times))
    print(f"  {'fachakte lsp: edit to diagnostics':<52} {median:8.3f} s  ({len(times)} edits)")
