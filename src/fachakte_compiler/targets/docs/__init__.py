"""The documentation target: a static German website of the catalogue in build/docs/.

One site for all municipalities (the catalogue is shared, so the docs are not per tenant):
index.html, one page per Fachakte, datenschutz.html with datenschutz.csv, and style.css. The
pages are XHTML-compatible HTML5 without scripts and without external resources, so they open
offline from the file system and parse with a strict XML parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets import BuildOptions, Granularity, Parts, TargetOutput

FOLDER = "docs"


def page_name(fachakte_id: str) -> str:
    return f"{fachakte_id}.html"


@dataclass(frozen=True)
class Provenance:
    """What the footer of every page names: release, commit and compiler version."""

    release: str | None
    commit: str | None
    dirty: bool
    compiler: str


def provenance(options: BuildOptions) -> Provenance:
    from fachakte_compiler import __version__

    return Provenance(options.release, options.commit, options.dirty, __version__)


def emit(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    from markupsafe import Markup

    from fachakte_compiler.targets.docs import privacy
    from fachakte_compiler.targets.docs.render import render
    from fachakte_compiler.targets.docs.svg_structure import structure_svg
    from fachakte_compiler.targets.docs.svg_workflow import workflow_svg

    common = {
        "catalogue": catalogue,
        "stand": options.build_date,
        "page_name": page_name,
        "herkunft": provenance(options),
    }
    out: dict[str, bytes] = {
        "index.html": render("index.html", **common),
        "datenschutz.html": render("datenschutz.html", privacy=privacy, **common),
        "datenschutz.csv": privacy.privacy_csv(catalogue),
        "style.css": files("fachakte_compiler.targets.docs").joinpath("style.css").read_bytes(),
    }
    for fachakte in catalogue.fachakten:
        # Generated SVG escapes its own text; Markup keeps Jinja from escaping it twice.
        diagrams = {
            "struktur": Markup(structure_svg(fachakte, "pfeil-struktur", "dokumenttyp-")),
            "ablauf": Markup(workflow_svg(fachakte.workflow, "pfeil-ablauf")),
        }
        out[page_name(fachakte.id)] = render(
            "fachakte.html", fachakte=fachakte, diagrams=diagrams, **common
        )
    files_out = {f"{FOLDER}/{name}": data for name, data in out.items()}
    return TargetOutput(files=files_out, replaced_dirs={FOLDER})


# One site for every tenant.
TARGET = Parts(
    "docs",
    {Granularity.CATALOGUE: emit},
    reads=frozenset({"build_date", "release", "commit", "dirty"}),
)
