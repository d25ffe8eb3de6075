"""The catalogue builder of the tests: the shipped catalogue or the small test catalogue copied
into a temp folder, and a small self-contained catalogue in a real git repository
(GitCatalogue) for the change-control and release tests."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from support.git import commit_all, git, init
from support.yaml_dump import dump
from support.yaml_dump import load as load_yaml

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
DEFINITIONS = REPO / "definitions"
MINI = TESTS / "fixtures" / "mini"


_MODELINE = re.compile(r"^(# yaml-language-server: \$schema=)\S*?([a-z]+\.schema\.json)", re.M)


def copy_catalogue(target: Path, source: Path = DEFINITIONS) -> Path:
    """Copy a catalogue to `target` with the schemas beside it (`target`/../schemas), and
    point every file's editor modeline there, as `fachakte schema --write` users do."""
    shutil.copytree(source, target)
    schemas = target.parent / "schemas"
    if not schemas.exists():
        shutil.copytree(REPO / "schemas", schemas)
    for path in target.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        where = os.path.relpath(schemas, path.parent).replace(os.sep, "/")
        fixed = _MODELINE.sub(rf"\g<1>{where}/\g<2>", text, count=1)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    return target


def edit_catalogue(root: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    """Replace, in each file named relative to `root`, the first occurrence of each `old` by
    its `new` (in order); an `old` the file does not hold fails the test. Returns `root`."""
    for name, changes in edits.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    return root


def copy_small_catalogue(target: Path) -> Path:
    """The small test catalogue (MINI: four tenants, Fachakte 'beispiel' with building block
    'person', one delegation) with two more Fachakten, copied to `target` as copy_catalogue
    does: 'zweite', a copy of 'beispiel' used by the cities and the Gemeinde (not the Kreis),
    uses 'person' too; 'dritte', used by all but Westdorf, uses 'kontakt', a copy of 'person'.
    So a building block serves two Fachakten but not all, and a Fachakte is not run by every
    tenant: what the build cache's tests need, in a fraction of the shipped catalogue's time.
    Returns `target`."""
    copy_catalogue(target, MINI)
    akte = (target / "fachakten" / "beispiel.yaml").read_text(encoding="utf-8")
    person = (target / "bausteine" / "person.yaml").read_text(encoding="utf-8")
    owners = "owners: [kreis, nordstadt, suedstadt]"
    assert owners in akte and "\nid: person\n" in person, "tests/fixtures/mini changed"
    runners = {
        "zweite": "owners: [nordstadt, suedstadt, westdorf]\nused_by:\n  kinds: [stadt, gemeinde]",
        "dritte": f"{owners}\nused_by:\n  tenants: [kreis, nordstadt, suedstadt]",
    }
    for name, kennzeichen, block in (("zweite", "99.20", "person"), ("dritte", "99.30", "kontakt")):
        text = (
            akte.replace("\nid: beispiel\n", f"\nid: {name}\n")
            .replace("\ntitle: Beispielakte\n", f"\ntitle: {name.title()}\n")
            .replace("99.10", kennzeichen)
            .replace(owners, runners[name])
            .replace("baustein: person", f"baustein: {block}")
        )
        (target / "fachakten" / f"{name}.yaml").write_text(text, encoding="utf-8")
    kontakt = person.replace("\nid: person\n", "\nid: kontakt\n")
    (target / "bausteine" / "kontakt.yaml").write_text(kontakt, encoding="utf-8")
    return target


Data = dict[str, Any]

TENANTS: Data = {
    "tenants": [
        {
            "id": "kreis",
            "name": "Testkreis",
            "kind": "kreis",
            "ags": "05999000",
            "doxis4_unit": "KREIS",
        },
        {
            "id": "nord",
            "name": "Stadt Nord",
            "kind": "stadt",
            "ags": "05999004",
            "doxis4_unit": "NORD",
        },
        {
            "id": "sued",
            "name": "Stadt Süd",
            "kind": "stadt",
            "ags": "05999008",
            "doxis4_unit": "SUED",
        },
        {
            "id": "west",
            "name": "Gemeinde West",
            "kind": "gemeinde",
            "ags": "05999012",
            "doxis4_unit": "WEST",
        },
    ]
}
AKTENPLAN: Data = {
    "title": "Testaktenplan",
    "units": [
        {"kennzeichen": "9", "title": "Testhauptgruppe"},
        {"kennzeichen": "99", "title": "Testgruppe"},
    ],
}
ADRESSE: Data = {
    "id": "adresse",
    "version": "1.0.0",
    "title": "Adresse",
    "description": "Postanschrift.",
    "code_lists": [
        {
            "id": "land",
            "title": "Land",
            "values": [{"key": "de", "label": "Deutschland"}, {"key": "at", "label": "Österreich"}],
        }
    ],
    "fields": [
        {
            "id": "strasse",
            "title": "Straße",
            "type": "string",
            "required": True,
            "max_length": 80,
            "personal_data": "personal",
        },
        {
            "id": "plz",
            "title": "PLZ",
            "type": "string",
            "pattern": "^[0-9]{5}$",
            "personal_data": "personal",
        },
        {
            "id": "land",
            "title": "Land",
            "type": "code",
            "code_list": "land",
            "personal_data": "none",
        },
    ],
}
RETENTION: Data = {
    "years": 10,
    "trigger": "akte_geschlossen",
    "disposition": "B",
    "legal_source": "Testvorschrift",
}
TESTAKTE: Data = {
    "id": "testakte",
    "version": "1.0.0",
    "title": "Testakte",
    "description": "Eine kleine Fachakte für die Tests der Änderungskontrolle.",
    "owners": ["nord", "sued", "west"],
    "legal_basis": [{"short": "TestG", "title": "Testgesetz"}],
    "aktenplan": {"kennzeichen": "99.10", "title": "Testverfahren"},
    "code_lists": [
        {
            "id": "art",
            "title": "Art",
            "values": [
                {"key": "erst", "label": "Erstantrag"},
                {"key": "folge", "label": "Folgeantrag"},
                {"key": "sonst", "label": "Sonstiges"},
            ],
        }
    ],
    "fields": [
        {
            "id": "antragsteller",
            "title": "Antragsteller",
            "type": "string",
            "required": True,
            "max_length": 100,
            "searchable": True,
            "personal_data": "personal",
        },
        {
            "id": "anschrift",
            "title": "Anschrift",
            "type": "baustein",
            "baustein": "adresse",
            "required": True,
            "personal_data": "personal",
        },
        {"id": "art", "title": "Antragsart", "type": "code", "code_list": "art"},
        {
            "id": "betrag",
            "title": "Betrag",
            "type": "decimal",
            "minimum": 0,
            "maximum": 1000,
            "decimal_places": 2,
        },
        {"id": "antragsdatum", "title": "Antragsdatum", "type": "date", "required": True},
        {"id": "bemerkung", "title": "Bemerkung", "type": "text", "max_length": 2000},
        {"id": "anzahl", "title": "Anzahl", "type": "integer", "minimum": 1, "maximum": 10},
        {
            "id": "kennung",
            "title": "Kennung",
            "type": "string",
            "min_length": 3,
            "pattern": "^[A-Z0-9]+$",
        },
    ],
    "akte": {
        "title": "Testakte",
        "fields": ["antragsteller", "anschrift", "art"],
        "aktenzeichen": {"format": "{kennzeichen}/{einheit}/{laufnummer:6}"},
        "display_title": "{aktenzeichen} – {antragsteller}",
        "registers": [
            {"id": "antrag", "title": "Antrag", "document_types": ["antrag", "nachweis"]},
            {"id": "bescheid", "title": "Bescheid", "document_types": ["bescheid"]},
        ],
        "retention": dict(RETENTION),
    },
    "document_types": [
        {"id": "antrag", "title": "Antrag", "fields": ["antragsdatum", "betrag"]},
        {
            "id": "nachweis",
            "title": "Nachweis",
            "fields": ["bemerkung"],
            "retention": {
                "years": 2,
                "trigger": "akte_geschlossen",
                "disposition": "V",
                "legal_source": "Datenminimierung",
            },
        },
        {"id": "bescheid", "title": "Bescheid", "fields": ["betrag", "anzahl", "kennung"]},
    ],
    "roles": [
        {
            "id": "sachbearbeitung",
            "title": "Sachbearbeitung",
            "permissions": {"akte": ["read", "create", "update"], "documents": ["read", "create"]},
        },
        {
            "id": "leitung",
            "title": "Leitung",
            "permissions": {
                "akte": ["read", "create", "update", "close"],
                "documents": ["read", "create", "update", "delete"],
                "registers": [{"register": "bescheid", "documents": ["read"]}],
            },
        },
    ],
    "workflow": {
        "states": [
            {"id": "neu", "title": "Neu", "initial": True},
            {"id": "pruefung", "title": "In Prüfung"},
            {"id": "erledigt", "title": "Erledigt", "final": True},
        ],
        "transitions": [
            {"from": "neu", "to": "pruefung", "roles": ["sachbearbeitung"]},
            {"from": "pruefung", "to": "erledigt", "roles": ["leitung"]},
        ],
        "resubmissions": [
            {
                "id": "frist",
                "title": "Frist prüfen",
                "role": "sachbearbeitung",
                "days": 14,
                "after_state": "pruefung",
            }
        ],
    },
}
FILES: dict[str, Data] = {
    "tenants.yaml": TENANTS,
    "aktenplan.yaml": AKTENPLAN,
    "bausteine/adresse.yaml": ADRESSE,
    "fachakten/testakte.yaml": TESTAKTE,
}


@cache
def _base_repository() -> Path:
    """GitCatalogue's base repository, made once per test process in a folder removed at exit:
    FILES committed once, as "base"."""
    folder = Path(tempfile.mkdtemp(prefix="fachakte-git-catalogue-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    repo = folder / "repo"
    init(repo)
    # The product runs git in here too, with the user's environment: give it an identity.
    git(repo, "config", "user.name", "Test")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "commit.gpgsign", "false")
    # The JSON Schemas beside the definitions, where the files' modelines point.
    shutil.copytree(REPO / "schemas", repo / "schemas")
    for name, data in FILES.items():
        _write(repo / "definitions", name, data)
    commit_all(repo, "base")
    return repo


def _write(definitions: Path, name: str, data: Data) -> None:
    """The definition file `name` with the modeline of its kind and `data` as YAML."""
    path = definitions / name
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = {"tenants.yaml": "tenants", "aktenplan.yaml": "aktenplan"}.get(
        name, "baustein" if name.startswith("bausteine/") else "fachakte"
    )
    depth = "../" * name.count("/")
    header = f"# yaml-language-server: $schema=../{depth}schemas/{kind}.schema.json\n"
    path.write_text(header + dump(data, sort_keys=False), encoding="utf-8")


class GitCatalogue:
    """A git repository with `definitions/` holding the fixture catalogue and `schemas/` the
    JSON Schemas its modelines name, committed once."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.definitions = repo / "definitions"
        # A copy of the one base repository of this process: the same commit, ~7 git runs less.
        shutil.copytree(_base_repository(), repo, symlinks=True, dirs_exist_ok=True)

    def write(self, name: str, data: Data) -> None:
        _write(self.definitions, name, data)

    def read(self, name: str) -> Data:
        data: Data = load_yaml((self.definitions / name).read_text(encoding="utf-8"))
        return data

    def edit(self, name: str, change: Callable[[Data], None]) -> None:
        data = self.read(name)
        change(data)
        self.write(name, data)

    def fachakte(self, change: Callable[[Data], None], version: str | None = None) -> None:
        """Edit the Fachakte; `version` sets its version too."""

        def apply(data: Data) -> None:
            change(data)
            if version is not None:
                data["version"] = version

        self.edit("fachakten/testakte.yaml", apply)

    def add_second_fachakte(self, version: str = "1.0.0") -> None:
        """'zweitakte': a copy of the Fachakte under its own id and Kennzeichen."""
        other = self.read("fachakten/testakte.yaml")
        other.update(id="zweitakte", title="Zweitakte", version=version)
        other["aktenplan"] = {"kennzeichen": "99.20", "title": "Zweitverfahren"}
        self.write("fachakten/zweitakte.yaml", other)

    def commit(self, message: str) -> None:
        commit_all(self.repo, message)


def by_id(items: list[Data], item_id: str) -> Data:
    return next(i for i in items if i["id"] == item_id)
