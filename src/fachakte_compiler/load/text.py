"""Checks on the raw bytes and text of a file, before any YAML parsing."""

from __future__ import annotations

import re

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.i18n import _
from fachakte_compiler.load.codes import FA001, FA007
from fachakte_compiler.load.source import SourceFile


def decode(raw: bytes, source: SourceFile) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Diagnostic(
                FA001.code,
                _("file is UTF-16 encoded; save it as UTF-8"),
                source.display,
                Span(1, 1),
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
                _("invalid UTF-8 byte 0x{byte:02x}; save the file as UTF-8").format(
                    byte=raw[exc.start]
                ),
                source.display,
                Span(line, col, col + 1),
            )
        ]


_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(#.*)?$")


def tab_indents(text: str, source: SourceFile) -> list[Diagnostic]:
    """FA007 for tabs at the start of lines; called where the YAML parse failed."""
    found = []
    previous = ""
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip() and not line.lstrip().startswith("#"):
            col = indent.index("\t") + 1
            first_block_line = col > 1 and _BLOCK_HEADER.search(previous.rstrip()) is not None
            found.append(
                Diagnostic(
                    FA007.code,
                    _(
                        "a block text starts with a tab after its indentation; the loader "
                        "cannot tell the text's indentation"
                    )
                    if first_block_line
                    else _("tab character used for indentation; use spaces"),
                    source.display,
                    Span(number, col, col + 1),
                    hint=_(
                        "give the indentation after the indicator (e.g. '|2') or start the "
                        "first line with text"
                    )
                    if first_block_line
                    else None,
                )
            )
        if line.strip():
            previous = line
    return found[:20]
