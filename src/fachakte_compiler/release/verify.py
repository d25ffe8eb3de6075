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


def _read_checksums(files: Mapping[str, bytes], report: Report) -> dict[str, str] | None:
    if CHECKSUMS not in files:
        report.problems.append(f"missing: {CHECKSUMS}")
        return None
    try:
        return parse_checksums(files[CHECKSUMS])
    except ManifestError as exc:
        report.problems.append(f"modified: {exc}")
        return None


def _check_signature(
    files: Mapping[str, bytes], public_key: Any, manifest_matches_sums: bool, report: Report
) -> None:
    key = fingerprint(public_key)
    if SIGNATURE not in files:
        report.problems.append(f"missing: {SIGNATURE} (the release is not signed)")
    elif not signature_valid(public_key, files[MANIFEST], files[SIGNATURE]):
        # SHA256SUMS is not signed, so it only hints at the culprit: when it still agrees with
        # release.json, the signature (or the key) is the likelier one, but a consistent
        # rewrite of release.json and SHA256SUMS looks the same, hence both names.
        culprit = f"{SIGNATURE} or {MANIFEST}" if manifest_matches_sums else MANIFEST
        report.problems.append(
            f"modified: {culprit} (the signature does not match the public "
            f"key {key}: wrong key, or the file was altered)"
        )
    else:
        report.signature = f"valid, key {key}"


def _compare_checksums(sums: Mapping[str, str], listed: Mapping[str, str], report: Report) -> None:
    odd = sorted(p for p in (set(sums) | set(listed)) - {MANIFEST} if sums.get(p) != listed.get(p))
    if odd:
        report.problems.append(
            f"modified: {CHECKSUMS} (disagrees with {MANIFEST} on "
            f"{', '.join(odd[:5])}{' …' if len(odd) > 5 else ''})"
        )


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
    sums = _read_checksums(files, report)
    manifest_matches_sums = sums is not None and sums.get(MANIFEST) == sha256(files[MANIFEST])
    if public_key is not None:
        _check_signature(files, public_key, manifest_matches_sums, report)
    if sums is not None:
        if not manifest_matches_sums and report.signature.startswith("valid"):
            report.problems.append(f"modified: {CHECKSUMS} (wrong SHA-256 for {MANIFEST})")
        elif not manifest_matches_sums and public_key is None:
            report.problems.append(
                f"modified: {MANIFEST} or {CHECKSUMS} (they disagree on the SHA-256 of {MANIFEST})"
            )
        _compare_checksums(sums, listed, report)
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
