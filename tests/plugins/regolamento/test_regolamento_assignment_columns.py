"""A datum of an appointment ([[colonne]] elenco = "incarichi", formato 2): a column of incarichi.csv that the amount
of a part paid by appointment reads for each appointment, as it reads its days and whom it covers.

The case is the Provincia di Cremona's (docs/regolamento-catalogo.md §25): the dirigente who holds a second sector ad
interim is evaluated on each sector, and each sector pays its own share of her maximum by the band of its score.
Every amount by hand, with the arithmetic beside it."""

from __future__ import annotations

from decimal import Decimal

from helpers import (
    amounts,
    next_year,
    one_unit_comune,
    regulation_problems,
    regulation_text,
    run_declared,
)

HEAD = """\
formato = 2
[atto]
titolo = "Sistema di valutazione dei dirigenti della Provincia di Esempio"
tipo_ente = "provincia"

[[colonne]]
nome = "punteggio_settore"
tipo = "punti"
significato = "il punteggio del settore"
elenco = "incarichi"
fonte = "sistema di valutazione, art. 4"

[[colonne]]
nome = "massimo_settore"
tipo = "euro"
significato = "la retribuzione di risultato massima del settore"
elenco = "incarichi"
fonte = "sistema di valutazione, art. 5"

[livelli]
fonte = "sistema di valutazione, art. 6"
scala = [
  { nome = "100%", da = 95.01 },
  { nome = "90%", da = 80 },
  { nome = "75%", da = 65 },
]
"""
PART = """
[[premi]]
nome = "risultato"
metodo = "formula"
fondo = "risultato_dirigenti"
ruoli = ["dirigente"]
incarichi = "settore"
tra_gli_incarichi = "somma"
tempo_parziale = "intero"
importo = '=SE(punteggio_settore < 65; 0; massimo_settore * PIÙ.SE(LIVELLO(punteggio_settore) = "100%"; 100%; LIVELLO(punteggio_settore) = "90%"; 90%; LIVELLO(punteggio_settore) = "75%"; 75%))'
fonte = "sistema di valutazione, art. 6"
"""
SECTORS = HEAD + PART


def provincia(incarichi: str) -> dict[str, str]:
    """Three dirigenti evaluated by the Segretario, a fund of 40.000,00 € and ``incarichi`` as incarichi.csv."""
    staff = [f"{d},Dirigente {d},dirigente,DIR,com,1,0,false,SEG" for d in ("D1", "D2", "D3")]
    cards = [f"{d},SEG,scheda,Valutazione,100,90," for d in ("D1", "D2", "D3")]
    files = one_unit_comune("Provincia", staff, cards, '[funds]\nrisultato_dirigenti = "40000.00"\n')
    files["incarichi.csv"] = incarichi
    return files


INCARICHI = (
    "persona,tipo,sostituito,dal,al,punteggio_settore,massimo_settore\n"
    "D1,settore,,,,93,12000.00\n"  # her own sector
    "D1,settore,,,,97,6000.00\n"  # the sector she holds ad interim (vacant: nobody covered)
    "D2,settore,,,,79.5,11000.00\n"
    "D3,settore,,,,64,9000.00\n"
)


def test_each_appointment_pays_by_the_band_of_its_own_score(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SECTORS, provincia(INCARICHI))
    assert not [v.message for v in result.violations if v.is_error]
    # D1: 93 → «90%» × 12.000,00 = 10.800,00; 97 → «100%» × 6.000,00 = 6.000,00; summed: 16.800,00
    # D2: 79,5 → «75%» × 11.000,00 = 8.250,00; D3: 64, under the lowest band: nothing
    assert amounts(result) == {"D1": "16800.00", "D2": "8250.00", "D3": "0.00"}
    pool = result.rewards.pools["risultato_dirigenti"]
    # paid 16.800 + 8.250 = 25.050,00 of 40.000,00: 14.950,00 stay in the fund
    assert (pool.distributed, pool.residual) == (Decimal("25050.00"), Decimal("14950.00"))


def test_the_explanation_reaches_each_appointment_s_cells(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, SECTORS, provincia(INCARICHI))
    inputs = [(i.name, i.value, i.cell) for i in result.figures["award:D1"].inputs]
    # the second sector is row 3 of incarichi.csv (the header is row 1)
    assert ("il punteggio del settore", Decimal("97"), "incarichi.csv:3:punteggio_settore") in inputs
    assert (
        "la retribuzione di risultato massima del settore",
        Decimal("6000.00"),
        "incarichi.csv:3:massimo_settore",
    ) in inputs
    assert ("il punteggio del settore", Decimal("93"), "incarichi.csv:2:punteggio_settore") in inputs
    # the band each appointment's score reached (93 from 80: «90%»; 97 from 95,01: «100%»), one per appointment
    bands = [(name, value) for name, value, _ in inputs if name.startswith("il livello della scala")]
    assert bands == [
        ("il livello della scala per il punteggio del settore", "90%"),
        ("il livello della scala per il punteggio del settore", "100%"),
    ]
    # each appointment by its words (its kind and its dates, open ends at the year's: 2024), its row in its cell;
    # the formula by the list, whatever its file
    rows = [(value, cell) for name, value, cell in inputs if name == "incarico"]
    assert rows == [
        ("settore dal 01/01/2024 al 31/12/2024", "incarichi.csv:2:kind"),
        ("settore dal 01/01/2024 al 31/12/2024", "incarichi.csv:3:kind"),
    ]
    assert "per ogni incarico «settore» dell'elenco degli incarichi: " in result.figures["award:D1"].formula


