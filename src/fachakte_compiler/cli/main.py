"""The `fachakte` command group: lazy subcommands and one place that turns failures into exit codes.

Subcommand modules are imported only when used, so `fachakte --help` stays instant.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import signal
import sys
from typing import Any

import click

from fachakte_compiler import __version__
from fachakte_compiler.entry import is_ctrl_c
from fachakte_compiler.errors import FachakteError
from fachakte_compiler.i18n import N_, _, localise, ngettext
from fachakte_compiler.i18n.click_texts import install

install()

# name -> (module, function); modules that are not installed are simply not offered.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("validate", "validate", N_("Check definitions against the schema and all rules.")),
    "compile": ("compile_cmd", "compile_command", N_("Build Doxis4 packages, xdomea and docs.")),
    "diff": ("diff_cmd", "diff_command", N_("Semantic changes between two catalogue versions.")),
    "check-version": (
        "diff_cmd",
        "check_version_command",
        N_("Fail where a change needs a larger version bump."),
    ),
    "changelog": ("diff_cmd", "changelog_command", N_("Changelog since a git revision.")),
    "fmt": ("fmt_cmd", "fmt_command", N_("Format definition files canonically.")),
    "new": ("new_cmd", "new_command", N_("Scaffold a new Fachakte that validates.")),
    "release": ("release_cmd", "release_command", N_("Build a signed release of the catalogue.")),
    "verify": ("release_cmd", "verify_command", N_("Verify a delivered release is unchanged.")),
    "keygen": ("release_cmd", "keygen_command", N_("Create an Ed25519 release key pair.")),
    "lsp": ("lsp_cmd", "lsp_command", N_("Language server for editors (stdio).")),
    "drift": (
        "drift_cmd",
        "drift_command",
        N_("Compare an installed Doxis4 or an xdomea export with the release."),
    ),
    "explain": ("explain", "explain", N_("Show the documentation of a diagnostic code.")),
    "schema": ("explain", "schema", N_("Print the JSON Schema of a definition kind.")),
    "import-aktenplan": (
        "import_cmd",
        "import_command",
        N_("Merge an exported xdomea 0301 file plan into aktenplan.yaml."),
    ),
    "xdomea-schemas": (
        "xdomea_schemas_cmd",
        "xdomea_schemas_group",
        N_("Fetch and verify the official xdomea 3.0.0 XSDs."),
    ),
}


def _module_name(module: str) -> str:
    return f"fachakte_compiler.cli.{module}"


# Every output is replaced whole (staged, then renamed), so an interrupt never leaves a mix.
INTERRUPTED = N_(
    "interrupted; outputs are only ever replaced whole: each holds its previous or its "
    "complete new contents"
)


class Failure(click.ClickException):
    """A user-facing failure caused by input: exit code 1."""

    exit_code = 1


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(
            name
            for name, (module, _attr, _short) in COMMANDS.items()
            if importlib.util.find_spec(_module_name(module)) is not None
        )

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or cmd_name not in self.list_commands(ctx):
            return None
        module, attr, _short = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(_module_name(module)), attr)
        assert isinstance(command, click.Command)
        return localise(command)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            import difflib

            name = args[0] if args else ""
            # Click guesses from the commands it holds, and this group loads them on demand.
            meant = difflib.get_close_matches(name, self.list_commands(ctx), n=3)
            if name.startswith("-") or not meant:
                raise
            shown = [repr(m) for m in meant]
            guess = ngettext(
                "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", len(meant)
            ).format(possibility=shown[0], possibilities=", ".join(shown))
            no_such = _("No such command {name!r}.").format(name=name)
            raise click.UsageError(f"{no_such} {guess}", ctx) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help comes from the table so that --help does not import every command.
        rows = [(name, _(COMMANDS[name][2])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            localise(self)
            return super().make_context(info_name, args, parent, **extra)
        except BaseException as exc:
            if not is_ctrl_c(exc):
                raise
            # Click would turn it into "Aborted!" and exit 1; a Ctrl-C exits 130 everywhere.
            _interrupted()
            raise  # not reached: _interrupted exits

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            _name_the_option_meant(exc)
            raise
        except click.ClickException as exc:
            # click declares `message` final; the escaped text replaces it before click shows it.
            object.__setattr__(exc, "message", _shown(exc.message))
            raise
        except (click.exceptions.Exit, click.Abort):
            raise
        except FachakteError as exc:
            click.echo(_("Error: {message}").format(message=_shown(str(exc))), err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): not an error of ours, and nothing to report.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            _interrupted()
        except Exception as exc:
            if is_ctrl_c(exc):
                _interrupted()
            if os.environ.get("FACHAKTE_DEBUG"):
                raise
            click.echo(
                _(
                    "internal error: {kind}: {error}\n"
                    "This is a defect of fachakte-compiler, not of your definitions; "
                    "rerun with FACHAKTE_DEBUG=1 for details and report it."
                ).format(kind=exc.__class__.__name__, error=exc),
                err=True,
            )
            sys.exit(2)


def _shown(message: str) -> str:
    """An error message (one line) with the control characters of the values quoted in it (a
    tenant, a revision, a path from the command line) as escapes."""
    from fachakte_compiler.diagnostics.diagnostic import one_line

    return one_line(message)


def _name_the_option_meant(exc: click.NoSuchOption) -> None:
    """Suggest only options --help shows, and where spelling similarity finds none of them
    (`verify --key`), the options whose name holds the word given: `--key` -> `--public-key`."""
    if exc.ctx is None:
        return
    shown = [
        name
        for param in exc.ctx.command.params
        if not getattr(param, "hidden", False)
        for name in param.opts
        if name.startswith("--")
    ]
    word = exc.option_name.lstrip("-")
    # Click's own guesses include hidden former names (`--outt` -> `--out`): only shown ones.
    meant = [name for name in exc.possibilities or () if name in shown] or sorted(
        name for name in shown if word in name[2:].split("-")
    )
    exc.possibilities = meant or None  # type: ignore[misc]


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click.version_option translates its message once, when this module is imported; here it
    # is translated when shown, in the language of this run (click's own msgid).
    if not value or ctx.resilient_parsing:
        return
    shown = _("%(prog)s, version %(version)s")
    click.echo(shown % {"prog": "fachakte", "version": __version__}, color=ctx.color)
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help=N_("Show the version and exit."),
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in text output: auto = on a terminal unless $NO_COLOR is set.",
)
@click.pass_context
def cli(ctx: click.Context, color: str) -> None:
    """Compile E-Fachakten definitions into Doxis4 packages, xdomea and documentation."""
    # click.echo styles only where `ctx.color` allows: None = on a terminal.
    if color == "always":
        ctx.color = True
    elif color == "never" or (color == "auto" and os.environ.get("NO_COLOR")):
        ctx.color = False


# 128 + SIGINT, as shells report a command ended by Ctrl-C.
EXIT_INTERRUPTED = 130


def _interrupted() -> None:
    click.echo(_(INTERRUPTED), err=True)
    sys.exit(EXIT_INTERRUPTED)


def main() -> None:
    try:
        cli(prog_name="fachakte")
    except BaseException as exc:
        if not is_ctrl_c(exc):
            raise
        # Ctrl-C outside a command (while starting or finishing) ends the same way.
        _interrupted()
    finally:
        # The command is over and its outputs are in place: a Ctrl-C during interpreter
        # shutdown must not turn a finished run into a death by signal.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
