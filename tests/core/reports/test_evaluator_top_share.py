"""The Relazione's share of an evaluator's people at the highest level counts, as `ciclope compare` does
(docs/ops.md), the people with a level: someone under the lowest level is no denominator, and the column says so."""

from __future__ import annotations

from pathlib import Path

from helpers import first_comune_run

REGULATION = """formato = 2

[atto]
titolo = "Contratto decentrato del Comune di Prova"
sigla = "CCDI"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[scheda]]
fonte = "art. 2"
ruoli = ["dipendente"]
voci = [{ sezione = "Risultati", voce = "Valutazione complessiva", massimo = 100 }]

[livelli]
fonte = "art. 3"
scala = [{ nome = "eccellente", da = 90 }, { nome = "buono", da = 60 }]

[[premi]]
nome = "individuale"
metodo = "proporzionale"
fondo = "produttivita"
quota_fondo = "100%"
tempo_parziale = "intero"
rateo_giorni = false
peso = '=punteggio'
fonte = "art. 5"
"""
FILES = {
    "ente.toml": 'nome = "Comune di Prova"\n\n[fondi]\nproduttivita = "1000.00"\n\n'
    '[valutatori]\nSEG = "Segretario comunale"\n',
    "unità.csv": "codice,nome,tipo,superiore,responsabile\nENTE,Comune di Prova,ente,,\n",
    "obiettivi.csv": "codice,tipo,titolo,superiore,area,peso,responsabile\nO1,operativo,Servizi,,,,ENTE\n",
    "indicatori.csv": "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo\n"
    "I1,O1,Pratiche,più è meglio,1,,10,10\n",
    "persone.csv": "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore\n"
    "D01,Anna Colavita,dipendente,C,ENTE,100%,0,SEG\nD02,Giulia Mastrangelo,dipendente,C,ENTE,100%,0,SEG\n"
    "D03,Marco Ferri,dipendente,C,ENTE,100%,0,SEG\n",
    "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n"
    "D01,SEG,Risultati,Valutazione complessiva,100,95\nD02,SEG,Risultati,Valutazione complessiva,100,80\n"
    "D03,SEG,Risultati,Valutazione complessiva,100,50\n",
}


def test_the_share_at_the_top_is_on_the_people_with_a_level(tmp_path: Path):
    first_comune_run(tmp_path, REGULATION, FILES)
    text = (tmp_path / "risultati" / "comune-prova" / "relazione.html").read_text(encoding="utf-8")
    assert "Quota al livello più alto (eccellente) sulle persone con un livello" in text
    # D01 95 eccellente, D02 80 buono, D03 50 no level: 1 at the top of the 2 with a level, 50,00% (never 1/3, 33,33%)
    row = next(r for r in text.split("<tr>") if "Segretario comunale" in r)
    assert "50,00%" in row and "33,33%" not in row
