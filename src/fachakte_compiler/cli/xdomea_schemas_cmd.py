"""`fachakte xdomea-schemas fetch|path`: the official xdomea 3.0.0 XSDs in the user's cache."""

from __future__ import annotations

import click

from fachakte_compiler.cli.main import Failure
from fachakte_compiler.i18n import _, os_reason


@click.group("xdomea-schemas")
def xdomea_schemas_group() -> None:
    """The official xdomea 3.0.0 XSDs that compile and release validate against."""


@click.command("fetch")
@click.option(
    "--url",
    metavar="URL",
    help="Download from this address instead of the publisher's (a mirror of the same ZIP); "
    "the files are checked against the same pinned SHA-256 values.",
)
def fetch_command(url: str | None) -> None:
    """Download the bundle from XRepository (KoSIT), verify every file against the SHA-256
    values pinned in fachakte-compiler, and keep it in the user's cache folder.

    Exit codes: 0 stored, 1 the bundle is not the official one (nothing is stored then), 2
    usage error or no usable answer from the server (unreachable, timeout, HTTP error), as for
    drift.
    """
    from fachakte_compiler.errors import UsageProblem
    from fachakte_compiler.web_address import shown_url, well_formed
    from fachakte_compiler.xdomea_schemas import BUNDLE_URL, VERSION, cache_folder
    from fachakte_compiler.xdomea_schemas.fetch import FetchError, fetch

    source = BUNDLE_URL if url is None else url
    if "@" in source:
        raise UsageProblem(
            _("--url {url} contains credentials: give the mirror's address without them").format(
                url=shown_url(source)
            )
        )
    address = well_formed(source)
    if address is None or address.scheme not in ("http", "https"):
        raise UsageProblem(
            _("--url must be an http or https address, not '{source}'").format(
                source=shown_url(source)
            )
        )
    folder = cache_folder()
    try:
        stored = fetch(source, folder)
    except FetchError as exc:
        if not exc.offline:
            raise  # one line "Error: ...", exit code by kind (errors.ConnectionFailed: 2)
        # The error, then on a line of its own what to do without a connection.
        from fachakte_compiler.diagnostics.diagnostic import one_line
        from fachakte_compiler.xdomea_schemas.fetch import OFFLINE_HINT

        click.echo(_("Error: {message}").format(message=one_line(str(exc))), err=True)
        click.echo(_(OFFLINE_HINT), err=True)
        raise click.exceptions.Exit(exc.exit_code) from None
    except OSError as exc:
        raise Failure(
            _("cannot write {folder}: {reason}; nothing was stored").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
    ignored = (
        "; " + _("{count} other files of the bundle are not needed").format(count=stored.ignored)
        if stored.ignored
        else ""
    )
    click.echo(
        _(
            "stored {files} verified files of xdomea {version} in {folder}{ignored}; "
            "compile and release now validate every xdomea message"
        ).format(files=stored.files, version=VERSION, folder=stored.folder, ignored=ignored)
    )


@click.command("path")
def path_command() -> None:
    """Print the folder of the cached XSDs (for --xsd-dir); exit 1 if there is no verified copy."""
    from fachakte_compiler.xdomea_schemas import cached_xsd_dir

    found = cached_xsd_dir()
    if found is None:
        raise Failure(
            _("no verified copy of the xdomea 3.0.0 XSDs; run `fachakte xdomea-schemas fetch`")
        )
    click.echo(str(found))


xdomea_schemas_group.add_command(fetch_command)
xdomea_schemas_group.add_command(path_command)
