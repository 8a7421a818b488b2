"""A message for people quotes a value between guillemets, «X1», never with Python's ``repr`` ('X1'):
``fmt.quoted`` writes it, and no f-string of the core or of the built-in plugins converts with ``!r`` (nor
does a ``str.format`` template hold ``{!r}``) but in the few developer-facing errors listed below; ``repr``
itself is named only where its text is data, never a message (``map(repr, names)`` once quoted sections)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core import fmt

from helpers import ROOT

# (file, function) → why its ``!r`` is for a developer, never shown to an office. Keep it short.
DEVELOPER_FACING = {
    ("core/engine/cycle.py", "run_cycle"): "an unknown phase is a caller's bug (--until takes only the phases)",
    ("core/fund.py", "__attrs_post_init__"): "a fund line of an unknown section is a comparto layer's bug",
    ("core/scoring.py", "indicator_achievement"): "an indicator's type is checked when read: another one is a bug",
    ("core/testing.py", "check_expected"): "the plugin test kit's own failures, in English, for plugin authors",
}

# (file, function) → why it names ``repr``: its text is a key or a number's digits, never words for people.
REPR_AS_DATA = {
    ("core/fmt.py", "_visible"): "repr's escape of a character that does not print is what quoted shows",
    ("core/trace.py", "__repr__"): "a repr method",
    ("core/inputs/tables.py", "_as_typed"): "a float cell's shortest digits, before it is a percentage",
    ("core/reports/disclosure.py", "__init__"): "a sort key",
    ("plugins/regolamento/read/load.py", "load"): "a cache key",
    ("plugins/regolamento/read/load.py", "_reader"): "a cache key",
}

REPR_FIELD = re.compile(r"\{[^{}]*![rR](?::[^{}]*)?\}")  # a str.format template's field converted with repr


def sources() -> list[Path]:
    return sorted(p for folder in ("core", "plugins") for p in (ROOT / folder).rglob("*.py"))


def repr_sites(path: Path, named: bool = False) -> list[tuple[str, int]]:
    """(enclosing function, line) of each ``!r`` of ``path``: an f-string's field, or a template's; with
    ``named``, of each use of the name ``repr`` instead."""
    found: list[tuple[str, int]] = []

    def walk(node: ast.AST, function: str) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = node.name
        if named:
            if isinstance(node, ast.Name) and node.id == "repr":
                found.append((function, node.lineno))
        elif isinstance(node, ast.FormattedValue) and node.conversion == ord("r"):
            found.append((function, node.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and REPR_FIELD.search(node.value):
            found.append((function, node.lineno))
        for child in ast.iter_child_nodes(node):
            walk(child, function)

    walk(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


@pytest.mark.parametrize("named, allowed", [(False, DEVELOPER_FACING), (True, REPR_AS_DATA)], ids=["!r", "repr"])
def test_no_message_quotes_with_repr(named, allowed):
    bad, used = [], set()
    for path in sources():
        name = path.relative_to(ROOT).as_posix()
        for function, line in repr_sites(path, named):
            if (name, function) in allowed:
                used.add((name, function))
            else:
                bad.append(f"{name}:{line} ({function}): a value for people is fmt.quoted(x), «x», not its repr")
    assert bad == []
    assert set(allowed) - used == set(), "an allowed site without repr any more: take it off the list"


def test_the_check_finds_an_f_string_and_a_template(tmp_path):
    source = tmp_path / "x.py"
    source.write_text(
        'def f(x):\n    return f"unità {x!r} inesistente"\n\n\nT = "valutatore {!r} inesistente"\nOK = f"{1!s} {2}"\n'
    )
    assert repr_sites(source) == [("f", 2), ("<module>", 5)]
    source.write_text("def g(names):\n    return ', '.join(map(repr, names))\n")
    assert repr_sites(source) == [] and repr_sites(source, named=True) == [("g", 2)]


@pytest.mark.parametrize(
    "value, want",
    [
        ("X1", "«X1»"),
        ("", "«»"),
        ("a\tb", "«a\\tb»"),
        ("riga\nsotto", "«riga\\nsotto»"),
        ("nul\x00", "«nul\\x00»"),
        ("spazio\u00a0duro", "«spazio\\xa0duro»"),
        ("Unità «Città» l'ente \"x\" C:\\dati", "«Unità «Città» l'ente \"x\" C:\\dati»"),
        (42, "«42»"),
        (dt.date(2021, 6, 30), "«2021-06-30»"),
    ],
)
def test_quoted(value, want):
    assert fmt.quoted(value) == want


@pytest.mark.parametrize(
    "value, want",
    [
        ("3", '"3"'),
        ('di "x" e \\', '"di \\"x\\" e \\\\"'),
        ("a\tb", '"a\\tb"'),
        (3, "3"),
        (0.5, "0.5"),
        (float("nan"), "nan"),
        (True, "true"),
        (False, "false"),
        (Decimal("1.50"), "1.50"),
        (dt.date(2021, 6, 30), "2021-06-30"),
        ([1, "a"], '[1, "a"]'),
        ({"a": 1, "b": [True]}, "{ a = 1, b = [true] }"),
        ({}, "{}"),
    ],
)
def test_toml_value(value, want):
    assert fmt.toml_value(value) == want
