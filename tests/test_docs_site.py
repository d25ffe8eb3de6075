"""The documentation site of the shipped catalogue: every page is well-formed XHTML-compatible
HTML5 in German, self-contained, and every internal link and anchor resolves."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from conftest import SHIPPED_EPOCH, ShippedBuild, invoke_cli, run_fachakte
from fachakte_compiler.model import Catalogue
from fachakte_compiler.write.guard import BUILD_MARKER, BUILD_MARKER_TEXT

XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
NS = {"h": XHTML, "s": SVG}
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


@pytest.fixture(scope="module")
def site(shipped_build: ShippedBuild) -> tuple[Path, Catalogue]:
    """The shipped catalogue's documentation, built once per session (at EPOCH)."""
    assert "(docs)" in shipped_build.stdout
    assert EPOCH == SHIPPED_EPOCH
    return shipped_build.docs_build / "docs", shipped_build.model


def parse(page: Path) -> etree._Element:
    # A strict XML parser: any unclosed tag, bad entity or stray '&' fails here.
    return etree.fromstring(page.read_bytes(), etree.XMLParser(resolve_entities=False))


def text_of(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


def found(root: etree._Element, expr: str) -> list[object]:
    result = root.xpath(expr, namespaces=NS)
    assert isinstance(result, list)
    return list(result)


def els(root: etree._Element, expr: str) -> list[etree._Element]:
    """Elements matching an XPath (typed, so the tests stay checkable)."""
    return [e for e in found(root, expr) if isinstance(e, etree._Element)]


def vals(root: etree._Element, expr: str) -> list[str]:
    """Attribute values matching an XPath."""
    return [str(v) for v in found(root, expr)]


def ids(root: etree._Element) -> list[str]:
    return vals(root, "//@id")


def test_site_has_index_datenschutz_style_and_one_page_per_fachakte(
    site: tuple[Path, Catalogue],
) -> None:
    docs, model = site
    expected = {"index.html", "datenschutz.html", "datenschutz.csv", "style.css"}
    expected |= {f"{f.id}.html" for f in model.fachakten}
    assert {p.name for p in docs.iterdir()} == expected
    others = [p for p in docs.parent.iterdir() if p.name not in {"docs", BUILD_MARKER}]
    assert not others, "docs are not per tenant"


def test_pages_are_strict_xhtml_in_german_without_scripts_or_external_resources(
    site: tuple[Path, Catalogue],
) -> None:
    docs, _ = site
    for page in sorted(docs.glob("*.html")):
        root = parse(page)
        assert root.tag == f"{{{XHTML}}}html"
        assert root.get("lang") == "de"
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert vals(root, "//h:meta/@charset") == ["utf-8"]
        assert text_of(els(root, "//h:title")[0]).endswith("E-Fachakten im Hochsauerlandkreis")
        assert not found(root, "//h:script | //s:script | //@*[starts-with(name(), 'on')]"), (
            page.name
        )
        resources = vals(root, "//h:link/@href | //h:img/@src | //@style")
        assert not [r for r in resources if "//" in r], page.name
        page_ids = ids(root)
        assert len(page_ids) == len(set(page_ids)), f"duplicate ids in {page.name}"
    css = (docs / "style.css").read_text(encoding="utf-8")
    assert "@media print" in css and "url(" not in css and "@import" not in css


def test_every_internal_link_and_anchor_resolves(site: tuple[Path, Catalogue]) -> None:
    docs, _ = site
    anchors = {p.name: set(ids(parse(p))) for p in docs.glob("*.html")}
    checked = 0
    for page in sorted(docs.glob("*.html")):
        root = parse(page)
        refs = vals(root, "//h:a/@href | //h:link/@href | //s:a/@href")
        refs += [m for v in vals(root, "//@marker-end") for m in re.findall(r"url\((#[^)]+)\)", v)]
        for ref in refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                continue
            target = unquote(parts.path) or page.name
            assert (docs / target).is_file(), f"{page.name}: broken link {ref}"
            if parts.fragment:
                assert parts.fragment in anchors[target], f"{page.name}: missing anchor {ref}"
            checked += 1
    assert checked > 500


def test_index_shows_owners_version_aktenplan_and_delegations(site: tuple[Path, Catalogue]) -> None:
    docs, model = site
    root = parse(docs / "index.html")
    rows = els(root, "//h:section[@id='fachakten']//h:tbody/h:tr")
    assert len(rows) == len(model.fachakten)
    # In Aktenplan order: by the numbers of the Kennzeichen, not by file or title.
    in_plan = sorted(model.fachakten, key=lambda f: [int(p) for p in f.kennzeichen.split(".")])
    assert [f.id for f in in_plan] != [f.id for f in model.fachakten]
    for row, fachakte in zip(rows, in_plan, strict=True):
        text = text_of(row)
        assert vals(row, "h:td[1]/h:a/@href") == [f"{fachakte.id}.html"]
        assert fachakte.version in text and fachakte.kennzeichen in text
        for owner in fachakte.owners:
            assert model.tenant(owner).name in text
    hund = text_of(rows[[f.id for f in in_plan].index("hundesteuer")])
    assert (
        "2 Finanzen › 22 Steuern und Abgaben › 22.20 Örtliche Aufwand- und Verbrauchsteuern" in hund
    )
    assert "Stadt Sundern (Sauerland), Stadt Hallenberg, Stadt Marsberg" in hund
    assert "besondere Kategorie (Art. 9 DSGVO)" in hund
    for delegation in model.delegations:
        row = els(root, f"//h:tr[@id='uebertragung-{delegation.id}']")[0]
        cells = [text_of(td) for td in els(row, "h:td")]
        assert cells[1] == model.tenant(delegation.from_tenant).name
        assert cells[2] == model.tenant(delegation.to_tenant).name
        valid = delegation.valid_from
        assert cells[4].startswith(f"ab {valid.day:02d}.{valid.month:02d}.{valid.year}")
    assert "Stand: 01.01.2026" in text_of(root)


def test_fachakte_page_documents_fields_lists_registers_retention_roles_workflow(
    site: tuple[Path, Catalogue],
) -> None:
    docs, model = site
    fachakte = model.fachakte("hundesteuer")
    root = parse(docs / "hundesteuer.html")
    text = text_of(root)

    def section(anchor: str) -> str:
        return text_of(els(root, f"//h:*[@id='{anchor}']")[0])

    blocks = {b.id: b for b in model.bausteine}
    for field in fachakte.fields:
        assert field.title in section(f"merkmal-{field.id}")
        if field.baustein:
            # Sub-fields are not repeated per use: the row links to the Baustein's one table.
            row = els(root, f"//h:tr[@id='merkmal-{field.id}']")[0]
            assert f"#baustein-{field.baustein}" in vals(row, ".//h:a/@href")
            for sub in blocks[field.baustein].fields:
                assert sub.title in section(f"baustein-{field.baustein}-{sub.id}")
    grund = section("merkmal-beguenstigungsgrund")
    assert "Werteliste" in grund and "Gesundheitsdaten" in grund
    assert "Gesundheitsdaten" not in section("merkmal-kassenzeichen")
    for code_list in fachakte.code_lists:
        values = section(f"werteliste-{code_list.qualified_id}")
        assert all(v.label in values for v in code_list.values)
    for register in fachakte.akte.registers:
        assert register.title in section(f"register-{register.id}")
    nachweis = section("aufbewahrung-nachweis_beguenstigung")
    assert "1 Jahr" in nachweis and "Art. 5 Abs. 1 Buchst. c und e DSGVO" in nachweis
    akte = section("akte")
    assert "6 Jahre" in akte and "vernichten" in akte and "§§ 169, 228 AO" in akte
    kasse = els(root, "//h:tr[@id='rolle-kasse']/h:td")
    # The dash is for the eye; screen readers hear "nein" (the dash itself is aria-hidden).
    assert [text_of(td) for td in kasse[:7]] == ["ja"] + ["–nein"] * 6
    assert vals(kasse[1], ".//h:span[@aria-hidden='true']/text()") == ["–"]
    assert (
        "Stadtkasse bzw. Gemeindekasse (lesen) im Register Ermäßigung und Befreiung: "
        "kein Zugriff auf Dokumente" in text
    )
    for number, transition in enumerate(fachakte.workflow.transitions, 1):
        row = section(f"uebergang-{number}")
        assert (transition.title or "–") in row
    assert "30 Tage vor dem Datum im Merkmal Ermäßigung bzw. Befreiung befristet bis" in text
    for ref in fachakte.legal_basis:
        assert ref.short in section("ueberblick")


def test_dangerous_text_in_definitions_is_escaped_everywhere(
    catalogue: Path, tmp_path: Path
) -> None:
    source = catalogue / "fachakten" / "hundesteuer.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "title: Hundesteuer\n", "title: 'Hunde<script>alert(1)</script> & \"Co\"'\n", 1
    )
    text = text.replace("      title: Veranlagt\n", '      title: "<b>Veranlagt</b> & Co"\n', 1)
    source.write_text(text, encoding="utf-8")
    result = invoke_cli("compile", catalogue, "--target", "docs", "-o", tmp_path / "b")
    assert result.exit_code == 0, result.stdout + result.stderr
    for page in ("hundesteuer.html", "index.html", "datenschutz.html"):
        root = parse(tmp_path / "b" / "docs" / page)
        assert not found(root, "//h:script | //h:b | //s:b")
        assert 'Hunde<script>alert(1)</script> & "Co"' in text_of(root)
    svg = els(
        parse(tmp_path / "b" / "docs" / "hundesteuer.html"), "//s:svg[contains(@class, 'ablauf')]"
    )[0]
    assert "<b>Veranlagt</b> & Co" in text_of(svg)


