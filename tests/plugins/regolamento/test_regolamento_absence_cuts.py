"""An integrative contract that cuts the premium for absences (an ASP's CCDI, art. 8): a formula reduction of the parts
and of the EQ result pay (``parti = ["risultato_po"]``), an exclusion beyond 180 days by a declared status, a part
whose formula reads the time worked with ``tempo_parziale = "intero"``, and what each says on the personal documents.
Every amount by hand (a 2024 cycle, leap year: 366 days of service for everyone)."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from ciclope.core.reports.sheets import awards
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render

from helpers import STAFF_HEADER, amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

CUT = "=SE(malattia > 30 giorni; malattia / giorni_servizio; 0%)"
REGULATION = f"""\
formato = 2
[atto]
titolo = "Contratto integrativo dell'ASP"
sigla = "CCDI"
tipo_ente = "azienda_servizi_persona"

[[colonne]]
nome = "malattia"
tipo = "giorni"
significato = "i giorni di malattia"
fonte = "art. 8 c. 1"

[[esclusioni]]
regola = "formula"
condizione = "=malattia > 180 giorni"
stato = "assenze_oltre_180"
fonte = "art. 8 c. 3"

[[riduzioni]]
riduzione = "{CUT}"
parti = ["presenza"]
economie = "residuo"
fonte = "art. 8 c. 2"

[[riduzioni]]
riduzione = "{CUT}"
parti = ["risultato_po"]
fonte = "art. 8 c. 5"

[[premi]]
nome = "presenza"
metodo = "formula"
importo = "=1000 € * fte"
tempo_parziale = "intero"
ruoli = ["dipendente"]
fonte = "art. 4"

