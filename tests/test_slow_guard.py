"""The ``slow`` marker's guard (tests/slowguard.py) fails a test that starts Chromium or LibreOffice unmarked.

Run in a pytest of its own (a subprocess: the guard is a plugin of the session it guards) on a small project
whose ``chromium`` and ``soffice`` are stand-ins that exit at once, found first on ``PATH``."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers import TESTS

PROJECT_TESTS = '''
import subprocess
import pytest

def test_unmarked_starts_chromium_by_path():
    subprocess.run(["chromium", "--version"], check=True)

def test_unmarked_starts_soffice_by_absolute_path(fake):
    subprocess.run([str(fake / "soffice"), "--version"], check=True)

def test_unmarked_starts_chromium_in_a_shell():
    subprocess.run("chromium --version", shell=True, check=True)

def test_unmarked_starts_chromium_through_ciclope_chromium():
    from ciclope.core.reports.public import chromium
    subprocess.run([chromium(), "--version"], check=True)

def test_unmarked_starts_nothing():
    subprocess.run(["true"], check=True)

@pytest.mark.slow
def test_marked_starts_chromium():
    subprocess.run(["chromium", "--version"], check=True)
'''


def test_an_unmarked_test_that_starts_a_slow_program_fails(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    for name in ("chromium", "soffice"):
        (fake / name).write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        (fake / name).chmod(0o755)
    (tmp_path / "conftest.py").write_text(
        f'import pathlib, pytest\npytest_plugins = ["slowguard"]\n\n@pytest.fixture\ndef fake():\n    return pathlib.Path({str(fake)!r})\n',
        encoding="utf-8",
    )
    (tmp_path / "test_project.py").write_text(PROJECT_TESTS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CICLOPE_CHROMIUM", "PYTEST_ADDOPTS")}
    env |= {"PATH": f"{fake}{os.pathsep}{env.get('PATH', '')}", "PYTHONPATH": str(TESTS)}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-rf",
         "-o", "markers=slow", "test_project.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "4 failed, 2 passed" in out, out
    for test, program in [
        ("test_unmarked_starts_chromium_by_path", "chromium"),
        ("test_unmarked_starts_soffice_by_absolute_path", "soffice"),
        ("test_unmarked_starts_chromium_in_a_shell", "chromium"),
        ("test_unmarked_starts_chromium_through_ciclope_chromium", "ciclope-chromium"),
    ]:
        assert f"test_project.py::{test} started {program}" in out, (test, out)
    assert "not marked slow: mark it @pytest.mark.slow" in out
