"""``ciclope run`` over many enti: failures isolated, outputs atomic and reproducible, exit codes."""

import json

import pytest

from ciclope.core.commands.cli import main

from helpers import two_enti as setup


def test_a_bad_ente_fails_alone(tmp_path, capsys):
    cfg = setup(tmp_path)
    assert main(["run", str(cfg)]) == 1
    out = tmp_path / "out"
    assert (out / "buono" / "results.json").is_file()
    assert not (out / "rotto").exists()
    summary = json.loads((out / "summary.json").read_text())
    status = {e["id"]: e["status"] for e in summary["enti"]}
    assert status["rotto"] == "failed" and status["buono"] != "failed"
    captured = capsys.readouterr()
    assert "people.csv, riga 5, colonna fte" in captured.err and "Traceback" not in captured.err
    # failures are listed first in the printed summary
    lines = [ln for ln in captured.out.splitlines() if ln.startswith(("buono", "rotto"))]
    assert lines[0].startswith("rotto")


def test_rerun_is_byte_identical_and_leaves_no_temp_folders(tmp_path):
    cfg = setup(tmp_path)
    main(["run", str(cfg), "--ente", "buono"])
    first = {p.name: p.read_bytes() for p in (tmp_path / "out" / "buono").iterdir()}
    main(["run", str(cfg), "--ente", "buono"])
    second = {p.name: p.read_bytes() for p in (tmp_path / "out" / "buono").iterdir()}
    assert first == second
    # no temporary folder left; the root's marker and lock are ciclope's own (issue 19)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        ".ciclope-lock",
        ".ciclope-out",
        "buono",
        "summary.json",
    ]


def test_until_and_out_options(tmp_path):
    cfg = setup(tmp_path)
    assert main(["run", str(cfg), "--ente", "buono", "--until", "monitoraggio", "--out", str(tmp_path / "luglio")]) == 0
    # a run that stops before the last phase writes into its own area, never over the year-end results
    doc = json.loads((tmp_path / "luglio" / "monitoraggio" / "buono" / "results.json").read_text())
    assert doc["until"] == "monitoraggio" and doc["monitoring"]["I1"]["achievement"] == 0.4
    assert doc["individual"] == {}


@pytest.mark.slow  # starts a process pool
def test_jobs_give_the_same_results(tmp_path):
    cfg = setup(tmp_path)
    main(["run", str(cfg), "--out", str(tmp_path / "a")])
    main(["run", str(cfg), "--out", str(tmp_path / "b"), "--jobs", "2"])
    assert (tmp_path / "a" / "buono" / "results.json").read_bytes() == (
        tmp_path / "b" / "buono" / "results.json"
    ).read_bytes()


def test_validate_reports_and_writes_nothing(tmp_path, capsys):
    cfg = setup(tmp_path)
    assert main(["validate", str(cfg)]) == 1
    assert not (tmp_path / "out").exists()
    assert "people.csv, riga 5, colonna fte" in capsys.readouterr().out  # one stream: stdout (issue 14)


def test_explain_unknown_ente_is_a_command_line_error(tmp_path, capsys):
    cfg = setup(tmp_path)
    assert main(["explain", str(cfg), "--ente", "nessuno", "--person", "E1"]) == 2
    assert "nessuno" in capsys.readouterr().err


def test_results_json_records_inputs_and_params(tmp_path):
    cfg = setup(tmp_path)
    main(["run", str(cfg), "--ente", "buono"])
    doc = json.loads((tmp_path / "out" / "buono" / "results.json").read_text())
    import hashlib

    want = hashlib.sha256((tmp_path / "buono" / "people.csv").read_bytes()).hexdigest()
    assert doc["audit"]["inputs"]["people.csv"] == want
    assert doc["plugin"] == "comunita_montane" and doc["plugin_version"]


def test_verify_identical_then_names_the_tampered_file(tmp_path, capsys):
    cfg = setup(tmp_path)
    main(["run", str(cfg), "--ente", "buono"])
    capsys.readouterr()
    assert main(["verify", str(tmp_path / "out" / "buono")]) == 0
    assert capsys.readouterr().out.startswith("identico")
    with open(tmp_path / "buono" / "evaluations.csv", "a") as fh:
        fh.write("E3,D1,risultati,Obiettivi,10,7,\n")
    # the inputs changed since the run (no recomputation), the run's results as the store recorded them: exit 3
    assert main(["verify", str(tmp_path / "out" / "buono")]) == 3
    out = capsys.readouterr().out
    assert "modificato dopo l'esecuzione: evaluations.csv" in out
    assert "risultati dell'esecuzione n. 1 intatti" in out


def test_a_run_without_the_store_does_not_import_sqlalchemy():
    """Issue 18: every command built its parser by importing the store, and with it SQLAlchemy (0.2 s,
    more than the bare reading of 100 enti); `ciclope run --no-store` needs neither."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ciclope.core.commands import cli, running\n"
        "from ciclope.core.run import runner\n"
        "cli.build_parser()\n"
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy imported'\n"
        "import ciclope.core.store\n"
        "assert 'sqlalchemy' in sys.modules\n"  # the check above can fail
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_validate_total_counts_the_errors_of_an_ente_not_loaded(tmp_path, capsys):
    """«2 non caricabili o falliti; 0 errori e 0 avvisi in tutto» under three printed errors: the total counts the
    problems it printed of an ente that could not be loaded as it counts those of an ente computed."""
    cfg = setup(tmp_path)
    people = tmp_path / "rotto" / "people.csv"
    people.write_text(people.read_text().replace("E3,Elsa,dipendente,B,u1,1", "E3,Elsa,dipendente,B,u1,tre"))
    capsys.readouterr()
    assert main(["validate", str(cfg)]) == 1
    out = capsys.readouterr().out
    # rotto: E2's fte «due» and E3's «tre», two errors of its load; buono: none
    assert out.count("colonna fte: errore:") == 2
    assert out.rstrip().splitlines()[-1] == (
        "Totale: 2 enti — 1 senza problemi, 0 con soli avvisi, 0 con errori, 1 non caricabili o falliti; "
        "2 errori e 0 avvisi in tutto"
    )
