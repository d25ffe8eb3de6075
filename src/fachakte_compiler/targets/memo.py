"""Results kept by the identity of the frozen model object they are computed from.

Hashing a frozen Fachakte or Catalogue would walk all of it, which costs about as much as what
the targets compute from it; its identity is free. A result is kept together with its object,
so an id reused after the object is gone can never hit. Every memo is bounded: a language
server builds new catalogues all day.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

_T = TypeVar("_T")
_P = ParamSpec("_P")
_R = TypeVar("_R")
# Results per memo; the shipped catalogue needs a few dozen.
LIMIT = 64


def by_identity(function: Callable[Concatenate[_T, _P], _R]) -> Callable[Concatenate[_T, _P], _R]:
    """`function` with its results kept per identity of the first argument and the values of
    the others (which must be hashable). The results are shared: they must be immutable."""
    kept: dict[tuple[object, ...], tuple[_T, _R]] = {}

    @functools.wraps(function)
    def remembered(subject: _T, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        key = (id(subject), *args, *sorted(kwargs.items()))
        known = kept.get(key)
        if known is not None and known[0] is subject:
            return known[1]
        result = function(subject, *args, **kwargs)
        if len(kept) >= LIMIT:
            kept.clear()
        kept[key] = (subject, result)
        return result

    return remembered
