"""`fachakte drift` against a real HTTP server on 127.0.0.1 that answers like the Doxis4 public
REST API, built from the compiled catalogue; differences are planted one by one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFINITIONS, invoke_cli
from drift_server import Behaviour, answers_for, self_signed, serve
from fachakte_compiler.drift.expected import ExpectedSource

TENANT = "brilon"
USER, PASSWORD = "sit-admin", "s3cret-Pa55word!"


@pytest.fixture(scope="module")
def expected() -> ExpectedSource:
    return ExpectedSource.from_catalogue([DEFINITIONS])


@pytest.fixture(scope="module")
def exact(expected: ExpectedSource) -> dict[str, Any]:
    """The answers of an installation that holds exactly the catalogue."""
    return answers_for(expected.inventory(TENANT))


def _behaviour(expected: ExpectedSource, answers: dict[str, Any], **kw: Any) -> Behaviour:
    return Behaviour(expected.organization(TENANT), USER, PASSWORD, answers, **kw)


def drift(
    url: str, *args: str | Path, password: str = PASSWORD, process: bool = False
) -> subprocess.CompletedProcess[str]:
    """`fachakte drift` against the server this process runs, with the credentials from the
    environment as in real use. In-process unless `process`: a server that fails a request
    prints its traceback to this process's stderr, which must not be taken for the CLI's."""
    env = {"FACHAKTE_DOXIS4_USER": USER, "FACHAKTE_DOXIS4_PASSWORD": password}
    argv = ["drift", str(DEFINITIONS), "--tenant", TENANT, "--doxis4-url", url, *map(str, args)]
    if process:
        return subprocess.run(
            [sys.executable, "-m", "fachakte_compiler", *argv],
            env={**os.environ, **env, "FACHAKTE_LANG": "en"},
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    from click.testing import CliRunner

    from fachakte_compiler.cli.main import cli

    result = CliRunner().invoke(cli, argv, env=env, catch_exceptions=False)
    return subprocess.CompletedProcess(argv, result.exit_code, result.stdout, result.stderr)


def _findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    report = json.loads(result.stdout)
    return [(f["code"], f["object"]) for f in report["findings"]]


def test_an_identical_installation_shows_no_drift(
    expected: ExpectedSource, exact: dict[str, Any]
) -> None:
    behaviour = _behaviour(expected, exact)
    with serve(behaviour) as url:
        result = drift(url)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert "no drift" in result.stdout
    methods = {m for m, _, _ in behaviour.requests}
    assert methods == {"GET", "POST"}  # POST only for login and logout: reads, never writes
    assert {p.rsplit("/", 1)[1] for m, p, _ in behaviour.requests if m == "POST"} == {
        "login",
        "logout",
    }
    login = json.loads(next(b for m, p, b in behaviour.requests if p.endswith("/login")))
    assert login == {
        "customerName": expected.organization(TENANT),
        "userName": USER,
        "password": PASSWORD,
        "role": "admins",
    }


def _plant(exact: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    answers = json.loads(json.dumps(exact))
    change(answers)
    return answers


def _first_mandatory(answers: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    for cls in answers["documentTypes"]:
        for a in cls["allowedAttributeDefinitions"]:
            if a["mandatory"]:
                return cls, a
    raise AssertionError("the catalogue has no mandatory assignment")


def _name_of(answers: dict[str, Any], uuid: str) -> str:
    return next(d["name"] for d in answers["attributeDefinitions"] if d["uuid"] == uuid)


PLANTED: dict[str, Callable[[dict[str, Any]], tuple[str, str]]] = {}


def planted(
    func: Callable[[dict[str, Any]], tuple[str, str]],
) -> Callable[[dict[str, Any]], tuple[str, str]]:
    PLANTED[func.__name__] = func
    return func


@planted
def descriptor_missing(a: dict[str, Any]) -> tuple[str, str]:
    gone = a["attributeDefinitions"].pop(0)
    for cls in a["documentTypes"]:  # a missing descriptor is not assigned anywhere either
        cls["allowedAttributeDefinitions"] = [
            x
            for x in cls["allowedAttributeDefinitions"]
            if x["attributeDefinitionUUID"] != gone["uuid"]
        ]
    a["_expect_also"] = "DR202"
    return "DR101", gone["name"]


@planted
def mandatory_flag_changed(a: dict[str, Any]) -> tuple[str, str]:
    cls, assignment = _first_mandatory(a)
    assignment["mandatory"] = False
    return "DR203", cls["name"]


@planted
def class_lost_a_descriptor(a: dict[str, Any]) -> tuple[str, str]:
    cls = next(c for c in a["documentTypes"] if c["allowedAttributeDefinitions"])
    cls["allowedAttributeDefinitions"].pop()
    return "DR202", cls["name"]


@planted
def extra_local_descriptor(a: dict[str, Any]) -> tuple[str, str]:
    name = a["attributeDefinitions"][0]["name"].split("_")[0] + "_LOKALES_FELD"
    a["attributeDefinitions"].append(
        {
            "uuid": "0f0f0f0f-0000-4000-8000-000000000001",
            "name": name,
            "shortName": name,
            "attributeDataType": "STRING",
            "length": 50,
            "multivalueType": "NONE",
        }
    )
    return "DR103", name


@planted
def renamed_group(a: dict[str, Any]) -> tuple[str, str]:
    group = next(g for g in a["groups"] if g["name"] != "everybody")
    old = group["name"]
    group["name"] = old + "_ALT"
    a["_expect_also"] = ("DR302", old + "_ALT")
    return "DR301", old


@pytest.mark.parametrize("plant", sorted(PLANTED))
def test_each_planted_difference_is_reported_with_its_code(
    expected: ExpectedSource, exact: dict[str, Any], plant: str
) -> None:
    answers = json.loads(json.dumps(exact))
    code, obj = PLANTED[plant](answers)
    also = answers.pop("_expect_also", None)
    with serve(_behaviour(expected, answers)) as url:
        result = drift(url, "--format", "json")
    assert result.returncode == 1, result.stderr
    found = _findings(result)
    assert (code, obj) in found
    if isinstance(also, tuple):
        assert sorted(found) == sorted([(code, obj), also])
    elif also == "DR202":
        assert {c for c, _ in found} <= {code, "DR202"}
        assert found.count((code, obj)) == 1
    else:
        assert found == [(code, obj)]
    assert PASSWORD not in result.stdout + result.stderr


def test_reports_in_every_format_name_the_planted_difference(
    expected: ExpectedSource, exact: dict[str, Any], tmp_path: Path
) -> None:
    from lxml import etree

    answers = json.loads(json.dumps(exact))
    code, obj = mandatory_flag_changed(answers)
    with serve(_behaviour(expected, answers)) as url:
        outputs = {
            fmt: drift(url, "--format", fmt) for fmt in ("text", "json", "junit", "markdown")
        }
    for fmt, result in outputs.items():
        assert result.returncode == 1, (fmt, result.stderr)
        assert code in result.stdout and obj in result.stdout, fmt
        assert PASSWORD not in result.stdout + result.stderr
    suite = etree.fromstring(outputs["junit"].stdout.encode())
    cases = suite.findall(".//testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == 1 and obj in failed[0].get("name", "")
    assert len(cases) > 100  # one test case per compared object


FAILURES = {
    "wrong-password": ({}, "log-in refused (HTTP 401)"),
    "server-error": ({"status": {"attributeDefinitions": 500}}, "unexpected HTTP 500"),
    "invalid-json": ({"raw": {"documentTypes": b"{not json"}}, "not valid JSON"),
    "wrong-shape": ({"raw": {"groups": b'{"groups": []}'}}, "expected a JSON array"),
    "slow-server": ({"delay": 1.5}, "did not answer within 0.5 s"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_odd_server_answers_exit_2_with_one_line(
    expected: ExpectedSource, exact: dict[str, Any], case: str
) -> None:
    kw, message = FAILURES[case]
    with serve(_behaviour(expected, exact, **kw)) as url:
        result = drift(
            url,
            "--timeout",
            "0.5",
            # Retrying is the next test's point; here it would only wait (3 s for the slow server).
            "--retries",
            "0",
            password="wrong" if case == "wrong-password" else PASSWORD,
            process=True,
        )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr and PASSWORD not in result.stderr


@pytest.mark.parametrize(
    ("retries", "exit_code", "message"),
    [
        (None, 1, ""),  # the default, 2: the third request is answered
        ("1", 2, "groups: the server answered HTTP 503 repeatedly"),
        ("0", 2, "groups: the server answered HTTP 503 (no --retries)"),
    ],
)
def test_a_busy_server_is_asked_again_as_often_as_retries_says(
    expected: ExpectedSource,
    exact: dict[str, Any],
    retries: str | None,
    exit_code: int,
    message: str,
) -> None:
    answers = json.loads(json.dumps(exact))
    code, _obj = mandatory_flag_changed(answers)
    behaviour = _behaviour(expected, answers, busy={"groups": 2})
    with serve(behaviour) as url:
        result = drift(url, *(["--retries", retries] if retries else []))
    asked = sum(1 for _m, path, _b in behaviour.requests if path.endswith("/groups"))
    assert asked == 1 + (int(retries) if retries else 2)
    assert result.returncode == exit_code, result.stdout + result.stderr
    if message:
        assert result.stderr.strip().splitlines() == [f"Error: {message}"], result.stderr
        assert result.stdout == ""
    else:
        assert code in result.stdout  # the full comparison ran: the planted drift is found


def test_an_unknown_certificate_is_refused_and_a_given_ca_accepted(
    expected: ExpectedSource, exact: dict[str, Any], tmp_path: Path
) -> None:
    context, cert = self_signed(tmp_path)
    with serve(_behaviour(expected, exact), tls=context) as url:
        refused = drift(url)
        accepted = drift(url, "--ca-bundle", cert)
    assert refused.returncode == 2 and "not trusted" in refused.stderr
    assert "--ca-bundle" in refused.stderr and "Traceback" not in refused.stderr
    assert accepted.returncode == 0, accepted.stderr


def test_an_unreachable_host_exits_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = drift(f"http://127.0.0.1:{port}", "--timeout", "1")
    assert result.returncode == 2
    assert f"cannot connect to http://127.0.0.1:{port}: the connection was refused" in (
        result.stderr
    )


def test_credentials_never_come_from_arguments_and_are_required() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACHAKTE_DOXIS4_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fachakte_compiler",
            "drift",
            DEFINITIONS,
            "--tenant",
            TENANT,
            "--doxis4-url",
            "http://127.0.0.1:9",
        ],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode == 2 and "FACHAKTE_DOXIS4_PASSWORD" in result.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", "drift", "--help"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "--password" not in help_text


def test_a_saved_snapshot_gives_the_same_report_offline(
    expected: ExpectedSource, exact: dict[str, Any], tmp_path: Path
) -> None:
    answers = json.loads(json.dumps(exact))
    renamed_group(answers)
    answers.pop("_expect_also")
    snapshot = tmp_path / "snapshot"
    with serve(_behaviour(expected, answers)) as url:
        live = drift(url, "--format", "json", "--save-snapshot", snapshot)
    assert live.returncode == 1, live.stderr
    files = sorted(p.name for p in snapshot.iterdir())
    assert "snapshot.json" in files and "attributeDefinitions.json" in files
    stored = "".join(p.read_text() for p in snapshot.iterdir())
    assert PASSWORD not in stored and USER not in stored and "Bearer" not in stored
    env = {**os.environ, "FACHAKTE_LANG": "en"}
    offline = subprocess.run(
        [
            sys.executable,
            "-m",
            "fachakte_compiler",
            "drift",
            DEFINITIONS,
            "--tenant",
            TENANT,
            "--snapshot",
            snapshot,
            "--format",
            "json",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert offline.returncode == 1, offline.stderr
    live_report, offline_report = json.loads(live.stdout), json.loads(offline.stdout)
    assert offline_report["findings"] == live_report["findings"]
    assert offline_report["compared"] == live_report["compared"]


def test_the_password_never_travels_unencrypted_to_another_machine() -> None:
    from fachakte_compiler.drift.errors import DriftReadError
    from fachakte_compiler.drift.rest import _check_transport

    result = drift("http://dms.brilon.example", "--timeout", "1")
    assert result.returncode == 2, result.stderr
    assert "refusing to send the password unencrypted to http://dms.brilon.example" in (
        result.stderr
    )
    assert "cannot connect" not in result.stderr  # refused before any lookup or connection
    for url in (
        "https://dms.brilon.example",
        "http://127.0.0.1:8080",
        "http://[::1]:1",
        "http://localhost",
    ):
        _check_transport(url)
    for url in ("http://10.1.2.3", "http://127.0.0.1.example.org", "ftp://dms.example"):
        with pytest.raises(DriftReadError):
            _check_transport(url)


def test_a_snapshot_folder_that_does_not_exist_is_named_as_such(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent"
    args = ("drift", DEFINITIONS, "--tenant", TENANT, "--snapshot", missing)
    english = invoke_cli(*args, env={"FACHAKTE_LANG": "en"})
    assert english.exit_code != 0 and english.stdout == ""
    assert f"{missing}: no such folder; --snapshot names a folder written by" in english.stderr
    assert "missing from the snapshot" not in english.stderr
    german = invoke_cli(*args, env={"FACHAKTE_LANG": "de"})
    assert f"{missing}: dieser Ordner existiert nicht" in german.stderr
