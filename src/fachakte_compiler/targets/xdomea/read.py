"""Safe reading of xdomea 3.0.0 `Aktenplan.Aktenplan.0301` messages as a DMS exports them.

Hostile XML is refused before anything is built from it (fachakte_compiler.safe_xml): no DTD
(and so no entity, external or internal: XXE and "billion laughs" need one), no network access,
at most MAX_BYTES, no lxml "huge tree" mode. Element names follow the xdomea 3.0.0 XSD
(xdomea-Nachrichten-AktenplanAustauschen.xsd, AktenplanType / AktenplaneinheitType).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

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


def _date(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise XmlInputError(
            _("{where}: '{value}' is not a date (YYYY-MM-DD)").format(where=where, value=value)
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
            years_text = _text(unit, "x:Aufbewahrungsdauer/x:AnzahlJahre")
            if years_text is not None and not years_text.isdigit():
                raise XmlInputError(
                    _("{where}: AnzahlJahre '{years_text}' is not a number").format(
                        where=where, years_text=years_text
                    )
                )
            units.append(
                ExportedUnit(
                    kennzeichen,
                    parent,
                    _text(unit, "x:Inhaltsangabe"),
                    _text(unit, "x:Aussonderungsart/x:Aussonderungsart/code"),
                    int(years_text) if years_text is not None else None,
                    _text(unit, "x:Aufbewahrungsdauer/x:Unbefristet") == "true",
                    _text(unit, "x:Stillgelegt") == "true",
                    _date(_text(unit, "x:Gueltigkeit/x:Beginn"), where),
                    _date(_text(unit, "x:Gueltigkeit/x:Ende"), where),
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
