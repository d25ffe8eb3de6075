"""A file with more YAML nodes than any definition needs is refused before its nodes are built.

A flow list of two million one-character items fits into the 4 MiB a file may have; composing
it took a minute and 1.5 GB before the node limit (FA010) was there.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from fachakte_compiler.load import yaml_loader
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.load.yaml_loader import MAX_BYTES, MAX_NODES, load_bytes

NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _flow_list(items: int) -> bytes:
    # The root mapping, its key `id`, its value, the key `items` and the list: five nodes.
    return b"id: a\nitems: [" + b",".join([b"1"] * items) + b"]\n"


def _findings(content: bytes) -> list[tuple[str, int, int, str]]:
    source = SourceFile(path=Path("big.yaml"), display="big.yaml")
    return [
        (d.code, d.span.line, d.span.col, d.message) if d.span else (d.code, 0, 0, d.message)
        for d in load_bytes(source, content)
    ]


def test_a_file_just_under_4_mib_with_two_million_items_is_refused_before_composing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = _flow_list(1_900_000)
    assert len(content) < MAX_BYTES

    def compose(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the nodes were built (1.5 GB for this file)")

    # Counting holds one libyaml event at a time; building the nodes is what took the memory.
    monkeypatch.setattr(yaml, "compose", compose)
    found = _findings(content)
    # Node number MAX_NODES + 1 is list item number MAX_NODES - 4 (after the root mapping, `id`,
    # `a`, `items` and the list), two columns per item from column 9.
    column = len("items: [") + 1 + 2 * (MAX_NODES - 5)
    assert [f[:3] for f in found] == [("FA010", 2, column)]
    assert f"more than {MAX_NODES} YAML nodes" in found[0][3]


# (file with exactly `limit` nodes, the same with more, line:column of node number limit + 1)
AT_THE_LIMIT = {
    "empty mappings in a flow list": (
        "id: a\nitems: [{}]\n",
        "id: a\nitems: [{}, {}]\n",
        (2, 13),
    ),
    "block list items": ("id: a\nitems:\n  - x\n", "id: a\nitems:\n  - x\n  - y\n", (4, 5)),
    "keys and values": ("id: a\nmap: {a: b}\n", "id: a\nmap: {a: b, c: d}\n", (2, 13)),
    "aliases": ("id: &x a\nrefs: [*x]\n", "id: &x a\nrefs: [*x, *x]\n", (2, 12)),
}


@pytest.mark.parametrize("name", sorted(AT_THE_LIMIT))
def test_the_limit_counts_every_kind_of_node_up_to_the_last_allowed(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    at_limit, beyond, where = AT_THE_LIMIT[name]
    limit = len(
        [e for e in yaml.parse(at_limit, Loader=yaml.CSafeLoader) if isinstance(e, NODE_EVENTS)]
    )
    # A small limit stands in for the real one: the count does not depend on its size.
    monkeypatch.setattr(yaml_loader, "MAX_NODES", limit)
    assert _findings(at_limit.encode()) == []
    found = _findings(beyond.encode())
    assert [f[:3] for f in found] == [("FA010", *where)], found
    assert f"more than {limit} YAML nodes" in found[0][3]


def test_validate_names_the_limit_and_the_place_in_german(
    invoke: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(_flow_list(MAX_NODES))
    result = invoke("validate", path, env={"FACHAKTE_LANG": "de"})
    assert result.exit_code == 1, result.output
    column = len("items: [") + 1 + 2 * (MAX_NODES - 5)
    assert f"big.yaml:2:{column}: Fehler FA010: " in result.stdout, result.stdout
    assert f"die Datei enthält mehr als {MAX_NODES} YAML-Knoten" in result.stdout
    explained = invoke("explain", "FA010", env={"FACHAKTE_LANG": "de"}).stdout
    assert "mehr als 100 000 YAML-Knoten" in explained
