"""Shared helpers for ciclope's own tests (the plugin test kit itself is core/testing.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# The TOML case collector and fixtures of the plugin test kit are opt-in (no pytest11 entry point).
pytest_plugins = ["ciclope.core.testing"]

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = SHARED / "examples"


@pytest.fixture
def example(tmp_path):
    """Copy ../shared/examples/<name> to tmp_path and return the copy (skip when shared/ is absent)."""

    def copy(name: str) -> Path:
        src = EXAMPLES / name
        if not src.is_dir():
            pytest.skip(f"{src} not available (shared/ sits beside the project)")
        dest = tmp_path / name
        shutil.copytree(src, dest)
        return dest

    return copy


@pytest.fixture
def reportcase_installed(monkeypatch):
    """The report case's regulation (tests/reportcase.py) as an installed plugin (group ciclope.plugins)."""
    from importlib.metadata import EntryPoint

    from ciclope.core import registry

    ep = EntryPoint(name="reportcase", value="reportcase:PLUGIN", group=registry.GROUP)
    installed = dict(registry._scan())
    installed["reportcase"] = ep
    monkeypatch.setattr(registry, "_scan", lambda: tuple(installed.items()))
