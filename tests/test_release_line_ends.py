"""A clone with CRLF line ends (core.autocrlf=true, Git for Windows' default) holds the same
commit: it validates alike and makes the same release, byte for byte, as a clone with LF."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke_cli
from support.catalogue import MINI
from support.tree import tree
from test_release_helpers import git, keypair, make_repo, release


def test_a_crlf_clone_releases_the_same_bytes_as_an_lf_clone(tmp_path: Path) -> None:
    origin = make_repo(tmp_path / "origin", MINI)
    lf, crlf = tmp_path / "lf", tmp_path / "crlf"
    git(tmp_path, "clone", "-q", str(origin), str(lf))
    git(tmp_path, "clone", "-q", "-c", "core.autocrlf=true", str(origin), str(crlf))
    fachakte = crlf / "definitions" / "fachakten" / "beispiel.yaml"
    assert b"\r\n" in fachakte.read_bytes()  # git really wrote CRLF
    assert git(crlf, "status", "--porcelain") == ""  # and sees no change
    checked = invoke_cli("validate", crlf / "definitions")
    assert checked.exit_code == 0, checked.output
    assert "FA013" not in checked.output  # the schema copies hold the same schemas
    private, _public = keypair(tmp_path)
    made = {
        name: release(clone, tmp_path / f"out-{name}", private)
        for name, clone in (("lf", lf), ("crlf", crlf))
    }
    for name, result in made.items():
        assert result.returncode == 0, (name, result.stderr)
    assert tree(tmp_path / "out-crlf") == tree(tmp_path / "out-lf")
