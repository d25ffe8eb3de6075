"""The strict loader rejects hostile and ambiguous YAML with a positioned diagnostic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fachakte_compiler.diagnostics import Span
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.load.yaml_loader import MAX_BYTES, load_source

BILLION_LAUGHS = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(8)]
)

# name -> (file bytes, expected code, line, column)
CASES: dict[str, tuple[bytes, str, int, int]] = {
    "latin1": ("id: test\ntitle: Gr\xfcnfl\xe4che\n".encode("latin-1"), "FA001", 2, 10),
    "utf16": ("id: test\n".encode("utf-16"), "FA001", 1, 1),
    "utf16-without-bom": ("id: test\ntitle: Grün\n".encode("utf-16-le"), "FA001", 1, 1),
    "syntax": (b"id: test\ntitle: 'unclosed\n", "FA002", 2, 8),
    "two-documents": (b"id: a\n---\nid: b\n", "FA002", 2, 1),
    "duplicate-key": (b"id: a\ntitle: X\nid: b\n", "FA003", 3, 1),
    "python-tag": (b"id: !!python/object:os.system a\n", "FA004", 1, 5),
    "custom-tag": (b"id: a\ntitle: !include other.yaml\n", "FA004", 2, 8),
    "merge-key": (b"base: &b {x: 1}\nother:\n  <<: *b\n", "FA004", 3, 3),
    "bool-key": (b"id: a\non: 1\n", "FA005", 2, 1),
    "int-key": (b"id: a\n1: x\n", "FA005", 2, 1),
    "complex-key": (b"id: a\n? [x, y]\n: z\n", "FA005", 2, 3),
    "billion-laughs": (BILLION_LAUGHS.encode(), "FA006", 4, 1),
    "recursive-alias": (b"a: &a [*a]\n", "FA006", 1, 1),
    "tab-indent": (b"id: a\nakte:\n\ttitle: X\n", "FA007", 3, 1),
    "empty": (b"", "FA008", 1, 1),
    "only-comments": (b"# nothing here\n\n", "FA008", 1, 1),
    "root-list": (b"- id: a\n", "FA009", 1, 1),
    "root-scalar": (b"just text\n", "FA009", 1, 1),
    "too-large": (b"a: " + b"x" * (MAX_BYTES + 10), "FA010", 1, 1),
    "octal": (b"id: a\nyears: 010\n", "FA011", 2, 8),
    "underscore-int": (b"id: a\nyears: 1_000\n", "FA011", 2, 8),
    "sexagesimal": (b"id: a\ndays: 1:30\n", "FA011", 2, 7),
    # booleans to YAML 1.1 only: texts to YAML 1.2
    "yaml11-boolean-no": (b"id: a\nrequired: no\n", "FA011", 2, 11),
    "yaml11-boolean-in-a-flow-list": (b"id: a\nflags: [x, ON]\n", "FA011", 2, 12),
    "yaml11-boolean-yes": (b"id: a\nitems:\n  - Yes\n", "FA011", 3, 5),
    "yaml11-boolean-off": (b"id: a\nx: {a: off}\n", "FA011", 2, 8),
    # YAML that libyaml reads differently from YAML 1.2 (FA014)
    "text-after-quote": (b'id: a\ntitle: "Wohngeld"# Kommentar\n', "FA014", 2, 18),
    "quoted-continued-in-column-1": (b'id: a\ntitle: "Wohn\ngeld"\n', "FA014", 3, 1),
    "flow-continued-in-column-1": (b"id: a\nroles: [a,\nb]\n", "FA014", 3, 1),
    "nested-quote-continued-left": (b'a:\n  b: "x\n  y"\n', "FA014", 3, 3),
    "comment-on-block-indicator": (b"id: a\ndescription: > # Kommentar\n  Text\n", "FA014", 2, 16),
    "anchor-with-colon": (b"id: a\ntitle: &wg:neu Wohngeld\n", "FA014", 2, 8),
    "alias-with-colon": (b"a: &wg x\nb: *wg:neu\n", "FA014", 2, 4),
    "flow-question-key": (b"id: a\nx: { ?foo: bar }\n", "FA014", 2, 6),
    "block-ends-in-spaces": (b"description: |\n  Text\n   \nid: a\n", "FA014", 3, 1),
    "tab-after-colon": (b"id: a\ntitle:\tWohngeld\n", "FA014", 2, 7),
    "tab-inside-plain-text": (b"id: a\ntitle: Wohn\tgeld\n", "FA014", 2, 12),
    "tab-after-comma": (b"id: a\nroles: [a,\tb]\n", "FA014", 2, 11),
    "tab-before-comment": (b"id: a\t# Kommentar\n", "FA014", 1, 6),
    # characters XML cannot carry (FA015)
    "control-character": (b'id: a\ntitle: "x\\x01"\n', "FA015", 2, 8),
    "carriage-return": (b'id: a\ntitle: "x\\r"\n', "FA015", 2, 8),
    "noncharacter": (b'id: a\ntitle: "x\\uffff"\n', "FA015", 2, 8),
    # line breaks only the loader sees (FA016), at the position editors show
    "line-separator": ("id: a\ntitle: Wohn\u2028geld\nx: 1\n".encode(), "FA016", 2, 12),
    "paragraph-separator": ("id: a\ntitle: Wohn\u2029geld\n".encode(), "FA016", 2, 12),
    "next-line": ("id: a\ntitle: Wohn\u0085geld\n".encode(), "FA016", 2, 12),
    "lone-carriage-return": (b"id: a\rtitle: x\n", "FA016", 1, 6),
}


def _load(tmp_path: Path, content: bytes) -> list[tuple[str, int, int]]:
    path = tmp_path / "case.yaml"
    path.write_bytes(content)
    source = SourceFile(path=path, display="case.yaml")
    return [
        (d.code, d.span.line if d.span else 0, d.span.col if d.span else 0)
        for d in load_source(source)
    ]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rejection(tmp_path: Path, name: str) -> None:
    content, code, line, col = CASES[name]
    found = _load(tmp_path, content)
    assert (code, line, col) in found, found


def test_recursive_alias_is_rejected_not_expanded(tmp_path: Path) -> None:
    # PyYAML composes the self-reference; the loader must stop instead of recursing forever.
    found = _load(tmp_path, b"a: &a\n  b: *a\n")
    assert found and found[0][0] in {"FA002", "FA006"}


def test_positions_of_values_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("id: a\nakte:\n  fields:\n    - name\n    - datum\n", encoding="utf-8")
    source = SourceFile(path=path, display="ok.yaml")
    assert load_source(source) == []
    assert source.data == {"id": "a", "akte": {"fields": ["name", "datum"]}}
    span = source.span(("akte", "fields", 1))
    assert span is not None and (span.line, span.col, span.end_col) == (5, 7, 12)
    key = source.span(("akte", "fields"), key=True)
    assert key is not None and (key.line, key.col) == (3, 3)


def test_bytes_that_loaded_cleanly_are_not_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The language server checks the whole catalogue after each edit: files whose bytes loaded
    without a problem before come back without parsing; files with problems are parsed (and
    reported) every time."""
    from fachakte_compiler.load import yaml_loader

    clean, broken = b"id: a\ntitle: Kept once\n", b"id: a\ntitle: X\nid: b\n"
    for name, content in (("one.yaml", clean), ("two.yaml", clean), ("bad.yaml", broken)):
        (tmp_path / name).write_bytes(content)
    first, second = (SourceFile(path=tmp_path / n, display=n) for n in ("one.yaml", "two.yaml"))
    assert load_source(first) == [] and load_source(second) == []
    assert second.data is first.data and second.positions is first.positions
    assert second.text == first.text and second.loaded and second.sha256 == first.sha256
    assert second.span(("title",)) == first.span(("title",))
    parsed: list[str] = []
    original = yaml_loader._iter_problems

    def counting(source: SourceFile, raw: bytes) -> Any:
        parsed.append(source.display)
        return original(source, raw)

    monkeypatch.setattr(yaml_loader, "_iter_problems", counting)
    for _ in range(2):
        bad = SourceFile(path=tmp_path / "bad.yaml", display="bad.yaml")
        assert [d.code for d in load_source(bad)] == ["FA003"]
        assert load_source(SourceFile(path=tmp_path / "one.yaml", display="one.yaml")) == []
    assert parsed == ["bad.yaml", "bad.yaml"]


