"""The built distribution in a fresh venv, as a new user and a plugin author get it (slow).

One venv per module (no system site-packages): the ``ciclope-pa`` wheel built from this tree, its
dependencies from the package index. Then: the import names, nothing generic installed top level,
``ciclope plugins`` from a folder with its own ``plugins/`` and ``core.py``, no demo ``out/`` in the
wheel, and a scaffolded plugin that installs, runs and passes its own tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from ciclope.core.commands.scaffold import create

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run(*args, cwd=None, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of a copy of the tree (tracked and new files), with a demo run's out/ planted that must not ship."""
    src = tmp_path_factory.mktemp("src")
    # -z: names as they are (the demos' «unità.csv» would come quoted and escaped otherwise), one per NUL
    files = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout.split("\0")
    files = [rel for rel in files if rel]
    for rel in files:
        if (ROOT / rel).is_file() and not (ROOT / rel).is_symlink():
            (src / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, src / rel)
    planted = src / "plugins" / "brescia" / "demo" / "risultati" / "cciaa-brescia" / "results.json"
    planted.parent.mkdir(parents=True)
    planted.write_text("{}")
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, src)
    (built,) = dist.glob("ciclope_pa-*.whl")
    return built


@pytest.fixture(scope="module")
def env(tmp_path_factory, wheel) -> Path:
    """A fresh venv (no system site-packages) with the wheel and pytest installed; returns its bin/."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True, system_site_packages=False)
    bin_ = home / "bin"
    run(bin_ / "python", "-m", "pip", "install", "-q", wheel, "pytest")
    return bin_


def test_the_wheel_holds_ciclope_core_and_plugins_and_no_demo_output(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "ciclope/core/__init__.py" in names and "ciclope/core/py.typed" in names
    assert "ciclope/plugins/brescia/params.toml" in names
    assert "ciclope/plugins/brescia/demo/cycle.toml" in names
    # the store's migrations and the portal's templates are package data the commands read at run time
    assert "ciclope/core/store/migrations/env.py" in names
    assert "ciclope/core/store/migrations/versions/0002_multiyear_plans.py" in names
    assert "ciclope/core/site/templates/base.html" in names and "ciclope/core/site/static/site.js" in names
    # schede.xlsx's theme and document properties (written without openpyxl, tests/core/reports/test_xlsx_styles.py)
    assert {f"ciclope/core/reports/xlsxparts/{n}" for n in ("app.xml", "core.xml", "theme1.xml")} <= set(names)
    assert not [n for n in names if n.endswith("ciclope.db")]
    assert not [n for n in names if "/demo/out/" in n or "/out/" in n]
    assert not [n for n in names if n.split("/")[0] in ("core", "plugins", "tests", "bench")]


def test_import_names_and_nothing_generic_top_level(env, tmp_path):
    probe = (
        "import importlib.util, ciclope.core, ciclope.plugins, ciclope.plugins.brescia\n"
        "print(importlib.util.find_spec('core'), importlib.util.find_spec('plugins'))\n"
    )
    out = run(env / "python", "-c", probe, cwd=tmp_path).stdout
    assert out.strip() == "None None"


def test_plugins_listed_from_a_folder_with_its_own_plugins_and_core(env, tmp_path):
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "__init__.py").write_text("raise ImportError('the wrong plugins package')\n")
    (tmp_path / "core.py").write_text("raise ImportError('the wrong core module')\n")
    out = run(env / "ciclope", "plugins", cwd=tmp_path).stdout
    for name in ("brescia", "bergamo", "comunita_montane"):
        assert f"{name} 0.1.0  (modulo ciclope.plugins.{name})" in out
    run(env / "python", "-m", "ciclope.core.commands.cli", "plugins", cwd=tmp_path)


def test_scaffold_installs_lists_runs_and_passes_its_tests(env, tmp_path):
    pkg = create("provincia_prova", tmp_path)
    assert '"ciclope-pa"' in (pkg / "pyproject.toml").read_text()
    (pkg / "ciclope_provincia_prova" / "demo" / "risultati").mkdir()  # a local demo run …
    (pkg / "ciclope_provincia_prova" / "demo" / "risultati" / "x.json").write_text("{}")
    run(env / "python", "-m", "pip", "install", "-q", pkg)  # ciclope-pa already there
    site = run(env / "python", "-c", "import ciclope_provincia_prova as m; print(m.__file__)").stdout.strip()
    assert not (Path(site).parent / "demo" / "risultati").exists()  # … is not packaged
    assert "provincia_prova 0.1.0" in run(env / "ciclope", "plugins").stdout
    run(env / "ciclope", "run", "ciclope_provincia_prova/demo/cycle.toml", "--out", tmp_path / "out", cwd=pkg)
    assert (tmp_path / "out" / "provincia-prova-esempio" / "results.json").is_file()
    tests = run(env / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=pkg)
    assert "2 passed" in tests.stdout
    demo = run(env / "ciclope", "demo", "--dir", tmp_path / "demo", cwd=tmp_path).stdout
    assert "== provincia_prova (2021) ==" in demo  # found by its entry point
    # the installed wheel migrates a new store (the demo recorded itself) and builds the portal from it
    assert (tmp_path / "demo" / "ciclope.db").is_file() and (tmp_path / "demo" / "sito" / "index.html").is_file()
    run(env / "ciclope", "site", "--store", tmp_path / "demo" / "ciclope.db", "--out", tmp_path / "sito", cwd=tmp_path)
    assert (tmp_path / "sito" / "index.html").is_file() and (tmp_path / "sito" / "static" / "site.css").is_file()
