"""A role evaluated without levels: «i livelli … del personale dipendente» leaves the dirigenti out of the scale. In
[livelli] their own scale is empty, `dirigente = []`: their score places them on no level, while the staff's does."""

from __future__ import annotations

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri della Provincia di Prova"
tipo_ente = "provincia"

[livelli]
fonte = "art. 3"
scala = [ { nome = "ottimo", da = 90 }, { nome = "buono", da = 75 }, { nome = "adeguato", da = 60 } ]
dirigente = []

[[premi]]
nome = "produttività"
metodo = "livelli"
fondo = "produttivita"
coefficienti = { ottimo = 1, buono = 0.85, adeguato = 0.7 }
fonte = "art. 9"
"""


def data() -> dict[str, str]:
    staff = ["P1,Persona 1,dipendente,C,com,1,0,false,SEG", "D1,Dirigente 1,dirigente,DIR,com,1,0,false,SEG"]
    cards = ["P1,SEG,scheda,Valutazione complessiva,100,92,", "D1,SEG,scheda,Valutazione complessiva,100,95,"]
    return one_unit_comune("Provincia di Prova", staff, cards, '[funds]\nproduttivita = "1000.00"\n')


def test_the_role_s_score_places_it_on_no_level(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data())
    # P1 92 ≥ 90: «ottimo»; D1 95 but no scale: no level. The part pays the dipendenti: P1 the whole 1.000,00
    assert result.scores["P1"].level == "ottimo"
    assert result.scores["D1"].level is None
    assert amounts(result) == {"P1": "1000.00"}


def test_leggi_says_the_role_has_no_levels(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    assert "Per i dirigenti nessun livello: il punteggio non li colloca in una scala." in text


def test_the_common_scale_may_not_be_empty(tmp_path):
    empty = REGULATION.replace(
        'scala = [ { nome = "ottimo", da = 90 }, { nome = "buono", da = 75 }, { nome = "adeguato", da = 60 } ]',
        "scala = []",
    )
    assert "riga 8, chiave livelli.scala: la scala è vuota" in regulation_problems(tmp_path, empty)
