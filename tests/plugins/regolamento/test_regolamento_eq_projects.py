"""An EQ in a project (a part paid per row of incarichi.csv, ``incarichi = "progetto"``) beside her incarico: the
project pays the row's own days, so the warning of the incarico's days paid twice (meant for a part paid on the whole
service) does not apply to it; a row whose days fall within the incarico is warned instead, at its cell."""

from __future__ import annotations

from decimal import Decimal

from helpers import CARD_HEADER, STAFF_HEADER, one_unit_comune, run_declared

HEADER = STAFF_HEADER + ",position_pay,term_start"
PEOPLE = [
    "D1,Paolo Gallo,dipendente,D,com,1,0,false,SEG,,",  # row 3
    "E1,Laura Verdi,po,D,com,1,0,false,SEG,6000.00,01/05/2024",  # row 4: EQ from 01/05
]
REGULATION = """\
formato = 2
[atto]
titolo = "Contratto integrativo del Comune"
tipo_ente = "comune"
comparto = "funzioni_locali"

[[colonne]]
nome = "budget"
tipo = "euro"
elenco = "progetti"
significato = "il budget del progetto"
fonte = "art. 9 c. 1"

[[premi]]
nome = "progetti obiettivo"
metodo = "formula"
fondo = "progetti"
ruoli = ["dipendente", "po"]
incarichi = "progetto"
importo = '=budget * giorni / SOMMA.INCARICHI(giorni)'
fonte = "art. 9"

[risultato_po]
metodo = "percentuale"
ruoli = ["po"]
fondo = "risultato"
soglia_positiva = 60
fonte = "art. 5"
percentuali = [{ da = 60, quota = 0.2 }]
"""
TWICE, OVERLAP = "regolamento.eq_giorni_due_volte", "regolamento.incarico_durante_eq"


def case(e1_until: str) -> dict[str, str]:
    files = one_unit_comune("Comune", [], [], '[funds]\nprogetti = "1000.00"\nrisultato = "5000.00"\n')
    files["people.csv"] = "\n".join([HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,,,", *PEOPLE]) + "\n"
    cards = [f"{pid},SEG,Scheda,Valutazione,100,80," for pid in ("D1", "E1")]
    files["evaluations.csv"] = "\n".join([CARD_HEADER, *cards]) + "\n"
    files["incarichi.csv"] = f"persona,tipo,progetto,dal,al\nD1,progetto,P1,,\nE1,progetto,P1,01/01/2024,{e1_until}\n"
    files["progetti.csv"] = "codice,titolo,budget\nP1,Archivio digitale,1000.00\n"
    return files


def warned(result, rule: str) -> list[tuple[str | None, int | None, str, str]]:
    return [(p.file, p.row, p.column, p.message) for p in result.violations if p.rule == rule]


def test_a_part_paid_per_project_row_is_not_warned_as_paying_the_incarico_twice(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, case("30/04/2024"))
    # E1 in P1 01/01–30/04/2024: 31 + 29 + 31 + 30 = 121 days, before her incarico; D1 all 2024: 366; Σ 487
    # E1 1000 × 121/487 = 248,459… → 248,46; D1 1000 × 366/487 = 751,540… → 751,54
    paid = {pid: a.amount for pid, a in result.rewards.awards.items() if a.pool == "progetti"}
    assert paid == {"D1": Decimal("751.54"), "E1": Decimal("248.46")}
    assert not warned(result, TWICE)
    assert not warned(result, OVERLAP)


def test_a_project_row_within_the_incarico_is_warned_at_its_date(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, case(""))
    # E1's row has no end: all 2024 in P1, 366 days as D1's: 1000 × 366/732 = 500,00 each (the amount unchanged)
    paid = {pid: a.amount for pid, a in result.rewards.awards.items() if a.pool == "progetti"}
    assert paid == {"D1": Decimal("500.00"), "E1": Decimal("500.00")}
    # the days of the row within the incarico (from 01/05/2024): 366 − (31 + 29 + 31 + 30) = 245, 01/05–31/12
    [(file, row, column, message)] = warned(result, OVERLAP)
    assert (file, row, column) == ("incarichi.csv", 3, "al")
    assert message == (
        "Laura Verdi (E1): progetto P1 — Archivio digitale dal 01/01/2024 al 31/12/2024: 245 giorni (dal 01/05/2024 "
        "al 31/12/2024) sono nell'incarico di EQ dal 01/05/2024, e la parte «progetti obiettivo» paga anche le EQ: "
        "in quei giorni la retribuzione di posizione e di risultato assorbe il resto del salario accessorio; se in "
        "quei giorni non era nel progetto, correggi la data della riga"
    )
    [problem] = [p for p in result.violations if p.rule == OVERLAP]
    assert "art. 9" in problem.source and "art. 17 c. 1" in problem.source
    assert not warned(result, TWICE)


def test_a_po_without_dates_is_in_the_incarico_all_the_service(ciclope_ente, tmp_path):
    files = case("30/04/2024")
    files["people.csv"] = files["people.csv"].replace("6000.00,01/05/2024", "6000.00,")
    text = REGULATION.replace('comparto = "funzioni_locali"', 'comparto = "altro"')
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # no date: the incarico is all 2024, so all the row's 121 days (01/01–30/04) are in it; the row begins with it
    [(_, row, column, message)] = warned(result, OVERLAP)
    assert (row, column) == (3, "dal")
    assert "121 giorni (dal 01/01/2024 al 30/04/2024)" in message
    [problem] = [p for p in result.violations if p.rule == OVERLAP]
    assert "Funzioni Locali" not in problem.source  # another comparto: its own regulation alone
