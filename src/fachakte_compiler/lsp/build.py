"""`fachakte.compile` in the editor: the build service builds the saved catalogue into the
`build/` folder beside it, exactly as `fachakte compile` does there, with the editor's progress
bar (LSP work-done progress) and the outcome as a message."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp

from fachakte_compiler.i18n import _

if TYPE_CHECKING:
    from fachakte_compiler.lsp.server import FachakteServer
    from fachakte_compiler.lsp.warm import WarmCatalogue

COMPILE = "fachakte.compile"
_tokens = itertools.count(1)


def unsaved(warm: WarmCatalogue) -> list[Path]:
    """Open buffers whose text differs from their file: the build reads the disk."""
    found = []
    for path, content in sorted(warm.buffers.items()):
        text = content.encode("utf-8") if isinstance(content, str) else content
        try:
            same = path.read_bytes() == text
        except OSError:
            same = False
        if not same:
            found.append(path)
    return found


class _Progress:
    """The build service's progress callback as LSP work-done progress; the build runs in a
    worker thread, so every report is handed to the server's event loop."""

    def __init__(self, ls: FachakteServer, token: str | None) -> None:
        self.ls, self.token = ls, token
        self.loop = asyncio.get_running_loop()

    def report(self, percentage: int) -> None:
        if self.token is not None:
            value = lsp.WorkDoneProgressReport(percentage=percentage)
            self.loop.call_soon_threadsafe(self.ls.work_done_progress.report, self.token, value)

    def end(self) -> None:
        if self.token is not None:
            self.ls.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd())

    @contextmanager
    def __call__(self, units: int) -> Iterator[Callable[[], None]]:
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            self.report(done * 100 // max(units, 1))

        yield tick


async def _progress_token(ls: FachakteServer) -> str | None:
    capabilities = ls.client_capabilities.window
    if capabilities is None or not capabilities.work_done_progress:
        return None
    token = f"fachakte-compile-{next(_tokens)}"
    await ls.work_done_progress.create_async(token)
    ls.work_done_progress.begin(
        token, lsp.WorkDoneProgressBegin(title=_("Building the catalogue"), percentage=0)
    )
    return token


async def compile_saved(ls: FachakteServer, warm: WarmCatalogue) -> dict[str, Any]:
    """Build `warm`'s catalogue as saved on disk into `<catalogue>/../build`.

    Returns `{"ok": bool, "message": str, "out": str | None, "files": int}` and shows the message
    in the editor. Refuses (ok false, nothing built) when the file is not in a catalogue or an
    open buffer has unsaved changes; findings of a catalogue with errors are published as
    diagnostics by the caller. The build is `build_service.compile_catalogue`, the service behind
    `fachakte compile`, so the folder holds the same bytes as that command writes.
    """
    from fachakte_compiler.build_service.service import CompileRequest, compile_catalogue
    from fachakte_compiler.errors import FachakteError

    def answer(ok: bool, message: str, out: Path | None = None, files: int = 0) -> dict[str, Any]:
        kind = lsp.MessageType.Info if ok else lsp.MessageType.Error
        ls.window_show_message(lsp.ShowMessageParams(kind, message))
        return {"ok": ok, "message": message, "out": str(out) if out else None, "files": files}

    if warm.root is None:
        return answer(False, _("this file is not part of a catalogue; nothing was built"))
    changed = unsaved(warm)
    if changed:
        names = ", ".join(p.name for p in changed)
        message = _("unsaved changes in {files}; save them, then build").format(files=names)
        return answer(False, message)
    out = warm.root.parent / "build"
    request = CompileRequest(paths=(warm.root,), targets=("all",), tenant_ids=(), out=out)
    token = await _progress_token(ls)
    progress = _Progress(ls, token)
    notes: list[str] = []
    try:
        outcome = await asyncio.to_thread(
            compile_catalogue,
            request,
            notify=notes.append,
            on_wait=notes.append,
            progress=progress,
        )
    except FachakteError as exc:
        return answer(False, str(exc), out)
    finally:
        progress.end()
    from fachakte_compiler.targets import shown_note

    for note in [*notes, *outcome.notes]:
        ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Info, shown_note(note)))
    return answer(True, outcome.summary(str(out)), out, outcome.files)
