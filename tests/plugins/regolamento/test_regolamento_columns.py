"""Per-person data a regulation declares ([[colonne]], formato 2): a column of persone.csv that ciclope does not read
by itself (the guards of the year, a weight for the way of working), read by the formulas with the unit of its type,
said by its meaning, and traced to its cell. Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain
from ciclope.plugins.regolamento.format.expr import BOOL, EURO, NUMBER, TEXT, Name, nodes
from ciclope.plugins.regolamento.format.quantities import PLACES, Quantity
from ciclope.plugins.regolamento.read.formulas import FormulaError, Scope, read
from ciclope.plugins.regolamento.read.load import load
from ciclope.plugins.regolamento.say.articles import render

from helpers import (
    STAFF_HEADER,
    amounts,
    next_year,
    one_unit_comune,
    placed,
    regulation_problems,
    regulation_text,
    run_declared,
    sheet_values,
)

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "guardie"
tipo = "numero"
significato = "le guardie notturne e festive dell'anno"
fonte = "art. 21 c. 3"
"""
# A premium for the night and holiday guards: 25 € each, paid from a fund of its own; what the guards do not take
# stays in the fund.
GUARDS = (
    HEAD
    + """
[[premi]]
nome = "guardie"
metodo = "formula"
fondo = "guardie"
importo = "=guardie * 25"
tempo_parziale = "intero"
fonte = "art. 21 c. 4"
"""
)


def people(column: str, values: dict[str, str]) -> dict[str, str]:
    """A Comune whose people.csv has the declared ``column``: person → the cell as written; a card of 100 points
    at 80 for each."""
    rows = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG,{cell}" for pid, cell in values.items()]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,80," for pid in values]
    files = one_unit_comune("Comune di Esempio", [], cards, '[funds]\nguardie = "2000.00"\n')
    files["people.csv"] = (
        "\n".join([f"{STAFF_HEADER},{column}", "SEG,Segretario,segretario,DIR,com,1,0,false,,0", *rows]) + "\n"
    )
    return files


def test_a_premium_for_the_guards_read_from_a_declared_column(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GUARDS, people("guardie", {"A": "12", "B": "30", "C": "0"}))
    # A 12 × 25 = 300.00; B 30 × 25 = 750.00; C 0 × 25 = 0
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "300.00", "B": "750.00", "C": "0.00"}
    pool = result.rewards.pools["guardie"]
    # 300 + 750 = 1050.00 paid of 2000.00: 950.00 stays in the fund, the fund whole
    assert (pool.distributed, pool.residual) == (Decimal("1050.00"), Decimal("950.00"))
    assert pool.distributed + pool.residual == Decimal("2000.00")


def test_the_trace_reaches_the_cell_of_the_column(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GUARDS, people("guardie", {"A": "12", "B": "30"}))
    read = {i.name: i for i in result.figures["award:B"].inputs}
    guards = read["le guardie notturne e festive dell'anno"]
    assert guards.value == Decimal("30")
    assert guards.cell == "people.csv:4:guardie"  # B is the fourth row: the header, SEG, A, B
    text = explain(result, "person", "B")
    assert "le guardie notturne e festive dell'anno" in text
    assert "← people.csv, riga 4, colonna guardie" in text


def test_an_aggregate_lists_each_person_s_cell(ciclope_ente, tmp_path):
    # the guards' fund shared by each one's guards over the mean: a person can redo the mean from the cells listed
    shared = GUARDS.replace('"=guardie * 25"', '"=10 € * guardie / MEDIA.ENTE(guardie)"')
    result = run_declared(ciclope_ente, tmp_path, shared, people("guardie", {"A": "12", "B": "30", "C": "0"}))
    # the mean over the part's people, A, B, C (not the Segretario): (12 + 30 + 0) / 3 = 14; B: 10 × 30 / 14 =
    # 21.428… → 21.43
    assert amounts(result)["B"] == "21.43"
    read = {i.name: i for i in result.figures["award:B"].inputs}
    mean = read["la media delle guardie notturne e festive dell'anno tra i dipendenti dell'ente"]  # the part's roles
    assert mean.value == Decimal(14)
    listed = result.figures[mean.ref]
    assert listed.value == Decimal(14)
    assert [(i.name, i.value, i.cell) for i in listed.inputs] == [
        ("Persona A (A)", Decimal(12), "people.csv:3:guardie"),
        ("Persona B (B)", Decimal(30), "people.csv:4:guardie"),
        ("Persona C (C)", Decimal(0), "people.csv:5:guardie"),
    ]
    text = explain(result, "person", "B")
    assert "• Persona A (A) = 12   ← people.csv, riga 3, colonna guardie" in text


def test_a_status_s_aggregate_lists_each_person_s_cell(ciclope_ente, tmp_path):
    # «non valutato chi ha svolto meno della metà delle guardie medie»: a status's condition reads a mean over the
    # people the regulation evaluates, and its explanation lists them, each with the cell, as a part's does
    text = (
        GUARDS
        + """
[[stati]]
nome = "poche_guardie"
etichetta = "meno della metà delle guardie medie"
coefficiente = 0
quando = "=guardie < MEDIA.ENTE(guardie) / 2"
fonte = "art. 21 c. 5"
"""
    )
    result = run_declared(ciclope_ente, tmp_path, text, people("guardie", {"A": "12", "B": "30", "C": "3"}))
    # the people the regulation evaluates, A, B and C (not the Segretario, whose 0 would lower the mean):
    # (12 + 30 + 3) / 3 = 15, half 7.5; C (3) is under it, A (12) and B (30) are not
    assert {pid for pid, s in result.scores.items() if s.status == "poche_guardie"} == {"C"}
    read = {i.name: i for i in result.figures["score:C:status"].inputs}
    mean = read["la media delle guardie notturne e festive dell'anno nell'ente"]
    assert mean.value == Decimal(15)
    listed = result.figures[mean.ref]
    assert listed.source == "Regolamento del Comune di Esempio, art. 21 c. 5"
    assert [(i.name, i.value, i.cell) for i in listed.inputs] == [
        ("Persona A (A)", Decimal(12), "people.csv:3:guardie"),
        ("Persona B (B)", Decimal(30), "people.csv:4:guardie"),
        ("Persona C (C)", Decimal(3), "people.csv:5:guardie"),
    ]
    assert "• Persona C (C) = 3   ← people.csv, riga 5, colonna guardie" in explain(result, "person", "C")


