"""The portal's person cards read the trace back from the store, as JSON: no Python type survives there, so money
must read as money by where it comes from (the figure an input refers to, the column's type as the ente's plugin
reads it), as ``ciclope explain`` shows it; a fund is named by its words, never by its key."""

from __future__ import annotations

from pathlib import Path

from ciclope.core.commands.cli import main
from ciclope.core.testing import write_ente

REGULATION = """\
formato = 2
[atto]
titolo = "Produttività collettiva"
tipo_ente = "altro"

[[colonne]]
nome = "indennita_ente"
tipo = "euro"
significato = "indennità di Ente annua"
fonte = "art. 2"

[[premi]]
nome = "produttività"
metodo = "formula"
valutazione = false
fondo = "fondo_produttivita"
tempo_parziale = "intero"
importo = '=MIN(fondo / CONTA.ENTE(); 1,5 * indennita_ente)'
fonte = "art. 3"

[[premi]]
nome = "maggiorazione"
metodo = "formula"
valutazione = false
fondo = "maggiorazione"
tempo_parziale = "intero"
importo = '=10% * PREMIO("produttività")'
fonte = "art. 4"
"""

DATA = {
    "units.csv": "id,name,kind,parent,head\nam,Amministrazione,ente,,\n",
    "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,am\n",
    "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,reason,"
    "source\nIN1,OB1,Pratiche,higher,,,10,10,,,,,\n",
    "people.csv": "id,name,role,category,unit,fte,indennita_ente\n"
    "R1,Rossi,dipendente,C,am,1,1000\n"
    "R2,Bianchi,dipendente,C,am,1,1800\n"
    "R3,Verdi,dipendente,C,am,1,1800\n"
    "R4,Neri,dipendente,C,am,1,1800\n"
    "R5,Gialli,dipendente,C,am,1,1800\n",
    "ente.toml": 'name = "Ente di ricerca"\n[funds]\nfondo_produttivita = "10000.00"\nmaggiorazione = "1000.00"\n',
}


def test_a_card_reads_money_in_euro_and_a_fund_by_its_words(tmp_path: Path):
    write_ente(tmp_path / "dati", DATA)
    (tmp_path / "regolamento.toml").write_text(REGULATION, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[ciclo]\nanno = 2024\n\n[[ente]]\nid = "ricerca"\nplugin = "regolamento"\ndati = "dati"\n'
        'regolamento = "regolamento.toml"\n',
        encoding="utf-8",
    )
    url = f"sqlite:///{tmp_path / 'archivio.db'}"
    assert main(["run", str(cycle), "--store", url, "--out", str(tmp_path / "out")]) == 0
    assert main(["site", "--store", url, "--out", str(tmp_path / "sito")]) == 0
    cards = (tmp_path / "sito" / "enti" / "ricerca" / "persone.html").read_text(encoding="utf-8")
    # R1: the lesser of 10000 / 5 = 2000 and 1.5 × 1000 = 1500: 1500.00; the maggiorazione 10% × 1500 = 150.00
    assert "indennità di Ente annua = € 1.000,00" in cards  # a declared column of tipo = "euro"
    assert "il fondo della parte = € 10.000,00" in cards  # the part's fund, by the figure it refers to
    assert "premio della parte «produttività» = € 1.500,00" in cards  # an earlier part's premium
    assert ") = € 1.500,00" in cards and ") = € 150,00" in cards  # what each formula gave
    assert ">Fondo produttivita<" in cards and "Fondo fondo" not in cards  # never «Fondo fondo_produttivita»
    assert "<dd>senza valutazione individuale</dd>" in cards and "<dd>non valutato</dd>" not in cards