def test_an_empty_cell_of_an_appointment_is_an_error_with_its_row(ciclope_ente, tmp_path):
    data = provincia(INCARICHI.replace("D2,settore,,,,79.5,11000.00", "D2,settore,,,,,11000.00"))
    result = run_declared(ciclope_ente, tmp_path, SECTORS, data)
    messages = " ".join(v.message for v in result.violations if v.is_error)
    assert "la colonna «punteggio_settore» (il punteggio del settore) è vuota in incarichi.csv, riga 4" in messages
    assert amounts(result)["D2"] == "0.00"  # counted as nothing: the fund stays whole
    assert amounts(result)["D1"] == "16800.00"


def test_a_missing_column_of_the_appointments_is_said_once(ciclope_ente, tmp_path):
    data = provincia("persona,tipo,punteggio_settore\nD1,settore,93\n")
    result = run_declared(ciclope_ente, tmp_path, SECTORS, data)
    missing = [v.message for v in result.violations if "manca la colonna" in v.message]
    assert missing == [
        "manca la colonna «massimo_settore» dichiarata in [[colonne]] (la retribuzione di risultato massima del "
        "settore): aggiungila all'elenco degli incarichi con il valore di ciascuno"
    ]


def test_who_holds_no_appointment_of_the_part_is_not_among_its_premiums(ciclope_ente, tmp_path):
    """D3 holds no sector: the part paid by appointment does not concern him, so he is neither listed with 0 € nor
    counted among the people of its fund (whose mean would otherwise fall)."""
    data = provincia(INCARICHI.replace("D3,settore,,,,64,9000.00\n", ""))
    result = run_declared(ciclope_ente, tmp_path, SECTORS, data)
    assert "D3" not in amounts(result) and {"D1", "D2"} <= set(amounts(result))


def test_an_ente_without_appointments_is_not_asked_for_their_columns(ciclope_ente, tmp_path):
    data = provincia("")
    del data["incarichi.csv"]
    result = run_declared(ciclope_ente, tmp_path, SECTORS, data)
    assert not [v.message for v in result.violations if "manca la colonna" in v.message]
    # no appointment: the part concerns nobody, and nobody is listed with 0 € (or counted in its mean)
    assert amounts(result) == {}


def test_the_template_asks_for_the_appointments_data(tmp_path):
    from openpyxl import load_workbook

    folder = next_year(tmp_path, SECTORS, provincia(INCARICHI))
    # the appointments are the year's (not carried to the next), but their sheet has the regulation's columns
    sheet = load_workbook(folder / "comune" / "ente.xlsx")["incarichi"]
    header = [c.value for c in sheet[1]]
    assert header == ["persona", "tipo", "sostituito", "unità", "dal", "al", "punteggio_settore", "massimo_settore"]
    assert "il suo codice nel foglio unità" in sheet.cell(1, 4).comment.text  # the unit held, for a vacant post
    assert "il punteggio del settore" in sheet.cell(1, 7).comment.text


def test_leggi_says_the_appointments_data(tmp_path):
    text = regulation_text(tmp_path, SECTORS)
    assert (
        "La colonna punteggio_settore dell'elenco degli incarichi dice, per ciascun incarico, il punteggio del settore "
        "(un punteggio sulla scala del regolamento); la legge, incarico per incarico, l'importo di una parte che paga "
        "per incarico; le formule la leggono con il nome punteggio_settore."
    ) in text
    assert "I dati degli incarichi dichiarati" in text


