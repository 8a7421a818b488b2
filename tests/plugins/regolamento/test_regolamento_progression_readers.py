"""What the employee, the office and the Nucleo read of the progressioni economiche (after the Comune di
Sassofeltrio's year, CCNL Funzioni Locali 16.11.2022 art. 14): the fund by the label [etichette] gives it, a
yes-no column by its meaning on the scheda, an Area with no places, the differenziale as the employee's pay, the
numbers of the workbook as numbers, a rule for equals shown only where it decided, and the fund said once.
Every figure computed by hand."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.reports import progressions as given
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import Line, build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.say.annex import TITLE, annex

from helpers import STAFF_HEADER, one_unit_comune, run_declared

LABEL = "Risorse per i differenziali stipendiali"
REGULATION = f"""\
formato = 2
[atto]
titolo = "Avviso per la progressione economica del Comune di Prova"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[colonne]]
nome = "sanzione_oltre_multa"
tipo = "sì/no"
significato = "provvedimento disciplinare superiore alla multa negli ultimi due anni"
fonte = "art. 2"

[[colonne]]
nome = "media_triennio"
tipo = "numero"
significato = "la media delle ultime tre valutazioni"
fonte = "art. 3"

[[colonne]]
nome = "eta"
tipo = "numero"
significato = "l'età in anni"
fonte = "art. 3"

[progressioni]
fonte = "artt. 1-3"
candidati = "=NON(sanzione_oltre_multa)"
graduatoria = "=media_triennio"
a_parita = ["=eta"]
graduatorie = "categoria"
posti_graduatorie = {{ Istruttori = 0, "Operatori esperti" = 1 }}
costo = '=PIÙ.SE(categoria = "Istruttori"; 750 €; VERO; 650 €)'
fondo = "progressioni"
risorse_graduatorie = {{ Istruttori = 0, "Operatori esperti" = 650 }}

