"""A fund set for each structure and split there by score (ARTA Abruzzo's «fondi premianti delle singole Unità
Operative», then each collaborator's «punteggio di valorizzazione»): the structure's fund is a datum of units.csv,
the split among the graduatorie gives each person «fondo_uo / CONTA.GRUPPO()», so each graduatoria gets its own
fund. What the explanation says of it: the weights in euro, the graduatoria by the unit's name, each person counted
once, the score on the regulation's scale, who evaluates, and why a structure with no fund pays nothing. Every
amount by hand."""

from __future__ import annotations

from ciclope.core.reports import xlsx
from ciclope.core.run.explain import explain

from helpers import STAFF_HEADER, amounts, one_unit_comune, run_declared

REGULATION = """\
formato = 2
[atto]
titolo = "Criteri per il trattamento accessorio"
tipo_ente = "altro"

[[colonne]]
nome = "fondo_uo"
tipo = "euro"
elenco = "unità"
significato = "il fondo premiante della struttura"
fonte = "art. 1"

[punteggio]
fonte = "art. 2"
su = 25

[[premi]]
nome = "valorizzazione"
metodo = "proporzionale"
graduatorie = "area"
riparto_graduatorie = "=fondo_uo / CONTA.GRUPPO()"
peso = "=punteggio"
fonte = "art. 3"
"""


def structures():
    """Three structures: «Ufficio uno» (fund 600, A1 at 20 of 25 points, A2 at 10), «Ufficio due» (fund 400, B1 at
    25) and «Ufficio tre» (fund 0, C1 at 25). Nobody's evaluator is written in people.csv: the cards say SEG."""
    cards = [
        f"{p},SEG,scheda,Valutazione,25,{points}," for p, points in (("A1", 20), ("A2", 10), ("B1", 25), ("C1", 25))
    ]
    files = one_unit_comune("Agenzia", [], cards, '[funds]\nperformance_individuale = "1000.00"\n')
    files["units.csv"] = (
        "id,name,kind,parent,head,fondo_uo\n"
        "com,Agenzia,ente,,SEG,\n"
        "U1,Ufficio uno,area,com,SEG,600\n"
        "U2,Ufficio due,area,com,SEG,400\n"
        "U3,Ufficio tre,area,com,SEG,0\n"
    )
    staff = [
        f"{p},Persona {p},dipendente,C,{unit},1,0,false,"
        for p, unit in (("A1", "U1"), ("A2", "U1"), ("B1", "U2"), ("C1", "U3"))
    ]
    files["people.csv"] = "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n"
    return files


def test_each_structure_splits_its_own_fund_by_score(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, structures())
    # weights of the split among the graduatorie: A1, A2 600 / 2 = 300 € each, B1 400 / 1 = 400 €, C1 0 / 1 = 0;
    # Ufficio uno 600 of 1.000 → € 600, Ufficio due € 400, Ufficio tre € 0. In Ufficio uno by points on 25:
    # A1 600 × 20 / 30 = 400, A2 600 × 10 / 30 = 200; B1 alone 400; C1 0
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {
        "A1": "400.00",
        "A2": "200.00",
        "B1": "400.00",
        "C1": "0.00",
    }
    text = explain(result, "person", "A1")
    # the weight is the structure's fund per head: euro, said as euro
    assert "• peso di Persona A1 = € 300,00\n" in text
    assert "• peso del riparto della graduatoria = € 600,00\n" in text
    assert "• peso del riparto in tutto = € 1.000,00\n" in text
    # CONTA.GRUPPO() without a condition: the graduatoria by its unit's name, each person counting 1, not «SI»
    assert "■ Il numero delle persone nella graduatoria: Ufficio uno = 2\n" in text
    assert "formula: il numero delle persone: ciascuna conta 1\n" in text
    assert "• Persona A1 (A1) = 1\n" in text and "• Persona A2 (A2) = 1\n" in text
    assert "= SI" not in text
    # the score a formula reads is on the regulation's 25 points, the figure it refers to on 100
    assert "• il punteggio su 25 = 20,00" in text
    # the evaluator is the card's, as the scheda personale and the Valutatori sheet have it
    assert "valutatore Segretario (SEG)" in text.splitlines()[1]


def test_the_score_on_the_regulations_scale_has_two_decimals(ciclope_ente, tmp_path):
    """The score a formula reads on a scale of 5 is a score as the scheda says it, «4,60 punti su 5»: «4,60», never
    «4,6»; a whole one «2,00», never «2»."""
    files = structures()
    files["evaluations.csv"] = files["evaluations.csv"].replace(
        "A1,SEG,scheda,Valutazione,25,20,", "A1,SEG,scheda,Valutazione,25,23,"
    )
    result = run_declared(ciclope_ente, tmp_path, REGULATION.replace("su = 25", "su = 5"), files)
    # A1 23 of 25 = 92,00 on 100, 92 × 5 / 100 = 4,60 on 5; A2 10 of 25 = 40,00 on 100, 40 × 5 / 100 = 2,00
    first = explain(result, "person", "A1")
    assert first is not None and "• il punteggio su 5 = 4,60\n" in first.replace("   (spiegato sopra", "\n(")
    second = explain(result, "person", "A2")
    assert second is not None and "• il punteggio su 5 = 2,00\n" in second.replace("   (spiegato sopra", "\n(")


