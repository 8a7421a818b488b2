"""Each ente of a run in its own forked process, under a time limit: a plugin that crashes the process (a
segfault in native code, a signal) or never ends fails its ente only; the others run, and the run's
summary and store close as after any failure. The scheduler keeps ``jobs`` processes busy, hands out the
enti in the order given, and yields each outcome as it arrives."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from ciclope.core.output.workers import die_with_parent
from ciclope.core.problems import Problem

DEFAULT_TIMEOUT = 3600  # seconds per ente: the largest real ente takes a minute; an hour is a hang

_RUN: Callable[[int], Any] | None = None  # the task runner, inherited by each forked child


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _child(index: int, send: Connection) -> None:
    os.setpgid(0, 0)  # a group of its own: whatever the plugin forks is ended with it (:func:`_end_group`)
    die_with_parent()
    assert _RUN is not None, "set by run_isolated before forking"
    send.send(_RUN(index))
    send.close()


def _signal_name(code: int | None) -> str:
    if code is None or code >= 0:
        return f"codice di uscita {code}"
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"segnale {-code}"


def run_isolated(
    count: int,
    run: Callable[[int], Any],
    failed: Callable[[int, str, Problem], Any],
    jobs: int,
    timeout: float,
    order: list[int] | None = None,
) -> Iterator[tuple[int, Any]]:
    """``run(i)`` for every i of ``order`` (default 0…count-1), each in a forked child; (i, outcome) as they
    end. A child that dies without an outcome, or outlives ``timeout`` seconds (killed), gives
    ``failed(i, reason, problem)``."""
    global _RUN
    _RUN = run
    ctx = multiprocessing.get_context("fork")
    pending = list(range(count) if order is None else order)
    running: dict[Connection, tuple[int, Any, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, jobs):
            index = pending.pop(0)
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=_child, args=(index, send), daemon=True)
            process.start()
            assert process.pid is not None, "a started process has its pid"
            _own_group(process.pid)
            send.close()
            running[receive] = (index, process, time.monotonic() + timeout)
        first = min(deadline for _, _, deadline in running.values())
        ready = wait(list(running), timeout=max(0.0, first - time.monotonic()))
        for conn in list(running):
            if conn in ready:
                yield _collect(conn, running.pop(conn), failed)
        now = time.monotonic()
        for conn, (index, process, deadline) in list(running.items()):
            if now >= deadline:
                running.pop(conn)
                _end_group(process.pid)
                process.kill()  # the child itself, had its group not been made
                process.join()
                conn.close()
                reason = (
                    f"l'ente ha superato il tempo massimo di {timeout:g} secondi (--timeout) ed è stato fermato: "
                    "un plugin bloccato? gli altri enti proseguono"
                )
                yield index, failed(index, reason, Problem(rule="core.timeout", message=reason, source=SOURCE))


SOURCE = "segnalare a chi mantiene il plugin o ciclope"


def _own_group(pid: int) -> None:
    """The child ``pid`` made leader of its own process group, from this side too: whichever of the two calls
    comes first, the group exists before the child's plugin can fork."""
    try:
        os.setpgid(pid, pid)
    except OSError:  # the child did it already and its group changed nothing, or it has already ended
        pass


def _end_group(pid: int) -> None:
    """Kill every process of the group the child ``pid`` leads: what a plugin forked (a grandchild holding the
    terminal, a pipe or a file open) never outlives its ente. The group's number stays taken while any member
    lives, even after the child is reaped, so this never reaches another process; a group gone is fine."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _collect(
    conn: Connection, entry: tuple[int, Any, float], failed: Callable[[int, str, Problem], Any]
) -> tuple[int, Any]:
    index, process, _ = entry
    try:
        outcome = conn.recv()
    except (EOFError, OSError):
        outcome = None
    conn.close()
    process.join()
    _end_group(process.pid)  # the ente is done: what its plugin left running goes (the group outlives its leader)
    if outcome is not None:
        return index, outcome
    reason = (
        f"il processo dell'ente si è interrotto ({_signal_name(process.exitcode)}), senza un risultato: "
        "un errore del plugin o di una libreria in codice nativo; gli altri enti proseguono"
    )
    return index, failed(index, reason, Problem(rule="core.internal", message=reason, source=SOURCE))