# encoding -> the words that name it
ENCODINGS = {
    "utf-16": "file is UTF-16 encoded; save it as UTF-8",
    "utf-16-le": "file looks UTF-16 encoded (zero bytes between the letters, no byte-order mark)",
    "utf-16-be": "file looks UTF-16 encoded (zero bytes between the letters, no byte-order mark)",
    "utf-32": "file is UTF-32 encoded; save it as UTF-8",
    "utf-32-le": "file looks UTF-32 encoded (zero bytes between the letters, no byte-order mark)",
    "utf-32-be": "file looks UTF-32 encoded (zero bytes between the letters, no byte-order mark)",
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("text", ["id: test\ntitle: Grünfläche\n", "äöü: x\n"])
def test_a_file_in_utf16_or_utf32_is_named_so_with_or_without_bom(
    tmp_path: Path, encoding: str, text: str
) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes(text.encode(encoding))
    found = load_source(SourceFile(path=path, display="wide.yaml"))
    assert [(d.code, d.span) for d in found] == [("FA001", Span(1, 1))]
    assert ENCODINGS[encoding] in found[0].message


def test_a_windows_1252_file_is_refused_at_the_letter_that_shows_the_encoding(
    tmp_path: Path,
) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes("id: test\ntitle: Straße\n".encode("cp1252"))
    (found,) = load_source(SourceFile(path=path, display="latin.yaml"))
    assert (found.code, found.span) == ("FA001", Span(2, 12, 13))
    assert found.message == "invalid UTF-8 byte 0xdf; save the file as UTF-8"
    assert found.hint is not None and "in Windows-1252 (Latin-1) this byte is 'ß'" in found.hint


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: gr\xc3\xbcn\n")
    source = SourceFile(path=path, display="bom.yaml")
    assert load_source(source) == []
    assert source.data == {"id": "grün"}


def test_quoted_values_keep_their_text(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text('a: "no"\nb: "010"\nc: "2024-01-01"\nd: !!str 010\n', encoding="utf-8")
    source = SourceFile(path=path, display="q.yaml")
    assert load_source(source) == []
    assert source.data == {"a": "no", "b": "010", "c": "2024-01-01", "d": "010"}


def test_moderate_alias_use_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("x: &r [read, update]\ny: *r\n", encoding="utf-8")
    source = SourceFile(path=path, display="alias.yaml")
    assert load_source(source) == []
    assert source.data["y"] == ["read", "update"]


def test_deep_nesting_is_rejected(tmp_path: Path) -> None:
    found = _load(tmp_path, b"a: " + b"[" * 200 + b"]" * 200 + b"\n")
    assert found and found[0][0] == "FA002"


def test_missing_file(tmp_path: Path) -> None:
    source = SourceFile(path=tmp_path / "nope.yaml", display="nope.yaml")
    assert [d.code for d in load_source(source)] == ["FA012"]


def test_yaml12_readings_that_libyaml_shares_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        'a: "x" # Kommentar\nb: [x, "y"]\nc: &plain-anchor_1 x\nd: *plain-anchor_1\n'
        "e: { foo: bar, ? baz : qux }\nf: |\n  Zeile\n\n  \tmit Tab\ng: >-\n  lang\n"
        'h: "Wohn\n  geld"\n',
        encoding="utf-8",
    )
    source = SourceFile(path=path, display="ok.yaml")
    assert load_source(source) == []
    assert source.data["f"] == "Zeile\n\n\tmit Tab\n"
    assert source.data["h"] == "Wohn geld"


def test_the_booleans_of_yaml_12_are_read_without_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("a: true\nb: False\nc: [TRUE, false]\nd: 'no'\ne: \"on\"\n", "utf-8")
    source = SourceFile(path=path, display="ok.yaml")
    assert load_source(source) == []
    assert source.data == {"a": True, "b": False, "c": [True, False], "d": "no", "e": "on"}


def test_tabs_in_quotes_block_texts_and_comments_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "# Kopf\tmit Tab\na: \"x\ty\"\nb: 'x\ty' # Kommentar\tmit Tab\nc: |\n  x\ty\n", "utf-8"
    )
    source = SourceFile(path=path, display="ok.yaml")
    assert load_source(source) == []
    assert source.data == {"a": "x\ty", "b": "x\ty", "c": "x\ty\n"}


