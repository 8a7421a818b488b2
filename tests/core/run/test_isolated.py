"""The workers of an isolated run (core/run/isolated.py): they live across many enti and are replaced only when an
ente crashes one, hangs past the time limit, or leaves a process behind; each such ente fails alone.

Each test hands ``run_isolated`` small tasks (what a task returns stands for an ente's outcome) and reads which
process ran each one."""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from pathlib import Path

import pytest

from ciclope.core.run import isolated

pytestmark = pytest.mark.skipif(not isolated.available(), reason="needs fork")


def failed(index, reason, problem):
    return ("failed", problem.rule, reason)


def outcomes(run, count: int, jobs: int = 2, timeout: float = 30) -> dict[int, object]:
    return dict(isolated.run_isolated(count, run, failed, jobs, timeout))


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_two_workers_run_forty_enti():
    found = outcomes(lambda i: os.getpid(), 40, jobs=2)
    assert sorted(found) == list(range(40))
    # one process per ente would be 40 pids; the two workers live across all of them
    assert len(set(found.values())) == 2 and os.getpid() not in found.values()


def test_a_worker_has_its_next_ente_while_the_caller_handles_an_outcome(tmp_path):
    """The caller writes each outcome into the store; meanwhile the worker that gave it already runs the next ente.
    One worker: the first outcome is held, not yet handled, and ente 1 starts all the same."""

    def run(i):
        (tmp_path / f"started-{i}").touch()
        return i

    found = isolated.run_isolated(3, run, failed, 1, 30)
    assert next(found) == (0, 0)
    started = tmp_path / "started-1"
    for _ in range(1000):  # ente 1 runs in the worker while the generator is held here (up to 10 s)
        if started.exists():
            break
        time.sleep(0.01)
    assert started.exists()
    assert list(found) == [(1, 1), (2, 2)]


def test_a_crash_fails_its_ente_alone_and_only_its_worker_is_replaced():
    def run(i):
        if i == 3:
            faulthandler.disable()  # pytest's handler would print the worker's stack
            os.kill(os.getpid(), signal.SIGSEGV)  # a segfault in native code
        return os.getpid()

    found = outcomes(run, 12, jobs=1)
    assert found[3][:2] == ("failed", "core.internal") and "SIGSEGV" in found[3][2]
    pids = [found[i] for i in range(12) if i != 3]
    # enti 0–2 ran in the first worker, 4–11 in the one that replaced it: two processes, not eleven
    assert len(set(pids[:3])) == 1 and len(set(pids[3:])) == 1 and pids[0] != pids[3]


def test_a_hang_is_stopped_at_the_time_limit_and_the_others_go_on():
    def run(i):
        while i == 1:
            time.sleep(0.05)
        return os.getpid()

    started = time.monotonic()
    found = outcomes(run, 6, jobs=2, timeout=1.5)
    assert time.monotonic() - started < 20
    assert found[1][:2] == ("failed", "core.timeout") and "1.5 secondi" in found[1][2]
    assert all(isinstance(found[i], int) for i in (0, 2, 3, 4, 5))


@pytest.mark.parametrize("detached", [False, True], ids=["child", "detached-grandchild"])
def test_a_process_left_behind_goes_with_its_worker(tmp_path, detached):
    """An ente whose plugin forks and does not wait: the process it left (even one detached with setsid, whose
    parent is gone) is ended when the ente ends, and the next ente runs in a new worker."""
    record = tmp_path / "left.pid"

    def run(i):
        if i == 0:
            pid = os.fork()
            if pid == 0:
                if detached:
                    os.setsid()  # out of the worker's process group, and orphaned below
                    if os.fork():
                        os._exit(0)
                    # written whole, then named: the parent sees the file only with the pid in it (it ends the
                    # ente as soon as the file exists, and the sleeper may be killed right after)
                    record.with_suffix(".tmp").write_text(str(os.getpid()))
                    os.replace(record.with_suffix(".tmp"), record)
                time.sleep(60)
                os._exit(0)
            if detached:
                os.waitpid(pid, 0)  # its intermediate parent ends; the sleeper is an orphan
                while not record.exists():
                    time.sleep(0.01)
            else:
                record.write_text(str(pid))
        return os.getpid()

    found = outcomes(run, 3, jobs=1)
    left = int(record.read_text())
    assert gone(left)
    assert found[0] != found[1] == found[2]  # the worker of ente 0 retired; its successor ran the other two


def test_nothing_is_left_running_when_the_run_ends():
    found = outcomes(lambda i: os.getpid(), 4, jobs=2)
    deadline = time.monotonic() + 5
    while not all(gone(pid) for pid in set(found.values())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(gone(pid) for pid in set(found.values()))
