"""Conformance of an emitted xdomea 3.0.0 message beyond what the XSDs can check.

Run on every message before it is written (and by the tests). The rules, with their sources:

- the root element carries xsi:schemaLocation naming the xdomea namespace (xoev.de XÖV
  conformance rules; xdomea 3.0.0 specification, chapter on XML messages);
- the file is named '<ProzessID>_<Nachrichtentyp>.xml' with the ProzessID of its Kopf
  (xdomea 3.0.0 specification, file names; the LAV NRW example files follow it);
- every code carries listURI and listVersionID: required for code lists of type 4
  (xoev-code:Code, whose list the standard leaves open), and given on the others too so that a
  receiver never has to guess a list (XÖV Codelisten-Handbuch, identification of code lists);
- Absender and Empfaenger name different authorities, unless Kopf/Hinweis says why they are
  the same (the Kreis' own copy of the plan it publishes).
"""

from __future__ import annotations

import re
import uuid
from typing import TYPE_CHECKING

from fachakte_compiler.i18n import _
from fachakte_compiler.targets.xdomea.message import XDOMEA_NAMESPACE as NAMESPACE

if TYPE_CHECKING:
    from lxml import etree

XSI_SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
NS = {"x": NAMESPACE}


def _line(element: etree._Element) -> int:
    line = getattr(element, "sourceline", None)  # lxml-stubs type it oddly
    return line if isinstance(line, int) else 0


def _schema_location(root: etree._Element) -> list[str]:
    location = root.get(XSI_SCHEMA_LOCATION)
    if location is None:
        return [f"{_line(root)}: the root element has no xsi:schemaLocation"]
    words = location.split()
    pairs = dict(zip(words[::2], words[1::2], strict=False))
    if len(words) % 2 or not pairs.get(NAMESPACE, "").endswith(".xsd"):
        return [
            f"{_line(root)}: xsi:schemaLocation '{location}' does not pair the namespace "
            f"{NAMESPACE} with an .xsd file"
        ]
    return []


def _file_name(root: etree._Element, name: str) -> list[str]:
    process_id = root.findtext("x:Kopf/x:ProzessID", default="", namespaces=NS)
    try:
        uuid.UUID(process_id)
    except ValueError:
        return [f"1: Kopf/ProzessID '{process_id}' is not a UUID"]
    message_type = re.sub(r"^\{[^}]*\}", "", root.tag)
    expected = f"{process_id}_{message_type}.xml"
    base = name.rsplit("/", 1)[-1]
    if base != expected:
        return [f"1: the file is named '{base}'; xdomea names it '{expected}'"]
    return []


def _code_lists(root: etree._Element) -> list[str]:
    problems = []
    for code in root.iter("code"):
        owner = code.getparent()
        if owner is None:
            continue
        missing = [a for a in ("listURI", "listVersionID") if not owner.get(a)]
        if missing:
            tag = re.sub(r"^\{[^}]*\}", "", owner.tag)
            problems.append(f"{_line(owner)}: code of {tag} lacks {' and '.join(missing)}")
    return problems


def _key(root: etree._Element, role: str) -> tuple[str | None, str | None]:
    element = root.find(f"x:Kopf/x:{role}/x:Behoerdenkennung/x:Behoerdenschluessel", NS)
    if element is None:
        return None, None
    return element.get("listURI"), element.findtext("code")


def _addressing(root: etree._Element) -> list[str]:
    sender, recipient = _key(root, "Absender"), _key(root, "Empfaenger")
    if sender[1] is None or sender != recipient:
        return []
    if root.findtext("x:Kopf/x:Hinweis", default="", namespaces=NS).strip():
        return []
    kopf = root.find("x:Kopf", NS)
    return [
        f"{_line(kopf if kopf is not None else root)}: Absender and Empfaenger are the same "
        f"authority ({sender[1]}) and Kopf/Hinweis does not say why"
    ]


def problems(data: bytes, name: str) -> list[str]:
    """Each departure from the rules above as 'LINE: message'; empty when `data` conforms.

    `name` is the file's path as written (only its last part is checked)."""
    from fachakte_compiler.safe_xml import UnsafeXml, parse_bytes

    try:
        root = parse_bytes(data, name)
    except UnsafeXml as exc:
        return [f"1: {exc}"]
    return [
        *_schema_location(root),
        *_file_name(root, name),
        *_code_lists(root),
        *_addressing(root),
    ]


def check(data: bytes, name: str) -> None:
    """Raise TargetError naming the file and the first problem if `data` does not conform."""
    from fachakte_compiler.targets import TargetError

    found = problems(data, name)
    if found:
        more = " " + _("(and {count} more)").format(count=len(found) - 1) if len(found) > 1 else ""
        raise TargetError(
            _("{name}:{found}{more}; the message breaks an xdomea rule").format(
                name=name, found=found[0], more=more
            )
        )
