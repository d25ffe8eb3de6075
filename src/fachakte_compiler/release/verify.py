"""Proving a delivered release is exactly what was signed: signature, hashes, file set."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fachakte_compiler.release import CHECKSUMS, MANIFEST, META_FILES, SIGNATURE
from fachakte_compiler.release.keys import fingerprint, signature_valid
from fachakte_compiler.release.manifest import (
    ManifestError,
    parse_checksums,
    parse_manifest,
    sha256,
)


@dataclass
class Report:
    release_id: str = "?"
    checked: int = 0
    signature: str = "not checked"
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def _check_signature(files: Mapping[str, bytes], public_key: Any, report: Report) -> None:
    if SIGNATURE not in files:
        report.problems.append(f"missing: {SIGNATURE} (the release is not signed)")
    elif not signature_valid(public_key, files[MANIFEST], files[SIGNATURE]):
        report.problems.append(f"modified: {MANIFEST} or {SIGNATURE} (the signature does not "
                               f"match the public key {fingerprint(public_key)})")
    else:
        report.signature = f"valid, key {fingerprint(public_key)}"


def _check_checksums(files: Mapping[str, bytes], listed: Mapping[str, str],
                     report: Report) -> None:
    if CHECKSUMS not in files:
        report.problems.append(f"missing: {CHECKSUMS}")
        return
    try:
        sums = parse_checksums(files[CHECKSUMS])
    except ManifestError as exc:
        report.problems.append(f"modified: {exc}")
        return
    expected = {**listed, MANIFEST: sha256(files[MANIFEST])}
    if sums != expected:
        odd = sorted(p for p in set(sums) | set(expected) if sums.get(p) != expected.get(p))
        report.problems.append(f"modified: {CHECKSUMS} (disagrees with {MANIFEST} on "
                               f"{', '.join(odd[:5])}{' …' if len(odd) > 5 else ''})")


def verify_files(files: Mapping[str, bytes], public_key: Any | None) -> Report:
    """Check a release's files; `public_key` None skips the signature (explicitly asked)."""
    report = Report()
    if MANIFEST not in files:
        report.problems.append(f"missing: {MANIFEST} (not a fachakte release)")
        return report
    try:
        document, listed = parse_manifest(files[MANIFEST])
    except ManifestError as exc:
        report.problems.append(f"modified: {exc}")
        return report
    report.release_id = str(document.get("release", "?"))
    if public_key is not None:
        _check_signature(files, public_key, report)
    _check_checksums(files, listed, report)
    for path in sorted(set(listed) | set(files)):
        if path in META_FILES:
            continue
        if path not in files:
            report.problems.append(f"missing: {path}")
        elif path not in listed:
            report.problems.append(f"added: {path} (not part of the release)")
        elif sha256(files[path]) != listed[path]:
            report.problems.append(f"modified: {path} (SHA-256 differs from {MANIFEST})")
        else:
            report.checked += 1
    return report
