"""Safe reading of xdomea 3.0.0 `Aktenplan.Aktenplan.0301` messages as a DMS exports them.

Hostile XML is refused before anything is built from it (fachakte_compiler.safe_xml): no DTD
(and so no entity, external or internal: XXE and "billion laughs" need one), no network access,
at most MAX_BYTES, no lxml "huge tree" mode. Element names follow the xdomea 3.0.0 XSD
(xdomea-Nachrichten-AktenplanAustauschen.xsd, AktenplanType / AktenplaneinheitType).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from lxml import etree

from fachakte_compiler.i18n import _

NS = "urn:xoev-de:xdomea:schema:3.0.0"
ROOT = f"{{{NS}}}Aktenplan.Aktenplan.0301"
MAX_BYTES = 32 * 1024 * 1024


class XmlInputError(Exception):
    """The document is unsafe, malformed or not an 0301 message; the text says which and where
    (file:line:column where the parser knows it)."""


@dataclass(frozen=True)
class ExportedUnit:
    """One Aktenplaneinheit. `years` None with `unlimited` False: no Aufbewahrungsdauer given."""

    kennzeichen: str
    parent: str | None
    title: str | None
    disposition: str | None  # Aussonderungsart code A/B/V
    years: int | None
    unlimited: bool
    retired: bool
    valid_from: dt.date | None
    valid_until: dt.date | None


def parse_safely(path: Path) -> etree._Element:
    """The root element of the XML file at `path` (read by fachakte_compiler.safe_xml).
    Raises XmlInputError."""
    from fachakte_compiler.safe_xml import UnsafeXml, parse_file

    try:
        return parse_file(path, MAX_BYTES)
    except UnsafeXml as exc:
        raise XmlInputError(str(exc)) from None


def _text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, {"x": NS})
    return found.text.strip() if found is not None and found.text else None


# XML Schema Part 2: every non-string built-in type collapses whitespace (#x20, #x9, #xD, #xA
# only; str.strip would also drop e.g. a no-break space, which makes the value invalid).
_XML_SPACE = " \t\r\n"
_XML_RUN = re.compile(r"[ \t\r\n]+")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
_UNSIGNED = re.compile(r"\+?[0-9]+|-0+")
_DATE = re.compile(
    r"(-?(?:[1-9][0-9]{3,}|0[0-9]{3}))-([0-9]{2})-([0-9]{2})"
    r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
)


@dataclass(frozen=True)
class _Typed:
    """A typed element of the message and its collapsed text."""

    element: etree._Element
    value: str
    path: Path | str

    @property
    def name(self) -> str:
        return etree.QName(self.element).localname

    @property
    def where(self) -> str:
        return _position(self.element, self.path)


def _position(element: etree._Element, path: Path | str) -> str:
    """`path:line:column` of the element's text. lxml knows only the line (that of the start
    tag's `>`); the column is read from the file (1 where it cannot be found). Only for a
    message: it reads the file again."""
    line = cast(int, element.sourceline or 1)
    column = 1
    try:
        if Path(path).is_file():
            with Path(path).open("rb") as handle:
                data = handle.read(MAX_BYTES)
            text = data.decode("utf-8", errors="replace").split("\n")[line - 1]
            local = etree.QName(element).localname
            qname = f"{element.prefix}:{local}" if element.prefix else local
            column = text.index(">", max(text.find(f"<{qname}"), 0)) + 2
    except (OSError, IndexError, ValueError):
        pass
    return f"{path}:{line}:{column}"


def _typed(unit: etree._Element, steps: str, path: Path | str) -> _Typed | None:
    found = unit.find(steps, {"x": NS})
    if found is None:
        return None
    value = _XML_RUN.sub(" ", (found.text or "").strip(_XML_SPACE))
    return _Typed(found, value, path)


def _boolean(typed: _Typed | None) -> bool | None:
    """An xs:boolean element: true/1 or false/0 (XML Schema Part 2, 3.2.2), None if absent."""
    if typed is None:
        return None
    if typed.value not in _BOOLEANS:
        raise XmlInputError(
            _(
                "{where}: {element} '{value}' is not an xs:boolean (true, false, 1 or 0); "
                "correct the export"
            ).format(where=typed.where, element=typed.name, value=typed.value)
        )
    return _BOOLEANS[typed.value]


def _unsigned_short(typed: _Typed | None) -> int | None:
    """An xs:unsignedShort element (0 to 65535, digits with an optional '+'), None if absent."""
    if typed is None:
        return None
    digits = typed.value.lstrip("+-0")
    # Length first: Python refuses to convert a string of thousands of digits.
    if not _UNSIGNED.fullmatch(typed.value) or len(digits) > 5 or int(digits or "0") > 65535:
        raise XmlInputError(
            _(
                "{where}: {element} '{value}' is not an xs:unsignedShort (a whole number from "
                "0 to 65535); correct the export"
            ).format(where=typed.where, element=typed.name, value=typed.value)
        )
    return int(digits or "0")


def _date(typed: _Typed | None) -> dt.date | None:
    """An xs:date element (YYYY-MM-DD with an optional time zone, which a calendar date
    compared with the catalogue's does not need), None if absent."""
    if typed is None:
        return None
    match = _DATE.fullmatch(typed.value)
    try:
        if match is None:
            raise ValueError
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise XmlInputError(
            _(
                "{where}: {element} '{value}' is not an xs:date (YYYY-MM-DD); correct the export"
            ).format(where=typed.where, element=typed.name, value=typed.value)
        ) from None


@dataclass(frozen=True)
class ExportedPlan:
    """The Aktenplan of an 0301 message: its Bezeichnung and its units (see read_units); from
    the Kopf the Nachrichtentyp code and the Empfaenger's Behoerdenschluessel code (None where
    the message gives none)."""

    title: str | None
    units: tuple[ExportedUnit, ...]
    message_type: str | None = None
    recipient: str | None = None


def read_units(path: Path) -> tuple[ExportedUnit, ...]:
    """Every Aktenplaneinheit of the 0301 message at `path`, parents before children, in
    document order. Raises XmlInputError for unsafe or foreign documents."""
    return read_plan(path).units


def read_plan(path: Path) -> ExportedPlan:
    """The Aktenplan of the 0301 message at `path`. Raises XmlInputError as read_units."""
    return plan_of(parse_safely(path), path)


def plan_of(root: etree._Element, path: Path | str) -> ExportedPlan:
    """The Aktenplan of a parsed 0301 message; `path` names it in messages. Raises
    XmlInputError for a foreign document."""
    if root.tag != ROOT:
        raise XmlInputError(
            _(
                "{path}:{value}:1: expected an xdomea 3.0.0 Aktenplan.Aktenplan.0301 "
                "message, found <{localname}>"
            ).format(path=path, value=root.sourceline or 1, localname=etree.QName(root).localname)
        )
    plan = root.find("x:Aktenplan", {"x": NS})
    if plan is None:
        raise XmlInputError(_("{path}: the message holds no Aktenplan").format(path=path))
    units: list[ExportedUnit] = []
    lines: dict[str, str] = {}

    def walk(element: etree._Element, parent: str | None) -> None:
        for unit in element.iterfind("x:Einheit", {"x": NS}):
            where = f"{path}:{unit.sourceline}"
            kennzeichen = _text(unit, "x:Kennzeichen")
            if kennzeichen is None:
                raise XmlInputError(_("{where}: an Einheit has no Kennzeichen").format(where=where))
            if kennzeichen in lines:
                # A Kennzeichen names one unit; which of two is meant, no reader can tell.
                raise XmlInputError(
                    _(
                        "{where}: Kennzeichen '{kennzeichen}' appears twice in the file plan "
                        "(first on line {lines})"
                    ).format(where=where, kennzeichen=kennzeichen, lines=lines[kennzeichen])
                )
            lines[kennzeichen] = str(unit.sourceline)
            unlimited = _typed(unit, "x:Aufbewahrungsdauer/x:Unbefristet", path)
            if unlimited is not None and _boolean(unlimited) is False:
                # The schema fixes Unbefristet to 1: a retention is unlimited or has years.
                raise XmlInputError(
                    _(
                        "{where}: Unbefristet is fixed to true (1) in xdomea; give AnzahlJahre "
                        "for a limited retention; correct the export"
                    ).format(where=unlimited.where)
                )
            units.append(
                ExportedUnit(
                    kennzeichen,
                    parent,
                    _text(unit, "x:Inhaltsangabe"),
                    _text(unit, "x:Aussonderungsart/x:Aussonderungsart/code"),
                    _unsigned_short(_typed(unit, "x:Aufbewahrungsdauer/x:AnzahlJahre", path)),
                    unlimited is not None,
                    bool(_boolean(_typed(unit, "x:Stillgelegt", path))),
                    _date(_typed(unit, "x:Gueltigkeit/x:Beginn", path)),
                    _date(_typed(unit, "x:Gueltigkeit/x:Ende", path)),
                )
            )
            walk(unit, kennzeichen)

    walk(plan, None)
    return ExportedPlan(
        _text(plan, "x:Bezeichnung"),
        tuple(units),
        _text(root, "x:Kopf/x:Nachrichtentyp/code"),
        _text(root, "x:Kopf/x:Empfaenger/x:Behoerdenkennung/x:Behoerdenschluessel/code"),
    )
