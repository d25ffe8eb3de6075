"""Signed releases: the release folder, its manifest and checksums, Ed25519 keys, verification.

Layout of a release folder (documented in README.md):

    release.json        manifest: id, date, commit, compiler, Fachakten, every file's SHA-256
    release.json.sig    base64 of the raw 64-byte Ed25519 signature of release.json (if signed)
    SHA256SUMS          coreutils format, every file except itself and the signature
    CHANGELOG.md        German changelog since the previous `release-*` git tag
    packages/...        the compiled outputs, laid out as `fachakte compile` writes them
"""

MANIFEST = "release.json"
SIGNATURE = "release.json.sig"
CHECKSUMS = "SHA256SUMS"
CHANGELOG = "CHANGELOG.md"
PACKAGES = "packages"
# Files that describe the release rather than belong to it: release.json cannot list its own
# hash, SHA256SUMS cannot hold its own, and the signature is made after both.
META_FILES = (MANIFEST, SIGNATURE, CHECKSUMS)
