"""The differenziali stipendiali (art. 14 CCNL Funzioni locali 16.11.2022) as an office and an employee read them,
after criteria written blind in the declared format: one graduatoria per Area on the mean of the three years before
the cycle, half of each Area's candidates, resources per Area named by the Area. Every figure by hand; these tests
hold the words: the tables' heads, the source of a graduatoria's places, the years a mean read and missed, what a
new hire without earlier evaluations lacks, an Area named as the office wrote it, the funds one may ask about."""

from __future__ import annotations

from decimal import Decimal

from test_regolamento_progressions import HEAD, people

from ciclope.core import fmt
from ciclope.core.reports.sheets import violations
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.say.annex import annex

from helpers import run_declared

AREAS = (
    HEAD.replace('tipo_ente = "comune"', 'tipo_ente = "comune"\ncomparto = "funzioni_locali"')
    + """
[progressioni]
fonte = "art. 6"
graduatorie = "categoria"
candidati = "=anzianita_posizione >= 2"
graduatoria = "=VALUTAZIONE.MEDIA(3)"
quota = 0.5
quota_su = "candidati"
costo = '=PIÙ.SE(categoria = "B"; 650 €; categoria = "C"; 750 €)'
risorse_graduatorie = { Istruttori = 1500, "Operatori esperti" = 650 }
"""
)
# (id, category, score of the year, years in the position, age): three Istruttori (C) and two Operatori esperti (B)
STAFF = [("A", "C", 80, "3", "40"), ("B", "C", 80, "4", "50"), ("D", "C", 80, "5", "45")]
STAFF += [("O", "B", 80, "6", "55"), ("P", "B", 80, "7", "58")]
# the 2024 cycle reads 2021, 2022 and 2023; B has no 2021
SHEET = """persona,anno,punteggio
A,2021,90
A,2022,80
A,2023,85
B,2022,88
B,2023,92
D,2021,70
D,2022,70
D,2023,70
O,2021,80
O,2022,80
O,2023,80
P,2021,75
P,2022,75
P,2023,75
"""


def run(ciclope_ente, tmp_path, text: str = AREAS, staff=STAFF):
    return run_declared(ciclope_ente, tmp_path, text, {**people(staff), "valutazioni_precedenti.csv": SHEET})


def test_the_table_of_the_graduatorie_says_each_column_once(ciclope_ente, tmp_path):
    sections = {s.title: s for s in annex(run(ciclope_ente, tmp_path))}
    table = sections["Graduatorie delle progressioni"]
    # the quota is of the candidates: their count is said once, not also as «Candidati della graduatoria»
    assert table.columns == (
        "Categoria (o Area)",
        "Posti",
        "Calcolo dei posti",
        "Risorse",
        "Candidati",
        "Selezionati",
        "Costo dei selezionati",
    )
    # Istruttori: A 85.00, B 90.00, D 70.00, 3 candidates, ⌊50% × 3⌋ = 1 place: B, 750 ≤ 1,500 → 750 spent.
    # Operatori esperti: O 80.00, P 75.00, ⌊50% × 2⌋ = 1 place: O, 650 ≤ 650 → 650 spent
    assert table.rows == (
        ("Area degli Istruttori (ex categoria C)", 1, "⌊50% × 3⌋ = 1", Decimal("1500"), 3, 1, Decimal("750")),
        ("Area degli Operatori esperti (ex categoria B)", 1, "⌊50% × 2⌋ = 1", Decimal("650"), 2, 1, Decimal("650")),
    )
    assert "la quota, per difetto, dei candidati della graduatoria" in table.note
    assert "del candidati" not in table.note
    # the list by name heads its first column as the table of the graduatorie does
    assert sections["Graduatoria delle progressioni"].columns[0] == "Categoria (o Area)"


def test_a_mean_says_the_years_read_and_those_missing(ciclope_ente, tmp_path):
    result = run(ciclope_ente, tmp_path)
    said = explain(result, "person", "B")
    assert said is not None
    # B: (88 + 92) / 2 = 90.00, over 2022 and 2023 only: 2021 is not in the sheet
    assert (
        "  • la media delle valutazioni dal 2021 al 2023 (ci sono il 2022 e il 2023, manca il 2021) = 90,00\n" in said
    )
    # A has the three years: (90 + 80 + 85) / 3 = 85.00, said as before
    assert "  • la media delle valutazioni dal 2021 al 2023 = 85,00\n" in explain(result, "person", "A")


