"""One merge at a time per ente: an exclusive lock on the ente's data folder (the folder itself, so no file
is added to the office's data), held from the first read of its data to the last file written. A second
merge waits for the first, then reads what the first wrote: neither is lost."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ciclope.core.problems import CiclopeError, Problem

WAIT_SECONDS = 120


@contextlib.contextmanager
def held(folder: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system: one merge at a time is the office's care
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        deadline, told = time.monotonic() + wait, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise CiclopeError(
                        [
                            Problem(
                                rule="raccolta.occupata",
                                file=str(folder),
                                message=f"un'altra unione nei dati di {folder} è in corso da oltre {int(wait)} "
                                "secondi: attendi che finisca e rilancia",
                            )
                        ]
                    ) from None
                if not told:
                    print(f"Un'altra unione nei dati di {folder} è in corso: attendo che finisca…", file=sys.stderr)
                    told = True
                time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
