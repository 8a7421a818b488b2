"""valutatori.csv (the sheet «valutatori» of ente.xlsx): who is evaluated by more than one evaluator in the year, a
row per person and evaluator of a part of it (rules/core.md §3). Every problem of its rows is listed at once, naming
file, row and column; a card's row of such a person names one of the person's evaluators."""

from __future__ import annotations

import datetime as dt

import pytest

from ciclope.core.inputs.loading import load_ente
from ciclope.core.problems import CiclopeError
from ciclope.core.testing import write_ente

from helpers import TRANSFER_CARDS, TRANSFER_STAFF, as_xlsx, one_unit_comune

STAFF = [*TRANSFER_STAFF, "P2,Luca Bruni,dipendente,C,com,1,0,false,D1"]
CARDS = [*TRANSFER_CARDS, "P2,D1,Scheda,Risultati,60,54,"]
HEADER = "persona,valutatore,dal,al"


def comune(periods: list[str], cards: list[str] = CARDS) -> dict[str, str]:
    toml = '[funds]\nperformance_individuale = "1000.00"\n[valutatori]\nOIV = "Nucleo di valutazione"\n'
    data = one_unit_comune("Comune di Prova", STAFF, cards, toml)
    data["valutatori.csv"] = "\n".join([HEADER, *periods]) + "\n"
    return data


def problems(tmp_path, data: dict[str, str]) -> list[tuple[str, str, int | None, str, str]]:
    folder = write_ente(tmp_path / "ente", data)
    try:
        ente = load_ente(folder, "com", 2024)
    except CiclopeError as e:
        found = e.problems
    else:
        found = list(ente.notes)
    return [(p.severity, p.file, p.row, p.column, p.message) for p in found if p.rule != "core.input.dialect"]


def test_the_dates_read_as_every_date_column_and_each_card_gets_its_period(tmp_path):
    # 1/1–30/6/2024: 31 + 29 + 31 + 30 + 31 + 30 = 182 days; 1/7–31/12/2024: 31 + 31 + 30 + 31 + 30 + 31 = 184
    data = comune(["P1,D1,01/01/2024,30.6.2024", "P1,D2,2024-07-01,31/12/2024"])
    ente = load_ente(write_ente(tmp_path / "ente", data), "com", 2024)
    periods = ente.periods["P1"]
    assert [(p.evaluator, p.start, p.end, p.days, p.said) for p in periods] == [
        ("D1", dt.date(2024, 1, 1), dt.date(2024, 6, 30), 182, "Anna Russo (D1)"),
        ("D2", dt.date(2024, 7, 1), dt.date(2024, 12, 31), 184, "Ciro Esposito (D2)"),
    ]
    assert [(i.evaluator, i.period.days if i.period else None) for i in ente.cards_view()["P1"]] == [
        ("D1", 182),
        ("D1", 182),
        ("D2", 184),
        ("D2", 184),
    ]
    assert "P2" not in ente.periods and ente.cards_view()["P2"][0].periods == ()


