"""The benchmark corpus generator writes catalogues that `fachakte validate` accepts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from support.yaml_dump import load as load_yaml

REPO = Path(__file__).resolve().parents[1]
DEFINITIONS = REPO / "definitions"
Run = Callable[..., Result]
MAKE_CORPUS = REPO / "benchmarks" / "make_corpus.py"
TEMPLATE_COUNT = len(list((DEFINITIONS / "fachakten").glob("*.yaml")))


def make(count: int, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(MAKE_CORPUS), str(count), str(out), *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def errors(invoke: Run, root: Path) -> list[dict[str, object]]:
    result = invoke("validate", root, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return [d for d in report["diagnostics"] if d["severity"] == "error"]


def test_corpus_validates_without_errors(invoke: Run, tmp_path: Path) -> None:
    count = 2 * TEMPLATE_COUNT + 3
    result = make(count, tmp_path / "corpus")
    assert result.returncode == 0, result.stderr
    files = sorted((tmp_path / "corpus" / "fachakten").glob("*.yaml"))
    assert len(files) == count
    assert errors(invoke, tmp_path / "corpus") == []
    ids = [load_yaml(f.read_text(encoding="utf-8"))["id"] for f in files]
    assert ids == [f.stem for f in files]
    kennzeichen = [
        load_yaml(f.read_text(encoding="utf-8"))["aktenplan"]["kennzeichen"] for f in files
    ]
    assert len(set(kennzeichen)) == count


def test_variants_keep_comments_and_delegations(tmp_path: Path) -> None:
    assert make(TEMPLATE_COUNT * 2, tmp_path / "c").returncode == 0
    wohngeld = (DEFINITIONS / "fachakten" / "wohngeld.yaml").read_text(encoding="utf-8")
    variant = (tmp_path / "c" / "fachakten" / "wohngeld_v00001.yaml").read_text(encoding="utf-8")
    comments = [line for line in wohngeld.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in variant.splitlines() for line in comments)
    assert 'kennzeichen: "50.60.100"' in variant
    delegations = load_yaml((tmp_path / "c" / "delegations.yaml").read_text(encoding="utf-8"))
    assert "wohngeld_v00001" in {d["fachakte"] for d in delegations["delegations"]}


def test_many_synthetic_tenants(invoke: Run, tmp_path: Path) -> None:
    assert make(8, tmp_path / "c", "--tenants", "40").returncode == 0
    tenants = load_yaml((tmp_path / "c" / "tenants.yaml").read_text(encoding="utf-8"))
    assert len(tenants["tenants"]) == 40
    assert errors(invoke, tmp_path / "c") == []


def test_fewer_tenants_than_shipped(invoke: Run, tmp_path: Path) -> None:
    assert make(5, tmp_path / "c", "--tenants", "4").returncode == 0
    assert errors(invoke, tmp_path / "c") == []


def test_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "keep.txt").write_text("x", encoding="utf-8")
    result = make(3, tmp_path / "c")
    assert result.returncode == 1
    assert "is not empty" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "c" / "keep.txt").read_text(encoding="utf-8") == "x"
