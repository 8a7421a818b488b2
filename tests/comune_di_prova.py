"""The Comune di Prova of the command tests (diff, verify, the Relazione's columns): one unit, the Segretario who
evaluates everyone on one item of 100 points, a fund «produttivita» of € 1.000,00, and a regulation whose head and
premium by score a test completes with what it is about."""

from __future__ import annotations

from collections.abc import Mapping

HEAD = """formato = 2

[atto]
titolo = "Contratto decentrato del Comune di Prova"
sigla = "CCDI"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[scheda]]
fonte = "art. 2"
ruoli = ["dipendente"]
voci = [{ sezione = "Risultati", voce = "Valutazione complessiva", massimo = 100 }]
"""

# the whole fund by the score, full and whole to everyone in service: a person's premium is 1.000 × points / Σ points
BY_SCORE = """
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

NAMES = {"D01": "Anna Colavita", "D02": "Giulia Mastrangelo", "D03": "Marco Ferri"}


def files(points: Mapping[str, int], people: str = "") -> dict[str, str]:
    """The ente's data: the people of ``points`` (codes of :data:`NAMES`), each with a card of those points;
    ``people``: the rows of persone.csv written out instead (other names, part time, absences)."""
    people = people or "".join(f"{pid},{NAMES[pid]},dipendente,C,ENTE,100%,0,SEG\n" for pid in points)
    cards = "".join(f"{pid},SEG,Risultati,Valutazione complessiva,100,{n}\n" for pid, n in points.items())
    return {
        "ente.toml": 'nome = "Comune di Prova"\n\n[fondi]\nproduttivita = "1000.00"\n\n'
        '[valutatori]\nSEG = "Segretario comunale"\n',
        "unità.csv": "codice,nome,tipo,superiore,responsabile\nENTE,Comune di Prova,ente,,\n",
        "obiettivi.csv": "codice,tipo,titolo,superiore,area,peso,responsabile\nO1,operativo,Servizi,,,,ENTE\n",
        "indicatori.csv": "codice,obiettivo,nome,tipo,peso,valore_base,target,consuntivo\n"
        "I1,O1,Pratiche,più è meglio,1,,10,10\n",
        "persone.csv": "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,valutatore\n" + people,
        "valutazioni.csv": "persona,valutatore,sezione,voce,punti_massimi,punti\n" + cards,
    }
