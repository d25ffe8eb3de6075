"""Run the real `fachakte` command and act at a named moment of a compile:
`python moments.py MOMENT ACTION ARGS...` runs `fachakte ARGS...` and, when the build reaches
MOMENT (a key of MOMENTS), does ACTION: `ctrl-c` sends SIGINT to its own process, which handles
it as it would a Ctrl-C from the terminal; `wait-for=PATH` pauses the build there until PATH
exists. Timing a signal or a second process from outside lands wherever the machine's load puts
it; this lands exactly where the test asks, on every run.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Action = Callable[[], None]


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def _wait_for(path: Path, seconds: float = 120) -> Action:
    def wait() -> None:
        deadline = time.monotonic() + seconds
        while not path.exists():
            if time.monotonic() > deadline:
                raise SystemExit(f"moments.py: {path} did not appear within {seconds} s")
            time.sleep(0.02)

    return wait


def _before_call(owner: Any, name: str, when: Callable[..., bool], action: Action) -> None:
    """Do `action` just before the call of `owner.name` for which `when(*args)` is true (only
    the first such call)."""
    original = getattr(owner, name)
    pending = [True]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if pending and when(*args, **kwargs):
            pending.clear()
            action()
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def _nth_call(n: int) -> Callable[..., bool]:
    calls = [0]

    def when(*_args: Any, **_kwargs: Any) -> bool:
        calls[0] += 1
        return calls[0] == n

    return when


def _reading(action: Action) -> None:
    import fachakte_compiler.model.load as load

    _before_call(load, "load_model", _nth_call(1), action)


def _building(action: Action) -> None:
    from fachakte_compiler.write.atomic import Staging

    # The build marker is the first file staged; four units' files follow before the action.
    _before_call(Staging, "write", _nth_call(5), action)


def _before_swap(action: Action) -> None:
    # Staging.commit flushes the staged files to disk right before it swaps them in.
    _before_call(os, "sync", _nth_call(1), action)


def _during_swap(action: Action) -> None:
    # The first of the swap's two renames moves the previous build aside, to .OUT.old-XXXX.
    _before_call(Path, "rename", lambda _path, target: ".old-" in Path(target).name, action)


def _stamping(action: Action) -> None:
    from fachakte_compiler.build_service.stamp import Stamp

    _before_call(Stamp, "save", _nth_call(1), action)


# moment -> installs the action there
MOMENTS: dict[str, Callable[[Action], None]] = {
    "reading": _reading,
    "building": _building,
    "before-swap": _before_swap,
    "during-swap": _during_swap,
    "stamping": _stamping,
}


def _action(spec: str) -> Action:
    if spec == "ctrl-c":
        return _ctrl_c
    if spec.startswith("wait-for="):
        return _wait_for(Path(spec.removeprefix("wait-for=")))
    raise SystemExit(f"moments.py: unknown action {spec!r}")


def main() -> None:
    moment, action, *args = sys.argv[1:]
    # Started in the background by a shell without job control (`make test &` in a script),
    # a process inherits SIGINT ignored, and Python leaves it so; a Ctrl-C at a terminal goes
    # to a process with Python's own handler, as here.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    MOMENTS[moment](_action(action))
    sys.argv = ["fachakte", *args]
    from fachakte_compiler.entry import main as fachakte

    fachakte()


if __name__ == "__main__":
    main()
