"""tempo_parziale.csv (the sheet «tempo parziale» of ente.xlsx): a part-time that changes in the year, a row per person
and period. The year's share of time is the mean of the periods' by their days of service, people.csv's for the days
no period covers (D.Lgs. 81/2015 art. 7 c. 1, a reading); every premium reads it, the explanation and the scheda say
where it comes from, next year's model starts from the share of the year's last day. Every value by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import load_workbook

from ciclope.core.inputs import parttime
from ciclope.core.inputs.loading import load_ente
from ciclope.core.model import Person, TimePeriod, TimeShare
from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain
from ciclope.core.schede import content
from ciclope.core.testing import write_ente

from helpers import PROPORTIONAL, amounts, next_year, one_unit_comune, run_declared

STAFF = ["A,Anna Riva,dipendente,C,com,1,0,false,SEG", "B,Bruno Sala,dipendente,C,com,1,0,false,SEG"]
CARDS = ["A,SEG,scheda,Valutazione,100,90,", "B,SEG,scheda,Valutazione,100,90,"]
HALF = "persona,dal,al,quota_tempo\nA,01/07/2024,31/12/2024,50%\n"


def comune(periods: str = HALF, fund: str = "1280.00") -> dict[str, str]:
    data = one_unit_comune("Comune di Prova", STAFF, CARDS, f'[fondi]\nperformance_individuale = "{fund}"\n')
    data["tempo_parziale.csv"] = periods
    return data


def test_half_time_from_july_is_the_mean_of_the_year_and_pays_so(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PROPORTIONAL, comune())
    # 2024: 1/1–30/6 is 182 days at 100%, 1/7–31/12 184 days at 50%: (182 + 92) / 366 = 274 / 366
    assert result.ente.people["A"].fte == Decimal(274) / Decimal(366)
    # weights 90 × 274/366 and 90: A takes 274 / (274 + 366) = 274/640 of 1.280 = 548,00, B 366/640 = 732,00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "548.00", "B": "732.00"}
    said = explain(result, "person", "A")
    assert (
        "  • tempo lavorato = 74,8633…%   ← people.csv, riga 3, colonna quota_tempo, e tempo_parziale.csv, riga 2: 50% "
        "dal 01/07/2024 al 31/12/2024; in media sui giorni di servizio: (100% × 182 + 50% × 184) / 366\n"
    ) in said
    head = {line.label: line.value for line in content.build(result, "A").about}
    assert head["Tempo lavorato"] == (
        "74,8633…% (50% dal 01/07/2024 al 31/12/2024, 100% negli altri 182 giorni; in media sui giorni di servizio: "
        "(100% × 182 + 50% × 184) / 366)"
    )
    assert result.ente.people["B"].fte == 1 and "tempo_parziale" not in explain(result, "person", "B")


def test_the_days_of_service_only_count():
    # hired 1/4/2024: 1/4–31/12 is 275 days of service; 50% from 1/7 (184 days), 100% the other 91:
    # (91 + 92) / 275 = 183 / 275
    person = Person("A", "Anna", "dipendente", "C", "com", extra={"assunzione": dt.date(2024, 4, 1)})
    assert parttime.service(person, 2024) == (dt.date(2024, 4, 1), dt.date(2024, 12, 31))
    half = TimePeriod("A", dt.date(2024, 7, 1), dt.date(2024, 12, 31), Decimal("0.5"), days=184)
    assert parttime.mean(TimeShare(Decimal(1), 275, (half,))) == Decimal(183) / Decimal(275)


def problems(tmp_path, data: dict[str, str]) -> list[tuple[str, int | None, str, str]]:
    try:
        ente = load_ente(write_ente(tmp_path / "ente", data), "com", 2024)
    except CiclopeError as e:
        found = e.problems
    else:
        found = list(ente.notes)
    return [(p.file, p.row, p.column, p.message) for p in found if p.rule != "core.input.dialect"]


def test_every_wrong_row_is_said_at_once(tmp_path):
    rows = "\n".join(
        [
            "persona,dal,al,quota_tempo",
            "X,01/01/2024,30/06/2024,50%",  # row 2: nobody
            "A,01/01/2023,30/06/2024,50%",  # row 3: begins in 2023
            "B,01/01/2024,30/06/2024,50%",  # row 4
            "B,01/06/2024,31/12/2024,80%",  # row 5: overlaps row 4 in June
        ]
    )
    assert problems(tmp_path, comune(rows + "\n")) == [
        ("tempo_parziale.csv", 2, "persona", "persona «X» inesistente: scrivi il codice di una persona di people.csv"),
        (
            "tempo_parziale.csv",
            3,
            "dal",
            "data 01/01/2023 fuori dall'anno del ciclo (2024): il periodo di tempo parziale è una parte del 2024; "
            "scrivi una data dal 01/01/2024 al 31/12/2024",
        ),
        (
            "tempo_parziale.csv",
            5,
            "dal",
            "il periodo dal 01/06/2024 di Bruno Sala (B) si sovrappone a quello della riga 4 (fino al 30/06/2024): "
            "ogni giorno ha una sola quota di tempo; correggi le date",
        ),
    ]


def test_next_year_starts_from_the_share_of_the_last_day(tmp_path):
    folder = next_year(tmp_path, PROPORTIONAL, comune())
    wb = load_workbook(folder / "comune" / "ente.xlsx", read_only=True)
    rows = list(wb["persone"].iter_rows(values_only=True))
    at = rows[0].index("quota_tempo")
    # A worked 50% on 31/12/2024: 2025 starts at 50%, not at the 2024 mean 74,86%
    assert {r[0]: r[at] for r in rows[1:] if r[0]} == {"SEG": 1, "A": Decimal("0.5"), "B": 1}
