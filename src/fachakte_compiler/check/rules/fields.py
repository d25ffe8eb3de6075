"""Fields are well-formed for their type; ids match file names."""

from __future__ import annotations

import math
import sys

from fachakte_compiler import date_texts
from fachakte_compiler.check.context import Context, Item
from fachakte_compiler.check.pattern_backtracking import backtracking_problem
from fachakte_compiler.check.pattern_dialect import pattern_problem
from fachakte_compiler.check.rules.base import rule
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Example, Severity, code
from fachakte_compiler.diagnostics.suggest import closest, is_id
from fachakte_compiler.i18n import _

FA212 = code(
    "FA212",
    "unused-field",
    "field is used neither by the Akte nor a document type",
    """
    Fields under `fields:` of a Fachakte become Doxis4 descriptors only where the Akte or a
    document type lists them. An unused field is usually a forgotten reference.""",
    Severity.WARNING,
    examples=(Example(EXAMPLE_FACHAKTE, "fields: [bescheiddatum]", "fields: []", "bescheiddatum"),),
)
# FA213: a key that does not fit the field's type, one sub-code per condition.
FA213_1 = code(
    "FA213.1",
    "type-needs-key",
    "a code or baustein field names no value list or Baustein",
    """
    A field of type code needs `code_list` (the value list it offers), a field of type baustein
    needs `baustein` (the building block whose fields it brings).""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    type: code\n    code_list: antragsart\n",
            "    type: code\n",
            "id: antragsart",
            2,
        ),
    ),
)
FA213_2 = code(
    "FA213.2",
    "key-not-for-type",
    "a field key does not apply to the field's type",
    """
    `code_list` belongs to type code and `baustein` to type baustein; `min_length` and
    `max_length` apply to string and text, `pattern` to string only; `minimum`/`maximum` to
    integer, decimal and date; `decimal_places` to decimal. Elsewhere the key would be ignored
    by Doxis4, so it is an error rather than a silent no-op.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    type: date\n    required: true\n",
            "    type: date\n    required: true\n    max_length: 3\n",
            "max_length: 3",
        ),
    ),
)
FA213_3 = code(
    "FA213.3",
    "special-without-category",
    "special-category data names no Art. 9 category",
    """
    `personal_data: special` marks data of the special categories of Art. 9 (1) DSGVO; which one
    (`special_category`, e.g. gesundheit) must be named, because the record of processing
    activities and the Doxis4 descriptors state it.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    type: decimal\n    decimal_places: 2\n",
            "    type: decimal\n    personal_data: special\n    decimal_places: 2\n",
            "special\n",
        ),
    ),
)
FA213_4 = code(
    "FA213.4",
    "category-without-special",
    "an Art. 9 category is named for data that is not special",
    """
    `special_category` is allowed only together with `personal_data: special`; for any other
    class it would claim a category the field does not have.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    type: decimal\n    decimal_places: 2\n",
            "    type: decimal\n    special_category: gesundheit\n    decimal_places: 2\n",
            "special_category",
        ),
    ),
)
FA213_5 = code(
    "FA213.5",
    "date-limit-not-a-date",
    "minimum or maximum of a date field is not a date",
    """
    The limits of a date field are dates written as "YYYY-MM-DD" (in quotes, see FA011), of
    an existing day; `"20260101"` or `"2026-W01-1"` are no such dates (the hint proposes
    `"2026-01-01"` where the digits spell one).""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    type: date\n    required: true\n",
            "    type: date\n    required: true\n    minimum: 5\n",
            "5\n",
        ),
        Example(
            EXAMPLE_FACHAKTE,
            "    type: date\n    required: true\n",
            '    type: date\n    required: true\n    minimum: "20260101"\n',
            '"2026',
        ),
    ),
)
FA213_6 = code(
    "FA213.6",
    "number-limit-not-a-number",
    "minimum or maximum of a number field is text",
    """
    The limits of an integer or decimal field are numbers; write them without quotes.""",
    examples=(Example(EXAMPLE_FACHAKTE, "    minimum: 0\n", '    minimum: "0"\n', '"0"'),),
)
FA213_7 = code(
    "FA213.7",
    "minimum-above-maximum",
    "minimum is greater than maximum",
    """
    No value could satisfy both limits; one of them is mistyped.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    minimum: 0\n",
            "    minimum: 10\n    maximum: 5\n",
            "10\n    maximum",
        ),
    ),
)
FA213_8 = code(
    "FA213.8",
    "min-length-above-max-length",
    "min_length is greater than max_length",
    """
    No text could satisfy both lengths; one of them is mistyped.""",
    examples=(
        Example(
            "bausteine/person.yaml",
            "    max_length: 100\n",
            "    min_length: 200\n    max_length: 100\n",
            "200",
        ),
    ),
)
FA213_9 = code(
    "FA213.9",
    "number-limit-out-of-range",
    "minimum or maximum of a number field beyond what the descriptor holds",
    """
    An integer field becomes a Doxis4 `LONG` descriptor (64 bits: −9223372036854775808 to
    9223372036854775807), a decimal field a `DOUBLE`; a limit beyond that range, or one that is
    not a finite number, can never be stored or compared and would only fail at the import.
    Write the real limit of the value.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE,
            "    type: decimal\n    decimal_places: 2\n    minimum: 0\n",
            "    type: integer\n    minimum: 0\n    maximum: 99999999999999999999\n",
            "99999999999999999999",
        ),
    ),
)
FA214 = code(
    "FA214",
    "pattern-backtracking",
    "a field pattern can take exponential time to reject a value",
    """
    Doxis4 (Java) and editors (ECMA-262) match patterns by backtracking. A repeated group
    whose content can match the same text in more than one way, such as `(a+)+`, `(a|a)*` or
    `([a-z]+ ?)+`, makes a value that does not match try every way of splitting it: thirty
    characters can keep a Doxis4 client busy for minutes. Write the pattern so that each
    character has one way to be matched: `^[a-z]+( [a-z]+)*$` instead of `^([a-z]+ ?)+$`.""",
    examples=(
        Example(
            "bausteine/person.yaml",
            "    max_length: 100\n    required: true\n",
            "    max_length: 100\n    pattern: '^([a-z]+ ?)+$'\n    required: true\n",
            "'^([a-z]+ ?)+$'",
        ),
    ),
)
FA215 = code(
    "FA215",
    "id-file-mismatch",
    "the id differs from the file name",
    """
    A Fachakte or Baustein file is named after its id (`wohngeld.yaml` holds `id: wohngeld`), so
    that people and tools find a definition by its id.""",
    examples=(Example(EXAMPLE_FACHAKTE, "id: beispiel", "id: beispiel_neu", "beispiel_neu"),),
)
FA216 = code(
    "FA216",
    "bad-pattern",
    "a field pattern is not a valid regular expression",
    """
    `pattern` is a regular expression that the whole value must match. It is read as JSON
    Schema and editors read it, as an ECMA-262 regular expression (with Unicode, so `\\p{L}`
    works); Python-only syntax such as `(?P<name>…)` or `\\Z` and POSIX classes such as
    `[[:digit:]]` are no ECMA-262. The message shows why it cannot be compiled; FA217 names the
    subset that every target reads alike.""",
    examples=(
        Example(
            "bausteine/person.yaml",
            "    max_length: 100\n    required: true\n",
            "    max_length: 100\n    pattern: '[A-Z'\n    required: true\n",
            "'[A-Z'",
        ),
    ),
)
FA217 = code(
    "FA217",
    "pattern-not-portable",
    "a field pattern is read differently by Java, XML Schema or ECMA-262",
    """
    A pattern travels into Doxis4 (Java), into XML Schema facets and into editors (ECMA-262).
    Only what all three read alike is allowed: `^` at the start and `$` at the end (the whole
    value), characters, escaped metacharacters (`\\.`, `\\+`, `\\(`), classes with ranges
    (`[A-Za-z0-9 ]`, `[^@]`), Unicode categories (`\\p{L}`, `\\p{Lu}`, `\\P{N}`), groups
    `( )`, `|` inside a group, and `? * + {n} {n,} {n,m}`. Not allowed: `\\d \\w \\s` and
    `.` (they match different characters in each), `(?…)` groups, lazy quantifiers,
    back-references, `&&` or `[` inside a class, and `^`/`$` anywhere but at the ends. The check
    compiles the pattern with an ECMA-262 engine and an XML Schema engine.""",
    examples=(
        Example(
            "bausteine/person.yaml",
            "    max_length: 100\n    required: true\n",
            "    max_length: 100\n    pattern: '^\\w+$'\n    required: true\n",
            "'^\\w+$'",
        ),
    ),
)

# English takes "an" before these (type names are written as in the schema: lower case).
_VOWELS = frozenset("aeiou")
_NEEDS = {"code": "code_list", "baustein": "baustein"}
_APPLIES = {
    "code_list": {"code"},
    "baustein": {"baustein"},
    "min_length": {"string", "text"},
    "max_length": {"string", "text"},
    "pattern": {"string"},
    "minimum": {"integer", "decimal", "date"},
    "maximum": {"integer", "decimal", "date"},
    "decimal_places": {"decimal"},
}


# The range of a Doxis4 LONG descriptor (bl.IDescriptor TYPE_LONG, a Java long).
_LONG_RANGE = (-(2**63), 2**63 - 1)


def _storable(value: object, kind: str) -> bool:
    """Whether a number limit fits the field's descriptor (LONG for integer, DOUBLE else)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return True  # not a number: another finding's business
    if not math.isfinite(value):
        return False
    if kind == "integer":
        return _LONG_RANGE[0] <= value <= _LONG_RANGE[1]
    return abs(value) <= sys.float_info.max


def _check_range(ctx: Context, item: Item, kind: str) -> None:
    for key in ("minimum", "maximum"):
        value = item.data.get(key)
        if value is None or kind not in _APPLIES[key]:
            # A key that does not apply to the type (FA213.2) gets that one finding only.
            continue
        if kind == "date":
            # YYYY-MM-DD only: Python also reads `20260101` and `2026-W01-1` as dates.
            if not date_texts.is_iso_date(str(value)):
                meant = date_texts.meant(str(value))
                ctx.report(
                    FA213_5,
                    item.source,
                    (*item.path, key),
                    _('{key} of a date field must be a date like "2000-01-01"').format(key=key),
                    hint=_("write {instance}").format(instance=f'"{meant}"')
                    if date_texts.is_iso_date(meant)
                    else None,
                )
        elif isinstance(value, str):
            ctx.report(
                FA213_6,
                item.source,
                (*item.path, key),
                (
                    _("{key} of an {kind} field must be a number")
                    if kind[:1] in _VOWELS
                    else _("{key} of a {kind} field must be a number")
                ).format(key=key, kind=kind),
            )
        elif not _storable(value, kind):
            ctx.report(
                FA213_9,
                item.source,
                (*item.path, key),
                _("{key} {value} is beyond what a {doxis4} descriptor holds").format(
                    key=key, value=value, doxis4="LONG" if kind == "integer" else "DOUBLE"
                ),
                hint=_("write the real limit of the value"),
            )
    low, high = item.data.get("minimum"), item.data.get("maximum")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        ctx.report(
            FA213_7,
            item.source,
            (*item.path, "minimum"),
            _("minimum {low} is greater than maximum {high}").format(low=low, high=high),
        )
    low, high = item.data.get("min_length"), item.data.get("max_length")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        ctx.report(
            FA213_8,
            item.source,
            (*item.path, "min_length"),
            _("min_length {low} is greater than max_length {high}").format(low=low, high=high),
        )


def _check_field(ctx: Context, item: Item) -> None:
    kind = item.text("type")
    if kind is None:
        return
    needed = _NEEDS.get(kind)
    if needed and needed not in item.data:
        ctx.report(
            FA213_1,
            item.source,
            item.path,
            _("field '{id}' of type {kind} needs '{needed}'").format(
                id=item.id, kind=kind, needed=needed
            ),
            key=True,
        )
    for key, types in _APPLIES.items():
        if key in item.data and kind not in types:
            ctx.report(
                FA213_2,
                item.source,
                (*item.path, key),
                _("'{key}' does not apply to a field of type {kind}").format(key=key, kind=kind),
                key=True,
                hint=_("'{key}' is for type {types}").format(
                    key=key, types=" / ".join(sorted(types))
                ),
            )
    special = item.text("personal_data") == "special"
    if special and "special_category" not in item.data:
        ctx.report(
            FA213_3,
            item.source,
            (*item.path, "personal_data"),
            _("field '{id}' is special-category data but names no 'special_category'").format(
                id=item.id
            ),
            hint=_("add e.g. special_category: gesundheit"),
        )
    # A rejected personal_data (FA104) may well be meant as special.
    if not special and "special_category" in item.data and not item.rejects("personal_data"):
        ctx.report(
            FA213_4,
            item.source,
            (*item.path, "special_category"),
            _("'special_category' needs personal_data: special"),
            key=True,
        )
    _check_range(ctx, item, kind)
    pattern = item.text("pattern")
    if pattern is not None:
        problem = pattern_problem(pattern)
        if problem is not None:
            ctx.report(
                FA217 if problem.portable else FA216,
                item.source,
                (*item.path, "pattern"),
                problem.message,
                hint=problem.hint,
            )
        elif (slow := backtracking_problem(pattern)) is not None:
            ctx.report(
                FA214,
                item.source,
                (*item.path, "pattern"),
                _(slow),
                hint=_(
                    "let each character be matched one way only, e.g. ^[a-z]+( [a-z]+)*$ for "
                    "^([a-z]+ ?)+$"
                ),
            )


@rule(
    FA213_1,
    FA213_2,
    FA213_3,
    FA213_4,
    FA213_5,
    FA213_6,
    FA213_7,
    FA213_8,
    FA213_9,
    FA214,
    FA216,
    FA217,
)
def field_types(ctx: Context) -> None:
    for definition in ctx.definitions():
        for item in definition.root.items("fields"):
            _check_field(ctx, item)


@rule(FA212)
def fields_used(ctx: Context) -> None:
    for definition in ctx.fachakten:
        used = definition.akte.names("fields")
        for doc in definition.document_types.values():
            used.update(doc.names("fields"))
        # An unknown name (FA201) proposes the field that was meant; that field is then not
        # "unused" as well: one finding per mistake.
        used.update(
            closest(name, definition.fields, valid=is_id) or name
            for name in used - definition.fields.keys()
        )
        for field_id, item in definition.fields.items():
            if field_id not in used:
                ctx.report(
                    FA212,
                    item.source,
                    (*item.path, "id"),
                    _("field '{field_id}' is not used by the Akte or any document type").format(
                        field_id=field_id
                    ),
                    hint=_("list it under akte.fields or a document type's fields"),
                )


@rule(FA215)
def ids_match_files(ctx: Context) -> None:
    for definition in ctx.definitions():
        ident = definition.root.id
        stem = definition.source.path.stem
        if ident is not None and ident != stem:
            ctx.report(
                FA215,
                definition.source,
                ("id",),
                _("id '{ident}' differs from the file name '{name}'").format(
                    ident=ident, name=definition.source.path.name
                ),
                # Either may be the slip: an id edited by mistake, or a file saved as a copy.
                hint=(
                    _("write id: {stem}, or rename the file to {ident}.yaml")
                    if is_id(stem)
                    else _("rename the file to {ident}.yaml")
                ).format(stem=stem, ident=ident),
            )
