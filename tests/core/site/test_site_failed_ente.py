"""An ente of the cycle whose run failed and that has no result of the year is still on the portal: the index names it
and says that its results are not published and why, in plain words on the public site (never the error itself,
which may quote a cell), with the errors' count and where to read them on the internal one. The run's last line
counts as «registrati» with their results only the enti that have them."""

from __future__ import annotations

from ciclope.core.commands.cli import main
from ciclope.core.output import results
from ciclope.core.store import open_store, write
from ciclope.core.store.record import record_of
from ciclope.core.testing import compute_ente, write_ente

from helpers import files

REASON = "2 problemi nei dati; il primo: persone.csv, riga 3, colonna codice: errore: codice «Rossi Mario» ripetuto"


def _store(tmp_path) -> str:
    """A store made by hand: one run of 2021 with the ente «buono» computed and the ente «guasto» failed."""
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    result = compute_ente(write_ente(tmp_path / "buono", files()), "comunita_montane", 2021, ente_id="buono")
    store = open_store(url)
    try:
        run = write.start_run(store.engine, config="cycle.toml", year=2021, until="rendicontazione", version="0")
        rec = record_of(result, results.dumps(result))
        write.add_ente(store.engine, run, "buono", "ok", "", str(tmp_path / "out" / "buono"), rec)
        write.add_ente(store.engine, run, "guasto", "failed", REASON, str(tmp_path / "out" / "guasto"), None)
        write.finish_run(store.engine, run, "complete")
    finally:
        store.close()
    return url


def test_the_index_names_the_failed_ente_and_says_its_state(tmp_path, capsys):
    url = _store(tmp_path)
    internal, public = tmp_path / "sito", tmp_path / "pubblico"
    assert main(["site", "--store", url, "--out", str(internal)]) == 0
    assert (
        "Sito interno (con dati personali: non pubblicare) del 2021: 2 enti (1 senza risultati)"
        in capsys.readouterr().out
    )
    assert main(["site", "--store", url, "--out", str(public), "--public"]) == 0
    assert "Sito pubblico del 2021: 2 enti (1 senza risultati)" in capsys.readouterr().out
    for site in (internal, public):
        index = (site / "index.html").read_text(encoding="utf-8")
        assert "Ente di prova" in index and "guasto" in index
        assert "1 ente con risultati completi del 2021" in index
        assert "1 ente del ciclo senza risultati del 2021" in index
        assert not (site / "enti" / "guasto.html").exists()  # nothing to show but its state, said in the index
    said = (public / "index.html").read_text(encoding="utf-8")
    assert "Risultati non pubblicati: il calcolo si è fermato su errori da correggere" in said
    assert "persone.csv" not in said and "Rossi" not in said and "validate" not in said
    said = (internal / "index.html").read_text(encoding="utf-8")
    assert "FALLITO: nessun risultato" in said
    assert "L&#39;esecuzione n. 1 di questo ente è FALLITA: 2 problemi nei dati; il primo: persone.csv, riga 3" in said
    assert "tutti gli errori li elenca ciclope validate" in said


def test_the_run_counts_the_enti_recorded_with_their_results(tmp_path, capsys):
    for ente_id in ("buono", "guasto"):
        write_ente(tmp_path / ente_id, files())
    people = tmp_path / "guasto" / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(",1,", ",uno,", 1), encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(
        '[ciclo]\nanno = 2021\n[[ente]]\nid = "buono"\nplugin = "comunita_montane"\ndati = "buono"\n'
        '[[ente]]\nid = "guasto"\nplugin = "comunita_montane"\ndati = "guasto"\n',
        encoding="utf-8",
    )
    assert main(["run", str(tmp_path / "cycle.toml")]) == 1
    out = capsys.readouterr().out
    assert "(esecuzione n. 1, 1 ente registrato con i risultati; 1 fallito, senza risultati)" in out
    assert main(["site", str(tmp_path / "cycle.toml"), "--out", str(tmp_path / "sito"), "--public"]) == 0
    index = (tmp_path / "sito" / "index.html").read_text(encoding="utf-8")
    assert "guasto" in index and "Risultati non pubblicati" in index