def test_a_status_written_in_the_row_holds_for_any_role(ciclope_ente, tmp_path):
    # the office's own word in the column stato is read for everyone, the Segretario too; a condition is not
    text = (
        GUARDS
        + """
[[stati]]
nome = "assente"
etichetta = "assente tutto l'anno"
coefficiente = 0
fonte = "art. 21 c. 6"

[[stati]]
nome = "senza_guardie"
etichetta = "nessuna guardia nell'anno"
coefficiente = 0
quando = "=guardie = 0"
fonte = "art. 21 c. 5"
"""
    )
    files = people("guardie", {"A": "12", "B": "0"})
    header, seg, *rows = files["people.csv"].splitlines()
    files["people.csv"] = "\n".join([f"{header},stato", f"{seg},assente", *(r + "," for r in rows)]) + "\n"
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # the Segretario (0 guards, not evaluated): his written status, never the condition's; B (0 guards): the condition
    assert {pid: s.status for pid, s in result.scores.items()} == {
        "SEG": "assente",
        "A": "evaluated",
        "B": "senza_guardie",
    }
    assert [(i.name, i.cell) for i in result.figures["score:SEG:status"].inputs] == [
        ("stato", "people.csv:2:declared_status")
    ]
    assert "← people.csv, riga 2, colonna stato" in explain(result, "person", "SEG")


def test_a_weight_reads_a_declared_column(ciclope_ente, tmp_path):
    text = (
        HEAD.replace('nome = "guardie"', 'nome = "modalita"')
        .replace('tipo = "numero"', 'tipo = "percentuale"')
        .replace("le guardie notturne e festive dell'anno", "il peso della modalità di servizio")
        + """
[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "guardie"
peso = "=punteggio * modalita"
fonte = "art. 22"
"""
    )
    files = people("modalita", {"A": "100%", "B": "50%", "C": "0.5"})
    result = run_declared(ciclope_ente, tmp_path, text, files)
    # weights 80 × 1 = 80, 80 × 0.5 = 40, 80 × 0.5 = 40; Σ 160: 2000 × 80 / 160 = 1000.00, 2000 × 40 / 160 = 500.00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "1000.00", "B": "500.00", "C": "500.00"}
    # a column of percentages reads as one wherever it is explained, however the cell was written (0.5 is 50%)
    assert "  • il peso della modalità di servizio = 50%   ← people.csv, riga 5, colonna modalita\n" in explain(
        result, "person", "C"
    )
    assert "  • il peso della modalità di servizio = 100%   ← people.csv, riga 3, colonna modalita\n" in explain(
        result, "person", "A"
    )
    # the person's weight and the sum it is divided by, so the premium is redone by hand: 2000 × 40 / 160 = 500.00
    said = explain(result, "person", "B")
    assert "  • peso = 40\n  • Σ pesi = 160\n" in said


def test_an_empty_cell_read_by_a_formula_is_an_error_naming_the_person(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, GUARDS, people("guardie", {"A": "12", "B": ""}))
    # A 12 × 25 = 300.00; B has no value, not zero: nothing, and an error says the row to write
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "300.00", "B": "0.00"}
    found = [p for p in result.violations if p.rule == "regolamento.formula"]
    # one error, at the cell to write (row 4: header, SEG, A, B)
    assert [(p.file, p.row, p.column) for p in found] == [("people.csv", 4, "guardie")]
    assert [p.message for p in found] == [
        "la colonna «guardie» (le guardie notturne e festive dell'anno) è vuota per Persona B (scrivi il valore, 0 se "
        "non ce n'è): la parte «guardie», e ogni altra che la legge, non le paga nulla finché la cella è vuota"
    ]


def test_a_declared_column_missing_from_people_csv(ciclope_ente, tmp_path):
    files = people("guardie", {"A": "12"})
    files["people.csv"] = files["people.csv"].replace(",guardie\n", ",x_altro\n")
    result = run_declared(ciclope_ente, tmp_path, GUARDS, files)
    [missing] = [p for p in result.violations if p.rule == "regolamento.colonna"]
    assert (missing.file, missing.row, missing.column) == ("people.csv", 1, "guardie")
    assert "manca la colonna «guardie» dichiarata in [[colonne]]" in missing.message
    # said once, for the column: not again as an empty cell of each person's row, which has no cell to fill
    assert [p.message for p in result.violations if p.rule == "regolamento.formula"] == []


def test_a_cell_that_is_not_a_number_names_file_row_and_column(ciclope_ente, tmp_path):
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, GUARDS, people("guardie", {"A": "12", "B": "dodici"}))
    bad = [p for p in refused.value.problems if p.column == "guardie"]
    assert len(bad) == 1
    assert (bad[0].file, bad[0].row) == ("people.csv", 4)
    assert "dodici" in bad[0].message


