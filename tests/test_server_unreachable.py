"""Every command that talks to a server ends alike when nothing answers: a real refused
connection on 127.0.0.1 gives `drift` and `xdomea-schemas fetch` the exit code of
errors.ConnectionFailed (2, as the CLI contract gives connection errors), one clear line in the
user's language, nothing stored."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import DEFINITIONS, invoke_cli
from fachakte_compiler.errors import ConnectionFailed


@pytest.fixture
def refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # the socket is closed: nothing listens there


@pytest.mark.parametrize(
    ("lang", "drift_says", "fetch_says"),
    [
        ("en", "the connection was refused", "Error: cannot reach 127.0.0.1"),
        ("de", "die Verbindung wurde abgelehnt", "Fehler: 127.0.0.1 nicht erreichbar"),
    ],
)
def test_drift_and_xdomea_schemas_fetch_exit_alike_without_a_connection(
    refused_url: str, tmp_path: Path, lang: str, drift_says: str, fetch_says: str
) -> None:
    assert ConnectionFailed.exit_code == 2
    drift = invoke_cli(
        "drift",
        DEFINITIONS,
        "--tenant",
        "brilon",
        "--doxis4-url",
        refused_url,
        "--timeout",
        "1",
        "--retries",  # asking a refused port again proves nothing here
        "0",
        env={
            "FACHAKTE_DOXIS4_USER": "sit-admin",
            "FACHAKTE_DOXIS4_PASSWORD": "geheim",
            "FACHAKTE_LANG": lang,
        },
    )
    cache = tmp_path / "cache"
    fetch = invoke_cli(
        "xdomea-schemas",
        "fetch",
        "--url",
        f"{refused_url}/bundle.zip",
        env={"XDG_CACHE_HOME": str(cache), "FACHAKTE_LANG": lang},
    )
    assert drift.exit_code == fetch.exit_code == ConnectionFailed.exit_code, (
        drift.stderr,
        fetch.stderr,
    )
    assert drift_says in drift.stderr and drift.stdout == ""
    assert fetch.stderr.startswith(fetch_says) and fetch.stdout == ""
    for result in (drift, fetch):
        assert "Traceback" not in result.stderr and "Errno" not in result.stderr
    assert not cache.exists() or not any(cache.rglob("*.xsd"))
