"""Words on the pages: a fund by its label, never its key; the grado di differenziazione a pure number (rules/core.md
§6: «4,11», never money)."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core.inputs.config import load_config
from ciclope.core.reports import html, sheets, transparency, xlsx
from ciclope.core.run.runner import compute

from helpers import run_declared


def computed(example, name: str):
    plan = load_config(example(name) / "cycle.toml")
    return compute(plan.enti[0], plan.year)


def test_the_bergamo_relazione_names_no_fund_by_its_key(example):
    page = html.render(computed(example, "bergamo"))
    assert "fuori dal fondo dei premi per la performance individuale" in page
    assert "performance_individuale" not in page and "risultato_po" not in page


def test_the_comunita_montane_art_28_table_prints_the_grado_as_a_number(example):
    result = computed(example, "comunita_montane")
    (section,) = [s for s in result.sections if s.title.startswith("Trasparenza, valutazione e merito")]
    values = {row[1]: row[2] for row in section.rows}
    # intermedia: 1,714.29 + 857.14 + 1,714.29 + 1,714.29 = 6,000.01 over 4 = 1,500.00 per capita; bassa: 4 × 428.57
    # = 1,714.28 over 4 = 428.57; 1,500.00 / 428.57 = 3.50001… → 3.50, bassa over itself 1.00; alta holds one person
    assert values["fascia intermedia: grado di differenziazione"] == Decimal("3.50")
    assert values["fascia bassa: grado di differenziazione"] == Decimal("1.00")
    assert values["fascia alta: grado di differenziazione"] == "riservato"
    page = html.render(result)
    assert "grado di differenziazione</td><td>3,50</td>" in page and "€ 3,50" not in page and "€ 1,00" not in page


# An ente of five employees evaluated by the OIV, with no dirigente, Segretario or PO, no attestation of the OIV in
# ente.toml, under a declared regulation that pays a budget and excludes a score below 60 with a state of its own.
NO_HEADS = {
    "units.csv": "id,name,kind,parent,head\ncom,Istituto di prova,ente,,\n",
    "objectives.csv": "id,kind,title,parent,area,weight,owner\nOB1,operational,Servizi,,,,com\n",
    "indicators.csv": "id,objective,name,type,weight,baseline,target,actual,target_mid,actual_mid,neutralized,"
    "reason,source\nIN1,OB1,Pratiche,higher,,,10,8,,,,,\n",
    "people.csv": "id,name,role,category,unit,fte,absence_days,insufficient,evaluator\n"
    + "".join(f"P{i},Persona {i},dipendente,C,com,1,0,false,OIV\n" for i in range(1, 6)),
    "evaluations.csv": "person,evaluator,section,item,max_points,points,weight\n"
    + "".join(f"P{i},OIV,scheda,Valutazione complessiva,100,{s},\n" for i, s in zip(range(1, 6), (90, 85, 80, 75, 50))),
    "ente.toml": 'name = "Istituto di prova"\n[funds]\nperformance_individuale = "1000.00"\n'
    '[evaluators]\nOIV = "Organismo indipendente di valutazione"\n',
}
BUDGET_PART = """\
formato = 2
[atto]
titolo = "SMVP dell'Istituto di prova"
tipo_ente = "comune"

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
stato = "valutazione_negativa"
fonte = "art. 7"

[[premi]]
nome = "produttività"
metodo = "budget"
fonte = "art. 9"

