"""A fund too small for what the regulation pays from it is a warning where the office writes that fund: the row of
the fondo sheet that destines it (its ``importo``), or the [fondi] key of ente.toml when the office types it. The
result pay by formula, the interims taken out of the result fund and the weighting of the positions, each on the
small ente of its own tests (the amounts by hand are there); and a result fund given beside weighted positions (it
would not be used), an error where it is given."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_regolamento_formulas import interim_ente
from test_regolamento_positions import HEAD as POSITIONS_HEAD
from test_regolamento_positions import POSITIONS, POSITIONS_CSV
from test_regolamento_positions import ente as positions_ente
from test_regolamento_result_formula import FORMULA, ROUND, staff

from helpers import run_declared

# the sheet row of the destination below (the header is row 1), and the column the office changes
AT_DESTINATION = "fondo.csv:3:importo"


def destined(fund: str, amount: str) -> str:
    """A fondo sheet whose second data row destines ``amount`` to the regulation's fund ``fund``."""
    return (
        "voce,importo,numero,data,uso,fondo_premi,atto\n"
        "unico_importo_2017,100000.00,,,,,\n"
        f"destinazione,{amount},,,performance_individuale,{fund},CCDI 2024 art. 5\n"
    )


def in_fondo(regulation: str) -> str:
    """The regulation under the comparto Funzioni Locali, whose national layer reads the fondo sheet."""
    assert regulation.count('tipo_ente = "comune"\n') == 1
    return regulation.replace('tipo_ente = "comune"\n', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"\n')


def where(result, rule: str) -> list[str]:
    return [p.where for p in result.violations if p.rule == rule]


@pytest.mark.parametrize(("typed", "named"), [(False, AT_DESTINATION), (True, "ente.toml:funds.risultato_po")])
def test_a_result_fund_short_of_the_result_pay_is_named_where_the_office_writes_it(
    ciclope_ente, tmp_path, typed, named
):
    # the fund of test_a_fund_too_small_is_split_in_proportion_with_a_warning, 8,550.00 for 17,100.00 due: exactly
    # half, 9,500.00 / 2 = 4,750.00, 4,800.00 / 2 = 2,400.00, 2,800.00 / 2 = 1,400.00, wherever the fund is written
    if typed:
        result = run_declared(ciclope_ente, tmp_path, FORMULA, staff(ROUND, 'risultato_po = "8550.00"'))
    else:
        files = {**staff(ROUND), "fondo.csv": destined("risultato_po", "8550.00")}
        result = run_declared(ciclope_ente, tmp_path, in_fondo(FORMULA), files)
    assert where(result, "regolamento.fondo_insufficiente") == [named]
    paid = {k: str(a.amount) for k, a in result.rewards.awards.items()}
    assert paid == {"D1": "4750.00", "D2": "2400.00", "D3": "1400.00"}


@pytest.mark.parametrize(("typed", "named"), [(False, AT_DESTINATION), (True, "ente.toml:funds.posizioni_po")])
def test_a_position_fund_below_the_minimums_is_named_where_the_office_writes_it(ciclope_ente, tmp_path, typed, named):
    # 16,000.00 − 15% = 13,600.00 < 3 × 5,000.00, as in test_a_fund_below_the_minimums_pays_no_position
    people = [("PO1", "po", 90, "false")]
    if typed:
        files = positions_ente(people, 'posizioni_po = "16000.00"', **{"positions.csv": POSITIONS_CSV})
        result = run_declared(ciclope_ente, tmp_path, POSITIONS_HEAD + POSITIONS, files)
    else:
        more = {"positions.csv": POSITIONS_CSV, "fondo.csv": destined("posizioni_po", "16000.00")}
        result = run_declared(
            ciclope_ente, tmp_path, in_fondo(POSITIONS_HEAD) + POSITIONS, positions_ente(people, "", **more)
        )
    assert where(result, "regolamento.posizioni_fondo") == [named]
    assert result.rewards.pools["posizioni_po"].distributed == Decimal("0.00")


@pytest.mark.parametrize(("typed", "named"), [(False, AT_DESTINATION), (True, "ente.toml:funds.posizioni_po")])
def test_interims_past_the_result_fund_are_named_where_the_position_fund_is_written(
    ciclope_ente, tmp_path, typed, named
):
    # test_interims_past_the_result_fund_are_not_paid: 1% × 40,000.00 = 400.00 of result pay, below the interim. The
    # result fund is a share of the position fund: the office raises that fund (or quota_risultato), never a
    # risultato_po it does not write
    text, data = interim_ente("PO1", "", [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")], quota="0.01")
    if not typed:
        data["ente.toml"] = data["ente.toml"].replace('posizioni_po = "40000.00"', "")
        data["fondo.csv"] = destined("posizioni_po", "40000.00")
        text = in_fondo(text)
    result = run_declared(ciclope_ente, tmp_path, text, data)
    assert where(result, "regolamento.interim_fondo") == [named]
    assert result.rewards.pools["risultato_po"].amount == Decimal("400.00")


@pytest.mark.parametrize(
    ("typed", "named", "remove"),
    [
        (False, "fondo.csv:4:fondo_premi", "togli risultato_po dalla colonna fondo_premi"),
        (True, "ente.toml:funds.risultato_po", "togli risultato_po da [fondi]"),
    ],
)
def test_a_result_fund_given_beside_weighted_positions_is_named_where_it_is_given(
    ciclope_ente, tmp_path, typed, named, remove
):
    # with [posizioni] the result fund is the quota_risultato of the position fund: one the office gives as well
    # would not be used, an error at the key or at the fondo sheet's row that destines it (row 4: its third data row)
    people = [("PO1", "po", 90, "false"), ("PO2", "po", 80, "false")]
    if typed:
        files = positions_ente(
            people, 'posizioni_po = "40000.00"\nrisultato_po = "500.00"', **{"positions.csv": POSITIONS_CSV}
        )
        result = run_declared(ciclope_ente, tmp_path, POSITIONS_HEAD + POSITIONS, files)
    else:
        sheet = (
            destined("posizioni_po", "40000.00") + "destinazione,500.00,,,performance_organizzativa,risultato_po,CCDI\n"
        )
        more = {"positions.csv": POSITIONS_CSV, "fondo.csv": sheet}
        result = run_declared(
            ciclope_ente, tmp_path, in_fondo(POSITIONS_HEAD) + POSITIONS, positions_ente(people, "", **more)
        )
    (error,) = [p for p in result.violations if p.rule == "regolamento.posizioni_fondo"]
    assert (error.severity, error.where) == ("error", named)
    assert "la quota_risultato del fondo posizioni_po" in error.message and remove in error.message
