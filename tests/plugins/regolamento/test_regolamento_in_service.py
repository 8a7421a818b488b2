"""``IN.SERVIZIO("data")``: whether a person is in service on a day — «il premio è corrisposto al personale in
servizio al 31 dicembre», «a tutti i dipendenti in forza alla data dell'erogazione». Every amount by hand, with the
arithmetic beside it (a 2024 cycle); the fund and the dates are examples."""

from __future__ import annotations

import pytest

from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.expr import BOOL
from ciclope.plugins.regolamento.format.quantities import PLACES
from ciclope.plugins.regolamento.read.formulas import FormulaError, Scope, read

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

AT_YEAR_END = """\
formato = 2
[atto]
titolo = "Regolamento del fondo per la produttività"
tipo_ente = "comune"

[[premi]]
nome = "Produttività"
metodo = "proporzionale"
valutazione = false
fondo = "produttivita"
ammesso = '=IN.SERVIZIO("31/12")'
fonte = "art. 8"
"""


def staff(acts: str = "") -> dict[str, str]:
    files = one_unit_comune("Comune di Servizio", [], [], f'[funds]\nproduttivita = "3000.00"\n{acts}')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",assunzione,cessazione",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",  # all the year, and after
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-12-31,",  # hired on the last day
        "P3,Carla,dipendente,C,com,1,0,false,SEG,,2024-12-30",  # ceased the day before
        "P4,Dario,dipendente,C,com,1,0,false,SEG,,2025-06-30",  # ceases in the next year
    ]) + "\n"  # fmt: skip
    return files


def test_in_service_on_the_last_day_of_the_year(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, AT_YEAR_END, staff())
    # on 31/12/2024: P1 yes, P2 yes (hired that day), P3 no (ceased on the 30th), P4 yes (ceases in 2025);
    # the fund in equal weights among three: 3000 / 3 = 1000.00 each
    assert amounts(result) == {"P1": "1000.00", "P2": "1000.00", "P4": "1000.00"}  # P3 has no award at all
    text = explain(result, "person", "P3")
    assert text is not None
    # why P3 is not paid, with the date that decides it and its cell: row 5 of people.csv (header, SEG, P1, P2, P3)
    assert "la persona è in servizio al 31/12" in text
    assert "data di cessazione = 30/12/2024   ← people.csv, riga 5, colonna cessazione" in text


def test_in_service_on_the_day_the_premiums_are_paid(ciclope_ente, tmp_path):
    """«in forza alla data dell'erogazione»: the date of the act in ente.toml, a year after the cycle's."""
    text = AT_YEAR_END.replace('IN.SERVIZIO("31/12")', 'IN.SERVIZIO("premi_erogati")')
    result = run_declared(ciclope_ente, tmp_path, text, staff("[approvals]\npremi_erogati = 2025-07-15\n"))
    # on 15/07/2025: P1 and P2 yes, P3 no, P4 no (ceased on 30/06/2025): 3000 / 2 = 1500.00 each
    assert amounts(result) == {"P1": "1500.00", "P2": "1500.00"}
    explained = explain(result, "person", "P4")
    assert explained is not None
    assert "data dell'atto premi_erogati = 15/07/2025   ← ente.toml [atti] premi_erogati" in explained


def test_a_whole_date_written_in_the_formula(ciclope_ente, tmp_path):
    text = AT_YEAR_END.replace('"31/12"', '"01/07/2025"')
    result = run_declared(ciclope_ente, tmp_path, text, staff())
    # on 01/07/2025: P4 ceased on 30/06/2025, P3 in 2024: P1 and P2, 1500.00 each
    assert amounts(result) == {"P1": "1500.00", "P2": "1500.00"}


def test_an_act_ente_toml_does_not_date_is_an_error_naming_it(ciclope_ente, tmp_path):
    text = AT_YEAR_END.replace('IN.SERVIZIO("31/12")', 'IN.SERVIZIO("premi_erogati")')
    result = run_declared(ciclope_ente, tmp_path, text, staff())
    messages = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    # never a silent «in service»: an error for each of the four people of the part, and nobody admitted
    assert messages == [
        "parte «Produttività»: la formula «=IN.SERVIZIO(\"premi_erogati\")» legge la data dell'atto «premi_erogati», "
        f"che ente.toml non ha: scrivi [atti] premi_erogati = AAAA-MM-GG per {who}: considerato nulla"
        for who in ("Anna", "Bruno", "Carla", "Dario")
    ]
    assert [a for a in amounts(result).values() if a != "0.00"] == []


@pytest.mark.parametrize(
    "written, problem",
    [
        ("IN.SERVIZIO(31/12)", "IN.SERVIZIO vuole una data o la chiave di un atto tra virgolette, o una colonna di "
         'tipo data: IN.SERVIZIO("31/12"), IN.SERVIZIO("31/07/2025"), IN.SERVIZIO("erogazione") o '
         "IN.SERVIZIO(fine_progetto)"),
        ('IN.SERVIZIO("31/13")', "IN.SERVIZIO: «31/13» non è un giorno dell'anno (GG/MM, es. «31/12»)"),
        ('IN.SERVIZIO("30/02/2025")', "IN.SERVIZIO: «30/02/2025» non è una data GG/MM/AAAA (es. «31/07/2025»)"),
        ('IN.SERVIZIO("31 dicembre")', "IN.SERVIZIO: «31 dicembre» non è una data GG/MM, GG/MM/AAAA né la chiave di "
         "un atto di [atti]"),
    ],
)  # fmt: skip
def test_the_day_is_checked_when_the_file_is_read(tmp_path, written, problem):
    problems = regulation_problems(tmp_path, AT_YEAR_END.replace('IN.SERVIZIO("31/12")', written))
    # line 11 of the file: the «ammesso» of the first part
    assert problems == [f"riga 11, chiave premi[1].ammesso: formula «={written}»: {problem}"]


@pytest.mark.parametrize(
    "place", sorted(name for name, where in PLACES.items() if where.result == BOOL and not where.shared)
)
def test_a_condition_of_the_person_read_wherever_a_condition_is(place):
    """Who takes part, a state, a check, a candidate, the requisiti: each is of one person, who has the dates."""
    written = '=IN.SERVIZIO("31/12")'
    assert read(written, Scope(PLACES[place], levels=("A", "B"))).text == written[1:]


def test_a_check_made_once_for_the_ente_reads_the_dates_inside_a_function_over_people():
    # per = "ente": no one person has the dates; how many are in service on 31/12 is read over them
    scope = Scope(PLACES["controllo_ente"], levels=("A", "B"))
    with pytest.raises(FormulaError) as refused:
        read('=IN.SERVIZIO("31/12")', scope)
    assert "IN.SERVIZIO dice di una persona e si legge dentro una funzione sulle persone" in str(refused.value)
    assert read('=CONTA.ENTE(IN.SERVIZIO("31/12")) >= 3', scope).text == 'CONTA.ENTE(IN.SERVIZIO("31/12")) >= 3'


def test_leggi_says_the_day(tmp_path):
    text = regulation_text(tmp_path, AT_YEAR_END)
    assert "la persona è in servizio al 31/12 (formula: =IN.SERVIZIO(\"31/12\"))" in text
    (tmp_path / "b").mkdir()
    acts = regulation_text(tmp_path / "b", AT_YEAR_END.replace('"31/12"', '"premi_erogati"'))
    assert "la persona è in servizio alla data dell'atto premi_erogati ([atti] in ente.toml)" in acts
