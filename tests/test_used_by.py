"""Who runs a Fachakte (`used_by`): only those municipalities get its package, groups, access
entries and file plan units; a municipality that takes casework by a delegation runs it too;
wrong declarations are findings at their place; a change is classified by the diff."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from conftest import DEFINITIONS, ShippedBuild, copy_catalogue, tree
from support.catalogue import MINI, Data, GitCatalogue

Invoke = Callable[..., Result]
FA = "fachakten/beispiel.yaml"
OWNERS = "owners: [kreis, nordstadt, suedstadt]\n"


def _mini(tmp_path: Path, used_by: str, *, delegations: tuple[str, str] = ("", "")) -> Path:
    """The small test catalogue with `used_by` (YAML lines) after the owners of its one
    Fachakte; `delegations` replaces a text of delegations.yaml."""
    root = copy_catalogue(tmp_path / "definitions", MINI)
    path = root / FA
    path.write_text(path.read_text("utf-8").replace(OWNERS, OWNERS + used_by, 1), "utf-8")
    if delegations[0]:
        file = root / "delegations.yaml"
        text = file.read_text("utf-8")
        assert delegations[0] in text
        file.write_text(text.replace(delegations[0], delegations[1], 1), "utf-8")
    return root


def _line_col(path: Path, anchor: str, after: str = "") -> str:
    """'line:column' of `anchor` (the first one after the text `after`) in the file."""
    text = path.read_text("utf-8")
    index = text.index(anchor, text.index(after) if after else 0)
    line = text.count("\n", 0, index) + 1
    return f"{line}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


@pytest.fixture(scope="module")
def gemeinde_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], str]:
    """The test catalogue's Fachakte run by the Gemeinden only (westdorf), which delegate
    its casework to nordstadt: every target built once; (files, stderr)."""
    from conftest import invoke_cli

    root = _mini(tmp_path_factory.mktemp("gemeinde"), "used_by:\n  kinds: [gemeinde]\n")
    out = root.parent / "build"
    result = invoke_cli("compile", root, "-o", out, "--no-cache")
    assert result.exit_code == 0, result.output
    return tree(out), result.stderr


def test_only_the_tenants_that_run_it_and_the_delegation_taker_get_the_package(
    gemeinde_build: tuple[dict[str, bytes], str],
) -> None:
    files, _ = gemeinde_build
    packages = sorted(p for p in files if p.endswith(".zip"))
    # westdorf runs it (kind gemeinde); nordstadt takes westdorf's cases (delegations.yaml).
    assert packages == ["nordstadt/doxis4/beispiel-1.2.0.zip", "westdorf/doxis4/beispiel-1.2.0.zip"]
    plans = {p.split("/")[0]: json.loads(v) for p, v in files.items() if p.endswith("plan.json")}
    assert sorted(plans) == ["kreis", "nordstadt", "suedstadt", "westdorf"]
    lists_of = {
        tenant: [s for s in plan["steps"] if s["kind"] == "value_list"]
        for tenant, plan in plans.items()
    }
    # One shared organization: its global value lists (and the ID map) are the organization's,
    # the same whole set in every tenant's plan, so any one script prepares the transport.
    assert {s["name"] for s in lists_of["westdorf"]} >= {"BEISPIEL_ANTRAGSART", "FA_ID_MAP"}
    assert all(lists == lists_of["westdorf"] for lists in lists_of.values())
    for tenant, plan in plans.items():
        groups = [s["name"] for s in plan["steps"] if s["kind"] == "group"]
        entries = [s for s in plan["steps"] if s["kind"] == "access_entry"]
        if tenant in ("kreis", "suedstadt"):
            # Nothing else of the Fachakte: no groups, access entries, nodes.
            assert (groups, entries, plan["fachakten"]) == ([], [], [])
            assert not [s for s in plan["steps"] if s["kind"] == "classification_node"]
            script = files[f"{tenant}/doxis4/provision/Provision.groovy"]
            assert f"{tenant.upper()}_BEISPIEL_".encode() not in script
            assert b"BEISPIEL_ANTRAGSART" in script
        else:
            assert f"{tenant.upper()}_BEISPIEL_SACHBEARBEITUNG" in groups and entries
            assert plan["fachakten"] == [{"id": "beispiel", "version": "1.2.0"}]
    # The file plan: only where the Fachakte runs.
    assert sorted(p.split("/")[0] for p in files if "/xdomea/" in p) == ["nordstadt", "westdorf"]


def test_a_tenant_that_runs_nothing_gets_no_file_plan_and_is_told_so(
    gemeinde_build: tuple[dict[str, bytes], str],
) -> None:
    _, stderr = gemeinde_build
    assert "tenant 'kreis' runs no Fachakte (used_by); no file plan was written" in stderr
    assert "tenant 'suedstadt' runs no Fachakte (used_by)" in stderr


def test_the_docs_say_who_runs_the_fachakte(gemeinde_build: tuple[dict[str, bytes], str]) -> None:
    files, _ = gemeinde_build
    page = files["docs/beispiel.html"].decode()
    assert (
        "<dt>Geführt von</dt>\n<dd>Gemeinden (1): Gemeinde Westdorf; "
        "per Aufgabenübertragung (1): Stadt Nordstadt</dd>"
    ) in page
    sheet = files["doxis4/einrichtung/einrichtung.csv"].decode("utf-8-sig")
    (row,) = [
        r for r in sheet.splitlines() if r.startswith("Aktenklassen (E-Akten);beispiel/akte;")
    ]
    assert ";NORDSTADT, WESTDORF;" in row


def test_naming_a_tenant_that_runs_no_selected_fachakte_builds_the_rest(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Not an error: the Kreis's build simply holds nothing of the Fachakte, and says so."""
    root = _mini(tmp_path, "used_by:\n  kinds: [gemeinde]\n")
    out = tmp_path / "build"
    args = (
        "compile",
        root / FA,
        "--tenant",
        "kreis",
        "--target",
        "doxis4",
        "-o",
        out,
        "--no-cache",
    )
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert (
        "the build of tenant 'kreis' leaves out what the tenant does not run (used_by): beispiel"
        in (result.stderr)
    )
    assert not list(out.glob("kreis/doxis4/*.zip"))
    assert (out / "kreis" / "doxis4" / "provision" / "plan.json").is_file()
    # The summary counts what was built for the tenant, not what was named.
    assert "compiled 0 Fachakten for 1 tenant (doxis4)" in result.stdout
    german = invoke(*args, env={"FACHAKTE_LANG": "de"})
    assert (
        "der Build des Mandanten 'kreis' lässt aus, was der Mandant nicht führt (used_by): beispiel"
        in german.stderr
    )


