"""``ciclope new-plugin``: from an empty folder to an installed plugin whose example and tests run."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ciclope.core.cli import main
from ciclope.core.scaffold import files_for

BIN = Path(sys.executable).parent


def test_refuses_bad_names_and_existing_folders(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new-plugin", "Provincia Prova"]) == 2
    assert main(["new-plugin", "brescia"]) == 2           # an installed plugin's name
    (tmp_path / "ciclope-gia_qui").mkdir()
    assert main(["new-plugin", "gia_qui"]) == 2
    err = capsys.readouterr().err
    assert "non valido" in err and "già un plugin" in err and "esiste già" in err


def test_every_hook_is_listed_in_the_stub_in_cycle_order():
    from ciclope.core import hookspecs
    module = files_for("prova")["ciclope_prova/rules.py"]
    names = [name for name in dir(hookspecs) if name.startswith("ciclope_")]
    where = {name: module.find(f"def {name}(") for name in names}
    assert all(pos > 0 for pos in where.values()), where
    listed = sorted(names, key=where.__getitem__)
    # set-up, then phases a (validate) … f (calendar, report sections), as in rules/core.md
    assert listed[:4] == ["ciclope_params", "ciclope_check_params", "ciclope_input_schema", "ciclope_synth"]
    assert listed.index("ciclope_validate") < listed.index("ciclope_resources") \
        < listed.index("ciclope_indicator_achievement") < listed.index("ciclope_individual_score") \
        < listed.index("ciclope_rewards") < listed.index("ciclope_calendar") < listed.index("ciclope_report_sections")


@pytest.mark.slow
def test_scaffold_installs_lists_runs_and_passes_its_tests(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["new-plugin", "provincia_prova"]) == 0
    pkg = tmp_path / "ciclope-provincia_prova"
    site = tmp_path / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), str(pkg)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    env = dict(os.environ, PYTHONPATH=str(site))
    listed = subprocess.run([BIN / "ciclope", "plugins"], capture_output=True, text=True, env=env)
    assert "provincia_prova 0.1.0" in listed.stdout
    ran = subprocess.run([BIN / "ciclope", "run", "ciclope_provincia_prova/demo/cycle.toml", "--out", str(tmp_path / "out")],
                         cwd=pkg, capture_output=True, text=True, env=env)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (tmp_path / "out" / "provincia-prova-esempio" / "results.json").is_file()
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=pkg,
                           capture_output=True, text=True, env=env)
    assert tests.returncode == 0, tests.stdout[-2000:]
    assert "2 passed" in tests.stdout