def test_every_wrong_row_is_said_at_once(tmp_path):
    rows = [
        "P9,D1,01/01/2024,30/06/2024",  # row 2: nobody
        "P1,XX,01/07/2024,31/12/2024",  # row 3: no evaluator
        "P1,P1,01/01/2024,30/06/2024",  # row 4: herself
        "P1,D1,01/01/2023,31/01/2025",  # row 5: outside 2024, twice
        "P1,D2,01/07/2024,30/06/2024",  # row 6: ends before it starts
    ]
    assert problems(tmp_path, comune(rows)) == [
        (
            "error",
            "valutatori.csv",
            2,
            "persona",
            "persona «P9» inesistente: scrivi il codice di una persona di people.csv",
        ),
        (
            "error",
            "valutatori.csv",
            3,
            "valutatore",
            "valutatore «XX» inesistente: né una persona dell'ente né un valutatore esterno di ente.toml [valutatori]; "
            "scrivi il codice di una persona di people.csv o dichiaralo in [valutatori] di ente.toml",
        ),
        (
            "error",
            "valutatori.csv",
            4,
            "valutatore",
            "Paola Neri (P1) è indicato come valutatore di sé stesso: scrivi chi lo valuta nel periodo (il superiore o "
            "un valutatore esterno di [valutatori])",
        ),
        (
            "error",
            "valutatori.csv",
            5,
            "dal",
            "data 01/01/2023 fuori dall'anno del ciclo (2024): il periodo di un valutatore è una parte del 2024; "
            "scrivi una data dal 01/01/2024 al 31/12/2024",
        ),
        (
            "error",
            "valutatori.csv",
            5,
            "al",
            "data 31/01/2025 fuori dall'anno del ciclo (2024): il periodo di un valutatore è una parte del 2024; "
            "scrivi una data dal 01/01/2024 al 31/12/2024",
        ),
        (
            "error",
            "valutatori.csv",
            6,
            "al",
            "il periodo finisce (30/06/2024) prima di cominciare (01/07/2024): scrivi nella colonna dal il primo "
            "giorno e nella colonna al l'ultimo",
        ),
    ]


def test_two_periods_of_one_person_overlapping_and_one_evaluator_twice(tmp_path):
    # D2 from 30/6 overlaps D1 up to 30/6 (the day 30/6 twice); D1 again from 1/11 overlaps D2 up to 31/12
    rows = ["P1,D1,01/01/2024,30/06/2024", "P1,D2,30/06/2024,31/12/2024", "P1,D1,01/11/2024,31/12/2024"]
    found = [(row, column, message) for _, _, row, column, message in problems(tmp_path, comune(rows))]
    assert found == [
        (
            3,
            "dal",
            "il periodo di Ciro Esposito (D2), dal 30/06/2024, si sovrappone a quello di Anna Russo (D1), fino al "
            "30/06/2024 (riga 2), per Paola Neri (P1): un giorno è di un solo valutatore; correggi le colonne dal o al",
        ),
        (
            4,
            "valutatore",
            "Anna Russo (D1) è già valutatore di Paola Neri (P1) alla riga 2: una riga per valutatore; se valuta due "
            "periodi separati, la sua scheda è una sola: scrivi un solo periodo",
        ),
        (
            4,
            "dal",
            "il periodo di Anna Russo (D1), dal 01/11/2024, si sovrappone a quello di Ciro Esposito (D2), fino al "
            "31/12/2024 (riga 3), per Paola Neri (P1): un giorno è di un solo valutatore; correggi le colonne dal o al",
        ),
    ]


def test_a_person_listed_once_is_a_warning_and_keeps_one_card(tmp_path):
    data = comune(["P1,D1,01/01/2024,30/06/2024", "P1,D2,01/07/2024,31/12/2024", "P2,D1,01/03/2024,31/12/2024"])
    assert problems(tmp_path, data) == [
        (
            "warning",
            "valutatori.csv",
            4,
            "persona",
            "Luca Bruni (P2) ha un solo valutatore in valutatori.csv, che elenca chi è valutato da più valutatori nello "
            "stesso anno: riga non considerata; scrivi D1 nella colonna evaluator di people.csv e togli la riga, o "
            "aggiungi gli altri valutatori dell'anno",
        )
    ]
    ente = load_ente(write_ente(tmp_path / "again", data), "com", 2024)
    assert list(ente.periods) == ["P1"]


def test_a_row_refused_for_its_date_leaves_no_person_with_one_evaluator(tmp_path):
    # row 3 ends in 2025: its one fix is the date. Row 2 alone would read «un solo valutatore» and advise removing
    # the transfer; with a row of the person refused, the person's rows are not judged together
    data = comune(["P1,D1,01/01/2024,30/06/2024", "P1,D2,01/07/2024,31/12/2025"])
    assert problems(tmp_path, data) == [
        (
            "error",
            "valutatori.csv",
            3,
            "al",
            "data 31/12/2025 fuori dall'anno del ciclo (2024): il periodo di un valutatore è una parte del 2024; "
            "scrivi una data dal 01/01/2024 al 31/12/2024",
        )
    ]


