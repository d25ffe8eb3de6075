"""The language server: diagnostics for every FA code, completion of ids, hover and
go-to-definition on references, formatting through `fmt`, renaming with `renamed_from`, and
building the saved catalogue through the build service (`fachakte.compile`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from fachakte_compiler import __version__
from fachakte_compiler.diagnostics.diagnostic import one_line
from fachakte_compiler.diagnostics.suggest import is_id
from fachakte_compiler.i18n import _
from fachakte_compiler.lsp import build, convert, ids, positions, rename
from fachakte_compiler.lsp.context import cursor_at
from fachakte_compiler.lsp.errors import Failed, Refused, answering, quiet_pygls_logs
from fachakte_compiler.lsp.warm import WarmCatalogue, Workspace

EXPLAIN = "fachakte.explain"


class FachakteServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "fachakte", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full
        )
        self.catalogues = Workspace()
        # Files that got findings in the last run, so that a fix clears them.
        self.published: set[Path] = set()


server = FachakteServer()


@server.feature(lsp.INITIALIZE)
@answering
def initialize(ls: FachakteServer, params: lsp.InitializeParams) -> None:
    """Speak the editor's language: the `locale` it sends (LSP 3.16) decides, unless
    FACHAKTE_LANG does; an editor started without a German locale still gets German texts."""
    from fachakte_compiler.language import use_client_locale

    use_client_locale(params.locale)


def _file(uri: str) -> Path | None:
    """The file behind `uri`, or None for a buffer that is no file (`untitled:Untitled-1`):
    such a buffer belongs to no catalogue, so it gets no findings and no answers."""
    if not isinstance(uri, str) or not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path).resolve() if path else None


def _uri(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


def _codec(ls: FachakteServer) -> positions.Codec:
    """Columns as the client counts them: the encoding announced at `initialize`."""
    return positions.Codec(ls.workspace.position_encoding)


def _text_of(warm: WarmCatalogue, path: Path) -> str:
    """The text a position in `path` refers to: the editor's buffer or the saved file."""
    source = warm.source(path)
    return source.text if source is not None else ""


