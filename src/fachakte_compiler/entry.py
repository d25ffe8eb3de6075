"""The `fachakte` command's entry point, kept free of imports: a Ctrl-C while the command is
still loading (click, the command table) exits like one later on, without a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from fachakte_compiler.cli.main import main as run
    except KeyboardInterrupt:
        # Nothing has happened yet; 128 + SIGINT, as for a Ctrl-C later on.
        sys.exit(130)
    run()
