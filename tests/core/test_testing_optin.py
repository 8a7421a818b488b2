"""The pytest kit collects TOML cases only where a project opts in (conftest ``pytest_plugins``).

Each test runs pytest in a subprocess on a small project: slow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FOREIGN_CASE = '''# a foreign project's data file, not a ciclope case
[server]
port = 8080
'''
TEST = "def test_ok():\n    assert 1 + 1 == 2\n"
pytestmark = pytest.mark.slow


def run_pytest(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "tests"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path):
    (tmp_path / "tests" / "cases").mkdir(parents=True)
    (tmp_path / "tests" / "cases" / "config.toml").write_text(FOREIGN_CASE)
    (tmp_path / "tests" / "test_x.py").write_text(TEST)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'foreign'\nversion = '1'\n")
    return tmp_path


def test_a_foreign_project_is_unaffected(project):
    run = run_pytest(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout and "config" not in run.stdout


def test_a_project_that_opts_in_gets_its_cases(project):
    (project / "tests" / "conftest.py").write_text('pytest_plugins = ["ciclope.core.testing"]\n')
    run = run_pytest(project)
    assert run.returncode == 1, run.stdout + run.stderr  # the file is now read as a case, and is not one
    assert "1 failed, 1 passed" in run.stdout and "tests/cases/config.toml" in run.stdout


def test_the_ini_option_narrows_where_cases_are(project):
    (project / "tests" / "conftest.py").write_text('pytest_plugins = ["ciclope.core.testing"]\n')
    (project / "pyproject.toml").write_text(
        "[project]\nname = 'foreign'\nversion = '1'\n\n[tool.pytest.ini_options]\nciclope_cases = ['tests/ciclope']\n"
    )
    run = run_pytest(project)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
