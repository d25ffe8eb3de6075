"""The strict loader rejects hostile and ambiguous YAML with a positioned diagnostic."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    "syntax": (b"id: test\ntitle: 'unclosed\n", "FA002", 3, 1),
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
