"""JSON Schema validation of each file, with errors turned into positioned diagnostics."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from fachakte_compiler import date_texts
from fachakte_compiler.check.enum_synonyms import suggest_value
from fachakte_compiler.check.fast_schema import is_valid
from fachakte_compiler.check.pattern_texts import FORMATS, PATTERNS, Expected
from fachakte_compiler.diagnostics import EXAMPLE_FACHAKTE, Diagnostic, Example, Span, code
from fachakte_compiler.diagnostics.diagnostic import one_line
from fachakte_compiler.diagnostics.render import shorten
from fachakte_compiler.diagnostics.suggest import (
    ascii_form,
    closest,
    did_you_mean,
    respelling,
    suggestion_text,
)
from fachakte_compiler.i18n import N_, _, ngettext
from fachakte_compiler.language import german
from fachakte_compiler.load.source import SourceFile
from fachakte_compiler.resources import SCHEMA_KINDS, schemas_dir
from fachakte_compiler.schema_refs import documents, registry, resolve

FA101 = code(
    "FA101",
    "missing-key",
    "a required key is missing",
    """
    The JSON Schema of this kind of file requires the key. `fachakte schema KIND` prints the
    schema; editors with the YAML language server show the required keys as you type, thanks to
    the `# yaml-language-server: $schema=...` line at the top of each file. A key that is there
    but misspelt (`titel:`) is one mistake: the unknown key (FA102) proposes the right one, and
    the key is not reported as missing as well.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE, "title: Beispielakte\ndescription", "description", "id: beispiel"
        ),
    ),
)
FA102 = code(
    "FA102",
    "unknown-key",
    "a key is not part of the definition language",
    """
    The key is not defined at this place. Usually it is misspelt (the message suggests the
    closest known key) or belongs one level higher or lower. Unknown keys are errors rather than
    being ignored, so that a typo never silently drops a setting.""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE, "    decimal_places: 2\n", "    decimal_place: 2\n", "decimal_place"
        ),
    ),
)
FA103 = code(
    "FA103",
    "wrong-type",
    "a value has the wrong type",
    """
    The value is of a different type than the schema expects, e.g. a list where a single value
    is meant. If YAML typed an unquoted value unexpectedly (see FA011), put it in quotes.
    Where a date is expected, a number, a boolean or a date with a time is no date: write the
    day alone as YYYY-MM-DD (`valid_from: 20260101` proposes `2026-01-01`; quoting the digits
    would not make them a date).""",
    examples=(
        Example(
            EXAMPLE_FACHAKTE, "owners: [kreis, nordstadt, suedstadt]", "owners: kreis", "kreis"
        ),
        Example("delegations.yaml", "valid_from: 2026-01-01", "valid_from: 20260101", "2026"),
    ),
)
FA104 = code(
    "FA104",
    "invalid-choice",
    "a value is not one of the allowed choices",
    """
    The key accepts only a fixed set of values (for example `type`, `disposition` A/B/V, or the
    personal-data classes none/personal/special). The message lists them.""",
    examples=(Example(EXAMPLE_FACHAKTE, "disposition: B", "disposition: X", "X"),),
)
FA105 = code(
    "FA105",
    "invalid-value",
    "a value violates a constraint",
    """
    The value does not meet a constraint of the language: a pattern, a length, a range, a
    minimum or maximum number of entries, or uniqueness within a list. For a pattern or a
    date the message says what the place expects (an id in lowercase snake_case, an Aktenplan
    Kennzeichen such as 50.60.10, a version MAJOR.MINOR.PATCH, an AGS of 8 digits, a Doxis4
    name in capitals, a date YYYY-MM-DD, ...) and proposes the spelling that was probably
    meant when that one is valid (`22-20-20`: `22.20.20`; `Brilon`: `BRILON`; `31.12.2027`:
    `2027-12-31`; `20271231`: `2027-12-31`); editors offer it as a quick fix. A date that
    names no day of the calendar gets which part is wrong (`"2026-02-30"`: February 2026
    has 28 days), a date with a time the date alone (`"2026-01-01 10:00"`: write the date
    alone: 2026-01-01). An
    id written with capitals, umlauts, ß, blanks or hyphens (`Fundört`) gets its ASCII form
    (`fundoert`: ä, ö, ü, ß as ae, oe, ue, ss; blanks and hyphens as `_`) or the spelling
    that the references to it use (`fundort`). Those references are then not reported as
    unknown as well, and no other rule reports the rejected value again.""",
    examples=(
        Example(EXAMPLE_FACHAKTE, "version: 1.2.0", 'version: "1.2"', '"1.2"'),
        Example(
            EXAMPLE_FACHAKTE, "    - id: entscheidung", "    - id: Entscheidung", "Entscheidung"
        ),
        Example(
            "delegations.yaml", 'valid_until: "2027-12-31"', 'valid_until: "2027-02-29"', '"2027'
        ),
        Example(
            "delegations.yaml", "valid_from: 2026-01-01", "valid_from: 2026-01-01 10:00", "2026"
        ),
    ),
)
FA106 = code(
    "FA106",
    "alternatives",
    "exactly one of several alternatives must be given",
    """
    Some objects need exactly one of several keys: a retention has either `years` or
    `unlimited: true`; a resubmission has either `after_state` or `relative_to_field`.""",
    examples=(Example(EXAMPLE_FACHAKTE, "    years: 10\n", "", "retention"),),
)

_JSON_TYPES = {
    "string": N_("a string"),
    "integer": N_("an integer"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("a mapping"),
    "null": N_("null"),
}


@cache
def _flow_plain() -> re.Pattern[str]:
    """A text that stands in [ ] unquoted and means the same in YAML 1.1 and 1.2. Compiled
    on first use: its Unicode classes cost about 15 ms, in every process that imports this."""
    return re.compile(r"[A-Za-z_\u00c0-\uffff][\w.\u00c0-\uffff-]*")


def _as_list_hint(instance: Any, implicit: tuple[str, str] | None) -> str | None:
    """ "write [value]" for a single value where a list is expected; None for a mapping."""
    if isinstance(instance, dict | list) or instance is None:
        return None
    if implicit is not None:
        shown = implicit[1]
    elif (
        isinstance(instance, str)
        and _flow_plain().fullmatch(instance)
        and instance.lower() not in ("yes", "no", "on", "off", "y", "n", "true", "false", "null")
    ):
        shown = instance
    else:
        shown = json.dumps(str(instance), ensure_ascii=False)
    return _("write [{value}]").format(value=shorten(shown))


# Words authors write for yes and no (German, English, YAML 1.1's), that YAML 1.2 reads as text.
_YES = frozenset({"ja", "j", "wahr", "yes", "y", "on", "true", "1"})
_NO = frozenset({"nein", "n", "falsch", "no", "off", "false", "0"})


def _as_boolean_hint(instance: Any) -> str | None:
    """ "write true" for `ja`, `"yes"` or 1 where true or false is expected; None otherwise."""
    word = str(instance).strip().lower() if isinstance(instance, str | int) else None
    if word in _YES:
        return _("write {instance}").format(instance="true")
    if word in _NO:
        return _("write {instance}").format(instance="false")
    return None


def _as_mapping_hint(schema: dict[str, Any]) -> str | None:
    """ "give keys such as a, b on indented lines below it" where a mapping is expected and the
    schema names its keys; None otherwise."""
    keys = list(schema.get("properties", {}))
    if not keys:
        return None
    return _("give keys such as {keys} on indented lines below it").format(keys=", ".join(keys[:4]))


def _what_to_write(
    expected: list[str], instance: Any, implicit: tuple[str, str] | None, schema: dict[str, Any]
) -> str | None:
    """The hint of a type finding: how to write `instance` as the first of the expected JSON
    types that has one (a list, true or false, a mapping); None where none applies."""
    if "array" in expected:
        return _as_list_hint(instance, implicit)
    if "boolean" in expected:
        return _as_boolean_hint(instance)
    if "object" in expected:
        return _as_mapping_hint(schema)
    return None


def _type_name(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return _("a date and time")
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, int):
        return _("an integer")
    if isinstance(value, float):
        return _("a number with a decimal point") if value.is_integer() else _("a number")
    if isinstance(value, dt.date):
        return _("a date")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    if value is None:
        return _("empty (null)")
    return _("a string")


@cache
def _ecma_regex(pattern: str) -> Any:
    import regress

    return regress.Regex(pattern, "u")


def _pattern(v: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Any:
    # JSON Schema patterns are ECMA-262 regular expressions (2020-12 core, 6.4): `$` ends the
    # text, also before a final line break, where Python's `re` would still match.
    from jsonschema import ValidationError

    if isinstance(instance, str) and _ecma_regex(pattern).find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(v: Any, patterns: Any, instance: Any, schema: dict[str, Any]) -> Any:
    if not isinstance(instance, dict):
        return
    for pattern, subschema in patterns.items():
        regex = _ecma_regex(pattern)
        for name, value in instance.items():
            if regex.find(name) is not None:
                yield from v.descend(value, subschema, path=name, schema_path=pattern)


def _additional_properties(v: Any, extra: Any, instance: Any, schema: dict[str, Any]) -> Any:
    from jsonschema import ValidationError

    if not isinstance(instance, dict):
        return
    patterns = [_ecma_regex(p) for p in schema.get("patternProperties", {})]
    known = schema.get("properties", {})
    extras = [
        name
        for name in instance
        if name not in known and not any(r.find(name) is not None for r in patterns)
    ]
    if isinstance(extra, dict):
        for name in extras:
            yield from v.descend(instance[name], extra, path=name)
    elif extra is False and extras:
        yield ValidationError(f"unexpected properties: {', '.join(map(repr, extras))}")


def _type(v: Any, types: Any, instance: Any, schema: dict[str, Any]) -> Any:
    from jsonschema import ValidationError

    # YAML hands unquoted dates over as date objects; where the schema wants a date string
    # that is exactly what the author meant, so accept it there and nowhere else. A date and
    # time (a datetime, which is also a date) is not a date.
    if type(instance) is dt.date and schema.get("format") == "date":
        return
    names = [types] if isinstance(types, str) else types
    if not any(v.is_type(instance, name) for name in names):
        yield ValidationError(f"{instance!r} is not of type {', '.join(map(repr, names))}")


def _is_integer(checker: Any, instance: Any) -> bool:
    # The definition language reads `6.0` as a number with a fraction, not as an integer
    # (JSON Schema would accept it; the xdomea and Doxis4 outputs would not).
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def language_validator() -> Any:
    """jsonschema's Draft202012Validator class with the language's three readings: unquoted
    dates are dates, `6.0` is no integer, and patterns are ECMA-262 regular expressions."""
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        validators={
            "type": _type,
            "pattern": _pattern,
            "patternProperties": _pattern_properties,
            "additionalProperties": _additional_properties,
        },
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
    )


@cache
def validator(kind: str) -> Any:
    """One validator (see `language_validator`) per kind, created once per process."""
    from jsonschema import Draft202012Validator

    schema = documents()[f"{kind}.schema.json"]
    return language_validator()(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


_SHORT_VERSION = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?")
_FULL_VERSION = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*)){2}")


def _short_version(path: tuple[Any, ...], instance: Any, source: SourceFile) -> Diagnostic | None:
    """`version: 1.0` (YAML reads a number) or `version: "1.0"`: one finding that says what to
    write, instead of "quote it" (which would then fail the pattern) or the raw pattern."""
    if not path or path[-1] != "version" or isinstance(instance, bool):
        return None
    implicit = source.positions.resolve().implicit.get(path)
    raw = implicit[1] if implicit else instance if isinstance(instance, str) else None
    if raw is None:
        return None
    stripped = raw.strip()
    if stripped != raw and _FULL_VERSION.fullmatch(stripped):
        # `"1.0.0\n"` or a block scalar: the version is right, the white space around it not.
        return Diagnostic(
            FA105.code,
            _("'{raw}' has a line break or spaces around the version; write {version}").format(
                raw=raw, version=stripped
            ),
            source.display,
            source.span(path),
            hint=f"version: {stripped}",
        )
    if isinstance(instance, str) and not _SHORT_VERSION.fullmatch(raw):
        return None  # no short version: the pattern's own message (`v1.02.0`: 1.2.0)
    full = raw + ".0" * (2 - raw.count(".")) if _SHORT_VERSION.fullmatch(raw) else "1.0.0"
    return Diagnostic(
        FA105.code,
        _(
            "'{raw}' is not a full version MAJOR.MINOR.PATCH; write a full version such as {full}"
        ).format(raw=raw, full=full),
        source.display,
        source.span(path),
        hint=f"version: {full}" if full != "1.0.0" or raw in ("1", "1.0") else None,
    )


def _belongs_under(name: str, schema: dict[str, Any], instance: Any, kind: str) -> str | None:
    """The hint for a key written one level too shallow: `name` is a key of exactly one of this
    mapping's sub-mappings (`legal_minimum_years` beside `retention:` instead of in it)."""
    from referencing.exceptions import Unresolvable

    homes = []
    for key, sub in schema.get("properties", {}).items():
        ref = sub.get("$ref", "") if isinstance(sub, dict) else ""
        if ref.startswith("#"):
            continue  # relative to a file this error does not name: no hint rather than a wrong one
        try:
            target, _base = resolve(sub, f"{kind}.schema.json")
        except (Unresolvable, ValueError):
            continue
        if name in target.get("properties", {}):
            homes.append(key)
    if len(homes) != 1:
        return None
    there = isinstance(instance, dict) and isinstance(instance.get(homes[0]), dict)
    return (
        _("'{name}' belongs under '{home}:': indent it there").format(name=name, home=homes[0])
        if there
        else _("'{name}' belongs under '{home}:'").format(name=name, home=homes[0])
    )


def _describe(error: Any, source: SourceFile) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    keyword = error.validator
    schema = error.schema
    instance = error.instance
    span = source.span(path)
    hint = None
    if keyword in ("type", "pattern") and (short := _short_version(path, instance, source)):
        return [short]
    if keyword == "required":
        # jsonschema reports each missing key as its own error of the same mapping; every one
        # of them is described here and check_schema keeps one finding per key.
        missing_keys = [
            k for k in schema["required"] if not isinstance(instance, dict) or k not in instance
        ] or schema["required"][:1]
        where = f"'{path[-1]}'" if path and isinstance(path[-1], str) else _("this entry")
        span = source.span(path, key=True)
        unknown = (
            [k for k in instance if k not in schema.get("properties", {})]
            if isinstance(instance, dict)
            else []
        )
        found = []
        known = list(schema.get("properties", {}))
        for missing in missing_keys:
            # The author's own key, named as the likely misspelling (not proposed to write).
            typo = closest(missing, unknown, valid=None)
            if typo is not None and closest(typo, known, valid=None) == missing:
                continue  # one mistake: the unknown key's FA102 proposes this key
            found.append(
                Diagnostic(
                    FA101.code,
                    _("{where} is missing required key '{missing}'").format(
                        where=where, missing=missing
                    ),
                    source.display,
                    span,
                    hint=(
                        _("is '{typo}' a misspelling of '{missing}'?").format(
                            typo=typo, missing=missing
                        )
                        if typo
                        else None
                    ),
                )
            )
        return found
    if keyword == "additionalProperties":
        known = list(schema.get("properties", {}))
        return [
            Diagnostic(
                FA102.code,
                _("unknown key '{name}'").format(name=name),
                source.display,
                source.span((*path, name), key=True),
                hint=did_you_mean(name, known, valid=None)  # the schema's own keys
                or _belongs_under(name, schema, instance, source.kind)
                or _("allowed keys: {keys}").format(keys=", ".join(known)),
            )
            for name in instance
            if name not in known
        ]
    if keyword == "type":
        expected: list[str] = (
            schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        )
        wanted = _(" or ").join(_(_JSON_TYPES[t]) if t in _JSON_TYPES else t for t in expected)
        if schema.get("format") == "date" and isinstance(instance, dt.datetime):
            return [
                Diagnostic(
                    FA103.code,
                    _("expected a date, found a date and time"),
                    source.display,
                    span,
                    hint=date_texts.alone_hint(instance.date().isoformat()),
                )
            ]
        if schema.get("format") == "date":
            if not isinstance(instance, dict | list) and instance is not None:
                implicit = source.positions.resolve().implicit.get(path)
                return [_not_a_date(instance, implicit, schema, source.display, span)]
            # Empty, a list or a mapping: the place wants a date, not just any string.
            wanted = _("a date YYYY-MM-DD")
        if "integer" in expected and isinstance(instance, float) and instance.is_integer():
            return [
                Diagnostic(
                    FA103.code,
                    _(
                        "expected an integer, found the number {instance!r} with a decimal point"
                    ).format(instance=instance),
                    source.display,
                    span,
                    hint=_("write {instance}").format(instance=int(instance)),
                )
            ]
        implicit = source.positions.resolve().implicit.get(path)
        if implicit and "string" in expected:
            kind, raw = implicit
            return [
                Diagnostic(
                    "FA011",
                    _(
                        "YAML 1.1 reads unquoted '{raw}' as {kind}, but {wanted} is expected here"
                    ).format(raw=raw, kind=_(kind), wanted=wanted),
                    source.display,
                    span,
                    hint=_('put it in quotes: "{raw}"').format(raw=raw),
                )
            ]
        return [
            Diagnostic(
                FA103.code,
                _("expected {wanted}, found {type_name}").format(
                    wanted=wanted, type_name=_type_name(instance)
                ),
                source.display,
                span,
                hint=_what_to_write(expected, instance, implicit, schema),
            )
        ]
    if keyword in ("enum", "const"):
        allowed = schema.get("enum", [schema.get("const")])
        hint = suggest_value(instance, allowed)
        return [
            Diagnostic(
                FA104.code,
                _("'{value}' is not allowed here; choose one of: {allowed}").format(
                    value=_shown(instance), allowed=", ".join(str(a) for a in allowed)
                ),
                source.display,
                span,
                hint=hint,
            )
        ]
    if keyword in ("oneOf", "anyOf"):
        options = [" + ".join(s.get("required", [])) for s in schema[keyword]]
        return [
            Diagnostic(
                FA106.code,
                _("give exactly one of: {options}").format(
                    options=", ".join(f"'{o}'" for o in options)
                ),
                source.display,
                source.span(path, key=True),
            )
        ]
    # A known pattern's message says what the place expects; other constraints name it.
    described = _expected(keyword, schema) is not None
    return [
        Diagnostic(
            FA105.code,
            _constraint_message(error) + ("" if described else _schema_detail(schema, path)),
            source.display,
            span,
            hint=_pattern_hint(keyword, instance, schema),
        )
    ]


def _not_a_date(
    instance: Any,
    implicit: tuple[str, str] | None,
    schema: dict[str, Any],
    file: str,
    span: Span | None,
) -> Diagnostic:
    """FA103 for a number or a boolean where a date is expected (`valid_from: 20260101`):
    a date is written YYYY-MM-DD, and the date its digits spell is proposed; "put it in
    quotes" would only lead to the next finding."""
    raw = implicit[1] if implicit else str(instance)
    meant = date_texts.meant(raw)
    fits = meant != raw and _place_validator(json.dumps(schema, sort_keys=True)).is_valid(meant)
    hint = suggestion_text([meant]) if fits else None
    return Diagnostic(FA103.code, date_texts.describe(raw, shorten(raw)), file, span, hint=hint)


def _schema_detail(schema: dict[str, Any], path: tuple[Any, ...]) -> str:
    """What the place is: in German " (title: description)" from the JSON Schema, which is
    written in German only; in English the key (" (owners)"), the language's own word."""
    title = schema.get("title")
    if german() and title:
        return f" ({title}: {schema['description']})" if "description" in schema else f" ({title})"
    key = next((part for part in reversed(path) if isinstance(part, str)), None)
    return "" if german() or key is None else f" ({key})"


def _expected(keyword: str, schema: dict[str, Any]) -> Expected | None:
    """What a pattern or format the value misses asks for (check.pattern_texts), if known."""
    if keyword == "pattern":
        return PATTERNS.get(schema.get("pattern", ""))
    if keyword == "format":
        return FORMATS.get(schema.get("format", ""))
    return None


def _pattern_hint(keyword: str, instance: Any, schema: dict[str, Any]) -> str | None:
    """For a text that misses a pattern or format by its spelling (`Fundört`, `22-20-20`,
    `31.12.2027`): "did you mean 'fundoert'?" with the spelling the place wants
    (check.pattern_texts; the ASCII snake_case form for a pattern without entry), when that
    spelling meets the whole schema of the place (pattern, format, length); else None."""
    if keyword not in ("pattern", "format") or not isinstance(instance, str):
        return None
    if keyword == "format" and schema.get("format") == "date":
        alone = date_texts.date_alone(instance)
        if alone is not None:
            # As FA103 says for a date and time YAML read as one (`2026-01-01T10:00:00`).
            return date_texts.alone_hint(alone)
    expected = _expected(keyword, schema)
    if expected is not None:
        meant = expected.meant(instance)
    elif keyword == "pattern":
        meant = ascii_form(instance)
    else:
        return None
    if meant == instance or not _place_validator(json.dumps(schema, sort_keys=True)).is_valid(
        meant
    ):
        return None
    return respelling(instance, meant)


@cache
def _place_validator(schema: str) -> Any:
    """A validator of one place's schema (JSON text, the cache key), formats included."""
    from jsonschema import Draft202012Validator

    return language_validator()(
        json.loads(schema), registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _shown(value: Any) -> str:
    """`value` for a one-line message: line breaks and control characters as escapes."""
    return one_line(str(value))


def _constraint_message(error: Any) -> str:
    # Only the message of the keyword that failed is built: the others may not apply to the
    # instance at all (len() of a number, for one).
    keyword, value, instance = error.validator, error.validator_value, error.instance
    messages: dict[str, Callable[[], str]] = {
        "pattern": lambda: (
            PATTERNS[value].describe(_shown(instance))
            if value in PATTERNS
            else _("'{value}' does not match the pattern {pattern}").format(
                value=_shown(instance), pattern=value
            )
        ),
        "format": lambda: (
            FORMATS[value].describe(_shown(instance))
            if value in FORMATS
            else _("'{value}' is not a valid {format}").format(value=_shown(instance), format=value)
        ),
        "minLength": lambda: ngettext(
            "text is shorter than {limit} character",
            "text is shorter than {limit} characters",
            value,
        ).format(limit=value),
        "maxLength": lambda: ngettext(
            "text is longer than {limit} character", "text is longer than {limit} characters", value
        ).format(limit=value),
        "minimum": lambda: _("{value} is less than the minimum {limit}").format(
            value=instance, limit=value
        ),
        "maximum": lambda: _("{value} is greater than the maximum {limit}").format(
            value=instance, limit=value
        ),
        "exclusiveMinimum": lambda: _("{value} must be greater than {limit}").format(
            value=instance, limit=value
        ),
        "exclusiveMaximum": lambda: _("{value} must be less than {limit}").format(
            value=instance, limit=value
        ),
        "minItems": lambda: ngettext(
            "list needs at least {limit} entry, has {count}",
            "list needs at least {limit} entries, has {count}",
            value,
        ).format(limit=value, count=len(instance)),
        "maxItems": lambda: ngettext(
            "list may have at most {limit} entry, has {count}",
            "list may have at most {limit} entries, has {count}",
            value,
        ).format(limit=value, count=len(instance)),
        "uniqueItems": lambda: _("list contains the same entry twice"),
        "minProperties": lambda: ngettext(
            "needs at least {limit} key, has {count}",
            "needs at least {limit} keys, has {count}",
            value,
        ).format(limit=value, count=len(instance)),
        "maxProperties": lambda: ngettext(
            "may have at most {limit} key, has {count}",
            "may have at most {limit} keys, has {count}",
            value,
        ).format(limit=value, count=len(instance)),
    }
    build = messages.get(keyword)
    return build() if build is not None else str(error.message)


def check_schema(source: SourceFile) -> list[Diagnostic]:
    if source.kind not in SCHEMA_KINDS:
        return []
    if is_valid(schemas_dir(), f"{source.kind}.schema.json", source.data, plain=source.plain):
        return []
    found: dict[tuple[Any, ...], Diagnostic] = {}
    for error in validator(source.kind).iter_errors(source.data):
        for diagnostic in _describe(error, source):
            found.setdefault((diagnostic.span, diagnostic.code, diagnostic.message), diagnostic)
    return list(found.values())
