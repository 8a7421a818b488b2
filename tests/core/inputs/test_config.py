"""cycle.toml (SPEC §4): clear errors with exit code 2."""

import pytest

from ciclope.core.commands.cli import main
from ciclope.core.inputs.config import load_config
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import write_ente

from helpers import files


def write(tmp_path, text, folders=("dati",)):
    for f in folders:
        write_ente(tmp_path / f, files())
    path = tmp_path / "cycle.toml"
    path.write_text(text)
    return path


def rules_of(path):
    with pytest.raises(CiclopeError) as exc:
        load_config(path)
    return [(p.column, p.rule, p.message) for p in exc.value.problems]


def test_every_config_problem_at_once(tmp_path):
    path = write(
        tmp_path,
        """
[cycle]
year = 2021
outptu = "out"

[[ente]]
id = "Ente Uno"
plugin = "brescia"
data = "dati"

[[ente]]
id = "due"
plugin = "bresca"
data = "dati"

[[ente]]
id = "tre"
plugin = "brescia"
data = "manca"

[[ente]]
id = "quattro"
plugin = "brescia"
data = "../fuori"
colore = "blu"

[[ente]]
id = "cinque"
plugin = "brescia"
data = "dati"

[[ente]]
id = "cinque"
plugin = "brescia"
data = "dati"
""",
    )
    got = rules_of(path)
    rules = {(c, r) for c, r, _ in got}
    assert ("ciclo.outptu", "config.unknown_key") in rules
    assert ("ente[1].id", "config.invalid") in rules
    assert ("ente[due].plugin", "config.plugin_unknown") in rules
    assert ("ente[tre].dati", "config.missing_folder") in rules
    assert ("ente[quattro].dati", "config.path") in rules
    assert ("ente[quattro].colore", "config.unknown_key") in rules
    assert ("ente[cinque].id", "config.duplicate_id") in rules
    suggestion = next(m for c, r, m in got if r == "config.plugin_unknown")
    assert "forse intendevi «brescia»" in suggestion


def test_symlink_out_of_the_tree_is_refused(tmp_path):
    outside = tmp_path / "outside"
    write_ente(outside, files())
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside, target_is_directory=True)
    path = root / "cycle.toml"
    path.write_text('[cycle]\nyear = 2021\n[[ente]]\nid = "a"\nplugin = "brescia"\ndata = "link"\n')
    assert [r for _, r, _ in rules_of(path)] == ["config.path"]


def test_param_overrides_checked_against_bounds(tmp_path):
    path = write(
        tmp_path,
        """
[cycle]
year = 2021
[[ente]]
id = "a"
plugin = "comunita_montane"
data = "dati"
[ente.params]
non_esiste = 1
""",
    )
    assert [r for _, r, _ in rules_of(path)] == ["config.param_unknown"]


def test_a_year_out_of_range_says_the_range_and_nothing_else(tmp_path):
    """A cycle of 1998: the year's bounds are said; the regulation's own key of the ente, which only a known year
    can judge, is not called unknown."""
    path = write(
        tmp_path,
        '[ciclo]\nanno = 1998\n[[ente]]\nid = "a"\nplugin = "regolamento"\nregolamento = "smvp.toml"\ndati = "dati"\n',
    )
    assert rules_of(path) == [
        ("ciclo.anno", "config.invalid", "[ciclo] anno deve essere un anno tra 2000 e 2100 (es. 2025), trovato «1998»")
    ]


def test_cli_exit_code_2_and_no_traceback(tmp_path, capsys):
    path = write(tmp_path, '[cycle]\nyear = "duemila"\n[[ente]]\nid = "a"\nplugin = "x"\ndata = "dati"\n')
    assert main(["run", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "ciclo.anno" in err and "plugin sconosciuto «x»" in err


def test_cli_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["run"])
    assert exc.value.code == 2
