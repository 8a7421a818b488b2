"""`validate` is the whole computation with nothing written (issue 14): the same violations and exit
code as `run`, on one stream."""

import json

import pytest

from ciclope.core.commands.cli import main

from helpers import two_enti


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
