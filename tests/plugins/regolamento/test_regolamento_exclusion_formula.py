"""An exclusion by a condition (``[[esclusioni]] regola = "formula"``, formato 2): where the rules of the vocabulary
(absences, a minimum score, a sanction…) do not say a text's exclusion — «non partecipa il personale che ha prestato
servizio per meno di 90 giorni nell'anno» — a condition on the person's data excludes them from every part (or from
those it names), in the order the exclusions are written, with a status and its figure. Every amount by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Servizio"
tipo_ente = "comune"

[[esclusioni]]
regola = "formula"
condizione = "=giorni_servizio < 90 giorni"
fonte = "art. 5 c. 2"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 8"
"""


def staff() -> dict[str, str]:
    """Three dipendenti scoring 80, hired on different days of 2024 (a leap year)."""
    cards = [f"{p},SEG,scheda,Valutazione complessiva,100,80," for p in ("P1", "P2", "P3")]
    files = one_unit_comune("Comune di Servizio", [], cards, '[funds]\nperformance_individuale = "1000.00"\n')
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",assunzione,cessazione",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,,",  # the whole year
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,2024-11-01,",  # November 30 + December 31 = 61 days
        "P3,Carla,dipendente,C,com,1,0,false,SEG,2024-10-01,",  # October 31 + 30 + 31 = 92 days
    ]) + "\n"  # fmt: skip
    return files


def test_less_than_ninety_days_of_service_excludes(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD, staff())
    # P2: 61 < 90, excluded; P1 (366) and P3 (92) share 1000 by score × fte, 80 and 80: 500.00 each
    assert amounts(result) == {"P1": "500.00", "P3": "500.00", "P2": "0.00"}
    assert result.rewards.statuses["P2"] == "escluso_formula"
    status = result.figures["score:P2:status"]
    assert status.formula == (
        "escluso dal premio: i giorni di servizio nell'anno sono meno di 90 giorni (formula: =giorni_servizio < 90 "
        "giorni)"
    )
    # what the condition read: the days in service, after the date they are counted from (with its cell)
    assert [(i.name, i.value, i.cell) for i in status.inputs] == [
        ("data di assunzione", dt.date(2024, 11, 1), "people.csv:4:assunzione"),
        ("i giorni di servizio nell'anno", Decimal(61), ""),
    ]
    said = explain(result, "person", "P2")
    assert "escluso per una condizione del regolamento" in said
    assert "← people.csv, riga 4, colonna assunzione" in said  # header, SEG, P1, P2


def test_the_status_and_the_parts_of_a_condition(ciclope_ente, tmp_path):
    text = HEAD.replace(
        'fonte = "art. 5 c. 2"', 'fonte = "art. 5 c. 2"\nstato = "servizio_breve"\nparti = ["produttività"]'
    )
    result = run_declared(ciclope_ente, tmp_path, text, staff())
    assert result.rewards.statuses["P2"] == "servizio_breve"
    assert amounts(result)["P2"] == "0.00"


def test_leggi_says_the_condition(tmp_path):
    """``leggi`` is where the office checks its file against the act: the words, then the formula as typed. V read
    «chi è tale che i giorni di servizio nell'anno sono meno di 90 giorni»: a count of the person's is said «chi ha»,
    as the act says it."""
    assert (
        "Non accede al premio chi ha meno di 90 giorni di servizio nell'anno "
        "(formula: =giorni_servizio < 90 giorni) (art. 5 c. 2)."
    ) in regulation_text(tmp_path, HEAD)


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        # the number on the left: read from the person's side, 90 > days is days < 90
        ('"=90 > giorni_servizio"', "chi ha meno di 90 giorni di servizio nell'anno"),
        ('"=assenze >= 30"', "chi ha almeno 30 giorni di assenza"),
        # a sentence about «la persona» says «chi», its negation too
        ("'=NON(IN.SERVIZIO(\"31/12\"))'", "chi non è in servizio al 31/12"),
        ("'=sanzione <> \"\"'", "chi ha una sanzione disciplinare"),
        # any other condition by its sentence
        (
            '"=E(giorni_servizio < 90 giorni; assenze > 30)"',
            "chi rientra nel caso in cui i giorni di servizio nell'anno sono meno di 90 giorni e i giorni di assenza "
            "sono più di 30",
        ),
    ],
)
def test_every_condition_says_who_in_words(tmp_path, condition, said):
    text = HEAD.replace('"=giorni_servizio < 90 giorni"', condition)
    words = regulation_text(tmp_path, text)
    assert f"Non accede al premio {said} (formula: " in words and "tale che" not in words


