"""Checks on the raw bytes and text of a file, before any YAML parsing."""

from __future__ import annotations

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.load.codes import FA001, FA007
from fachakte_compiler.load.source import SourceFile


def decode(raw: bytes, source: SourceFile) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Diagnostic(
                FA001.code, "file is UTF-16 encoded; save it as UTF-8", source.display, Span(1, 1)
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
        return None, [
            Diagnostic(
                FA001.code,
                f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8",
                source.display,
                Span(line, col, col + 1),
            )
        ]


def tab_indents(text: str, source: SourceFile) -> list[Diagnostic]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            col = indent.index("\t") + 1
            found.append(
                Diagnostic(
                    FA007.code,
                    "tab character used for indentation; use spaces",
                    source.display,
                    Span(number, col, col + 1),
                )
            )
    return found[:20]
