"""The VS Code problem matcher in docs/editor.md reads what `fachakte validate` prints: every
finding line of a broken catalogue, a sub-code included, with file, line, column, severity, code
and message in the groups the matcher names."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from support.catalogue import REPO

Invoke = Callable[..., Result]


def _task() -> dict[str, object]:
    text = (REPO / "docs" / "editor.md").read_text(encoding="utf-8")
    block = text.split("**Problem-Matcher**", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    (task,) = json.loads(block)["tasks"]
    assert isinstance(task, dict)
    return task


def test_the_problem_matcher_reads_every_finding_line(
    invoke: Invoke, catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = _task()
    env = task["options"]["env"]  # type: ignore[index]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    matcher = task["problemMatcher"]["pattern"]  # type: ignore[index]
    pattern = re.compile(matcher["regexp"])
    akte = catalogue / "fachakten" / "hundesteuer.yaml"
    text = akte.read_text(encoding="utf-8")
    akte.write_text(
        text.replace("    - halter\n", "    - halterin\n", 1).replace(
            "    title: Beginn der Steuerpflicht\n    type: date\n",
            "    title: Beginn der Steuerpflicht\n    type: datetime\n    minimum: 5\n",
            1,
        ),
        encoding="utf-8",
    )
    result = invoke("validate", catalogue)
    assert result.exit_code == 1, result.output
    heads = [line for line in result.output.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    found = [pattern.match(line) for line in heads]
    assert heads and all(found), heads
    codes = {m.group(matcher["code"]) for m in found if m}
    assert {"FA201", "FA213.2"} <= codes, codes
    for m in found:
        assert m is not None
        assert m.group(matcher["severity"]) in ("error", "warning")
        assert (catalogue.parent / m.group(matcher["file"])).is_file() or Path(
            m.group(matcher["file"])
        ).is_file()
