"""A datum of the ente itself ([[colonne]] with elenco = "ente", formato 2): the revenue of the year, the savings of
the final budget. Written once in ente.toml [dati] (or in dati.csv, one row), the same for everyone, read in any
formula, a fund's and a threshold's too, and traced to where it is written. Every amount by hand."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from ciclope.core.fmt import Money, Percent
from ciclope.core.problems import CiclopeError
from ciclope.core.run.explain import explain

from helpers import amounts, one_unit_comune, regulation_problems, regulation_text, run_declared

HEAD = """\
formato = 2
[atto]
titolo = "Regolamento del premio di risultato dell'Ente di Esempio"
tipo_ente = "altro"

[[colonne]]
nome = "ricavi"
tipo = "euro"
elenco = "ente"
significato = "i ricavi dell'anno dal bilancio consuntivo"
fonte = "art. 2"

[[colonne]]
nome = "quota_ricavi"
tipo = "percentuale"
elenco = "ente"
significato = "la quota dei ricavi destinata al premio"
fonte = "art. 2"
"""
FUND = """
[[fondi]]
nome = "premio_risultato"
importo = "=quota_ricavi * ricavi"
fonte = "art. 2"

[[premi]]
nome = "premio di risultato"
metodo = "proporzionale"
fondo = "premio_risultato"
fonte = "art. 3"
"""
DATA = '[dati]\nricavi = "600000.00"\nquota_ricavi = "2%"\n'


def ente(ente_toml: str = DATA) -> dict[str, str]:
    """Three employees of one unit at 80, 60 and 60 points; ``ente_toml``: what follows the ente's name."""
    staff = [f"{p},Persona {p},dipendente,C,com,1,0,false,SEG" for p in ("P1", "P2", "P3")]
    cards = [f"{p},SEG,scheda,Valutazione,100,{points}," for p, points in (("P1", 80), ("P2", 60), ("P3", 60))]
    return one_unit_comune("Ente di Esempio", staff, cards, ente_toml)


def errors(result) -> list[tuple[str, str]]:
    return [(v.where, v.message) for v in result.violations if v.is_error]


def test_a_fund_from_the_ente_s_own_data(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, ente())
    assert errors(result) == []
    # 2% × 600.000,00 = 12.000,00, divided by score: 80 + 60 + 60 = 200; 12.000 × 80 / 200 = 4.800,00, × 60 / 200 =
    # 3.600,00 each (the Segretario has no card)
    assert result.rewards.pools["premio_risultato"].amount == Decimal("12000.00")
    assert {p: a for p, a in amounts(result).items() if a != "0.00"} == {
        "P1": "4800.00",
        "P2": "3600.00",
        "P3": "3600.00",
    }


def test_the_fund_s_explanation_reaches_ente_toml_with_each_value_as_what_it_is(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, ente())
    read = {i.name: i for i in result.figures["pool:premio_risultato"].inputs}
    revenue, share = read["i ricavi dell'anno dal bilancio consuntivo"], read["la quota dei ricavi destinata al premio"]
    assert (revenue.value, revenue.cell) == (Decimal("600000.00"), "ente.toml:dati.ricavi")
    assert (share.value, share.cell) == (Decimal("0.02"), "ente.toml:dati.quota_ricavi")
    assert type(revenue.value) is Money and type(share.value) is Percent  # € 600.000,00 and 2%, never 0,02
    text = explain(result, "pool", "premio_risultato")
    assert "i ricavi dell'anno dal bilancio consuntivo = € 600.000,00   ← ente.toml [dati] ricavi" in text
    assert "la quota dei ricavi destinata al premio = 2%   ← ente.toml [dati] quota_ricavi" in text


def test_the_data_may_be_a_sheet_of_one_row(ciclope_ente, tmp_path):
    files = ente("")
    files["dati.csv"] = "ricavi,quota_ricavi\n600000.00,2%\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, files)
    assert errors(result) == []
    assert result.rewards.pools["premio_risultato"].amount == Decimal("12000.00")  # 2% × 600.000,00, as above
    read = {i.name: i.cell for i in result.figures["pool:premio_risultato"].inputs}
    assert read["i ricavi dell'anno dal bilancio consuntivo"] == "dati.csv:2:ricavi"  # the row under the header


