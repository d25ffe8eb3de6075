"""Readers that take only a few values from a definition file (the previous release's titles
for CHANGELOG.md, the tenant ids for shell completion, the Kennzeichen of each Fachakte for
import-aktenplan) are bounded like the loader: a file of 1.9 million nodes in 4 MiB or an
alias bomb is skipped as unreadable, never composed or expanded."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fachakte_compiler.aktenplan_import import fachakte_slots
from fachakte_compiler.cli.completion import _tenant_ids
from fachakte_compiler.git import Tag
from fachakte_compiler.release.changelog import _at_tag
from support.git import commit_all, git, init

# 4 MiB at most, but 1.9 million nodes: a minute and 1.5 GB when composed.
CROWDED = b"id: viele\ntenants: [" + b",".join([b"1"] * 1_900_000) + b"]\n"
# Six levels of ten: a million texts once `title` is turned into a string.
BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(5)]
    + ["id: bombe", "version: 1.0.0", "title: *f", ""]
).encode()


@pytest.fixture
def no_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the nodes of a file beyond the node limit were built")

    for name in ("compose", "load", "safe_load"):
        monkeypatch.setattr(yaml, name, build)


def test_completion_skips_a_crowded_tenants_file(tmp_path: Path, no_composing: None) -> None:
    (tmp_path / "tenants.yaml").write_bytes(CROWDED)
    assert _tenant_ids(tmp_path) == []


def test_import_aktenplan_skips_a_crowded_fachakte(tmp_path: Path, no_composing: None) -> None:
    (tmp_path / "fachakten").mkdir()
    (tmp_path / "fachakten" / "viele.yaml").write_bytes(
        CROWDED.replace(b"tenants:", b"aktenplan: {kennzeichen: '22'}\nx:")
    )
    assert fachakte_slots(tmp_path) == {}


def test_the_changelog_does_not_expand_an_alias_bomb_of_the_previous_release(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    init(repo)
    (repo / "fachakten").mkdir()
    (repo / "fachakten" / "bombe.yaml").write_bytes(BOMB)
    (repo / "fachakten" / "gut.yaml").write_text(
        "id: gut\nversion: 2.0.0\ntitle: Gute Akte\n", encoding="utf-8"
    )
    commit_all(repo, "release")
    commit = git(repo, "rev-parse", "HEAD").strip()
    entries = _at_tag(repo, Tag("release-1", commit))["fachakten"]
    # The readable file keeps its values; the bomb is listed by its name, without them.
    assert (entries["gut"].version, entries["gut"].title) == ("2.0.0", "Gute Akte")
    assert (entries["bombe"].version, entries["bombe"].title) == ("?", "")
