"""An error in one ente's declared regulation fails that ente alone, as an error in its data does: the others are
computed, written and recorded, and the failed one is in the summary with its problem (exit 1, never 2). A file
shared by several enti fails each of them; an error of cycle.toml itself still stops the run (exit 2)."""

from __future__ import annotations

import json

from ciclope.core.commands.cli import main
from ciclope.core.store import open_store
from ciclope.core.testing import write_ente

from helpers import PROPORTIONAL, one_unit_comune

GOOD = PROPORTIONAL
# «sorteggio» is no method of the format: an error of this file, at its line 7
BAD = GOOD.replace("Buonavalle", "Guastalla").replace('"proporzionale"', '"sorteggio"')

ENTE = """
[[ente]]
id = "{id}"
plugin = "{plugin}"
dati = "{id}"
regolamento = "{file}"
"""


def _cycle(tmp_path, enti: list[tuple[str, str]], plugin: str = "regolamento") -> str:
    """A cycle of 2024 whose enti (id, regulation file) each have the same two-person Comune as data."""
    staff = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in ("A1", "A2")]
    cards = [f"{pid},SEG,Scheda,Voce,100,{points}," for pid, points in (("A1", 80), ("A2", 60))]
    text = '[ciclo]\nanno = 2024\nrisultati = "risultati"\n'
    for ente_id, file in enti:
        files = one_unit_comune(f"Comune {ente_id}", staff, cards, '[fondi]\nperformance_individuale = "1400.00"\n')
        write_ente(tmp_path / ente_id, files)
        text += ENTE.format(id=ente_id, file=file, plugin=plugin)
    (tmp_path / "buono.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "rotto.toml").write_text(BAD, encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(text, encoding="utf-8")
    return str(tmp_path / "cycle.toml")


def test_a_bad_regulation_fails_its_ente_alone(tmp_path, capsys):
    config = _cycle(tmp_path, [("buonavalle", "buono.toml"), ("guastalla", "rotto.toml")])
    assert main(["run", config]) == 1
    out, err = capsys.readouterr()
    out_dir = tmp_path / "risultati"
    good = json.loads((out_dir / "buonavalle" / "results.json").read_text(encoding="utf-8"))
    # 1400 in proportion to the scores 80 and 60: 1400 × 80/140 = 800,00 and 1400 × 60/140 = 600,00
    assert {k: v["amount"] for k, v in good["rewards"]["people"].items()} == {"A1": "800.00", "A2": "600.00"}
    assert not (out_dir / "guastalla").exists()
    summary = {e["id"]: e for e in json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["enti"]}
    assert summary["buonavalle"]["status"] == "ok"
    assert summary["guastalla"]["status"] == "failed"
    assert summary["guastalla"]["reason"].startswith("1 problema nel regolamento; il primo: rotto.toml, riga 7")
    table = [line.split() for line in out.splitlines()]
    assert ["guastalla", "regolamento", "FALLITO"] == table[1][:3]
    assert "Totale: 2 enti — 1 ok, 0 con violazioni, 1 fallito" in out
    assert "guastalla: regolamento con errori: la cartella dei suoi risultati non è stata scritta" in err
    assert "«sorteggio» non ammesso" in err
    store = open_store(f"sqlite:///{tmp_path / 'ciclope.db'}")
    try:
        assert {c.ente for c in store.current()} == {"buonavalle"}
    finally:
        store.close()


def test_a_regulation_shared_by_two_enti_fails_both(tmp_path, capsys):
    enti = [("alfa", "rotto.toml"), ("beta", "buono.toml"), ("gamma", "rotto.toml")]
    config = _cycle(tmp_path, enti)
    assert main(["run", config, "--no-store"]) == 1
    out = capsys.readouterr().out
    assert "Totale: 3 enti — 1 ok, 0 con violazioni, 2 falliti" in out
    assert sorted(p.name for p in (tmp_path / "risultati").iterdir() if p.is_dir()) == ["beta"]


def test_validate_says_the_same_per_ente(tmp_path, capsys):
    config = _cycle(tmp_path, [("buonavalle", "buono.toml"), ("guastalla", "rotto.toml")])
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    assert "guastalla: regolamento con errori" in out
    assert "rotto.toml, riga 7, [premio] metodo: errore: valore «sorteggio» non ammesso" in out
    assert "1 non caricabili o falliti" in out


def test_an_error_of_cycle_toml_still_stops_the_run_and_says_the_regulation_too(tmp_path, capsys):
    config = _cycle(tmp_path, [("guastalla", "rotto.toml")])
    text = (tmp_path / "cycle.toml").read_text(encoding="utf-8")
    (tmp_path / "cycle.toml").write_text(text + ENTE.format(id="x", file="buono.toml", plugin="nessuno"))
    assert main(["run", config, "--no-store"]) == 2
    err = capsys.readouterr().err
    assert "plugin" in err and "nessuno" in err
    assert "«sorteggio» non ammesso" in err
    assert not (tmp_path / "risultati").exists()


def test_each_failure_says_what_it_left_unchecked(tmp_path, capsys):
    # said under the ente's name, before its errors (whose count stays the last line): the regulation with an
    # error, the data are checked once it has none; data that do not load (a fte of «1OO%»): the checks of the row in
    # error and of its person's other rows come once it is corrected — a second round of errors is no surprise
    config = _cycle(tmp_path, [("guastalla", "rotto.toml"), ("buonavalle", "buono.toml")])
    people = tmp_path / "buonavalle" / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "A1,Persona A1,dipendente,C,com,1,", "A1,Persona A1,dipendente,C,com,1OO%,"
        ),
        encoding="utf-8",
    )
    assert main(["validate", config]) == 1
    out = capsys.readouterr().out
    regulation = out.index("guastalla: regolamento con errori")
    data = out.index("buonavalle: dati non caricabili")
    said = "I dati dell'ente si controllano quando il regolamento non ha errori: correggilo e ripeti."
    assert regulation < out.index(said) < data
    rows = "I controlli del calcolo e del regolamento sulle righe con errori, e sulle altre righe delle stesse persone"
    assert out.index(rows) > data
    assert main(["run", config, "--no-store"]) == 1
    err = capsys.readouterr().err
    assert said in err and rows in err


def test_each_computed_ente_s_list_says_what_it_holds(tmp_path, capsys):
    # a computed ente's list is headed as a not loadable one is («dati non caricabili»): by what it holds. Buonavalle
    # has warnings only (a Comune of Funzioni Locali without the CCDI's maggiorazione written: a warning)
    config = _cycle(tmp_path, [("buonavalle", "buono.toml")])
    assert main(["validate", config]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "buonavalle: con avvisi"
    assert any(": avviso: " in line and "maggiorazione" in line for line in lines[1:])
    assert not any(": errore: " in line for line in lines[1:])
