"""``MESI(giorni)``: the premium in proportion to the months of service, a fraction of a month counted whole from so
many days — «la frazione di mese superiore a 15 giorni è considerata mese intero», as many regulations of enti say
of who joins or leaves in the year. Every amount by hand, with the arithmetic beside it (a 2024 cycle, leap year)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.compile.env import months_in_service
from ciclope.plugins.regolamento.read.load import load

from helpers import ROOT, STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

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
    year = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert months_in_service(person, whole_from, year) == months


@pytest.mark.parametrize(
    ("start", "end", "period", "months"),
    [
        (None, None, ((2024, 4, 1), (2024, 6, 30)), 3),  # the second quarter, all of it
        (dt.date(2024, 4, 15), None, ((2024, 4, 1), (2024, 6, 30)), 3),  # April 15–30 is 16 days: April counts
        (dt.date(2024, 4, 17), None, ((2024, 4, 1), (2024, 6, 30)), 2),  # April 17–30, 14 days: May and June only
        (None, dt.date(2024, 5, 15), ((2024, 4, 1), (2024, 6, 30)), 1),  # April; May 1–15 is 15 days; no June
        (None, None, ((2024, 4, 15), (2024, 6, 30)), 3),  # the period cuts April: its 16 days, all in service
        (dt.date(2024, 4, 20), None, ((2024, 4, 15), (2024, 6, 30)), 2),  # 11 of April's 16 days in the period
        (None, None, ((2024, 7, 1), (2025, 6, 30)), 12),  # July to June, across two years
        (dt.date(2024, 1, 1), dt.date(2024, 3, 31), ((2024, 4, 1), (2024, 6, 30)), 0),  # gone before the quarter
    ],
)
def test_months_of_a_period_by_hand(start, end, period, months):
    from ciclope.core import Person

    extra = {k: v for k, v in (("assunzione", start), ("cessazione", end)) if v is not None}
    person = Person(id="P", name="P", role="dipendente", category="C", unit="u", extra=extra)
    first, last = (dt.date(*day) for day in period)
    assert months_in_service(person, 16, (first, last)) == months


def test_months_are_said_and_checked(tmp_path):
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "mesi.toml"
    path.write_text(MONTHS, "utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    assert "i mesi di servizio nell'anno (un mese conta da 16 giorni di servizio)" in render(regulation)
    # MESI counts from days alone: a bare number is days, and the sentence says them so, never «da 16 di servizio»
    bare = regulation_text(tmp_path, MONTHS.replace("MESI(16 giorni)", "MESI(16)"))
    assert "i mesi di servizio nell'anno (un mese conta da 16 giorni di servizio)" in bare
    assert "un mese conta da 1 giorno di servizio" in regulation_text(
        tmp_path, MONTHS.replace("MESI(16 giorni)", "MESI(1)")
    )
    for wrong in ("MESI(0)", "MESI(32)", "MESI(16 €)", "MESI(15,5 giorni)", "MESI(assenze)"):
        problems = regulation_problems(tmp_path, MONTHS.replace("MESI(16 giorni)", wrong))
        assert any("MESI vuole i giorni di servizio da cui un mese conta intero" in p for p in problems), wrong
    for wrong in ("MESI()", 'MESI(16 giorni; "01/04")', 'MESI(16 giorni; "01/04"; "30/06"; "31/12")'):
        problems = regulation_problems(tmp_path, MONTHS.replace("MESI(16 giorni)", wrong))
        assert any("MESI vuole i giorni da cui un mese conta e, per un periodo, il primo" in p for p in problems), wrong
    wrong_days = {
        'MESI(16 giorni; "30/06"; "01/04")': "MESI: il periodo finisce (01/04) prima di iniziare (30/06)",
        'MESI(16 giorni; "31/02"; "30/06")': "MESI: «31/02» non è un giorno dell'anno",
        'MESI(16 giorni; 1; "30/06")': "MESI vuole i giorni del periodo tra virgolette",
    }
    for wrong, said in wrong_days.items():
        problems = regulation_problems(tmp_path, MONTHS.replace("MESI(16 giorni)", wrong))
        assert any(said in p for p in problems), (wrong, problems)
    # a period of two whole dates, or ending at an act's date, is read; the act's date is known when the ente runs
    for right in ('MESI(16 giorni; "01/07/2024"; "30/06/2025")', 'MESI(16 giorni; "01/04"; "fine_progetto")'):
        assert regulation_problems(tmp_path, MONTHS.replace("MESI(16 giorni)", right)) == [], right


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


QUARTER = MONTHS.replace('metodo = "proporzionale"', 'metodo = "formula"').replace(
    "peso = '=MESI(16 giorni)'", "importo = '=300 € * MESI(16 giorni; \"01/04\"; \"30/06\")'"
)


def test_a_quarter_pays_the_months_of_service_in_it(ciclope_ente, tmp_path):
    """«300 euro per ogni mese di servizio del trimestre»: the months of the second quarter, from 16 days each."""
    files = staff()
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",assunzione,cessazione",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",  # all the quarter: 3 months
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-05-10,",  # May 10–31 (22 days) and June: 2 months
        "P3,Carla,dipendente,C,com,1,0,false,SEG,,2024-04-10",  # April 1–10 (10 days): none
        "P4,Dario,dipendente,C,com,1,0,false,SEG,2024-01-01,2024-03-31",  # gone before the quarter
    ]) + "\n"  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, QUARTER, files)
    # 300 × 3 = 900, 300 × 2 = 600; P3 and P4 nothing
    assert amounts(result)["P1"] == "900.00" and amounts(result)["P2"] == "600.00"
    assert amounts(result).get("P3", "0.00") == "0.00" and amounts(result).get("P4", "0.00") == "0.00"
    text = explain(result, "person", "P2")
    assert "  • mesi dal 01/04/2024 al 30/06/2024 (un mese conta da 16 giorni di servizio) = 2\n" in text


def test_a_quarter_is_said_with_its_days(tmp_path):
    from ciclope.plugins.regolamento.say.articles import render

    path = tmp_path / "trimestre.toml"
    path.write_text(QUARTER, "utf-8")
    regulation, found = load(str(path))
    assert list(found) == [] and regulation is not None
    said = "pari a € 300,00 × i mesi dal 01/04 al 30/06 (un mese conta da 16 giorni di servizio) (formula:"
    assert said in render(regulation)


def test_a_period_ending_at_an_act_before_it_starts_is_an_error(ciclope_ente, tmp_path):
    regulation = QUARTER.replace('"30/06"', '"fine_progetto"')
    files = staff()
    files["ente.toml"] += "[approvals]\nfine_progetto = 2024-03-15\n"
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    said = [p.message for p in result.violations if p.severity == "error"]
    # the act's date is known when the ente runs: 15/03/2024, before the period's first day, 01/04/2024
    assert any("il periodo di MESI finisce (15/03/2024) prima di iniziare (01/04/2024)" in m for m in said), said


def test_a_period_ending_at_an_act_counts_to_its_date(ciclope_ente, tmp_path):
    regulation = QUARTER.replace('"30/06"', '"fine_progetto"')
    files = staff()
    files["ente.toml"] += "[approvals]\nfine_progetto = 2024-05-31\n"
    result = run_declared(ciclope_ente, tmp_path, regulation, files)
    # 01/04–31/05: P1 2 months (600), P2 hired 16/03 all of it (600), P3 from 17/03 too (600), P4 gone 29/02: none
    assert amounts(result)["P1"] == amounts(result)["P2"] == amounts(result)["P3"] == "600.00"
    text = explain(result, "person", "P1")
    said = "mesi dal 01/04/2024 alla data dell'atto fine_progetto ([atti] in ente.toml) (un mese conta da 16"
    assert said in text


# --- A person's days: declared columns of dates ------------------------------------------------------------------
# «per ciascun mese di partecipazione al progetto, le frazioni di mese superiori a 15 giorni valgono un mese»: each
# person's period is theirs, two columns of dates, and a month the period cuts counts from 16 of its days in it.
PROJECT = """\
formato = 2
[atto]
titolo = "Premio di partecipazione ai progetti"
tipo_ente = "comune"

