"""How the language server answers a request it cannot carry out: a JSON-RPC error with one
line in the client's language, never a Python traceback (in the answer or on stderr)."""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from fachakte_compiler.i18n import _

F = TypeVar("F", bound=Callable[..., Any])


class Refused(JsonRpcException):
    """The request's parameters cannot be used (an invalid or taken name, a wrong argument):
    InvalidParams, with what to do instead."""

    CODE = lsp.ErrorCodes.InvalidParams.value


class Failed(JsonRpcException):
    """The request was understood but cannot be carried out here: RequestFailed."""

    CODE = lsp.LSPErrorCodes.RequestFailed.value


class Internal(JsonRpcException):
    """A fault of the server: one line, no traceback (that stays in no answer)."""

    CODE = lsp.ErrorCodes.InternalError.value


def answering(handler: F) -> F:
    """Wrap a request handler: a user error passes as it is, anything else becomes one
    line on stderr and an InternalError answer without a traceback."""

    def internal(exc: BaseException) -> Internal:
        name = getattr(handler, "__name__", "request")
        print(f"fachakte lsp: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return Internal(_("internal error: {error}").format(error=exc))

    if asyncio.iscoroutinefunction(handler):

        @functools.wraps(handler)
        async def run_async(*args: Any, **kwargs: Any) -> Any:
            try:
                return await handler(*args, **kwargs)
            except JsonRpcException:
                raise
            except Exception as exc:
                raise internal(exc) from None

        return run_async  # type: ignore[return-value]

    @functools.wraps(handler)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return handler(*args, **kwargs)
        except JsonRpcException:
            raise
        except Exception as exc:
            raise internal(exc) from None

    return run  # type: ignore[return-value]


class _OneLine(logging.Formatter):
    """pygls logs every failed request with its traceback; the answer already says what went
    wrong, so stderr gets the message alone."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return super().format(record)


class _NotAnswered(logging.Filter):
    """Drops pygls' log lines about requests answered with our own errors (already told)."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, Refused | Failed | Internal)


def quiet_pygls_logs() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLine("fachakte lsp: %(message)s"))
    handler.addFilter(_NotAnswered())
    pygls = logging.getLogger("pygls")
    pygls.addHandler(handler)
    pygls.propagate = False
    pygls.setLevel(logging.WARNING)
