"""`fachakte drift`: does an installation hold exactly what the release says? Reads, never writes.

Exit codes: 0 no drift, 1 drift, 2 usage or connection error (an unusable export file included).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from fachakte_compiler.cli.options import (
    PathParam,
    catalogue_paths,
    catalogue_reads,
    check_reports,
    completes,
    findings_report,
    output_option,
    paths_argument,
    public_key_option,
    write_report,
)
from fachakte_compiler.drift.address import PASSWORD_ENV, ROLE_ENV, USER_ENV
from fachakte_compiler.drift.report import REPORT_FORMATS
from fachakte_compiler.i18n import N_, _


@click.command("drift")
@paths_argument
@click.option(
    "--tenant",
    "tenant_id",
    required=True,
    metavar="ID",
    help="Tenant to compare.",
    shell_complete=completes("complete_tenant"),
)
@click.option(
    "--doxis4-url",
    metavar="URL",
    callback=lambda ctx, _param, value: _checked_url(ctx, value),
    help="Address of the CSB, e.g. https://dms.example.org.",
)
@click.option(
    "--snapshot",
    "snapshot_dir",
    type=PathParam(file_okay=False, path_type=Path),
    help="Compare a snapshot saved with --save-snapshot instead of a live server.",
)
@click.option(
    "--xdomea",
    "xdomea_file",
    type=PathParam(dir_okay=False, path_type=Path),
    help="Compare an exported Aktenplan.Aktenplan.0301 message with the catalogue's file plan.",
)
@click.option(
    "--release",
    "release_dir",
    type=PathParam(path_type=Path),
    help="Compare with this release (folder or ZIP), checked as verify checks it first "
    "(default: the catalogue in PATHS).",
)
@public_key_option(
    N_("Also check the release's signature with this Ed25519 public key (PEM), as verify does."),
    dest="public_key",
    type=PathParam(dir_okay=False, exists=True, path_type=Path),
)
@click.option(
    "--organization",
    metavar="NAME",
    help="Doxis4 organization (log-in customerName); default: the tenant's organization.",
)
@click.option(
    "--base-path",
    metavar="PATH",
    default="/restws/publicws/rest/api/v1",
    show_default=True,
    help="Path of the public REST API on the server.",
)
@click.option(
    "--ca-bundle",
    type=PathParam(dir_okay=False, exists=True, path_type=Path),
    help="PEM file with the CA that signed the server's certificate (verification stays on).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1, max=300),
    metavar="SECONDS",
    default=20.0,
    show_default=True,
    help="Seconds to wait for each answer.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0, max=10),
    metavar="N",
    default=2,
    show_default=True,
    help="How often a request is tried again after no answer, a timeout or HTTP "
    "429/502/503/504 (waiting 0.5 s, 1 s, 1.5 s, ... first); 0 for a quick check.",
)
@click.option(
    "--save-snapshot",
    "save_dir",
    type=PathParam(file_okay=False, path_type=Path),
    help="Also store the server's raw answers in this folder (for offline comparison).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="Report format, as for validate (github annotations, sarif for code scanning, junit "
    "and codequality for GitLab, json for scripts), or markdown for a page or comment.",
)
@output_option(
    N_("Write the report to this file instead of standard output."),
    type=PathParam(dir_okay=False, path_type=Path),
)
def drift_command(
    paths: tuple[Path, ...],
    tenant_id: str,
    doxis4_url: str | None,
    snapshot_dir: Path | None,
    xdomea_file: Path | None,
    release_dir: Path | None,
    public_key: Path | None,
    organization: str | None,
    base_path: str,
    ca_bundle: Path | None,
    timeout: float,
    retries: int,
    save_dir: Path | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Compare an installed Doxis4 organization (over the read-only REST API, or a saved
    snapshot of it) or an exported xdomea file plan with what the release says the tenant
    (--tenant) holds.

    Credentials come only from $FACHAKTE_DOXIS4_USER and $FACHAKTE_DOXIS4_PASSWORD (role:
    $FACHAKTE_DOXIS4_ROLE, default admins), or from a prompt on a terminal.

    Exit codes: 0 no drift, 1 drift, 2 usage or connection error (an export that is not a
    safe, well-formed 0301 message included, so that 1 always means drift).
    """
    from fachakte_compiler.drift.errors import DriftInputError, DriftReadError
    from fachakte_compiler.drift.report import FINDING_FORMATS, findings_as_diagnostics, render
    from fachakte_compiler.language import german
    from fachakte_compiler.load.catalogue import find_root
    from fachakte_compiler.release.keys import load_public

    sources = [s for s in (doxis4_url, snapshot_dir, xdomea_file) if s is not None]
    if len(sources) != 1:
        raise click.UsageError(_("give exactly one of --doxis4-url, --snapshot and --xdomea"))
    if save_dir is not None and doxis4_url is None:
        raise click.UsageError(_("--save-snapshot needs --doxis4-url"))
    if release_dir is not None and paths:
        raise click.UsageError(_("give either --release DIR or catalogue PATHS, not both"))
    if public_key is not None and release_dir is None:
        raise click.UsageError(_("--public-key checks a release: give --release too"))
    check_reports(
        [("-o", output, fmt)],
        [
            *(catalogue_reads(paths) if release_dir is None else [release_dir]),
            snapshot_dir,
            xdomea_file,
            ca_bundle,
            save_dir,
        ],
    )
    if release_dir is None:
        paths = tuple(catalogue_paths(paths))
    # A KeyFileError carries its exit code: 2, the file named is no usable public key.
    key = load_public(public_key) if public_key is not None else None
    try:
        with _release_folder(release_dir, tenant_id, key) as folder:
            expected = _expected(paths, folder)
            if xdomea_file is not None:
                from fachakte_compiler.drift.plan import drift_of_export

                result = drift_of_export(xdomea_file, tenant_id, expected)
            else:
                from fachakte_compiler.drift.run import drift_of_installation

                result = drift_of_installation(
                    expected,
                    tenant_id,
                    url=doxis4_url,
                    snapshot=snapshot_dir,
                    save=save_dir,
                    organization=organization,
                    base_path=base_path,
                    ca_bundle=ca_bundle,
                    timeout=timeout,
                    retries=retries,
                    credentials=_credentials if doxis4_url else None,
                )
    except (DriftInputError, DriftReadError) as exc:
        click.echo(_("Error: {message}").format(message=exc), err=True)
        raise click.exceptions.Exit(exc.exit_code) from None
    if fmt in FINDING_FORMATS:
        where = release_dir / "release.json" if release_dir else paths[0]
        report = findings_report(
            findings_as_diagnostics(result, os.path.relpath(where), german()),
            [os.path.relpath(where)],
            fmt,
            None if release_dir else find_root(where),
        )
        report = report + "\n" if report else ""
    else:
        report = render(result, fmt, german())
    if output is not None:
        write_report(output, report)
    else:
        click.echo(report, nl=False)
    if result.findings:
        raise click.exceptions.Exit(1)


