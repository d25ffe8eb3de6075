"""The setup sheet ("Einrichtungsblatt") and the transport list: what the public Doxis4 API cannot
create, for the administrator who configures it once in cubeDesigner and rolls it out by
Transport.

`build/doxis4/einrichtung/index.html` (with `style.css`, printable, offline) and
`einrichtung.csv` list every descriptor, value list, retention rule, document class with its
descriptor assignments, e-file class, folder-definition node and process type, each with a
stable id and an empty check column. `build/doxis4/transport.csv` lists the same objects in
dependency order for the transport package definition, after the recommended import settings.
All three are the same for every tenant: the catalogue is shared ("Wenige für Viele").

Sources for the Doxis4 terms and settings are cited in docs/doxis4.md.
"""

from __future__ import annotations

from importlib.resources import files

from fachakte_compiler.model import Catalogue
from fachakte_compiler.targets import BuildOptions, TargetOutput
from fachakte_compiler.targets.doxis4.sheet_content import build_sheet
from fachakte_compiler.targets.doxis4.sheet_model import SHEET_COLUMNS
from fachakte_compiler.targets.doxis4.transport import transport_csv
from fachakte_compiler.targets.excel_csv import excel_csv

FOLDER = "doxis4"
SHEET_FOLDER = f"{FOLDER}/einrichtung"


def emit_setup_sheet(catalogue: Catalogue, options: BuildOptions) -> TargetOutput:
    """The setup sheet (HTML, CSS, CSV) and the transport list, under `doxis4/`."""
    from fachakte_compiler.targets.doxis4.sheet_render import render_sheet

    content = build_sheet(catalogue)
    css = files("fachakte_compiler.targets.docs").joinpath("style.css").read_bytes()
    out = {
        f"{SHEET_FOLDER}/index.html": render_sheet(content, catalogue.fachakten),
        f"{SHEET_FOLDER}/style.css": css,
        f"{SHEET_FOLDER}/einrichtung.csv": excel_csv(SHEET_COLUMNS, content.csv_rows()),
        f"{FOLDER}/transport.csv": transport_csv(content),
    }
    return TargetOutput(files=out, replaced_dirs={FOLDER})