def test_a_sheet_left_empty_under_its_header_gives_way_to_ente_toml(ciclope_ente, tmp_path):
    # the template's workbook has the sheet dati with its header only: the office may write the data in ente.toml
    files = ente()
    files["dati.csv"] = "ricavi,quota_ricavi\n"
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, files)
    assert errors(result) == []
    assert result.rewards.pools["premio_risultato"].amount == Decimal("12000.00")


def test_a_datum_not_written_is_an_error_where_it_goes(ciclope_ente, tmp_path):
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, ente('[dati]\nricavi = "600000.00"\n'))
    said = errors(result)
    assert (
        "ente.toml:dati.quota_ricavi",
        "manca il dato dell'ente «quota_ricavi» dichiarato in [[colonne]] (la quota dei ricavi destinata al premio): "
        'scrivilo una volta in ente.toml, nella tabella [dati], es. quota_ricavi = "10%"',
    ) in said
    # the fund cannot be constituted: nothing is paid from it
    assert "premio_risultato" not in result.rewards.pools
    assert set(amounts(result).values()) <= {"0.00"}


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("2", 'quota_ricavi = 2: una percentuale si scrive tra virgolette con il segno %, quota_ricavi = "2%" oppure '
              'quota_ricavi = "200%"'),
        ('"0,02"', 'quota_ricavi = "0,02": una percentuale si scrive tra virgolette con il segno %, quota_ricavi = '
                   '"0.02%" oppure quota_ricavi = "2%"'),
    ],
)  # fmt: skip
def test_a_percentage_without_its_sign_is_an_error_with_both_readings(ciclope_ente, tmp_path, written, said):
    # as a cell, 2 would be 200% and 0,02 2%: typed by hand in ente.toml, the sign says which one is meant; the
    # ente is not computed on a figure read two ways
    data = ente(f'[dati]\nricavi = "600000.00"\nquota_ricavi = {written}\n')
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, HEAD + FUND, data)
    assert [(p.file, p.column, p.message) for p in refused.value.problems] == [("ente.toml", "dati.quota_ricavi", said)]


@pytest.mark.parametrize(
    ("written", "column", "said"),
    [
        ('[dati]\nricavi = 600.000\nquota_ricavi = "2%"\n', "dati.ricavi",
         'ricavi = 600.000: senza virgolette si legge 600, col punto decimale; se intendi 600.000 scrivi ricavi = '
         '"600.000,00", se intendi 600 scrivi ricavi = "600"'),
        # 600.125 was read as 600.125 by TOML, then as 600125 € by the money's thousands: one reading per text
        ('[dati]\nricavi = 600.125\nquota_ricavi = "2%"\n', "dati.ricavi",
         'ricavi = 600.125: senza virgolette si legge 600,125, col punto decimale; se intendi 600.125 scrivi ricavi = '
         '"600.125,00", se intendi 600,125 scrivi ricavi = "600,125"'),
        ('[dati]\nricavi = "600000.00"\nquota_ricavi = "2%"\n[fondi]\nproduttivita = 12.000\n', "fondi.produttivita",
         'produttivita = 12.000: senza virgolette si legge 12, col punto decimale; se intendi 12.000 scrivi '
         'produttivita = "12.000,00", se intendi 12 scrivi produttivita = "12"'),
    ],
)  # fmt: skip
def test_an_unquoted_number_with_a_dot_and_three_digits_is_an_error(ciclope_ente, tmp_path, written, column, said):
    # TOML reads «ricavi = 600.000» as 600: the fund would be 2% × 600 = 12 € where the office wrote 600.000 €
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, HEAD + FUND, ente(written))
    assert [(p.file, p.column, p.message) for p in refused.value.problems] == [("ente.toml", column, said)]


@pytest.mark.parametrize("written", ["600000.5", "0.125e6", "600_000.00"])
def test_an_unquoted_number_of_one_reading_is_read(ciclope_ente, tmp_path, written):
    result = run_declared(
        ciclope_ente, tmp_path, HEAD + FUND, ente(f'[dati]\nricavi = {written}\nquota_ricavi = "2%"\n')
    )
    assert errors(result) == []
    # 600.000,50 × 2% = 12.000,01 (half-up); 0.125e6 = 125.000 × 2% = 2.500,00; 600.000,00 × 2% = 12.000,00
    expected = {"600000.5": "12000.01", "0.125e6": "2500.00", "600_000.00": "12000.00"}[written]
    assert result.rewards.pools["premio_risultato"].amount == Decimal(expected)


