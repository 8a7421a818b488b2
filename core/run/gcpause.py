"""Garbage collection paused while one ente is computed and written (measured).

An ente allocates millions of small objects that live until its outputs are written; CPython's
cyclic collector scans the growing heap again and again meanwhile, which made big enti
superlinear (31% of a 30,000-person run). The model and the outcomes are acyclic, so reference
counting frees them; one collection after the ente reclaims any cycle, keeping memory bounded by
the largest ente.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)  # the ente's survivors only: the long-lived heap is not rescanned
