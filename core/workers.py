"""What every worker process of a run does first, whoever starts it (the runner, the Relazioni's archive)."""

from __future__ import annotations


def die_with_parent() -> None:
    """A worker gets SIGTERM when the parent dies (Linux ``PR_SET_PDEATHSIG``): a killed run never leaves
    orphans writing for half an hour."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: nothing to do
        pass
