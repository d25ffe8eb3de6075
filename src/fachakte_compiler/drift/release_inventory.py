"""The shared Doxis4 objects a release's target description states for one tenant: read from the
packages `packages/<tenant>/doxis4/<fachakte>-<version>.zip` (entries 02-deskriptoren.xml,
04-dokumenttypen.xml, 05-aktentyp.xml of package formats 2 and 3, schemas/doxis4-package.xsd),
never extracted to disk, every entry parsed as untrusted XML."""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from fachakte_compiler.drift.errors import DriftReadError
from fachakte_compiler.drift.finding import shown
from fachakte_compiler.drift.inventory import (
    REST_DATA_TYPES,
    ExpectedAssignment,
    ExpectedClass,
    ExpectedDescriptor,
    SharedObjects,
)
from fachakte_compiler.i18n import _

if TYPE_CHECKING:
    from lxml import etree

NS = "{urn:de:hochsauerlandkreis:fachakte:doxis4-package:1}"
MAX_ENTRY = 16 * 1024 * 1024  # bytes per XML entry


def _entry(archive: zipfile.ZipFile, name: str, where: str) -> etree._Element:
    from fachakte_compiler.safe_xml import UnsafeXml, parse_bytes

    try:
        info = archive.getinfo(name)
    except KeyError:
        raise DriftReadError(
            _("{where}: the package has no {name}").format(where=where, name=name)
        ) from None
    if info.file_size > MAX_ENTRY:
        raise DriftReadError(
            _("{where}: {name} is larger than {limit} MiB").format(
                where=where, name=name, limit=MAX_ENTRY // 2**20
            )
        )
    try:
        return parse_bytes(archive.read(info), f"{where}!{name}", MAX_ENTRY)
    except UnsafeXml as exc:
        raise DriftReadError(str(exc)) from None


def _attr(
    element: etree._Element, key: str, where: str, allowed: Collection[str] | None = None
) -> str:
    """The attribute `key` of `element` (of the package entry `where`), which must be there
    (and, with `allowed`, be one of those). Raises DriftReadError naming the entry and line: a
    damaged package is never read as a name 'None' or an internal error."""
    from fachakte_compiler.language import german

    value = element.get(key)
    if value is None or (allowed is not None and value not in allowed):
        raise DriftReadError(
            _(
                "{where}:{line}: <{tag}> has no valid '{key}' ({value}); the package is damaged"
            ).format(
                where=where,
                line=element.sourceline,
                tag=etree_local(element),
                key=key,
                value=shown(value, german()),
            )
        )
    return str(value)


def etree_local(element: etree._Element) -> str:
    return str(element.tag).rpartition("}")[2]


def _assignments(element: etree._Element, where: str) -> tuple[ExpectedAssignment, ...]:
    return tuple(
        ExpectedAssignment(
            _attr(d, "name", where), d.get("pflicht") == "true", d.get("nur-lesen") == "true"
        )
        for d in element.iterfind(f"{NS}deskriptor")
    )


def fachakten_of_release(release: Path) -> list[str]:
    """The ids of every Fachakte the release holds (release.json `fachakten`)."""
    from fachakte_compiler.drift.expected import release_manifest

    return [str(f["id"]) for f in release_manifest(release)["fachakten"]]


def units_not_run_in_release(release: Path, tenant_id: str) -> dict[str, str]:
    """Aktenplan Kennzeichen -> Fachakte id of every Fachakte that some tenant's packages in
    `release` hold but `tenant_id`'s do not (it does not run it, `used_by`); read from the
    <aktenplan> of each package's 05-aktentyp.xml. Raises DriftReadError."""
    own = {p.name for p in (release / "packages" / tenant_id / "doxis4").glob("*.zip")}
    others: dict[str, Path] = {}
    for package in sorted((release / "packages").glob("*/doxis4/*.zip")):
        if package.name not in own:
            others.setdefault(package.name, package)
    found: dict[str, str] = {}
    for name in sorted(others):
        where = str(others[name])
        try:
            archive = zipfile.ZipFile(others[name])
        except (OSError, zipfile.BadZipFile) as exc:
            raise DriftReadError(
                _("{where}: not a readable ZIP ({error})").format(where=where, error=exc)
            ) from None
        with archive:
            fachakte = str(_entry(archive, "02-deskriptoren.xml", where).get("fachakte"))
            plan = _entry(archive, "05-aktentyp.xml", where).find(f"{NS}aktenplan")
            if plan is not None and plan.get("kennzeichen"):
                found[str(plan.get("kennzeichen"))] = fachakte
    return found


