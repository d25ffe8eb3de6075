"""The `fachakte` command's entry point, kept free of imports: a Ctrl-C while the command is
still loading (click, the command table) exits like one later on, without a traceback."""

# No `from __future__ import annotations`: it imports the __future__ module, one more moment in
# which a Ctrl-C finds none of this code running yet.
import sys


def _interrupt_instead(unraisable: "sys.UnraisableHookArgs") -> None:
    """A Ctrl-C that lands in a callback Python cannot raise from (a weakref callback of the
    import machinery, a finalizer) would print "Exception ignored in …" with a traceback and
    be lost; hand it to the main flow instead, which ends like any Ctrl-C (exit 130)."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        import threading

        # Not here: an interrupt raised inside the hook is itself "ignored" with a traceback.
        threading.Thread(
            target=_interrupt_main_after_the_hook,
            args=(threading.main_thread().ident,),
            daemon=True,
        ).start()
        return
    sys.__unraisablehook__(unraisable)


def _interrupt_main_after_the_hook(main: int | None) -> None:
    import _thread
    import time

    hook = _interrupt_instead.__code__
    while _runs(main, hook):
        time.sleep(0.001)
    _thread.interrupt_main()


def _runs(thread: int | None, code: object) -> bool:
    """Whether `code` is on the stack of `thread` (CPython's sys._current_frames)."""
    frame = sys._current_frames().get(thread) if thread is not None else None
    while frame is not None:
        if frame.f_code is code:
            return True
        frame = frame.f_back
    return False


def is_ctrl_c(exc: BaseException) -> bool:
    """Whether a Ctrl-C is what `exc` reports: a KeyboardInterrupt itself, or one that Python
    3.11 wrapped in a RuntimeError because it landed while a class was made (`__set_name__`,
    e.g. a `functools.cached_property` of a module being imported). A SystemExit is never one,
    also when raised while a Ctrl-C was being handled: that exit has already said so."""
    if isinstance(exc, SystemExit):
        return False
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def main() -> None:
    sys.unraisablehook = _interrupt_instead
    try:
        try:
            from fachakte_compiler.cli.main import main as run
        except BaseException as exc:
            if not is_ctrl_c(exc):
                raise
            # Nothing has happened yet; 128 + SIGINT, as for a Ctrl-C later on.
            sys.exit(130)
        run()
    finally:
        _done()


def _done() -> None:
    """The command has ended and said so (its exit code is on the way out): a Ctrl-C from now
    on, or one handed on late from a callback, would only print a traceback of the
    interpreter's own exit, so it is ignored; one that lands while this switches exits 130."""
    import signal

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:
        sys.exit(130)
