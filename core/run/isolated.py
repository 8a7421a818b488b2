"""The enti of a run in worker processes that live across many enti, each under a time limit: a plugin that
crashes its process (a segfault in native code, a signal), never ends, or leaves a process of its own behind
fails its ente only; its worker is replaced and the others go on, and the run's summary and store close as after
any failure.

Workers are forked once and handed one ente at a time, as ``concurrent.futures`` hands tasks to a pool; unlike
a pool, a worker is replaced as soon as one of its enti goes wrong:

- it dies without an outcome (a crash, the kernel's out-of-memory killer): the ente fails with the signal;
- it outlives ``timeout`` seconds on one ente: its process group is killed, the ente fails;
- the ente leaves a process behind (a plugin that forks and does not wait): the worker ends after sending the
  outcome, and its process group goes with it. On Linux the worker adopts the orphans of what it started
  (``PR_SET_CHILD_SUBREAPER``), so a grandchild that detaches is still seen.

The scheduler keeps ``jobs`` workers busy, hands out the enti in the order given, and yields each outcome as it
arrives, once the worker that gave it has its next ente."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

import attrs

from ciclope.core.output.workers import adopt_orphans, die_with_parent
from ciclope.core.problems import Problem

DEFAULT_TIMEOUT = 3600  # seconds per ente: the largest real ente takes a minute; an hour is a hang
SOURCE = "segnalare a chi mantiene il plugin o ciclope"

_RUN: Callable[[int], Any] | None = None  # the task runner, inherited by each forked worker


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@attrs.define
class _Worker:
    """A worker process, the parent's end of its pipe, and the ente it runs (None while idle)."""

    process: BaseProcess
    conn: Connection
    index: int | None = None
    deadline: float = 0.0


def _serve(conn: Connection) -> None:
    """The worker: an ente's index in, ``(outcome, retiring)`` out, until told None or until an ente leaves a
    process behind (then it retires, and the parent ends its process group)."""
    os.setpgid(0, 0)  # a group of its own: whatever a plugin forks is ended with it (:func:`_end_group`)
    die_with_parent()
    adopt_orphans()
    assert _RUN is not None, "set by run_isolated before forking"
    while (index := conn.recv()) is not None:
        outcome = _RUN(index)
        retiring = _has_children()
        if retiring:
            _end_children()
        conn.send((outcome, retiring))
        if retiring:
            break
    conn.close()


def _has_children() -> bool:
    """Whether a process this worker started (or adopted) is still alive; the ones that ended are reaped."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        if pid == 0:
            return True


def _end_children() -> None:
    """Kill and reap every process this worker started or adopted, down the tree: a child killed hands its own
    children to this worker (the subreaper), which kills them in turn. Even a grandchild that left the worker's
    process group (``setsid``) goes. Where ``/proc`` does not list children the group's kill is all there is."""
    for _ in range(100):  # each round one generation: a tree deeper than this is a fork bomb the group kill ends
        pids = _children()
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


def _children() -> list[int]:
    """The pids of this process's children, from ``/proc/self/task/*/children`` (Linux); [] elsewhere."""
    found: list[int] = []
    try:
        with os.scandir("/proc/self/task") as tasks:
            for task in tasks:
                with open(os.path.join(task.path, "children"), encoding="ascii") as fh:
                    found.extend(int(pid) for pid in fh.read().split())
    except OSError:
        return []
    return found


def run_isolated(
    count: int,
    run: Callable[[int], Any],
    failed: Callable[[int, str, Problem], Any],
    jobs: int,
    timeout: float,
    order: list[int] | None = None,
) -> Iterator[tuple[int, Any]]:
    """``run(i)`` for every i of ``order`` (default 0…count-1), in worker processes; (i, outcome) as they end. An
    ente whose worker dies without an outcome, or outlives ``timeout`` seconds (killed), gives
    ``failed(i, reason, problem)``."""
    global _RUN
    _RUN = run
    pending = deque(range(count) if order is None else order)
    size = max(1, min(jobs, len(pending)))
    idle: list[_Worker] = []
    busy: dict[Connection, _Worker] = {}
    try:
        while pending or busy:
            _hand_out(pending, busy, idle, size, timeout)
            first = min(w.deadline for w in busy.values())
            ready = wait(list(busy), timeout=max(0.0, first - time.monotonic()))
            ended = deque(_receive(busy.pop(conn), failed, idle) for conn in [c for c in busy if c in ready])
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if now >= worker.deadline:
                    busy.pop(conn)
                    ended.append(_expired(worker, timeout, failed))
            # the freed workers take their next ente before the caller handles these outcomes (it writes each
            # into the store): a worker never waits for the parent's writing
            _hand_out(pending, busy, idle, size, timeout)
            while ended:  # each let go once handed over: an outcome holds its ente's record until written
                yield ended.popleft()
    finally:
        for worker in idle:
            _dismiss(worker)
        for worker in busy.values():  # the caller stopped early (an interrupted run): nothing more is wanted
            _stop(worker)


