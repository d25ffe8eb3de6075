"""Side-by-side timings of fachakte validate and compile: `python benchmarks/run.py` (make bench).

Every figure is the median wall time of repeated runs of the real command in a subprocess, with
the peak memory (max RSS) of that process. The corpus is generated into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsp_latency import lsp_figures
from make_corpus import REPO, make_corpus
from measure import BIN, Bench, wipe

SCHEMA = REPO / "schemas" / "fachakte.schema.json"
FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


def check_peer_is_honest(work: Path, files: list[Path]) -> None:
    """check-jsonschema must really validate: accept the corpus, reject a broken file."""
    broken = work / "broken.yaml"
    broken.write_text(
        files[0].read_text(encoding="utf-8").replace("\nversion: ", "\nversion: v", 1),
        encoding="utf-8",
    )
    peer = [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA)]
    ok = subprocess.run([*peer, *map(str, files[:3])], capture_output=True, check=False)
    bad = subprocess.run([*peer, str(broken)], capture_output=True, check=False)
    if ok.returncode != 0 or bad.returncode != 1:
        raise SystemExit("check-jsonschema does not behave as a validator here; comparison void")
    print("  check-jsonschema accepts the corpus and rejects a broken version: comparison is fair")


def validate_figures(bench: Bench) -> None:
    root = bench.corpus(200)
    files = sorted((root / "fachakten").glob("*.yaml"))
    size = sum(f.stat().st_size for f in files) // 1024
    print(f"\nvalidate: {len(files)} Fachakten ({size} KiB)")
    check_peer_is_honest(bench.work, files)
    names = list(map(str, files))
    bench.run(
        "validate", "fachakte validate", [str(BIN / "fachakte"), "validate", *names], bench.repeat
    )
    bench.run(
        "fmt",
        "fachakte fmt --check (same files)",
        [str(BIN / "fachakte"), "fmt", "--check", *names],
        bench.repeat,
    )
    bench.run(
        "peer",
        "check-jsonschema --schemafile fachakte.schema.json",
        [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *names],
        max(3, bench.repeat // 2),
    )
    bench.run(
        "floor",
        "yaml.load(CSafeLoader) of the same files (parse floor)",
        [sys.executable, "-c", FLOOR, *names],
        bench.repeat,
    )


def compile_figures(bench: Bench, sizes: list[int], jobs: int) -> None:
    print("\ncompile --target doxis4, 13 tenants, no cache (cold)")
    for count in sizes:
        out = bench.work / f"build-{count}"
        runs = bench.repeat if count <= 200 else max(1, bench.repeat // 3)
        bench.run(
            f"compile{count}",
            f"{count} Fachakten x 13 = {count * 13} packages",
            bench.compile_command(count, out, "--no-cache"),
            runs,
            before=wipe(out),
        )
    count = 200 if 200 in sizes else sizes[-1]
    out = bench.work / "build-jobs"
    bench.run(
        "jobs",
        f"{count} Fachakten x 13, --jobs {jobs}",
        bench.compile_command(count, out, "--no-cache", "--jobs", str(jobs)),
        bench.repeat,
        before=wipe(out),
    )
    print(f"\nincremental, {count} Fachakten x 13 with the build cache")
    out, cache = bench.work / "build-incremental", bench.work / "cache"
    command = bench.compile_command(count, out, "--cache-dir", str(cache))
    bench.run("first", "first build (fills the cache)", command, 1)
    bench.run("noop", f"no-op rebuild {count} x 13 (nothing changed)", command, bench.repeat)
    changed = sorted((bench.corpus(count) / "fachakten").glob("*.yaml"))[count // 2]
    original = changed.read_text(encoding="utf-8")

    def touch_one(index: int) -> None:
        changed.write_text(original + f"# Änderung {index}\n", encoding="utf-8")

    bench.run("onechanged", "rebuild after one file changed", command, bench.repeat, touch_one)
    changed.write_text(original, encoding="utf-8")


COUNTRY_TENANTS, COUNTRY_FACHAKTEN, COUNTRY_SHARDS = 10_800, 50, 200


def country_figures(bench: Bench, jobs: int) -> None:
    """One real shard of a Germany-sized build (every municipality x 50 Fachakten)."""
    root = bench.work / "country"
    make_corpus(COUNTRY_FACHAKTEN, root, tenants=COUNTRY_TENANTS)
    packages = COUNTRY_TENANTS * COUNTRY_FACHAKTEN
    print(
        f"\ncountry: {COUNTRY_TENANTS} tenants x {COUNTRY_FACHAKTEN} Fachakten = {packages} "
        f"packages; one shard of {COUNTRY_SHARDS} ({packages // COUNTRY_SHARDS} packages)"
    )
    out = bench.work / "build-country"
    runs = max(1, bench.repeat // 2)
    for key, extra in (("shard", []), ("shardjobs", ["--jobs", str(jobs)])):
        command = [
            str(BIN / "fachakte"),
            "compile",
            str(root),
            "--target",
            "doxis4",
            "-o",
            str(out),
            "--no-cache",
            "--shard",
            f"1/{COUNTRY_SHARDS}",
            *extra,
        ]
        label = f"--shard 1/{COUNTRY_SHARDS}" + (f" --jobs {jobs}" if extra else "")
        bench.run(key, label, command, runs, before=wipe(out))


def summary(bench: Bench) -> None:
    f = bench.figures
    print("\nsummary (target in brackets)")

    def line(text: str, value: float, limit: float, unit: str = "") -> None:
        verdict = "ok" if value <= limit else f"MISSED by {value / limit:.1f}x"
        print(f"  {text:<46} {value:8.2f}{unit}  (<= {limit}{unit})  {verdict}")

    if "validate" in f:
        line("validate / check-jsonschema", f["validate"].seconds / f["peer"].seconds, 0.2, "x")
        line("validate / parse floor", f["validate"].seconds / f["floor"].seconds, 2.0, "x")
        line("fmt --check / validate", f["fmt"].seconds / f["validate"].seconds, 3.0, "x")
    if "noop" in f:
        line(f["noop"].label.split(" (")[0] + " [s]", f["noop"].seconds, 0.3)
    line("fachakte --help [ms]", f["help"].seconds * 1000, 80)
    if "lsp" in f:
        line(
            "lsp edit->diagnostics / cold validate of file",
            f["lsp"].seconds / f["coldfile"].seconds,
            0.2,
            "x",
        )
    line(
        "peak memory of any fachakte run [MiB]",
        max(x.peak_mib for key, x in f.items() if key not in ("peer", "floor")),
        150,
    )
    sizes = sorted(int(k[7:]) for k in f if k.startswith("compile") and k[7:].isdigit())
    if len(sizes) > 1:
        per = [f"{f[f'compile{n}'].seconds / (n * 13) * 1000:.2f}" for n in sizes]
        print(f"  ms per package at {sizes}: {per} (flat = linear growth)")
    if "shard" in f:
        total = f["shard"].seconds * COUNTRY_SHARDS
        best = min(f["shard"].seconds, f["shardjobs"].seconds)
        print(
            f"  country build: {total / 60:.0f} min on one core; {COUNTRY_SHARDS} shards on "
            f"{COUNTRY_SHARDS} CI runners: {best:.1f} s each"
        )
    if "jobs" in f and "compile200" in f:
        print(f"  --jobs speed-up at 200 x 13: {f['compile200'].seconds / f['jobs'].seconds:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--sizes", default="50,100,200,400", help="compile corpus sizes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--quick", action="store_true", help="validate and --help only")
    args = parser.parse_args()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    print(
        f"machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}"
    )
    with tempfile.TemporaryDirectory(prefix="fachakte-bench-") as folder:
        bench = Bench(Path(folder), args.repeat)
        print("\nstartup")
        bench.run("help", "fachakte --help", [str(BIN / "fachakte"), "--help"], 2 * args.repeat)
        validate_figures(bench)
        lsp_figures(bench)
        if not args.quick:
            compile_figures(bench, [int(s) for s in args.sizes.split(",")], args.jobs)
            country_figures(bench, args.jobs)
        summary(bench)
    return 0


if __name__ == "__main__":
    sys.exit(main())