def test_a_structure_with_no_fund_says_why_it_pays_nothing(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, REGULATION, structures())
    # C1's weight 25 points is not 0: the 0 comes from its graduatoria's fund, € 0 of Ufficio tre's 0 / 1
    assert "nessun importo: il fondo della graduatoria (Ufficio tre) = 0" in result.figures["award:C1"].note


def test_the_workbook_says_the_evaluator_and_why_someone_is_not_evaluated_in_words(ciclope_ente, tmp_path):
    from openpyxl import load_workbook

    files = structures()
    files["evaluations.csv"] = "\n".join(files["evaluations.csv"].splitlines()[:-1]) + "\n"  # C1 without a card
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    path = tmp_path / "schede.xlsx"
    xlsx.write(result, path)
    book = load_workbook(path)
    summary = dict(book["Sintesi"].iter_rows(values_only=True))
    # the act by its title, not «regolamento 0.1.0», the plugin's name and version, apart
    assert summary["Regolamento"] == "Criteri per il trattamento accessorio"
    assert summary["Applicato da"].startswith("ciclope, modulo «regolamento» versione ")  # never «plugin»
    rows = list(book["Valutazioni individuali"].iter_rows(values_only=True))
    head = rows[0]
    people = {r[0]: dict(zip(head, r)) for r in rows[1:]}
    assert people["A1"]["Valutatore"] == "Segretario (SEG)"  # from the card: people.csv leaves it empty
    # the reason is text in its own column, not a «Componente: motivo» among the numbers of the score
    assert "Componente: motivo" not in head
    assert head[head.index("Esito") + 1] == "Motivo"
    assert people["C1"]["Esito"] == "non valutato" and people["C1"]["Motivo"]
    assert people["A1"]["Motivo"] is None


def test_the_relazione_lists_each_structure_s_fund_and_what_it_paid(ciclope_ente, tmp_path):
    from ciclope.plugins.regolamento.say.annex import annex

    result = run_declared(ciclope_ente, tmp_path, REGULATION, structures())
    [section] = [s for s in annex(result) if s.title == "Graduatorie dei premi"]
    assert not section.public  # a graduatoria may be one person's premium: the internal Relazione only
    # Ufficio uno € 600 to A1 400 + A2 200; Ufficio due € 400 to B1; Ufficio tre € 0, C1 listed and paid nothing;
    # each counted in its graduatoria's share as listed (everyone has a card)
    assert [(r[1], r[2], r[3], r[4], str(r[5]), str(r[6]), str(r[7])) for r in section.rows] == [
        ("Ufficio uno", 2, 2, 2, "600.00", "600.00", "0.00"),
        ("Ufficio due", 1, 1, 1, "400.00", "400.00", "0.00"),
        ("Ufficio tre", 1, 1, 0, "0.00", "0.00", "0.00"),
    ]
    assert {r[0] for r in section.rows} == {"valorizzazione"}
    # whom a graduatoria counts but does not pay leaves their share in it: the part's method says where it goes (a
    # formula that pays less leaves it in the residuo), so the note never promises it to the colleagues
    assert "la sua quota resta nella graduatoria" in section.note and "va agli altri" not in section.note


def test_the_scheda_of_someone_without_a_card_says_so_plainly(ciclope_ente, tmp_path):
    """C1 has no card and no evaluator written: the scheda personale says «Nessun punteggio individuale», not
    «Punteggio complessivo: — · livello: —» nor that «the score comes from the other elements» (there is none), and
    the ente signs where no evaluator does."""
    from ciclope.core.schede.content import build
    from ciclope.core.schede.render import render

    files = structures()
    files["evaluations.csv"] = "\n".join(files["evaluations.csv"].splitlines()[:-1]) + "\n"  # C1 without a card
    result = run_declared(ciclope_ente, tmp_path, REGULATION, files)
    page = render(build(result, "C1"))
    assert "<p>Nessun punteggio individuale.</p>" in page and "Punteggio complessivo" not in page
    assert "Nessuna scheda di valutazione individuale.</p>" in page and "altri elementi qui sotto" not in page
    assert "Per l'ente<br>" in page and "Il valutatore<br>—" not in page
    # A1, with a card and the card's evaluator, keeps the score and the evaluator's signature: 80 on 100 are
    # 80 × 25 / 100 = 20 points of the regulation's scale (su = 25), which it reads first
    page = render(build(result, "A1"))
    assert (
        "Punteggio complessivo: <span class=\"big\">20,00</span> su 25 (80,00 su 100)" in page
        and "Il valutatore<br>Segretario" in page
    )