[etichette]
valutazione_negativa = "valutazione individuale negativa (esclusione dalla graduatoria di merito)"
"""


def no_heads(ciclope_ente, tmp_path):
    return run_declared(ciclope_ente, tmp_path, BUDGET_PART, NO_HEADS)


def test_how_to_read_the_numbers_is_true_of_a_budget_whose_cents_stay_residual(ciclope_ente, tmp_path):
    """A budget's premiums are «fino a» amounts, rounded down: their cents stay in the residual, they never go «ai
    resti più alti»; the note says both rules, each of what it applies to (rules/core.md §4)."""
    page = html.render(no_heads(ciclope_ente, tmp_path))
    assert "un fondo ripartito dà a ciascuno" not in page
    assert (
        "un importo «fino a» (un massimo per persona, un budget individuale) per difetto, e i centesimi che lascia "
        "restano nel residuo del fondo; un fondo ripartito in proporzione dà a ciascuno la sua quota per difetto"
    ) in page


def test_a_merged_group_of_outcomes_reads_as_a_phrase(ciclope_ente, tmp_path):
    """Four «valutato» and one excluded by a state of the regulation: the lone one merges with the group beside it
    (rules/core.md §6), and the row, the whole group, says so without listing outcomes (a list would leave out whoever
    is excluded for a personal reason), never «valutato e valutazione individuale …»."""
    rows = {row[2]: row for row in transparency_rows(no_heads(ciclope_ente, tmp_path))}
    # P1..P4 paid budget 1000 × 1 / 5 = 200 × score / 100: 180 + 170 + 160 + 150 = 660.00; P5 (50) excluded
    merged = "tutti gli esiti, uniti per la riservatezza"
    assert merged in rows and rows[merged][3] == "5"
    assert not any(name.startswith("valutato e ") for name in rows)


def test_an_ente_without_dirigenti_nor_po_says_so_once(ciclope_ente, tmp_path):
    page = html.render(no_heads(ciclope_ente, tmp_path))
    assert "non ha dirigenti né posizioni organizzative che ne svolgano le funzioni: la scheda d non ha righe." in page
    assert "Nessun dirigente tra il personale." not in page
    assert "la scheda d riporta anche le posizioni organizzative" not in page


def test_the_workbook_scheda_d_says_what_the_relazione_says_of_an_ente_without_heads(ciclope_ente, tmp_path):
    """Neither dirigenti nor PO/EQ: the sheet «Responsabili (scheda d)» says it has no rows, as the Relazione does,
    never that it lists the posizioni organizzative it does not have."""
    (table,) = [t for t in sheets.tables(no_heads(ciclope_ente, tmp_path)) if t.title.endswith("(scheda d)")]
    assert table.rows == []
    assert table.note == (
        "Scheda d — Responsabili con funzioni dirigenziali. L'ente non ha dirigenti né posizioni organizzative che "
        "ne svolgano le funzioni: la scheda d non ha righe."
    )


def test_the_table_of_premiums_by_band_says_whom_its_mean_counts(ciclope_ente, tmp_path):
    """«Persone» of the premiums by fund and band counts everyone with an amount, 0 too, «Non pagate» those at 0, and
    the mean is over the people paid, as the published tables count it: said under the table."""
    page = html.render(no_heads(ciclope_ente, tmp_path))
    assert "Premi per fondo e fascia" not in page  # no band: the table is by fund alone, with no column of dashes
    table = page.split("Premi per fondo (dati aggregati)")[1]
    assert "<th>Fascia</th>" not in table.split("</table>")[0]
    assert (
        "</table>\n<p class=\"muted\">Persone: chi ha un importo nel fondo, anche 0 (un escluso, chi resta sotto la "
        "soglia); Non pagate: quante di loro hanno 0. Media, minimo e massimo sono sui pagati, come nei dati "
        "pubblicati.</p>" in table.split("<h3>")[0]
    )


def transparency_rows(result) -> list[list[str]]:
    text = transparency.render(result).lstrip("\ufeff")
    return [line.split(";") for line in text.splitlines()[1:]]


def test_a_performance_the_oiv_did_not_attest_says_it_is_the_computed_one(ciclope_ente, tmp_path):
    """ente.toml writes no [atti] attestazione_oiv, which an office writes only where the OIV's value differs (SPEC
    §5): the attested performance is the computed 80% (IN1 8 of 10), and the Relazione says it is the computed one,
    never a figure as the OIV's own; schede.xlsx keeps the number."""
    result = no_heads(ciclope_ente, tmp_path)
    page = html.render(result)
    assert (
        "Performance organizzativa attestata: <b>80,00%</b>, la calcolata (l'OIV non ha indicato un valore "
        "diverso)" in page
    )
    assert "80,00% (la calcolata)" in page  # the box of the figures
    xlsx.write(result, tmp_path / "schede.xlsx")
    summary = {row[0]: row[1] for row in workbook_rows(tmp_path / "schede.xlsx")}
    assert summary["Performance attestata dall'OIV"] == summary["Performance dell'ente (calcolata)"] == 0.8
    # written in ente.toml, the OIV's value is the attested one, as before
    attested = {**NO_HEADS, "ente.toml": NO_HEADS["ente.toml"] + "[approvals]\noiv_attested = 0.75\n"}
    (tmp_path / "b").mkdir()
    page = html.render(run_declared(ciclope_ente, tmp_path / "b", BUDGET_PART, attested))
    # the flag beside the two figures is a sentence of its own, capital and full stop, not a label in lower case
    assert (
        "Performance organizzativa attestata: <b>75,00%</b> (calcolata: 80,00%). <span class=\"flag warn\">Il valore "
        "attestato è diverso da quello calcolato.</span><br><b>Giudizio:</b>" in page
    )
    assert "la calcolata" not in page