def test_a_cell_outside_the_column_s_bounds_is_an_error_at_its_row(ciclope_ente, tmp_path):
    """«fino a 30 guardie nell'anno»: massimo = 30, and a cell of 31 (B, row 4: header, SEG, A, B) is refused at its
    cell, never paid 31 × 25; a bound of a text column, or a minimo above the massimo, is said where it is written."""
    text = GUARDS.replace('fonte = "art. 21 c. 3"', 'minimo = 0\nmassimo = 30\nfonte = "art. 21 c. 3"', 1)
    assert run_declared(ciclope_ente, tmp_path, text, people("guardie", {"A": "12", "B": "30"})) is not None
    (tmp_path / "b").mkdir()
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path / "b", text, people("guardie", {"A": "12", "B": "31"}))
    [bad] = [p for p in refused.value.problems if p.column == "guardie"]
    assert (bad.file, bad.row) == ("people.csv", 4)
    assert bad.message.endswith("guardie è al più 30 ([[colonne]] massimo), trovato «31»; riga di Persona B (B)")
    assert regulation_problems(tmp_path, text.replace("minimo = 0", "minimo = 40")) == [
        "riga 10, chiave colonne[1].minimo: minimo (40) sopra il massimo (30)"
    ]
    as_text = text.replace('tipo = "numero"', 'tipo = "testo"').replace("=guardie * 25", "=25")
    assert regulation_problems(tmp_path, as_text) == [
        "riga 10, chiave colonne[1].minimo: minimo vale per una colonna di numeri, non «testo»"
    ]


def test_without_the_declaration_the_column_is_unknown(ciclope_ente, tmp_path):
    text = GUARDS.replace(HEAD, HEAD.split("[[colonne]]")[0]).replace("=guardie * 25", "=25")
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, text, people("guardie", {"A": "12"}))
    assert any(p.rule == "core.input.unknown_column" and p.column == "guardie" for p in refused.value.problems)


def test_a_name_not_declared_is_refused_with_the_nearest(tmp_path):
    said = regulation_problems(tmp_path, GUARDS.replace("=guardie * 25", "=guardia * 25"))
    assert len(said) == 1
    assert "nome sconosciuto «guardia» (forse «guardie»?)" in said[0]
    assert "premi[1].importo" in said[0]


def test_an_unknown_name_that_could_be_a_column_says_how_to_declare_it(tmp_path):
    """«giorni_presenza» is no name of the formulas but could be a column of the office's data: the message says how
    to declare it, with the keys of [[colonne]] as the guide writes them."""
    said = regulation_problems(tmp_path, GUARDS.replace("=guardie * 25", "=giorni_presenza * 25"))
    assert len(said) == 1
    assert "nome sconosciuto «giorni_presenza»" in said[0]
    assert (
        "se è un dato dell'ente che ciclope non legge, dichiaralo come colonna di persone.csv in [[colonne]]: "
        'nome = "giorni_presenza", tipo = "numero" (o euro, giorni, percentuale, punti, testo, sì/no, data, anno), '
        'significato = "…", fonte = "art. …"'
    ) in said[0]
    assert "; nomi ammessi: " in said[0]  # the names allowed are still listed


def test_an_unknown_name_that_cannot_be_a_column_says_no_declaration(tmp_path):
    """«x_note» (an office's note) and «codice» (people.csv's column ciclope reads already) cannot be declared: no
    hint to declare them."""
    for wrong in ("x_note", "codice"):
        said = regulation_problems(tmp_path, GUARDS.replace("=guardie * 25", f"={wrong} * 25"))
        assert len(said) == 1 and f"«{wrong}»" in said[0]
        assert "[[colonne]]" not in said[0]


@pytest.mark.parametrize("wrong", ['tipo = "mesi"', 'tipo = ["numero"]', "significato = 3"])
def test_a_column_declared_wrong_is_no_unknown_name_in_the_formulas(tmp_path, wrong):
    """One mistake, one message: the column is declared, so the formula that reads it does not call it unknown."""
    key = wrong.split(" = ")[0]
    text = GUARDS.replace(next(line for line in HEAD.splitlines() if line.startswith(f"{key} = ")), wrong)
    assert text != GUARDS
    said = regulation_problems(tmp_path, text)
    assert len(said) == 1 and f"chiave colonne[1].{key}" in said[0], said


@pytest.mark.parametrize(
    "name, problem",
    [
        ("punteggio", "«punteggio» è già un nome delle formule (il punteggio): scegli un altro nome"),
        ("media", "«media» è il nome di una funzione delle formule (MEDIA): scegli un altro nome"),
        # the sanction is read by the formulas too (the progressioni's candidates): a name of theirs
        ("sanzione", "«sanzione» è già un nome delle formule (la sanzione disciplinare): scegli un altro nome"),
        ("cessazione", "«cessazione» è già una colonna di persone.csv che ciclope legge: scegli un altro nome"),
        # the time worked is a name of the formulas, by its header and by its name of before
        (
            "quota_tempo",
            "«quota_tempo» è già un nome delle formule (il tempo lavorato (la quota del tempo pieno)): scegli un altro "
            "nome",
        ),
        (
            "fte",
            "«fte» è già un nome delle formule (il tempo lavorato (la quota del tempo pieno)): scegli un altro nome",
        ),
        ("giorni_assenza", "«giorni_assenza» è già una colonna di persone.csv che ciclope legge: scegli un altro nome"),
        ("Guardie", "nome «Guardie» non ammesso: lettere minuscole senza accenti"),
        ("x_guardie", "le colonne che cominciano con x_ sono note dell'ufficio"),
    ],
)
def test_a_name_that_clashes_is_refused(tmp_path, name, problem):
    said = regulation_problems(tmp_path, HEAD.replace('nome = "guardie"', f'nome = "{name}"'))
    assert any("chiave colonne[1].nome" in m and problem in m for m in said), said


def test_a_column_declared_twice(tmp_path):
    said = regulation_problems(tmp_path, HEAD + "\n[[colonne]]" + HEAD.split("[[colonne]]")[1])
    assert any("colonna «guardie» dichiarata due volte" in m for m in said), said


