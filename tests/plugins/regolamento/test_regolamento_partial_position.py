"""The result pay read from a position pay written in people.csv for someone whose service or incarico covers only
part of the year: ciclope cannot know whether the figure is already the one of the incarico's days, so a warning at
the cell names the days and the figure prorated to them, for the office to check by hand; never a second message
where the national range of the position pay already speaks for the cell."""

from __future__ import annotations

from helpers import CARD_HEADER, STAFF_HEADER, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri della retribuzione di risultato"
tipo_ente = "altro"
{comparto}

[risultato_po]
metodo = "quota_posizione"
ruoli = [{roles}]
fondo = "risultato"
soglia_positiva = 60
fonte = "punto 6"
"""
HEADER = STAFF_HEADER + ",assunzione,cessazione,position_pay,term_start,term_end"
RULE = "regolamento.posizione_giorni"


def case(role: str, *rows: str) -> dict[str, str]:
    """A unit of SEG and the people of ``rows`` (after the header and SEG's row), each evaluated 80 of 100."""
    people = [r.split(",")[0] for r in rows]
    files = one_unit_comune("Istituto", [], [], '[funds]\nrisultato = "3000.00"\n')
    files["people.csv"] = "\n".join([HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,,,,,,", *rows]) + "\n"
    cards = [f"{pid},SEG,Scheda,Valutazione,100,80," for pid in people]
    files["evaluations.csv"] = "\n".join([CARD_HEADER, *cards]) + "\n"
    return files


def regulation(roles: str, comparto: str = 'comparto = "altro"') -> str:
    return REGULATION.replace("{roles}", roles).replace("{comparto}", comparto)


def warnings(result) -> list[tuple[int | None, str, str]]:
    return [(p.row, p.column, p.message) for p in result.violations if p.rule == RULE]


def test_a_dirigente_gone_mid_year_with_the_annual_position_pay_is_warned_at_the_cell(ciclope_ente, tmp_path):
    files = case(
        "dirigente",
        "D1,Ettore Pallini,dirigente,,com,1,0,false,SEG,,,12000.00,,",
        "D2,Paolo Ianni,dirigente,,com,1,0,false,SEG,,30/06/2024,6000.00,,30/06/2024",  # row 4
    )
    result = run_declared(ciclope_ente, tmp_path, regulation('"dirigente"'), files)
    # 1 January to 30 June 2024: 31 + 29 + 31 + 30 + 31 + 30 = 182 days of 2024's 366;
    # 6000 × 182 / 366 = 1092000 / 366 = 2983.6065… → 2983.61 (half-up to the cent)
    [(row, column, message)] = warnings(result)
    assert (row, column) == (4, "position_pay")
    assert message == (
        "Paolo Ianni: incarico fino al 30/06/2024, 182 giorni su 366: la retribuzione di posizione si scrive per i "
        "giorni dell'incarico; se € 6.000,00 è quella dell'anno intero, per 182 giorni è € 2.983,61"
    )
    [problem] = [p for p in result.violations if p.rule == RULE]
    assert problem.severity == "warning"


def test_a_hiring_within_the_year_is_said_as_the_service(ciclope_ente, tmp_path):
    files = case(
        "dirigente",
        "D1,Ettore Pallini,dirigente,,com,1,0,false,SEG,,,12000.00,,",
        "D2,Sara Colonnella,dirigente,,com,1,0,false,SEG,01/07/2024,,6000.00,,",
    )
    result = run_declared(ciclope_ente, tmp_path, regulation('"dirigente"'), files)
    # 1 July to 31 December 2024: 31 + 31 + 30 + 31 + 30 + 31 = 184 days of 366;
    # 6000 × 184 / 366 = 1104000 / 366 = 3016.3934… → 3016.39
    [(row, _, message)] = warnings(result)
    assert row == 4
    assert message.startswith("Sara Colonnella: in servizio dal 01/07/2024, 184 giorni su 366: ")
    assert message.endswith("se € 6.000,00 è quella dell'anno intero, per 184 giorni è € 3.016,39")


def test_one_message_per_cell_where_the_national_range_speaks(ciclope_ente, tmp_path):
    """Funzioni Locali 2024: 5.000–18.000 € a year, for 182 days 5000 × 182 / 366 = 2486.34 and 18000 × 182 / 366 =
    8950.82. E1's 10.000,00 is out of it: the contract's error alone; E2's 8.000,00 is within it, the contract says
    nothing, and the warning gives 8000 × 182 / 366 = 1456000 / 366 = 3978.1420… → 3978.14."""
    files = case(
        "po",
        "E1,Anna Verdone,po,D,com,1,0,false,SEG,,30/06/2024,10000.00,,30/06/2024",  # row 3
        "E2,Bruno Cerasi,po,D,com,1,0,false,SEG,,30/06/2024,8000.00,,30/06/2024",  # row 4
        "E3,Carla Fiumara,po,D,com,1,0,false,SEG,,,9000.00,,",  # the whole year: nothing to say
    )
    result = run_declared(ciclope_ente, tmp_path, regulation('"po"', 'comparto = "funzioni_locali"'), files)
    national = [(p.row, p.column) for p in result.violations if p.rule == "ccnl.eq_pay.range"]
    assert national == [(3, "position_pay")]
    [(row, _, message)] = warnings(result)
    assert row == 4 and message.endswith("per 182 giorni è € 3.978,14")


PART = """\
formato = 2
[atto]
titolo = "Criteri della retribuzione di risultato dei dirigenti"
tipo_ente = "altro"
comparto = "altro"

[[premi]]
nome = "risultato"
metodo = "formula"
fondo = "risultato"
ruoli = ["dirigente"]
importo = "{amount}"
fonte = "art. 4"
"""

FUND = """
[[fondi]]
nome = "risultato"
importo = "=20000 € - SOMMA.ENTE(retribuzione_posizione)"
fonte = "art. 3"
"""


def test_a_part_of_the_premium_reading_the_position_pay_warns_of_a_part_year(ciclope_ente, tmp_path):
    """A dirigenti's result pay written as a part, «30% of the position pay»: D2, gone on 30/06/2024 and written with
    6.000,00, gets the same warning as under [risultato_po] (6000 × 182 / 366 = 2983.61, as above); D1, in service
    the whole year, none."""
    files = case(
        "dirigente",
        "D1,Ettore Pallini,dirigente,,com,1,0,false,SEG,,,12000.00,,",
        "D2,Paolo Ianni,dirigente,,com,1,0,false,SEG,,30/06/2024,6000.00,,30/06/2024",  # row 4
    )
    reg = PART.replace("{amount}", "=retribuzione_posizione * 30%")
    result = run_declared(ciclope_ente, tmp_path, reg, files)
    [(row, column, message)] = warnings(result)
    assert (row, column) == (4, "position_pay")
    assert message.endswith("se € 6.000,00 è quella dell'anno intero, per 182 giorni è € 2.983,61")
    [problem] = [p for p in result.violations if p.rule == RULE]
    assert problem.source.endswith("art. 4")


def test_a_fund_summing_the_position_pay_warns_once_per_person(ciclope_ente, tmp_path):
    """The fund «20.000 € less the position pay» reads everyone's, the part a flat amount reads none: D2 hired on
    01/07/2024 with 6.000,00 is warned once, cited to the fund (6000 × 184 / 366 = 3016.39)."""
    files = case(
        "dirigente",
        "D1,Ettore Pallini,dirigente,,com,1,0,false,SEG,,,12000.00,,",
        "D2,Sara Colonnella,dirigente,,com,1,0,false,SEG,01/07/2024,,6000.00,,",
    )
    files["ente.toml"] = 'name = "Istituto"\n'  # the fund is the regulation's, not ente.toml's
    reg = PART.replace("{amount}", "=1000 €") + FUND
    result = run_declared(ciclope_ente, tmp_path, reg, files)
    [(row, _, message)] = warnings(result)
    assert row == 4 and message.endswith("per 184 giorni è € 3.016,39")
    [problem] = [p for p in result.violations if p.rule == RULE]
    assert problem.source.endswith("art. 3")


def test_a_part_that_does_not_read_the_position_pay_says_nothing_of_it(ciclope_ente, tmp_path):
    files = case(
        "dirigente",
        "D1,Ettore Pallini,dirigente,,com,1,0,false,SEG,,,12000.00,,",
        "D2,Paolo Ianni,dirigente,,com,1,0,false,SEG,,30/06/2024,6000.00,,30/06/2024",
    )
    result = run_declared(ciclope_ente, tmp_path, PART.replace("{amount}", "=1000 € * punteggio / 100"), files)
    assert warnings(result) == []
    assert not [p for p in result.violations if p.severity == "error"]


def test_a_figure_already_prorated_from_a_whole_annual_amount_is_not_warned(ciclope_ente, tmp_path):
    files = case(
        "dirigente",
        "D1,Ettore Pallini,dirigente,,com,1,0,false,SEG,,,12000.00,,",
        # 184 days of 366 (from 1 July): 6.000,00 × 184 / 366 = 3.016,3934… → 3.016,39, the figure of the days
        "D2,Sara Colonnella,dirigente,,com,1,0,false,SEG,01/07/2024,,3016.39,,",
        # 3.016,40 is no whole-euro year's 184 days (3.016,40 × 366 / 184 = 6.000,0130… → 6.000, whose days are
        # 3.016,39): still warned, with its figure for the days, 3.016,40 × 184 / 366 = 1.516,4415… → 1.516,44
        "D3,Rita Lenti,dirigente,,com,1,0,false,SEG,01/07/2024,,3016.40,,",
    )
    result = run_declared(ciclope_ente, tmp_path, regulation('"dirigente"'), files)
    [(row, _, message)] = warnings(result)
    assert row == 5
    assert message.endswith("se € 3.016,40 è quella dell'anno intero, per 184 giorni è € 1.516,44")
