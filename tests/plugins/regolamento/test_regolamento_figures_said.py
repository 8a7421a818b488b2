"""What an explanation and a personal scheda say of a formula part with one graduatoria per category (the case of a
research institute, IRM): a definition's value and a sum of a formula, as the amount reads them, to the places that
redo the amount by hand, never cut with «…»; the name ``fondo`` said as the graduatoria's fund; the amount a formula gives, rounded
on its own, said so where the cents were re-split and the premium is a cent less; a definition that is a condition
read with «vale»; a grade not among [gradi] one error, at its cell. Every figure by hand."""

from __future__ import annotations

import html
import re

from ciclope.core.reports.sheets import awards
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_text, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Accordo dell'Istituto di Prova"
tipo_ente = "ente_di_ricerca"

[[definizioni]]
nome = "peso"
descrizione = "il peso del punteggio"
formula = '=punteggio / 3'
fonte = "art. 5"

[[premi]]
nome = "produttività"
metodo = "formula"
graduatorie = "categoria"
importo = '=fondo * peso / SOMMA.GRUPPO(peso)'
fonte = "art. 6"
"""

PEOPLE = [("B1", "B", 100), ("B2", "B", 100), ("B3", "B", 50), ("S1", "C", 80), ("S2", "C", 81), ("S3", "C", 94)]


def files() -> dict[str, str]:
    staff = [f"{pid},Persona {pid},dipendente,{category},com,1,0,false,SEG" for pid, category, _ in PEOPLE]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, _, score in PEOPLE]
    return one_unit_comune("Istituto di Prova", staff, cards, '[funds]\nperformance_individuale = "2000.00"\n')


def page(result, pid: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, pid)))))


def test_the_figures_of_a_graduatoria_s_formula_are_said_as_they_are(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # the fund by staff in service, 3 and 3 of 6: 2000 × 3/6 = 1000.00 to each graduatoria
    # B: peso 100/3 = 33.3333…, 100/3, 50/3 = 16.6666…; Σ = 250/3 = 83.3333…; 1000 × 100/250 = 400.00, 200.00
    # C: peso 80/3 = 26.6666…, 81/3 = 27, 94/3 = 31.3333…; Σ = 255/3 = 85
    #   S1 1000 × 80/255 = 313.7254…, S2 317.6470…, S3 368.6274…; half-up one by one 313.73 + 317.65 + 368.63 =
    #   1000.01: split by largest remainder, S1's 0.54 of a cent the smallest: S1 313.72, S2 317.65, S3 368.63
    assert amounts(result) == {
        "B1": "400.00",
        "B2": "400.00",
        "B3": "200.00",
        "S1": "313.72",
        "S2": "317.65",
        "S3": "368.63",
    }
    said = explain(result, "person", "S1")
    # 80/3 read by the amount to the places that redo it by hand (313,7254… × ½·10⁻⁵ / 26,67 = 0,00006, a hundredth
    # of a cent at most): 26,66667, and 1.000 × 26,66667 / 85 = 313,7255 → 313,73, the amount rounded on its own
    assert "il peso del punteggio («peso», art. 5) = 26,66667" in said
    assert "26,6667\n" not in said
    assert "Persona S3 (S3) = 31,3333…" in said
    assert "Persona S2 (S2) = 27\n" in said + "\n"
    assert "nella graduatoria = 85\n" in said
    said_b = explain(result, "person", "B3")
    # B3: 50/3 and Σ 250/3, for an amount of 200 (200 × ½·10⁻⁵ / 16,67 = 0,00006): 200 = 1.000 × 16,66667 / 83,33333
    assert "il peso del punteggio («peso», art. 5) = 16,66667" in said_b
    assert "nella graduatoria = 83,33333" in said_b
    assert "nella graduatoria: B = 83,3333…" in said_b  # the sum's own figure, as every sum
    scheda = page(result, "S1")
    assert "(art. 5) 26,66667" in scheda
    assert "nella graduatoria 85 " in scheda


def test_the_amount_rounded_on_its_own_is_said_so_where_the_cents_were_re_split(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # S1: 1000 × 80/255 = 313.7254…, half-up alone 313.73; the cents re-split by largest remainder pay 313.72
    # (313.73 + 317.65 + 368.63 = 1000.01 would pass the fund): the row of 313.73 says it is rounded on its own,
    # never «importo dalla formula» beside a premium of 313.72
    said = explain(result, "person", "S1")
    assert "• importo dalla formula, arrotondato da solo = € 313,73\n" in said
    assert "• importo dalla formula = € 313,73" not in said
    assert "importo secondo la formula del regolamento, arrotondato da solo € 313,73" in page(result, "S1")
    # S2: 1000 × 81/255 = 317.6470…, 317.65 alone and paid (a cent of the leftovers): the same, said plainly
    assert "• importo dalla formula = € 317,65\n" in explain(result, "person", "S2")
    # B1: 1000 × 100/250 = 400.00, no cent re-split in graduatoria B
    assert "• importo dalla formula = € 400,00\n" in explain(result, "person", "B1")


def test_fondo_of_a_part_with_graduatorie_is_said_the_graduatoria_s_fund(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # the formula of a part with one graduatoria per category reads as ``fondo`` the graduatoria's fund (1000.00 of
    # the part's 2000.00): its words say so wherever the formula is said
    said = explain(result, "person", "S1")
    assert "(il fondo della graduatoria × il peso del punteggio diviso la somma del peso del punteggio" in said
    assert "fondo della parte ×" not in said
    assert "Come si calcola: importo = il fondo della graduatoria × il peso del punteggio" in page(result, "S1")
    text = regulation_text(tmp_path, REGULATION)
    assert "L'importo di ciascuno è pari al fondo della graduatoria × il peso del punteggio" in text
    # one graduatoria, the whole ente's: the fund the formula reads is the part's, said so
    alone = regulation_text(tmp_path, REGULATION.replace('graduatorie = "categoria"\n', ""))
    assert "L'importo di ciascuno è pari al fondo della parte × il peso del punteggio" in alone


def test_a_definition_that_is_a_condition_reads_vale(tmp_path):
    written = REGULATION.replace("formula = '=punteggio / 3'", "formula = '=SE(punteggio >= 40; punteggio / 3; 0)'")
    text = regulation_text(tmp_path, written)
    # «La definizione … è se il punteggio …» is no Italian: a condition is what the definition «vale»
    assert "La definizione «peso» (il peso del punteggio) vale: se il punteggio è almeno 40, allora " in text
    assert "(il peso del punteggio) è se" not in text
    # a value that is no condition keeps «è»
    assert "La definizione «peso» (il peso del punteggio) è il punteggio diviso 3" in regulation_text(
        tmp_path, REGULATION
    )


GRADED = """\
formato = 2
[atto]
titolo = "Accordo dell'Istituto di Prova"
tipo_ente = "ente_di_ricerca"

