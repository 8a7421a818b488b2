"""An exclusion of one role: «ai dirigenti con un punteggio inferiore a 60 non spetta la retribuzione di risultato»
(`ruoli = ["dirigente"]`): a dipendente with the same score is paid."""

from __future__ import annotations

from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Sistema di valutazione del Comune di Prova"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
ruoli = ["dirigente"]
fonte = "art. 8"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
ruoli = ["dipendente", "dirigente"]
fonte = "art. 9"
"""


def data():
    staff = [
        "P1,Persona 1,dipendente,C,com,1,0,false,SEG",
        "P2,Persona 2,dipendente,C,com,1,0,false,SEG",
        "D1,Dirigente 1,dirigente,DIR,com,1,0,false,SEG",
    ]
    cards = [
        "P1,SEG,scheda,Valutazione complessiva,100,55,",
        "P2,SEG,scheda,Valutazione complessiva,100,45,",
        "D1,SEG,scheda,Valutazione complessiva,100,55,",
    ]
    return one_unit_comune("Comune di Prova", staff, cards, '[funds]\nproduttivita = "1000.00"\n')


def test_only_the_role_named_is_excluded(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data())
    # D1 55 < 60, a dirigente: excluded; P1 55 and P2 45 are dipendenti: paid by score, 1.000 × 55 / 100 = 550,00 and
    # 1.000 × 45 / 100 = 450,00
    assert amounts(result) == {"P1": "550.00", "P2": "450.00", "D1": "0.00"}
    assert result.rewards.statuses["D1"] == "escluso_punteggio_minimo"
    assert "(per i dirigenti)" in explain(result, "person", "D1")


def test_leggi_says_the_role(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    assert "Non accede al premio chi ha un punteggio inferiore a 60, per i dirigenti (art. 8)." in text
