"""A clone of the project is complete: no test reads a file outside it (the public examples and the acceptance
checker are kept in tests/examples/), so the README's test command runs every test from the clone alone."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
OUTSIDE = re.compile(r"""["']/work/|\.\./shared|["']shared["']|parents\[2\]|parent\.parent\.parent""")


def test_no_test_looks_outside_the_project():
    found = [
        f"{path.relative_to(TESTS)}:{n}: {line.strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        if "examples" not in path.relative_to(TESTS).parts and path.name != Path(__file__).name
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OUTSIDE.search(line)
    ]
    assert found == []


def test_the_examples_are_in_the_project():
    for name in ("bergamo", "brescia", "comunita_montane"):
        assert (TESTS / "examples" / name / "cycle.toml").is_file()
        assert (TESTS / "examples" / name / "expected.json").is_file()
    assert (TESTS / "examples" / "check_results.py").is_file()
