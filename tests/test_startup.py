"""Start-up: a Ctrl-C in the first moments of the real `fachakte` command exits cleanly, and a
definition file linked from outside the catalogue is a finding, not an internal error."""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest

from conftest import ShippedRelease

MINI = Path(__file__).parent / "fixtures" / "mini"


def _ctrl_c_as_at_a_terminal() -> None:
    # A suite started where SIGINT is ignored (in the background of a shell without job
    # control) would hand that on, and Python keeps an ignored SIGINT ignored: every run would
    # pass without being interrupted.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_starting_never_shows_a_traceback() -> None:
    script = Path(sys.executable).with_name("fachakte")
    started = time.monotonic()
    subprocess.run([str(script), "validate", str(MINI)], capture_output=True, check=False)
    # The signals are spread over one whole run, however slow the machine is right now.
    interval = (time.monotonic() - started) / 16
    codes = set()
    for step in range(16):
        process = subprocess.Popen(
            [str(script), "validate", str(MINI)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_ctrl_c_as_at_a_terminal,
        )
        time.sleep(step * interval)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        if "Fatal Python error" in stderr or _in_the_console_script(stderr):
            continue  # the interpreter or its console script was still starting: before our code
        codes.add(process.returncode)
        assert "Traceback" not in stderr, (step, stderr)
        assert process.returncode in (0, 130, -signal.SIGINT), (step, stderr)
    assert 130 in codes, codes  # some signals landed in our code, which ends as any Ctrl-C


def _in_the_console_script(stderr: str) -> bool:
    """Whether a Ctrl-C landed before `main()` of our entry point ran: in the script pip writes
    (`bin/fachakte`, at its first instruction, "line 0", or its import line), in the module
    level of what that line imports, or in Python's import machinery loading it (on a fresh
    clone it compiles the module first, which widens that moment). Python's own handler prints
    that traceback, and nothing a package installs runs earlier; every frame is then a module's
    top level or a frame of the frozen importlib."""
    lines = stderr.splitlines()
    frames = [line for line in lines if line.startswith("  File ")]
    return (
        bool(lines)
        and lines[0] == "Traceback (most recent call last):"
        and lines[-1] == "KeyboardInterrupt"
        and bool(frames)
        and Path(frames[0].split('"')[1]).name == "fachakte"
        and all(_before_our_code(frame) for frame in frames)
    )


def _before_our_code(frame: str) -> bool:
    return frame.endswith(", in <module>") or frame.startswith('  File "<frozen importlib.')


def test_the_console_script_check_tells_python_s_start_from_ours() -> None:
    head = 'Traceback (most recent call last):\n  File "/v/bin/fachakte", line 4, in <module>\n'
    importing = (
        head + '  File "<frozen importlib._bootstrap>", line 1176, in _find_and_load\n'
        '  File "<frozen importlib._bootstrap>", line 557, in _init_module_attrs\n'
        "KeyboardInterrupt\n"
    )
    ours = head + '  File "/src/fachakte_compiler/entry.py", line 52, in main\nKeyboardInterrupt\n'
    assert _in_the_console_script(importing)
    assert _in_the_console_script(head + "KeyboardInterrupt\n")
    assert not _in_the_console_script(ours)
    assert not _in_the_console_script(importing.replace("KeyboardInterrupt", "ImportError: x"))


def test_symlink_to_a_file_outside_the_catalogue_is_a_finding(tmp_path: Path) -> None:
    catalogue = tmp_path / "definitions"
    shutil.copytree(MINI, catalogue)
    outside = tmp_path / "extern.yaml"
    shutil.copy(catalogue / "bausteine" / "person.yaml", outside)
    (catalogue / "bausteine" / "extern.yaml").symlink_to(
        os.path.relpath(outside, catalogue / "bausteine")
    )
    for command in (["validate", catalogue], ["compile", catalogue, "-o", tmp_path / "build"]):
        result = subprocess.run(
            [sys.executable, "-m", "fachakte_compiler", *map(str, command)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        assert "internal error" not in result.stderr
        assert f"extern.yaml:1:1: error FA021: symbolic link to {outside}" in result.stdout
    assert not (tmp_path / "build").exists()


# A KeyboardInterrupt raised in a weakref callback, as when Ctrl-C lands in one of the import
# machinery: Python hands it to sys.unraisablehook, which by default prints "Exception ignored
# in …" with a traceback and carries on as if nothing happened.
_UNRAISABLE_CTRL_C = """
import signal, sys, time, weakref
signal.signal(signal.SIGINT, signal.default_int_handler)
from fachakte_compiler.entry import _interrupt_instead
sys.unraisablehook = _interrupt_instead
class Module: pass
def interrupted(_ref): raise KeyboardInterrupt
module = Module()
ref = weakref.ref(module, interrupted)
try:
    del module
    for _ in range(1000):
        time.sleep(0.01)
except KeyboardInterrupt:
    print("main flow interrupted")
    sys.exit(130)
print("carried on")
"""


def test_a_ctrl_c_python_cannot_raise_reaches_the_main_flow_without_a_traceback() -> None:
    # Its own process: the simulated SIGINT must reach a main thread that is the one running
    # the code, which a test worker does not promise.
    result = subprocess.run(
        [sys.executable, "-c", _UNRAISABLE_CTRL_C],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "main flow interrupted\n", "")


class _InterruptedWhileNamed:
    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt


def test_a_ctrl_c_python_wraps_while_a_class_is_made_ends_as_a_ctrl_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python 3.11 reports a KeyboardInterrupt inside `__set_name__` (a dataclass of a module
    imported on demand) as a RuntimeError: still a Ctrl-C (130), not an internal error (2)."""
    from click.testing import CliRunner

    from fachakte_compiler.cli.main import cli

    def make_a_class(**_options: object) -> None:
        type("Made", (), {"field": _InterruptedWhileNamed()})

    command = cli.get_command(click.Context(cli), "keygen")
    assert command is not None
    monkeypatch.setattr(command, "callback", make_a_class)
    result = CliRunner().invoke(cli, ["keygen"], prog_name="fachakte")
    assert result.exit_code == 130, result.output
    assert "internal error" not in result.stderr and result.stderr.count("interrupted") == 1


class _ClassMadeDuringImport:
    """A finder for one module whose import makes a class that a Ctrl-C interrupts, as when
    Ctrl-C lands in `functools.cached_property.__set_name__` while `pathlib` loads `ipaddress`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def find_spec(self, name: str, path: object, target: object = None) -> object:
        import importlib.util

        return importlib.util.spec_from_loader(name, self) if name == self.name else None

    def create_module(self, spec: object) -> None:
        return None

    def exec_module(self, module: object) -> None:
        type("Made", (), {"field": _InterruptedWhileNamed()})


@pytest.mark.parametrize("module", ["fachakte_compiler.cli.main", "fachakte_compiler.cli.validate"])
def test_a_wrapped_ctrl_c_while_the_command_loads_ends_as_a_ctrl_c(
    module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before the command table (the entry point's own import) and while a command's module
    loads on demand: exit 130 without a traceback either way."""
    from fachakte_compiler import entry

    importlib.import_module(module)
    monkeypatch.delitem(sys.modules, module)
    monkeypatch.setattr(sys, "meta_path", [_ClassMadeDuringImport(module), *sys.meta_path])
    monkeypatch.setattr(sys, "argv", ["fachakte", "validate", str(MINI)])
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    monkeypatch.setattr(signal, "signal", lambda *_args: None)  # leave the worker's handler be
    with pytest.raises(SystemExit) as end:
        entry.main()
    assert end.value.code == 130
    assert "Traceback" not in capsys.readouterr().err


# What each command must not import on its normal path: importing them costs every process
# CPU for nothing (the model's dataclasses and the build service are the largest part).
_NOT_IMPORTED = {
    "verify": ("fachakte_compiler.model", "fachakte_compiler.build_service.service", "tempfile"),
    "validate": ("fachakte_compiler.build_service.service", "fachakte_compiler.cli.compile_cmd"),
}
_SHOW_MODULES = (
    "import runpy, sys\n"
    "sys.argv = ['fachakte', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('fachakte_compiler', run_name='__main__')\n"
    "except SystemExit as end:\n"
    "    print('exit', end.code, file=sys.stderr)\n"
    "print('\\n'.join(sorted(sys.modules)))\n"
)


@pytest.mark.parametrize("command", sorted(_NOT_IMPORTED))
def test_commands_import_only_what_they_use(command: str, small_release: ShippedRelease) -> None:
    args = {
        "verify": [str(small_release.folder), "--public-key", str(small_release.public_key)],
        "validate": [str(MINI)],
    }[command]
    result = subprocess.run(
        [sys.executable, "-c", _SHOW_MODULES, command, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "exit 0" in result.stderr, result.stderr
    loaded = set(result.stdout.splitlines())
    assert "fachakte_compiler.cli.main" in loaded  # the command really ran in this process
    assert not loaded & set(_NOT_IMPORTED[command]), sorted(loaded & set(_NOT_IMPORTED[command]))
