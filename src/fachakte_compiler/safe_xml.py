"""Reading XML that someone else wrote (DMS exports, xdomea messages) without trusting it.

No DTD, so no entities (no XXE file or network reads, no billion-laughs expansion), no network
access, and a size limit that is checked before parsing. A document that declares a DOCTYPE is
refused outright: xdomea messages never need one (they are validated against XSDs), so a DTD in
an import is either a mistake or an attack. Every refusal names file:line:column where known.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING

from fachakte_compiler.i18n import N_, _, os_reason

if TYPE_CHECKING:
    from lxml import etree

# xdomea 0301 exports of a whole municipal file plan are a few MiB; 32 MiB leaves ample room.
MAX_BYTES = 32 * 1024 * 1024
_FORBIDDEN = ("<!DOCTYPE", "<!ENTITY")


# What the common libxml2 syntax errors (xmlParserErrors, libxml2's xmlerror.h) mean, in the
# user's language; any other error keeps the parser's own English text.
_REASONS = {
    4: N_("no XML element where the document should begin (empty, or not XML at all)"),
    5: N_("more content after the end of the root element"),
    9: N_("a character that XML does not allow"),
    26: N_("an undefined entity (XML knows only &amp; &lt; &gt; &quot; &apos; and &#…;)"),
    38: N_("an unescaped '<' in an attribute value (write &lt;)"),
    39: N_('an attribute value without quotes (write name="value")'),
    41: N_("an attribute without a value"),
    42: N_("the same attribute twice in one element"),
    76: N_("an end tag that does not match the open element"),
    77: N_("the document ends before all elements are closed (cut off?)"),
    80: N_("'--' inside a comment"),
    81: N_("bytes that are not valid in the document's encoding"),
    201: N_("an element or attribute prefix without a namespace declaration"),
}


class UnsafeXml(ValueError):
    """The document is not well-formed, too large, or declares a DTD or entities."""


def _declares_dtd(data: bytes) -> bool:
    """Cheap check before parsing; the parsed tree is checked again afterwards."""
    text = data[: 1 << 20]
    if text.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = text.decode("utf-16", errors="ignore")
    else:
        decoded = text.decode("latin-1")
    upper = decoded.upper()
    return any(marker in upper for marker in _FORBIDDEN)


def parse_bytes(data: bytes, source: str, max_bytes: int = MAX_BYTES) -> etree._Element:
    """The root element of the document in `data`; `source` names it in messages.

    Raises UnsafeXml for a document larger than `max_bytes`, with a DOCTYPE or entity
    declaration, with an undefined entity reference, or that is not well-formed.
    """
    from lxml import etree

    if len(data) > max_bytes:
        raise UnsafeXml(
            _(
                "{source}: {size} bytes is more than the limit of {limit} bytes for an XML document"
            ).format(source=source, size=len(data), limit=max_bytes)
        )
    if _declares_dtd(data):
        raise UnsafeXml(
            _(
                "{source}: the document declares a DTD or entities (<!DOCTYPE/<!ENTITY); "
                "refused, because they can read local files or expand without bound; export "
                "the message again without a DOCTYPE"
            ).format(source=source)
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        # lxml-stubs do not declare XMLSyntaxError.code (libxml2's error number).
        known = _REASONS.get(getattr(exc, "code", 0))
        raise UnsafeXml(
            _("{source}:{line}:{column}: not well-formed XML: {reason}").format(
                source=source, line=line, column=column, reason=_(known) if known else exc.msg
            )
        ) from None
    tree = root.getroottree()
    # lxml-stubs do not declare DocInfo.doctype.
    if getattr(tree.docinfo, "doctype", "") or tree.docinfo.internalDTD is not None:
        raise UnsafeXml(_("{source}: the document declares a DTD; refused").format(source=source))
    return root


def parse_file(path: Path, max_bytes: int = MAX_BYTES) -> etree._Element:
    """parse_bytes on the regular file at `path` (a FIFO or device is refused unread).

    Raises UnsafeXml as parse_bytes, and also when the file cannot be read."""
    try:
        if not path.is_file():
            raise UnsafeXml(_("{path}: not a regular file").format(path=path))
        if path.stat().st_size > max_bytes:
            raise UnsafeXml(
                _("{path}: larger than {limit} MiB; refused").format(
                    path=path, limit=max_bytes // 2**20
                )
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise UnsafeXml(
            _("{path}: cannot read ({reason})").format(path=path, reason=os_reason(exc))
        ) from None
    return parse_bytes(data, str(path), max_bytes)
