"""The `fachakte` command's entry point, kept free of imports: a Ctrl-C while the command is
still loading (click, the command table) exits like one later on, without a traceback."""

from __future__ import annotations

import sys


def _interrupt_instead(unraisable: sys.UnraisableHookArgs) -> None:
    """A Ctrl-C that lands in a callback Python cannot raise from (a weakref callback of the
    import machinery, a finalizer) would print "Exception ignored in …" with a traceback and
    be lost; hand it to the main flow instead, which ends like any Ctrl-C (exit 130)."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        import _thread

        _thread.interrupt_main()
        return
    sys.__unraisablehook__(unraisable)


def main() -> None:
    sys.unraisablehook = _interrupt_instead
    try:
        from fachakte_compiler.cli.main import main as run
    except KeyboardInterrupt:
        # Nothing has happened yet; 128 + SIGINT, as for a Ctrl-C later on.
        sys.exit(130)
    run()
