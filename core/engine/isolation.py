"""A plugin's ``os._exit`` fails its ente like a raise, instead of ending ciclope.

``os._exit`` ends the process at once: no ``summary.json``, the other enti never run, the store's run
left «running». While plugin code runs (the parameters' checks, an ente's cycle and documents) it is
replaced by a function that raises :class:`HookExit`, a ``SystemExit`` the callers already turn into
that ente's failure. Code that must really end a process (a forked copy) keeps the real function,
taken at import (core/run/forked.py). A plugin that kills its own process by a signal is not covered.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import NoReturn


class HookExit(SystemExit):
    """``os._exit`` called by plugin code."""


@contextlib.contextmanager
def exits_isolated() -> Iterator[None]:
    """``os._exit`` raises :class:`HookExit` until the block ends (nested blocks restore each other)."""
    real = os._exit

    def refused(status: int) -> NoReturn:
        raise HookExit(f"il plugin ha chiamato os._exit({status})")

    os._exit = refused
    try:
        yield
    finally:
        os._exit = real
