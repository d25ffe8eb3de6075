"""The build service: the one way from a catalogue to its outputs, for `compile`, `release` and
the editor tooling.

It plans the work units that the targets declare (`units`), answers them from the cache
(`cache`) or runs the targets (`runner`), records what an output folder was built from
(`stamp`), and hands the bytes to `write/`, which stages and commits them. Commands only turn
options into a request and its outcome (or a FachakteError) into text and an exit code.

The names below are here, not in the modules that use them, because the options of commands
that never build (`validate`, `verify`, `drift`) need them too: importing this package costs
nothing, importing the service or the cache does.
"""

from pathlib import Path

# The catalogue a command reads when no path is given.
DEFAULT_PATH = Path("definitions")
# The variable that names the build cache folder when --cache-dir is not given.
CACHE_ENV = "FACHAKTE_CACHE_DIR"
