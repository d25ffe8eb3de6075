"""GitLab Code Quality report: the Code Climate JSON subset that GitLab reads
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).

A JSON array with one issue per finding: `description`, `check_name`, `fingerprint` (unique
and stable while lines move), `severity` (info, minor, major, critical, blocker) and
`location.path` (relative to the repository) with `location.lines.begin`.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict

from fachakte_compiler.diagnostics.diagnostic import Diagnostic

# Errors block the merge request (major), warnings ask for a look (minor).
SEVERITY = {"error": "major", "warning": "minor"}


def to_codequality(diagnostics: list[Diagnostic]) -> str:
    seen: dict[tuple[str, str, str], int] = defaultdict(int)
    issues = []
    for d in diagnostics:
        key = (d.code, d.file, d.message)
        occurrence = seen[key]
        seen[key] += 1
        fingerprint = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8")).hexdigest()
        issues.append(
            {
                "description": f"{d.code}: {d.message}" + (f" ({d.hint})" if d.hint else ""),
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": SEVERITY.get(d.severity.value, "info"),
                "location": {
                    "path": d.file.replace("\\", "/"),
                    "lines": {"begin": d.span.line if d.span else 1},
                },
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2)
