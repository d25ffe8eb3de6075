"""The one `$ref` resolver of the JSON Schemas in schemas/: a `referencing` registry built once.

The schemas refer to each other by file name (`common.schema.json#/$defs/field`), relative to the
file the reference stands in. The validator (check/schema.py), the canonical key order of `fmt`
and the generated language reference all resolve references through this registry, so they
cannot disagree about what a reference points at.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from fachakte_compiler.resources import schemas_dir

if TYPE_CHECKING:
    from referencing import Registry

Schema = dict[str, Any]
# Longer chains are a cycle: the shipped schemas need at most two hops.
MAX_HOPS = 32


@cache
def documents() -> dict[str, Schema]:
    """File name -> parsed JSON Schema of every `*.schema.json`, read once per process."""
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(schemas_dir().glob("*.schema.json"))
    }


@cache
def registry() -> Registry[Any]:
    """The schemas as a `referencing` registry, keyed by file name (the URI the $refs use)."""
    from referencing import Registry, Resource

    resources = [(name, Resource.from_contents(doc)) for name, doc in documents().items()]
    return Registry().with_resources(resources).crawl()


def resolve(node: Schema, base: str, keep_siblings: bool = False) -> tuple[Schema, str]:
    """Follow `node`'s `$ref` chain from the file `base`; return the target and the file name it
    lives in (the base for its own references). A node without `$ref` is returned as it is.
    With `keep_siblings`, keys beside a `$ref` (such as a more specific `description`) override
    the target's, the outermost winning. Raises ValueError for a chain longer than MAX_HOPS and
    referencing's Unresolvable for a reference to nothing."""
    siblings: Schema = {}
    resolver = registry().resolver(base_uri=base)
    for _ in range(MAX_HOPS):
        ref = node.get("$ref")
        if not isinstance(ref, str):
            return ({**node, **siblings} if keep_siblings else node), base
        if keep_siblings:
            siblings = {**{k: v for k, v in node.items() if k != "$ref"}, **siblings}
        resolved = resolver.lookup(ref)
        node, resolver = resolved.contents, resolved.resolver
        base = ref.partition("#")[0] or base
    raise ValueError(f"$ref chain longer than {MAX_HOPS} hops in {base}")
