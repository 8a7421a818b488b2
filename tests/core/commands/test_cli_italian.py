"""The command line and the reports speak Italian to their readers (issue 14)."""

import json

from ciclope.core.commands.cli import main
from ciclope.core.reports.fmt import cite

from helpers import two_enti


def test_argparse_speaks_italian(capsys):
    try:
        main(["run"])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert "mancano argomenti obbligatori: config" in err and "the following arguments" not in err


def test_accented_phase_names_are_accepted(tmp_path):
    cfg = two_enti(tmp_path)
    assert main(["run", str(cfg), "--ente", "buono", "--until", "Premialità"]) == 0
    doc = json.loads((tmp_path / "out" / "premialita" / "buono" / "results.json").read_text(encoding="utf-8"))
    assert doc["until"] == "premialita"


def test_a_run_that_stops_before_the_end_says_where_it_writes(tmp_path, capsys):
    """V ran ``--until risorse --out X`` and found its files in X/risorse/ (docs/ops.md §3): the help says it, and the
    run's last line names that folder, ended by its newline."""
    try:
        main(["run", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "OUT/FASE/" in " ".join(capsys.readouterr().out.split())
    cfg = two_enti(tmp_path)
    assert main(["run", str(cfg), "--ente", "buono", "--until", "risorse", "--no-store"]) == 0
    assert capsys.readouterr().out.endswith(f"Risultati in {tmp_path / 'out' / 'risorse'}\n")


def test_one_error_is_singular(tmp_path, capsys):
    cfg = two_enti(tmp_path)
    main(["validate", str(cfg)])
    out = capsys.readouterr().out
    assert "1 errore, 0 avvisi" in out and "1 errori" not in out


def test_sources_are_cited_by_title_for_readers(example, tmp_path, capsys):
    """SMVP 2021 della CCIAA di Brescia, §5.3 — not 004_a450255962d2094d.txt §5.3 (results.json keeps the file)."""
    assert (
        cite("004_a450255962d2094d.txt §5.3", {"004_a450255962d2094d.txt": "SMVP 2021 della CCIAA di Brescia"})
        == "SMVP 2021 della CCIAA di Brescia, §5.3"
    )
    folder = example("brescia")
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out")])
    page = (tmp_path / "out" / "bs-esempio" / "relazione.html").read_text(encoding="utf-8")
    assert "SMVP 2021 della CCIAA di Brescia, §3.2" in page
    capsys.readouterr()
    main(["explain", str(folder / "cycle.toml"), "--ente", "bs-esempio", "--person", "HA"])
    text = capsys.readouterr().out
    assert "fonte:   SMVP 2021 della CCIAA di Brescia, §4.2.2" in text and "fonte:   004_" not in text
    doc = json.loads((tmp_path / "out" / "bs-esempio" / "results.json").read_text(encoding="utf-8"))
    # the machine contract keeps the file names, which is how an auditor finds the text
    assert all(v["source"].startswith(("001_", "004_", "rules/", "SPEC", "D.Lgs")) for v in doc["violations"])


def test_the_summary_never_cuts_a_note_mid_word():
    from ciclope.core.run.runner import EnteOutcome, summary_table

    long = "la somma dei coefficienti " * 10 + "dirigente € 4.567,89"
    table = summary_table([EnteOutcome("e", "brescia", "errors", long)])
    line = next(ln for ln in table.splitlines() if ln.startswith("e "))
    assert line.endswith(" …") and "€ 4" not in line
    assert "il testo completo è in summary.json" in table


def test_explain_of_a_person_or_unit_the_ente_lacks_says_where_it_is_not(example, capsys):
    """«P99» is in no row of people.csv: explain says that, with the file, not «nessuna cifra calcolata per persona»
    as for someone whose figures were not computed; a code in another case gets the nearest one."""
    folder = example("brescia")
    assert main(["explain", str(folder / "cycle.toml"), "--ente", "bs-esempio", "--person", "P99"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("ciclope: la persona «P99» non è in people.csv dell'ente bs-esempio"), said
    assert main(["explain", str(folder / "cycle.toml"), "--ente", "bs-esempio", "--unit", "nessuna"]) == 2
    assert capsys.readouterr().err.startswith("ciclope: l'unità «nessuna» non è in units.csv dell'ente bs-esempio")