def test_the_shipped_kreis_runs_no_municipal_task(shipped_build: ShippedBuild) -> None:
    """Friedhof, Grundsteuer, Gewerbesteuer, Hundesteuer, Gewerbe and Wohngeld are tasks of the
    Städte and Gemeinden: the Hochsauerlandkreis gets no package, group or access entry."""
    model, build = shipped_build.model, shipped_build.build
    municipal = {"friedhof", "grundsteuer", "gewerbesteuer", "hundesteuer", "gewerbe", "wohngeld"}
    assert {f.id for f in model.fachakten if not f.runs_in("hsk")} == municipal
    plan = json.loads((build / "hsk" / "doxis4" / "provision" / "plan.json").read_bytes())
    fachakten = {s.get("fachakte") for s in plan["steps"]} - {None}
    assert fachakten == {"personalakte", "vergabe"}
    script = (build / "hsk" / "doxis4" / "provision" / "Provision.groovy").read_text("utf-8")
    assert "HSK_FRIEDHOF_" not in script and "HSK_PERSONALAKTE_" in script
    brilon = json.loads((build / "brilon" / "doxis4" / "provision" / "plan.json").read_bytes())
    assert "BRILON_FRIEDHOF_FRIEDHOFSVERWALTUNG" in {s["name"] for s in brilon["steps"]}


