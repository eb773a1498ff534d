"""Ctrl-C, held back while the disk and the bookkeeping of a change disagree.

One mechanism for every command: :func:`hold_interrupts` (a signal handler, not a signal mask;
its docstring says why). :func:`finaliser_interrupts` catches the Ctrl-C that lands where Python
cannot raise it (a finaliser inside copier).
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["finaliser_interrupts", "hold_interrupts"]


@contextmanager
def hold_interrupts() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) until the block ends, so that bookkeeping and the disk agree.

    A signal handler rather than a signal mask: Python runs handlers in the main thread, whichever
    thread the kernel hands the signal to (a progress spinner's included), and a mask covers only
    the thread that set it. The held signal is delivered, as a ``KeyboardInterrupt``, at the end.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if held:
            if callable(previous):
                previous(signal.SIGINT, None)
            elif previous == signal.SIG_DFL:
                signal.raise_signal(signal.SIGINT)


@contextmanager
def finaliser_interrupts() -> Iterator[None]:
    """Turn a Ctrl-C that lands in a finaliser during the block into a ``KeyboardInterrupt``.

    copier runs git through plumbum, whose ``Popen`` wrapper waits for its process in
    ``__del__``. Python cannot raise from a finaliser: a ``KeyboardInterrupt`` there is printed
    as a traceback ("Exception ignored in ...") and dropped, while the same Ctrl-C kills the git
    child, so copier then failed on git and the update said "failed" (exit 1) under a
    traceback. Here such an interrupt is recorded without a traceback, the garbage of the block
    is collected while the hook is on, and the interrupt is raised at the end of the block (in
    place of whatever failure it caused), so that the caller undoes and exits as for any Ctrl-C.
    The objects that existed before the block are frozen meanwhile (``gc.freeze``): they are
    not its garbage, and walking them all (copier, pydantic, typer) took 0.05 s.
    """
    caught: list[type[BaseException]] = []
    previous = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        exc_type = unraisable.exc_type
        if isinstance(exc_type, type) and issubclass(exc_type, KeyboardInterrupt):
            caught.append(exc_type)
            return
        previous(unraisable)

    sys.unraisablehook = hook
    gc.freeze()  # what exists already is no garbage of the block: the collection skips it
    try:
        try:
            yield
        finally:
            try:
                gc.collect()
            finally:
                gc.unfreeze()
    except Exception as error:
        if caught:
            raise KeyboardInterrupt from error
        raise
    finally:
        sys.unraisablehook = previous
    if caught:
        raise KeyboardInterrupt
