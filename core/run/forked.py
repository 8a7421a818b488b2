"""One piece of an ente's work done by a forked copy of this process while this one goes on.

``ciclope run --jobs N`` with fewer enti than processes leaves processes idle: one ente of 30,000
people with ``--jobs 2`` used one core. :func:`start` forks this process; the copy shares the
ente's Result (copy-on-write, nothing is pickled), runs ``work`` (``schede.xlsx``, the longest
document) and exits; this process writes the other outputs meanwhile and then :meth:`Child.wait`
for it. The file the copy writes is byte for byte the one this process would have written.

Only on Linux: elsewhere :func:`start` returns None and the caller does the work itself (Windows has
no fork; on macOS a fork without exec is unsafe once system frameworks are loaded, which is why
CPython's own default there is ``spawn``). The copy never returns into the caller: it leaves with
``os._exit`` (no atexit handlers, no flushing of this process's buffers, no database connection
closed behind our back). A failure travels back through a pipe: its text first, then the exception
pickled, so that an exception which cannot cross processes still arrives as its text.
"""

from __future__ import annotations

import os
import pickle
import posix
import signal
import sys
import traceback
from collections.abc import Callable

# The real exit, from the posix module: while an ente runs, os._exit raises instead (isolation.exits_isolated),
# and this module may be imported first during such a run; the forked copy must still end here, never return
# into the parent's code.
_EXIT = posix._exit


class ForkedWorkError(RuntimeError):
    """The forked copy ended without finishing (a signal) or with an exception that cannot cross processes."""


class Child:
    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.done = False

    def wait(self) -> None:
        """Wait for the copy. Its exception is raised here, as if this process had done the work (an
        ``OSError`` stays an ``OSError``: a full disk reads the same), with the copy's traceback as a note;
        :class:`ForkedWorkError` if it was killed."""
        try:
            with os.fdopen(self.fd, "rb") as pipe:
                sent = pipe.read()
        finally:
            self.fd = -1  # closed, even if the read was interrupted (Ctrl-C): stop() must not close it again
        _, status = os.waitpid(self.pid, 0)
        self.done = True
        code = os.waitstatus_to_exitcode(status)
        if code == 0:
            return
        if code < 0:
            raise ForkedWorkError(f"il processo che scriveva in parallelo è stato terminato (segnale {-code})")
        size = int.from_bytes(sent[:4], "big")
        text = sent[4 : 4 + size].decode("utf-8", errors="replace")
        exc: BaseException | None = None
        if sent[4 + size :]:
            try:
                exc = pickle.loads(sent[4 + size :])  # from our own fork: the same code, the same trust
            except Exception:  # e.g. an exception whose __init__ wants other arguments than its args
                exc = None
        raise exc if exc is not None else ForkedWorkError(text or f"uscito con codice {code}")

    def stop(self) -> None:
        """End the copy and reap it (this process failed: its work is not needed)."""
        if self.done:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:  # pragma: no cover - already gone
            pass
        os.waitpid(self.pid, 0)
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
        self.done = True


def start(work: Callable[[], object]) -> Child | None:
    """Run ``work`` in a forked copy of this process; None where it should not fork (not Linux)."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - Windows, macOS
        return None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy
        code = 1
        try:
            os.close(read)
            work()
            code = 0
        except BaseException as exc:  # every failure goes back to the parent: its text, then pickled
            try:
                where = "nel processo che scriveva in parallelo:\n" + traceback.format_exc(limit=-8)
                text = f"{type(exc).__name__}: {exc}\n{where}".encode()
                exc.add_note(where)
                try:
                    pickled = pickle.dumps(exc)
                except Exception:
                    pickled = b""
                view = memoryview(len(text).to_bytes(4, "big") + text + pickled)
                while view:
                    view = view[os.write(write, view) :]
            except BaseException:  # pragma: no cover - the parent is gone
                pass
        finally:
            _EXIT(code)
    os.close(write)
    return Child(pid, read)