def test_the_unit_of_a_column_is_checked(tmp_path):
    text = HEAD.replace('tipo = "numero"', 'tipo = "euro"') + (
        """
[[premi]]
nome = "guardie"
metodo = "proporzionale"
fondo = "guardie"
ammesso = "=guardie >= punteggio"
fonte = "art. 21 c. 4"
"""
    )
    said = regulation_problems(tmp_path, text)
    assert any("il confronto «>=»: non si combinano euro e punti" in m for m in said), said


def test_the_declaration_is_of_format_two(tmp_path):
    said = regulation_problems(tmp_path, HEAD.replace("formato = 2", "formato = 1"))
    assert any("chiave colonne: la chiave è del formato 2" in m for m in said), said


def said(tmp_path: Path, text: str) -> str:
    """What `ciclope regolamento leggi` says of the regulation ``text`` (read without a problem)."""
    path = tmp_path / "smvp.toml"
    path.write_text(text, encoding="utf-8")
    regulation, found = load(str(path))
    assert found == () and regulation is not None
    return render(regulation)


def test_leggi_says_the_column_by_its_meaning(tmp_path):
    text = said(tmp_path, GUARDS)
    assert "I dati per persona dichiarati (art. 21 c. 3)" in text
    assert (
        "La colonna guardie dell'elenco del personale dice, per ciascuno, le guardie notturne e festive dell'anno "
        "(un numero); le formule la leggono con il nome guardie." in text
    )
    assert "le guardie notturne e festive dell'anno × 25" in text  # the formula said by the column's meaning


@pytest.mark.parametrize(
    "bounds, kind, range_said",
    [
        ("minimo = 0\nmassimo = 30", "numero", "un numero da 0 a 30"),
        ("minimo = 0", "numero", "un numero da 0 in su"),
        ("massimo = 30", "numero", "un numero fino a 30"),
        ('minimo = "100.00"\nmassimo = "500.00"', "euro", "un importo in euro da € 100,00 a € 500,00"),
        ('massimo = "50%"', "percentuale", "una percentuale fino a 50%"),
    ],
)
def test_leggi_says_a_column_s_bounds_in_its_own_sentence(tmp_path, bounds, kind, range_said):
    """«fino a 30 guardie»: the bounds are said once, in the column's sentence and by its name, never as the key's
    description followed by the bound («Inoltre: per una colonna di numeri, il valore più basso ammesso …: 0.»)."""
    text = GUARDS.replace('fonte = "art. 21 c. 3"', f'{bounds}\nfonte = "art. 21 c. 3"', 1)
    text = text.replace('tipo = "numero"', f'tipo = "{kind}"', 1).replace("=guardie * 25", "=25")
    article = said(tmp_path, text)
    assert (
        f"La colonna guardie dell'elenco del personale dice, per ciascuno, le guardie notturne e festive dell'anno "
        f"({range_said}); le formule la leggono con il nome guardie." in article
    )
    assert "Inoltre" not in article and "il valore più" not in article


# --- A declared column in each place of formulas, with its unit -----------------------------------------------------
COLUMNS = {
    "guardie": Quantity(NUMBER, "le guardie notturne e festive dell'anno"),
    "indennita": Quantity(EURO, "l'indennità di turno dell'anno"),
    "reparto": Quantity(TEXT, "il reparto"),
}


@pytest.mark.parametrize(
    "place, written, problem",
    [
        ("importo", "=guardie * 25", ""),
        ("importo", "=indennita * 10%", ""),
        ("importo", "=DI(indennita; sostituito) * giorni / giorni_anno", ""),
        ("ammesso", '=reparto = "pronto soccorso"', ""),
        ("ammesso", "=indennita > punteggio", "il confronto «>»: non si combinano euro e punti"),
        ("peso", "=punteggio * guardie", ""),
        ("riparto_graduatorie", "=fte * guardie", ""),  # everyone in service: a declared column, not the score
        ("livello", '=SE(guardie > 10; "A"; "B")', ""),
        (
            "soglia",
            "=guardie",
            "la soglia del livello vale per tutti: «guardie» di una persona si legge dentro una funzione sulle "
            "persone, es. MEDIA.ENTE(punteggio)",
        ),
        ("stato", "=guardia > 0", "nome sconosciuto «guardia» (forse «guardie»?)"),
        ("importo", "=reparto * 2", "«*» vuole numeri, non un testo"),
    ],
)
def test_a_declared_column_in_each_place(place, written, problem):
    scope = Scope(PLACES[place], levels=("A", "B"), columns=COLUMNS)
    if not problem:
        found = read(written, scope)
        names = [n for n in nodes(found.tree) if isinstance(n, Name) and n.name in COLUMNS]
        assert names and all(n.words == COLUMNS[n.name].words for n in names)  # the words travel with the formula
        return
    with pytest.raises(FormulaError) as refused:
        read(written, scope)
    assert str(refused.value).startswith(problem)


def test_the_column_of_the_persone_sheet_of_ente_xlsx(tmp_path):
    from ciclope.core.testing import compute_ente

    from helpers import as_xlsx

    rules = tmp_path / "smvp.toml"
    rules.write_text(GUARDS, encoding="utf-8")
    written = tmp_path / "csv"
    written.mkdir()
    for name, text in people("guardie", {"A": "12", "B": "dodici"}).items():
        (written / name).write_text(text, encoding="utf-8")
    with pytest.raises(CiclopeError) as refused:
        compute_ente(as_xlsx(written, tmp_path / "xlsx"), "regolamento", 2024, {"regolamento": str(rules)})
    [bad] = [p for p in refused.value.problems if p.column == "guardie"]
    assert (bad.file, bad.row) == ("ente.xlsx[people]", 4)
    assert bad.message == "atteso un numero (es. 12,5 o 90%), trovato «dodici»; riga di Persona B (B)"


