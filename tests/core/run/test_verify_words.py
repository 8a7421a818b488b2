"""`ciclope verify` says what differs in Italian, for the office: the figure by what it is and whose («Premio di
Anna Colavita (D01)»), the file's value and the recomputed one each named, in euro with a decimal comma; and every
edited file is reported, the documents too when results.json was edited as well."""

from __future__ import annotations

import json
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
    "D01,Anna Colavita,dipendente,C,ENTE,100%,0,SEG\nD02,Giulia Mastrangelo,dipendente,C,ENTE,100%,0,SEG\n",
    "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n"
    "D01,SEG,Risultati,Valutazione complessiva,100,60\nD02,SEG,Risultati,Valutazione complessiva,100,40\n",
}


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """A run whose results.json says D01's premium is € 1.600,00 and whose trasparenza.csv gained a line."""
    first_comune_run(tmp_path, REGULATION, FILES)
    folder = tmp_path / "risultati" / "comune-prova"
    doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    # € 1.000,00 by the score, 60 + 40 = 100 points: D01 1.000 × 60/100 = 600,00, D02 400,00
    assert doc["rewards"]["people"]["D01"]["amount"] == "600.00"
    doc["rewards"]["people"]["D01"]["amount"] = "1600.00"
    (folder / "results.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with open(folder / "trasparenza.csv", "a", encoding="utf-8") as fh:
        fh.write("riga aggiunta a mano\n")
    return folder


def test_a_difference_is_said_in_italian_with_both_values_named(edited):
    done = ciclope("verify", edited)
    assert done.returncode != 0
    lines = done.stdout.splitlines()
    assert "Premio di Anna Colavita (D01): nel file € 1.600,00, ricalcolato € 600,00" in lines, done.stdout
    assert "rewards." not in done.stdout and "amount" not in done.stdout


def test_an_edited_document_is_reported_beside_an_edited_results_json(edited):
    out = ciclope("verify", edited).stdout
    assert "output modificato dopo l'esecuzione: trasparenza.csv" in out.splitlines(), out
