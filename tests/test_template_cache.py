"""The compiled-template cache in the user's cache folder changes how fast templates load, never
what a build writes: a folder that is not private, or entries that are stale or damaged, give
the same bytes as a build that compiles every template from source."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2

from conftest import run_fachakte, tree
from fachakte_compiler.template_cache import PREFIX, TolerantBytecodeCache
from support.catalogue import MINI


def _compile(cache_home: Path, out: Path) -> dict[str, bytes]:
    result = run_fachakte(
        "compile",
        MINI,
        "-o",
        out,
        "--no-cache",
        env={"XDG_CACHE_HOME": str(cache_home), "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return tree(out)


def _templates(cache_home: Path) -> Path:
    return cache_home / "fachakte-compiler" / "templates"


def test_unsafe_stale_and_damaged_template_caches_give_the_same_bytes(tmp_path: Path) -> None:
    # A templates folder that is a symbolic link is not this user's private folder: nothing is
    # read from or written to where it points, every template is compiled from source.
    unsafe, elsewhere = tmp_path / "unsafe", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _templates(unsafe).parent.mkdir(parents=True)
    _templates(unsafe).symlink_to(elsewhere, target_is_directory=True)
    reference = _compile(unsafe, tmp_path / "reference")
    assert list(elsewhere.iterdir()) == []
    assert any(name.endswith("Provision.groovy") for name in reference)

    # A usable folder is filled; the folder of an earlier compiler version is removed.
    home = tmp_path / "home"
    earlier = _templates(home) / f"{PREFIX}0.0-0123456789abcdef"
    earlier.mkdir(parents=True)
    (earlier / "__jinja2_0.cache").write_bytes(b"earlier")
    assert _compile(home, tmp_path / "first") == reference
    (folder,) = _templates(home).iterdir()
    assert folder.name.startswith(PREFIX) and folder != earlier
    assert os.stat(folder).st_mode & 0o077 == 0
    entries = sorted(folder.iterdir())
    assert len(entries) >= 10

    # Every entry now holds another template's code (as after a template changed under the
    # same name), and one is cut short: Jinja2's source checksum rejects them all.
    contents = [e.read_bytes() for e in entries]
    for entry, content in zip(entries, contents[1:] + contents[:1], strict=True):
        entry.write_bytes(content)
    entries[0].write_bytes(contents[1][: len(contents[1]) // 2])
    assert _compile(home, tmp_path / "stale") == reference


def test_a_cache_folder_that_cannot_be_written_costs_only_the_compile(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"t": "{{ x }}!"}),
        bytecode_cache=TolerantBytecodeCache(str(blocked / "templates")),
    )
    assert env.get_template("t").render(x="a") == "a!"
    assert blocked.read_text(encoding="utf-8") == "not a folder"
