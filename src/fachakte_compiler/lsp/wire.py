"""The editor's byte stream, read with bounds: a header line or a message larger than any real
one ends the session with a protocol error instead of growing without limit (a client that
does not speak the Language Server Protocol, or `fachakte lsp < /dev/zero`).

LSP 3.17, "Base Protocol": header lines `Name: value\\r\\n`, then `Content-Length` bytes of
JSON. pygls reads lines and bodies through `readline()` and `read(n)` of the stream it is given.
"""

from __future__ import annotations

from typing import BinaryIO

from fachakte_compiler.i18n import _

# No header line of the protocol comes near this; JSON-RPC bodies of a whole catalogue's
# documents stay far below the body limit (the largest shipped file is about 40 KiB).
MAX_HEADER_LINE = 8 * 1024
MAX_BODY = 64 * 1024 * 1024


class BoundedInput:
    """`stream` as pygls reads it, ending the input (EOF) at the first header line or body
    beyond the limits; `problem` then says why, in the user's language."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.problem: str | None = None

    def readline(self, limit: int = -1) -> bytes:
        if self.problem is not None:
            return b""
        line = self.stream.readline(MAX_HEADER_LINE + 1)
        if len(line) > MAX_HEADER_LINE:
            self.problem = _(
                "protocol error: a header line longer than {limit} bytes; the client does not "
                "speak the Language Server Protocol"
            ).format(limit=MAX_HEADER_LINE)
            return b""
        return line

    def read(self, size: int = -1) -> bytes:
        if self.problem is not None:
            return b""
        if size < 0 or size > MAX_BODY:
            self.problem = _(
                "protocol error: a message of {size} bytes announced, more than {limit}"
            ).format(size=size, limit=MAX_BODY)
            return b""
        return self.stream.read(size)