[gradi]
nomi = ["B", "C"]
fonte = "art. 2"

[[definizioni]]
nome = "parametro"
descrizione = "il parametro del grado"
formula = '=PIÙ.SE(grado = "B"; 100; grado = "C"; 120)'
fonte = "art. 4"

[[premi]]
nome = "produttività"
metodo = "formula"
graduatorie = "area"
riparto_graduatorie = '=parametro * quota_tempo'
importo = '=fondo * parametro / SOMMA.GRUPPO(parametro)'
fonte = "art. 6"
"""


def test_a_grade_not_among_gradi_is_one_error_at_its_cell(ciclope_ente, tmp_path):
    data = files()
    # the grade in its own column, the category empty; S2's written «7», none of [gradi] (B, C)
    graded = [f"{pid},Persona {pid},dipendente,,com,1,0,false,SEG,{'7' if pid == 'S2' else c}" for pid, c, _ in PEOPLE]
    data["people.csv"] = "\n".join([f"{STAFF_HEADER},grado", "SEG,Segretario,segretario,DIR,com,1,0,false,,", *graded])
    result = run_declared(ciclope_ente, tmp_path, GRADED, data)
    errors = [v.message for v in result.violations if v.severity == "error"]
    # one mistake, one error: at the cell of the grade, never again at the split among the graduatorie
    assert len(errors) == 1, errors
    assert "il grado «7» di Persona S2 (S2) non è tra quelli del regolamento (B, C)" in errors[0]


def test_a_grade_not_among_gradi_gives_no_warning_that_follows_from_it(ciclope_ente, tmp_path):
    # the sum over the ente reads S2's parametro, which has no value (grade «7»): the formula gives nobody an amount,
    # and «la parte … non paga nessuno» would only repeat the error at the cell
    ente_wide = GRADED.replace('graduatorie = "area"\nriparto_graduatorie = \'=parametro * quota_tempo\'\n', "")
    ente_wide = ente_wide.replace("SOMMA.GRUPPO(parametro)", "SOMMA.ENTE(parametro)")
    assert "SOMMA.ENTE(parametro)" in ente_wide and "graduatorie" not in ente_wide

    def data(wrong: str) -> dict[str, str]:
        out = files()
        graded = [
            f"{pid},Persona {pid},dipendente,,com,1,0,false,SEG,{wrong if pid == 'S2' else c}" for pid, c, _ in PEOPLE
        ]
        out["people.csv"] = "\n".join(
            [f"{STAFF_HEADER},grado", "SEG,Segretario,segretario,DIR,com,1,0,false,,", *graded]
        )
        return out

    result = run_declared(ciclope_ente, tmp_path, ente_wide, data("7"))
    said = [(v.severity, v.message) for v in result.violations if v.rule.startswith("regolamento")]
    assert [m for s, m in said if s == "error"] == [
        m for s, m in said if "il grado «7» di Persona S2 (S2) non è tra quelli del regolamento (B, C)" in m
    ], said
    assert not [m for _, m in said if "non paga nessuno" in m], said
    # the workbook's «Premi» says, above its rows, that amounts of a run with errors are not final
    assert awards(result, str).note.startswith("Il calcolo ha errori (foglio «Violazioni»): gli importi non sono ")
    # every grade right: the same formula pays everyone, so the warning is never the cause of its own silence
    right = run_declared(ciclope_ente, tmp_path, ente_wide, data("C"))
    assert not [v for v in right.violations if "non paga nessuno" in v.message]
    assert awards(right, str).note == ""
