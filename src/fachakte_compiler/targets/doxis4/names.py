"""Doxis4 names and short names of every object the catalogue defines.

Doxis4 finds configuration by name (`getDescriptorByName`, `getStringMatrix`,
`getGroupByName`, `getArchiveClassByName`; ../shared/doxis4-api.md §1.2), so a name is the
object's key in every organization and must never depend on titles, order or tenants other than
the one it belongs to. Names are built from our stable ids only: upper case, parts joined by
'_', nothing but A-Z, 0-9 and '_' (so no dots: a Kennzeichen '50.60.10' becomes '50_60_10').

| object                       | name                          | example                           |
|------------------------------|-------------------------------|-----------------------------------|
| descriptor (every leaf path) | `<FACHAKTE>_<PATH>`           | `WOHNGELD_ANTRAGSTELLER_NACHNAME` |
| value list                   | `<FACHAKTE or BAUSTEIN>_<ID>` | `PERSON_ANREDE`                   |
| document class               | `<FACHAKTE>_<DOCUMENT TYPE>`  | `WOHNGELD_BESCHEID`               |
| e-file class, folder def.    | `<FACHAKTE>_AKTE`             | `WOHNGELD_AKTE`                   |
| register (STATIC node)       | `<FACHAKTE>_REG_<REGISTER>`   | `WOHNGELD_REG_ANTRAG`             |
| retention rule               | `AUFB_<FACHAKTE>_<OBJECT>`    | `AUFB_WOHNGELD_AKTE`              |
| group                        | `<UNIT>_<FACHAKTE>_<ROLE>`    | `BRILON_WOHNGELD_KASSE`           |
| Aktenplan node               | `AP_<KENNZEICHEN>`            | `AP_50_60_10`                     |
| BPM process type             | `<FACHAKTE>_ABLAUF`           | `WOHNGELD_ABLAUF`                 |
| ID-map value list            | `FA_ID_MAP`                   |                                   |

A short name (REST `shortName`, used in queries) is the name itself when it fits the short-name
limit, else the name with each part abbreviated (vowels after the first letter dropped) down to
the limit; where that is not enough, the parts are cut and four characters of the name's
SHA-256 are appended, so that names which cut alike still differ (see `short_name`). Two
different objects can still end up with one name or short name; `validate` reports that
(FA902), as it reports a name over the length limit (FA901): a counter chosen by us would
change when the catalogue grows, and a name must never change.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "AE", "Ö": "OE", "Ü": "UE"}
)
_NOT_ALLOWED = re.compile(r"[^A-Z0-9]+")
_VOWELS = frozenset("AEIOU")

ID_MAP = "FA_ID_MAP"
SEPARATOR = "_"


@dataclass(frozen=True)
class NameLimits:
    """Longest Doxis4 name and short name, in characters (tenants.yaml `doxis4`)."""

    name: int = 64
    short_name: int = 30


# Names are derived again for every object on every check and build (validate computes every
# group name of every tenant); both functions are pure, so a bounded cache spares the work.
@lru_cache(maxsize=1 << 16)
def doxis_name(*parts: str) -> str:
    """Join `parts` into a Doxis4 name: upper case, umlauts spelt out, every run of other
    characters (dots, hyphens, blanks) one '_'. E.g. ('ap', '50.60.10') -> 'AP_50_60_10'."""
    words = (
        _NOT_ALLOWED.sub(SEPARATOR, p.translate(_UMLAUTS).upper()).strip(SEPARATOR) for p in parts
    )
    return SEPARATOR.join(w for w in words if w)


def _abbreviate(word: str) -> str:
    """'SACHBEARBEITUNG' -> 'SCHBRBTNG': the first letter stays, later vowels go."""
    if len(word) <= 3:
        return word
    return word[0] + "".join(c for c in word[1:] if c not in _VOWELS)


# A checksum tag needs room: below this limit a cut name gets none.
_TAGGED_FROM = 12
_TAG_LENGTH = 4


def _tag(name: str) -> str:
    """Four characters (A-Z, 2-7) of the SHA-256 of `name`, in base32 (RFC 4648)."""
    digest = base64.b32encode(hashlib.sha256(name.encode("utf-8")).digest()).decode("ascii")
    return digest[:_TAG_LENGTH]


def _cut(parts: list[str], limit: int) -> str:
    """Cut the longest part by one character until the joined parts fit `limit`, keeping at
    least one character of every part; if even that does not fit, cut the result."""
    if len(parts) * 2 - 1 > limit:
        return SEPARATOR.join(p[0] for p in parts)[:limit].rstrip(SEPARATOR)
    while len(SEPARATOR.join(parts)) > limit:
        longest = max(range(len(parts)), key=lambda i: (len(parts[i]), -i))
        parts[longest] = parts[longest][:-1]
    return SEPARATOR.join(parts)


@lru_cache(maxsize=1 << 16)
def short_name(name: str, limit: int) -> str:
    """The short name of `name` under `limit` characters; deterministic, never longer.

    First, while the result is too long, the longest part (the leftmost of equal length) that
    is not yet abbreviated is abbreviated. If that does not suffice, parts are cut and a tag
    of four characters of the SHA-256 of the whole name is appended (from a limit of 12 on):
    two long names that cut alike, such as `..._BESTATTUNGSART` and `..._BESTATTUNGSDATUM`,
    still differ, and the tag depends on the name alone, so it never changes when the
    catalogue grows. E.g. with limit 30, 'SCHMALLENBERG_GEWERBESTEUER_SACHGEBIETSLEITUNG' ->
    'SCHMLLNBRG_GWRBSTR_SCHGBTSLTNG' (abbreviated only)."""
    if len(name) <= limit:
        return name
    parts = name.split(SEPARATOR)
    pending = sorted(range(len(parts)), key=lambda i: (-len(parts[i]), i))
    while len(SEPARATOR.join(parts)) > limit and pending:
        index = pending.pop(0)
        parts[index] = _abbreviate(parts[index])
    if len(SEPARATOR.join(parts)) <= limit:
        return SEPARATOR.join(parts)
    if limit < _TAGGED_FROM:
        return _cut(parts, limit)
    return f"{_cut(parts, limit - _TAG_LENGTH - 1)}{SEPARATOR}{_tag(name)}"


def descriptor_name(fachakte: str, path: str) -> str:
    """The descriptor of a leaf: `path` is its dotted path in the Fachakte, through Baustein
    fields: ('wohngeld', 'antragsteller.nachname') -> 'WOHNGELD_ANTRAGSTELLER_NACHNAME'."""
    return doxis_name(fachakte, path)


def value_list_name(owner: str, list_id: str) -> str:
    """Global value list of a code list; `owner` as for descriptors."""
    return doxis_name(owner, list_id)


def record_class_name(fachakte: str) -> str:
    """The e-file class (IArchiveFolderClass) and its folder definition."""
    return doxis_name(fachakte, "akte")


def document_class_name(fachakte: str, document_type: str) -> str:
    return doxis_name(fachakte, document_type)


def register_name(fachakte: str, register: str) -> str:
    """The STATIC node of the e-file class's folder definition for a register."""
    return doxis_name(fachakte, "reg", register)


