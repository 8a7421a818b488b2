"""The install works with what it declares: every dependency has a floor, CI installs the floors in a venv of
their own and runs the fast tests there, and a floor is at least the version that has what the code calls."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _lowest():
    spec = importlib.util.spec_from_file_location("lowest", ROOT / ".ci" / "lowest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_every_dependency_has_a_floor_pinned_by_the_constraints():
    project = _project()
    declared = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pinned = _lowest().floors(declared)
    assert len(pinned) == len(declared)
    for requirement, pin in zip(declared, pinned):
        name, floor = re.match(r"([A-Za-z0-9._-]+)(?:\[[^\]]*\])?>=([0-9][^,;\s]*)", requirement).groups()
        assert pin.split(";")[0] == f"{name}=={floor}", (requirement, pin)
    assert _lowest().floors(["tomli>=2.0; python_version < '3.11'"]) == ["tomli==2.0; python_version < '3.11'"]


def test_a_requirement_without_a_floor_is_refused():
    import pytest

    with pytest.raises(SystemExit, match="no «>=» floor"):
        _lowest().floors(["pluggy"])


def _floor(name: str) -> tuple[int, ...]:
    for requirement in _project()["dependencies"]:
        found = re.match(rf"{name}>=([0-9.]+)", requirement)
        if found:
            return tuple(int(x) for x in found.group(1).split("."))
    raise AssertionError(f"{name} not declared")


def test_pluggys_floor_has_what_the_registry_reads():
    # HookSpec.kwargdefaults is in pluggy from 1.7 (1.5 and 1.6 lack it: checked by installing each, and by CI's
    # job with the floors); the registry reads it for every hook asked once per person
    registry = (ROOT / "core" / "engine" / "registry.py").read_text(encoding="utf-8")
    if "kwargdefaults" in registry:
        assert _floor("pluggy") >= (1, 7)


def test_ci_runs_the_fast_tests_with_the_floors():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 .ci/lowest.py test > .venv-lowest.txt" in script
    assert ".venv-lowest/bin/pip install -q -c .venv-lowest.txt -e '.[test]'" in script
    assert '.venv-lowest/bin/pytest -q -m "not slow"' in script