@contextmanager
def _release_folder(release: Path | None, tenant_id: str, key: Any | None) -> Iterator[Path | None]:
    """The folder of the verified release (a ZIP's members unpacked for the run), or None
    when the catalogue is compared with. Raises DriftReadError."""
    if release is None:
        yield None
        return
    from fachakte_compiler.drift.release_check import checked_release

    with checked_release(release, tenant_id, key) as folder:
        yield folder


def _checked_url(ctx: click.Context, url: str | None) -> str | None:
    """The address checked completely as the option is read: a malformed one, or one with
    credentials in it, ends the run here (one line, exit 2), before a catalogue is read,
    credentials are asked for or anything is sent."""
    if url is None or ctx.resilient_parsing:
        return url
    from fachakte_compiler.drift.address import checked_url

    return checked_url(url)


def _expected(paths: tuple[Path, ...], release_dir: Path | None) -> Any:
    """What to compare with: a release folder or a checked catalogue (usage error if broken)."""
    from fachakte_compiler.drift.expected import ExpectedSource
    from fachakte_compiler.errors import UsageProblem

    try:
        if release_dir is not None:
            return ExpectedSource.from_release(release_dir)
        return ExpectedSource.from_catalogue(list(paths))
    except UsageProblem as exc:
        raise click.UsageError(str(exc)) from None


def _credentials() -> tuple[str, str, str]:
    """(user, password, role) from the environment, else a prompt on a terminal."""
    user = os.environ.get(USER_ENV, "")
    password = os.environ.get(PASSWORD_ENV, "")
    role = os.environ.get(ROLE_ENV, "") or "admins"
    if (not user or not password) and not sys.stdin.isatty():
        raise click.UsageError(
            _("no credentials: set ${user} and ${password} (never pass them as arguments)").format(
                user=USER_ENV, password=PASSWORD_ENV
            )
        )
    if not user:
        user = click.prompt("Doxis4 user", err=True)
    if not password:
        password = click.prompt("Doxis4 password", hide_input=True, err=True)
    return user, password, role
