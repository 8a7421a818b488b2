"""premi-art20.csv of a Comune whose regulation pays only the dipendenti (issue of the Valbruna reporter): the PO,
to whom no fund is destined, read «premi stanziati 0,00» beside «premi distribuiti: compreso in tutto il
personale», and the ente's premio medio conseguibile counted them among the people who could reach a premium.
The PO are three, beside the Segretario: a group of 1–2 people would be in no output at all (rules/core.md §6,
tests/core/reports/test_small_group_withheld.py). Every figure by hand."""

from __future__ import annotations

from ciclope.core.reports import art20, transparency

from helpers import one_unit_comune, run_declared

REGULATION = """\
formato = 2

[atto]
titolo = "Contratto integrativo del Comune"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "produttivita"
ruoli = ["dipendente"]
fonte = "art. 5"
"""


def published(ciclope_ente, tmp_path) -> tuple[dict[tuple[str, str], str], str]:
    staff = [f"PO{i},Posizione {i},po,D,com,1,0,false,SEG" for i in (1, 2, 3)] + [
        f"E{i},Persona {i},dipendente,C,com,1,0,false,SEG" for i in (1, 2, 3)
    ]
    cards = [f"PO{i},SEG,scheda,Valutazione complessiva,100,{points}," for i, points in ((1, 80), (2, 70), (3, 60))]
    cards += [f"E{i},SEG,scheda,Valutazione complessiva,100,{points}," for i, points in ((1, 90), (2, 80), (3, 70))]
    data = one_unit_comune("Comune di Prova", staff, cards, '[fondi]\nproduttivita = "2400.00"\n')
    result = run_declared(ciclope_ente, tmp_path, REGULATION, data)
    text = art20.render(result)
    rows = {tuple(line.split(";")[:2]): line.split(";")[2] for line in text.lstrip("\ufeff").splitlines()[1:]}
    return rows, transparency.render(result)


def test_a_group_no_fund_is_destined_to_publishes_its_zeros(ciclope_ente, tmp_path):
    rows, _ = published(ciclope_ente, tmp_path)
    # no part pays the PO: their stanziati are 0,00, so what they were paid is 0,00 too, and the mean they could
    # reach 0,00 / 3 = 0,00: none of these is anyone's pay, and none may read «compreso in tutto il personale»
    assert rows[("dirigenti e PO", "premi stanziati (€)")] == "0,00"
    assert rows[("dirigenti e PO", "premi distribuiti (€)")] == "0,00"
    assert rows[("dirigenti e PO", "persone valutate")] == "3"
    assert rows[("dirigenti e PO", "premio medio conseguibile (€)")] == "0,00"


def test_the_ente_s_reachable_mean_is_over_the_people_a_fund_is_destined_to(ciclope_ente, tmp_path):
    rows, _ = published(ciclope_ente, tmp_path)
    # 2400.00 among the 3 dipendenti (90, 80, 70 points: 900.00, 800.00, 700.00); evaluated: the PO and the 3
    # dipendenti (the Segretario has no card): 3 + 3 = 6. Reachable mean 2400 / 3 = 800,00, not 2400 / 6 = 400,00:
    # the PO could reach nothing
    assert rows[("tutto il personale", "premi stanziati (€)")] == "2400,00"
    assert rows[("tutto il personale", "persone valutate")] == "6"
    assert rows[("tutto il personale", "premio medio conseguibile (€)")] == "800,00"
    assert rows[("personale", "premio medio conseguibile (€)")] == "800,00"
    # the mean's own head count, 3, beside the 6 evaluated: the division is redone from the file
    assert rows[("tutto il personale", "persone valutate a cui è destinato un fondo dei premi")] == "3"


def test_a_level_nobody_was_paid_in_shows_its_zero_not_a_small_group(ciclope_ente, tmp_path):
    _, csv = published(ciclope_ente, tmp_path)
    lines = [line.split(";") for line in csv.splitlines() if line.startswith("Livello di valutazione;dirigenti e PO")]
    # the 3 PO (valutato) and the Segretario (not evaluated, a level of 1 person), merged in one line of 3 + 1 = 4:
    # nobody paid, so the total is 0,00 and all 4 are «non pagate»
    assert [(r[3], r[5], r[6], r[8]) for r in lines] == [("4", "0,00", "", "4")]
