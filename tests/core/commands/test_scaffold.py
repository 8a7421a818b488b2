"""``ciclope new-plugin``: names, the files it writes (installing one: tests/test_wheel.py)."""

from ciclope.core.commands.cli import main
from ciclope.core.commands.scaffold import files_for


def test_refuses_bad_names_and_existing_folders(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new-plugin", "Provincia Prova"]) == 2
    assert main(["new-plugin", "brescia"]) == 2  # an installed plugin's name
    (tmp_path / "ciclope-gia_qui").mkdir()
    assert main(["new-plugin", "gia_qui"]) == 2
    err = capsys.readouterr().err
    assert "non valido" in err and "già un plugin" in err and "esiste già" in err


def test_every_hook_is_listed_in_the_stub_in_cycle_order():
    from ciclope.core.engine import hookspecs

    module = files_for("prova")["ciclope_prova/rules.py"]
    names = [name for name in dir(hookspecs) if name.startswith("ciclope_")]
    where = {name: module.find(f"def {name}(") for name in names}
    assert all(pos > 0 for pos in where.values()), where
    listed = sorted(names, key=where.__getitem__)
    # set-up, then phases a (validate) … f (calendar, report sections), as in rules/core.md
    assert listed[:4] == ["ciclope_params", "ciclope_check_params", "ciclope_input_schema", "ciclope_synth"]
    assert (
        listed.index("ciclope_validate")
        < listed.index("ciclope_resources")
        < listed.index("ciclope_indicator_achievement")
        < listed.index("ciclope_individual_score")
        < listed.index("ciclope_rewards")
        < listed.index("ciclope_calendar")
        < listed.index("ciclope_report_sections")
    )


# Installing, listing, running and testing a scaffolded plugin: tests/test_wheel.py (a fresh venv).


def test_the_scaffold_s_tests_have_their_own_root_and_pytest(tmp_path):
    import tomllib

    from ciclope.core.commands.scaffold import create

    pkg = create("provincia_prova", tmp_path)
    project = tomllib.loads((pkg / "pyproject.toml").read_text(encoding="utf-8"))
    # pytest comes with the `test` extra (ciclope-pa alone does not bring it), and the plugin is its own pytest root:
    # inside a checkout of ciclope, the parent's [tool.pytest.ini_options] would otherwise leave its cases uncollected
    assert project["project"]["optional-dependencies"]["test"] == ["pytest"]
    assert project["tool"]["pytest"]["ini_options"] == {"testpaths": ["tests"], "ciclope_cases": ["tests/cases"]}
    params = tomllib.loads((pkg / "ciclope_provincia_prova" / "params.toml").read_text(encoding="utf-8"))
    assert params["positive_threshold"]["italian_key"] == "soglia_positiva"  # a code in English needs its Italian key
