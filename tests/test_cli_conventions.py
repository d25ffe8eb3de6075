"""Command-line conventions: standard input for editors, colour, Ctrl-C and closed pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEFINITIONS, invoke_cli, run_fachakte

HUNDESTEUER = DEFINITIONS / "fachakten" / "hundesteuer.yaml"
BROKEN = HUNDESTEUER.read_text(encoding="utf-8").replace("version: 3.0.0", "version: 3.0", 1)


def test_validate_reads_a_buffer_from_stdin_in_the_context_of_its_catalogue() -> None:
    result = invoke_cli(
        "validate", "-", "--stdin-filename", HUNDESTEUER, "--format", "json", input_text=BROKEN
    )
    assert result.exit_code == 1, result.stderr
    assert '"code": "FA105"' in result.stdout and '"line": 7' in result.stdout
    # References into the other files resolve: the clean buffer has no findings at all.
    clean = invoke_cli(
        "validate", "-", "--stdin-filename", HUNDESTEUER, input_text=HUNDESTEUER.read_text()
    )
    assert clean.exit_code == 0 and "no findings" in clean.stdout


def test_stdin_needs_a_file_name_and_stands_alone() -> None:
    missing = invoke_cli("validate", "-", input_text="id: x\n")
    assert missing.exit_code == 2 and "--stdin-filename" in missing.stderr
    mixed = invoke_cli("validate", "-", DEFINITIONS, "--stdin-filename", HUNDESTEUER)
    assert mixed.exit_code == 2 and "cannot be combined" in mixed.stderr


def test_fmt_formats_stdin_to_stdout_for_format_on_save() -> None:
    text = HUNDESTEUER.read_text(encoding="utf-8")
    messy = text.replace(
        "version: 3.0.0\ntitle: Hundesteuer\n", "title: Hundesteuer\nversion: 3.0.0\n"
    )
    result = invoke_cli("fmt", "-", "--stdin-filename", HUNDESTEUER, input_text=messy)
    assert (result.exit_code, result.stdout) == (0, text)
    broken = invoke_cli("fmt", "-", "--stdin-filename", HUNDESTEUER, input_text='title: "x\n')
    assert broken.exit_code == 1 and broken.stdout == "" and "FA002" in broken.stderr


def test_colour_only_on_request_or_a_terminal_and_never_with_no_color(tmp_path: Path) -> None:
    args = ("validate", "-", "--stdin-filename", HUNDESTEUER)
    plain = run_fachakte(*args, input_text=BROKEN)
    assert "\x1b[" not in plain.stdout  # a pipe is no terminal
    forced = run_fachakte("--color", "always", *args, input_text=BROKEN)
    assert "\x1b[31m" in forced.stdout and "FA105" in forced.stdout
    never = run_fachakte("--color", "never", *args, input_text=BROKEN)
    assert "\x1b[" not in never.stdout
    report = tmp_path / "report.txt"
    run_fachakte("--color", "always", *args, "-o", report, input_text=BROKEN)
    assert "\x1b[" not in report.read_text() and "FA105" in report.read_text()
    script = (
        "import os, pty, sys\n"
        "pid, fd = pty.fork()\n"
        "if pid == 0:\n"
        "    os.execv(sys.executable, [sys.executable, '-m', 'fachakte_compiler', *sys.argv[1:]])\n"
        "out = b''\n"
        "while True:\n"
        "    try:\n"
        "        chunk = os.read(fd, 65536)\n"
        "    except OSError:\n"
        "        break\n"
        "    if not chunk:\n"
        "        break\n"
        "    out += chunk\n"
        "os.waitpid(pid, 0)\n"
        "sys.stdout.write(out.decode())\n"
    )
    broken_file = tmp_path / "definitions"
    from conftest import copy_catalogue

    copy_catalogue(broken_file)
    (broken_file / "fachakten" / "hundesteuer.yaml").write_text(BROKEN, encoding="utf-8")

    def on_terminal(env: dict[str, str]) -> str:
        return subprocess.run(
            [sys.executable, "-c", script, "validate", str(broken_file)],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        ).stdout

    assert "\x1b[31m" in on_terminal({})
    assert "\x1b[" not in on_terminal({"NO_COLOR": "1"})


def test_a_closed_pipe_ends_quietly_with_exit_0() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "fachakte_compiler", "schema", "fachakte"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first byte is written
    code = process.wait(timeout=120)
    assert (code, process.stderr.read()) == (0, b"")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("compil", "No such command 'compil'. Did you mean 'compile'?"),
        ("dif", "No such command 'dif'. (Did you mean one of: 'diff', 'drift'?)"),
        ("xyzzy", "No such command 'xyzzy'."),
    ],
)
def test_a_mistyped_command_names_the_one_meant(typed: str, said: str) -> None:
    # The commands load on demand, so click itself holds none to guess from.
    result = invoke_cli(typed)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {said}"
