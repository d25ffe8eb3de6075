"""YAML text from test data that reads the same in YAML 1.1 and 1.2, and test data from YAML.

PyYAML writes `"05999000"` or `"1e3"` without quotes because YAML 1.1 reads them as text, but
YAML 1.2 (editors) reads numbers there and `fachakte validate` refuses them (FA011). This
dumper also quotes every text that YAML 1.2 would read as a number.
"""

from __future__ import annotations

import re
from typing import Any

import yaml


class _Dumper(yaml.CSafeDumper):
    pass


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+)$"), list("-+0123456789")
)
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)


def dump(data: Any, **options: Any) -> str:
    """`yaml.safe_dump(data, allow_unicode=True, **options)`, quoting YAML 1.2 numbers."""
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, **options)
    return text


def load(text: str) -> Any:
    """`yaml.safe_load(text)` with LibYAML's parser: the same data, about ten times faster on
    catalogue files (the pure-Python parser cost the diff tests seconds)."""
    return yaml.load(text, Loader=yaml.CSafeLoader)
