"""A small self-contained catalogue in a real git repository, for the change-control tests.

Tests import `GitCatalogue` from here; the tests in this module prove the fixture itself is a
valid catalogue and that edits are real commits, so every other test starts from clean ground.
"""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

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


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


class GitCatalogue:
    """A git repository with `definitions/` holding the fixture catalogue, committed once."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.definitions = repo / "definitions"
        repo.mkdir(parents=True, exist_ok=True)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "config", "user.name", "Test")
        git(repo, "config", "user.email", "test@example.org")
        git(repo, "config", "commit.gpgsign", "false")
        for name, data in FILES.items():
            self.write(name, copy.deepcopy(data))
        self.commit("base")

    def write(self, name: str, data: Data) -> None:
        path = self.definitions / name
        path.parent.mkdir(parents=True, exist_ok=True)
        kind = {"tenants.yaml": "tenants", "aktenplan.yaml": "aktenplan"}.get(
            name, "baustein" if name.startswith("bausteine/") else "fachakte"
        )
        depth = "../" * name.count("/")
        header = f"# yaml-language-server: $schema=../{depth}schemas/{kind}.schema.json\n"
        body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(header + body, encoding="utf-8")

    def read(self, name: str) -> Data:
        data: Data = yaml.safe_load((self.definitions / name).read_text(encoding="utf-8"))
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
        git(self.repo, "add", "-A")
        git(self.repo, "commit", "-q", "-m", message)


def by_id(items: list[Data], item_id: str) -> Data:
    return next(i for i in items if i["id"] == item_id)


def test_fixture_catalogue_validates_clean(tmp_path: Path, invoke: Any) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    result = invoke("validate", repo.definitions)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_fixture_is_committed_and_clean(tmp_path: Path) -> None:
    repo = GitCatalogue(tmp_path / "repo")
    assert git(repo.repo, "status", "--porcelain") == ""
    assert "fachakten/testakte.yaml" in git(repo.repo, "ls-files")
