"""Proving a delivered release is exactly what was signed: signatures, hashes, file set.

With a public key, the signature of release.json is checked over its raw bytes before a single
byte of it is parsed: a forged manifest is reported as modified and never interpreted. The
signature of SHA256SUMS is checked as well, so the file that the offline path relies on
(`sha256sum -c SHA256SUMS`) is vouched for too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fachakte_compiler.i18n import N_, _
from fachakte_compiler.release import (
    CHECKSUMS,
    CHECKSUMS_SIGNATURE,
    MANIFEST,
    META_FILES,
    SIGNATURE,
)
from fachakte_compiler.release.archive import Member
from fachakte_compiler.release.keys import fingerprint, signature_valid
from fachakte_compiler.release.manifest import (
    ManifestError,
    parse_checksums,
    parse_manifest,
    sha256,
)

# What an unverified release.json claims is read only from its first lines and only in the exact
# shape render_manifest writes, never by parsing it: a forged file could be anything.
_CLAIM_WINDOW = 4096
_CLAIMED_ID = re.compile(rb'^  "release": "([A-Za-z0-9._-]{1,120})",$', re.MULTILINE)
_CLAIMED_KEY = re.compile(rb'^  "signing_key": (?:"(SHA256:[0-9a-f]{64})"|null),$', re.MULTILINE)


@dataclass
class Report:
    # None while release.json is unread (or unsigned and untrusted) and names no release.
    release_id: str | None = None
    checked: int = 0
    # An English msgid until checked (translated where it is shown), then the result.
    signature: str = N_("not checked")
    problems: list[str] = field(default_factory=list)
    # Explanations of the problems (not problems of their own), e.g. which key signed.
    notes: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def _bytes(files: Mapping[str, Member], name: str) -> bytes | None:
    member = files.get(name)
    return member.data if member is not None else None


def _read_checksums(files: Mapping[str, Member], report: Report) -> dict[str, str] | None:
    data = _bytes(files, CHECKSUMS)
    if data is None:
        report.problems.append(_("missing: {file}").format(file=CHECKSUMS))
        return None
    try:
        return parse_checksums(data)
    except ManifestError as exc:
        report.problems.append(_("modified: {reason}").format(reason=exc))
        return None


def _signed(
    files: Mapping[str, Member],
    public_key: Any,
    name: str,
    signature: str,
    data_looks_intact: bool,
    report: Report,
) -> bool:
    """Whether `signature` is a valid signature of `name`'s raw bytes; reports why not.
    `data_looks_intact` is an unsigned hint (another file agrees with `name`): then the
    signature (or the key) is the likelier culprit, but both are named, as a consistent
    rewrite of both files looks the same."""
    data, sig = _bytes(files, name), _bytes(files, signature)
    if sig is None:
        report.problems.append(
            _("missing: {file} (the release is not signed)").format(file=signature)
        )
        return False
    if data is None or not signature_valid(public_key, data, sig):
        culprit = (
            _("{signature} or {name}").format(signature=signature, name=name)
            if data_looks_intact
            else name
        )
        report.problems.append(
            _(
                "modified: {file} (the signature does not match the public key "
                "{fingerprint}: wrong key, or the file was altered)"
            ).format(file=culprit, fingerprint=fingerprint(public_key))
        )
        return False
    return True


def _claims(manifest: bytes, given: str, report: Report, signature_there: bool) -> None:
    """After a failed signature of release.json: the release id and signing key it claims
    (unverified), so that a wrong key can be told from a forged release. Without a
    signature file there is no mismatch to explain (its absence is the problem)."""
    head = manifest[:_CLAIM_WINDOW]
    named = _CLAIMED_ID.search(head)
    if named:
        report.release_id = _("{release} (unverified)").format(
            release=named.group(1).decode("ascii")
        )
    key = _CLAIMED_KEY.search(head)
    if key is None:
        return
    if key.group(1) is None:
        report.notes.append(
            _("release.json says the release was not signed; the key given is {given}").format(
                given=given
            )
        )
        return
    claimed = key.group(1).decode("ascii")
    if claimed != given:
        report.notes.append(
            _(
                "wrong key: release.json says it was signed with {claimed}, the key given is "
                "{given}; get the public key with fingerprint {claimed} from the HSK (compare "
                "it by phone), or suspect a forged release"
            ).format(claimed=claimed, given=given)
        )
    elif signature_there:
        report.notes.append(
            _(
                "release.json names the key given ({given}) but its signature does not "
                "match: the release was altered after signing"
            ).format(given=given)
        )


def _unsigned_sums(files: Mapping[str, Member]) -> dict[str, str] | None:
    data = _bytes(files, CHECKSUMS)
    try:
        return parse_checksums(data) if data is not None else None
    except ManifestError:
        return None


def _compare_checksums(sums: Mapping[str, str], listed: Mapping[str, str], report: Report) -> None:
    odd = sorted(p for p in (set(sums) | set(listed)) - {MANIFEST} if sums.get(p) != listed.get(p))
    if odd:
        report.problems.append(
            _("modified: {file} (disagrees with {manifest} on {paths})").format(
                file=CHECKSUMS,
                manifest=MANIFEST,
                paths=", ".join(odd[:5]) + (" …" if len(odd) > 5 else ""),
            )
        )


def verify_files(files: Mapping[str, Member], public_key: Any | None) -> Report:
    """Check a release's files (see archive.read_release); `public_key` None skips the
    signatures (explicitly asked for with --no-signature)."""
    report = Report()
    manifest = _bytes(files, MANIFEST)
    if manifest is None:
        report.problems.append(_("missing: {file} (not a fachakte release)").format(file=MANIFEST))
        return report
    hint = _unsigned_sums(files)
    if public_key is not None:
        agrees = hint is not None and hint.get(MANIFEST) == sha256(manifest)
        if not _signed(files, public_key, MANIFEST, SIGNATURE, agrees, report):
            # Nothing in an unsigned manifest can be trusted, not even enough to parse it.
            _claims(manifest, fingerprint(public_key), report, SIGNATURE in files)
            return report
        report.signature = _("valid, key {fingerprint}").format(fingerprint=fingerprint(public_key))
    try:
        document, listed = parse_manifest(manifest)
    except ManifestError as exc:
        report.problems.append(_("modified: {reason}").format(reason=exc))
        return report
    named = document.get("release")
    if isinstance(named, str) and named.isprintable():
        report.release_id = named
    if public_key is not None:
        agrees = hint == {**listed, MANIFEST: sha256(manifest)}
        _signed(files, public_key, CHECKSUMS, CHECKSUMS_SIGNATURE, agrees, report)
    sums = _read_checksums(files, report)
    if sums is not None:
        if sums.get(MANIFEST) != sha256(manifest):
            culprit = (
                CHECKSUMS
                if public_key is not None
                else _("{signature} or {name}").format(signature=MANIFEST, name=CHECKSUMS)
            )
            report.problems.append(
                _("modified: {file} (they disagree on the SHA-256 of {manifest})").format(
                    file=culprit, manifest=MANIFEST
                )
            )
        _compare_checksums(sums, listed, report)
    for path in sorted(set(listed) | set(files)):
        if path in META_FILES:
            continue
        member = files.get(path)
        if member is None:
            report.problems.append(_("missing: {file}").format(file=path))
        elif path not in listed:
            report.problems.append(_("added: {file} (not part of the release)").format(file=path))
        elif member.sha256 != listed[path]:
            report.problems.append(
                _("modified: {file} (SHA-256 differs from {manifest})").format(
                    file=path, manifest=MANIFEST
                )
            )
        else:
            report.checked += 1
    return report
