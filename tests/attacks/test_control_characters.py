"""NUL and other control characters (from a TOML escape, in a CSV cell) are refused where they are: never
in the store, never in a document, never a path the system cannot open."""

from __future__ import annotations

import pytest
from harness import cli, snapshot

from ciclope.core.testing import write_ente

from helpers import ENTE, files, two_enti


def test_nul_in_an_ente_name_fails_that_ente_only(tmp_path, backend):
    cfg = two_enti(tmp_path)
    toml = tmp_path / "rotto" / "ente.toml"
    write_ente(
        tmp_path / "rotto",
        files(**{"ente.toml": ENTE.replace('name = "Ente di prova"', 'name = "Ente\\u0000 di prova"')}),
    )
    assert "\\u0000" in toml.read_text()
    before = snapshot(tmp_path)
    for _ in range(2):  # and on the rerun
        run = cli("run", cfg, "--store", backend)
        assert run.returncode == 1
        assert "ente.toml: errore: name: contiene il carattere di controllo U+0000" in run.stderr
        # buono's result and rotto's failure: the store took the run, and counts only buono as recorded with results
        assert "1 ente registrato con i risultati; 1 fallito, senza risultati" in run.stdout
    assert {k: v for k, v in snapshot(tmp_path).items() if k in before} == before
    texts = [p for p in (tmp_path / "out").rglob("*") if p.suffix in (".html", ".csv", ".json")]
    assert len(texts) >= 4 and not [p for p in texts if b"\x00" in p.read_bytes()]


@pytest.mark.parametrize(
    "cell, where",
    [
        (
            "Emma\x1b[2J",
            "people.csv, riga 4, colonna name: errore: il testo contiene il carattere di controllo U+001B",
        ),
        ("Emma\x00", "people.csv: errore: il file contiene caratteri nulli"),
    ],
)
def test_a_control_character_in_a_csv_name_is_refused(tmp_path, cell, where):
    f = files(**{"ente.toml": ENTE})
    f["people.csv"] = f["people.csv"].replace("E1,Emma,", f"E1,{cell},")
    write_ente(tmp_path / "e", f)
    cfg = tmp_path / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "e"\nplugin = "comunita_montane"\ndata = "e"\n'
    )
    run = cli("validate", cfg)
    assert run.returncode == 1 and where in run.stdout, run.stdout


def test_nul_in_a_cycle_toml_path_is_a_config_error(tmp_path):
    cfg = two_enti(tmp_path)
    cfg.write_text(cfg.read_text().replace('output = "out"', 'output = "o\\u0000ut"'))
    before = snapshot(tmp_path)
    for command in ("run", "validate", "calendar"):
        run = cli(command, cfg)
        assert run.returncode == 2 and "cycle.toml" in run.stderr and "U+0000" in run.stderr, run.stderr
    assert snapshot(tmp_path) == before
