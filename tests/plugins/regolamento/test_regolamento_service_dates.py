"""The dates of service of people.csv: a span that ends before it starts is an error of its row, said with the dates
as an office writes them; a problem about a data sheet names its column as the sheet's header writes it."""

from __future__ import annotations

from helpers import STAFF_HEADER, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Regolamento del premio"
tipo_ente = "altro"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
rateo_giorni = true
fonte = "art. 6"
"""


def staff(*rows: str, header: str = STAFF_HEADER + ",assunzione,cessazione") -> dict[str, str]:
    files = one_unit_comune("Comune", [], [], '[funds]\nproduttivita = "1000.00"\n')
    segretario = "SEG,Segretario,segretario,DIR,com,1,0,false" + "," * (header.count(",") - 7)
    files["people.csv"] = "\n".join([header, segretario, *rows]) + "\n"
    return files


def errors(result) -> list[tuple]:
    return [(p.rule, p.file, p.row, p.column) for p in result.violations if p.severity == "error"]


def test_a_person_who_leaves_before_being_hired_is_an_error_of_the_row(ciclope_ente, tmp_path):
    files = staff(
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-07-01,2024-03-31",  # row 4: the header, SEG, P1, P2
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    assert errors(result) == [("regolamento.servizio", "people.csv", 4, "cessazione")]
    (problem,) = [p for p in result.violations if p.rule == "regolamento.servizio"]
    # the dates as the office reads them, never 2024-03-31
    assert "P2 cessa il 31/03/2024, prima della data di assunzione (01/07/2024)" in problem.message
    assert "2024-" not in problem.message


def test_hired_and_leaving_on_the_same_day_is_one_day_of_service(ciclope_ente, tmp_path):
    files = staff(
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-07-01,2024-07-01",
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    assert errors(result) == []
    # weights P1 1, P2 1 / 366 (one day of 2024's 366), Σ 367 / 366: P1 1000 × 366 / 367 = 997.2752…, P2 1000 / 367
    # = 2.7247…; cents down 997.27 + 2.72 = 999.99, the cent to the larger remainder, P1's 0.52 of a cent (P2's 0.47)
    awards = {pid: str(a.amount) for pid, a in result.rewards.awards.items()}
    assert awards["P1"] == "997.28" and awards["P2"] == "2.72"


def test_a_problem_names_the_column_as_the_office_wrote_it(ciclope_ente, tmp_path):
    header = (
        "codice,nome,ruolo,categoria,unità,quota_tempo,giorni_assenza,insufficiente,valutatore,assunzione,cessazione"
    )
    files = staff("P1,Anna,dipendente,C,com,1,0,false,SEG,,", header=header)
    files["positions.csv"] = (
        "codice,denominazione,unità,titolare,inizio_incarico,fine_incarico\n"
        "PA,Area amministrativa,com,P1,2024-07-01,2024-03-31\n"
    )
    regulation = REGULATION + (
        '\n[posizioni]\nfondo = "posizioni"\nscala = 5\nminimo = 5000\nmassimo = 16000\nfonte = "art. 9"\n'
        '[[posizioni.criteri]]\ncodice = "A1"\nnome = "complessità"\npeso = 100\n'
    )
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    (problem,) = [p for p in result.violations if p.rule == "regolamento.posizioni_incarico"]
    # the plugin says the column by its code («end»): the office wrote «fine_incarico», and reads that back
    assert (problem.file, problem.row, problem.column) == ("positions.csv", 2, "fine_incarico")
    assert "finisce (31/03/2024) prima di iniziare (01/07/2024)" in problem.message


def test_the_days_in_service_are_explained_down_to_the_dates_cells(ciclope_ente, tmp_path):
    """«giorni di servizio nell'anno = 184» with nothing behind it could not be redone: the dates it counts from are
    inputs of the premium, each with its cell."""
    files = staff(
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-07-01,",  # row 4: from 1 July, 184 days of 2024's 366
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    read = {i.name: (i.value, i.cell) for i in result.figures["award:P2"].inputs}
    assert read["data di assunzione"][1] == "people.csv:4:assunzione"
    assert read["giorni di servizio nell'anno"][0] == 184  # 31 + 31 + 30 + 31 + 30 + 31, July to December
    assert "data di cessazione" not in read  # not written: the year's last day


def test_a_service_wholly_outside_the_year_is_an_error_of_its_cell(ciclope_ente, tmp_path):
    """Hired on 01/04/2025 in a 2024 cycle, the person counted 0 days and stayed in the head counts, scored, their
    premium going to the colleagues, and nothing said so: the date is an error of its cell, with the year."""
    files = staff(
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2025-04-01,",  # row 4: the header, SEG, P1, P2
        "P3,Carla,dipendente,C,com,1,0,false,SEG,,2023-12-31",  # row 5: gone the day before the year began
        "P4,Dario,dipendente,C,com,1,0,false,SEG,2024-12-31,",  # row 6: the year's last day, one day of service
        "P5,Elsa,dipendente,C,com,1,0,false,SEG,,2024-01-01",  # row 7: the year's first day, one day of service
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    assert errors(result) == [
        ("regolamento.servizio", "people.csv", 4, "assunzione"),
        ("regolamento.servizio", "people.csv", 5, "cessazione"),
    ]
    hired, gone = [p.message for p in result.violations if p.rule == "regolamento.servizio"]
    assert hired.startswith(
        "Bruno (P2): data di assunzione 01/04/2025, dopo l'anno del ciclo (2024): nessun giorno di servizio"
    )
    assert gone.startswith(
        "Carla (P3): data di cessazione 31/12/2023, prima dell'anno del ciclo (2024): nessun giorno di servizio"
    )
    assert "correggi la data" in hired and "togli la sua riga" in gone


def test_an_incarico_wholly_outside_the_year_is_an_error_of_its_cell(ciclope_ente, tmp_path):
    """The incarico's dates (a PO / EQ without [posizioni]) are a span as the service is: begun after the year or
    ended before it, it has no day in the year, an error of its cell as the service's."""
    header = STAFF_HEADER + ",assunzione,cessazione,inizio_incarico,fine_incarico"
    files = staff(
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,,,",
        "E1,Bruno,po,D,com,1,0,false,SEG,,,2025-01-01,",  # row 4
        "E2,Carla,po,D,com,1,0,false,SEG,,,,2023-06-30",  # row 5
        "E3,Dario,po,D,com,1,0,false,SEG,,,2024-01-01,2024-12-31",  # row 6: the whole year
        header=header,
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    assert errors(result) == [
        ("regolamento.incarico", "people.csv", 4, "inizio_incarico"),
        ("regolamento.incarico", "people.csv", 5, "fine_incarico"),
    ]
    begun, ended = [p.message for p in result.violations if p.rule == "regolamento.incarico"]
    assert begun.startswith("Bruno (E1): inizio dell'incarico 01/01/2025, dopo l'anno del ciclo (2024)")
    assert ended.startswith("Carla (E2): fine dell'incarico 30/06/2023, prima dell'anno del ciclo (2024)")
