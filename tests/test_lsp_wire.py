"""`fachakte lsp` reads the editor's stream with bounds and ends like any command: a client
that does not speak LSP gets a protocol error (exit 1) before memory grows, a Ctrl-C exit 130."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

LSP = [sys.executable, "-m", "fachakte_compiler", "lsp"]


@pytest.mark.parametrize(
    ("sent", "said"),
    [
        (b"\0" * 200_000, "protocol error: a header line longer than 8192 bytes"),
        (
            b"Content-Length: 999999999999\r\n\r\n{",
            "protocol error: a message of 999999999999 bytes announced, more than 67108864",
        ),
    ],
    ids=["endless-header", "huge-length"],
)
def test_a_stream_that_is_no_lsp_ends_with_a_protocol_error(sent: bytes, said: str) -> None:
    result = subprocess.run(LSP, input=sent, capture_output=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert said in result.stderr.decode()
    assert b"Traceback" not in result.stderr and b"internal error" not in result.stderr


def test_ctrl_c_ends_an_idle_server_with_130() -> None:
    process = subprocess.Popen(
        LSP,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A suite started where SIGINT is ignored would hand that on (see test_startup).
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(1.5)  # started and waiting for the editor
    process.send_signal(signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, err
    assert b"Traceback" not in err