def _hand_out(
    pending: deque[int], busy: dict[Connection, _Worker], idle: list[_Worker], size: int, timeout: float
) -> None:
    """Give the next enti to idle workers (new ones where none is idle) until ``size`` are busy."""
    while pending and len(busy) < size:
        worker = idle.pop() if idle else _start()
        worker.index, worker.deadline = pending.popleft(), time.monotonic() + timeout
        worker.conn.send(worker.index)
        busy[worker.conn] = worker


def _start() -> _Worker:
    ctx = multiprocessing.get_context("fork")
    mine, theirs = ctx.Pipe()
    process = ctx.Process(target=_serve, args=(theirs,), daemon=True)
    process.start()
    assert process.pid is not None, "a started process has its pid"
    _own_group(process.pid)
    theirs.close()
    return _Worker(process, mine)


def _receive(worker: _Worker, failed: Callable[[int, str, Problem], Any], idle: list[_Worker]) -> tuple[int, Any]:
    index = worker.index
    assert index is not None, "a busy worker has an ente"
    try:
        outcome, retiring = worker.conn.recv()
    except (EOFError, OSError):
        _stop(worker)
        reason = (
            f"il processo dell'ente si è interrotto ({_signal_name(worker.process.exitcode)}), senza un "
            "risultato: un errore del plugin o di una libreria in codice nativo; gli altri enti proseguono"
        )
        return index, failed(index, reason, Problem(rule="core.internal", message=reason, source=SOURCE))
    if retiring:  # the ente left a process running: it goes with the worker's group
        _stop(worker)
    else:
        worker.index = None
        idle.append(worker)
    return index, outcome


def _expired(worker: _Worker, timeout: float, failed: Callable[[int, str, Problem], Any]) -> tuple[int, Any]:
    index = worker.index
    assert index is not None, "a busy worker has an ente"
    _stop(worker)
    reason = (
        f"l'ente ha superato il tempo massimo di {timeout:g} secondi (--timeout) ed è stato fermato: "
        "un plugin bloccato? gli altri enti proseguono"
    )
    return index, failed(index, reason, Problem(rule="core.timeout", message=reason, source=SOURCE))


def _stop(worker: _Worker) -> None:
    """Kill the worker and every process of its group, and reap it."""
    pid = worker.process.pid
    assert pid is not None, "a started process has its pid"
    _end_group(pid)
    worker.process.kill()  # the worker itself, had its group not been made
    worker.process.join()
    worker.conn.close()


def _dismiss(worker: _Worker) -> None:
    """Tell an idle worker to end, wait for it, and end whatever its group still holds."""
    try:
        worker.conn.send(None)
    except OSError:  # it is gone already
        pass
    worker.process.join()
    _stop(worker)


def _signal_name(code: int | None) -> str:
    if code is None or code >= 0:
        return f"codice di uscita {code}"
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"segnale {-code}"


def _own_group(pid: int) -> None:
    """The worker ``pid`` made leader of its own process group, from this side too: whichever of the two calls
    comes first, the group exists before the worker's plugin can fork."""
    try:
        os.setpgid(pid, pid)
    except OSError:  # the worker did it already and its group changed nothing, or it has already ended
        pass


def _end_group(pid: int) -> None:
    """Kill every process of the group the worker ``pid`` leads: what a plugin forked (a grandchild holding the
    terminal, a pipe or a file open) never outlives its ente. The group's number stays taken while any member
    lives, even after the worker is reaped, so this never reaches another process; a group gone is fine."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
