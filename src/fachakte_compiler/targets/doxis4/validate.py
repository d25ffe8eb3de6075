"""Validates every package XML against schemas/doxis4-package.xsd before it is written."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, cast

from fachakte_compiler.i18n import _
from fachakte_compiler.resources import schemas_dir
from fachakte_compiler.targets import TargetError

if TYPE_CHECKING:
    from lxml import etree

XSD_NAME = "doxis4-package.xsd"
NAMESPACE = "urn:de:hochsauerlandkreis:fachakte:doxis4-package:1"


@cache
def package_schema() -> etree.XMLSchema:
    """Compiled once per process; compiling is the expensive part."""
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(schemas_dir() / XSD_NAME)))


def check_entry(where: str, data: bytes, root: str) -> None:
    """Raise TargetError naming `where` unless `data` is well-formed, valid XML whose root
    element is `root`."""
    from lxml import etree

    try:
        document = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise TargetError(
            _("{where}: not well-formed XML: {error}").format(where=where, error=exc)
        ) from exc
    expected = f"{{{NAMESPACE}}}{root}"
    if document.tag != expected:
        raise TargetError(
            _("{where}: root element is {tag}, expected {expected}").format(
                where=where, tag=document.tag, expected=expected
            )
        )
    schema = package_schema()
    if not schema.validate(document):
        # lxml-stubs declare the error log opaque; it is a sequence of entries with line/message.
        error: Any = cast(Any, schema.error_log)[0]
        raise TargetError(
            _("{where}:{line}: does not conform to {XSD_NAME}: {message}").format(
                where=where, line=error.line, XSD_NAME=XSD_NAME, message=error.message
            )
        )