def test_next_year_s_template_reads_a_run_whose_regulation_declared_a_column(tmp_path, capsys):
    from ciclope.core.commands.cli import main

    # the data of the run are read again with the column the run's regulation declared (not refused as a column
    # nobody declared)
    folder = next_year(tmp_path, GUARDS, people("guardie", {"A": "12", "B": "30"}))
    err = capsys.readouterr().err
    assert "guardie" not in err
    # next year's folder starts from the run's own regulation, and its workbook has the declared column, empty: the
    # guards of 2024 are a fact of 2024, never next year's premium (the office writes 2025's)
    assert (folder / "smvp.toml").read_text(encoding="utf-8") == GUARDS
    assert 'regolamento = "smvp.toml"' in (folder / "cycle.toml").read_text(encoding="utf-8")
    assert sheet_values(folder / "comune" / "ente.xlsx", "guardie") == {"A": None, "B": None, "SEG": None}
    assert main(["validate", str(folder / "cycle.toml")]) in (0, 1)
    assert "guardie" not in capsys.readouterr().err  # the column is declared by the file beside it


def test_next_year_s_workbook_alone_has_the_run_s_declared_column(tmp_path):
    from ciclope.core.commands.cli import main

    folder = next_year(tmp_path, GUARDS, people("guardie", {"A": "12", "B": "30"}))
    # the workbook alone, from the same run: no regulation file beside it, the run's own declares the column
    book = tmp_path / "solo" / "ente-2025.xlsx"
    book.parent.mkdir()
    assert main(["template", "regolamento", str(book), "--from", str(folder.parent / "risultati" / "comune")]) == 0
    assert sheet_values(book, "guardie") == {"A": None, "B": None, "SEG": None}  # the column, for 2025's guards


def test_next_year_s_template_leaves_the_unit_s_datum_of_the_year_empty(tmp_path):
    folder = next_year(tmp_path, TURNOVER, sectors("4000000", "3000000"))
    # the turnover of 2024 is no turnover of 2025: the column is there, every unit's cell empty
    assert sheet_values(folder / "comune" / "ente.xlsx", "fatturato") == {
        "com": None,
        "VERDE": None,
        "MAN": None,
        "UFF": None,
    }


FACTS_AND_PROFILE = (
    HEAD
    + """
[[colonne]]
nome = "profilo"
tipo = "testo"
significato = "il profilo professionale"
fonte = "art. 3"

[[colonne]]
nome = "modalita"
tipo = "percentuale"
significato = "il peso per la modalità di servizio"
fonte = "art. 3"

[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_scritto"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
fonte = "art. 9"
"""
    + GUARDS.removeprefix(HEAD)
)


def test_next_year_s_template_empties_the_year_s_facts_and_keeps_what_lasts(tmp_path, capsys):
    files = people("guardie", {"A": "12", "B": "30"})
    rows = files["people.csv"].splitlines()
    # a sanction of 2024 for B, and each one's profile: a text that names what lasts
    files["people.csv"] = (
        "\n".join(
            [
                f"{rows[0]},sanzione,profilo,modalita",
                f"{rows[1]},,direttivo,100%",
                f"{rows[2]},,tecnico,50%",
                f"{rows[3]},multa,tecnico,100%",
            ]
        )
        + "\n"
    )
    folder = next_year(tmp_path, FACTS_AND_PROFILE, files)
    book = folder / "comune" / "ente.xlsx"
    # B's multa of 2024 would exclude B from 2025's premium if carried: the column is left empty, as the guards
    assert sheet_values(book, "sanzione") == {"A": None, "B": None, "SEG": None}
    assert sheet_values(book, "guardie") == {"A": None, "B": None, "SEG": None}
    assert sheet_values(book, "profilo") == {"A": "tecnico", "B": "tecnico", "SEG": "direttivo"}
    # a percentage names what lasts (a weight for the way of working, a share of a convenzione): carried, 50% and 100%
    assert sheet_values(book, "modalita") == {"A": 0.5, "B": 1, "SEG": 1}
    out = capsys.readouterr().out
    assert (
        "Le colonne dei fatti dell'anno sono vuote, da scrivere con quelli del nuovo anno: giorni_assenza (persone), "
        "sanzione (persone), guardie (persone); il resto dei dati viene dall'anno prima, da rileggere."
    ) in out


# --- A datum of the unit: elenco = "unità" ---------------------------------------------------------------------
# Bari Multiservizi: the premium of a sector's workers depends on the sector's turnover («Fatturato >= 3.800.000 …
# € 1.000,00»; below, half of it). The turnover is written once, on the sector's row of unità.csv; an office under
# the sector reads the sector's. The fund of 5.000,00 € is an example.
TURNOVER = """\
formato = 2
[atto]
titolo = "Premio di risultato"
tipo_ente = "altro"

[[colonne]]
nome = "fatturato"
tipo = "euro"
elenco = "unità"
significato = "il fatturato del settore"
fonte = "art. 2"

[[premi]]
nome = "premio di risultato"
metodo = "formula"
importo = '=SE(fatturato >= 3800000; 1000 €; 500 €)'
tempo_parziale = "intero"
fonte = "art. 3"
"""


