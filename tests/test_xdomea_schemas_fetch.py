"""`fachakte xdomea-schemas fetch` end to end: a bundle built from the official files in
../shared, served over real HTTP on 127.0.0.1, verified, cached, and then used by compile; a
bundle with one changed byte is refused and nothing is stored."""

from __future__ import annotations

import http.server
import io
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import DEFINITIONS, SHARED, invoke_cli, needs_xsd
from fachakte_compiler.xdomea_schemas import PINNED
from support.hostile_urls import MALFORMED, WITH_CREDENTIALS

OFFICIAL = SHARED / "xdomea"
SKIPPED_NOTE = "schema validation was skipped"


def _bundle(change_byte_in: str | None = None) -> bytes:
    """A ZIP of every file under ../shared/xdomea below a top folder, as a publisher's ZIP
    might lay it out; optionally with one byte of one XSD changed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(OFFICIAL.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(OFFICIAL).as_posix()
            data = path.read_bytes()
            if rel == change_byte_in:
                index = data.index(b"<xs:documentation>") + len(b"<xs:documentation>")
                data = data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]
            archive.writestr(f"xdomea_3.0.0/{rel}", data)
    return buffer.getvalue()


class _Handler(http.server.BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    if not (OFFICIAL / "3.0.0" / "xdomea.xsd").is_file():
        pytest.skip(f"official xdomea 3.0.0 files not found in {OFFICIAL}")
    _Handler.files = {
        "/bundle.zip": _bundle(),
        "/tampered.zip": _bundle(change_byte_in="3.0.0/xdomea-Baukasten.xsd"),
        "/not-a-zip": b"<html>maintenance</html>",
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _fetch(cache_home: Path, url: str) -> tuple[int, str, str]:
    result = invoke_cli(
        "xdomea-schemas", "fetch", "--url", url, env={"XDG_CACHE_HOME": str(cache_home)}
    )
    return result.exit_code, result.stdout, result.stderr


def _stored(cache_home: Path) -> dict[str, bytes]:
    folder = cache_home / "fachakte-compiler" / "xdomea-3.0.0"
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@needs_xsd
def test_fetch_verifies_stores_and_compile_then_validates_by_default(
    server: str, tmp_path: Path
) -> None:
    cache_home = tmp_path / "cache"
    code, stdout, stderr = _fetch(cache_home, f"{server}/bundle.zip")
    assert code == 0, stderr
    assert "stored 22 verified files of xdomea 3.0.0" in stdout
    stored = _stored(cache_home)
    assert sorted(stored) == sorted(PINNED)
    assert all(stored[rel] == (OFFICIAL / rel).read_bytes() for rel in PINNED)
    env = {"XDG_CACHE_HOME": str(cache_home), "FACHAKTE_XDOMEA_XSD_DIR": ""}
    path = invoke_cli("xdomea-schemas", "path", env=env)
    assert path.stdout.strip() == str(cache_home / "fachakte-compiler" / "xdomea-3.0.0" / "3.0.0")
    out = tmp_path / "out"
    args = ("compile", DEFINITIONS, "--target", "xdomea", "--tenant", "hsk", "-o", out)
    compiled = invoke_cli(*args, "--no-cache", env=env)
    assert compiled.exit_code == 0, compiled.stderr
    assert SKIPPED_NOTE not in compiled.stderr
    # The cached copy is really what validates: one damaged XSD there and validation is off
    # again, with the note saying how to fetch.
    damaged = cache_home / "fachakte-compiler" / "xdomea-3.0.0" / "3.0.0" / "xdomea-Datentypen.xsd"
    damaged.write_bytes(damaged.read_bytes().replace(b"<xs:enumeration", b"<xs:enumeratio", 1))
    again = invoke_cli(*args, "--no-cache", env=env)
    assert again.exit_code == 0, again.stderr
    assert SKIPPED_NOTE in again.stderr and "xdomea-schemas fetch" in again.stderr


@needs_xsd
def test_a_bundle_with_one_changed_byte_is_refused_and_nothing_is_stored(
    server: str, tmp_path: Path
) -> None:
    cache_home = tmp_path / "cache"
    code, _, stderr = _fetch(cache_home, f"{server}/tampered.zip")
    assert code == 1
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1
    assert "3.0.0/xdomea-Baukasten.xsd does not have its pinned SHA-256" in stderr
    assert "nothing was stored" in stderr
    assert not (cache_home / "fachakte-compiler" / "xdomea-3.0.0").exists()
    # A good copy fetched before stays exactly as it was.
    assert _fetch(cache_home, f"{server}/bundle.zip")[0] == 0
    before = _stored(cache_home)
    assert _fetch(cache_home, f"{server}/tampered.zip")[0] == 1
    assert _stored(cache_home) == before


@needs_xsd
@pytest.mark.parametrize(
    ("path", "message", "exit_code"),
    # The server failed (exit 2, as drift's connection errors) / the bundle is wrong (exit 1).
    [("/missing.zip", "the server answered HTTP 404", 2), ("/not-a-zip", "not a ZIP file", 1)],
)
def test_download_failures_are_one_clear_line(
    server: str, tmp_path: Path, path: str, message: str, exit_code: int
) -> None:
    code, _, stderr = _fetch(tmp_path / "cache", f"{server}{path}")
    assert code == exit_code
    assert message in stderr and "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "cache" / "fachakte-compiler").exists()


def test_offline_a_refused_connection_says_what_to_do_instead(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more: what a machine without internet access sees.
    cache = tmp_path / "cache"
    for lang, words in (
        ("en", "Error: cannot reach 127.0.0.1: the connection was refused"),
        ("de", "Fehler: 127.0.0.1 nicht erreichbar: die Verbindung wurde abgelehnt"),
    ):
        result = invoke_cli(
            "xdomea-schemas",
            "fetch",
            "--url",
            f"http://127.0.0.1:{port}/bundle.zip",
            env={"XDG_CACHE_HOME": str(cache), "FACHAKTE_LANG": lang},
        )
        assert result.exit_code == 2, result.stderr
        first, hint = result.stderr.strip().splitlines()
        assert first == words
        assert "--xsd-dir" in hint and "$FACHAKTE_XDOMEA_XSD_DIR" in hint
        assert "Errno" not in result.stderr and "Traceback" not in result.stderr
    assert not cache.exists() or not any(cache.rglob("*.xsd"))


def test_url_must_be_http(tmp_path: Path) -> None:
    code, _, stderr = _fetch(tmp_path / "cache", "file:///etc/passwd")
    assert code == 2
    assert "--url must be an http or https address" in stderr


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("url", sorted(WITH_CREDENTIALS) + MALFORMED)
def test_a_hostile_url_is_one_usage_line_without_credentials(
    tmp_path: Path, url: str, lang: str
) -> None:
    result = invoke_cli(
        "xdomea-schemas",
        "fetch",
        "--url",
        url,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "FACHAKTE_LANG": lang},
    )
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    for defect in ("internal error", "interner Fehler", "Traceback"):
        assert defect not in line
    if url in WITH_CREDENTIALS:
        secret, shown = WITH_CREDENTIALS[url]
        assert secret not in result.stderr
        words = {
            "en": f"Error: --url {shown} contains credentials: give the mirror's address",
            "de": f"Fehler: --url {shown} enthält Zugangsdaten: die Adresse des Spiegels",
        }
    else:
        words = {
            "en": "Error: --url must be an http or https address, not '",
            "de": "Fehler: --url muss eine http- oder https-Adresse sein, nicht '",
        }
    assert line.startswith(words[lang]), line
    assert all(c.isprintable() for c in line), repr(line)
    assert not (tmp_path / "cache").exists()