def workbook_rows(path) -> list[tuple]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    return [
        row for ws in wb.worksheets for row in ws.iter_rows(values_only=True) if len(row) > 1 and row[0] is not None
    ]


LEVELS_AND_MINIMUM = """\
formato = 2
[atto]
titolo = "Criteri dei premi dell'Istituto di prova"
tipo_ente = "comune"

[livelli]
fonte = "art. 3"
scala = [{ nome = "ottimo", da = 90 }, { nome = "buono", da = 75 }, { nome = "sufficiente", da = 60 }]

[[esclusioni]]
regola = "punteggio_minimo"
minimo = 60
fonte = "art. 4"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 5"
"""


def test_a_merged_group_ending_with_an_e_word_is_joined_by_ed(ciclope_ente, tmp_path):
    """The Provincia's groups: «buono, sufficiente ed «escluso …»», as Italian joins a word that starts with «e»; the
    outcome in guillemets beside the levels it merges with, a name and not a level."""
    scores = (95, 92, 91, 80, 78, 65, 62, 50)  # ottimo 3; buono 2; sufficiente 2; below 60, excluded, 1
    files = dict(NO_HEADS)
    files["people.csv"] = "id,name,role,category,unit,fte,absence_days,insufficient,evaluator\n" + "".join(
        f"P{i},Persona {i},dipendente,C,com,1,0,false,OIV\n" for i in range(1, len(scores) + 1)
    )
    files["evaluations.csv"] = "person,evaluator,section,item,max_points,points,weight\n" + "".join(
        f"P{i},OIV,scheda,Valutazione complessiva,100,{s},\n" for i, s in enumerate(scores, 1)
    )
    rows = {row[2]: row for row in transparency_rows(run_declared(ciclope_ente, tmp_path, LEVELS_AND_MINIMUM, files))}
    # buono (2) is under 3 people and merges with sufficiente (4 people, all paid); the lone excluded one goes up
    # into it: 5 people, 4 paid
    merged = "buono, sufficiente ed «escluso per punteggio sotto il minimo»"
    assert merged in rows and (rows[merged][3], rows[merged][8]) == ("5", "1")
    assert not any(" e escluso" in name for name in rows)


def test_the_conjunction_before_a_word_starting_with_e_is_ed():
    from ciclope.core import fmt

    assert fmt.listed(["alta", "intermedia"]) == "alta e intermedia"
    assert fmt.listed(["buono", "sufficiente", "escluso"]) == "buono, sufficiente ed escluso"
    assert fmt.listed(["«valutato»", "«esclusa»"]) == "«valutato» ed «esclusa»"  # the quote is not the word
    assert fmt.listed(["la persona è assente", "è cessata"], commas=False) == "la persona è assente ed è cessata"
    assert fmt.listed(["a", "b", "c"], commas=False) == "a e b e c" and fmt.listed(["solo"]) == "solo"


def test_an_evaluator_who_is_not_staff_is_named_in_the_people_s_sheet(ciclope_ente, tmp_path):
    """schede.xlsx's «Valutazioni individuali» showed the code «OIV» of an evaluator outside the staff, a code no other
    column explains: the name ente.toml [valutatori] gives, alone, as the Relazione says it (its key is no reader's
    word; a person of the ente keeps their code, the Codice of a row of the same sheet)."""
    from openpyxl import load_workbook

    path = tmp_path / "schede.xlsx"
    xlsx.write(no_heads(ciclope_ente, tmp_path), path)
    rows = list(load_workbook(path)["Valutazioni individuali"].iter_rows(values_only=True))
    column = rows[0].index("Valutatore")
    assert {r[column] for r in rows[1:]} == {"Organismo indipendente di valutazione"}


def test_the_organisational_performance_s_fund_is_named_as_the_individual_one(ciclope_ente, tmp_path):
    # two parts, one per fund, the funds named as the uses of the fondo risorse decentrate: both by their words
    funds = '[funds]\nperformance_individuale = "1000.00"\nperformance_organizzativa = "500.00"\n'
    data = {
        **NO_HEADS,
        "ente.toml": NO_HEADS["ente.toml"].replace('[funds]\nperformance_individuale = "1000.00"\n', funds),
    }
    text = BUDGET_PART.replace('metodo = "budget"', 'metodo = "proporzionale"\nfondo = "performance_individuale"')
    text = text.replace("[etichette]", '[[premi]]\nnome = "unità"\nmetodo = "proporzionale"\nfondo = '
                        '"performance_organizzativa"\nfonte = "art. 10"\n\n[etichette]')  # fmt: skip
    page = html.render(run_declared(ciclope_ente, tmp_path, text, data))
    assert "Premi per la performance organizzativa" in page and "Premi per la performance individuale" in page
    assert "Fondo performance organizzativa" not in page