def retention_rule_name(fachakte: str, document_type: str | None = None) -> str:
    """The rule of the Akte (`document_type` None) or of a document type with its own rule."""
    return doxis_name("aufb", fachakte, document_type or "akte")


def group_name(unit: str, fachakte: str, role: str) -> str:
    """E.g. ('MEDEBACH', 'wohngeld', 'sachbearbeitung') -> 'MEDEBACH_WOHNGELD_SACHBEARBEITUNG'."""
    return doxis_name(unit, fachakte, role)


# Every Aktenplan node of the catalogue is named `AP_<KENNZEICHEN>`.
NODE_PREFIX = "AP" + SEPARATOR


def node_name(kennzeichen: str) -> str:
    """Aktenplan node (IClassificationSchemeNode); its code stays the dotted Kennzeichen."""
    return doxis_name("ap", kennzeichen)


@dataclass(frozen=True)
class FachakteNames:
    """The Doxis4 names of one Fachakte's objects from their ids, for ids of today and for the
    earlier ids a rename keeps (`renamed_from`): Doxis4 finds objects by name, so a renamed id
    leaves the object under its earlier name until someone moves it."""

    fachakte: str

    def descriptor(self, path: str) -> str:
        return descriptor_name(self.fachakte, path)

    def document_class(self, document_type: str) -> str:
        return document_class_name(self.fachakte, document_type)

    def register(self, register: str) -> str:
        return register_name(self.fachakte, register)

    def value_list(self, owner: str, list_id: str) -> str:
        """`owner`: the Fachakte id or 'baustein:<id>' of the list."""
        return value_list_name(owner.removeprefix("baustein:"), list_id)


UNIT_PLACEHOLDER = "<EINHEIT>"


def group_name_pattern(fachakte: str, role: str) -> str:
    """A role's group name with the tenant's unit left open, for texts that hold for every
    tenant (the setup sheet): ('wohngeld', 'kasse') -> '<EINHEIT>_WOHNGELD_KASSE'."""
    return f"{UNIT_PLACEHOLDER}{SEPARATOR}{doxis_name(fachakte, role)}"


def process_type_name(fachakte: str) -> str:
    """The BPM process type of a Fachakte's workflow: 'WOHNGELD_ABLAUF'."""
    return doxis_name(fachakte, "ablauf")