def test_any_tenants_script_creates_every_value_list_the_setup_names(
    shipped_build: ShippedBuild,
) -> None:
    """Shared organization: the setup sheet and transport.csv tell the administrator to run
    Provision.groovy before the import; whichever tenant's script it is, it creates every
    global value list the transported descriptors refer to (the Kreis's too, although it runs
    no Hundesteuer), and the sheet says that any one suffices."""
    build = shipped_build.build
    transport = read_csv((build / "doxis4" / "transport.csv").read_bytes())
    header = transport[0]
    kind, name = header.index("Art"), header.index("Objekt oder Einstellung")
    # A value list that shares its name with a descriptor carries its kind after the name.
    named = {
        row[name].removesuffix(" (Globale Werteliste)")
        for row in transport[1:]
        if row[kind] == "Globale Werteliste"
    }
    assert "HUNDESTEUER_STEUERART" in named and len(named) >= 30
    hint = next(r for r in transport if r[name].startswith("HUNDESTEUER_STEUERART"))
    assert "Skript eines beliebigen Mandanten" in hint[header.index("Hinweis")]
    for tenant in shipped_build.model.tenants:
        plan = json.loads((build / tenant.id / "doxis4" / "provision" / "plan.json").read_bytes())
        created = {s["name"] for s in plan["steps"] if s["kind"] == "value_list"}
        assert named <= created, (tenant.id, sorted(named - created))
        # One organization for all: one transport list for all.
        assert not (build / tenant.id / "doxis4" / "transport.csv").exists()
    sheet = (build / "doxis4" / "einrichtung" / "index.html").read_text("utf-8")
    before = " ".join(sheet.split("<dt>Vorher</dt>")[1].split("</dd>")[0].split())
    assert "In der gemeinsamen Organisation HSK_VERBUND" in before
    assert "<code>Provision.groovy</code> eines beliebigen Mandanten" in before
    assert "alle globalen Wertelisten des Katalogs" in before


def test_in_its_own_organization_a_tenants_script_creates_only_its_value_lists(
    tmp_path: Path,
) -> None:
    """organization_per_tenant: each organization's value lists are its own; a tenant that
    does not run the Fachakte gets none of its value lists, and the sheet says so."""
    from conftest import invoke_cli

    root = _mini(tmp_path, "used_by:\n  kinds: [gemeinde]\n")
    (root / "tenants.yaml").write_text(
        (root / "tenants.yaml").read_text("utf-8")
        + "doxis4:\n  topology: organization_per_tenant\n",
        "utf-8",
    )
    out = tmp_path / "build"
    result = invoke_cli("compile", root, "--target", "doxis4", "-o", out, "--no-cache")
    assert result.exit_code == 0, result.output
    files = tree(out)
    lists = {
        tenant: {
            s["name"]
            for s in json.loads(files[f"{tenant}/doxis4/provision/plan.json"])["steps"]
            if s["kind"] == "value_list"
        }
        for tenant in ("kreis", "westdorf")
    }
    assert "BEISPIEL_ANTRAGSART" in lists["westdorf"]
    assert "BEISPIEL_ANTRAGSART" not in lists["kreis"]
    # Each organization's transport list carries only what its tenant runs, and every value
    # list it names (a descriptor's prerequisite) is one the tenant's script creates there.
    for tenant in ("kreis", "westdorf"):
        rows = read_csv(files[f"{tenant}/doxis4/transport.csv"])
        kind, name = rows[0].index("Art"), rows[0].index("Objekt oder Einstellung")
        value_lists = {
            r[name].removesuffix(" (Globale Werteliste)")
            for r in rows[1:]
            if r[kind] == "Globale Werteliste"
        }
        assert value_lists <= lists[tenant], (tenant, sorted(value_lists - lists[tenant]))
        beispiel = [r[name] for r in rows[1:] if r[name].startswith("BEISPIEL_")]
        assert bool(beispiel) == (tenant == "westdorf"), (tenant, beispiel)
    # The tenant that runs every Fachakte needs the whole catalogue's list.
    assert files["westdorf/doxis4/transport.csv"] == files["doxis4/transport.csv"]
    sheet = files["doxis4/einrichtung/index.html"].decode("utf-8")
    before = " ".join(sheet.split("<dt>Vorher</dt>")[1].split("</dd>")[0].split())
    assert "das <code>Provision.groovy</code> ihres Mandanten" in before
    assert "beliebigen" not in before


def read_csv(data: bytes) -> list[list[str]]:
    """Rows of a CSV as Excel gets it (UTF-8 with BOM, semicolons)."""
    import csv
    import io

    from fachakte_compiler.targets.excel_csv import plain

    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    return [[plain(cell) for cell in row] for row in rows]