[etichette]
progressioni = "{LABEL}"
"""
# (id, category, sanction, mean, age):
#   Istruttori (C): 0 places: I1 (90) 1st and I2 (80) 2nd, neither selected, for want of places, not «oltre»
#   Operatori esperti (B): 1 place, € 650 of the 650 the graduatoria has: O1 (85) 1st, selected, € 650;
#     O2 and O3 both 70: the age decides, O2 (49) before O3 (45), 2nd and 3rd, beyond the 1 place
#   S1 (B): a sanction beyond the fine: not a candidate
# the fund 650 − 650 (O1) = 0 left
STAFF = [
    ("I1", "C", "no", "90", "50"),
    ("I2", "C", "no", "80", "40"),
    ("O1", "B", "no", "85", "58"),
    ("O2", "B", "no", "70", "49"),
    ("O3", "B", "no", "70", "45"),
    ("S1", "B", "sì", "95", "60"),
]


def _run(ciclope_ente, tmp_path):
    files = one_unit_comune("Comune di Prova", [], [], '[fondi]\nprogressioni = "650.00"\n')
    header = f"{STAFF_HEADER},sanzione_oltre_multa,media_triennio,eta"
    rows = [f"{pid},Persona {pid},dipendente,{cat},com,1,0,false,SEG,{s},{m},{a}" for pid, cat, s, m, a in STAFF]
    files["people.csv"] = "\n".join([header, "SEG,Segretario,segretario,DIR,com,1,0,false,,no,0,60", *rows]) + "\n"
    return run_declared(ciclope_ente, tmp_path, REGULATION, files)


def test_the_fund_is_named_by_its_label_with_its_article(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    assert result.rewards.extra["progressioni"] == ["O1"]
    # the published table: the fund by its label, 650 allocated, 1 selected (its cost withheld: fewer than 3)
    assert given.rows(result, public=True) == [(LABEL, "€ 650,00", "1", "riservato", "riservato")]
    pool = explain(result, "pool", "progressioni")
    assert pool.splitlines()[0] == LABEL
    assert "Fondo progressioni" not in pool
    # «dalle risorse», never «dal risorse»
    assert "costo dei selezionati dalle risorse per i differenziali stipendiali = € 650,00" in pool
    assert "dal risorse" not in explain(result, "person", "O1")


def test_the_scheda_says_the_differenziale_as_an_annual_increase_of_pay(ciclope_ente, tmp_path):
    scheda = build(_run(ciclope_ente, tmp_path), "O1")
    assert Line("Differenziale stipendiale annuo", "€ 650,00", f"a carico di: {LABEL}") in scheda.progression
    assert "Costo" not in render(scheda)


def test_the_scheda_says_a_yes_no_column_by_its_meaning(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    scheda = build(result, "S1")
    meaning = "provvedimento disciplinare superiore alla multa negli ultimi due anni"
    assert scheda.progression == (Line("Esito", "non candidato"), Line("Motivo", f"{meaning}: sì"))
    assert scheda.progression_rule.startswith(f"Come si decide: è candidato chi ha questi requisiti: «{meaning}»: no.")
    assert "sanzione_oltre_multa" not in render(scheda)
    # the office's tool keeps the column's name, as it names it elsewhere
    assert f"la colonna sanzione_oltre_multa ({meaning}) dice sì" in explain(result, "person", "S1")


def test_an_area_without_places_is_said_so_not_beyond_them(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    scheda = build(result, "I1")
    assert scheda.progression[0] == Line("Esito", "non selezionato: nessun posto nella graduatoria")
    assert (
        Line("Posti", "per l'Area degli Istruttori il regolamento non prevede posti quest'anno (0 posti)")
        in scheda.progression
    )
    # O2, beyond the 1 place of the Operatori esperti, is still «oltre i posti»
    assert build(result, "O2").progression[0] == Line("Esito", "non selezionato: oltre i posti")
    ranked = {row[2]: row[-1] for row in _section(result, "Graduatoria delle progressioni").rows}
    assert ranked["Persona I2 (I2)"] == "non selezionato: nessun posto nella graduatoria"


def _section(result, title):
    return next(s for s in annex(result) if s.title == title)


def test_the_workbook_s_places_are_numbers(ciclope_ente, tmp_path):
    rows = _section(_run(ciclope_ente, tmp_path), "Graduatorie delle progressioni").rows
    # Area, staff, places, resources, candidates, selected, cost: the Istruttori 2 in service, 0 places, € 0, 2
    # candidates, 0 selected; the Operatori esperti 4 in service (O1, O2, O3, S1), 1 place, € 650, 3 candidates,
    # 1 selected at € 650
    assert [r[1:] for r in rows] == [(2, 0, Decimal(0), 2, 0, Decimal(0)), (4, 1, Decimal(650), 3, 1, Decimal(650))]
    assert all(isinstance(v, (int, Decimal)) for r in rows for v in r[1:])


def test_the_age_is_shown_only_where_it_decided(ciclope_ente, tmp_path):
    rows = _section(_run(ciclope_ente, tmp_path), "Graduatoria delle progressioni").rows
    # the columns: Area, place, person, graduatoria, a parità, cost, outcome; only O2 and O3 share a number (70)
    ages = {row[2]: row[4] for row in rows}
    assert ages == {
        "Persona I1 (I1)": "—",
        "Persona I2 (I2)": "—",
        "Persona O1 (O1)": "—",
        "Persona O2 (O2)": 49,
        "Persona O3 (O3)": 45,
    }


def test_the_fund_is_one_row_of_the_summary(ciclope_ente, tmp_path):
    rows = _section(_run(ciclope_ente, tmp_path), "Progressioni economiche").rows
    # the fund (650) is the graduatorie's resources (0 + 650): one row, then the cost (650) and what is left (0)
    assert [r for r in rows if isinstance(r[1], Decimal)] == [
        (LABEL, Decimal("650.00")),
        ("Costo dei selezionati", Decimal(650)),
        ("Residuo", Decimal(0)),
    ]


def test_the_annex_names_the_fund_by_its_label(ciclope_ente, tmp_path):
    result = _run(ciclope_ente, tmp_path)
    said = " ".join(body for _, body in _section(result, TITLE).rows)
    # the label names no «fondo»: the fund by its label in guillemets, as every article of the annex says one
    assert f"che insieme non superano il fondo «{LABEL}»" in said
    assert "fondo «progressioni»" not in said
