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


def machine() -> str:
    return f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}"
