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


# A band formula capping the top level at 30% of the staff (CCDI of an Unione, art. 6 c. 2), beside the empty scale
CAPPED = REGULATION.replace(
    "dirigente = []\n",
    "dirigente = []\n"
    """formula = '=SE(E(LIVELLO(punteggio) = "ottimo"; RANGO.ENTE(punteggio) > """
    """ARROTONDA.PER.DIF(CONTA.ENTE() * 3 / 10; 0)); "buono"; LIVELLO(punteggio))'\n"""
    'nota = "art. 3 c. 2: in «ottimo» non più del 30% dei valutati, per difetto; gli altri in «buono»"\n',
)


def capped_data() -> dict[str, str]:
    staff = [f"P{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in range(1, 5)]
    staff.append("D1,Dirigente 1,dirigente,DIR,com,1,0,false,SEG")
    points = {"P1": 95, "P2": 92, "P3": 91, "P4": 80, "D1": 96}
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{p}," for pid, p in points.items()]
    return one_unit_comune("Provincia di Prova", staff, cards, '[funds]\nproduttivita = "1000.00"\n')


def test_a_band_formula_gives_no_level_to_a_role_without_a_scale(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, CAPPED, capped_data())
    # the staff's scale: 4 people scored, ⌊4 × 3 / 10⌋ = ⌊1,2⌋ = 1 place in «ottimo»: P1 (95, 1st); P2 (92, 2nd)
    # and P3 (91, 3rd) reach «ottimo» but rank past 1: «buono»; P4 (80) is «buono» on its points
    assert {p: result.scores[p].level for p in ("P1", "P2", "P3", "P4")} == {
        "P1": "ottimo",
        "P2": "buono",
        "P3": "buono",
        "P4": "buono",
    }
    # D1's scale is empty (dirigente = []): the formula names levels of a scale the role does not have, so D1 has
    # none, as without the formula (before: «buono», its rank 1 of 1 being past ⌊1 × 3 / 10⌋ = 0)
    assert result.scores["D1"].level is None
    assert "level:D1" not in result.figures