def test_the_relazione_says_a_place_in_the_regulation_as_people_read_it(ciclope_ente, tmp_path):
    # N, hired two years ago (2 ≥ 2: a candidate), has no row in valutazioni_precedenti: an error at the key
    # graduatoria, line 23 of the file (HEAD's 17 lines with the comparto, a blank one, [progressioni], fonte,
    # graduatorie, candidati, graduatoria)
    result = run(ciclope_ente, tmp_path, staff=[*STAFF, ("N", "C", 80, "2", "30")])
    [row] = [r for r in violations(result).rows if "Persona N" in r[1]]
    assert row[2] == "smvp.toml, riga 23, [progressioni] graduatoria"


def test_an_area_missing_from_the_resources_is_named_as_the_office_wrote_it(ciclope_ente, tmp_path):
    text = AREAS.replace(', "Operatori esperti" = 650', "")
    result = run(ciclope_ente, tmp_path, text)
    [problem] = [p for p in result.violations if "risorse_graduatorie non ha" in p.message]
    assert "della graduatoria «Operatori esperti» (B) (ha: «Istruttori»)" in problem.message
    assert 'aggiungi "Operatori esperti" = l\'importo in euro' in problem.message
    assert "aggiungi B =" not in problem.message
    # O and P are left out: the Istruttori's B alone is selected
    assert result.rewards.extra["progressioni"] == ["B"]


def test_a_new_hire_without_earlier_evaluations_is_told_what_is_missing(ciclope_ente, tmp_path):
    from ciclope.core.schede.content import Line, build
    from ciclope.core.schede.render import render

    # N, hired two years ago (2 ≥ 2: a candidate), has no row in valutazioni_precedenti: the 2024 cycle's
    # VALUTAZIONE.MEDIA(3) reads 2021, 2022 and 2023, and N has none of them
    result = run(ciclope_ente, tmp_path, staff=[*STAFF, ("N", "C", 80, "2", "30")])
    [problem] = [p for p in result.violations if "Persona N" in p.message]
    lacking = "la media delle valutazioni dal 2021 al 2023 (nessuna nel foglio valutazioni precedenti)"
    assert f"senza valore per Persona N: manca {lacking}: resta fuori dalla graduatoria" in problem.message
    # how to fix it: the scores of the years the formula reads, in the sheet of earlier scores
    assert (
        "scrivi in valutazioni_precedenti.csv i punteggi di Persona N del 2021, 2022 e 2023, una riga per anno "
        "(persona, anno, punteggio)"
    ) in problem.message
    # the Istruttori without N: A 85.00, B 90.00, D 70.00, ⌊50% × 3⌋ = 1 place: B, as before
    assert result.rewards.extra["progressioni"] == ["B", "O"]
    # the outcome is recorded: a candidate without a place, and why
    figure = result.figures["progression:N"]
    assert (figure.value, figure.note) == (None, f"fuori dalla graduatoria: senza {lacking}")
    said = explain(result, "person", "N")
    assert said is not None
    assert f"Progressione economica: fuori dalla graduatoria: senza {lacking}." in said
    scheda = build(result, "N")
    assert scheda.progression == (Line("Esito", "fuori dalla graduatoria"), Line("Motivo", f"senza {lacking}"))
    page = render(scheda)
    assert "Posto in graduatoria" not in page and "None" not in page


