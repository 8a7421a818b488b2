"""A percentage typed in a column that counts something (days, points) is an error at its cell, never read as a
fraction of the unit: «50%» of absence days is not half a day. A share's hint writes its decimal the Italian way."""

from decimal import Decimal

import openpyxl
import pytest

from ciclope.core import cells
from ciclope.core.inputs.loading import load_ente
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import write_ente
from ciclope.core.values import parse_positive_fraction

from helpers import EVALUATIONS, PEOPLE, as_xlsx, files


def _problems(folder):
    with pytest.raises(CiclopeError) as err:
        load_ente(folder, "x", 2021)
    return [(p.file, p.row, p.column, p.message) for p in err.value.problems]


def test_a_percentage_of_absence_days_is_an_error_at_its_cell(tmp_path):
    people = PEOPLE.replace("E1,Emma,dipendente,C,s1,0.5,10,", "E1,Emma,dipendente,C,s1,1,50%,")
    write_ente(tmp_path, files(**{"people.csv": people}))
    ((file, row, column, message),) = _problems(tmp_path)
    assert (file, row, column) == ("people.csv", 4, "absence_days")  # E1 is the third person, row 4 after the header
    assert message == (
        "trovato «50%», una percentuale: giorni_assenza conta i giorni di assenza nell'anno (es. 12 o 2,5), senza "
        "il segno %; la quota del tempo parziale va in quota_tempo; riga di Emma (E1)"
    )


def test_a_cell_excel_shows_as_a_percentage_is_refused_in_the_days_column(tmp_path):
    """The tester's case: 50% typed in giorni_assenza of ente.xlsx is stored 0.5 with a percentage format."""
    write_ente(tmp_path / "csv", files())
    folder = as_xlsx(tmp_path / "csv", tmp_path / "xlsx")
    wb = openpyxl.load_workbook(folder / "ente.xlsx")
    ws = wb["people"]
    ws["G4"] = 0.5  # E1's absence_days (column G), 50% as Excel stores it
    ws["G4"].number_format = "0%"
    wb.save(folder / "ente.xlsx")
    ((file, row, column, message),) = _problems(folder)
    assert (file, row, column) == ("ente.xlsx[people]", 4, "absence_days")
    assert message.startswith("trovato «50%», una percentuale: giorni_assenza conta i giorni di assenza")


@pytest.mark.parametrize(
    "column, cell, said",
    [
        ("max_points", "E1,D1,risultati,Obiettivi,60%,54,", "punti_massimi conta i punti massimi della voce (es. 40)"),
        ("points", "E1,D1,risultati,Obiettivi,60,90%,", "punti conta i punti dati alla voce (es. 32 o 7,5)"),
    ],
)
def test_a_percentage_of_points_is_an_error_at_its_cell(tmp_path, column, cell, said):
    evaluations = EVALUATIONS.replace("E1,D1,risultati,Obiettivi,60,54,", cell)
    write_ente(tmp_path, files(**{"evaluations.csv": evaluations}))
    problems = _problems(tmp_path)
    assert [(f, r, c) for f, r, c, _ in problems] == [("evaluations.csv", 2, column)]
    assert problems[0][3].startswith(
        f"trovato «{cell.split(',')[4 if column == 'max_points' else 5]}», una percentuale: "
    )
    assert said in problems[0][3]


def test_a_percentage_of_new_points_in_an_appeal_is_an_error(tmp_path):
    appeals = "person,stage,date,outcome,new_points_item,new_points\nE1,riesame,2022-03-01,accolto,Obiettivi,80%\n"
    write_ente(tmp_path, files(**{"appeals.csv": appeals}))
    ((file, row, column, message),) = _problems(tmp_path)
    assert (file, row, column) == ("appeals.csv", 2, "new_points")
    assert message.startswith("trovato «80%», una percentuale: ")


def test_a_plugins_columns_of_days_and_points_refuse_a_percentage():
    with pytest.raises(ValueError, match="una percentuale"):
        cells.parse_days("30%")
    with pytest.raises(ValueError, match="una percentuale"):
        cells.parse_points("30%")
    assert cells.parse_days("2,5") == Decimal("2.5") and cells.parse_points("7,5") == Decimal("7.5")
    with pytest.raises(ValueError, match="non negativo"):
        cells.parse_days("-1")


def test_a_share_written_without_its_sign_is_hinted_with_the_italian_decimal():
    with pytest.raises(ValueError) as err:
        parse_positive_fraction("50")
    # 50 / 100 = 0,5: written with the comma, as the header's note «0,5» writes it
    assert str(err.value).endswith("una quota si scrive in percentuale, «50%» (o 0,5)")


def test_a_time_share_written_as_weekly_hours_is_hinted_with_its_share_of_36():
    """I's office wrote 30 for 30 hours a week: told only «30%», it would have paid a fifth of the time it works."""
    with pytest.raises(ValueError) as err:
        parse_positive_fraction("30")
    # 30 / 36 = 0,8333… → 83,33%; the reading as a percentage first, as for any share, then the hours as written
    assert str(err.value).endswith("«30%» (o 0,3); se sono le ore settimanali, scrivi «30/36» (83,33% del tempo pieno)")
    with pytest.raises(ValueError) as err:
        parse_positive_fraction("50")  # no week of part time has 50 hours: the percentage alone
    assert "ore settimanali" not in str(err.value)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        # 83,33% of 36 hours = 29,9988: the 30 hours of a week rounded to a percentage; «83,33%» would move a cent
        # of a premium against 30 ÷ 36, which «30/36» says exactly
        ("83,33", "«83,33%» (o 0,8333); se sono 30 ore su 36, scrivi «30/36», il rapporto esatto"),
        ("66,67", "«66,67%» (o 0,6667); se sono 24 ore su 36, scrivi «24/36», il rapporto esatto"),  # 24,0012 h
        ("84,72", "«84,72%» (o 0,8472); se sono 30,5 ore su 36, scrivi «30,5/36», il rapporto esatto"),  # 30,4992 h
    ],
)
def test_a_rounded_share_of_the_week_without_its_sign_is_hinted_as_hours(written, hint):
    with pytest.raises(ValueError) as err:
        parse_positive_fraction(written)
    assert str(err.value).endswith(hint)


def test_an_exact_or_unrelated_percentage_has_no_hours_hint():
    for written in ("50", "75", "83"):  # 18 and 27 hours are exact at 50% and 75%; 83% is 29,88 hours, no hour
        with pytest.raises(ValueError) as err:
            parse_positive_fraction(written)
        assert "ore su 36" not in str(err.value) and "ore settimanali" not in str(err.value), written
