"""The property that keeps `validate` and the targets in step, over mutated catalogues.

For each input, made by a seeded, structure-aware generator from the shipped definitions:
`validate` never fails internally (exit 2); where it finds no error, every target builds, every
XML output is valid against its XSD (the package XSD of Doxis4; the official xdomea 3.0.0 XSDs
where they lie in ../shared) and every text the generator wrote reads back exactly from the
outputs. The generator damages structure (keys dropped, entries duplicated or removed, values
of another kind, see `damage`) and writes awkward values in the places users write texts and
numbers. Everything runs in-process on a catalogue loaded once; only the changed file is
loaded again, and only what it can change is built again: the Fachakten that are or use the
changed file (all of them for tenants, Aktenplan and delegations), and the xdomea file plan
where a Fachakte, the Aktenplan or the tenants changed. The rest of the outputs is the
shipped catalogue's, built and checked by the other tests.

`python tests/catalogue_property.py N [SEED [K/PARTS]]` (or `make fuzz N=10000`) runs N inputs
and prints the counts; with K/PARTS only the share of part K, so PARTS processes run the N.
tests/test_catalogue_property.py runs a small sample in the test suite.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import random
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from support.yaml_dump import dump

REPO = Path(__file__).resolve().parents[1]
DEFINITIONS = REPO / "definitions"
SHARED = Path(os.environ.get("FACHAKTE_SHARED_DIR") or REPO.parent / "shared")
XDOMEA_XSD_DIR = SHARED / "xdomea" / "3.0.0"
# Values of another kind, for any place (structure damage).
ODD: list[Any] = [None, 0, -1, "", "x", "unbekannt", [], {}, True, 3.5, "2026-01-01", ["a"]]
# Texts as users write them, including what XML, YAML and regex engines treat specially.
TEXTS = [
    "Wohngeld <&> \"Antrag\" 'neu'",
    "Straße, Größe – § 23 Abs. 1 GkG NRW",
    "zwei\nZeilen",
    "Tab\tgetrennt",
    "  eingerückt und  doppelt  ",
    "]]> und <![CDATA[",
    "Emoji 😀 und 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "kombiniert: e\u0301",
    "ge\u00adschützt\u00a0Leer",
    "{{ jinja }} {% raw %}",
    "x\x01",
    "Ende mit Umbruch\n",
    "\u2028Trenner",
    "#kein Kommentar",
    "- kein Listenpunkt",
    "no",
    "010",
]
NUMBERS: list[Any] = [6, 6.0, 0, -1, 10**20, 2.5, "6", True, dt.date(2026, 1, 1)]
DATES: list[Any] = [
    dt.date(2026, 1, 1),
    dt.datetime(2026, 1, 1, 10, 0),
    "2026-01-01",
    "2026-01-01\n",
    "2026-02-30",
    "01.01.2026",
]
TEXT_KEYS = {"title", "description", "label", "legal_basis", "inhalt", "name"}
NUMBER_KEYS = {"years", "max_length", "min_length", "minimum", "maximum", "decimal_places"}
DATE_KEYS = {"valid_from", "valid_until"}


def containers(data: Any, found: list[Any]) -> list[Any]:
    if isinstance(data, dict | list):
        found.append(data)
        for value in data.values() if isinstance(data, dict) else data:
            containers(value, found)
    return found


def damage(data: Any, rng: random.Random) -> None:
    """Damage the structure of `data` in place: a key dropped, a value replaced by one of
    another kind, a key duplicated under a new name, a list entry removed or repeated."""
    target = rng.choice(containers(data, []))
    if not target:
        return
    if isinstance(target, dict):
        key = rng.choice(sorted(target))
        action = rng.randrange(3)
        if action == 0:
            del target[key]
        elif action == 1:
            target[key] = rng.choice(ODD)
        else:
            target[f"{key}_x"] = target[key]
    else:
        index = rng.randrange(len(target))
        action = rng.randrange(3)
        if action == 0:
            del target[index]
        elif action == 1:
            target.append(target[index])
        else:
            target[index] = rng.choice(ODD)


def _places(data: Any, keys: set[str]) -> list[tuple[dict[str, Any], str]]:
    found = []
    for item in containers(data, []):
        if isinstance(item, dict):
            found.extend((item, key) for key in item if key in keys)
    return found


def rewrite_values(data: Any, rng: random.Random) -> list[str]:
    """Write awkward values where users write texts, numbers and dates; returns the texts."""
    written = []
    for keys, pool in ((TEXT_KEYS, TEXTS), (NUMBER_KEYS, NUMBERS), (DATE_KEYS, DATES)):
        places = _places(data, keys)
        for holder, key in rng.sample(places, min(len(places), rng.randint(0, 3))):
            value = rng.choice(pool)
            holder[key] = value
            if isinstance(value, str):
                written.append(value)
    return written


@dataclass
class Counts:
    inputs: int = 0
    findings: int = 0
    clean: int = 0
    compiled: int = 0
    xml_documents: int = 0
    official_xsd_checks: int = 0
    texts_read_back: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)


class Property:
    """The shipped catalogue loaded once; `check` runs one mutated input through it."""

    def __init__(self, definitions: Path = DEFINITIONS) -> None:
        from fachakte_compiler.load.catalogue import discover

        self.root = Path(tempfile.mkdtemp(prefix="fachakte-property-"))
        self.definitions = self.root / "definitions"
        import shutil

        shutil.copytree(definitions, self.definitions)
        self.catalogue = discover([self.definitions])
        self.files = [f for f in self.catalogue.files if f.loaded]
        self.original = {f.path: copy.deepcopy(f.data) for f in self.files}
        self.text = {f.path: f.path.read_text(encoding="utf-8") for f in self.files}
        self.schema_findings: dict[tuple[Path, str], Any] = {}
        self.xdomea_xsd = XDOMEA_XSD_DIR if (XDOMEA_XSD_DIR / "xdomea.xsd").is_file() else None
        self.users = _users({f.path: (f.kind, f.data) for f in self.files})

    def inputs(self, seed: int) -> Iterator[tuple[Path, str, list[str]]]:
        """Endless (file, YAML text, texts written) triples from `seed`."""
        rng = random.Random(seed)
        while True:
            source = rng.choice(self.files)
            data = copy.deepcopy(self.original[source.path])
            written = rewrite_values(data, rng)
            for _ in range(rng.choice((0, 0, 1, 2))):
                damage(data, rng)
            text = dump(data, sort_keys=False, width=80)
            yield source.path, text, written

    def unchanged_fachakten(self, path: Path) -> set[str]:
        """Ids of the Fachakten in the files other than `path` (their outputs are unchanged)."""
        return {
            str(f.data.get("id"))
            for f in self.files
            if f.kind == "fachakte" and f.path != path and isinstance(f.data, dict)
        }

    def _schema_check(self, source: Any) -> Any:
        from fachakte_compiler.check.schema import check_schema

        key = (source.path, source.sha256)
        if key not in self.schema_findings:
            self.schema_findings[key] = check_schema(source)
        return list(self.schema_findings[key])

    def check(self, path: Path, text: str, written: list[str], counts: Counts) -> None:
        from fachakte_compiler.check.runner import check_catalogue
        from fachakte_compiler.load.catalogue import Catalogue
        from fachakte_compiler.load.source import SourceFile
        from fachakte_compiler.load.yaml_loader import load_source

        counts.inputs += 1
        path.write_text(text, encoding="utf-8")
        try:
            old = next(f for f in self.catalogue.files if f.path == path)
            changed = SourceFile(path=path, display=old.display, kind=old.kind)
            problems = load_source(changed)
            files = [changed if f.path == path else f for f in self.catalogue.files]
            catalogue = Catalogue(
                root=self.catalogue.root,
                selected=self.catalogue.selected,
                files=files,
                diagnostics=[d for d in self.catalogue.diagnostics if d.file != old.display]
                + problems,
            )
            diagnostics = check_catalogue(catalogue, self._schema_check)
        except Exception as exc:  # validate would exit 2
            counts.violations.append(f"validate failed internally on {path.name}: {exc!r}")
            return
        finally:
            path.write_text(self.text[path], encoding="utf-8")
        counts.codes.update(d.code for d in diagnostics)
        if any(d.is_error for d in diagnostics):
            counts.findings += 1
            return
        counts.clean += 1
        self._compile(catalogue, path, old.kind, written, counts)

    def _compile(
        self, loaded: Any, path: Path, kind: str | None, written: list[str], counts: Counts
    ) -> None:
        import dataclasses

        from fachakte_compiler.model.build import build_model
        from fachakte_compiler.targets import BuildOptions, emit_all

        try:
            model = build_model(loaded)
            affected = self.users.get(path)
            if kind == "fachakte":  # the changed file's own id, which the damage may change
                affected = {f.id for f in model.fachakten} - self.unchanged_fachakten(path)
            subset = model
            if affected is not None:
                subset = dataclasses.replace(
                    model, fachakten=tuple(f for f in model.fachakten if f.id in affected)
                )
            # One tenant, the first that runs the most of them (used_by: the Kreis runs no
            # Friedhof, so its build would hold none of that Fachakte's package).
            tenants = (
                max(model.tenants, key=lambda t: sum(f.runs_in(t.id) for f in subset.fachakten)),
            )
            options = BuildOptions(
                tenants, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), self.xdomea_xsd, self.root
            )
            output = emit_all(subset, ["doxis4"], options)
            if kind in ("fachakte", "aktenplan", "tenants"):
                output.merge(emit_all(model, ["xdomea"], options))
        except Exception as exc:  # compile would exit 1 or 2 on a clean catalogue
            counts.violations.append(
                f"compile failed after a clean validate ({path.name}): {exc!r}"
            )
            return
        counts.compiled += 1
        values = set()
        for name, data in sorted(output.files.items()):
            if name.endswith(".zip"):
                documents = _zip_entries(data)
            else:  # the setup sheet (HTML, CSV) and plan.json have no XSD
                documents = {name: data} if name.endswith(".xml") else {}
            for entry, xml in documents.items():
                problem = self._valid(entry, xml, counts)
                if problem:
                    counts.violations.append(f"{path.name}: {problem}")
                    return
                values |= _texts(xml)
        for text in written:
            if any(text in v for v in values):
                counts.texts_read_back += 1
            elif any(_squeezed(text) in _squeezed(v) for v in values):
                counts.violations.append(
                    f"{path.name}: text {text!r} is in the outputs only changed"
                )

    def _valid(self, name: str, xml: bytes, counts: Counts) -> str | None:
        from lxml import etree

        from fachakte_compiler.targets.doxis4.validate import NAMESPACE, package_schema

        try:
            document = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
        except etree.XMLSyntaxError as exc:
            return f"{name} is not well-formed: {exc}"
        counts.xml_documents += 1
        if document.tag.startswith(f"{{{NAMESPACE}}}"):
            schema = package_schema()
        elif self.xdomea_xsd is not None:
            schema = _xdomea_schema(self.xdomea_xsd)
            counts.official_xsd_checks += 1
        else:
            return None
        if not schema.validate(document):
            return f"{name} is not valid against its XSD: {schema.error_log}"
        return None


def _references(data: Any) -> set[str]:
    """Every Baustein id named under a `baustein` key in `data`."""
    return {
        item["baustein"]
        for item in containers(data, [])
        if isinstance(item, dict) and isinstance(item.get("baustein"), str)
    }


def _users(files: dict[Path, tuple[str | None, Any]]) -> dict[Path, set[str]]:
    """Baustein file -> ids of the Fachakten that use it, directly or through other Bausteine.
    Other files map to nothing: a Fachakte builds itself, the rest builds everything."""
    ids = {path: data.get("id") for path, (_, data) in files.items() if isinstance(data, dict)}
    uses = {ids.get(path): _references(data) for path, (_, data) in files.items()}
    users: dict[Path, set[str]] = {}
    for path, (kind, _) in files.items():
        if kind != "baustein":
            continue
        found = set()
        for other, (other_kind, _) in files.items():
            if other_kind != "fachakte":
                continue
            seen, todo = set(), set(uses.get(ids.get(other), set()))
            while todo:
                block = todo.pop()
                if block not in seen:
                    seen.add(block)
                    todo |= uses.get(block, set())
            if ids.get(path) in seen:
                found.add(str(ids.get(other)))
        users[path] = found
    return users


_SCHEMAS: dict[Path, Any] = {}


def _xdomea_schema(folder: Path) -> Any:
    from lxml import etree

    if folder not in _SCHEMAS:
        _SCHEMAS[folder] = etree.XMLSchema(etree.parse(str(folder / "xdomea.xsd")))
    return _SCHEMAS[folder]


def _zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n.endswith(".xml")}


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def _texts(xml: bytes) -> set[str]:
    """Every text node and attribute value of `xml` as a parser reads it back."""
    from lxml import etree

    document = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    found: set[str] = set()
    for element in document.iter():
        if element.text:
            found.add(element.text)
        found.update(str(v) for v in element.attrib.values())
    return found


def run(
    count: int, seed: int = 15, shard: tuple[int, int] = (0, 1), progress: bool = False
) -> Counts:
    """The first `count` inputs of `seed`; with shard (k, n) only every n-th from the k-th, so
    that n processes together check exactly the inputs one would. `progress` prints the counts
    to stderr every 250 inputs."""
    prop = Property()
    counts = Counts()
    for index, (path, text, written) in enumerate(prop.inputs(seed)):
        if index >= count:
            break
        if index % shard[1] == shard[0]:
            shown = len(counts.violations)
            prop.check(path, text, written, counts)
            for violation in counts.violations[shown:] if progress else ():
                print("VIOLATION:", violation, file=sys.stderr, flush=True)
            if progress and counts.inputs % 250 == 0:
                print(json.dumps(_report(counts)), file=sys.stderr, flush=True)
    return counts


def _report(counts: Counts) -> dict[str, int]:
    return {
        "inputs": counts.inputs,
        "validate exit 1 (findings)": counts.findings,
        "validate exit 0": counts.clean,
        "compiled": counts.compiled,
        "XML documents parsed": counts.xml_documents,
        "checked against the official xdomea XSDs": counts.official_xsd_checks,
        "written texts read back exactly": counts.texts_read_back,
        "distinct finding codes": len(counts.codes),
        "violations": len(counts.violations),
    }


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 1000
    seed = int(argv[1]) if len(argv) > 1 else 15
    part, _, parts = (argv[2] if len(argv) > 2 else "0/1").partition("/")
    counts = run(count, seed, (int(part), int(parts)), progress=True)
    report = _report(counts)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    for violation in counts.violations[:20]:
        print("VIOLATION:", violation)
    return 1 if counts.violations else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    raise SystemExit(main(sys.argv[1:]))
