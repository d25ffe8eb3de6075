"""Line breaks and tabs in texts reach the XML outputs unchanged.

A parser turns a literal TAB or line break in an attribute value into a space (XML 1.0 §3.3.3);
the Doxis4 package and the xdomea message write them as character references, so every text
reads back exactly as the definition wrote it. (A CR is a finding, FA015; a title or label is
one line of visible text, FA105, so only descriptions hold them.)
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from lxml import etree

from conftest import copy_catalogue, xdomea_message

MINI = Path(__file__).parent / "fixtures" / "mini"
DESCRIPTION = "Erste Zeile\nzweite\tSpalte\nEnde mit Umbruch\n"


def _values(xml: bytes) -> set[str]:
    document = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    found: set[str] = set()
    for element in document.iter():
        found.update(str(v) for v in element.attrib.values())
        if isinstance(element.text, str):
            found.add(element.text)
    return found


def test_whitespace_in_texts_reads_back_exactly(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    root = copy_catalogue(tmp_path / "mini", MINI)
    path = root / "fachakten" / "beispiel.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "description: Eine kleine, vollständige Fachakte für Tests.",
        'description: "Erste Zeile\\nzweite\\tSpalte\\nEnde mit Umbruch\\n"',
    )
    assert text.count("    title: Eingangsdatum\n") == 1
    # A field's description as well: it reaches the package's descriptor.
    field_description = '    description: "Erste Zeile\\nzweite\\tSpalte\\nEnde mit Umbruch\\n"\n'
    text = text.replace(
        "    title: Eingangsdatum\n", "    title: Eingangsdatum\n" + field_description, 1
    )
    path.write_text(text, encoding="utf-8")
    assert invoke("validate", root).exit_code == 0
    out = tmp_path / "out"
    built = invoke(
        "compile", root, "-o", out, "--no-cache", "--target", "doxis4", "--target", "xdomea"
    )
    assert built.exit_code == 0, built.output

    with zipfile.ZipFile(io.BytesIO((out / "kreis/doxis4/beispiel-1.2.0.zip").read_bytes())) as z:
        package = set().union(*(_values(z.read(n)) for n in z.namelist() if n.endswith(".xml")))
    assert DESCRIPTION in package
    assert DESCRIPTION in _values(xdomea_message(out, "kreis").read_bytes())
