"""The guard of the ``slow`` marker: a test not marked ``slow`` that starts Chromium or LibreOffice fails.

The README's test command runs ``-m "not slow"`` and must stay under five minutes on a two-core machine; one
headless Chromium or LibreOffice costs seconds, so a test that starts one belongs to the slow run (CI's second
step). The marker is kept true by this plugin (loaded by tests/conftest.py), not by review:

- while a test that is not marked ``slow`` runs (its setup, call and teardown, so a module fixture set up for it
  counts too), ``PATH`` starts with a folder of shims named after each program found on the machine, and
  ``CICLOPE_CHROMIUM`` (read first by :func:`ciclope.core.reports.public.chromium`) names the Chromium shim. A
  shim writes its name to a log and execs the real program, so the test behaves as before. Child processes
  inherit the environment: a ``ciclope`` started in a subprocess, or a pool's worker, is seen too;
- ``subprocess.Popen`` records a program started by an absolute path (``/usr/bin/chromium``) or Playwright's
  driver (which starts the browser itself), in this process and in the children it forks;
- after each phase, a report whose test started one of them while not marked ``slow`` becomes a failure that
  names the programs and the phase.

A program that is not installed gets no shim: the tests that skip without it still skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# The programs that make a test slow, by the names the tests and ciclope start them with.
PROGRAMS = ("chromium", "chromium-browser", "google-chrome", "soffice", "libreoffice")


class Guard:
    """The shims' folder and log, and whether a test not marked slow is running."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ciclope-slowguard-"))
        self.log = self.folder / "started.log"
        self.log.touch()
        self.read = 0  # bytes of the log already attributed to a report
        self.active = False
        self.saved: dict[str, str | None] = {}
        self.chromium: Path | None = None
        for name in PROGRAMS:
            real = shutil.which(name)
            if real:
                self._shim(name, real)
        from ciclope.core.reports.public import chromium

        real = chromium()
        if real:
            self.chromium = self._shim("ciclope-chromium", real)

    def _shim(self, name: str, real: str) -> Path:
        shim = self.folder / name
        shim.write_text(f'#!/bin/sh\necho "{name}" >> "{self.log}"\nexec "{real}" "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
        return shim

    def record(self, program: str) -> None:
        with self.log.open("a", encoding="utf-8") as log:
            log.write(program + "\n")

    def take(self) -> list[str]:
        """The programs started since the last call."""
        data = self.log.read_bytes()
        new, self.read = data[self.read :], len(data)
        return new.decode("utf-8", "replace").split()

    def enter(self) -> None:
        self.saved = {key: os.environ.get(key) for key in ("PATH", "CICLOPE_CHROMIUM")}
        os.environ["PATH"] = f"{self.folder}{os.pathsep}{os.environ.get('PATH', '')}"
        if self.chromium is not None:
            os.environ["CICLOPE_CHROMIUM"] = str(self.chromium)
        self.active = True

    def leave(self) -> None:
        self.active = False
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


GUARD: Guard | None = None
_EXECUTE_CHILD = subprocess.Popen._execute_child


def _execute_child(self, args, executable, *rest, **kwargs):
    """Popen's one place of starting a program on POSIX: records a slow program, then starts it as asked."""
    if GUARD is not None and GUARD.active:
        first = executable or (args if isinstance(args, (str, bytes, os.PathLike)) else args[0])
        program = os.fsdecode(first)
        name = os.path.basename(program.split()[0]) if program.strip() else ""
        if name in PROGRAMS or name == "ciclope-chromium":
            GUARD.record(name)
        elif "playwright" in program:  # Playwright's driver starts the browser itself
            GUARD.record("playwright")
    return _EXECUTE_CHILD(self, args, executable, *rest, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    global GUARD
    GUARD = Guard()
    subprocess.Popen._execute_child = _execute_child


def pytest_unconfigure(config: pytest.Config) -> None:
    global GUARD
    subprocess.Popen._execute_child = _EXECUTE_CHILD
    if GUARD is not None:
        shutil.rmtree(GUARD.folder, ignore_errors=True)
        GUARD = None


def _slow(item: pytest.Item) -> bool:
    return item.get_closest_marker("slow") is not None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    guarded = GUARD is not None and not _slow(item)
    if guarded:
        assert GUARD is not None
        GUARD.take()  # what ran between tests (a session fixture's teardown) is no test's
        GUARD.enter()
    try:
        yield
    finally:
        if guarded:
            assert GUARD is not None
            GUARD.leave()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    if GUARD is None or _slow(item):
        return
    started = GUARD.take()
    if started:
        report = outcome.get_result()
        names = ", ".join(sorted(set(started)))
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} started {names} during {report.when} but is not marked slow: "
            "mark it @pytest.mark.slow (tests/slowguard.py)"
        )
