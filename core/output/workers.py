"""What every worker process of a run does first, whoever starts it (the runner, the Relazioni's archive)."""

from __future__ import annotations

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with(sig: int) -> bool:
    """This process gets ``sig`` when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``); False, and nothing
    done, where the C library has no prctl (not Linux).

    Safe between fork and exec (``subprocess``'s ``preexec_fn``) once the parent has imported :mod:`ctypes`:
    the imports below are then a lookup in ``sys.modules``, no import lock taken. They stay here so that a run
    that never forks does not pay for ctypes at start-up."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)
    except (OSError, AttributeError):
        return False
    return True


def die_with_parent() -> None:
    """A worker gets SIGTERM when the parent dies: a killed run never leaves orphans writing for half an hour."""
    import signal

    die_with(signal.SIGTERM)


PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>


def adopt_orphans() -> bool:
    """This process adopts the orphans of the processes it started (Linux ``prctl(PR_SET_CHILD_SUBREAPER)``): a
    grandchild that detaches from its parent becomes this process's child, so it can still be seen and ended.
    False, and nothing done, where the C library has no prctl."""
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
