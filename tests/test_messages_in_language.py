"""Texts that come from libraries (libyaml's syntax errors, jsonschema's keywords, zipfile's
and zlib's reasons) reach the user in the language of the rest of the message."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conftest import invoke_cli
from fachakte_compiler.release.archive import UnsafeArchive, read_zip
from support.catalogue import MINI, copy_catalogue

FACHAKTE = "fachakten/beispiel.yaml"


def _catalogue(tmp_path: Path, old: str, new: str) -> Path:
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / FACHAKTE
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "(the parser says: while parsing a flow sequence did not find expected ',' or ']')"),
        (
            "de",
            "(der Parser meldet: beim Lesen einer Liste in [ ] das erwartete ',' oder ']' fehlt)",
        ),
    ],
)
def test_the_parsers_words_are_in_the_users_language(tmp_path: Path, lang: str, words: str) -> None:
    # A list closed with the wrong bracket: the parser's own words are all there is to say.
    root = _catalogue(
        tmp_path, "owners: [kreis, nordstadt, suedstadt]", "owners: [kreis, nordstadt}"
    )
    result = invoke_cli("validate", ".", cwd=root, env={"FACHAKTE_LANG": lang})
    assert result.exit_code == 1, result.output
    assert words in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "needs at least 1 key, has 0"), ("de", "braucht mindestens 1 Schlüssel, hat 0")],
)
def test_an_empty_mapping_where_keys_are_needed_says_so(
    tmp_path: Path, lang: str, words: str
) -> None:
    root = _catalogue(
        tmp_path,
        "owners: [kreis, nordstadt, suedstadt]\n",
        "owners: [kreis, nordstadt, suedstadt]\nused_by: {}\n",
    )
    result = invoke_cli("validate", ".", cwd=root, env={"FACHAKTE_LANG": lang})
    assert result.exit_code == 1, result.output
    (line,) = [x for x in result.stdout.splitlines() if "FA105" in x]
    assert words in line and "should be non-empty" not in line


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "its CRC-32 checksum does not match its content"),
        ("de", "seine CRC-32-Prüfsumme passt nicht zum Inhalt"),
    ],
)
def test_a_damaged_zip_member_is_named_with_its_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, words: str
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("release.json", b"{}")
        archive.writestr("packages/a.txt", b"the content as it was signed")
    data = bytearray(buffer.getvalue())
    data[data.index(b"as it was")] ^= 0x20  # one byte of the stored member, not its header
    monkeypatch.setenv("FACHAKTE_LANG", lang)
    damaged = tmp_path / "release.zip"
    damaged.write_bytes(bytes(data))
    with damaged.open("rb") as handle, pytest.raises(UnsafeArchive) as caught:
        read_zip(handle)
    assert "packages/a.txt" in str(caught.value) and words in str(caught.value)
