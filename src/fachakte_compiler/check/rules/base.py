"""A semantic rule: a detector and the codes it declares; it may report no other code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fachakte_compiler.check.context import Context
from fachakte_compiler.diagnostics import Code

Detector = Callable[[Context], None]


@dataclass(frozen=True)
class Rule:
    """`detect` reports findings through the context; the runner rejects (as an internal error)
    any finding whose code is not one of `codes`."""

    name: str
    codes: tuple[Code, ...]
    detect: Detector

    def __call__(self, ctx: Context) -> None:
        self.detect(ctx)


def rule(*codes: Code) -> Callable[[Detector], Rule]:
    """Declare a detector with the codes it reports: `@rule(FA212)` over `def f(ctx)`."""

    def declare(detect: Detector) -> Rule:
        return Rule(detect.__name__, codes, detect)

    return declare
