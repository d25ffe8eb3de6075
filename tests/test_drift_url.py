"""`fachakte drift --doxis4-url`: the address is checked completely where the option is read.
Credentials in it are refused (they come only from the environment) without being repeated, and
every malformed address is a one-line usage error, never an internal error."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFINITIONS, invoke_cli, run_fachakte
from drift_server import Behaviour, answers_for, serve
from fachakte_compiler.drift.expected import ExpectedSource
from support.hostile_urls import MALFORMED, WITH_CREDENTIALS, WITH_QUERY_OR_FRAGMENT

TENANT = "brilon"
ENV = {"FACHAKTE_DOXIS4_USER": "sit-admin", "FACHAKTE_DOXIS4_PASSWORD": "env-Pa55word!"}
CREDENTIALS = {
    "en": "contains credentials: give the address without them and set "
    "$FACHAKTE_DOXIS4_USER and $FACHAKTE_DOXIS4_PASSWORD instead",
    "de": "enthält Zugangsdaten: die Adresse ohne sie angeben und stattdessen "
    "$FACHAKTE_DOXIS4_USER und $FACHAKTE_DOXIS4_PASSWORD setzen",
}
INVALID = {"en": "invalid --doxis4-url", "de": "ungültige --doxis4-url"}
USE = {"en": ": use https://host[:port]", "de": ": https://host[:port] verwenden"}


def _drift(url: str, lang: str, *args: str | Path) -> Any:
    return invoke_cli(
        "drift",
        DEFINITIONS,
        "--tenant",
        TENANT,
        "--doxis4-url",
        url,
        "--retries",
        "0",
        "--timeout",
        "1",
        *args,
        env={**ENV, "FACHAKTE_LANG": lang},
    )


def _assert_one_line_usage_error(stdout: str, stderr: str, exit_code: int) -> str:
    assert exit_code == 2, stdout + stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    for defect in ("internal error", "interner Fehler", "Traceback", "Usage:", "Aufruf:"):
        assert defect not in stderr
    return lines[0]


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("url", sorted(WITH_CREDENTIALS))
def test_an_address_with_credentials_is_refused_without_repeating_them(url: str, lang: str) -> None:
    secret, shown = WITH_CREDENTIALS[url]
    result = _drift(url, lang)
    line = _assert_one_line_usage_error(result.stdout, result.stderr, result.exit_code)
    error = "Error" if lang == "en" else "Fehler"
    assert line == f"{error}: --doxis4-url {shown} {CREDENTIALS[lang]}", line
    assert secret not in result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("url", MALFORMED + WITH_QUERY_OR_FRAGMENT)
def test_a_malformed_address_is_a_one_line_usage_error(url: str, lang: str) -> None:
    result = _drift(url, lang)
    line = _assert_one_line_usage_error(result.stdout, result.stderr, result.exit_code)
    error = "Error" if lang == "en" else "Fehler"
    assert line.startswith(f"{error}: {INVALID[lang]} "), line
    assert line.endswith(USE[lang]), line
    assert all(c.isprintable() for c in line), repr(line)  # control characters escaped


def test_the_reported_command_is_refused_by_the_installed_command(tmp_path: Path) -> None:
    """The command line as a user ran it, through the real entry point: the address is refused
    before the catalogue is read, credentials are asked for or a connection is tried."""
    result: subprocess.CompletedProcess[str] = run_fachakte(
        "drift",
        "--doxis4-url",
        "https://sit-admin:Geheim4711@127.0.0.1:9/",
        "--tenant",
        TENANT,
        "--release",
        tmp_path / "release",
        "--retries",
        "0",
        cwd=tmp_path,
        env={"FACHAKTE_LANG": "de", "FACHAKTE_DOXIS4_USER": "", "FACHAKTE_DOXIS4_PASSWORD": ""},
    )
    line = _assert_one_line_usage_error(result.stdout, result.stderr, result.returncode)
    assert line == f"Fehler: --doxis4-url https://***@127.0.0.1:9/ {CREDENTIALS['de']}"
    assert "Geheim4711" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "fmt", ["text", "json", "github", "sarif", "junit", "codequality", "markdown"]
)
def test_credentials_in_the_address_reach_no_report_snapshot_or_server(
    fmt: str, tmp_path: Path
) -> None:
    expected = ExpectedSource.from_catalogue([DEFINITIONS])
    behaviour = Behaviour(
        expected.organization(TENANT),
        ENV["FACHAKTE_DOXIS4_USER"],
        ENV["FACHAKTE_DOXIS4_PASSWORD"],
        answers_for(expected.inventory(TENANT)),
    )
    report, snapshot = tmp_path / "report", tmp_path / "snapshot"
    with serve(behaviour) as url:
        hostile = url.replace("://", "://sit-admin:Geheim4711@", 1)
        for lang in ("en", "de"):
            result = _drift(hostile, lang, "--format", fmt, "--save-snapshot", snapshot)
            _assert_one_line_usage_error(result.stdout, result.stderr, result.exit_code)
            assert "Geheim4711" not in result.stdout + result.stderr
            result = _drift(hostile, lang, "--format", fmt, "-o", report)
            _assert_one_line_usage_error(result.stdout, result.stderr, result.exit_code)
    assert behaviour.requests == []  # refused before anything was sent
    assert not report.exists() and not snapshot.exists()


def test_reports_and_snapshots_show_the_address_as_given(tmp_path: Path) -> None:
    """What the reports and the snapshot name is the address, through the one helper that
    shows an address: a valid one unchanged."""
    expected = ExpectedSource.from_catalogue([DEFINITIONS])
    behaviour = Behaviour(
        expected.organization(TENANT),
        ENV["FACHAKTE_DOXIS4_USER"],
        ENV["FACHAKTE_DOXIS4_PASSWORD"],
        answers_for(expected.inventory(TENANT)),
    )
    snapshot = tmp_path / "snapshot"
    with serve(behaviour) as url:
        as_json = _drift(url, "en", "--format", "json", "--save-snapshot", snapshot)
        as_markdown = _drift(url, "de", "--format", "markdown")
    assert json.loads(as_json.stdout)["source"] == url, as_json.stderr
    assert f"Gelesen: `{url}`" in as_markdown.stdout, as_markdown.stderr
    assert json.loads((snapshot / "snapshot.json").read_text())["url"] == url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://dms.example:8443/csb", "https://dms.example:8443/csb"),
        ("https://u:p@dms.example/", "https://***@dms.example/"),
        ("https://u:p#q@dms.example/", "https://***@dms.example/"),
        ("u:p@dms.example", "***@dms.example"),
        ("https://u:p@", "https://***@"),
        ("not a url [", "not a url ["),
        # A secret in the query or a fragment is hidden as well.
        ("https://dms.example/?password=S3cr3t", "https://dms.example/?***"),
        ("https://dms.example/csb#token=abc", "https://dms.example/csb#***"),
        ("https://u:p@dms.example/?k=v#f", "https://***@dms.example/?***"),
    ],
)
def test_an_address_is_shown_without_credentials(url: str, shown: str) -> None:
    from fachakte_compiler.web_address import shown_url

    assert shown_url(url) == shown


def test_the_reader_refuses_an_address_with_credentials_also_when_used_as_a_library() -> None:
    from fachakte_compiler.drift.errors import DriftReadError
    from fachakte_compiler.drift.rest import Connection, Credentials, Doxis4Reader

    conn = Connection("https://sit-admin:Geheim4711@127.0.0.1:9/")
    with pytest.raises(DriftReadError) as caught:
        Doxis4Reader(conn, Credentials("org", "user", "password"))
    assert "Geheim4711" not in str(caught.value)
    assert "Geheim4711" not in repr(conn)


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_secret_in_the_query_never_reaches_the_message(language: str) -> None:
    url = "https://127.0.0.1:9/csb?password=S3cr3tQ"
    result = _drift(url, language)
    assert result.exit_code == 2
    assert "S3cr3tQ" not in result.stdout + result.stderr
    assert "https://127.0.0.1:9/csb?***" in result.stderr