[[colonne]]
nome = "inizio_progetto"
tipo = "data"
significato = "il primo giorno nel progetto"
fonte = "art. 9"

[[colonne]]
nome = "fine_progetto"
tipo = "data"
significato = "l'ultimo giorno nel progetto"
fonte = "art. 9"

[[premi]]
nome = "Progetto"
metodo = "formula"
valutazione = false
tempo_parziale = "intero"
fondo = "produttivita"
ammesso = '=IN.SERVIZIO(fine_progetto)'
importo = '=100 € * MESI(16 giorni; inizio_progetto; fine_progetto)'
fonte = "art. 9"
"""


def project_staff(p2_start: str = "17/03/2024") -> dict[str, str]:
    files = one_unit_comune("Comune di Mesi", [], [], '[funds]\nproduttivita = "5000.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",assunzione,cessazione,inizio_progetto,fine_progetto",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,,01/01/2024,31/12/2024",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,,01/01/2024,30/06/2024",
        f"P2,Bruno,dipendente,C,com,1,0,false,SEG,,,{p2_start},15/09/2024",
        "P3,Carla,dipendente,C,com,1,0,false,SEG,,2024-10-31,01/07/2024,30/11/2024",
        "P4,Dario,dipendente,C,com,1,0,false,SEG,,,16/03/2024,15/07/2024",
    ]) + "\n"  # fmt: skip
    return files


def test_a_period_of_each_person_by_two_columns_of_dates(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PROJECT, project_staff())
    # P1 01/01–30/06: 6 months, 600.00. P2 17/03–15/09: March's 15 days (17–31) and September's 15 (1–15) are not
    # 16: April–August, 5 months, 500.00. P3 ceased 31/10, before the project's end (30/11): not in service on it,
    # not admitted. P4 16/03–15/07: March's 16 days count, July's 15 do not: March–June, 4 months, 400.00
    assert amounts(result) == {"P1": "600.00", "P2": "500.00", "P4": "400.00"}
    assert result.figures["ammesso:Progetto:P3"].value is False
    text = explain(result, "person", "P2")
    # the days with their cells (P2 is on row 4 of people.csv: header, SEG, P1, P2) and the months of the period
    assert "  • il primo giorno nel progetto = 17/03/2024   ← people.csv, riga 4, colonna inizio_progetto\n" in text
    assert "  • mesi dal 17/03/2024 al 15/09/2024 (un mese conta da 16 giorni di servizio) = 5\n" in text
    assert (
        "i mesi dal primo giorno nel progetto all'ultimo giorno nel progetto (un mese conta da 16 giorni "
        "di servizio)" in text
    )
    assert "la persona è in servizio all'ultimo giorno nel progetto" in explain(result, "person", "P3")


def test_a_column_of_dates_is_read_as_a_date_and_only_as_a_day(ciclope_ente, tmp_path):
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, PROJECT, project_staff("marzo"))
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.column) == ("people.csv", 4, "inizio_progetto")
    # the examples of the cycle's year, 2024 (run_declared's)
    assert "attesa una data (30/06/2024, 30.6.2024 o 2024-06-30), trovato «marzo»" in problem.message
    # a day is not a number: a sum with it is refused when the file is read, naming the type
    wrong = PROJECT.replace("ammesso = '=IN.SERVIZIO(fine_progetto)'", "ammesso = '=fine_progetto + 1 > 0'")
    problems = regulation_problems(tmp_path, wrong)
    assert any("una data" in p for p in problems), problems


def test_an_empty_day_is_said_with_what_to_write(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, PROJECT, project_staff(""))
    # P2 has no first day in the project: an error naming the cell and what to write, and nothing paid to P2
    assert amounts(result) == {"P1": "600.00", "P2": "0.00", "P4": "400.00"}
    [message] = [p.message for p in result.violations if "inizio_progetto" in p.message]
    assert message == (
        "la colonna «inizio_progetto» (il primo giorno nel progetto) è vuota per Bruno (scrivi la data, es. "
        "30/06/2024): la parte «Progetto», e ogni altra che la legge, non le paga nulla finché la cella è vuota"
    )


# --- The years from a person's date: ANNI ---------------------------------------------------------------------------
# «a parità di punteggio precede il dipendente più anziano d'età»; «un'indennità di 50 € per ogni anno di servizio
# oltre il decimo»: the age and the seniority are the whole years from a date (of birth, of hiring) to 31/12.
SENIORITY = """\
formato = 2
[atto]
titolo = "Indennità di anzianità"
tipo_ente = "comune"