def test_explain_lists_the_funds_by_the_names_the_office_writes(ciclope_ente, tmp_path):
    from ciclope.core.run.explain import suggest

    # the progressions of AREAS have no fund (their resources per Area); a premium pays performance_individuale
    text = AREAS + '\n[premio]\nmetodo = "proporzionale"\nfondo = "performance_individuale"\nfonte = "art. 8"\n'
    files = {**people(STAFF), "valutazioni_precedenti.csv": SHEET}
    files["ente.toml"] += '\n[fondi]\nperformance_individuale = "1000.00"\n'
    result = run_declared(ciclope_ente, tmp_path, text, files)
    assert explain(result, "pool", "progressioni") is None
    assert suggest(result, "pool", "progressioni") == (
        "fondi che si possono chiedere: «performance_individuale» (Premi per la performance individuale); "
        "le progressioni economiche dell'ente non hanno un fondo: la selezione è spiegata per persona (--person) e "
        "nella Relazione interna"
    )


def test_the_maggiorazione_is_offered_by_its_name_never_its_code(tmp_path):
    from test_regolamento_art69_parts import REGULATION, run_with

    from ciclope.core.run.explain import suggest

    result = run_with(tmp_path, REGULATION)
    said = suggest(result, "pool", "progressioni")
    # the fund of art. 81 CCNL 16.11.2022 is asked as «maggiorazione», with its label; never by its key
    assert "«maggiorazione» (Maggiorazione del premio individuale" in said
    assert "maggiorazione_art69" not in said
    # no progression in this ente: nothing said of them
    assert "progressioni" not in said
    assert suggest(result, "pool", "maggiorazion").startswith("forse intendevi «maggiorazione» (Maggiorazione")


# the year of the last progression, a declared column of years (tipo = "anno"), read from the lowest at par
YEAR_COLUMN = 'tipo = "anno"\nsignificato = "l\'anno dell\'ultima progressione"'
YEARS = (
    HEAD.replace('tipo = "numero"\nsignificato = "gli anni nella posizione economica"', YEAR_COLUMN)
    + """
[progressioni]
fonte = "art. 6"
posti = 1
a_parita = ["=-anzianita_posizione", "=eta"]
"""
)


def test_a_year_at_par_is_said_as_a_year(ciclope_ente, tmp_path):
    # A and B both 90 and both 2018: pari; B is older (50 > 40) and precedes; C (80, 2015) 3rd; one place: B
    staff = [("A", "C", 90, "2018", "40"), ("B", "C", 90, "2018", "50"), ("C", "C", 80, "2015", "30")]
    result = run_declared(ciclope_ente, tmp_path, YEARS, people(staff))
    assert result.rewards.extra["progressioni"] == ["B"]
    said = explain(result, "person", "A")
    assert said is not None
    assert "  • a parità (l'anno dell'ultima progressione, dal più basso) = 2018   ← people.csv" in said
    assert "(l'anno dell'ultima progressione, dal più basso: 2018 e 2018, pari; l'età in anni: 50 contro 40)" in said
    assert "2.018" not in said
    # the Relazione's list by name: the year at par as a year, «2018», for A and B, who share the score
    table = {s.title: s for s in annex(result)}["Graduatoria delle progressioni"]
    shown = {row[1]: row[3] for row in table.rows}  # person → the first value at par
    assert shown == {"Persona B (B)": Decimal(2018), "Persona A (A)": Decimal(2018), "Persona C (C)": "—"}
    assert all(type(v) is fmt.Year for p, v in shown.items() if p != "Persona C (C)")


def test_the_rule_of_the_place_says_who_shares_one_where_ties_are_broken(ciclope_ente, tmp_path):
    # A and B both 90: B 1st and A 2nd by the age (50 > 40), so «i pari merito hanno lo stesso posto» is false of
    # them; only who is equal in every rule for equals too shares a place
    staff = [("A", "C", 90, "2018", "40"), ("B", "C", 90, "2018", "50"), ("C", "C", 80, "2015", "30")]
    result = run_declared(ciclope_ente, tmp_path, YEARS, people(staff))
    assert (result.figures["progression:A"].value, result.figures["progression:B"].value) == (2, 1)
    rule = result.figures["progression:A"].formula
    assert "; i candidati pari anche in ogni criterio a parità hanno lo stesso posto" in rule
    assert "i pari merito hanno lo stesso posto" not in rule
    note = {s.title: s for s in annex(result)}["Graduatoria delle progressioni"].note
    assert "dal più alto: i candidati pari anche in ogni criterio a parità hanno lo stesso posto e, al limite" in note
