"""Signed releases: the release folder, its manifest and checksums, Ed25519 keys, verification.

Layout of a release folder (documented in README.md):

    release.json        manifest: id, date, commit, compiler, Fachakten, every file's SHA-256
    release.json.sig    base64 of the raw 64-byte Ed25519 signature of release.json (if signed)
    SHA256SUMS          coreutils format, every file except itself and the signatures
    SHA256SUMS.sig      base64 of the Ed25519 signature of SHA256SUMS (if signed), so that the
                        offline path (openssl + sha256sum -c) is as sound as `fachakte verify`
    CHANGELOG.md        German changelog since the previous `release-*` git tag
    packages/...        the compiled outputs, laid out as `fachakte compile` writes them
"""

from collections.abc import Collection

MANIFEST = "release.json"
SIGNATURE = "release.json.sig"
CHECKSUMS = "SHA256SUMS"
CHECKSUMS_SIGNATURE = "SHA256SUMS.sig"
CHANGELOG = "CHANGELOG.md"
PACKAGES = "packages"
# Files that describe the release rather than belong to it: release.json cannot list its own
# hash, SHA256SUMS cannot hold its own, and the signatures are made after both.
META_FILES = (MANIFEST, SIGNATURE, CHECKSUMS, CHECKSUMS_SIGNATURE)


def counted_files(paths: Collection[str]) -> str:
    """'173 files (169 listed in release.json, plus release.json, release.json.sig,
    SHA256SUMS, SHA256SUMS.sig)': the files of a release folder, told apart the way `verify`
    counts them, so that `release` and `verify` give the same figures."""
    from fachakte_compiler.i18n import ngettext

    meta = [name for name in META_FILES if name in paths]
    return ngettext(
        "{count} file ({listed} listed in {manifest}, plus {meta})",
        "{count} files ({listed} listed in {manifest}, plus {meta})",
        len(paths),
    ).format(
        count=len(paths), listed=len(paths) - len(meta), manifest=MANIFEST, meta=", ".join(meta)
    )


# Files whose bytes verification needs; every other file is only hashed as it streams past.
KEPT_FILES = frozenset(META_FILES)