CASES = {
    # name: (used_by lines, delegations change, file, anchor, code, message, hint)
    "unknown tenant": (
        "used_by:\n  kinds: [stadt, gemeinde]\n  tenants: [westdrof]\n",
        ("", ""),
        FA,
        "westdrof",
        "FA207",
        "used_by uses unknown tenant 'westdrof'",
        "did you mean 'westdorf'?",
    ),
    "unknown kind": (
        "used_by:\n  kinds: [stadt, gemeinden]\n",
        ("", ""),
        FA,
        "gemeinden",
        "FA104",
        "'gemeinden' is not allowed here; choose one of: kreis, stadt, gemeinde",
        "did you mean 'gemeinde'?",
    ),
    "delegation from a tenant that does not run it": (
        "used_by:\n  kinds: [stadt]\n",
        ("", ""),
        "delegations.yaml",
        "from: westdorf",
        "FA704",
        "delegation 'beispiel_westdorf_nordstadt': 'westdorf' does not run Fachakte 'beispiel' "
        "(used_by), so it has no casework to delegate",
        "add 'westdorf' to used_by of 'beispiel', or correct 'from'",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_wrong_used_by_is_a_finding_at_its_place(
    invoke: Invoke, tmp_path: Path, name: str
) -> None:
    used_by, delegations, file, anchor, code, message, hint = CASES[name]
    root = _mini(tmp_path, used_by, delegations=delegations)
    result = invoke("validate", root, "--format", "json")
    found = json.loads(result.output)["diagnostics"]
    assert result.exit_code == 1, result.output
    where = _line_col(root / file, anchor.removeprefix("from: "), anchor)
    hits = [d for d in found if d["code"] == code]
    assert [(Path(d["file"]).name, f"{d['line']}:{d['column']}") for d in hits] == [
        (Path(file).name, where)
    ]
    assert hits[0]["message"] == message and hits[0]["hint"] == hint
    # Paths are shown relative to the working folder; from the catalogue, as its own.
    text = invoke("validate", ".", cwd=root)
    assert f"{file}:{where}: error {code}: {message}" in text.output


def test_used_by_that_selects_nobody(invoke: Invoke, tmp_path: Path) -> None:
    root = _mini(tmp_path, "used_by:\n  kinds: [gemeinde]\n")
    tenants = root / "tenants.yaml"
    tenants.write_text(tenants.read_text("utf-8").replace("kind: gemeinde", "kind: stadt"))
    result = invoke("validate", ".", cwd=root)
    assert result.exit_code == 1
    where = _line_col(root / FA, "used_by")
    assert (
        f"{FA}:{where}: error FA403: used_by of 'beispiel' selects no tenant of tenants.yaml"
    ) in result.output


def _restrict(data: Data) -> None:
    data["used_by"] = {"kinds": ["stadt", "gemeinde"]}


def test_the_diff_classifies_who_runs_it(tmp_path: Path, invoke: Invoke) -> None:
    """Taking a Fachakte from a municipality is breaking (major), giving it to more is
    compatible (minor), rewriting the same selection is cosmetic (patch)."""
    repo = GitCatalogue(tmp_path / "repo")
    repo.fachakte(_restrict)
    failed = invoke("check-version", "--base", "HEAD", cwd=repo.repo)
    assert failed.exit_code == 1
    assert "FD124 breaking: Fachakte: no longer run by kreis (Testkreis)" in failed.output
    assert "the changes need a major bump (to 2.0.0 or higher)" in failed.output
    repo.fachakte(lambda d: None, version="2.0.0")
    repo.commit("Nur Städte und Gemeinden")

    def widen(data: Data) -> None:
        data["used_by"]["tenants"] = ["kreis"]

    repo.fachakte(widen)
    result = invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo)
    changes = json.loads(result.output)["fachakten"][0]["changes"]
    assert [(c["code"], c["class"], c["message"]) for c in changes] == [
        ("FD221", "compatible", "Fachakte: now also run by kreis (Testkreis)")
    ]
    assert changes[0]["message_de"] == "Fachakte: jetzt auch geführt von kreis (Testkreis)"
    repo.fachakte(lambda d: None, version="2.1.0")
    repo.commit("Auch der Kreis")

    def rewrite(data: Data) -> None:
        data["used_by"] = {"tenants": ["kreis", "nord", "sued", "west"]}

    repo.fachakte(rewrite)
    result = invoke("diff", "--base", "HEAD", "--format", "json", cwd=repo.repo)
    changes = json.loads(result.output)["fachakten"][0]["changes"]
    assert [(c["code"], c["class"]) for c in changes] == [("FD306", "cosmetic")]


def test_drift_expects_nothing_of_what_the_tenant_does_not_run_and_names_what_is_left(
    invoke: Invoke,
) -> None:
    """The Kreis's installation is compared without the Friedhof groups; a Friedhof group of
    the Kreis left from an earlier release is reported as what it is (DR303), in the shared
    organization whose Friedhof descriptors stay expected (the towns run it there)."""
    from drift_server import Behaviour, answers_for, serve
    from fachakte_compiler.drift.expected import ExpectedSource

    expected = ExpectedSource.from_catalogue([DEFINITIONS])
    inventory = expected.inventory("hsk")
    assert not [g for g in inventory.groups if "_FRIEDHOF_" in g]
    assert [g for g in inventory.groups if g.startswith("HSK_PERSONALAKTE_")]
    assert [d for d in inventory.descriptors if d.name.startswith("FRIEDHOF_")]
    answers = answers_for(inventory)
    left = "HSK_FRIEDHOF_FRIEDHOFSVERWALTUNG"
    answers["groups"].append({"uuid": "0f0f0f0f-0000-4000-8000-000000000002", "name": left})
    env = {"FACHAKTE_DOXIS4_USER": "admin", "FACHAKTE_DOXIS4_PASSWORD": "pw"}
    behaviour = Behaviour(expected.organization("hsk"), "admin", "pw", answers)
    with serve(behaviour) as url:
        args = ("drift", DEFINITIONS, "--tenant", "hsk", "--doxis4-url", url)
        result = invoke(*args, "--format", "json", env=env)
        german = invoke(*args, env={**env, "FACHAKTE_LANG": "de"})
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["object"]) for f in findings] == [("DR303", left)]
    assert findings[0]["message"] == (
        f"group {left} is for Fachakte friedhof, which this tenant does not run (used_by)"
    )
    assert "die dieser Mandant nicht führt (used_by)" in german.stdout