def test_fmt_refuses_a_tab_after_a_key_in_german_instead_of_failing(
    invoke: Any, catalogue: Path
) -> None:
    """ruamel.yaml, which fmt rewrites with, refuses such a tab: the loader refuses it first."""
    path = catalogue / "fachakten" / "hundesteuer.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Hundesteuer\n", "title:\tHundesteuer\n", 1), "utf-8")
    before = path.read_bytes()
    result = invoke("fmt", catalogue, env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 1, result.output
    assert "hundesteuer.yaml:8:7: Fehler FA014: Tabulatorzeichen außerhalb" in result.output
    assert "ScannerError" not in result.output and "interner Fehler" not in result.output
    assert path.read_bytes() == before


def test_a_tab_inside_a_block_text_is_not_called_indentation(tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("id: a\ndescription: |\n  \tEingerückt\n", encoding="utf-8")
    source = SourceFile(path=path, display="tab.yaml")
    found = load_source(source)
    assert [(d.code, d.span and d.span.line) for d in found] == [("FA007", 3)]
    assert "indentation" not in found[0].message.split(";")[0].replace("its indentation", "")
    assert found[0].hint is not None and "|2" in found[0].hint


def test_long_source_lines_are_cut_around_the_finding(invoke: Any, tmp_path: Path) -> None:
    from fachakte_compiler.diagnostics import Diagnostic, Span
    from fachakte_compiler.diagnostics.render import MAX_SHOWN, render_text

    line = "title: " + "x" * 500 + " FEHLER " + "y" * 500
    col = line.index("FEHLER") + 1
    import click

    shown = click.unstyle(
        render_text(Diagnostic("FA105", "m", "f.yaml", Span(1, col, col + 6)), lambda _f, _n: line)
    ).splitlines()
    assert len(shown[1]) <= MAX_SHOWN + 10
    caret = shown[2].index("^")
    assert shown[1][caret : caret + 6] == "FEHLER"


@pytest.mark.parametrize("name", ["billion-laughs", "recursive-alias"])
def test_an_alias_finding_says_what_to_write_instead(tmp_path: Path, name: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(CASES[name][0])
    (found,) = [
        d for d in load_source(SourceFile(path=path, display="case.yaml")) if d.code == "FA006"
    ]
    assert found.hint is not None and found.hint.startswith("write the values out")


def test_validate_says_in_german_how_the_file_is_encoded(invoke: Any, tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_bytes("id: test\ntitle: Grünfläche\n".encode("utf-16-le"))
    result = invoke("validate", path, env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 1, result.output
    assert (
        "wide.yaml:1:1: Fehler FA001: die Datei scheint UTF-16-kodiert zu sein (Nullbytes "
        "zwischen den Buchstaben, keine Byte-Order-Mark); als UTF-8 speichern"
    ) in result.stdout
