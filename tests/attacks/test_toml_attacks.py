"""Every TOML a user gives (cycle.toml, ente.toml, a regulation, a scenario, an amendment in
``[ente.params]``) read by one hardened reader: numbers beyond 15 digits, NaN and infinity, 3,000 nested
arrays, a link in a loop, control characters in the regulation's texts — an Italian error naming the file
and the key, never a traceback or «errore interno», nothing written into the data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from harness import cli, cli_process, snapshot

from ciclope.core.testing import write_ente

from comune_from_docs import REGULATION, files

NESTED = "[" * 3000 + "]" * 3000


def _office(tmp_path: Path, regulation: str = REGULATION, ente_params: str = "", ente_toml: str = "") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "smvp.toml").write_text(regulation, encoding="utf-8")
    f = files()
    if ente_toml:
        f["ente.toml"] = f["ente.toml"] + ente_toml
    write_ente(tmp_path / "dati", f)
    path = tmp_path / "cycle.toml"
    path.write_text(
        '[cycle]\nyear = 2024\n[[ente]]\nid = "prova"\nplugin = "regolamento"\ndata = "dati"\n'
        f'regolamento = "smvp.toml"\n{ente_params}',
        encoding="utf-8",
    )
    return path


VALUES = {
    "1e30": "numero troppo grande",
    "1" * 32: "numero troppo grande",
    "nan": "né nan né inf",
    "inf": "né nan né inf",
}


def _refused(cycle: Path, *needles: str, commands=("validate", "run")) -> str:
    before = snapshot(cycle.parent / "dati", cycle.parent / "smvp.toml")
    text = ""
    for command in commands:
        run = cli(command, cycle, *(["--no-store", "--out", str(cycle.parent / "out")] if command == "run" else []))
        text = run.stdout + run.stderr
        assert run.returncode in (1, 2), (command, text)
        assert "errore interno" not in text and "Traceback" not in text
        for needle in needles:
            assert needle in text, (command, needle, text)
    assert snapshot(cycle.parent / "dati", cycle.parent / "smvp.toml") == before
    return text


@pytest.mark.parametrize("value", sorted(VALUES))
def test_a_number_beyond_precision_in_the_regulation(tmp_path, value):
    cycle = _office(tmp_path, REGULATION.replace('massimo = "1000.00"', f"massimo = {value}"))
    _refused(cycle, "smvp.toml", "premio.massimo", VALUES[value])


@pytest.mark.parametrize("value", sorted(VALUES))
def test_a_number_beyond_precision_in_an_amendment(tmp_path, value):
    cycle = _office(tmp_path, ente_params=f'[ente.params]\n"regolamento.premio.massimo" = {value}\n')
    _refused(cycle, "cycle.toml", "regolamento.premio.massimo", VALUES[value])


@pytest.mark.parametrize("value", sorted(VALUES))
def test_a_number_beyond_precision_in_cycle_and_ente_toml(tmp_path, value):
    cycle = _office(tmp_path, ente_params=f"share = {value}\n")
    _refused(cycle, "cycle.toml", "share", VALUES[value])
    cycle = _office(tmp_path / "b", ente_toml=f"\n[x_ufficio]\nquota = {value}\n")
    _refused(cycle, "ente.toml", "x_ufficio.quota", VALUES[value])


def test_three_thousand_nested_arrays(tmp_path):
    cycle = _office(tmp_path, REGULATION + f"\nx_profondo = {NESTED}\n")
    _refused(cycle, "smvp.toml", "annidati")
    scenario = tmp_path / "s.toml"
    scenario.write_text(f"[params]\nx = {NESTED}\n", encoding="utf-8")
    run = cli_process("compare", _office(tmp_path / "c"), "--scenario", f"s={scenario}", "--out", tmp_path / "cmp")
    assert run.returncode in (1, 2) and "annidati" in run.stderr + run.stdout


def test_a_number_beyond_precision_in_a_scenario(tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text('[params]\n"regolamento.premio.massimo" = 1e30\n', encoding="utf-8")
    run = cli("compare", _office(tmp_path / "c"), "--scenario", f"s={scenario}", "--out", tmp_path / "cmp")
    text = run.stdout + run.stderr
    assert run.returncode in (1, 2) and "numero troppo grande" in text and "errore interno" not in text


def test_a_regulation_link_in_a_loop(tmp_path):
    cycle = _office(tmp_path)
    (tmp_path / "smvp.toml").unlink()
    os.symlink("smvp.toml", tmp_path / "smvp.toml")
    run = cli("validate", cycle)
    assert run.returncode in (1, 2) and "smvp.toml" in run.stdout + run.stderr


@pytest.mark.parametrize("where", ["titolo", "fonte", "etichetta"])
def test_escape_and_nul_in_the_regulations_texts_never_reach_the_terminal(tmp_path, where):
    text = {
        "titolo": REGULATION.replace('titolo = "SMVP del Comune di Prova"', 'titolo = "SMVP\\u001b[2J\\u0000"'),
        "fonte": REGULATION.replace('fonte = "art. 3"', 'fonte = "art. \\u001b]0;x\\u0007"'),
        "etichetta": REGULATION + '\n[etichette]\npieno = "\\u001b[31mrosso"\n',
    }[where]
    cycle = _office(tmp_path, text)
    out = _refused(cycle, "smvp.toml", "carattere di controllo")
    assert "\x1b" not in out and "\x00" not in out


def test_a_data_folder_link_in_a_loop(tmp_path):
    cycle = _office(tmp_path)
    os.rename(tmp_path / "dati", tmp_path / "vecchi")
    os.symlink("dati", tmp_path / "dati")
    run = cli("validate", cycle)
    assert run.returncode in (1, 2) and "collegamento in un ciclo" in run.stdout + run.stderr