def publish(ls: FachakteServer, warm: WarmCatalogue) -> None:
    """Check the whole catalogue and publish the findings of every open file and of every file
    that has or had findings."""
    results = warm.check()
    codec = _codec(ls)
    for path, found in results.items():
        if found or path in ls.published or path in warm.buffers:
            text = _text_of(warm, path)
            diagnostics = [convert.to_lsp(d) for d in found]
            for diagnostic in diagnostics:
                diagnostic.range = positions.range_out(codec, text, diagnostic.range)
            ls.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=_uri(path), diagnostics=diagnostics)
            )
    ls.published = {p for p, found in results.items() if found}


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
@answering
def did_open(ls: FachakteServer, params: lsp.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    path = _file(doc.uri)
    if path is not None:
        publish(ls, ls.catalogues.open(path, doc.text))


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
@answering
def did_change(ls: FachakteServer, params: lsp.DidChangeTextDocumentParams) -> None:
    path = _file(params.text_document.uri)
    if path is not None:
        text = ls.workspace.get_text_document(params.text_document.uri).source
        publish(ls, ls.catalogues.open(path, text))


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
@answering
def did_save(ls: FachakteServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = _file(params.text_document.uri)
    if path is not None:
        text = ls.workspace.get_text_document(params.text_document.uri).source
        publish(ls, ls.catalogues.open(path, text))


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
@answering
def did_close(ls: FachakteServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = _file(params.text_document.uri)
    if path is not None:
        publish(ls, ls.catalogues.close(path))


def _at(
    ls: FachakteServer, uri: str, position: lsp.Position
) -> tuple[WarmCatalogue, Any, Any, str] | None:
    """The catalogue, the file, the cursor at `position` (as the client counts) and the text;
    None for a buffer that is no file."""
    path = _file(uri)
    if path is None:
        return None
    text = ls.workspace.get_text_document(uri).source
    warm = ls.catalogues.open(path, text)
    at = positions.position_in(_codec(ls), text, position)
    return warm, warm.source(path), cursor_at(text, at.line, at.character), text


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=[" ", "[", ","])
)
@answering
def completion(ls: FachakteServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    items: list[lsp.CompletionItem] = []
    found = _at(ls, params.text_document.uri, params.position)
    if found is None:
        return lsp.CompletionList(is_incomplete=False, items=items)
    warm, source, cursor, text = found
    if source is not None:
        kind = ids.reference_kind(source.kind, cursor.path)
        if kind is not None:
            item = rename.enclosing_item(source, text, params.position.line)
            for target in ids.targets(warm, kind, source, item):
                if not all(is_id(part) for part in target.id.split(".")):
                    continue  # an invalid id (FA105) is never offered, as in did-you-mean
                items.append(
                    lsp.CompletionItem(
                        label=target.id,
                        detail=target.detail or None,
                        kind=lsp.CompletionItemKind.Reference,
                    )
                )
    return lsp.CompletionList(is_incomplete=False, items=items)


def _target(
    ls: FachakteServer, uri: str, position: lsp.Position
) -> tuple[str, ids.Target, WarmCatalogue] | None:
    found = _at(ls, uri, position)
    if found is None:
        return None
    warm, source, cursor, text = found
    if source is None or not cursor.word:
        return None
    kind = ids.reference_kind(source.kind, cursor.path)
    if kind is None:
        return None
    item = rename.enclosing_item(source, text, position.line)
    wanted = cursor.word
    for target in ids.targets(warm, kind, source, item):
        if target.id == wanted or (
            kind in ("field", "date_field") and wanted.startswith(target.id + ".")
        ):
            return kind, target, warm
    return None


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
@answering
def definition(ls: FachakteServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    found = _target(ls, params.text_document.uri, params.position)
    if found is None:
        return None
    _, target, warm = found
    line, col, end = (
        (target.span.line - 1, target.span.col - 1, (target.span.end_col or target.span.col) - 1)
        if target.span
        else (0, 0, 0)
    )
    where = lsp.Range(lsp.Position(line, col), lsp.Position(line, end))
    text = _text_of(warm, target.path)
    return lsp.Location(_uri(target.path), positions.range_out(_codec(ls), text, where))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
@answering
def hover(ls: FachakteServer, params: lsp.HoverParams) -> lsp.Hover | None:
    from fachakte_compiler.code_table import lookup

    parts: list[str] = []
    found = _target(ls, params.text_document.uri, params.position)
    if found is not None:
        kind, target, _warm = found
        label = _(ids.LABELS[kind]) if kind in ids.LABELS else kind
        where = _("Defined in `{file}`").format(file=target.path.name)
        parts.append(f"**{label} `{target.id}`** – {target.detail}\n\n{where}")
    path = _file(params.text_document.uri)
    if path is None:
        return None
    warm = ls.catalogues.catalogue_of(path)
    text = ls.workspace.get_text_document(params.text_document.uri).source
    at = positions.position_in(_codec(ls), text, params.position)
    for diagnostic in warm.check().get(path, []):
        r = convert.lsp_range(diagnostic)
        if r.start.line == at.line and r.start.character <= at.character <= r.end.character:
            entry = lookup(diagnostic.code)
            if entry is not None:
                parts.append(
                    f"**{entry.code}** ({entry.name}): {entry.shown_summary()}\n\n"
                    f"{entry.shown_explanation()}"
                )
    if not parts:
        return None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts))
    )


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
@answering
def formatting(ls: FachakteServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    from fachakte_compiler.fmt.canonical import format_text
    from fachakte_compiler.fmt.verify import check_formatted

    path = _file(params.text_document.uri)
    if path is None:
        return []  # without a file name the kind of definition (and so the order) is unknown
    text = ls.workspace.get_text_document(params.text_document.uri).source
    warm = ls.catalogues.open(path, text)
    source = warm.source(path)
    if source is None or not source.loaded:
        return []  # a file that does not load cannot be formatted safely
    formatted = format_text(source.text, source.kind)
    if formatted == text or check_formatted(source, formatted) is not None:
        return []
    lines = text.split("\n")
    end = lsp.Position(len(lines) - 1, _codec(ls).units(lines[-1]))
    return [lsp.TextEdit(lsp.Range(lsp.Position(0, 0), end), formatted)]


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
@answering
def rename_id(ls: FachakteServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    path = _file(params.text_document.uri)
    if path is None:
        raise Failed(_("only a saved definition file can be renamed in; save the buffer first"))
    text = ls.workspace.get_text_document(params.text_document.uri).source
    warm = ls.catalogues.open(path, text)
    codec = _codec(ls)
    at = positions.position_in(codec, text, params.position)
    edits = rename.rename_edits(warm, path, text, at.line, at.character, params.new_name)
    if edits is None:
        return None
    return lsp.WorkspaceEdit(
        changes={
            _uri(p): positions.edits_out(codec, _text_of(warm, p), e) for p, e in edits.items()
        }
    )


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
)
@answering
def code_actions(ls: FachakteServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    text = ls.workspace.get_text_document(params.text_document.uri).source
    lines = text.split("\n")
    codec = _codec(ls)
    actions: list[lsp.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != "fachakte":
            continue
        # The edit reuses the client's range as it came; only reading the text needs columns.
        r = diagnostic.range
        inside = positions.range_in(codec, text, r)
        line = lines[r.start.line] if r.start.line < len(lines) else ""
        current = line[inside.start.character : inside.end.character]
        hint = (diagnostic.data or {}).get("hint", "") if isinstance(diagnostic.data, dict) else ""
        fixes = convert.replacements(hint, current) if hint else []
        for rank, (title, new_text) in enumerate(fixes):
            actions.append(
                lsp.CodeAction(
                    title=title,
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=rank == 0,
                    edit=lsp.WorkspaceEdit(
                        changes={params.text_document.uri: [lsp.TextEdit(r, new_text)]}
                    ),
                )
            )
        code = str(diagnostic.code)
        title = _("Explain rule {code}").format(code=code)
        actions.append(
            lsp.CodeAction(
                title=title,
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=lsp.Command(title=title, command=EXPLAIN, arguments=[code]),
            )
        )
    return actions


@server.command(EXPLAIN)
@answering
def explain(ls: FachakteServer, *arguments: Any) -> str:
    """The documentation of a code, as `fachakte explain CODE` prints it."""
    from fachakte_compiler.code_table import lookup

    code = str(arguments[0]) if arguments else ""
    entry = lookup(code)
    text = (
        f"{entry.code} ({entry.name}): {entry.shown_summary()}\n\n{entry.shown_explanation()}"
        if entry
        else _("unknown code '{code}'").format(code=code)
    )
    ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Info, text))
    return text


@server.command(build.COMPILE)
@answering
async def compile_catalogue(ls: FachakteServer, *arguments: Any) -> dict[str, Any]:
    """Build the catalogue of the file or folder given as the first argument (a URI; default:
    the workspace folder, whose `definitions/` is the catalogue as for `fachakte compile`) into
    the build folder beside the catalogue."""
    target = arguments[0] if arguments else ls.workspace.root_uri
    path = _file(target) if target else Path.cwd()
    if path is None:
        shown = target if isinstance(target, str) else json.dumps(target, default=str)
        raise Refused(
            _(
                "{command} takes the file:// URI of a file or folder of the catalogue, not {value}"
            ).format(command=build.COMPILE, value=one_line(shown)[:120])
        )
    if path.is_dir():
        folder = path / "definitions" if (path / "definitions").is_dir() else path
        path = folder / "tenants.yaml"  # any file in the folder names its catalogue
    warm = ls.catalogues.catalogue_of(path)
    result = await build.compile_saved(ls, warm)
    publish(ls, warm)  # the build validated the saved files; the editor shows the same findings
    return result


def serve_stdio() -> None:
    """Serve the editor over stdin/stdout until it disconnects. Raises SystemExit(1) after a
    protocol error (lsp.wire), SystemExit(130) after a Ctrl-C, which pygls would swallow."""
    import signal
    import sys

    from fachakte_compiler.lsp.wire import BoundedInput

    quiet_pygls_logs()
    interrupted: list[int] = []

    def on_interrupt(signum: int, _frame: object) -> None:
        interrupted.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    stdin = BoundedInput(sys.stdin.buffer)
    server.start_io(stdin=stdin)  # type: ignore[arg-type]  # reads like a BinaryIO
    if stdin.problem is not None:
        print(stdin.problem, file=sys.stderr)
        raise SystemExit(1)
    if interrupted:
        raise SystemExit(130)
