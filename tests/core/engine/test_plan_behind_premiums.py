"""Premiums with no plan behind them (V's IPAB): a cycle whose plan has no objective at all passed ``validate`` with
«nessun problema» and paid its fund, while the Relazione read «Nessun obiettivo indicato per l'anno». The premiums
for performance rest on the objectives of the Piano della performance, since 2022 the PIAO's sottosezione
Performance (D.Lgs. 150/2009 art. 10; DL 80/2021 art. 6): an ente that pays them with no objective is warned, once,
with the amount and the people it reached."""

from __future__ import annotations

from helpers import amounts, one_unit_comune, run_declared

# a fund shared in equal parts among the staff, with no card (a premium no evaluation decides): what it pays does
# not depend on the plan, so the plan's absence changes no amount
EQUAL = """\
formato = 2
[atto]
titolo = "Sistema di misurazione e valutazione della performance"
tipo_ente = "altro"

[premio]
metodo = "proporzionale"
valutazione = false
fonte = "art. 9"
"""
STAFF = ["P1,Operatrice,dipendente,B,com,1,0,false,", "P2,Istruttore,dipendente,C,com,1,0,false,"]
RULE = "core.objectives.none"


def files(fund: str, plan: bool) -> dict[str, str]:
    data = one_unit_comune("Casa di riposo Villa Esempio", STAFF, [], f'[funds]\nperformance_individuale = "{fund}"\n')
    if not plan:  # the sheets of the plan with their headers alone (the cards' is so already: nothing reads one)
        data["objectives.csv"] = data["objectives.csv"].splitlines()[0] + "\n"
        data["indicators.csv"] = data["indicators.csv"].splitlines()[0] + "\n"
    return data


def test_premiums_paid_with_no_objective_are_a_warning_citing_the_plan(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, EQUAL, files("1000.00", plan=False))
    # 1,000.00 in two equal parts: 500.00 each, € 1.000,00 to 2 people
    assert amounts(result) == {"P1": "500.00", "P2": "500.00"}
    warned = [p for p in result.violations if p.rule == RULE]
    assert len(warned) == 1 and warned[0].severity == "warning"
    message = warned[0].message
    assert message.startswith("nessun obiettivo nel piano del 2024: i premi collegati alla performance")
    assert "(€ 1.000,00 a 2 persone)" in message and "sottosezione Performance del PIAO" in message
    assert "D.Lgs. 150/2009 art. 10" in str(warned[0].source)


def test_a_plan_with_objectives_or_no_premium_paid_is_not_warned(ciclope_ente, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    planned = run_declared(ciclope_ente, tmp_path / "a", EQUAL, files("1000.00", plan=True))
    assert RULE not in [p.rule for p in planned.violations]
    unpaid = run_declared(ciclope_ente, tmp_path / "b", EQUAL, files("0.00", plan=False))
    assert RULE not in [p.rule for p in unpaid.violations]


def test_the_warning_is_at_the_header_of_an_empty_sheet(ciclope_ente, tmp_path):
    # the sheet there with its header alone: the warning is at its header row
    empty = run_declared(ciclope_ente, tmp_path, EQUAL, files("1000.00", plan=False))
    [warned] = [p for p in empty.violations if p.rule == RULE]
    assert (warned.file, warned.row) == ("objectives.csv", 1)


def test_the_warning_names_no_row_of_a_file_the_ente_has_not(ciclope_ente, tmp_path):
    # no file of objectives at all (nor of indicators, which need it): the file said missing, by the name the
    # template gives it, and no row of it
    data = files("1000.00", plan=False)
    del data["objectives.csv"], data["indicators.csv"]
    absent = run_declared(ciclope_ente, tmp_path, EQUAL, data)
    [warned] = [p for p in absent.violations if p.rule == RULE]
    assert (warned.file, warned.row) == ("obiettivi.csv (assente)", None)
