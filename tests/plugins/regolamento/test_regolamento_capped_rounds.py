"""A premium with a maximum per person whose excess goes to the others (``massimo_persona`` with ``residuo =
"ridistribuisci"``): each amount is explained by the round of the split that made it, so that a person redoes it by
hand from what explain, explain --pool and the scheda personale print. Every expected value computed by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.run.explain import explain
from ciclope.core.schede import content

from helpers import amounts, one_unit_comune, run_declared

# Art. 5 and 7 of the Comune di Reggello's criteria: points = score × parametro × time worked; the fund split by the
# points, at most € 2.500 each, the excess redistributed to the others in proportion.
REGULATION = """\
formato = 2
[atto]
titolo = "Criteri per la ripartizione delle risorse destinate alla produttività individuale"
sigla = "Criteri produttività"
tipo_ente = "comune"

[[premi]]
nome = "produttività individuale"
metodo = "proporzionale"
fondo = "performance_individuale"
parametri = { B = 100, C = 110, D = 125 }
tempo_parziale = "proporzionale"
massimo_persona = "=2500 €"
residuo = "ridistribuisci"
ruoli = ["dipendente"]
fonte = "art. 5 e art. 7 c. 1"
"""

# (id, name, category, time worked, score): the weights of the office's hand calculation, score × parametro × time
# worked (its absences are a time worked here: P02 88 × 110 × 0,9 = 8.712)
REGGELLO = [
    ("P01", "Laura Bianchi", "D", "1", 96),  # 96 × 125 = 12.000
    ("P02", "Marco Rossi", "C", "0.9", 88),  # 88 × 110 × 0,9 = 8.712
    ("P03", "Giulia Ferri", "C", "0.5", 92),  # 92 × 110 × 0,5 = 5.060
    ("P04", "Andrea Cappelli", "B", "0.7", 75),  # 75 × 100 × 0,7 = 5.250
    ("P05", "Sara Mugnai", "D", "1", 97),  # 97 × 125 = 12.125
    ("P09", "Chiara Nocentini", "C", "0.675", 90),  # 90 × 110 × 0,675 = 6.682,5
    ("P10", "Luca Pratesi", "B", "1", 70),  # 70 × 100 = 7.000
]  # Σ = 56.829,5


def files(people, fund: str) -> dict[str, str]:
    staff = [f"{pid},{name},dipendente,{cat},com,{fte},0,false,SEG" for pid, name, cat, fte, _ in people]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, *_, score in people]
    return one_unit_comune("Comune di Reggello", staff, cards, f'[funds]\nperformance_individuale = "{fund}"\n')


def inputs(result, pid: str) -> dict[str, object]:
    return {i.name: i.value for i in result.figures[f"award:{pid}"].inputs}


def test_a_share_paid_in_the_second_round_says_that_round(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(REGGELLO, "12000.00"))
    # 1st round: 12.000 / 56.829,5 a point; P01 12.000 × 12.000 / 56.829,5 = 2.533,895… and P05 12.000 × 12.125 /
    # 56.829,5 = 2.560,289… pass 2.500: they get 2.500,00. 2nd round: 12.000 − 2 × 2.500 = 7.000 over 56.829,5 −
    # 12.000 − 12.125 = 32.704,5: P02 7.000 × 8.712 / 32.704,5 = 1.864,6975…, P03 × 5.060 = 1.083,0313…, P04 × 5.250
    # = 1.123,6985…, P09 × 6.682,5 = 1.430,3077…, P10 × 7.000 = 1.498,2647…; down to the cent 6.999,97, the 3 cents
    # to the largest remainders (0,86 P04, 0,78 P09, 0,75 P02 of a cent)
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {
        "P01": "2500.00",
        "P02": "1864.70",
        "P03": "1083.03",
        "P04": "1123.70",
        "P05": "2500.00",
        "P09": "1430.31",
        "P10": "1498.26",
    }
    p02 = result.figures["award:P02"]
    assert p02.formula.startswith("fondo del 2° giro × peso / Σ pesi del 2° giro, con peso = ")
    got = inputs(result, "P02")
    assert got["fondo del 2° giro"] == Decimal("7000.00")
    assert got["Σ pesi del 2° giro"] == Decimal("32704.5")
    assert got["peso"] == Decimal("8712.0")
    assert "Σ pesi" not in got  # the 56.829,5 of the 1st round made no part of this amount
    assert "fondo del 2° giro: il fondo meno 2 massimi per persona già pagati (€ 5.000,00)" in p02.note
    assert (
        "importo esatto € 1.864,6975…: € 1.864,69 al centesimo per difetto, più un centesimo: i centesimi che "
        "l'arrotondamento lascia vanno ai resti più alti" in p02.note
    )
    # P01, capped at the 1st round: its weight and the 1st round's sum, and what its share would have been
    p01 = result.figures["award:P01"]
    assert p01.formula.startswith("fondo × peso / Σ pesi, con peso = ")
    assert (inputs(result, "P01")["peso"], inputs(result, "P01")["Σ pesi"]) == (Decimal("12000.0"), Decimal("56829.5"))
    assert "oltre il massimo per persona: al 1° giro la quota sarebbe € 2.533,90" in p01.note  # 2.533,895… half-up
    # the maximum is a number alone: its value, said once («massimo per persona = € 2.500,00»)
    assert inputs(result, "P01")["massimo per persona"] == Decimal("2500.00")
    assert not [name for name in inputs(result, "P01") if name.startswith("massimo per persona (")]


def test_the_second_round_is_what_explain_and_the_scheda_print(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(REGGELLO, "12000.00"))
    person = explain(result, "person", "P02")
    pool = explain(result, "pool", "performance_individuale")
    assert person is not None and pool is not None
    assert "Σ pesi = 56.829,5" not in person  # the 1st round's sum made no part of P02's amount
    for text in (person, pool):
        assert "• fondo del 2° giro = € 7.000,00" in text
        assert "• Σ pesi del 2° giro = 32.704,5\n" in text
        assert "il fondo meno 2 massimi per persona già pagati" in text
        assert "importo esatto € 1.864,6975…" in text
    scheda = content.build(result, "P02")
    (paid,) = scheda.payments
    assert paid.formula.startswith("fondo del 2° giro × peso / somma dei pesi del 2° giro")
    steps = {line.label: line.value for line in paid.steps}
    assert (steps["fondo del 2° giro"], steps["somma dei pesi del 2° giro"]) == ("€ 7.000,00", "32.704,5")
    assert "importo esatto € 1.864,6975…" in paid.note
    # how many maxima, never whose: P02 reads the note on the scheda, and it names no colleague
    assert "2 massimi per persona già pagati" in paid.note and "Laura Bianchi" not in paid.note


# Four people of one category (parametro 100), full time: weights 100 × score; fund 10.000, at most 3.100 each.
AGAIN = [("A1", "Anna", "C", "1", 100), ("A2", "Bruno", "C", "1", 90), ("A3", "Carla", "C", "1", 60)]
AGAIN += [("A4", "Dario", "C", "1", 50)]


def test_a_second_round_that_caps_again_makes_a_third(ciclope_ente, tmp_path):
    text = REGULATION.replace("=2500 €", "=3100 €").replace("parametri = { B = 100, C = 110, D = 125 }\n", "")
    result = run_declared(ciclope_ente, tmp_path, text, files(AGAIN, "10000.00"))
    # weights 100, 90, 60, 50 (Σ 300). 1st round: A1 10.000 × 100 / 300 = 3.333,33… > 3.100: 3.100,00.
    # 2nd round: 6.900 over 200: A2 6.900 × 90 / 200 = 3.105 > 3.100: 3.100,00 (A3 2.070, A4 1.725 below).
    # 3rd round: 3.800 over 110: A3 3.800 × 60 / 110 = 2.072,7272…, A4 3.800 × 50 / 110 = 1.727,2727…; down to the
    # cent 3.799,99, the cent to the larger remainder, A3
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {
        "A1": "3100.00",
        "A2": "3100.00",
        "A3": "2072.73",
        "A4": "1727.27",
    }
    a2, a3, a4 = (result.figures[f"award:{pid}"] for pid in ("A2", "A3", "A4"))
    assert (inputs(result, "A2")["fondo del 2° giro"], inputs(result, "A2")["Σ pesi del 2° giro"]) == (
        Decimal("6900.00"),
        Decimal("200"),
    )
    assert "fondo del 2° giro: il fondo meno un massimo per persona già pagato (€ 3.100,00)" in a2.note
    assert "oltre il massimo per persona: al 2° giro la quota sarebbe € 3.105,00" in a2.note
    assert a3.formula.startswith("fondo del 3° giro × peso / Σ pesi del 3° giro")
    assert (inputs(result, "A3")["fondo del 3° giro"], inputs(result, "A3")["Σ pesi del 3° giro"]) == (
        Decimal("3800.00"),
        Decimal("110"),
    )
    assert "fondo del 3° giro: il fondo meno 2 massimi per persona già pagati (€ 6.200,00)" in a3.note
    assert "importo esatto € 2.072,7272…: € 2.072,72 al centesimo per difetto, più un centesimo" in a3.note
    assert "importo esatto € 1.727,2727…: € 1.727,27 al centesimo per difetto" in a4.note


def test_without_a_share_over_the_maximum_one_round_keeps_its_rounding_note(ciclope_ente, tmp_path):
    text = REGULATION.replace("=2500 €", "=5000 €")
    result = run_declared(ciclope_ente, tmp_path, text, files(REGGELLO, "12000.00"))
    # nobody passes 5.000: one round of 12.000 / 56.829,5 a point, P02 12.000 × 8.712 / 56.829,5 = 1.839,6079… →
    # 1.839,60 down to the cent; the floors (2.533,89 + 1.839,60 + 1.068,45 + 1.108,57 + 2.560,28 + 1.411,06 +
    # 1.478,10) sum to 11.999,95, the 5 cents to the largest remainders, of a cent: P05 1,00, P04 0,92, P03 0,92,
    # P02 0,80, P10 0,56 (P01 0,52 and P09 0,29 get none)
    assert amounts(result)["P02"] == "1839.61"
    p02 = result.figures["award:P02"]
    assert p02.formula.startswith("fondo × peso / Σ pesi, con peso = ")
    assert inputs(result, "P02")["Σ pesi"] == Decimal("56829.5")
    assert "importo esatto € 1.839,6079…: € 1.839,60 al centesimo per difetto, più un centesimo" in p02.note
