"""Run the real `fachakte` command and send it a real Ctrl-C (SIGINT) at a named moment of a
compile: `python ctrl_c.py MOMENT ARGS...` runs `fachakte ARGS...` and, when the build reaches
MOMENT (a key of MOMENTS), sends SIGINT to its own process, which handles it as it would a
Ctrl-C from the terminal. Timing a signal from outside lands wherever the machine's load puts
it; this lands exactly where the test asks, so every phase of a compile is hit on every run.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _ctrl_c() -> None:
    os.kill(os.getpid(), signal.SIGINT)


def _before_call(owner: Any, name: str, when: Callable[..., bool]) -> None:
    """Send the Ctrl-C just before the call of `owner.name` for which `when(*args)` is true
    (only the first such call)."""
    original = getattr(owner, name)
    pending = [True]

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if pending and when(*args, **kwargs):
            pending.clear()
            _ctrl_c()
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def _nth_call(n: int) -> Callable[..., bool]:
    calls = [0]

    def when(*_args: Any, **_kwargs: Any) -> bool:
        calls[0] += 1
        return calls[0] == n

    return when


def _reading() -> None:
    import fachakte_compiler.model.load as load

    _before_call(load, "load_model", _nth_call(1))


def _building() -> None:
    from fachakte_compiler.write.atomic import Staging

    # The build marker is the first file staged; four units' files follow before the signal.
    _before_call(Staging, "write", _nth_call(5))


def _before_swap() -> None:
    # Staging.commit flushes the staged files to disk right before it swaps them in.
    _before_call(os, "sync", _nth_call(1))


def _during_swap() -> None:
    # The first of the swap's two renames moves the previous build aside, to .OUT.old-XXXX.
    _before_call(Path, "rename", lambda _path, target: ".old-" in Path(target).name)


def _stamping() -> None:
    from fachakte_compiler.build_service.stamp import Stamp

    _before_call(Stamp, "save", _nth_call(1))


# moment -> installs the trigger
MOMENTS: dict[str, Callable[[], None]] = {
    "reading": _reading,
    "building": _building,
    "before-swap": _before_swap,
    "during-swap": _during_swap,
    "stamping": _stamping,
}


def main() -> None:
    moment, *args = sys.argv[1:]
    MOMENTS[moment]()
    sys.argv = ["fachakte", *args]
    from fachakte_compiler.entry import main as fachakte

    fachakte()


if __name__ == "__main__":
    main()