def test_the_data_written_twice_are_an_error(ciclope_ente, tmp_path):
    twice = '[[dati]]\nricavi = "600000.00"\nquota_ricavi = "2%"\n[[dati]]\nricavi = "1.00"\nquota_ricavi = "1%"\n'
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, ente(twice))
    assert (
        "ente.toml [[dati]]:2",
        "i dati dell'ente si scrivono una volta sola, non in 2 righe: tieni una sola riga [dati]",
    ) in errors(result)


def test_a_person_s_formula_reads_the_ente_s_datum(ciclope_ente, tmp_path):
    # «300 € a ciascuno se i ricavi dell'anno raggiungono 500.000 €, altrimenti 100 €»: owed, the fund is the sum
    part = """
[[premi]]
nome = "premio sui ricavi"
metodo = "formula"
fondo = "premio_ricavi"
dovuto = true
importo = '=SE(ricavi >= 500000 €; 300 €; 100 €)'
fonte = "art. 4"
"""
    high = run_declared(ciclope_ente, tmp_path, HEAD + part, ente())
    assert {p: a for p, a in amounts(high).items() if p != "SEG"} == {"P1": "300.00", "P2": "300.00", "P3": "300.00"}
    low = run_declared(ciclope_ente, tmp_path, HEAD + part, ente('[dati]\nricavi = "400000.00"\nquota_ricavi = "2%"\n'))
    assert {p: a for p, a in amounts(low).items() if p != "SEG"} == {"P1": "100.00", "P2": "100.00", "P3": "100.00"}
    read = {i.name: i.cell for i in low.figures["award:P2"].inputs}
    assert read["i ricavi dell'anno dal bilancio consuntivo"] == "ente.toml:dati.ricavi"


def test_a_fund_reads_the_ente_s_datum_as_it_is_and_a_person_s_only_inside_a_function(tmp_path):
    assert regulation_problems(tmp_path, HEAD + FUND) == []
    of_people = HEAD.replace('elenco = "ente"\n', "") + FUND  # the same data, now a column of persone.csv
    assert any("vale per tutti: «quota_ricavi» di una persona si legge dentro una funzione" in m
               for m in regulation_problems(tmp_path, of_people))  # fmt: skip


def test_leggi_says_the_datum_once_for_the_ente_and_what_the_fund_reads(tmp_path):
    text = regulation_text(tmp_path, HEAD + FUND)
    assert (
        "Il dato ricavi dell'ente, scritto una volta per tutto l'ente, dice i ricavi dell'anno dal "
        "bilancio consuntivo (un importo in euro); vale per tutti e si legge in ogni formula, anche in un fondo o in "
        "una soglia; le formule lo leggono con il nome ricavi."
    ) in text
    assert "calcolato una volta per l'ente sui dati dell'ente prima della valutazione" in text


