"""Checks on the raw bytes and text of a file, before any YAML parsing."""

from __future__ import annotations

import re

from fachakte_compiler.diagnostics import Diagnostic, Span
from fachakte_compiler.i18n import _
from fachakte_compiler.load.codes import FA001, FA007
from fachakte_compiler.load.source import SourceFile

# Byte-order marks of the encodings a YAML file may have besides UTF-8 (YAML 1.2, 5.2); the
# UTF-32 ones first, as UTF-32LE's starts with UTF-16LE's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 when `raw` starts the way YAML 1.2 (5.2, "Character Encodings") tells
    such a stream without byte-order mark: zero bytes beside the first character. A UTF-8
    file never starts so (YAML allows no zero byte), so the guess cannot refuse a good file."""
    head = raw[:4]
    if len(head) == 4 and (head[:3] == b"\0\0\0" or head[1:] == b"\0\0\0"):
        return "UTF-32"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0):
        return "UTF-16"
    return None


def decode(raw: bytes, source: SourceFile) -> tuple[str | None, list[Diagnostic]]:
    """The text of a definition file's bytes (UTF-8, a UTF-8 byte-order mark dropped), or
    None and the FA001 finding that says how the file is encoded instead."""
    for bom, named in _BOMS:
        if raw.startswith(bom):
            message = _("file is {encoding} encoded; save it as UTF-8").format(encoding=named)
            return None, [Diagnostic(FA001.code, message, source.display, Span(1, 1))]
    encoding = _wide_encoding(raw)
    if encoding is not None:
        message = _(
            "file looks {encoding} encoded (zero bytes between the letters, no byte-order "
            "mark); save it as UTF-8"
        ).format(encoding=encoding)
        return None, [Diagnostic(FA001.code, message, source.display, Span(1, 1))]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
        byte = raw[exc.start : exc.start + 1]
        # Editors on Windows save Windows-1252 (Latin-1 with more letters) unless told otherwise.
        legacy = byte.decode("cp1252", errors="replace")
        return None, [
            Diagnostic(
                FA001.code,
                _("invalid UTF-8 byte 0x{byte:02x}; save the file as UTF-8").format(
                    byte=raw[exc.start]
                ),
                source.display,
                Span(line, col, col + 1),
                hint=_(
                    "in Windows-1252 (Latin-1) this byte is '{character}'; if that is the letter "
                    "meant, the file was saved in that encoding"
                ).format(character=legacy)
                if legacy.isprintable() and legacy != "\ufffd"
                else None,
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
