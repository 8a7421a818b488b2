"""More days of absence than the cycle's year has is an error at the cell that says them: never read as written
(a reduction by absences would take the whole premium) nor cut to the year (nothing a user wrote is changed)."""

from __future__ import annotations

from helpers import one_unit_comune


def comune(days: list[str]) -> dict[str, str]:
    people = [f"P{i},Persona {i},dipendente,C,com,1,{d},false,SEG" for i, d in enumerate(days, 1)]
    cards = [f"P{i},SEG,scheda,Valutazione complessiva,100,80," for i in range(1, len(days) + 1)]
    return one_unit_comune("Comune di Esempio", people, cards, '[funds]\nperformance_individuale = "1000.00"\n')


def absence_errors(result) -> list[tuple[str, str, str]]:
    found = [v for v in result.violations if v.rule == "core.people.absence_days"]
    return [(v.severity, v.where, v.message) for v in found]


def test_more_absences_than_a_leap_year_has(ciclope_ente):
    # 2024 has 366 days: 366 is possible, 366,5 and 400 are not; the Segretario is row 2, P1 row 3
    result = ciclope_ente("regolamento", comune(["366", "366.5", "400"]), year=2024)
    assert absence_errors(result) == [
        (
            "error",
            "people.csv:4:absence_days",
            "P2: 366,5 giorni di assenza, più dei 366 giorni del 2024; scrivi i giorni di assenza dell'anno del ciclo",
        ),
        (
            "error",
            "people.csv:5:absence_days",
            "P3: 400 giorni di assenza, più dei 366 giorni del 2024; scrivi i giorni di assenza dell'anno del ciclo",
        ),
    ]


def test_a_common_year_has_365_days(ciclope_ente):
    # 2023: 365 is possible, 366 is not
    result = ciclope_ente("regolamento", comune(["365", "366"]), year=2023)
    assert [where for _, where, _ in absence_errors(result)] == ["people.csv:4:absence_days"]