def test_in_its_own_organization_a_tenant_expects_only_what_it_runs(tmp_path: Path) -> None:
    """One organization per tenant: the Kreis's organization holds no Friedhof descriptors
    or classes; one found there is a DR105 / DR207 finding, not a local development."""
    from drift_server import answers_for
    from fachakte_compiler.drift.compare import compare
    from fachakte_compiler.drift.expected import ExpectedSource
    from fachakte_compiler.drift.installed import parse_installed

    root = copy_catalogue(tmp_path / "definitions")
    tenants = root / "tenants.yaml"
    text = tenants.read_text("utf-8").replace(
        "topology: shared_organization", "topology: organization_per_tenant"
    )
    tenants.write_text(text, "utf-8")
    kreis = ExpectedSource.from_catalogue([root]).inventory("hsk")
    assert {d.name.split("_")[0] for d in kreis.descriptors} >= {"PERSONALAKTE", "VERGABE"}
    assert not [d for d in kreis.descriptors if d.name.startswith(("FRIEDHOF_", "WOHNGELD_"))]
    brilon = ExpectedSource.from_catalogue([root]).inventory("brilon")
    answers = answers_for(kreis)
    friedhof = next(d for d in brilon.descriptors if d.name.startswith("FRIEDHOF_"))
    answers["attributeDefinitions"].append(
        {
            "uuid": "0f0f0f0f-0000-4000-8000-000000000003",
            "name": friedhof.name,
            "shortName": friedhof.short_name,
            "attributeDataType": friedhof.data_type,
            "length": friedhof.length,
            "multivalueType": "NONE",
        }
    )
    answers["informationObjectTypes"].append(
        {
            "uuid": "0f0f0f0f-0000-4000-8000-000000000004",
            "name": "WOHNGELD_AKTE",
            "schemaMetaType": "RECORD",
        }
    )
    found = compare(kreis, parse_installed(answers))
    assert [(f.code, f.object, f.detail) for f in found] == [
        ("DR105", friedhof.name, "friedhof"),
        ("DR207", "WOHNGELD_AKTE", "wohngeld"),
    ]


def test_the_editor_knows_the_tenants_of_used_by_are_tenant_ids() -> None:
    """The language server completes and resolves them like owners (tenants.yaml)."""
    from fachakte_compiler.lsp.ids import reference_kind

    assert reference_kind("fachakte", ("used_by", "tenants", 0)) == "tenant"
    assert reference_kind("fachakte", ("owners", 1)) == "tenant"
    assert reference_kind("fachakte", ("used_by", "kinds", 0)) is None  # schema enum instead


def test_german_used_by_findings_quote_names_as_the_other_findings_do(
    invoke: Invoke, tmp_path: Path
) -> None:
    """Names in findings stand in straight single quotes ('persn'), in German as in English."""
    root = _mini(tmp_path, "used_by:\n  kinds: [gemeinde]\n")
    german = invoke("validate", root, env={"FACHAKTE_LANG": "de"}).output
    assert "Warnung FA404: die federführende Kommune 'kreis' führt 'beispiel' nicht" in german
    assert "„" not in german and "“" not in german