def test_the_template_s_ente_toml_lists_the_data_to_write(ciclope_ente, tmp_path):
    from ciclope.core.commands.cli import main

    folder = tmp_path / "ufficio"
    assert main(["template", "regolamento", str(folder)]) == 0
    (folder / "regolamento.toml").write_text(HEAD + FUND, encoding="utf-8")
    shutil.rmtree(folder / "mio-ente")  # the ente's folder again, for the office's own regulation
    assert main(["template", "regolamento", str(folder)]) == 0
    text = (folder / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    block = text[text.index("# [dati]") : text.index("[atti]")].strip().splitlines()
    assert block == [
        "# [dati]",
        "# I dati dell'ente, un valore ciascuno (oppure una riga sotto le intestazioni del foglio «dati» di ente.xlsx):",
        '# ricavi = "12000.00"   # i ricavi dell\'anno dal bilancio consuntivo',
        '# quota_ricavi = "80%"   # la quota dei ricavi destinata al premio',
    ]
    # commented, header included: a table left as written never clashes with the workbook's sheet
    assert "\n[dati]" not in text
    # the office takes the # away and writes its figures: the keys are those the run reads
    written = "\n".join(line.removeprefix("# ").split("   #")[0] for line in (block[0], *block[2:]))
    result = run_declared(ciclope_ente, tmp_path, HEAD + FUND, ente(written.replace("80%", "2%") + "\n"))
    assert errors(result) == []
    assert result.rewards.pools["premio_risultato"].amount == Decimal("240.00")  # 2% × 12.000,00


def test_a_yes_no_datum_of_the_ente_is_said_as_a_datum_not_a_column(tmp_path):
    # a yes-no datum of the whole ente, written once in [dati]: «il dato … dell'ente dice sì», never «la colonna»
    text = (
        HEAD
        + '\n[[colonne]]\nnome = "tempi_rispettati"\ntipo = "sì/no"\nelenco = "ente"\n'
        + 'significato = "i tempi di pagamento rispettati"\nfonte = "art. 3"\n'
        + FUND.replace(
            'importo = "=quota_ricavi * ricavi"', 'importo = "=SE(tempi_rispettati; quota_ricavi * ricavi; 0 €)"'
        )
    )
    said = regulation_text(tmp_path, text)
    assert "se il dato tempi_rispettati (i tempi di pagamento rispettati) dell'ente dice sì, allora" in said
    assert "la colonna tempi_rispettati" not in said


def test_a_fund_the_file_constitutes_is_a_ceiling_without_if_any(tmp_path):
    # «Se c'è, il fondo … è un tetto» said of a fund ente.toml may write; one the file constitutes always is
    result_pay = """
[[fondi]]
nome = "risultato_dirigenti"
importo = "=quota_ricavi * ricavi"
fonte = "art. 2"

[risultato_po]
metodo = "formula"
ruoli = ["dirigente"]
fondo = "risultato_dirigenti"
importo = '=1000 € * punteggio / 100'
fonte = "art. 4"
"""
    said = regulation_text(tmp_path, HEAD + result_pay)
    assert "Il Fondo risultato dirigenti è un tetto: se la retribuzione dovuta lo supera" in said
    assert "Se c'è, il Fondo risultato dirigenti" not in said


@pytest.mark.parametrize(
    ("written", "warned"),
    [
        ("=1,5 * ricavi", True),  # «l'1,5% dei ricavi» without its sign: 1,5 × 600.000 = 900.000 €
        ("=ricavi * 2,25", True),
        ("=1,5% * ricavi", False),  # 9.000 €
        ("=12 * 100 €", False),  # twelve months of 100 €: a whole multiplier is no percentage
        ("=0,5 * ricavi", False),  # a half either way
    ],
)
def test_a_fund_multiplied_by_a_bare_number_with_decimals_is_a_warning(ciclope_ente, tmp_path, written, warned):
    fund = FUND.replace('importo = "=quota_ricavi * ricavi"', f'importo = "{written}"')
    assert fund != FUND
    result = run_declared(ciclope_ente, tmp_path, HEAD + fund, ente())
    said = [p.message for p in result.violations if p.rule == "regolamento.fondi" and p.severity == "warning"]
    number = written.split(" * ")[0 if written.startswith("=1") else 1].lstrip("=")
    expected = [
        f"il fondo «premio_risultato» moltiplica per {number} senza il segno %: il fondo è {number} volte l'importo "
        f"che legge. Se il testo dice il {number}%, scrivi {number}% nella formula (in una formula un numero senza % "
        "è un numero, come in un foglio di calcolo)"
    ]
    assert said == (expected if warned else [])


def test_a_mistyped_key_of_dati_is_an_unknown_key_at_its_line(ciclope_ente, tmp_path):
    # ente.toml: line 1 the name, 2 [dati], 3 ricavi, 4 the typo «quota_ricav»: a key of ente.toml, found by its line
    data = ente('[dati]\nricavi = "600000.00"\nquota_ricav = "2%"\n')
    with pytest.raises(CiclopeError) as refused:
        run_declared(ciclope_ente, tmp_path, HEAD + FUND, data)
    [problem] = [p for p in refused.value.problems if p.rule == "core.input.unknown_column"]
    assert (problem.said, problem.message) == (
        "ente.toml, riga 4, [dati] quota_ricav",
        "chiave sconosciuta «quota_ricav» (forse «quota_ricavi»?): le chiavi di [dati] sono ricavi, quota_ricavi; "
        "una chiave aggiuntiva dell'ufficio si scrive con il prefisso x_ (es. x_note)",
    )