[[colonne]]
nome = "data_nascita"
tipo = "data"
significato = "la data di nascita"
fonte = "art. 3"

[[colonne]]
nome = "data_ingresso"
tipo = "data"
significato = "la data di ingresso nell'ente"
fonte = "art. 3"

[[premi]]
nome = "Anzianità"
metodo = "formula"
valutazione = false
tempo_parziale = "intero"
fondo = "produttivita"
ammesso = '=ANNI(data_nascita) < 67'
importo = '=50 € * MAX(0; ANNI(data_ingresso) - 10)'
fonte = "art. 3"
"""


def seniority_staff() -> dict[str, str]:
    files = one_unit_comune("Comune di Anni", [], [], '[funds]\nproduttivita = "5000.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",data_nascita,data_ingresso",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,01/01/1960,01/01/1990",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,10/05/1970,15/06/2004",
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,31/12/1957,01/03/1990",
        "P3,Carla,dipendente,C,com,1,0,false,SEG,01/01/1990,31/12/2018",
    ]) + "\n"  # fmt: skip
    return files


def test_the_years_from_a_date_to_the_end_of_the_year(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SENIORITY, seniority_staff())
    # 2024: P1 born 10/05/1970 is 54 at 31/12, in the ente since 15/06/2004: 20 years, 50 × (20 − 10) = 500.00.
    # P2 born 31/12/1957 turns 67 on 31/12/2024: not admitted (< 67 is false). P3 since 31/12/2018: 6 years, below
    # ten: 50 × max(0, 6 − 10) = 0.00
    assert amounts(result) == {"P1": "500.00", "P3": "0.00"}
    assert result.figures["ammesso:Anzianità:P2"].value is False
    text = explain(result, "person", "P1")
    assert "  • la data di ingresso nell'ente = 15/06/2004   ← people.csv, riga 3, colonna data_ingresso\n" in text
    assert "  • anni compiuti al 31/12/2024 = 20\n" in text
    said = regulation_text(tmp_path, SENIORITY)
    assert "gli anni compiuti al 31/12 dalla data di ingresso nell'ente" in said


def test_anni_reads_a_column_of_dates(tmp_path):
    wrong = SENIORITY.replace("ANNI(data_ingresso)", 'ANNI("15/06/2004")')
    problems = regulation_problems(tmp_path, wrong)
    assert problems == [
        "riga 25, chiave premi[1].importo: formula «=50 € * MAX(0; ANNI(\"15/06/2004\") - 10)»: ANNI vuole una colonna "
        "di persone.csv di tipo data, dichiarata in [[colonne]]: ANNI(data_nascita)"
    ]


def test_anni_counts_anniversaries_and_the_other_reading_is_the_day_before(ciclope_ente, tmp_path):
    """docs/regolamento.md, «Gli anni da una data»: ANNI counts the anniversaries reached by 31/12, so an entry on
    01/01/2012 has 12 years at 31/12/2024, though it worked 13 whole years (01/01/2012–31/12/2024); a text that counts
    the years worked writes the day before the entry, 31/12/2011, and ANNI gives 13."""
    files = seniority_staff()
    files["people.csv"] += "P4,Dario,dipendente,C,com,1,0,false,SEG,01/01/1980,01/01/2012\n"
    files["people.csv"] += "P5,Elena,dipendente,C,com,1,0,false,SEG,01/01/1980,31/12/2011\n"
    result = run_declared(ciclope_ente, tmp_path, SENIORITY, files)
    # P4: 2024 − 2012 = 12 years, 50 × (12 − 10) = 100.00; P5 (the day before): 2024 − 2011 = 13, 50 × 3 = 150.00
    assert {pid: amounts(result)[pid] for pid in ("P4", "P5")} == {"P4": "100.00", "P5": "150.00"}


def test_the_docs_example_of_anni_declares_its_column(tmp_path):
    """The example of «Gli anni da una data» in docs/regolamento.md reads as a file: its column is declared in
    [[colonne]] with tipo data, and the docs say which years ANNI counts (the anniversaries) and the other reading."""
    docs = (ROOT / "docs" / "regolamento.md").read_text(encoding="utf-8")
    section = docs.split("**Gli anni da una data: l'età, l'anzianità.**", 1)[1].split("\n**", 1)[0]
    found = re.search(r"```toml\n(.*?)```", section, re.S)
    assert found is not None
    head = 'formato = 2\n[atto]\ntitolo = "Progressioni"\ntipo_ente = "comune"\n\n'
    assert regulation_problems(tmp_path, head + found.group(1)) == []
    assert 'tipo = "data"' in found.group(1) and 'a_parita = ["=ANNI(data_nascita)"]' in found.group(1)
    assert "01/01/2012" in section and "giorno prima" in section