def test_an_appointment_s_datum_is_read_only_for_each_appointment(tmp_path):
    # a part not paid by appointment has no row of incarichi.csv to read
    not_by_row = SECTORS.replace('incarichi = "settore"\ntra_gli_incarichi = "somma"\n', "")
    found = regulation_problems(tmp_path, not_by_row)
    assert any(
        "«punteggio_settore» non si usa nell'importo: è un dato di ciascun incarico di incarichi.csv, e lo legge solo "
        "l'importo di una parte che paga per incarico (chiave incarichi)" in m
        for m in found
    ), found
    # nor do the days of an appointment, which such a part used to find empty only when it ran
    days = HEAD + PART.replace("incarichi = \"settore\"\ntra_gli_incarichi = \"somma\"\n", "").replace(
        "importo = '=SE(", "importo = '=giorni * 10 + SE("
    )
    assert any(
        "«giorni» non si usa nell'importo: è un dato di ciascun incarico" in m
        for m in regulation_problems(tmp_path, days)
    )
    # who takes part is decided on the person, not on one of their appointments
    admitted = SECTORS.replace(
        'tempo_parziale = "intero"', 'tempo_parziale = "intero"\nammesso = "=punteggio_settore >= 65"'
    )
    assert any(
        "«punteggio_settore» non si usa in chi partecipa alla parte" in m
        for m in regulation_problems(tmp_path, admitted)
    )


def test_an_appointment_s_datum_is_no_person_s(tmp_path):
    # a function over the people reads each person, who has no single appointment
    mean = SECTORS.replace("SE(punteggio_settore < 65;", "SE(MEDIA.ENTE(punteggio_settore) < 65;")
    assert any(
        "«punteggio_settore» è un dato di ciascun incarico: non si legge dentro una funzione sulle persone" in m
        for m in regulation_problems(tmp_path, mean)
    )
    # nor is it another person's (DI reads a quantity of the person covered)
    other = SECTORS.replace("SE(punteggio_settore < 65;", "SE(DI(punteggio_settore; sostituito) < 65;")
    assert any(
        "DI vuole come primo argomento una grandezza della persona" in m for m in regulation_problems(tmp_path, other)
    )


def test_a_name_incarichi_csv_reads_already_is_refused(tmp_path):
    # «dal» is a name of the formulas too (the first day of the appointment): «persona» is only a column
    clash = SECTORS.replace('nome = "punteggio_settore"', 'nome = "persona"').replace("punteggio_settore", "persona")
    assert any(
        "«persona» è già una colonna di incarichi.csv che ciclope legge: scegli un altro nome" in m
        for m in regulation_problems(tmp_path, clash)
    )


def test_the_type_of_an_appointment_is_read_whatever_its_case(ciclope_ente, tmp_path):
    # «Settore» and «SETTORE» are the part's «settore»: the amounts of test_each_appointment_pays_…, D1 10.800,00 +
    # 6.000,00, D2 8.250,00, D3 nothing
    written = INCARICHI.replace("D1,settore,,,,93", "D1,Settore,,,,93").replace("D2,settore", "D2,SETTORE")
    result = run_declared(ciclope_ente, tmp_path, SECTORS, provincia(written))
    assert amounts(result) == {"D1": "16800.00", "D2": "8250.00", "D3": "0.00"}


def test_a_part_nobody_holds_an_appointment_of_says_the_types_written(ciclope_ente, tmp_path):
    written = INCARICHI.replace(",settore,", ",interim,")
    result = run_declared(ciclope_ente, tmp_path, SECTORS, provincia(written))
    [said] = [p.message for p in result.violations if p.rule == "regolamento.nessuno"]
    # not «nessuna persona dei suoi ruoli è in servizio»: the three dirigenti are, with appointments of another type
    assert said.startswith(
        "la parte «risultato» non paga nessuno: nessuna persona dei suoi ruoli ha un incarico «settore» nell'elenco "
        "degli incarichi (tipi scritti: «interim»); i suoi € 40.000,00 "
    ), said


def test_a_row_no_part_can_pay_is_said_where_it_is(ciclope_ente, tmp_path):
    """Rows 6–8 of incarichi.csv: an unknown person (D9, near D1… but not one of them), a type no part pays
    («reggenza», near nothing), a person of a role the part does not pay (the Segretario): none is read, each said."""
    written = INCARICHI + "D9,settore,,,,90,1000.00\nD2,reggenza,,,,90,1000.00\nSEG,settore,,,,90,1000.00\n"
    result = run_declared(ciclope_ente, tmp_path, SECTORS, provincia(written))
    said = [(p.severity, p.row, p.column, p.message) for p in result.violations if p.rule == "regolamento.incarichi"]
    assert said == [
        ("error", 6, "persona", "la persona «D9» non è in people.csv: l'incarico non è pagato"),
        (
            "warning",
            7,
            "tipo",
            "nessuna parte del regolamento paga incarichi di tipo «reggenza» (tipi delle parti: «settore»): la riga "
            "non è letta",
        ),
        (
            "warning",
            8,
            "persona",
            "Segretario non ha un ruolo delle parti che pagano l'incarico «settore» (ruoli: dirigente): la riga non è "
            "letta",
        ),
    ]
    # the amounts of the rows that are read are as before: D1 16.800,00, D2 8.250,00, D3 nothing
    assert amounts(result) == {"D1": "16800.00", "D2": "8250.00", "D3": "0.00"}
