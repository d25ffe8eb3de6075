"""What the documentation tells a reader who is no programmer: templates and patterns in words,
each Baustein's sub-fields once, where the pages come from (release, commit), and plain German
sentences without glued words."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import ShippedBuild, invoke_cli
from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets.docs.patterns import pattern_words
from fachakte_compiler.targets.docs.views import template_words
from test_release_helpers import git, make_repo

NS = {"h": "http://www.w3.org/1999/xhtml"}


def page(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False))


def text(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


def xpath(root: etree._Element, expr: str) -> list[etree._Element]:
    found = root.xpath(expr, namespaces=NS)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def footer(root: etree._Element) -> str:
    return text(xpath(root, "//h:footer")[0])


@pytest.fixture(scope="module")
def docs(shipped_build: ShippedBuild) -> tuple[Path, Catalogue]:
    return shipped_build.docs_build / "docs", shipped_build.model


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("^[0-9]{6,14}$", "Aufbau: 6 bis 14 Ziffern"),
        ("^[0-9]{5}$", "Aufbau: 5 Ziffern"),
        ("^[0-9]{8}-[0-9]$", "Aufbau: 8 Ziffern, „-“, 1 Ziffer"),
        (
            "^[0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}$",
            "Aufbau: 2 bis 3 Ziffern, „/“, 3 bis 4 Ziffern, „/“, 4 bis 5 Ziffern",
        ),
        (
            "^(A|B|W|E|S|P) ?[0-9]{1,2}[a-c]?$",
            "Aufbau: „A“, „B“, „W“, „E“, „S“ oder „P“, optional ein Leerzeichen, "
            "1 bis 2 Ziffern, optional 1 Kleinbuchstabe a bis c",
        ),
        (
            "^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$",
            "Aufbau: 2 Großbuchstaben, 2 Ziffern, 11 bis 30 Großbuchstaben oder Ziffern",
        ),
        (
            "^[0-9]{2}(\\.[0-9]{1,2}(\\.[0-9])?)?$",
            "Aufbau: 2 Ziffern, optional („.“, 1 bis 2 Ziffern, optional („.“, 1 Ziffer))",
        ),
        ("^\\d+$", "Aufbau: mindestens 1 Ziffer"),
        (
            "^[^@ \\t\\n\\r]+@[^@ \\t\\n\\r]+\\.[A-Za-z]{2,}$",
            "Aufbau: mindestens 1 Zeichen außer Leerraum und „@“, „@“, mindestens 1 Zeichen "
            "außer Leerraum und „@“, „.“, mindestens 2 Buchstaben",
        ),
        ("[A-Z]{2,}", "enthält irgendwo: mindestens 2 Großbuchstaben"),
        ("^DE", "beginnt mit: „D“, „E“"),
        # What the explainer does not know it leaves alone instead of guessing.
        ("^(?=a)b$", None),
        ("^(a)\\1$", None),
        ("^(ab|c)$", None),
        ("^a{2$", None),
    ],
)
def test_patterns_are_explained_in_german_words(pattern: str, words: str | None) -> None:
    assert pattern_words(pattern) == words


def test_every_shipped_pattern_is_explained_on_its_page(docs: tuple[Path, Catalogue]) -> None:
    folder, model = docs
    explained = 0
    fields = [(f.id, x) for f in model.fachakten for x in f.fields]
    fields += [(b.id, x) for b in model.bausteine for x in b.fields]
    for _, field in fields:
        if field.pattern is not None:
            assert pattern_words(field.pattern) is not None, field.pattern
            explained += 1
    assert explained >= 10
    root = page(folder / "hundesteuer.html")
    row = text(xpath(root, "//h:tr[@id='merkmal-kassenzeichen']")[0])
    assert "Aufbau: 6 bis 14 Ziffern" in row and "^[0-9]{6,14}$" in row


def test_aktenzeichen_and_title_templates_are_shown_in_words(
    docs: tuple[Path, Catalogue],
) -> None:
    folder, model = docs
    hund = model.fachakte("hundesteuer")
    assert template_words(hund, hund.akte.aktenzeichen.format) == (
        "Aktenplankennzeichen, Mandantenkürzel, laufende Nummer (6-stellig); getrennt durch „/“"
    )
    friedhof = model.fachakte("friedhof")
    assert template_words(friedhof, friedhof.akte.aktenzeichen.format) == (
        "Aktenplankennzeichen, Mandantenkürzel, Feld bzw. Abteilung, laufende Nummer (5-stellig); "
        "getrennt durch „-“"
    )
    assert template_words(hund, "AZ {jahr}-{laufnummer:3}") == (
        "„AZ “, Jahr der Anlage (4-stellig), „-“, laufende Nummer (3-stellig)"
    )
    overview = text(xpath(page(folder / "hundesteuer.html"), "//h:section[@id='ueberblick']")[0])
    assert (
        "Aktenplankennzeichen, Mandantenkürzel, laufende Nummer (6-stellig); getrennt durch „/“, "
        "z. B. 22.20.10/SU/004711" in overview
    )
    assert "Aktenzeichen – Halterin/Halter: Familienname, Halterin/Halter: Vorname(n)" in overview
    # The raw template stays visible for the people who write definitions.
    assert "{kennzeichen}/{einheit}/{laufnummer:6}" in overview
    for fachakte in model.fachakten:
        root = page(folder / f"{fachakte.id}.html")
        words = [text(e) for e in xpath(root, "//h:em[@class='platzhalter']")]
        assert words and not [w for w in words if "{" in w or "_" in w], fachakte.id


def test_each_bausteins_sub_fields_are_shown_once_per_page(docs: tuple[Path, Catalogue]) -> None:
    folder, model = docs
    wohngeld = model.fachakte("wohngeld")
    users = [f.id for f in wohngeld.fields if f.baustein == "person"]
    assert len(users) >= 2, "the check needs a Baustein used twice"
    person = next(b for b in model.bausteine if b.id == "person")
    for fachakte in model.fachakten:
        root = page(folder / f"{fachakte.id}.html")
        used = {b[0] for b in fachakte.bausteine}
        sections = [e.get("id") for e in xpath(root, "//h:section[@class='baustein']")]
        assert sections == [f"baustein-{b}" for b in sorted(used)], fachakte.id
        rows = [r.get("id") or "" for r in xpath(root, "//h:tr[@id]")]
        assert len(rows) == len(set(rows))
        # No row for a sub-field below a using field, as the pages had before.
        assert not [r for r in rows if r.startswith("merkmal-") and r.count("-") > 1], fachakte.id
    root = page(folder / "wohngeld.html")
    rows = [r.get("id") for r in xpath(root, "//h:section[@id='baustein-person']//h:tbody/h:tr")]
    assert rows == [f"baustein-person-{f.id}" for f in person.fields]
    uses = text(xpath(root, "//h:section[@id='baustein-person']/h:p[@class='klein']")[0])
    assert all(wohngeld.field(u).title in uses for u in users)


def test_delegation_sentence_keeps_its_spaces(docs: tuple[Path, Catalogue]) -> None:
    folder, model = docs
    checked = 0
    for delegation in model.delegations:
        root = page(folder / f"{delegation.fachakte}.html")
        sentence = text(xpath(root, "//h:section[@id='uebertragungen']")[0])
        day = delegation.valid_from
        assert f"ab {day.day:02d}.{day.month:02d}.{day.year} mit den Rollen" in sentence or (
            delegation.valid_until is not None and " mit den Rollen" in sentence
        )
        assert "mit den Rollen" in sentence and not any(
            f"{y}mit" in sentence for y in range(2000, 2100)
        )
        checked += 1
    assert checked > 0


def test_footer_names_release_and_commit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    head = git(repo, "rev-parse", "HEAD").strip()
    out = tmp_path / "build"
    env = {"SOURCE_DATE_EPOCH": "1767225600", "FACHAKTE_CACHE_DIR": str(tmp_path / "cache")}

    def build() -> str:
        result = invoke_cli(
            "compile", "definitions", "--target", "docs", "-o", out, cwd=repo, env=env
        )
        assert result.exit_code == 0, result.stdout + result.stderr
        return footer(page(out / "docs" / "index.html"))

    shown = build()
    assert f"Commit {head[:12]}" in shown and "Kein Release" in shown
    assert "fachakte-compiler" in shown and "nicht eingecheckt" not in shown
    # A new commit with the same date and files: the cache must not keep the old footer.
    git(repo, "commit", "-q", "--allow-empty", "-m", "Leer")
    newer = git(repo, "rev-parse", "HEAD").strip()
    assert f"Commit {newer[:12]}" in build()
    (repo / "definitions" / "fachakten" / "hundesteuer.yaml").write_text(
        (repo / "definitions" / "fachakten" / "hundesteuer.yaml").read_text(encoding="utf-8")
        + "\n",
        encoding="utf-8",
    )
    assert "mit nicht eingecheckten Änderungen" in build()


def test_footer_without_git_says_so(docs: tuple[Path, Catalogue]) -> None:
    folder, _ = docs
    for name in ("index.html", "datenschutz.html", "wohngeld.html"):
        shown = footer(page(folder / name))
        assert "ohne git-Commit" in shown and "Kein Release" in shown, name
