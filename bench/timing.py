"""What bench/store.py and bench/site.py share: the installed ``ciclope`` timed as a new process."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

CICLOPE = str(Path(sys.executable).parent / "ciclope")


def timed(*args: str) -> float:
    """Seconds of ``ciclope ARGS`` as a new process (start-up included); a failing command ends the
    benchmark (a benchmark of failing runs measures nothing)."""
    t = time.perf_counter()
    done = subprocess.run([CICLOPE, *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"ciclope {' '.join(args)} → exit {done.returncode}\n{done.stderr[-2000:]}")
    return time.perf_counter() - t


def compile_installed() -> None:
    """Write the bytecode of ciclope's own modules, as ``pip install`` does for an installed package.

    An editable install compiles its modules on first import and caches them in ``__pycache__``, unless
    ``PYTHONDONTWRITEBYTECODE`` is set (as it is in the sandbox these benchmarks ran in): then every
    ``ciclope`` process compiled ~60 modules again, ~0.2 s of start-up that an installed ciclope never
    pays. Called before any timed run, so a run measures what an office's installation costs."""
    import compileall

    import ciclope.core
    import ciclope.plugins

    for package in (ciclope.core, ciclope.plugins):
        compileall.compile_dir(Path(package.__file__).parent, quiet=1)


def machine() -> str:
    return f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"


def reference_work(n: int) -> int:
    """Pure-Python work shaped like ciclope's (small tuples, dict updates, f-strings, Decimal arithmetic),
    with no I/O and nothing shared: what N processes cannot speed up N-fold is the machine's."""
    from decimal import Decimal

    seen: dict[str, tuple[int, str]] = {}
    total = Decimal(0)
    for i in range(n):
        key = f"p{i & 4095}"
        seen[key] = (i, key)
        total += Decimal(i % 97) / 7
    return len(seen) + int(total)


REFERENCE_N = 400_000  # ~0.5 s of work per process on the machine of docs/performance.md


def machine_ceiling(jobs: int, n: int = REFERENCE_N) -> float:
    """The speed-up ``jobs`` processes give on :func:`reference_work`: ``jobs`` tasks one after the other
    in this process, then the same tasks at once in ``jobs`` worker processes (started beforehand, so
    the start-up is not measured). 2.0 on two real cores; less where the cores are not real or are busy
    with another tenant's work."""
    from concurrent.futures import ProcessPoolExecutor

    t = time.perf_counter()
    for _ in range(jobs):
        reference_work(n)
    serial = time.perf_counter() - t
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(reference_work, [1000] * jobs))  # the workers are up
        t = time.perf_counter()
        list(pool.map(reference_work, [n] * jobs))
        parallel = time.perf_counter() - t
    return serial / parallel


def machine_speed(n: int = REFERENCE_N) -> float:
    """Seconds of :func:`reference_work` in this process, best of three: how fast one core of the machine
    is at this minute. A virtual machine's core slows down by a third when the host is busy; a timing
    read next to this one can be compared with another taken at a different minute."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        reference_work(n)
        best = min(best, time.perf_counter() - t)
    return best
