"""Key and release hygiene in a real git repository: the private key stays out of the
repository, `release --zip` is one file holding exactly the release folder (the same bytes on
every run and in any environment, which `verify` accepts: tests/test_release.py), and a wrong
key is told apart from a forged release by the fingerprints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ShippedRelease, invoke_cli
from fachakte_compiler.release.keys import fingerprint, load_public
from test_release_helpers import git, keypair, make_repo, release

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def zipped(shipped_release: ShippedRelease) -> tuple[Path, Path, Path, Path]:
    """(repo, folder, ZIP of the same run, public key) of one signed release."""
    made = shipped_release
    assert "first.zip" in made.stdout and "out" in made.stdout and "signed" in made.stdout
    return made.repo, made.folder, made.archive, made.public_key


def test_zip_holds_exactly_the_release_folder(zipped: tuple[Path, Path, Path, Path]) -> None:
    import zipfile

    _, out, first, _ = zipped
    with zipfile.ZipFile(first) as archive:
        inside = {i.filename: archive.read(i) for i in archive.infolist()}
        stamps = {i.date_time for i in archive.infolist()}
    folder = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert inside == folder
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_verify_with_another_key_names_both_fingerprints(
    zipped: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    _, _, first, public = zipped
    _, other = keypair(tmp_path, "fremd")
    signed_with = fingerprint(load_public(public))
    given = fingerprint(load_public(other))
    result = invoke_cli("verify", first, "--public-key", other)
    assert result.exit_code == 1
    assert f"signed with {signed_with}, the key given is {given}" in result.stdout
    assert "release ?" not in result.stdout + result.stderr
    assert re.search(r"release hsk-fachakten-\S+ \(unverified\) is NOT intact", result.stderr)
    assert "Traceback" not in result.stderr


def test_verify_of_an_altered_manifest_with_the_right_key_says_altered(
    zipped: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    _, out, _, public = zipped
    copy = tmp_path / "rel"
    shutil.copytree(out, copy)
    manifest = copy / "release.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"format": 1', b'"format": 2'))
    result = invoke_cli("verify", copy, "--public-key", public)
    assert result.exit_code == 1
    assert "altered after signing" in result.stdout
    assert "note: wrong key" not in result.stdout


@pytest.mark.parametrize("committed", [False, True])
def test_private_key_inside_the_work_tree_is_refused(tmp_path: Path, committed: bool) -> None:
    repo = make_repo(tmp_path)
    # keygen refuses to create it there (test_first_contact); a key moved in is what remains.
    made, _ = keypair(tmp_path, "hsk")
    (repo / "keys").mkdir()
    private = made.rename(repo / "keys" / made.name)
    if committed:
        git(repo, "add", "-f", "keys")
        git(repo, "commit", "-q", "-m", "Schlüssel")
    out = tmp_path / "out"
    result = release(repo, out, private)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "inside the git work tree" in result.stderr
    assert "~/.config/fachakte/" in result.stderr and "nothing was written" in result.stderr
    assert ("is committed" in result.stderr) is committed
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_gitignore_keeps_keys_and_release_folders_out(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(REPO_ROOT / ".gitignore", repo / ".gitignore")
    wanted = ["hsk-release.pem", "keys/hsk-release.pub.pem", "release/release.json"]
    kept = ["src/fachakte_compiler/release/verify.py", "definitions/release.yaml"]
    for name in wanted + kept:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("x\n", encoding="utf-8")
    git(repo, "add", "-A")
    staged = set(git(repo, "diff", "--cached", "--name-only").split())
    assert staged.isdisjoint(wanted)
    assert staged >= set(kept)


def test_readme_keeps_the_key_outside_and_tells_integrity_from_authenticity() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    keygen = re.findall(r"fachakte keygen --private-key (\S+)", readme)
    assert keygen and all(p.startswith(("~/", "/")) for p in keygen)
    for key in re.findall(r"--private-key (\S+)", readme):
        assert key.startswith(("~/", "/", '"$KEY"')), key
    assert "KEY=~/" in readme
    section = readme[readme.index("`sha256sum -c SHA256SUMS` beweist") :][:600]
    assert "Unversehrtheit" in section and "Authentizität" in section