def sectors(verde: str, manutenzione: str, ufficio: str = "") -> dict[str, str]:
    """Two sectors under the company, an office under «verde»; P1 in «verde», P2 in its office, P3 in
    «manutenzione»; each with a card of 100 points at 80."""
    files = one_unit_comune("Società", [], [f"{p},SEG,scheda,Valutazione,100,80," for p in ("P1", "P2", "P3")], "")
    files["units.csv"] = (
        "id,name,kind,parent,head,fatturato\n"
        "com,Società,ente,,SEG,\n"
        f"VERDE,Verde,area,com,SEG,{verde}\n"
        f"MAN,Manutenzione,area,com,SEG,{manutenzione}\n"
        f"UFF,Ufficio del verde,ufficio,VERDE,SEG,{ufficio}\n"
    )
    staff = [
        f"{p},Persona {p},dipendente,C,{unit},1,0,false,SEG"
        for p, unit in (("P1", "VERDE"), ("P2", "UFF"), ("P3", "MAN"))
    ]
    files["people.csv"] = "\n".join([STAFF_HEADER, "SEG,Segretario,segretario,DIR,com,1,0,false,", *staff]) + "\n"
    files["ente.toml"] += '[funds]\nperformance_individuale = "5000.00"\n'
    return files


def test_a_datum_of_the_unit_is_read_for_who_works_there(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TURNOVER, sectors("4000000", "3000000"))
    # P1 in «verde»: 4,000,000 ≥ 3,800,000 → 1,000.00; P2 in the office of «verde», its cell empty: the sector's
    # 4,000,000 → 1,000.00; P3 in «manutenzione»: 3,000,000 < 3,800,000 → 500.00. Paid 2,500.00 of 5,000.00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {
        "P1": "1000.00",
        "P2": "1000.00",
        "P3": "500.00",
    }
    assert result.rewards.pools["performance_individuale"].residual == Decimal("2500.00")
    read = {i.name: i for i in result.figures["award:P2"].inputs}
    assert read["il fatturato del settore"].cell == "units.csv:3:fatturato"  # the row of «verde»: header, com, VERDE
    assert "← units.csv, riga 3, colonna fatturato" in explain(result, "person", "P2")


def test_an_office_s_own_datum_comes_before_its_sector_s(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TURNOVER, sectors("4000000", "3000000", ufficio="1000000"))
    # P2's office has its own 1,000,000 < 3,800,000: 500.00; the others as before
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"P1": "1000.00", "P2": "500.00", "P3": "500.00"}


def test_a_datum_empty_up_to_the_top_is_an_error_naming_the_unit(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, TURNOVER, sectors("4000000", ""))
    # P3's «manutenzione» and the company above it have no turnover: no amount, and the error says where to write it
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"P1": "1000.00", "P2": "1000.00", "P3": "0.00"}
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert said == [
        "parte «premio di risultato»: la colonna «fatturato» (il fatturato del settore) è vuota in units.csv per "
        "l'unità MAN e per quelle sopra (scrivi il valore, 0 se non ce n'è) per Persona P3: considerato nulla"
    ]


def test_leggi_says_a_datum_of_the_unit_is_in_the_list_of_units(tmp_path):
    text = said(tmp_path, TURNOVER)
    assert (
        "La colonna fatturato dell'elenco delle unità dice, per ciascuna unità, il fatturato del settore (un importo in "
        "euro); per chi vi lavora vale quello della sua unità o, se manca, dell'unità sopra; le formule la leggono con "
        "il nome fatturato." in text
    )
    assert "elenco del personale" not in text and "Inoltre" not in text  # not the key's description, unsaid


def test_a_datum_of_the_unit_missing_from_units_csv(ciclope_ente, tmp_path):
    files = sectors("4000000", "3000000")
    files["units.csv"] = files["units.csv"].replace(",fatturato\n", ",x_altro\n")
    result = run_declared(ciclope_ente, tmp_path, TURNOVER, files)
    [missing] = [p for p in result.violations if p.rule == "regolamento.colonna"]
    assert (missing.file, missing.row, missing.column) == ("units.csv", 1, "fatturato")
    assert "aggiungila all'elenco delle unità con il valore di ciascuna" in missing.message


