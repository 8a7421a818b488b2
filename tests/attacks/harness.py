"""The machinery of the attack reproductions: each command runs through the command line's ``main`` in this
process (:func:`cli`), or as a child process with ``ulimit -v`` and a timeout where the test is about the
process (:func:`cli_process`: memory and time bounds, the real entry point's exit); every input and foreign file
is hashed before and after (a link by its target)."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

from helpers import ciclope

CLI = str(Path(sys.executable).parent / "ciclope")
LIMIT = 1536 * 2**20  # bytes of address space for the child
TIMEOUT = 120


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``ciclope ARGS`` through ``main`` in this process, its streams captured; never an exception out of
    ``main`` (a child would print its traceback), exit 0, 1 or 2. Returned as :func:`cli_process` returns it."""
    run = ciclope(*args, cwd=cwd, env=env)
    assert "Traceback" not in run.stdout + run.stderr, (args, run.stderr[-2000:])
    assert run.returncode in (0, 1, 2), (args, run.returncode, run.stderr[-1000:])
    return run


def cli_process(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """``ciclope ARGS`` in a child bounded in memory and time; never a traceback, exit 0, 1 or 2."""
    run = subprocess.run(
        [CLI, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=None if env is None else {**os.environ, **env},
    )
    assert "Traceback" not in run.stdout + run.stderr, (args, run.stderr[-2000:])
    assert run.returncode in (0, 1, 2), (args, run.returncode, run.stderr[-1000:])
    return run


def snapshot(*paths: Path) -> dict[str, str]:
    """Every file, link and folder under ``paths`` (or the file itself): content hash, link target, "dir"."""
    out: dict[str, str] = {}
    for root in paths:
        items = [root] if not root.is_dir() or root.is_symlink() else [root, *sorted(root.rglob("*"))]
        for p in items:
            if p.is_symlink():
                out[str(p)] = "link:" + os.readlink(p)
            elif p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
            elif p.is_dir():
                out[str(p)] = "dir"
            elif p.exists():
                out[str(p)] = "special"
    return out