def test_the_scheda_d_of_an_ente_whose_only_head_is_the_segretario_says_so(ciclope_ente, tmp_path):
    """A Segretario who heads the ente, five dipendenti, no EQ: the Relazione and the workbook say the scheda d lists
    the Segretario, never that it «riporta anche» the PO it does not have."""
    files = dict(NO_HEADS)
    files["units.csv"] = "id,name,kind,parent,head\ncom,Istituto di prova,ente,,SEG\n"
    files["people.csv"] = NO_HEADS["people.csv"] + "SEG,Segretario,segretario,DIR,com,1,0,false,\n"
    result = run_declared(ciclope_ente, tmp_path, BUDGET_PART, files)
    page = html.render(result)
    # a regulation without a comparto names the role as its own words do: «PO»
    said = "L&#x27;ente non ha dirigenti né PO: la scheda d riporta il Segretario."
    assert said in page and "riporta anche" not in page
    [sheet] = [t for t in sheets.tables(result) if t.title == "Responsabili (scheda d)"]
    assert sheet.note.endswith("L'ente non ha dirigenti né PO: la scheda d riporta il Segretario.")


def test_the_outcomes_of_the_premium_count_everyone(ciclope_ente, tmp_path):
    """«Esiti della premialità» listed only the outcomes a rule gave (the one person excluded), as if the people paid
    had no outcome: it counts every person of the premium once, with the «Esito» of the Premi sheet, and the total."""
    page = html.render(no_heads(ciclope_ente, tmp_path))
    table = page.split("<h3>Esiti della premialità</h3>\n", 1)[1].split("</table>", 1)[0]
    # P1–P4 at 90, 85, 80 and 75 points are evaluated and paid: 4; P5 at 50 is below the minimum of 60: 1; 4 + 1 = 5
    assert table.split("<tbody>\n", 1)[1] == (
        '<tr><td>valutato</td><td class="num">4</td></tr>\n'
        "<tr><td>valutazione individuale negativa (esclusione dalla graduatoria di merito)</td>"
        '<td class="num">1</td></tr>\n'
        '<tr class="total"><td>Totale</td><td class="num">5</td></tr>\n'
        "</tbody>"
    )


def test_outcomes_merged_with_levels_are_named_in_guillemets():
    """A public row merging two levels with two outcomes (a Ragioneria's staff): without guillemets «seconda fascia,
    terza fascia, non valutato e valutato, senza livello» reads as four or five groups, and «non valutato e valutato»
    as a contradiction; each outcome is a name of its own."""
    from ciclope.core.reports.transparency import _joined

    outcomes = frozenset({"non valutato", "valutato, senza livello"})
    names = ["seconda fascia", "terza fascia", "non valutato", "valutato, senza livello"]
    assert _joined(names, outcomes) == "seconda fascia, terza fascia, «non valutato» e «valutato, senza livello»"
    assert _joined(["alta", "intermedia"], outcomes) == "alta e intermedia"  # levels alone, as they were


def test_the_internal_relazione_says_its_data_files_and_the_command_in_italian(example):
    """The notes of the internal Relazione: the office's files under «File dei dati» (the section is «Regolamento e
    dati»), never «File di input»; how to redo a figure is the command with its arguments said in words (the options
    are English: «--person» would be an English word on the page), the ente by its id, never «con ciclope explain.»
    with a bare command and a dot after it."""
    page = html.render(computed(example, "bergamo"))
    assert "<th>File dei dati</th>" in page, page[page.index("Impronta SHA-256") - 300 :][:400]
    assert "File di input" not in page and "file di input" not in page
    said = (
        "<li>Ogni cifra si può ricostruire fino alle celle dei file dei dati con il comando <code>ciclope explain</code> "
        "seguito dal file del ciclo, dall'ente (bg-esempio) e dal codice della persona o dal nome del fondo.</li>"
    )
    assert said in page, page[page.index("Ogni cifra si può") - 20 :][:400]
