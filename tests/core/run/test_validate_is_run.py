"""`validate` is the whole computation with nothing written (issue 14): the same violations and exit
code as `run`, on one stream."""

import json
import shutil

import pytest

from ciclope.core.commands.cli import main

from helpers import TESTS, two_enti

ROCCAVERDE = TESTS / "plugins" / "regolamento" / "roccaverde"


def run_and_validate(cfg, out, capsys):
    code_run = main(["run", str(cfg), "--out", str(out)])
    capsys.readouterr()
    code_val = main(["validate", str(cfg)])
    captured = capsys.readouterr()
    return code_run, code_val, captured


@pytest.mark.parametrize("name", ["brescia", "bergamo", "comunita_montane"])
def test_validate_finds_what_run_finds_on_the_examples(example, tmp_path, capsys, name):
    folder = example(name)
    out = tmp_path / "out"
    code_run, code_val, captured = run_and_validate(folder / "cycle.toml", out, capsys)
    assert code_run == code_val and captured.err == ""
    for results in out.glob("*/results.json"):
        for v in json.loads(results.read_text(encoding="utf-8"))["violations"]:
            kind = "errore" if v["severity"] == "error" else "avviso"  # the line says it, not the rule's code
            assert f"{kind}: {v['message'][:60]}" in captured.out and v["rule"] not in captured.out


def test_validate_finds_regulation_errors_of_the_rewards_phase(tmp_path, capsys):
    """run exited 1 with errors found in premialità (e.g. brescia.resources.range) that validate, stopping
    after pianificazione, used to miss: a bergamo OIV gate error is found in phase e."""
    cfg = two_enti(tmp_path)
    code_run, code_val, captured = run_and_validate(cfg, tmp_path / "out", capsys)
    assert code_run == code_val == 1
    assert "rotto: dati non caricabili" in captured.out and "people.csv, riga 5, colonna fte" in captured.out
    assert not (tmp_path / "validate-out").exists()


def test_run_counts_an_act_dated_after_the_day_as_validate_does(tmp_path, capsys):
    """Roccaverde's two warnings (the art. 208 fund short of what is due, a part paid whole to P08 hired in April),
    and an act of [atti] dated 20/06/2090, after any day this runs: 2 + 1 = 3 avvisi, said by both commands."""
    folder = tmp_path / "caso"
    shutil.copytree(ROCCAVERDE, folder)
    toml = folder / "ente" / "ente.toml"
    text = toml.read_text(encoding="utf-8").replace("[atti]\n", "[atti]\nrelazione_approvata = 2090-06-20\n")
    toml.write_text(text, encoding="utf-8")
    code_run, code_val, captured = run_and_validate(folder / "cycle.toml", tmp_path / "out", capsys)
    assert code_run == code_val == 0
    assert "0 errori, 3 avvisi" in captured.out
    assert main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out"), "--no-store"]) == 0
    table = capsys.readouterr().out
    assert "Totale: 1 ente — 1 ok, 0 con violazioni, 0 falliti; 3 avvisi (elencati da ciclope validate)" in table
