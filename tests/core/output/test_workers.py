"""workers.die_with: the one prctl(PR_SET_PDEATHSIG) of the run's workers and of Chromium's printing."""

import ctypes
import signal
import subprocess
import sys
import textwrap

import pytest

from ciclope.core.output import workers


class Libc:
    """A C library that records its prctl calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, ...]] = []

    def prctl(self, *args: int) -> int:
        self.calls.append(args)
        return 0


def test_the_signal_asked_for_is_the_one_set(monkeypatch):
    libc = Libc()
    monkeypatch.setattr(ctypes, "CDLL", lambda name, use_errno: libc)
    assert workers.die_with(signal.SIGKILL) is True
    workers.die_with_parent()
    # <linux/prctl.h>: PR_SET_PDEATHSIG = 1; prctl takes five arguments, the unused ones 0
    assert libc.calls == [(1, signal.SIGKILL, 0, 0, 0), (1, signal.SIGTERM, 0, 0, 0)]


@pytest.mark.parametrize("error", [OSError, AttributeError])
def test_a_c_library_without_prctl_is_ignored(monkeypatch, error):
    """No C library (OSError) or one without prctl (AttributeError, not Linux): False, nothing raised."""

    def missing(name, use_errno):
        raise error("no prctl")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert workers.die_with(signal.SIGTERM) is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_kernel_keeps_the_signal_set():
    """On Linux the signal is really set: PR_GET_PDEATHSIG (2) reads it back in a fresh process."""
    code = textwrap.dedent(
        """
        import ctypes, signal
        from ciclope.core.output.workers import die_with
        assert die_with(signal.SIGKILL)
        got = ctypes.c_int()
        ctypes.CDLL(None, use_errno=True).prctl(2, ctypes.byref(got), 0, 0, 0)
        print(got.value)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert int(out) == signal.SIGKILL
