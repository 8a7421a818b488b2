"""``MESI(giorni)``: the premium in proportion to the months of service, a fraction of a month counted whole from so
many days — «la frazione di mese superiore a 15 giorni è considerata mese intero», as many regulations of enti say
of who joins or leaves in the year. Every amount by hand, with the arithmetic beside it (a 2024 cycle, leap year)."""

from __future__ import annotations

import datetime as dt

import pytest

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.compile.env import months_in_service
from ciclope.plugins.regolamento.read.load import load

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, run_declared

MONTHS = """\
formato = 2
[atto]
titolo = "Regolamento del fondo per la produttività"
tipo_ente = "comune"

[[premi]]
nome = "Produttività"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
peso = '=MESI(16 giorni)'
fonte = "art. 8"
"""


def staff() -> dict[str, str]:
    files = one_unit_comune("Comune di Mesi", [], [], '[funds]\nproduttivita = "3300.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",assunzione,cessazione",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",  # all the year: 12 months
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-03-16,",  # 16 days of March (16–31), April–December
        "P3,Carla,dipendente,C,com,1,0,false,SEG,2024-03-17,",  # 15 days of March (17–31), April–December
        "P4,Dario,dipendente,C,com,1,0,false,SEG,,2024-02-29",  # January and all of February (29 days)
    ]) + "\n"  # fmt: skip
    return files


def test_a_month_counts_whole_from_the_days_the_regulation_says(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, MONTHS, staff())
    # months from 16 days: P1 12, P2 1 + 9 = 10, P3 0 + 9 = 9, P4 2; Σ 33 (the Segretario is not of the part's roles)
    # 3300 × 12 / 33 = 1200, × 10 / 33 = 1000, × 9 / 33 = 900, × 2 / 33 = 200
    assert amounts(result) == {"P1": "1200.00", "P2": "1000.00", "P3": "900.00", "P4": "200.00"}
    text = explain(result, "person", "P3")
    assert "  • mesi di servizio nell'anno (un mese conta da 16 giorni di servizio) = 9\n" in text
    # the date the months are counted from, with its cell: P3 is on row 5 of people.csv (header, SEG, P1, P2, P3)
    assert "  • data di assunzione = 17/03/2024   ← people.csv, riga 5, colonna assunzione\n" in text
    assert "«=MESI(16 giorni)» (i mesi di servizio nell'anno (un mese conta da 16 giorni di servizio))" in text


def test_fifteen_days_make_a_month_when_the_regulation_says_so(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, MONTHS.replace("MESI(16 giorni)", "MESI(15)"), staff())
    # months from 15 days: P1 12, P2 10, P3 1 + 9 = 10, P4 2; Σ 34: 3300 × 12 / 34 = 1164.705…, × 10 / 34 = 970.588…
    # (twice), × 2 / 34 = 194.117…: cents down 1164.70 + 970.58 × 2 + 194.11 = 3299.97; the 3 cents to the largest
    # remainders: P2 and P3 (0.82 of a cent each), then P4 (0.76), not P1 (0.59)
    assert amounts(result) == {"P1": "1164.70", "P2": "970.59", "P3": "970.59", "P4": "194.12"}


@pytest.mark.parametrize(
    ("start", "end", "whole_from", "months"),
    [
        (None, None, 16, 12),
        (dt.date(2024, 3, 16), None, 16, 10),  # March 16–31 is 16 days
        (dt.date(2024, 3, 17), None, 16, 9),
        (None, dt.date(2024, 2, 29), 31, 2),  # a February in service all of it counts, even from 31 days
        (None, dt.date(2024, 2, 28), 29, 1),  # 28 of its 29 days: not whole from 29
        (dt.date(2023, 5, 1), dt.date(2023, 12, 31), 16, 0),  # left before the year
        (dt.date(2024, 6, 10), dt.date(2024, 6, 20), 11, 1),  # 11 days of June only
    ],
)
def test_months_in_service_by_hand(start, end, whole_from, months):
    from ciclope.core import Person

    extra = {k: v for k, v in (("assunzione", start), ("cessazione", end)) if v is not None}
    person = Person(id="P", name="P", role="dipendente", category="C", unit="u", extra=extra)
    assert months_in_service(2024, person, whole_from) == months


def test_months_are_said_and_checked(tmp_path):
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "mesi.toml"
    path.write_text(MONTHS, "utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    assert "i mesi di servizio nell'anno (un mese conta da 16 giorni di servizio)" in render(regulation)
    for wrong in ("MESI(0)", "MESI(32)", "MESI(16 €)", "MESI(15,5 giorni)", "MESI(assenze)"):
        problems = regulation_problems(tmp_path, MONTHS.replace("MESI(16 giorni)", wrong))
        assert any("MESI vuole i giorni di servizio da cui un mese conta intero" in p for p in problems), wrong
    assert any(
        "MESI vuole 1 argomenti, ne ha 0" in p for p in regulation_problems(tmp_path, MONTHS.replace("16 giorni", ""))
    )


def test_an_amount_is_said_equal_to_its_formula(tmp_path):
    """«L'importo di ciascuno è pari ai mesi …», never «è i mesi …»: the amount joins the formula's first article."""
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "importo.toml"
    path.write_text(
        MONTHS.replace("peso = '=MESI(16 giorni)'", "importo = '=MESI(16 giorni) * 100 €'").replace(
            'metodo = "proporzionale"', 'metodo = "formula"'
        ),
        "utf-8",
    )
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    assert (
        "L'importo di ciascuno è pari ai mesi di servizio nell'anno (un mese conta da 16 giorni di servizio) × "
        "€ 100,00 (formula: =MESI(16 giorni) * 100 €), arrotondato al centesimo."
    ) in render(regulation)
