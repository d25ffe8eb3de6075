"""What semantic rules see: tolerant accessors over loaded data and indexes of named entries.

Rules also run on files with schema errors (so that all findings appear at once); the accessors
therefore skip anything that does not have the expected shape instead of failing on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from fachakte_compiler.diagnostics import Code, Diagnostic, Span
from fachakte_compiler.diagnostics.suggest import closest, did_you_mean, is_id, meant_spellings
from fachakte_compiler.i18n import _
from fachakte_compiler.load.catalogue import Catalogue
from fachakte_compiler.load.source import DataPath, SourceFile

# A place in the catalogue: file (`SourceFile.display`), line and column.
Place = tuple[str, int, int]


@dataclass(frozen=True)
class Rejected:
    """The single values (texts, numbers, ...) that the schema check or the loader already
    reported as invalid (see check.runner), as paths per file (`SourceFile.display`).

    Rules read such a value as absent (Item.text, Item.refs), so that one mistake gets one
    finding: `type: strng` is not judged again for the keys a type allows, a reference
    `Grabstelle` is not also unknown. `places` are where the values stand: a rule's finding
    there is dropped (a field id `bescheiddätum` is not also unused). `names` maps every
    spelling that an author may have meant by a rejected id (`brilön`: 'brilön', 'briloen',
    'brilon') to the place of that id, for references that use one (Context.unknown,
    Context.stands_for_rejected). They count anywhere in the catalogue: a reference in one file
    may name an id of another (owners, delegations), and a name that only spells a rejected
    id is hardly a second, unrelated mistake.
    """

    paths: dict[str, frozenset[DataPath]] = field(default_factory=dict)
    places: frozenset[Place] = frozenset()
    names: dict[str, Place] = field(default_factory=dict)

    def holds(self, source: SourceFile, path: DataPath) -> bool:
        return path in self.paths.get(source.display, ())


NOTHING_REJECTED = Rejected()


@dataclass(frozen=True)
class Item:
    """One mapping inside a file, with its path, e.g. a field or a role. Its accessors skip
    the values in `rejected`."""

    source: SourceFile
    path: DataPath
    data: dict[str, Any]
    rejected: Rejected = NOTHING_REJECTED

    @property
    def id(self) -> str | None:
        # Also a rejected id: it still names its item (an index keeps a document type whose
        # id has a capital, so that its fields count as used); references that spell it
        # differently are Context.unknown's, findings at the id itself the runner's to drop.
        value = self.data.get("id")
        return value if isinstance(value, str) else None

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if not isinstance(value, str) or self.rejected.holds(self.source, (*self.path, key)):
            return None
        return value

    def rejects(self, key: str) -> bool:
        """The value under `key` is there, but the schema check rejected it (see Rejected)."""
        return key in self.data and self.rejected.holds(self.source, (*self.path, key))

    def sub(self, key: str) -> Item | None:
        value = self.data.get(key)
        if not isinstance(value, dict):
            return None
        return Item(self.source, (*self.path, key), value, self.rejected)

    def items(self, key: str) -> list[Item]:
        value = self.data.get(key)
        if not isinstance(value, list):
            return []
        return [
            Item(self.source, (*self.path, key, i), v, self.rejected)
            for i, v in enumerate(value)
            if isinstance(v, dict)
        ]

    def _strings(self, key: str) -> list[tuple[DataPath, str, bool]]:
        """String entries of a list (or a single string) under `key`: path, text, and
        whether the schema check rejected it."""
        value = self.data.get(key)
        if isinstance(value, str):
            found = [((*self.path, key), value)]
        elif isinstance(value, list):
            found = [((*self.path, key, i), v) for i, v in enumerate(value) if isinstance(v, str)]
        else:
            return []
        return [(path, v, self.rejected.holds(self.source, path)) for path, v in found]

    def refs(self, key: str) -> list[tuple[DataPath, str]]:
        """String entries of a list (or a single string) under `key`, with their paths."""
        return [(path, v) for path, v, rejected in self._strings(key) if not rejected]

    def rejected_refs(self, key: str) -> list[tuple[DataPath, str]]:
        """The string entries under `key` (as `refs`) that the schema check rejected."""
        return [(path, v) for path, v, rejected in self._strings(key) if rejected]

    def names(self, key: str) -> set[str]:
        """The texts under `key` (a list or a single text) as names, a rejected one
        (`Hebesatz` in a list of field ids) by every spelling it may stand for: what a list
        names stays named (not unused, FA211, FA212) while the entry has its own finding."""
        value = self.data.get(key)
        entries = value if isinstance(value, list) else [value]
        named: set[str] = set()
        for index, entry in enumerate(entries):
            if not isinstance(entry, str):
                continue
            path = (*self.path, key, index) if isinstance(value, list) else (*self.path, key)
            rejected = self.rejected.holds(self.source, path)
            named.update(meant_spellings(entry) if rejected else (entry,))
        return named


def by_id(items: list[Item]) -> dict[str, Item]:
    """First item per id (duplicates are reported by their own rule)."""
    index: dict[str, Item] = {}
    for item in items:
        if item.id is not None:
            index.setdefault(item.id, item)
    return index


@dataclass
class Definition:
    """Index of the named parts of a Fachakte or Baustein file."""

    root: Item

    @property
    def source(self) -> SourceFile:
        return self.root.source

    @cached_property
    def fields(self) -> dict[str, Item]:
        return by_id(self.root.items("fields"))

    @cached_property
    def code_lists(self) -> dict[str, Item]:
        return by_id(self.root.items("code_lists"))

    @cached_property
    def akte(self) -> Item:
        return self.root.sub("akte") or Item(self.source, ("akte",), {})

    @cached_property
    def document_types(self) -> dict[str, Item]:
        return by_id(self.root.items("document_types"))

    @cached_property
    def registers(self) -> dict[str, Item]:
        return by_id(self.akte.items("registers"))

    @cached_property
    def roles(self) -> dict[str, Item]:
        return by_id(self.root.items("roles"))

    @cached_property
    def workflow(self) -> Item:
        return self.root.sub("workflow") or Item(self.source, ("workflow",), {})

    @cached_property
    def states(self) -> dict[str, Item]:
        return by_id(self.workflow.items("states"))


@dataclass
class Context:
    catalogue: Catalogue
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rejected: Rejected = NOTHING_REJECTED
    # The places of rejected ids that references spell in a valid form: the name they use.
    meant: dict[Place, str] = field(default_factory=dict)

    def root(self, source: SourceFile) -> Item:
        """The whole file as an item (an empty one where it holds no mapping)."""
        data = source.data if isinstance(source.data, dict) else {}
        return Item(source, (), data, self.rejected)

    def report(
        self,
        entry: Code,
        source: SourceFile,
        path: DataPath,
        message: str,
        *,
        key: bool = False,
        hint: str | None = None,
        part: str | None = None,
    ) -> None:
        """Report at the value or key at `path`; with `part` (a piece of that value such as
        one placeholder of a template) at that piece where it stands as written on the line."""
        span = source.span(path, key=key)
        if span is not None and part:
            found = source.line(span.line).find(part, span.col - 1)
            if found >= 0:
                span = Span(span.line, found + 1, found + 1 + len(part))
        self.diagnostics.append(
            Diagnostic(entry.code, message, source.display, span, entry.severity, hint)
        )

    def unknown(
        self,
        entry: Code,
        source: SourceFile,
        path: DataPath,
        what: str,
        name: str,
        known: dict[str, Any] | list[str],
        context: str = "",
    ) -> None:
        # `what` (a kind of thing: "tenant", "role") and `context` come translated.
        if self.stands_for_rejected(name):
            return
        message = (
            _("{context} uses unknown {what} '{name}'").format(
                context=context, what=what, name=name
            )
            if context
            else _("unknown {what} '{name}'").format(what=what, name=name)
        )
        self.report(entry, source, path, message, hint=did_you_mean(name, known, valid=is_id))

    def propose_known(self, item: Item, key: str, known: dict[str, Any] | list[str]) -> None:
        """A reference under `key` that the schema check rejected for its spelling (FA105,
        `bemerküng`) gets the known name it most likely means as its proposal (`bemerkung`):
        its mere ASCII form (`bemerkueng`) may name nothing at all."""
        for path, name in item.rejected_refs(key):
            meant = closest(name, known, valid=is_id)
            span = item.source.span(path)
            if meant is not None and span is not None:
                self.meant.setdefault((item.source.display, span.line, span.col), meant)

    def stands_for_rejected(self, *names: str) -> bool:
        """One of `names` (the parts of a reference) spells an id that the schema check
        rejected (Rejected.names): the reference is then not judged again, it is right and the
        id is to change, to the name the reference uses where that is a valid id."""
        for name in names:
            place = self.rejected.names.get(name)
            if place is not None:
                if is_id(name):
                    self.meant.setdefault(place, name)
                return True
        return False

    @cached_property
    def fachakten(self) -> list[Definition]:
        return [Definition(self.root(f)) for f in self.catalogue.of_kind("fachakte")]

    @cached_property
    def bausteine(self) -> dict[str, Definition]:
        index: dict[str, Definition] = {}
        for source in self.catalogue.of_kind("baustein"):
            definition = Definition(self.root(source))
            if definition.root.id is not None:
                index.setdefault(definition.root.id, definition)
        return index

    @cached_property
    def tenants(self) -> dict[str, Item]:
        items = [
            i for f in self.catalogue.of_kind("tenants") for i in self.root(f).items("tenants")
        ]
        return by_id(items)

    @cached_property
    def delegations(self) -> list[Item]:
        return [
            i
            for f in self.catalogue.of_kind("delegations")
            for i in self.root(f).items("delegations")
        ]

    @property
    def knows_tenants(self) -> bool:
        return self.catalogue.has_kind("tenants")

    @property
    def knows_bausteine(self) -> bool:
        # Without a catalogue root a single Fachakte cannot see the building blocks.
        return self.catalogue.root is not None and all(
            f.loaded for f in self.catalogue.files if f.kind == "baustein"
        )

    def definitions(self) -> list[Definition]:
        return [*self.fachakten, *self.bausteine.values()]