def test_a_datum_of_the_unit_cannot_take_a_name_units_csv_has(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(TURNOVER.replace('nome = "fatturato"', 'nome = "responsabile"'), encoding="utf-8")
    regulation, found = load(str(path))
    assert regulation is None
    assert [placed(p) for p in found if p.column == "colonne[1].nome"] == [
        "riga 7, chiave colonne[1].nome: «responsabile» è già una colonna di unità.csv che ciclope legge: scegli un "
        "altro nome"
    ]


# The absences a text treats apart, each a declared column of days (docs/regolamento.md, «Le assenze che contano»).
SICKNESS = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "malattia"
tipo = "giorni"
significato = "i giorni di malattia"
fonte = "art. 6 c. 2"

[[premi]]
nome = "presenza"
metodo = "formula"
importo = '=MAX(0; 600 € - MAX(0; malattia - 10) * 10 € al giorno - assenze * 5 € al giorno)'
fonte = "art. 6"
"""


def test_a_cause_of_absence_read_apart_from_the_others(ciclope_ente, tmp_path):
    files = people("malattia", {"A": "14", "B": "3", "C": "80"})
    # the other absences are giorni_assenza (the seventh column): A 6 days, B none, C 10
    rows = files["people.csv"].splitlines()
    rows[2] = rows[2].replace("C,com,1,0,false", "C,com,1,6,false")
    rows[4] = rows[4].replace("C,com,1,0,false", "C,com,1,10,false")
    files["people.csv"] = "\n".join(rows) + "\n"
    files["ente.toml"] = files["ente.toml"].replace("guardie =", "performance_individuale =")
    result = run_declared(ciclope_ente, tmp_path, SICKNESS, files)
    # A: 600 − (14 − 10) × 10 − 6 × 5 = 600 − 40 − 30 = 530.00; B: 3 days of sickness, within the 10: 600.00;
    # C: 600 − 70 × 10 − 10 × 5 = −150, at least 0: 0.00
    assert {k: v for k, v in amounts(result).items() if k != "SEG"} == {"A": "530.00", "B": "600.00", "C": "0.00"}


def test_leggi_titles_the_columns_by_their_lists(tmp_path):
    path = tmp_path / "smvp.toml"
    path.write_text(TURNOVER, encoding="utf-8")
    regulation, _ = load(str(path))
    assert regulation is not None
    text = render(regulation)
    assert "I dati delle unità dichiarati (art. 2)" in text
    assert "La colonna fatturato dell'elenco delle unità dice, per ciascuna unità, il fatturato del settore" in text
    guards = '[[colonne]]\nnome = "guardie"\ntipo = "numero"\nsignificato = "le guardie"\nfonte = "art. 4"\n\n'
    path.write_text(TURNOVER.replace("[[premi]]", guards + "[[premi]]", 1), encoding="utf-8")  # a person's column too
    regulation, _ = load(str(path))
    assert regulation is not None
    assert "I dati dichiarati, delle persone e delle unità" in render(regulation)


# «coefficiente di valutazione attribuito ad ogni diverso giudizio: Eccellente 1,2 | Oltre la media 1,0 | Distinto
# 0,8 | Adeguato 0,6» (Ministero della Giustizia, dirigenti 2009–2010): the judgement is a word, and a word mistyped
# read nothing: its person's weight was 0, silently.
JUDGEMENT = (
    HEAD.replace(
        'nome = "guardie"\ntipo = "numero"\nsignificato = "le guardie notturne e festive dell\'anno"',
        'nome = "giudizio"\ntipo = "testo"\nsignificato = "il giudizio della Commissione"\n'
        'valori = ["Eccellente", "Oltre la media", "Distinto", "Adeguato"]',
    )
    + """
[[premi]]
nome = "risultato"
metodo = "proporzionale"
fondo = "guardie"
valutazione = false
peso = '=SE(giudizio = "Eccellente"; 1,2; SE(giudizio = "Oltre la media"; 1; SE(giudizio = "Distinto"; 0,8; 0,6)))'
tempo_parziale = "intero"
fonte = "accordo, griglia"
"""
)


def judged(values: dict[str, str]) -> dict[str, str]:
    """:func:`people` with a judgement for each; the Segretario, whom the part does not pay, has none."""
    files = people("giudizio", values)
    files["people.csv"] = files["people.csv"].replace("SEG,Segretario,segretario,DIR,com,1,0,false,,0", "SEG,"
                                                      "Segretario,segretario,DIR,com,1,0,false,,")  # fmt: skip
    return files


def test_a_text_column_s_words_are_the_only_ones_it_takes(ciclope_ente, tmp_path):
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, JUDGEMENT, judged({"A": "Eccellente", "B": "Eccelente"}))
    [bad] = [p for p in refused.value.problems if p.column == "giudizio"]
    assert (bad.file, bad.row) == ("people.csv", 4)  # B, after the header, the Segretario and A
    assert "atteso uno tra Eccellente, Oltre la media, Distinto, Adeguato, trovato «Eccelente»" in bad.message
    # case does not count, and the word is read as the file writes it: A 1,2, B 0,8, C 0,6; Σ 2,6 of 2.000,00:
    # 2000 × 1,2 / 2,6 = 923,076… → 923,07; × 0,8 / 2,6 = 615,384… → 615,38; × 0,6 / 2,6 = 461,538… → 461,53; the two
    # cents left (2000 − 1999,98) to the largest remainders, C (0,8 of a cent) and A (0,6)
    folder = tmp_path / "ok"
    folder.mkdir()
    result = run_declared(
        ciclope_ente, folder, JUDGEMENT, judged({"A": "eccellente", "B": "DISTINTO", "C": "Adeguato"})
    )
    assert amounts(result) == {"A": "923.08", "B": "615.38", "C": "461.54"}


def test_words_are_for_a_text_column(tmp_path):
    text = HEAD.replace('fonte = "art. 21 c. 3"', 'valori = ["molte", "poche"]\nfonte = "art. 21 c. 3"')
    assert regulation_problems(tmp_path, text) == [
        "riga 10, chiave colonne[1].valori: le parole ammesse valgono per una colonna di testo, non «numero»"
    ]


def test_next_year_s_template_gives_a_percentage_as_the_example_of_a_column_of_percentages(tmp_path):
    from openpyxl import load_workbook

    regulation = GUARDS.replace('tipo = "numero"', 'tipo = "percentuale"')
    folder = next_year(tmp_path, regulation, people("guardie", {"A": "50%", "B": "100%"}))
    wb = load_workbook(folder / "comune" / "ente.xlsx")
    notes = [c.comment.text for ws in wb.worksheets for c in ws[1] if c.value == "guardie" and c.comment]
    assert len(notes) == 1 and "Esempio: 80%" in notes[0]


def test_an_empty_word_cell_asks_for_one_of_its_words(ciclope_ente, tmp_path):
    """A text column's empty cell is not told «0 se non ce n'è»: 0 is none of its words."""
    result = run_declared(ciclope_ente, tmp_path, JUDGEMENT, judged({"A": "Eccellente", "B": ""}))
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert said == [
        "la colonna «giudizio» (il giudizio della Commissione) è vuota per Persona B (scrivi uno dei valori ammessi: "
        "Eccellente, Oltre la media, Distinto, Adeguato): la parte «risultato», e ogni altra che la legge, non le paga "
        "nulla finché la cella è vuota"
    ]


IN_SERVICE = """\
formato = 2
[atto]
titolo = "Regolamento del Comune di Esempio"
tipo_ente = "comune"

[[colonne]]
nome = "in_servizio"
tipo = "sì/no"
significato = "in servizio alla data dell'erogazione"
fonte = "art. 7 c. 2"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fondo = "guardie"
ammesso = "=in_servizio"
fonte = "art. 7"
"""


def test_a_yes_no_column_is_a_condition_of_the_person(ciclope_ente, tmp_path):
    # «Il premio è corrisposto al personale in servizio alla data dell'erogazione»
    result = run_declared(ciclope_ente, tmp_path, IN_SERVICE, people("in_servizio", {"A": "sì", "B": "no", "C": "SI"}))
    # A and C in service (any case, as the core's SI/NO cells), B not: the 2,000.00 split by score × paid share,
    # 80 × 1 each: A 2000 × 80 / 160 = 1000.00, C the same; B nothing
    assert {k: v for k, v in amounts(result).items() if k in "ABC" and v != "0.00"} == {"A": "1000.00", "C": "1000.00"}
    refused = result.figures["ammesso:produttività:B"]
    assert refused.value is False
    [cell] = refused.inputs
    assert (cell.value, cell.cell) == (False, "people.csv:4:in_servizio")  # B: the header, SEG, A, B


def test_a_yes_no_cell_that_is_neither_names_file_row_and_column(ciclope_ente, tmp_path):
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, IN_SERVICE, people("in_servizio", {"A": "sì", "B": "forse"}))
    [bad] = [p for p in refused.value.problems if p.column == "in_servizio"]
    assert (bad.file, bad.row) == ("people.csv", 4)
    assert bad.message.endswith("atteso SI o NO (anche sì, vero o falso), trovato «forse»; riga di Persona B (B)")


def test_an_empty_yes_no_cell_asks_for_si_or_no(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, IN_SERVICE, people("in_servizio", {"A": "sì", "B": ""}))
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert len(said) == 1
    assert "la colonna «in_servizio» (in servizio alla data dell'erogazione) è vuota per Persona B" in said[0]
    assert "(scrivi sì o no)" in said[0]


def test_leggi_says_a_yes_no_column_as_the_condition_it_holds(tmp_path):
    text = regulation_text(tmp_path, IN_SERVICE)
    assert "La colonna in_servizio dell'elenco del personale dice, per ciascuno, sì o no: in servizio alla data" in text
    assert "solo la persona per cui la colonna in_servizio (in servizio alla data dell'erogazione) dice sì" in text
    denied = regulation_text(tmp_path, IN_SERVICE.replace('"=in_servizio"', '"=NON(in_servizio)"'))
    assert "solo la persona per cui la colonna in_servizio (in servizio alla data dell'erogazione) dice no" in denied


def test_a_yes_no_column_is_no_number():
    scope = Scope(PLACES["importo"], columns={"in_servizio": Quantity(BOOL, "in servizio")})
    with pytest.raises(FormulaError):
        read("=in_servizio * 100", scope)
    assert read("=SE(in_servizio; 100 €; 0 €)", scope).type == EURO


def test_a_percentage_above_one_without_its_sign_is_refused_at_its_cell(ciclope_ente, tmp_path):
    """«51» in a column of percentages (the text's «51% di spettanza per convenzione»): read as a share it is 5.100%,
    and a premium × it 51 times too large. The cell is an error with both readings, never a silent guess."""
    text = (
        HEAD.replace('nome = "guardie"', 'nome = "modalita"')
        .replace('tipo = "numero"', 'tipo = "percentuale"')
        .replace("le guardie notturne e festive dell'anno", "il peso della modalità di servizio")
    )
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, text, people("modalita", {"A": "100%", "B": "51", "C": "0.5"}))
    [problem] = [p for p in refused.value.problems if p.column == "modalita"]
    # B is on row 4: the header, SEG, A, B
    assert (problem.file, problem.row) == ("people.csv", 4)
    # 51 / 100 = 0,51
    assert problem.message.endswith("oltre 1 si scrive con il segno %: scrivi «51%» (o 0,51); riga di Persona B (B)")


EARLIER = (
    HEAD.replace('nome = "guardie"\ntipo = "numero"', 'nome = "val_2022"\ntipo = "punti"').replace(
        "le guardie notturne e festive dell'anno", "la valutazione individuale 2022"
    )
    + """
[[premi]]
nome = "media"
metodo = "formula"
fondo = "guardie"
importo = "=SE(MEDIA(val_2022; punteggio) >= 60; 500 €; 0 €)"
fonte = "art. 21 c. 4"
"""
)


def test_an_empty_score_cell_is_not_told_to_write_0(ciclope_ente, tmp_path):
    """An earlier year's evaluation left empty: 0 is a score, and would lower the mean without a word."""
    result = run_declared(ciclope_ente, tmp_path, EARLIER, people("val_2022", {"A": "90", "B": ""}))
    said = [p.message for p in result.violations if p.rule == "regolamento.formula"]
    assert said == [
        "la colonna «val_2022» (la valutazione individuale 2022) è vuota per Persona B (scrivi il punteggio avuto: 0 è "
        "un punteggio, conta come gli altri e in una media la abbassa): la parte «media», e ogni altra che la legge, non "
        "le paga nulla finché la cella è vuota"
    ]


def test_an_empty_cell_two_parts_read_is_one_error_at_the_cell(ciclope_ente, tmp_path):
    """Twelve monthly parts reading one empty cell gave twelve errors, each at its part's line of the regulation:
    one error, at the cell, naming the first part that read it and saying that the others read it too."""
    half = 'metodo = "formula"\nquota_fondo = "50%"\nfondo'
    one = GUARDS[GUARDS.index("[[premi]]") :].replace('metodo = "formula"\nfondo', half)
    text = GUARDS[: GUARDS.index("[[premi]]")] + one + one.replace('nome = "guardie"', 'nome = "guardie_festive"')
    result = run_declared(ciclope_ente, tmp_path, text, people("guardie", {"A": "12", "B": ""}))
    found = [p for p in result.violations if p.rule == "regolamento.formula"]
    assert [(p.file, p.row, p.column) for p in found] == [("people.csv", 4, "guardie")]
    assert "la parte «guardie», e ogni altra che la legge, non le paga nulla" in found[0].message
