"""`ciclope diff` says a person's outcome in words, before and after: an exclusion by its label, never its code,
and a person no longer excluded as what she is after («valutato»), never «nessuna cifra»."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import ciclope, first_comune_run

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

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 3"

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

PEOPLE = (
    "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore\n"
    "D01,Anna Colavita,dipendente,C,ENTE,100%,0,SEG\n"
    "D02,Giulia Mastrangelo,dipendente,C,ENTE,100%,0,SEG\n"
)
FILES = {
    "ente.toml": 'nome = "Comune di Prova"\n\n[fondi]\nproduttivita = "1000.00"\n\n'
    '[valutatori]\nSEG = "Segretario comunale"\n',
    "unità.csv": "codice,nome,tipo,superiore,responsabile\nENTE,Comune di Prova,ente,,\n",
    "obiettivi.csv": "codice,tipo,titolo,superiore,area,peso,responsabile\nO1,operativo,Servizi,,,,ENTE\n",
    "indicatori.csv": "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo\n"
    "I1,O1,Pratiche,più è meglio,1,,10,10\n",
    "persone.csv": PEOPLE,
    "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n"
    "D01,SEG,Risultati,Valutazione complessiva,100,80\nD02,SEG,Risultati,Valutazione complessiva,100,50\n",
}
RICORSI = (
    "persona,fase,data,esito,voce_rivista,nuovi_punti\nD02,riesame,2026-03-10,accolto,Valutazione complessiva,70\n"
)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("esito")
    first_comune_run(root, REGULATION, FILES)
    (root / "comune" / "ricorsi.csv").write_text(RICORSI, encoding="utf-8")
    done = ciclope("run", root / "cycle.toml")
    assert done.returncode == 0, done.stderr
    return root / "cycle.toml"


def test_an_exclusion_lifted_by_the_riesame_is_said_in_words(two_runs):
    done = ciclope("diff", two_runs, "--ente", "comune-prova", "--run", "1", "--run", "2")
    assert done.returncode == 0, done.stderr
    # D02: 50 < 60, excluded in run 1; the riesame gives 70 ≥ 60: valutata in run 2
    assert (
        "  cambiato: Esito di Giulia Mastrangelo: escluso per punteggio sotto il minimo prima, valutato dopo"
        in done.stdout.splitlines()
    )
    assert "escluso_punteggio_minimo" not in done.stdout
    assert "nessuna cifra" not in done.stdout
