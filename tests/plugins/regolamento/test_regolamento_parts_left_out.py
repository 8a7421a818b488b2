"""Whom a part's condition (``ammesso``) leaves out is seen where the office reads: a row of 0 with its reason in
«Premi» of schede.xlsx, as an excluded person has; how many each part admitted and left out in the Relazione's
«Parti dei fondi»; and under each part in ``explain --pool``. An excluded person's scheda says no «sì» of a
condition beside «escluso»; an achievement a formula reads says two decimals, as the Relazione does; an objective
read by ``OBIETTIVO`` is named by its title. Every amount by hand."""

from __future__ import annotations

import html
import re

from ciclope.core.reports import sheets
from ciclope.core.run.explain import explain
from ciclope.core.schede.content import build
from ciclope.core.schede.render import render
from ciclope.plugins.regolamento.say.annex import fund_parts

from helpers import amounts, run_declared, two_unit_ente

REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune delle Parti"
tipo_ente = "comune"

[[esclusioni]]
regola = "assenze"
giorni = 180
fonte = "art. 6"

[[premi]]
nome = "settore"
metodo = "proporzionale"
valutazione = false
ruoli = ["dipendente"]
fondo = "performance_individuale"
quota_fondo = "40%"
peso = "=unita"
ammesso = "=unita >= 50%"
fonte = "art. 8 c. 3"

