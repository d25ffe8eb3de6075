"""Shared test helpers: run the real CLI, copy the shipped catalogue into a temp folder."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fachakte_compiler.cli.main import cli
from fachakte_compiler.model import Catalogue
from support.catalogue import DEFINITIONS, REPO, copy_catalogue, copy_small_catalogue
from support.tree import tree

# FACHAKTE_SHARED_DIR points elsewhere, e.g. from a worktree whose parent has no shared/.
SHARED = Path(os.environ.get("FACHAKTE_SHARED_DIR") or REPO.parent / "shared")
CONFORMANCE = SHARED / "conformance"
XDOMEA_XSD_DIR = SHARED / "xdomea" / "3.0.0"
# The official XSDs are third-party reference data beside the checkout (as in CI), never in it.
HAVE_XDOMEA_XSD = (XDOMEA_XSD_DIR / "xdomea.xsd").is_file()
# The tests never see the user's own cache folder (platformdirs honours XDG_CACHE_HOME on
# Linux): XSDs fetched there would change what compile does. Subprocesses inherit it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="fachakte-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)
# Messages in English unless a test asks for German (FACHAKTE_LANG, else the locale, decides);
# subprocesses inherit it.
os.environ["FACHAKTE_LANG"] = "en"
# The German catalogue of a source checkout is compiled when the package is installed; after an
# edit of the .po the tests use the edited one.
_po = REPO / "src" / "fachakte_compiler" / "locale" / "de" / "LC_MESSAGES" / "fachakte.po"
_mo = _po.with_suffix(".mo")
if _po.is_file() and (not _mo.is_file() or _mo.stat().st_mtime < _po.stat().st_mtime):
    try:
        from fachakte_compiler.i18n.extract import compile_mo

        compile_mo(_po)
    except ImportError:  # Babel (a dev dependency) missing: tests/test_i18n.py says so
        pass
needs_xsd = pytest.mark.skipif(
    not HAVE_XDOMEA_XSD, reason=f"official xdomea 3.0.0 XSDs not found in {XDOMEA_XSD_DIR}"
)


def invoke_cli(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input_text: str | None = None,
) -> Result:
    """Run the CLI in-process (fast) as `fachakte`, with `env` set and `input_text` on stdin for
    this call only; click's Result keeps stdout and stderr apart (`stdout`, `stderr`)."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(
            cli,
            [str(a) for a in args],
            input=input_text,
            env=env,
            prog_name="fachakte",
            catch_exceptions=False,
        )
    finally:
        os.chdir(old)


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run the CLI in-process (fast); returns click's Result with exit_code and output."""
    return invoke_cli


def run_fachakte(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real `fachakte` entry point in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "fachakte_compiler", *map(str, args)],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        input=input_text,
        check=False,
    )


