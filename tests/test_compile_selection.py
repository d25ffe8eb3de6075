"""`fachakte compile FILE…` builds only the named Fachakten and keeps the other packages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from conftest import ShippedBuild, tree


def test_named_fachakte_only(
    invoke: Callable[..., Result], shipped_build: ShippedBuild, tmp_path: Path
) -> None:
    # A copy of the session's Doxis4 build of the whole catalogue, beside its catalogue.
    root = shipped_build.workspace(tmp_path)
    catalogue, out = root / "definitions", root / "build"
    before = tree(out)
    wohngeld = catalogue / "fachakten" / "wohngeld.yaml"
    text = wohngeld.read_text(encoding="utf-8")
    wohngeld.write_text(text.replace("version: 3.0.0", "version: 3.1.0", 1), encoding="utf-8")
    part = invoke("compile", wohngeld, "--target", "doxis4", "-o", out, "--no-cache")
    assert part.exit_code == 0, part.output
    assert "compiled 1 Fachakte for 13 tenants" in part.output
    after = tree(out)
    added = sorted(set(after) - set(before))
    assert added == sorted(
        f"{t}/doxis4/wohngeld-3.1.0.zip"
        for t in {p.split("/")[0] for p in before if p.endswith("/wohngeld-3.0.0.zip")}
    )
    # The Kreis runs no Wohngeld (used_by): it gets no package of it, old or new.
    assert not [p for p in after if p.startswith("hsk/") and "wohngeld" in p]
    # Every other package is still there, byte for byte; the provisioning plans (and the scripts
    # rendered from them) and the setup sheet cover the whole catalogue and so follow the new
    # version.
    whole = {k for k in before if "/provision/" in k or k.startswith("doxis4/")}
    assert len([k for k in whole if k.endswith("/plan.json")]) == 13
    assert len([k for k in whole if k.startswith("doxis4/")]) == 4
    assert {k: v for k, v in after.items() if k in before and k not in whole} == {
        k: v for k, v in before.items() if k not in whole
    }
    plans = {k for k in whole if k.endswith("/plan.json")}
    assert all(b'"version": "3.1.0"' in after[k] for k in plans if not k.startswith("hsk/"))
    # The Kreis's plan holds no Wohngeld group, entry or node, only the shared organization's
    # value lists (which name every Fachakte) and so no version of it.
    hsk = json.loads(after["hsk/doxis4/provision/plan.json"])
    assert "wohngeld" not in {f["id"] for f in hsk["fachakten"]}
    assert not [s for s in hsk["steps"] if s.get("fachakte") == "wohngeld"]
    assert b"Wohngeld 3.1.0" in after["doxis4/einrichtung/index.html"]
