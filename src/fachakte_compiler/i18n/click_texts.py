"""Click's own texts (usage line, section titles, its errors) in the user's language.

Click translates them with the stdlib `gettext` of the default domain, which picks its language
from LANGUAGE/LC_*/LANG only. `install` points click's modules at this package's catalogue, so
that they follow FACHAKTE_LANG as every other text does. The msgids below are click's own (click
8.x); they are listed here so that extraction puts them into the catalogue.
"""

from __future__ import annotations

import sys

from fachakte_compiler.i18n import N_, _, ngettext


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a click text with a plural form for extraction."""
    return singular, plural


TEXTS = (
    N_("Usage:"),
    # The metavars of the usage line (Command.options_metavar, Group.subcommand_metavar).
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("Could not open file {filename!r}: {message}"),
    N_("Option {name!r} does not take a value."),
)
PLURAL_TEXTS = (
    N_plural("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_plural(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    ),
    N_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
)
MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


def install() -> None:
    """Let click's loaded modules translate through this package's catalogue."""
    for name in MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