[risultato_po]
metodo = "percentuale"
fonte = "art. 10"
soglia_positiva = 60
percentuali = [{{ da = 90, quota = 0.25 }}, {{ da = 60, quota = 0.15 }}]
"""
# (id, role, fte, position pay, days of illness, score)
PEOPLE = [
    ("PO1", "po", "1", "10000.00", "40", 95),
    ("PO2", "po", "1", "10000.00", "0", 95),
    ("S1", "dipendente", "1", "", "0", 80),
    ("S2", "dipendente", "0.5", "", "35", 80),
    ("S3", "dipendente", "1", "", "200", 80),
]


def files(people=PEOPLE, illness: dict[str, str] | None = None) -> dict[str, str]:
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, *_, score in people]
    data = one_unit_comune("ASP di Prova", [], cards, '[funds]\nperformance_individuale = "5000.00"\n')
    days = illness or {}
    data["people.csv"] = "\n".join([
        STAFF_HEADER + ",position_pay,malattia",
        "SEG,Segretario,segretario,DIR,com,1,0,false,,,0",
        *(f"{pid},Persona {pid},{role},D,com,{fte},{ill},false,SEG,{pay},{days.get(pid, ill)}"
          for pid, role, fte, pay, ill, _ in people),
    ]) + "\n"  # fmt: skip
    return data


def test_the_absence_cut_reaches_the_eq_result_pay(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # PO1: 95 points, step «da 90»: 10000.00 × 25% = 2500.00; 40 days of illness > 30: cut 40 / 366, so
    # 2500.00 × (1 − 40/366) = 2500 × 326 / 366 = 2226.775… → 2226.78 (half-up to the cent, as the result pay)
    # PO2: 0 days, no cut: 2500.00
    # S1: 1000 € × 1 = 1000.00; S2: 1000 € × 0.5 = 500.00, 35 days > 30: 500 × 331 / 366 = 452.185… → 452.19
    # S3: 200 days > 180, excluded: 0.00
    assert amounts(result) == {
        "S1": "1000.00",
        "S2": "452.19",
        "S3": "0.00",
        "PO1": "2226.78",
        "PO2": "2500.00",
    }
    assert not [v for v in result.violations if v.severity == "error"]
    pool = result.rewards.pools["risultato_po"]
    # no fund of the result pay in [fondi]: the pool is what is paid, 2226.78 + 2500.00
    assert (pool.amount, pool.distributed) == (Decimal("4726.78"), Decimal("4726.78"))
    said = explain(result, "person", "PO1")
    # the cut is said as the other parts' are: the days counted and the article; 40 / 366 = 0,109289…: 10,9289…%,
    # with the digits a person multiplies back: 10.000 × 25% = 2.500; 2.500 × 10,9289…% = 273,22; 2.500 − 273,22
    # = 2.226,78
    assert "riduzione per i giorni di malattia (40 giorni), art. 8 c. 5 = 10,9289…%" in said, said
    assert "poi × (1 − riduzione), arrotondato al centesimo" in said
    assert "← people.csv, riga 3, colonna malattia" in said


def test_the_part_s_cut_names_its_article_and_days(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    said = explain(result, "person", "S2")
    # 35 / 366 = 9.5628…% → 9,56%
    assert (
        "riduzione per i giorni di malattia (35 giorni), art. 8 c. 2 (il taglio va al residuo della parte) = " in said
    )
    assert "la formula del regolamento" not in said


def test_a_cut_left_to_the_residual_says_where_the_residual_goes(ciclope_ente, tmp_path):
    """«il taglio va al residuo della parte» read as money lost, where the part sends its residual to another part
    (``residuo_a``): the words follow the money to the part that receives it."""
    chained = REGULATION.replace(
        'ruoli = ["dipendente"]\nfonte = "art. 4"\n',
        'ruoli = ["dipendente"]\nquota_fondo = 1\nresiduo_a = "ridistribuzione"\nfonte = "art. 4"\n\n[[premi]]\n'
        'nome = "ridistribuzione"\nmetodo = "proporzionale"\nquota_fondo = 0\nruoli = ["dipendente"]\n'
        'peso = \'=PREMIO("presenza")\'\ntempo_parziale = "intero"\nrateo_giorni = false\nfonte = "art. 7"\n',
    )
    assert "ridistribuzione" in chained
    said = explain(run_declared(ciclope_ente, tmp_path, chained, files()), "person", "S2")
    assert (
        "riduzione per i giorni di malattia (35 giorni), art. 8 c. 2 (il taglio va al residuo della parte, che passa "
        "alla parte «ridistribuzione») = " in said
    ), said


def test_leggi_says_the_result_pay_is_cut(tmp_path):
    text = regulation_text(tmp_path, REGULATION)
    assert "La retribuzione di risultato delle PO / EQ è ridotta di una quota che" in text, text


def test_result_pay_misspelt_in_parts_is_told_its_name(tmp_path):
    said = regulation_problems(tmp_path, REGULATION.replace('parti = ["risultato_po"]', 'parti = ["risultato"]'))
    assert any("«risultato» non è una parte del premio (forse «risultato_po»?)" in m for m in said), said


def test_a_cut_of_the_result_pay_needs_one(tmp_path):
    without = REGULATION.split("[risultato_po]")[0]
    said = regulation_problems(tmp_path, without)
    assert any("«risultato_po» è la retribuzione di risultato, che il regolamento non scrive ([risultato_po])" in m
               for m in said), said  # fmt: skip


def test_a_formula_that_reads_the_time_worked_says_so(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    # S2 at 50%: 1000 € × 0.5 = 500.00 before the cut: the formula halves it, the words must not say «intero»
    said = explain(result, "person", "S2")
    assert "a tempo parziale il premio è intero" not in said
    # in plain words, with S2's 50%: no «quota pagata = 1» beside a time worked of 50%, no «lo legge la formula»
    note = "il tempo lavorato (50%) è già contato nella formula dell'importo: l'importo non è ridotto una seconda volta"
    assert f"nota:    {note}\n" in said, said
    assert "quota pagata" not in said and "lo legge la formula" not in said
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "S2")))))
    assert "Tempo lavorato 50%" in page and f"{note[:1].upper()}{note[1:]}" in page, page
    # the same words in `ciclope regolamento leggi` and in the Relazione's annex (both say the articles)
    text = regulation_text(tmp_path, REGULATION)
    assert "A tempo parziale il premio non è ridotto per il tempo lavorato." not in text
    assert "A tempo parziale il premio è quello della formula, che legge il tempo lavorato." in text, text


def test_a_declared_status_is_said_by_its_label_on_the_scheda(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "S3")))))
    assert "assenze_oltre_180" not in page
    assert "esito assenze oltre 180" in page, page


def test_the_motive_of_an_excluded_cites_the_article(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    table = awards(result, lambda pid: result.status_of(pid) or "")
    row = next(r for r in table.rows if r[0] == "S3")
    # the sentence and its article; the formula is explain's (the workbook's «Motivo» says the rule in words)
    assert row[-1] == "i giorni di malattia sono più di 180 giorni, CCDI, art. 8 c. 3"


def test_a_blank_cell_is_one_error_at_the_cell(ciclope_ente, tmp_path):
    # S1's and PO2's illness left empty: one error each, at people.csv, whatever reads it (the exclusion of every part
    # and of the result pay), and no warning that follows from it
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files(illness={"S1": "", "PO2": ""}))
    errors = {v.where: v for v in result.violations if v.severity == "error"}
    # PO2 on row 4, S1 on row 5 (the header, then SEG on row 2)
    assert sorted(errors) == ["people.csv:4:malattia", "people.csv:5:malattia"], errors
    assert {v.rule for v in errors.values()} == {"regolamento.cella_vuota"}
    assert errors["people.csv:5:malattia"].message == (
        "la colonna «malattia» (i giorni di malattia) è vuota per Persona S1: scrivi il valore, 0 se non ce n'è; il "
        "premio resta sospeso finché non è scritta"
    )
    assert not [v for v in result.violations if v.severity == "warning"], result.violations


def test_every_blank_cell_of_a_person_is_named(ciclope_ente, tmp_path):
    two = REGULATION.replace(
        'fonte = "art. 8 c. 1"\n',
        'fonte = "art. 8 c. 1"\n\n[[colonne]]\nnome = "aspettativa"\ntipo = "giorni"\n'
        'significato = "i giorni di aspettativa"\nfonte = "art. 8 c. 1"\n',
        1,
    ).replace('condizione = "=malattia > 180 giorni"', 'condizione = "=malattia + aspettativa > 180 giorni"')
    data = files(illness={"S1": ""})
    rows = data["people.csv"].splitlines()
    # aspettativa empty for everyone (SEG too, whom no rule pays: no error of his)
    data["people.csv"] = "\n".join([rows[0] + ",aspettativa", *(row + "," for row in rows[1:])]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, two, data)
    errors = sorted(v.where for v in result.violations if v.severity == "error")
    # S1 (row 5) has both cells empty, every other person only aspettativa
    assert errors == sorted(["people.csv:5:malattia", *(f"people.csv:{row}:aspettativa" for row in range(3, 8))]), (
        errors
    )


def test_blank_cells_of_everyone_give_no_knock_on_warnings(ciclope_ente, tmp_path):
    # everyone's illness empty: every premium suspended, so «presenza» pays nobody and the PO/EQ get no result pay;
    # the five errors at the cells say it all, no warning follows from them (the part paying nobody, the comparto's
    # quota of result pay at 0%)
    data = files(illness={pid: "" for pid, *_ in PEOPLE})
    result = run_declared(
        ciclope_ente,
        tmp_path,
        REGULATION.replace(
            'tipo_ente = "azienda_servizi_persona"',
            'tipo_ente = "azienda_servizi_persona"\ncomparto = "funzioni_locali"',
        ),
        data,
    )
    assert sorted(v.where for v in result.violations if v.severity == "error") == [
        f"people.csv:{row}:malattia" for row in range(3, 8)
    ]
    assert not [v.message for v in result.violations if v.severity == "warning"]


def test_the_days_of_a_definition_are_the_days_counted(ciclope_ente, tmp_path):
    defined = REGULATION.replace(
        "[[esclusioni]]",
        '[[definizioni]]\nnome = "assenze_computabili"\ndescrizione = "i giorni di assenza computabili"\n'
        'formula = "=malattia"\nfonte = "art. 8 c. 1"\n\n[[esclusioni]]',
        1,
    ).replace(CUT, CUT.replace("malattia", "assenze_computabili"))
    result = run_declared(ciclope_ente, tmp_path, defined, files())
    # the same amounts as with the column itself: S2 452.19, PO1 2226.78
    assert (amounts(result)["S2"], amounts(result)["PO1"]) == ("452.19", "2226.78")
    said = explain(result, "person", "S2")
    assert "riduzione per i giorni di assenza computabili (35 giorni), art. 8 c. 2 (il taglio va al residuo" in said


def test_the_reduced_amount_has_its_row(ciclope_ente, tmp_path):
    """The amount from the formula, the reduction's share, then the amount they give: «€ 500,00 × (1 − 9,5628…%)»
    = € 452,19 on a row of its own, so the employee redoes the amount at the top of the scheda; and where the cut
    goes said for this part, not «dove dice il regolamento»."""
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files())
    said = explain(result, "person", "S2")
    # S2: 1000 € × 0,5 = 500,00; 35 / 366 = 0,095628…; 500 × (1 − 35/366) = 500 × 331 / 366 = 452,185… → 452,19
    assert "importo dalla formula = € 500,00" in said, said
    assert "importo dopo la riduzione: € 500,00 × (1 − 9,5628…%), al centesimo = € 452,19" in said, said
    assert "ciò che la riduzione toglie va al residuo della parte" in said
    assert "dove dice il regolamento" not in said
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", render(build(result, "S2")))))
    assert "importo dopo la riduzione: € 500,00 × (1 − 9,5628…%), al centesimo € 452,19" in page, page
    # S1: no day of illness, nothing taken: no row of a reduction
    assert "importo dopo la riduzione" not in explain(result, "person", "S1")


def test_a_misspelt_position_pay_column_is_one_error(tmp_path):
    """«retribuzione_di_posizione» for «retribuzione_posizione»: the header's error with its «forse», never again a
    «manca la retribuzione di posizione» at each PO's row, for a column the office did write."""
    import pytest

    from ciclope.core.problems import CiclopeError
    from ciclope.core.testing import compute_ente, write_ente

    data = files()
    data["people.csv"] = data["people.csv"].replace(",position_pay,", ",retribuzione_di_posizione,", 1)
    (tmp_path / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    folder = write_ente(tmp_path / "ente", data)
    with pytest.raises(CiclopeError) as refused:
        compute_ente(folder, "regolamento", 2024, {"regolamento": str(tmp_path / "smvp.toml")})
    errors = [p.message for p in refused.value.problems if p.severity == "error"]
    assert len(errors) == 1, errors
    assert "colonna sconosciuta «retribuzione_di_posizione» (forse «retribuzione_posizione»?)" in errors[0]