def _packages(release: Path, tenant_id: str, everyone: bool) -> list[Path]:
    """The tenant's packages; with `everyone`, one package per Fachakte of any tenant (their
    shared entries are the same bytes in every tenant), the tenant's own where it has one;
    sorted by file name, i.e. by Fachakte."""
    own = release / "packages" / tenant_id / "doxis4"
    packages = {p.name: p for p in (own.glob("*.zip") if own.is_dir() else ())}
    if everyone and packages:
        for other in sorted((release / "packages").glob("*/doxis4/*.zip")):
            packages.setdefault(other.name, other)
    return [packages[name] for name in sorted(packages)]


def objects_of_release(release: Path, tenant_id: str, everyone: bool = False) -> SharedObjects:
    """(descriptors, classes, owners) of every package of the tenant in `release` (with
    `everyone`: of every Fachakte any tenant's packages hold, for an organization shared by
    all tenants); `owners` are the Fachakte and Baustein ids the names are built from. Raises
    DriftReadError."""
    folder = release / "packages" / tenant_id / "doxis4"
    packages = _packages(release, tenant_id, everyone)
    if not packages:
        raise DriftReadError(
            _("{folder}: the release holds no Doxis4 packages for '{tenant_id}'").format(
                folder=folder, tenant_id=tenant_id
            )
        )
    descriptors: dict[str, ExpectedDescriptor] = {}
    classes: list[ExpectedClass] = []
    owners: set[str] = set()
    renamed: set[tuple[str, str]] = set()
    for package in packages:
        where = str(package)
        try:
            archive = zipfile.ZipFile(package)
        except (OSError, zipfile.BadZipFile) as exc:
            raise DriftReadError(
                _("{where}: not a readable ZIP ({error})").format(where=where, error=exc)
            ) from None
        with archive:
            entry = f"{where}!02-deskriptoren.xml"
            listing = _entry(archive, "02-deskriptoren.xml", where)
            for d in listing.iterfind(f"{NS}deskriptor"):
                name = _attr(d, "name", entry)
                length = d.get("laenge")
                if length is not None and not (length.isascii() and length.isdigit()):
                    _attr(d, "laenge", entry, allowed=())  # no value is allowed: raises
                descriptors[name] = ExpectedDescriptor(
                    name,
                    _attr(d, "kurzname", entry),
                    REST_DATA_TYPES[_attr(d, "doxis4-typ", entry, REST_DATA_TYPES)],
                    int(length or 0) or None,
                    d.get("mehrwert") != "NONE",
                )
                renamed |= _earlier_names(d)
            owners.add(_attr(listing, "fachakte", entry))
            record = _entry(archive, "05-aktentyp.xml", where)
            entry = f"{where}!05-aktentyp.xml"
            classes.append(
                ExpectedClass(_attr(record, "name", entry), True, _assignments(record, entry))
            )
            documents = _entry(archive, "04-dokumenttypen.xml", where)
            entry = f"{where}!04-dokumenttypen.xml"
            for doc in documents.iterfind(f"{NS}dokumenttyp"):
                classes.append(
                    ExpectedClass(_attr(doc, "name", entry), False, _assignments(doc, entry))
                )
                renamed |= _earlier_names(doc)
    return SharedObjects(
        tuple(descriptors[k] for k in sorted(descriptors)),
        tuple(classes),
        frozenset(owners),
        tuple(sorted(renamed)),
    )


def _earlier_names(element: etree._Element) -> set[tuple[str, str]]:
    """(earlier name, name now) from the object's <vorher name=…> (package format 3; format 2
    packages carry no earlier names)."""
    now = str(element.get("name"))
    return {(str(v.get("name")), now) for v in element.iterfind(f"{NS}vorher") if v.get("name")}