def test_site_is_byte_identical_across_timezone_locale_and_hash_seed(
    site: tuple[Path, Catalogue], tmp_path: Path
) -> None:
    docs, _ = site
    definitions = docs.parents[1] / "definitions"
    env = {
        "SOURCE_DATE_EPOCH": EPOCH,
        "TZ": "Pacific/Kiritimati",
        "LC_ALL": "C.UTF-8",
        "PYTHONHASHSEED": "4711",
        # A fresh build cache, so that this run really builds instead of reusing the first one.
        "FACHAKTE_CACHE_DIR": str(tmp_path / "cache"),
    }
    result = run_fachakte(
        "compile", definitions, "--target", "docs", "-o", tmp_path / "out", env=env
    )
    assert result.returncode == 0, result.stderr
    first = {p.name: p.read_bytes() for p in docs.iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "out" / "docs").iterdir()}
    assert "0 from cache" in result.stdout or "cache" not in result.stdout
    assert first == second


def test_stale_pages_are_removed_and_a_failed_run_keeps_the_old_site(
    catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    (out / "docs").mkdir(parents=True)
    (out / "docs" / "abgeschafft.html").write_text("alt", encoding="utf-8")
    (out / BUILD_MARKER).write_bytes(BUILD_MARKER_TEXT)  # as an earlier build left it
    assert invoke_cli("compile", catalogue, "--target", "docs", "-o", out).exit_code == 0
    assert not (out / "docs" / "abgeschafft.html").exists()
    before = (out / "docs" / "hundesteuer.html").read_bytes()
    source = catalogue / "fachakten" / "hundesteuer.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("version: 3.0.0", "version: eins", 1),
        encoding="utf-8",
    )
    result = invoke_cli("compile", catalogue, "--target", "docs", "-o", out)
    assert result.exit_code == 1
    assert "hundesteuer.yaml:" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "docs" / "hundesteuer.html").read_bytes() == before
