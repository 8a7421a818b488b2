"""Plugin test kit: an opt-in pytest plugin with fixtures and *cases as data*.

A project opts in from its ``tests/conftest.py`` (nothing is collected anywhere else, so installing
ciclope never changes another project's test run)::

    pytest_plugins = ["ciclope.core.testing"]

and may say where its cases are with the ini option ``ciclope_cases`` (folders relative to the
rootdir; default: every folder named ``cases``)::

    [tool.pytest.ini_options]
    ciclope_cases = ["tests/cases"]

Fixtures and helpers for plugin authors:

- :func:`write_ente` writes an ente folder from ``{file name: text}``;
- :func:`compute_ente` runs the cycle (or up to one phase) on a folder and returns the
  :class:`core.result.Result`, failing the test if an explanation's ``ref`` names no recorded figure
  (or its ``cell`` no input of the ente); :func:`results_doc` gives its ``results.json`` as a dict;
- the ``ciclope_ente`` fixture does both in ``tmp_path``.

Cases as data (like OpenFisca's YAML tests): every ``*.toml`` file under a cases folder is a test,
written by a domain expert without Python::

    [case]
    description = "Fasce 20/40/40 con 9 dipendenti"
    plugin = "comunita_montane"
    year = 2021
    until = "rendicontazione"        # optional: stop after a phase
    data = "../../examples/x"        # optional: a data folder (relative to this file) …

    [params]                         # optional overrides, checked against the bounds
    ranking_scope = "ente"

    [files]                          # … and/or files inline (override those of `data`)
    "people.csv" = '''
    id,name,role,category,unit,fte,absence_days,insufficient,evaluator
    ...
    '''

    [expected]                       # paths into results.json, as in check_results.py
    "individual.P1.score" = 96.0
    "rewards.people.P1.amount" = "6000.00"
    "!no_error_violations" = true
    "!error_violation" = "art. 17"   # some error violation mentions this text

Numbers compare exactly, as decimals (``6000`` = ``"6000.00"``, ``0.9558`` ≠ ``0.95583``: write the figure as
results.json has it); strings case-insensitively.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ciclope.core.engine.references import RULES
from ciclope.core.inputs.config import EnteConfig, resolve_params
from ciclope.core.output.results import dumps
from ciclope.core.problems import CiclopeError
from ciclope.core.run.runner import compute


def write_ente(folder: Path, files: Mapping[str, str]) -> Path:
    """Write ``{name: text}`` into ``folder`` (leading blank lines and indentation trimmed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        lines = [ln.strip() for ln in text.strip("\n").splitlines()]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def compute_ente(
    folder: Path,
    plugin: str,
    year: int,
    params: Mapping[str, Any] | None = None,
    until: str = "rendicontazione",
    ente_id: str = "caso",
):
    """Load the folder and run the cycle; raises CiclopeError for bad data or bad params, and AssertionError
    when an explanation refers to a figure never recorded or to a cell of no input (:mod:`core.engine.references`):
    a warning in production, a failed test of the plugin here."""
    resolved, problems = resolve_params(plugin, year, params or {}, "params")
    if problems:
        raise CiclopeError(problems)
    cfg = EnteConfig(id=ente_id, plugin=plugin, data=Path(folder), overrides=dict(params or {}), params=resolved)
    result = compute(cfg, year, until)
    assert_explained(result)
    return result


def assert_explained(result) -> None:
    """Raise AssertionError listing every reference of the result's explanations that leads nowhere."""
    dangling = [p.message for p in result.violations if p.rule in RULES]
    if dangling:
        raise AssertionError("spiegazioni con riferimenti pendenti:\n" + "\n".join(dangling))


def results_doc(result) -> dict:
    """The ``results.json`` document of a Result, as parsed JSON."""
    return json.loads(dumps(result))


def lookup(doc: Any, path: str) -> Any:
    cur = doc
    for part in path.split("/") if "/" in path else path.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            raise KeyError(path)
    return cur


def same(want: Any, got: Any) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return want == got
    if isinstance(want, (int, float, Decimal)):
        try:  # through the text, so the float 0.1 is the decimal 0.1 that was written
            return Decimal(str(want)) == Decimal(str(got))
        except ArithmeticError:  # got is not a number
            return False
    if isinstance(want, str):
        return str(got).strip().lower() == want.strip().lower()
    return want == got


def check_expected(doc: dict, expected: Mapping[str, Any]) -> list[str]:
    """Mismatches between a results document and expectations (empty = all hold)."""
    bad = []
    for key, want in expected.items():
        if key == "!no_error_violations":
            errs = [v for v in doc["violations"] if v["severity"] == "error"]
            if bool(want) != (not errs):
                bad.append(f"{key}: errors {errs[:3]}")
            continue
        if key == "!error_violation":
            needles = want if isinstance(want, list) else [want]
            for needle in needles:
                if not any(
                    v["severity"] == "error" and needle.lower() in json.dumps(v, ensure_ascii=False).lower()
                    for v in doc["violations"]
                ):
                    bad.append(f"{key}: no error mentioning {needle!r}; got {doc['violations'][:3]}")
            continue
        if key == "!pool_conserved":
            for name, p in doc["rewards"].get("pools", {}).items():
                if Decimal(p["distributed"]) + Decimal(p["residual"]) != Decimal(p["amount"]):
                    bad.append(f"pool {name} not conserved: {p}")
                tagged = [a for a in doc["rewards"].get("people", {}).values() if a["pool"] == name]
                if tagged and sum(Decimal(a["amount"]) for a in tagged) != Decimal(p["distributed"]):
                    bad.append(f"pool {name}: people do not sum to distributed")
            continue
        try:
            got = lookup(doc, key)
        except KeyError:
            if want is None:
                continue
            bad.append(f"{key}: missing (want {want!r})")
            continue
        if want is None and got is None:
            continue
        if not same(want, got):
            bad.append(f"{key}: want {want!r} got {got!r}")
    return bad


@pytest.fixture
def ciclope_ente(tmp_path):
    """``ciclope_ente(plugin, files, year=2021, params=None, until=...)`` → Result."""

    def make(plugin: str, files: Mapping[str, str], year: int = 2021, params=None, until="rendicontazione"):
        folder = write_ente(tmp_path / "ente", files)
        return compute_ente(folder, plugin, year, params, until)

    return make


# -- cases as data -----------------------------------------------------------------------------


class CaseFile(pytest.File):
    def collect(self):
        with open(self.path, "rb") as fh:
            data = tomllib.load(fh)
        yield CaseItem.from_parent(self, name=self.path.stem, data=data)


class CaseItem(pytest.Item):
    def __init__(self, *, data, **kwargs):
        super().__init__(**kwargs)
        self.data = data

    def runtest(self):
        case = self.data.get("case", {})
        folder = self.path.parent
        with tempfile.TemporaryDirectory(prefix=f"ciclope-case-{self.name}-") as work:
            ente_dir = Path(work) / "ente"
            if "data" in case:
                shutil.copytree(folder / case["data"], ente_dir)
            write_ente(ente_dir, self.data.get("files", {}))
            result = compute_ente(
                ente_dir,
                case["plugin"],
                int(case.get("year", 2021)),
                self.data.get("params", {}),
                case.get("until", "rendicontazione"),
            )
        bad = check_expected(results_doc(result), self.data.get("expected", {}))
        if bad:
            raise CaseFailure(bad)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailure):
            return "\n".join(excinfo.value.args[0])
        if isinstance(excinfo.value, CiclopeError):
            return "il caso non si carica:\n" + str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"caso: {self.data.get('case', {}).get('description', self.name)}"


class CaseFailure(AssertionError):
    pass


def pytest_addoption(parser):
    parser.addini(
        "ciclope_cases",
        type="linelist",
        default=[],
        help="folders (relative to the rootdir) whose *.toml files are ciclope cases; "
        "default: every folder named 'cases'",
    )


def is_case(config, file_path: Path) -> bool:
    if file_path.suffix != ".toml" or file_path.name == "pyproject.toml":
        return False
    folders = config.getini("ciclope_cases")
    if not folders:
        return "cases" in file_path.parts[:-1]
    root = Path(config.rootpath)
    return any(file_path.is_relative_to((root / folder).resolve()) for folder in folders)


def pytest_collect_file(parent, file_path):
    if is_case(parent.config, Path(file_path)):
        return CaseFile.from_parent(parent, path=file_path)
    return None
