"""Inputs beyond what ciclope documents are refused with their file, row and column, never an internal
error: numbers past 15 integer digits."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import cli, snapshot

from ciclope.core.testing import write_ente
from ciclope.core.values import parse_money, parse_number, to_decimal

from helpers import ENTE, files

BIG = "1" * 29
# (file, text replaced, replacement, the location the message must name)
CELLS = {
    "weight": (
        "indicators.csv",
        "I4,S2,Sportello attivo,boolean,3,",
        f"I4,S2,Sportello attivo,boolean,{BIG},",
        "indicators.csv:5:weight",
    ),
    "target": ("indicators.csv", ",10,12,8,5,2,", f",{BIG},12,8,5,2,", "indicators.csv:2:target_2021"),
    "actual": ("indicators.csv", ",10,12,8,5,2,", f",10,12,{BIG},5,2,", "indicators.csv:2:actual"),
    "fund": ("ente.toml", '"1000.00"', f'"{BIG}"', "ente.toml:funds.performance_individuale"),
}


def _ente(folder: Path, key: str, big: str) -> Path:
    name, old, new, _where = CELLS[key]
    f = files(**{"ente.toml": ENTE})
    assert old in f[name]
    f[name] = f[name].replace(old, new.replace(BIG, big), 1)
    write_ente(folder / "e", f)
    cfg = folder / "cycle.toml"
    cfg.write_text(
        '[cycle]\nyear = 2021\noutput = "out"\n[[ente]]\nid = "e"\nplugin = "comunita_montane"\ndata = "e"\n'
    )
    return cfg


@pytest.mark.parametrize("key", sorted(CELLS))
def test_a_29_digit_number_is_refused_where_it_is(tmp_path, key):
    cfg = _ente(tmp_path, key, BIG)
    before = snapshot(tmp_path / "e", cfg)
    for command in ("run", "validate", "calendar"):
        run = cli(command, cfg, *(["--no-store"] if command == "run" else []))
        text = run.stdout + run.stderr
        assert run.returncode == 1, (command, text)
        assert f"{CELLS[key][3]}: errore core.input.value: numero troppo grande" in text, (command, text)
        assert "errore interno" not in text
    assert snapshot(tmp_path / "e", cfg) == before


@pytest.mark.parametrize("key", ["weight", "target", "actual"])
def test_fifteen_digits_are_computed(tmp_path, key):
    cfg = _ente(tmp_path, key, "9" * 15 + ".999999999999")
    run = cli("run", cfg, "--no-store")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_precision_limit_by_hand():
    assert parse_number("999999999999999") == 10**15 - 1
    assert parse_number("999.999.999.999.999", thousands=True) == 10**15 - 1
    assert parse_money("999999999999999,99") == parse_number("999999999999999.99")
    for text in ("1000000000000000", "1" * 29, "1.000.000.000.000.000,00", "100000000000000000%"):
        with pytest.raises(ValueError, match="numero troppo grande"):
            parse_number(text, thousands=True)
    assert parse_number("10000000000000000%") == 10**14  # a percent is divided by 100 first
    with pytest.raises(ValueError, match="numero troppo grande"):
        to_decimal(1e15)
    assert to_decimal(999999999999999) == 10**15 - 1