[[premi]]
nome = "individuale"
metodo = "proporzionale"
ruoli = ["dipendente"]
fondo = "performance_individuale"
quota_fondo = "60%"
ammesso = "=punteggio >= 60"
fonte = "art. 8 c. 5"
"""

ACT = "SMVP del Comune delle Parti"


def comune() -> dict[str, str]:
    """Two settori: «Settore uno» (its objective «Servizi» 10 of 10: 100%) with P1 (80), P3 (50) and P4 (70, 200 days
    of absence: excluded), «Settore due» (its objective «Strade» 4 of 10: 40%) with P2 (90); the Segretario evaluates
    everyone and no part pays him."""
    staff = [
        "P1,Persona P1,dipendente,C,U1,1,0,false,SEG",
        "P2,Persona P2,dipendente,C,U2,1,0,false,SEG",
        "P3,Persona P3,dipendente,C,U1,1,0,false,SEG",
        "P4,Persona P4,dipendente,C,U1,1,200,false,SEG",
    ]
    units = {"U1": ("Settore uno", "Servizi", 10), "U2": ("Settore due", "Strade", 4)}
    files = two_unit_ente("Comune delle Parti", units, staff, {"P1": 80, "P2": 90, "P3": 50, "P4": 70})
    files["ente.toml"] += '[funds]\nperformance_individuale = "1000.00"\n'
    return files


# The fund 1.000: «settore» 40% = 400 to those of a settore at 50% or more: P1, P3 (Settore uno, 100%) and P4
# (excluded by absences, 200 > 180: 0); P2's Settore due is at 4/10 = 40%, left out. Weights 1 and 1: 200 each.
# «individuale» 60% = 600 to those scoring 60 or more: P1 (80), P2 (90), P4 (70, excluded); P3 (50) left out.
# P1 600 × 80/170 = 282,352… → 282,35; P2 600 × 90/170 = 317,647… → 317,65 (the cent to the higher remainder).
PAID = {"P1": "482.35", "P2": "317.65", "P3": "200.00", "P4": "0.00"}


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_amounts(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert amounts(result) == PAID


def test_each_part_a_condition_left_out_has_its_row_of_zero_with_the_reason(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    table = sheets.awards(result, lambda pid: "")
    head = [c[0] for c in table.columns]
    code, part, amount, why = (head.index(h) for h in ("Codice", "Parte", "Importo", "Motivo"))
    rows = {(r[code], r[part]): (str(r[amount]), r[why]) for r in table.rows if r[code] != "TOTALE"}
    absences = f"assenze oltre 180 giorni, {ACT}, art. 6"
    assert rows == {
        ("P1", "settore"): ("200.00", None),
        ("P1", "individuale"): ("282.35", None),
        # Settore due at 40%, under 50%: the part weighed P2 and gave nothing, said as an exclusion is
        ("P2", "settore"): (
            "0.00",
            f"la condizione della parte non vale: il raggiungimento degli obiettivi dell'unità è meno di 50%, {ACT}, "
            "art. 8 c. 3",
        ),
        ("P2", "individuale"): ("317.65", None),
        ("P3", "settore"): ("200.00", None),
        ("P3", "individuale"): (
            "0.00",
            f"la condizione della parte non vale: il punteggio è meno di 60, {ACT}, art. 8 c. 5",
        ),
        ("P4", "settore"): ("0.00", absences),
        ("P4", "individuale"): ("0.00", absences),
    }


def test_the_relazione_counts_whom_each_condition_admits_and_leaves_out(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    (section,) = fund_parts(result)
    assert section.columns[-2:] == ("Ammessi dalla condizione", "Non ammessi dalla condizione")
    # «settore»: P1, P3, P4 admitted (P4 then excluded), P2 left out; «individuale»: P1, P2, P4 admitted, P3 left out
    assert [(row[1], *row[-2:]) for row in section.rows] == [("settore", 3, 1), ("individuale", 3, 1)]
    # the note says the condition and the workbook in words: a reader of the Relazione knows no key nor file name
    assert section.note.endswith(
        " Per una parte con una condizione di partecipazione: le persone dei suoi ruoli che la condizione ammette "
        "(anche chi è poi escluso, che riceve 0) e quelle che lascia fuori, ciascuna con il motivo nel foglio «Premi» "
        "delle schede per l'ufficio (uso interno)."
    )


def test_the_relazione_names_no_file_nor_key(ciclope_ente, tmp_path):
    # every text and note of the internal Relazione (the parts' counts, the residual, the outcomes): the workbook in
    # words, «le schede per l'ufficio», never its file name; the condition in words, never its key
    from ciclope.core.reports import relazione
    from ciclope.core.reports.model import Table, Text

    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    blocks = [b for section in relazione.build(result).sections for b in section.blocks]
    said = [b.text for b in blocks if isinstance(b, Text)] + [b.note for b in blocks if isinstance(b, Table)]
    assert [t for t in said if "schede.xlsx" in str(t) or "(ammesso)" in str(t)] == []
    assert len([t for t in said if "schede per l'ufficio" in str(t)]) == 3  # the counts, residual, outcomes


def test_explain_pool_says_under_each_part_whom_its_condition_left_out(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    said = explain(result, "pool", "performance_individuale")
    settore = said[said.index("■ Premi della parte «settore»") : said.index("■ Fondo della parte «individuale»")]
    assert "nota:    la condizione della parte lascia fuori 1 persona: il raggiungimento degli obiettivi dell'unità " \
        "è meno di 50%" in settore  # fmt: skip
    assert "• non ammesso: Persona P2 = no" in settore
    individuale = said[said.index("■ Premi della parte «individuale»") :]
    assert "nota:    la condizione della parte lascia fuori 1 persona: il punteggio è meno di 60" in individuale
    assert "• non ammesso: Persona P3 = no" in individuale


def test_the_scheda_of_an_excluded_person_says_no_condition_beside_the_exclusion(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    page = text_of(render(build(result, "P4")))
    assert "escluso per assenze" in page
    # P4's 100% and 70 hold the conditions: «sì» would contradict «escluso»
    assert "il punteggio è almeno 60 sì" not in page and "è almeno 50% sì" not in page
    paid = text_of(render(build(result, "P1")))
    assert "il punteggio è almeno 60 sì" in paid  # of one the part pays, the condition in words still says why


def test_an_achievement_read_says_two_decimals_and_the_refusal_its_act(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, comune())
    assert "il raggiungimento degli obiettivi dell'unità = 100,00%" in explain(result, "person", "P1")
    page = text_of(render(build(result, "P2")))
    # 4 of 10 = 40,00%, as the Relazione says the unit; the condition cited by act and article
    assert "il raggiungimento degli obiettivi dell'unità = 40,00%" in page
    assert f"Fonte: {ACT}, art. 8 c. 3." in page


def test_an_objective_read_is_named_by_its_title(ciclope_ente, tmp_path):
    text = REGULATION.replace('peso = "=unita"', "peso = '=OBIETTIVO(\"OB1\")'")
    result = run_declared(ciclope_ente, tmp_path, text, comune())
    # the weight of each is OB1's 100%: P1 and P3 200,00 each, as before
    assert amounts(result) == PAID
    assert "il raggiungimento dell'obiettivo «Servizi» (OB1) = 100,00%" in explain(result, "person", "P1")
