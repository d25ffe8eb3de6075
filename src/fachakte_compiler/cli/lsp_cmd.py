"""`fachakte lsp`: the language server over stdio, for VS Code and other LSP editors."""

from __future__ import annotations

import click


@click.command("lsp")
def lsp_command() -> None:
    """Run the language server over stdio (diagnostics, completion of ids, hover,
    go-to-definition, formatting, rename). Started by the editor, not by hand."""
    from fachakte_compiler.lsp.server import serve_stdio

    serve_stdio()