@pytest.fixture
def fachakte() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_fachakte


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A private copy of the shipped catalogue that a test may modify."""
    return copy_catalogue(tmp_path / "definitions")


XDOMEA_MESSAGE = "*_Aktenplan.Aktenplan.0301.xml"


def xdomea_message(out: Path, tenant: str) -> Path:
    """The one xdomea 0301 message of `tenant` below the build folder `out`
    (named <ProzessID>_Aktenplan.Aktenplan.0301.xml)."""
    found = sorted((out / tenant / "xdomea").glob(XDOMEA_MESSAGE))
    assert len(found) == 1, f"expected one message for {tenant}, found {found}"
    return found[0]


__all__ = ["DEFINITIONS", "REPO", "copy_catalogue", "tree"]


@dataclass(frozen=True)
class ShippedBuild:
    """A catalogue (a private copy: the shipped one, or the small one of small_build), its
    model, its Doxis4 packages for every tenant (`build`, with its build cache in
    `definitions`/../.fachakte-cache) and, compiled on their own, its documentation
    (`docs_build`, with its cache in `definitions`/../docs-cache); `doxis4_stdout` and
    `stdout` are what the Doxis4 and the documentation's compile printed."""

    definitions: Path
    build: Path
    docs_build: Path
    model: Catalogue
    stdout: str
    doxis4_stdout: str

    @property
    def cache(self) -> Path:
        return self.definitions.parent / CACHE_FOLDER

    def workspace(self, root: Path) -> Path:
        """A private copy of the Doxis4 build beside its catalogue in `root`: `definitions/`,
        `schemas/`, `build/` and the filled `.fachakte-cache/`, as after `fachakte compile
        definitions --target doxis4 -o build` there (at SHIPPED_BUILD_ENV). The build stamp
        belongs to the original folder, so the first compile in `root` takes every unit from
        the cache and then stamps `root`/build. Returns `root`."""
        for name in ("definitions", "schemas", "build", CACHE_FOLDER):
            shutil.copytree(self.definitions.parent / name, root / name, symlinks=True)
        return root


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder `name` filled by `make(folder)` once per test run: the pytest-xdist workers
    share it (the first one makes it while the others wait on a lock), so a session build
    that tests only read costs one build, not one per worker. Returns the folder."""
    base = tmp_path_factory.getbasetemp()
    # Without flock (Windows) each worker makes its own.
    shared = sys.platform != "win32" and bool(os.environ.get("PYTEST_XDIST_WORKER"))
    if shared:
        base = base.parent  # the controller's temp folder, one per run, above the workers'
    folder, done = base / name, base / f"{name}.done"
    with open(base / f"{name}.lock", "w") as lock:
        if shared:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


SHIPPED_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z: the build time the pages show
# The environment of the shipped Doxis4 build: a fixed hash seed and timezone, so a test can
# compare cache keys made under others (tests/test_cache.py).
SHIPPED_BUILD_ENV = {"SOURCE_DATE_EPOCH": SHIPPED_EPOCH, "PYTHONHASHSEED": "1", "TZ": "UTC"}
CACHE_FOLDER = ".fachakte-cache"


def catalogue_build(
    tmp_path_factory: pytest.TempPathFactory, name: str, copy: Callable[[Path], Path]
) -> ShippedBuild:
    """The Doxis4 build and, on its own, the documentation of the catalogue that `copy(folder)`
    writes, made once per test run in the folder `name` (made_once) at SHIPPED_BUILD_ENV."""
    from fachakte_compiler.model.load import load_model

    def make(root: Path) -> None:
        from concurrent.futures import ThreadPoolExecutor

        definitions = copy(root / "definitions")
        doxis4_args = ("compile", definitions, "--target", "doxis4", "-o", root / "build")
        docs_args = ("compile", definitions, "--target", "docs", "-o", root / "docs-build")
        # The documentation has a cache of its own: the Doxis4 cache holds Doxis4 units only.
        docs_env = {**SHIPPED_BUILD_ENV, "FACHAKTE_CACHE_DIR": str(root / "docs-cache")}
        # Side by side: the other test worker often waits for this build with its core idle.
        with ThreadPoolExecutor(2) as pool:
            doxis4_run = pool.submit(run_fachakte, *doxis4_args, env=SHIPPED_BUILD_ENV)
            docs_run = pool.submit(run_fachakte, *docs_args, env=docs_env)
            doxis4, docs = doxis4_run.result(), docs_run.result()
        for result, name in ((doxis4, "doxis4"), (docs, "docs")):
            assert result.returncode == 0, result.stdout + result.stderr
            (root / f"{name}.stdout").write_text(result.stdout, encoding="utf-8")

    root = made_once(tmp_path_factory, name, make)
    model, _, _ = load_model([root / "definitions"])
    assert model is not None
    return ShippedBuild(
        root / "definitions",
        root / "build",
        root / "docs-build",
        model,
        (root / "docs.stdout").read_text(encoding="utf-8"),
        (root / "doxis4.stdout").read_text(encoding="utf-8"),
    )


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> ShippedBuild:
    """Built once per test process, for the tests that only read the output or start from a
    copy (`ShippedBuild.workspace`); a test that changes the catalogue or the build works on
    a copy or makes its own."""
    return catalogue_build(tmp_path_factory, "shipped", copy_catalogue)


@pytest.fixture(scope="session")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> ShippedBuild:
    """As shipped_build, of the small catalogue with three Fachakten (copy_small_catalogue):
    for the tests whose point does not depend on the catalogue's size."""
    return catalogue_build(tmp_path_factory, "small", copy_small_catalogue)


@dataclass(frozen=True)
class ShippedRelease:
    """One signed first release of a catalogue (the shipped one, or the small one of
    small_release), made by `fachakte release
    definitions -o OUT --zip ZIP` in a real git repository (test_release_helpers): the
    repository, the release folder and the ZIP of the same run, the key pair (the private key
    beside the repository, named release-key.pem) and what the command printed."""

    repo: Path
    folder: Path
    archive: Path
    private_key: Path
    public_key: Path
    stdout: str
    stderr: str


def catalogue_release(
    tmp_path_factory: pytest.TempPathFactory, name: str, copy: Callable[[Path], Path]
) -> ShippedRelease:
    """The signed first release of the catalogue that `copy(folder)` writes, made once per
    test run in the folder `name` (made_once)."""
    from test_release_helpers import keypair, make_repo, release

    def make(base: Path) -> None:
        repo = make_repo(base, copy(base / "source" / "definitions"))
        private, _ = keypair(base)
        extra = ("--first-release", "--zip", str(base / "first.zip"))
        result = release(repo, base / "out", private, extra=extra)
        assert result.returncode == 0, result.stdout + result.stderr
        (base / "release.stdout").write_text(result.stdout, encoding="utf-8")
        (base / "release.stderr").write_text(result.stderr, encoding="utf-8")

    base = made_once(tmp_path_factory, name, make)
    return ShippedRelease(
        base / "repo",
        base / "out",
        base / "first.zip",
        base / "release-key.pem",
        base / "release-key.pub.pem",
        (base / "release.stdout").read_text(encoding="utf-8"),
        (base / "release.stderr").read_text(encoding="utf-8"),
    )


@pytest.fixture(scope="session")
def shipped_release(tmp_path_factory: pytest.TempPathFactory) -> ShippedRelease:
    """Made once per test process for the tests that only read the release (or copy it)."""
    return catalogue_release(tmp_path_factory, "shipped-release", copy_catalogue)


@pytest.fixture(scope="session")
def small_release(tmp_path_factory: pytest.TempPathFactory) -> ShippedRelease:
    """As shipped_release, of the small catalogue with three Fachakten (copy_small_catalogue):
    for the release tests whose point does not depend on the catalogue's size."""
    return catalogue_release(tmp_path_factory, "small-release", copy_small_catalogue)
