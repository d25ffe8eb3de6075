"""Compiled templates kept between runs: Jinja2's own bytecode cache in the user's cache folder.

Compiling the templates from source costs about 0.5 CPU-s in every process that renders them
(the test suite alone starts hundreds); loading their stored bytecode about 0.01 s.

Jinja2 keys an entry by the template's name and checks the SHA-1 of its source, so an edited
template is compiled again. It does not check what else went into the code: the environment's
settings, the filters and `finalize` it applied to constants while compiling, its own version.
All of that is code of this package, so the folder is named after `compiler_fingerprint()`
(every code, template and schema file of the compiler) and the Jinja2 version; Jinja2's header
carries the Python version. Making the folder of a new fingerprint removes the earlier ones, so
the cache holds one set (about 0.5 MB): `~/.cache/fachakte-compiler/templates/jinja2-…/`.

The cache changes how fast a template is loaded, never what it renders. Bytecode is code, so the
folder must be private to this user (as the build cache's, `private_folder`); a folder that is not,
or that cannot be made, read or written, only costs the compile time.
"""

from __future__ import annotations

import contextlib
import shutil
from functools import cache
from pathlib import Path

import jinja2

from fachakte_compiler.build_service.cache import UnsafeCache, compiler_fingerprint, private_folder

PREFIX = "jinja2-"


class TolerantBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's file cache, with a failed read or write costing a compile instead of the run."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def cache_root() -> Path:
    """The folder that holds the per-fingerprint template folders."""
    import platformdirs

    from fachakte_compiler.xdomea_schemas import APP_NAME

    return platformdirs.user_cache_path(APP_NAME) / "templates"


@cache
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """The bytecode cache for this compiler's templates, or None where no private folder can
    be had (then every process compiles its templates itself)."""
    root = cache_root()
    folder = root / f"{PREFIX}{jinja2.__version__}-{compiler_fingerprint()[:16]}"
    try:
        if not folder.is_dir():
            private_folder(root)
            for earlier in root.glob(f"{PREFIX}*"):
                shutil.rmtree(earlier, ignore_errors=True)
        private_folder(folder)
    except (UnsafeCache, OSError):
        return None
    return TolerantBytecodeCache(str(folder))
