"""Shared helpers for ciclope's own tests (the plugin test kit itself is core/testing.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Speed is measured in bench/, never by a test: hypothesis's per-example deadline would fail a property on a
# slow first call (an import, a cold cache, a loaded CI machine) and call it flaky, so no test has one.
settings.register_profile("ciclope", deadline=None)
settings.load_profile("ciclope")

# A defect that escapes a command is reported to the office in Italian with its traceback in a file
# (core/commands/internal.py); the tests want the exception itself, as a developer does (test_internal_error.py
# turns it off to check the report).
os.environ["CICLOPE_TRACEBACK"] = "1"

# The TOML case collector and fixtures of the plugin test kit are opt-in (no pytest11 entry point); slowguard
# fails a test that starts Chromium or LibreOffice without the ``slow`` marker (tests/slowguard.py).
pytest_plugins = ["ciclope.core.testing", "slowguard"]

ROOT = Path(__file__).resolve().parent.parent
# The public example cycles with their expected.json and the acceptance's checker, kept in the project so a
# clone is complete (tests/examples/README.md).
EXAMPLES = ROOT / "tests" / "examples"
CHECK_RESULTS = EXAMPLES / "check_results.py"


@pytest.fixture
def example(tmp_path):
    """Copy tests/examples/<name> to tmp_path and return the copy."""

    def copy(name: str) -> Path:
        src = EXAMPLES / name
        dest = tmp_path / name
        shutil.copytree(src, dest)
        return dest

    return copy


@pytest.fixture
def reportcase_installed(monkeypatch):
    """The report case's regulation (tests/reportcase.py) as an installed plugin (group ciclope.plugins)."""
    from importlib.metadata import EntryPoint

    from ciclope.core.engine import registry

    ep = EntryPoint(name="reportcase", value="reportcase:PLUGIN", group=registry.GROUP)
    installed = dict(registry._scan())
    installed["reportcase"] = ep
    monkeypatch.setattr(registry, "_scan", lambda: tuple(installed.items()))


POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
_POSTGRES_DB: list[str] = []  # this pytest process's own database, made at first use


def _own_database(sqlalchemy) -> str:
    """A database of this test run's own (``ciclope_test_<pid>_<random>``), made once per process and
    dropped at exit, so two runs on one host never touch each other's tables."""
    if _POSTGRES_DB:
        return _POSTGRES_DB[0]
    import atexit
    import os
    import secrets

    from ciclope.core.store.engine import driver_url

    name = f"ciclope_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = sqlalchemy.create_engine(driver_url(f"{POSTGRES_SERVER}/postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def drop() -> None:
        engine = sqlalchemy.create_engine(driver_url(f"{POSTGRES_SERVER}/postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sqlalchemy.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    atexit.register(drop)
    _POSTGRES_DB.append(f"{POSTGRES_SERVER}/{name}")
    return _POSTGRES_DB[0]


def _postgres_or_skip():
    """An empty PostgreSQL database of this run's own (every table dropped), or a skip that says why."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg", reason="psycopg non installato: pip install 'ciclope-pa[test]'")
    from ciclope.core.store.engine import driver_url

    engine = sqlalchemy.create_engine(driver_url(f"{POSTGRES_SERVER}/postgres"))
    try:
        with engine.connect():
            pass
    except Exception as exc:
        engine.dispose()
        pytest.skip(f"nessun server PostgreSQL su 127.0.0.1:5432 (utente postgres): {exc}")
    engine.dispose()
    url = _own_database(sqlalchemy)
    engine = sqlalchemy.create_engine(driver_url(url))
    meta = sqlalchemy.MetaData()
    meta.reflect(engine)
    meta.drop_all(engine)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """A results-store URL on each backend: a SQLite file in tmp_path, and the PostgreSQL server of the
    machine and of CI (emptied first; skipped with a clear message where none answers)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archivio.db'}"
    return _postgres_or_skip()