def test_a_card_row_names_one_of_the_persons_evaluators(tmp_path):
    cards = [*CARDS]
    cards[3] = "P1,,Scheda,Comportamenti,40,32,"  # row 5: no evaluator
    cards[5] = "P1,SEG,Scheda,Comportamenti,40,36,"  # row 7: not one of hers
    found = problems(tmp_path, comune(["P1,D1,01/01/2024,30/06/2024", "P1,D2,01/07/2024,31/12/2024"], cards))
    tail = (
        ", ma valutatori.csv indica per la persona i valutatori Anna Russo (D1) e Ciro Esposito (D2): scrivi nella "
        "colonna evaluator il codice di chi ha valutato la voce, uno di loro"
    )
    assert found == [
        (
            "error",
            "evaluations.csv",
            5,
            "evaluator",
            "la voce «Comportamenti» della scheda di Paola Neri (P1) non indica il valutatore" + tail,
        ),
        (
            "error",
            "evaluations.csv",
            7,
            "evaluator",
            "la voce «Comportamenti» della scheda di Paola Neri (P1) è del valutatore «SEG»" + tail,
        ),
    ]


def test_an_evaluator_without_rows_leaves_the_person_unevaluated(tmp_path):
    # hired in March: the periods need not cover the year; the OIV wrote no row for Luca Bruni
    data = comune(["P2,D1,01/03/2024,30/06/2024", "P2,OIV,01/07/2024,31/12/2024"])
    assert problems(tmp_path, data) == [
        (
            "warning",
            "valutatori.csv",
            3,
            "valutatore",
            # «la persona … valutata»: never «non è valutato» of a woman (an agreement the name cannot give)
            "manca la scheda di Nucleo di valutazione (OIV) per Luca Bruni (P2) (dal 01/07/2024 al 31/12/2024): senza, "
            "la persona non è valutata, come chi non ha una scheda; aggiungi a evaluations.csv le sue voci con OIV "
            "nella colonna evaluator",
        )
    ]


@pytest.mark.parametrize("title", ["valutatori", "Valutatori"])
def test_the_sheet_valutatori_of_the_workbook(tmp_path, title):
    data = comune(["P1,D1,01/01/2024,30/06/2024", "P1,D2,01/07/2024,31/12/2024"])
    data[f"{title}.csv"] = data.pop("valutatori.csv")
    folder = as_xlsx(write_ente(tmp_path / "csv", data), tmp_path / "xlsx")
    ente = load_ente(folder, "com", 2024)
    assert [(p.evaluator, p.days, p.row) for p in ente.periods["P1"]] == [("D1", 182, 2), ("D2", 184, 3)]
    assert ente.file_of("evaluator_periods") == f"ente.xlsx[{title}]"


def test_a_card_still_to_collect_is_no_missing_card_in_july(tmp_path):
    # D2 evaluates P1 from 1/7: in July (--until monitoraggio, raccolta crea: the cards are still being collected)
    # D2's card is not missing yet; at the evaluation it is, a warning that names D2 and the period
    data = comune(
        ["P1,D1,01/01/2024,30/06/2024", "P1,D2,01/07/2024,31/12/2024"], [c for c in CARDS if not c.startswith("P1,D2")]
    )
    folder = write_ente(tmp_path / "ente", data)
    july = load_ente(folder, "com", 2024, collecting=True)
    assert [p.message for p in july.notes if p.rule == "core.periods.card_missing"] == []
    later = load_ente(folder, "com", 2024)
    (missing,) = [p for p in later.notes if p.rule == "core.periods.card_missing"]
    assert missing.message.startswith(
        "manca la scheda di Ciro Esposito (D2) per Paola Neri (P1) (dal 01/07/2024 al 31/12/2024)"
    )
