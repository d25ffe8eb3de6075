"""Side-by-side timing of the two schema engines on the benchmark corpus.

`python benchmarks/schema_engines.py [N]` generates a corpus of N Fachakten (default 200),
loads every file once and reports the median time (of 9 runs; jsonschema 3) to judge all files
with jsonschema-rs, the fast path `validate` uses, and with jsonschema, which writes the
findings. Every file is valid, so both engines answer "valid" for each.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from make_corpus import make_corpus

from fachakte_compiler.check.fast_schema import is_valid
from fachakte_compiler.check.schema import validator
from fachakte_compiler.load.catalogue import discover
from fachakte_compiler.resources import schemas_dir


def median_ms(check: Callable[[Any], bool], data: list[Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        answers = [check(item) for item in data]
        times.append(time.perf_counter() - start)
        if not all(answers):
            raise SystemExit(f"{answers.count(False)} corpus files were judged invalid")
    return statistics.median(times) * 1000


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work) / "korpus"
        make_corpus(count, corpus, tenants=13)
        catalogue = discover([corpus])
        files = [f for f in catalogue.files if f.kind == "fachakte"]
        data = [f.data for f in files]
        folder, name = schemas_dir(), "fachakte.schema.json"
        fast = median_ms(lambda item: is_valid(folder, name, item, plain=True), data, 9)
        guarded = median_ms(lambda item: is_valid(folder, name, item), data, 9)
        generic = median_ms(validator("fachakte").is_valid, data, 3)
    print(f"{len(data)} Fachakten")
    print(f"jsonschema-rs (loader vouches for plain values): {fast:8.1f} ms")
    print(f"jsonschema-rs with the check for floats/dates:   {guarded:8.1f} ms")
    print(f"jsonschema (generic, writes the findings):       {generic:8.1f} ms")
    print(f"jsonschema / jsonschema-rs:                      {generic / fast:8.1f} x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