def test_the_relazione_annex_says_the_condition_in_words(ciclope_ente, tmp_path):
    """The annex of the Relazione is read, not checked against the file: the condition in its words alone (never
    «(formula: =giorni_servizio < 90 giorni)» after them), and one colon in the sentence, never «condizione: i
    giorni…» after the «: » that opens the list of the exclusions."""
    result = run_declared(ciclope_ente, tmp_path, HEAD, staff())
    (annex,) = [s for s in result.sections if s.title == "Allegato — Il sistema di valutazione dichiarato"]
    said = dict(annex.rows)
    assert said["1. Chi non accede al premio (art. 5 c. 2)"] == (
        "Non accede al premio chi ha meno di 90 giorni di servizio nell'anno (art. 5 c. 2)."
    )
    assert not [body for _, body in annex.rows if "formula:" in body]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'condizione = "=giorni_servizio < 90 giorni"\n',
            "",
            "chiave esclusioni[1]: la regola «formula» richiede la chiave condizione",
        ),
        ('regola = "formula"', 'regola = "assenze"\ngiorni = 30', "la condizione vale per la regola «formula»"),
        ("giorni_servizio < 90 giorni", "punteggio < 60", "«punteggio» non si usa in chi è escluso dal premio"),
        ("giorni_servizio < 90 giorni", "giorni_servizio", "la formula dà giorni, ma chi è escluso dal premio è"),
        (  # an objective's «ON/OFF» is the part's condition, read after the results: the message says where it goes
            "giorni_servizio < 90 giorni",
            'OBIETTIVO(\\"OB1\\") < 100%',
            "OBIETTIVO non si usa in chi è escluso dal premio: l'esclusione legge i dati della persona (per il "
            "punteggio c'è la regola punteggio_minimo, per l'unità unita_sotto, per un obiettivo la condizione della "
            "parte: ammesso = '=OBIETTIVO(\"OB1\") >= 100%')",
        ),
    ],
)
def test_a_condition_refused(tmp_path, old, new, problem):
    said = regulation_problems(tmp_path, HEAD.replace(old, new))
    assert any(problem in m for m in said), said


def test_an_exclusion_s_own_status_is_explained_by_its_words(ciclope_ente, tmp_path):
    """The status an exclusion names (``stato``) is said in words in the body of the explanation, as the header says
    it: never its code."""
    own = HEAD.replace('fonte = "art. 5 c. 2"', 'stato = "servizio_breve"\nfonte = "art. 5 c. 2"', 1)
    result = run_declared(ciclope_ente, tmp_path, own, staff())
    assert result.rewards.statuses["P2"] == "servizio_breve"  # P2: 61 days, excluded
    text = explain(result, "person", "P2")
    assert "esito: servizio breve" in text
    assert "• esito = servizio breve" in text
    assert "■ Esito di Bruno = servizio breve" in text
    assert "servizio_breve" not in text


QUALIFIED = HEAD.replace(
    'condizione = "=giorni_servizio < 90 giorni"', 'condizione = \'=qualifica = "Insufficiente"\''
).replace(
    "[[esclusioni]]",
    '[[colonne]]\nnome = "qualifica"\ntipo = "testo"\nvalori = ["Buona", "Insufficiente"]\n'
    'significato = "la qualifica finale"\nfonte = "art. 2"\n\n[[esclusioni]]',
)


def test_a_condition_that_cannot_be_read_suspends_the_premium(ciclope_ente, tmp_path):
    files = staff()
    files["people.csv"] = "\n".join([
        STAFF_HEADER + ",qualifica",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,Buona",
        "P1,Anna,dipendente,C,com,1,0,false,SEG,Buona",
        "P2,Bruno,dipendente,C,com,1,0,false,SEG,",  # blank: the requirement cannot be checked
        "P3,Carla,dipendente,C,com,1,0,false,SEG,Insufficiente",
    ]) + "\n"  # fmt: skip
    result = run_declared(ciclope_ente, tmp_path, QUALIFIED, files)
    # P3 excluded, P2 suspended (never paid as if the requirement held): P1 alone, score 80, takes the 1000.00
    assert amounts(result) == {"P1": "1000.00", "P2": "0.00", "P3": "0.00"}
    assert result.rewards.statuses["P2"] == "escluso_formula"
    # one error, at the empty cell (not at the condition of the regulation)
    said = [(p.where, p.message) for p in result.violations if p.severity == "error"]
    assert said == [
        (
            "people.csv:4:qualifica",
            "la colonna «qualifica» (la qualifica finale) è vuota per Bruno: scrivi uno dei valori ammessi: Buona, "
            "Insufficiente; il premio resta sospeso finché non è scritta",
        )
    ]
    # the explanation names the blank cell
    assert "← people.csv, riga 4, colonna qualifica" in explain(result, "person", "P2")


def test_the_workbook_s_reason_is_the_sentence_without_the_formula(ciclope_ente, tmp_path):
    """The «Motivo» of schede.xlsx's «Premi» printed «(formula: =giorni_servizio < 90 giorni)» after the sentence:
    the sentence is enough there; explain keeps the formula (test_less_than_ninety_days_of_service_excludes)."""
    from ciclope.core.reports import sheets

    result = run_declared(ciclope_ente, tmp_path, HEAD, staff())
    table = sheets.awards(result, lambda pid: "")
    why = [c[0] for c in table.columns].index("Motivo")
    # P2: 61 days < 90, excluded (test_less_than_ninety_days_of_service_excludes)
    assert {row[0]: row[why] for row in table.rows} == {
        "P1": None,
        "P2": "i giorni di servizio nell'anno sono meno di 90 giorni, SMVP del Comune di Servizio, art. 5 c. 2",
        "P3": None,
        "TOTALE": "",
    }
    assert "(formula: =giorni_servizio < 90 giorni)" in explain(result, "person", "P2")
