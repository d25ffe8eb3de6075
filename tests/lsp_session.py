"""A real LSP client (pygls) talking to `python -m fachakte_compiler lsp` over stdio, for the
language-server tests and the latency benchmark. Holds no tests itself."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


class Session:
    """An initialized client; `diagnostics[uri]` holds the last published list per file."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: dict[str, list[lsp.Diagnostic]] = {}
        self.published: dict[str, asyncio.Event] = {}
        self.versions: dict[str, int] = {}
        self.messages: list[str] = []
        # $/progress values by kind ("begin", "report", "end"), in the order they arrived.
        self.progress: list[str] = []
        # What the server announced in its answer to `initialize`.
        self.capabilities = lsp.ServerCapabilities()
        # What the server wrote to stderr, read once it has exited.
        self.stderr = ""

    def _event(self, uri: str) -> asyncio.Event:
        return self.published.setdefault(uri, asyncio.Event())

    async def wait_for(self, uri: str, timeout: float = 30.0) -> list[lsp.Diagnostic]:
        """The next diagnostics published for `uri` (after the last call)."""
        event = self._event(uri)
        await asyncio.wait_for(event.wait(), timeout)
        event.clear()
        return self.diagnostics[uri]

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        self._event(uri).clear()
        self.versions[uri] = 1
        self.client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(
                text_document=lsp.TextDocumentItem(
                    uri=uri,
                    language_id="yaml",
                    version=1,
                    text=path.read_text() if text is None else text,
                )
            )
        )
        return uri

    def change(self, uri: str, text: str) -> None:
        self._event(uri).clear()
        self.versions[uri] += 1
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    async def close_all(self) -> None:
        """Close every open file and forget what the server said, so that the next user finds
        the server as freshly started on the files on disk."""
        for uri in list(self.versions):
            self.client.text_document_did_close(
                lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
            )
        # The server answers requests in order, so the findings it publishes for the closed
        # files arrive before this answer and cannot reach the next user's wait_for.
        await self.client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="fachakte.explain", arguments=["FA201"])
        )
        self.diagnostics.clear()
        self.published.clear()
        self.versions.clear()
        self.messages.clear()
        self.progress.clear()

    async def timed_change(self, uri: str, text: str) -> float:
        """Seconds from sending a change to receiving its diagnostics."""
        started = time.perf_counter()
        self.change(uri, text)
        await self.wait_for(uri)
        return time.perf_counter() - started


@asynccontextmanager
async def session(
    root: Path,
    capabilities: lsp.ClientCapabilities | None = None,
    *,
    locale: str | None = None,
    env: dict[str, str] | None = None,
) -> AsyncIterator[Session]:
    """A server for the catalogue at `root`, initialized with `capabilities` and the editor's
    `locale` (LSP 3.16); `env` replaces the server's environment (default: this process's)."""
    client = LanguageClient("fachakte-tests", "1")
    state = Session(client)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        state.diagnostics[params.uri] = list(params.diagnostics)
        state._event(params.uri).set()

    @client.feature(lsp.WINDOW_SHOW_MESSAGE)
    def on_message(params: lsp.ShowMessageParams) -> None:
        state.messages.append(params.message)

    @client.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def on_progress_create(params: lsp.WorkDoneProgressCreateParams) -> None:
        return None

    @client.feature(lsp.PROGRESS)
    def on_progress(params: lsp.ProgressParams) -> None:
        value = params.value
        kind = value.get("kind") if isinstance(value, dict) else getattr(value, "kind", None)
        state.progress.append(str(kind))

    await client.start_io(sys.executable, "-m", "fachakte_compiler", "lsp", cwd=str(root), env=env)
    initialized = await client.initialize_async(
        lsp.InitializeParams(
            capabilities=capabilities or lsp.ClientCapabilities(),
            root_uri=root.resolve().as_uri(),
            locale=locale,
        )
    )
    state.capabilities = initialized.capabilities
    client.initialized(lsp.InitializedParams())
    try:
        yield state
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        process = getattr(client, "_server", None)
        if process is not None and process.stderr is not None:
            state.stderr = (await process.stderr.read()).decode("utf-8", "replace")
