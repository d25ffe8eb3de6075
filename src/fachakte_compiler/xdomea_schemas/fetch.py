"""Downloading, verifying and storing the official xdomea 3.0.0 XSD bundle.

Nothing is stored unless every pinned file is in the bundle with its pinned SHA-256; the cache
folder is then replaced as a whole (staged beside it, then renamed), so it holds either the old
or the complete new copy.
"""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from fachakte_compiler.errors import ConnectionFailed, FachakteError
from fachakte_compiler.i18n import N_, _, connection_reason, ngettext
from fachakte_compiler.web_address import shown_url
from fachakte_compiler.xdomea_schemas import PINNED, sha256

# The official ZIP is well under 5 MiB; these bounds only stop a hostile or broken download.
MAX_DOWNLOAD = 50 * 1024 * 1024
MAX_FILE = 10 * 1024 * 1024
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0


class FetchError(FachakteError):
    """The bundle is not the official one (not a ZIP, a file missing or changed, too large),
    or, as BundleUnreachable, it could not be downloaded; says why in one line. Exit code 1
    (BundleUnreachable: 2). `offline` is True when no connection came about (then OFFLINE_HINT
    applies)."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline


class BundleUnreachable(FetchError, ConnectionFailed):
    """The server gave no usable answer (refused, unknown host, timeout, TLS, an HTTP status
    other than 200): the exit code of every ConnectionFailed, as for `drift`."""

    exit_code: ClassVar[int] = ConnectionFailed.exit_code


@dataclass(frozen=True)
class Stored:
    folder: Path
    files: int
    ignored: int


# Without internet access the XSDs come another way; compile and release take them from a folder.
OFFLINE_HINT = N_(
    "Without internet access: copy the official xdomea 3.0.0 XSDs (the folder holding "
    "xdomea.xsd) onto this machine and give that folder to compile and release with "
    "--xsd-dir DIR or in $FACHAKTE_XDOMEA_XSD_DIR; or fetch from a reachable mirror of the "
    "same ZIP with --url"
)


def download(url: str) -> bytes:
    """The body of `url` (http or https), at most MAX_DOWNLOAD bytes, following redirects.

    Raises BundleUnreachable on a timeout, a network error or an HTTP status other than 200,
    FetchError on a body that is too large."""
    import httpx

    timeout = httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT)
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise BundleUnreachable(
                    _("{url}: the server answered HTTP {status_code} {reason_phrase}").format(
                        url=shown_url(url),
                        status_code=response.status_code,
                        reason_phrase=response.reason_phrase,
                    )
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_DOWNLOAD:
                    raise FetchError(
                        _("{url}: more than {MAX_DOWNLOAD} bytes; not a schema bundle").format(
                            url=shown_url(url), MAX_DOWNLOAD=MAX_DOWNLOAD
                        )
                    )
            return bytes(body)
    except httpx.TimeoutException:
        raise BundleUnreachable(
            _("{url}: no answer within the time limit; try again later").format(url=shown_url(url)),
            offline=True,
        ) from None
    except httpx.TransportError as exc:
        raise BundleUnreachable(
            _("cannot reach {host}: {reason}").format(
                host=httpx.URL(url).host or shown_url(url), reason=connection_reason(exc)
            ),
            offline=True,
        ) from None
    except httpx.HTTPError as exc:
        raise BundleUnreachable(
            _("cannot download {url}: {error}").format(url=shown_url(url), error=exc)
        ) from None


def verify_bundle(data: bytes, source: str) -> dict[str, bytes]:
    """The pinned files of the ZIP in `data`, keyed by their path in the stored layout.

    Each pinned file is found by its file name anywhere in the ZIP (the folder layout of a
    bundle is not part of what we pin) and must have its pinned SHA-256. Raises FetchError for
    a damaged ZIP, a missing file, or a file whose SHA-256 differs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FetchError(_("{source}: not a ZIP file").format(source=source)) from None
    by_name: dict[str, list[zipfile.ZipInfo]] = {}
    for info in archive.infolist():
        if not info.is_dir():
            by_name.setdefault(posixpath.basename(info.filename), []).append(info)
    found: dict[str, bytes] = {}
    missing, wrong = [], []
    for rel, pin in sorted(PINNED.items()):
        candidates = by_name.get(posixpath.basename(rel), [])
        if not candidates:
            missing.append(rel)
            continue
        for info in candidates:
            if info.file_size > MAX_FILE:
                continue
            try:
                content = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                raise FetchError(
                    _("{source}: {filename} cannot be read: {error}").format(
                        source=source, filename=info.filename, error=exc
                    )
                ) from None
            if sha256(content) == pin:
                found[rel] = content
                break
        else:
            wrong.append(rel)
    if wrong:
        raise FetchError(
            ngettext(
                "{source}: {file} does not have its pinned SHA-256; this is not the official "
                "xdomea 3.0.0 bundle, nothing was stored",
                "{source}: {file} does not have its pinned SHA-256 (nor do {more} more); this "
                "is not the official xdomea 3.0.0 bundle, nothing was stored",
                len(wrong),
            ).format(source=source, file=wrong[0], more=len(wrong) - 1)
        )
    if missing:
        raise FetchError(
            ngettext(
                "{source}: {file} is missing; this is not the complete xdomea 3.0.0 bundle, "
                "nothing was stored",
                "{source}: {file} is missing (and {more} more); this is not the complete "
                "xdomea 3.0.0 bundle, nothing was stored",
                len(missing),
            ).format(source=source, file=missing[0], more=len(missing) - 1)
        )
    return found


def store(files: dict[str, bytes], folder: Path) -> None:
    """Replace `folder` by exactly `files` (paths relative to it). Raises OSError."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for rel, content in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def fetch(url: str, folder: Path) -> Stored:
    """Download the bundle at `url`, verify it, and store the pinned files in `folder`.

    Raises FetchError (download or verification) or OSError (writing the cache)."""
    data = download(url)
    files = verify_bundle(data, shown_url(url))
    store(files, folder)
    total = sum(1 for i in zipfile.ZipFile(io.BytesIO(data)).infolist() if not i.is_dir())
    return Stored(folder, len(files), total - len(files))
