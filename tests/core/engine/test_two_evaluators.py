"""A person evaluated by two evaluators for parts of the year (valutatori.csv): «la valutazione è effettuata da ciascun
valutatore per il periodo di competenza; il punteggio è la media delle due valutazioni, in relazione al tempo di
lavoro». Each evaluator's rows are a card scored by rules/core.md §3; the person's card score is the mean of the cards
by the calendar days of each period, kept exact inside and shown to the cent."""

from __future__ import annotations

from decimal import Decimal

from helpers import TRANSFER_CARDS, TRANSFER_PERIODS, TRANSFER_STAFF, one_unit_comune, run_declared

STAFF, CARDS, PERIODS = TRANSFER_STAFF, TRANSFER_CARDS, TRANSFER_PERIODS


def comune(cards: list[str] = CARDS, appeals: str = "") -> dict[str, str]:
    data = one_unit_comune("Comune di Prova", STAFF, cards, '[funds]\nperformance_individuale = "1000.00"\n')
    data["valutatori.csv"] = PERIODS
    if appeals:
        data["ricorsi.csv"] = appeals
    return data


def test_the_score_is_the_mean_of_the_cards_by_the_days_of_each_period(ciclope_ente):
    result = ciclope_ente("regolamento", comune(), year=2024)
    # D1's card: 100 × (48 + 32) / (60 + 40) = 80,00 for 1/1–30/6/2024, 31 + 29 + 31 + 30 + 31 + 30 = 182 days;
    # D2's card: 100 × (54 + 36) / 100 = 90,00 for 1/7–31/12/2024, 31 + 31 + 30 + 31 + 30 + 31 = 184 days;
    # (80 × 182 + 90 × 184) / 366 = (14.560 + 16.560) / 366 = 31.120 / 366 = 85,0273… → 85,03
    # (every row as one card would give 100 × 170 / 200 = 85,00)
    assert result.scores["P1"].score == Decimal("85.03")
    first, second, whole = (result.figures[k] for k in ("card:P1:D1", "card:P1:D2", "card:P1"))
    assert (first.value, second.value) == (Decimal("80.00"), Decimal("90.00"))
    assert first.label == (
        "Scheda di Paola Neri del valutatore Anna Russo (D1), dal 01/01/2024 al 30/06/2024 (182 giorni)"
    )
    assert [(i.name, i.value, i.cell) for i in second.inputs] == [
        ("Scheda / Risultati (massimo 60 punti)", Decimal("54"), "evaluations.csv:6:points"),
        ("Scheda / Comportamenti (massimo 40 punti)", Decimal("36"), "evaluations.csv:7:points"),
    ]
    assert whole.formula == (
        "media delle valutazioni in proporzione ai giorni di ciascun periodo: Σ(punteggio della scheda × giorni) / "
        "Σ giorni"
    )
    # each evaluator's card and their mean under the card's own act (here the regulation's), as one evaluator's card
    assert str(first.source) == str(second.source) == str(whole.source) != "rules/core.md §3"
    assert [(i.name, i.value, i.ref) for i in whole.inputs] == [
        ("scheda di Anna Russo (D1), dal 01/01/2024 al 30/06/2024 (182 giorni)", Decimal("80.00"), "card:P1:D1"),
        ("scheda di Ciro Esposito (D2), dal 01/07/2024 al 31/12/2024 (184 giorni)", Decimal("90.00"), "card:P1:D2"),
    ]
    assert not [v for v in result.violations if v.is_error]


def test_the_mean_is_of_the_cards_as_shown(ciclope_ente):
    # D1: 100 × 2 / 3 = 66,666… shown 66,67, for 1/1–30/4/2024 (31 + 29 + 31 + 30 = 121 days); D2: 100 × 13 / 15 =
    # 86,666… shown 86,67, for 1/5–31/12 (366 − 121 = 245 days). From the cards as the scheda prints them:
    # (66,67 × 121 + 86,67 × 245) / 366 = (8.067,07 + 21.234,15) / 366 = 29.301,22 / 366 = 80,0580… → 80,06, what a
    # person redoing the printed sum finds; from the exact cards it would be 80,0546… → 80,05 (an ERSU's reader)
    import datetime as dt

    from ciclope.core import scoring
    from ciclope.core.model import EvaluationItem, EvaluatorPeriod

    periods = (
        EvaluatorPeriod("P1", "D1", dt.date(2024, 1, 1), dt.date(2024, 4, 30)),
        EvaluatorPeriod("P1", "D2", dt.date(2024, 5, 1), dt.date(2024, 12, 31)),
    )
    card = [
        EvaluationItem("P1", "D1", "", "Voce", Decimal(3), Decimal(2), None, periods=periods),
        EvaluationItem("P1", "D2", "", "Voce", Decimal(15), Decimal(13), None, periods=periods),
    ]
    exact, _ = scoring.exact_card_score(card)
    assert exact == (Decimal("66.67") * 121 + Decimal("86.67") * 245) / 366
    assert scoring.card_score_and_formula(card)[0] == Decimal("80.06")


def test_the_same_voce_on_two_cards_is_no_duplicate_but_twice_on_one_is(ciclope_ente):
    result = ciclope_ente("regolamento", comune(), year=2024)
    assert not [v for v in result.violations if v.rule == "core.card.duplicate_item"]
    twice = ciclope_ente("regolamento", comune([*CARDS, "P1,D2,Scheda,Risultati,60,50,"]), year=2024)
    (duplicate,) = [v for v in twice.violations if v.rule == "core.card.duplicate_item"]
    assert (duplicate.where, duplicate.message) == (
        "evaluations.csv:6:item",
        "scheda di P1: una voce compare più volte",
    )


def test_a_missing_card_leaves_the_person_unevaluated(ciclope_ente):
    # D2 wrote nothing: never a score of D1's card alone (80,00)
    result = ciclope_ente("regolamento", comune(CARDS[:4]), year=2024)
    assert result.scores["P1"].score is None
    assert result.scores["P1"].status == "not_evaluated"
    assert "card:P1" not in result.figures and "card:P1:D1" not in result.figures
    (warning,) = [v for v in result.violations if v.rule == "core.periods.card_missing"]
    assert warning.where == "valutatori.csv:3:valutatore"


APPEALS = "persona,fase,data,esito,voce_rivista,nuovi_punti,valutatore\n"


def test_a_riesame_on_a_voce_of_both_cards_names_the_evaluator(ciclope_ente):
    # the riesame of D1's «Risultati»: 48 → 54; D1's card 100 × (54 + 32) / 100 = 86,00;
    # (86 × 182 + 90 × 184) / 366 = (15.652 + 16.560) / 366 = 32.212 / 366 = 88,0109… → 88,01
    result = ciclope_ente(
        "regolamento", comune(appeals=APPEALS + "P1,riesame,10/02/2025,accolto,Risultati,54,D1\n"), year=2024
    )
    assert result.figures["card:P1:D1"].value == Decimal("86.00")
    assert result.scores["P1"].score == Decimal("88.01")
    changed = result.figures["card:P1:D1"].inputs[0]
    assert changed.cell == "appeals.csv:2:new_points"


def test_a_riesame_on_a_voce_of_both_cards_without_the_evaluator_is_an_error(ciclope_ente):
    result = ciclope_ente(
        "regolamento", comune(appeals=APPEALS + "P1,riesame,10/02/2025,accolto,Risultati,54,\n"), year=2024
    )
    assert result.scores["P1"].score == Decimal("85.03")  # nothing changed
    (problem,) = [v for v in result.violations if v.rule == "core.appeal.evaluator"]
    assert (problem.severity, problem.where) == ("error", "ricorsi.csv:2:valutatore")
    assert problem.message == (
        "riesame accolto di Paola Neri (P1): la voce «Risultati» è nelle schede di Anna Russo (D1) (dal 01/01/2024 al "
        "30/06/2024) e Ciro Esposito (D2) (dal 01/07/2024 al 31/12/2024): scrivi in valutatore il codice del "
        "valutatore della scheda che cambia"
    )


def test_a_riesame_naming_an_evaluator_not_of_the_person_is_an_error(ciclope_ente):
    result = ciclope_ente(
        "regolamento", comune(appeals=APPEALS + "P1,riesame,10/02/2025,accolto,Risultati,54,SEG\n"), year=2024
    )
    (problem,) = [v for v in result.violations if v.rule == "core.appeal.evaluator"]
    assert problem.message == (
        "riesame accolto di Paola Neri (P1): «SEG» non è tra i suoi valutatori dell'anno (Anna Russo (D1) e Ciro "
        "Esposito (D2)): scrivi in valutatore il codice del valutatore della scheda che il riesame o il ricorso cambia"
    )


def test_each_evaluators_card_cites_the_act_the_mean_cites(ciclope_ente, tmp_path):
    # under a declared [[scheda]] the person's card cites its fonte («…, art. 5, allegato A»): each evaluator's card
    # cites the same, never the common rules' card (an ERSU's reader saw «regole comuni» under each of the two)
    regulation = """\
formato = 2
[atto]
titolo = "Sistema di valutazione"
sigla = "SMVP"
tipo_ente = "comune"

[[scheda]]
fonte = "art. 5, allegato A"
ruoli = ["dipendente"]
voci = [{ sezione = "Scheda", voce = "Risultati", massimo = 60 }, { sezione = "Scheda", voce = "Comportamenti", massimo = 40 }]

[premio]
metodo = "proporzionale"
fonte = "art. 9"
"""
    data = comune()  # D1 1/1–30/6 and D2 1/7–31/12, as above
    result = run_declared(ciclope_ente, tmp_path, regulation, data)
    cited = {key: str(result.figures[key].source) for key in ("card:P1", "card:P1:D1", "card:P1:D2")}
    assert cited["card:P1"] == "SMVP, art. 5, allegato A"
    assert cited["card:P1:D1"] == cited["card:P1:D2"] == cited["card:P1"]
