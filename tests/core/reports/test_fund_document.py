"""The relazione tecnico-finanziaria's tables (core/reports/fund.py), built from a ``fondo`` section of
results.json written by hand: what an empty cell shows, and that the workbook carries the page's figures."""

from __future__ import annotations

from decimal import Decimal as D

from ciclope.core.fmt import NONE
from ciclope.core.reports import fund
from ciclope.core.reports.model import Table

DOC = {
    "destination": [
        {
            "section": "contrattata",
            "title": "Premi correlati alla performance individuale",
            "pool": "performance_individuale",
            "source": "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. b",
            "note": "",
            "amount": "35000.00",
        },
        {
            "section": "contrattata",
            "title": "Indennità condizioni di lavoro",
            "pool": "",
            "source": "CCNL Funzioni Locali 16.11.2022 art. 80 c. 2 lett. c",
            "note": "",
            "amount": "9000.00",
        },
    ],
    "pool_labels": {"performance_individuale": "Premi per la performance individuale"},
    "totals": {
        "non_contrattata": "0.00",
        "contrattata": "44000.00",
        "da_regolare": "0.00",
        "destined": "44000.00",
        "residual": "1000.00",
    },
}


def test_a_destination_paying_no_premium_pool_shows_the_documents_dash():
    [_, agreed, *_] = fund.destination(DOC, fund.worded)
    assert isinstance(agreed, Table)
    pools = [row[1] for row in agreed.rows[:2]]
    # the same «—» every other document of ciclope writes for nothing (core.fmt.NONE), not a hyphen
    assert pools == ["Premi per la performance individuale", NONE] and NONE == "—"
    assert agreed.rows[1][4] == "€ 9.000,00" and fund.money("9000.00") == D("9000.00")


FULL = {
    **DOC,
    "year": 2024,
    "contract": "CCNL Funzioni Locali 16.11.2022",
    "constitution": [
        {
            "section": "stabile",
            "title": "Unico importo consolidato 2017",
            "source": "CCNL Funzioni Locali 16.11.2022 art. 79 c. 1 lett. a",
            "limit": "dentro",
            "confidence": "fonte secondaria",
            "note": "Determina n. 412/2017",
            "amount": "45000.00",
        }
    ],
    "totals": {
        **DOC["totals"],
        "stabile": "45000.00",
        "variabile": "0.00",
        "decurtazione": "0.00",
        "total": "45000.00",
    },
    "checks": [],
    "premises": [["Monte salari 1997", "1052430.00", "money"], ["Personale al 31.12.2015", "41", "num"]],
    "notes": [],
}


def sheet_rows(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_workbook_carries_the_page_s_amounts_as_numbers_in_euro():
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(fund.workbook(FULL)))
    first = book.worksheets[0]
    rows = sheet_rows(first)
    # row 1 the contract, row 2 the first table's title (no stray «Voce» header of the sheet's own), then its header
    assert rows[1][0] == "Risorse fisse aventi carattere di certezza e stabilità"
    assert rows[2] == ["Voce", "Fonte", "Limite (art. 23)", "Affidabilità", "Atti e note", "Importo"]
    assert rows[3][0] == "Unico importo consolidato 2017" and rows[3][5] == 45000
    assert first.cell(4, 6).number_format == '#,##0.00 "€"'
    # the section's total and the summary's amounts stand in the Importo column, as on the page
    totals = [
        r
        for r in rows
        if r[0]
        in ("Totale: risorse fisse aventi carattere di certezza e stabilità", "Fondo sottoposto a certificazione")
    ]
    assert [r[5] for r in totals] == [45000, 45000]
    premises = sheet_rows(book.worksheets[-1])
    # the base figures as numbers: € 1.052.430,00 an amount in euro, 41 people a count
    assert ["Monte salari 1997", 1052430] in premises and ["Personale al 31.12.2015", 41] in premises
    at = next(i for i, r in enumerate(premises, 1) if r[0] == "Monte salari 1997")
    assert book.worksheets[-1].cell(at, 2).number_format == '#,##0.00 "€"'


def test_the_page_writes_the_base_figures_in_words():
    [table] = [b for b in fund.notes(FULL, fund.worded, fund.fmt.decimal_it) if isinstance(b, Table)]
    assert list(table.rows) == [("Monte salari 1997", "€ 1.052.430,00"), ("Personale al 31.12.2015", "41")]


# two cuts by different laws: one line of the fund (4,500.00 + 1,557.64 = 6,057.64, negative as a cut) with its rows
CUTS = {
    **FULL,
    "constitution": [
        *FULL["constitution"],
        {
            "section": "decurtazione",
            "title": "Decurtazioni stabili del fondo",
            "source": "decurtazioni disposte dalla legge o dall'ente",
            "limit": "dentro",
            "confidence": "testo",
            "note": "",
            "amount": "-6057.64",
            "parts": [
                {"note": "art. 9 c. 2-bis DL 78/2010; Delibera GC 31/2019", "amount": "-4500.00"},
                {"note": "art. 1 c. 456 L. 147/2013; Determina 77/2024", "amount": "-1557.64"},
            ],
        },
    ],
    "totals": {**FULL["totals"], "decurtazione": "-6057.64", "total": "38942.36"},
}


def test_a_line_of_several_rows_shows_each_act_beside_its_own_amount():
    [_, _, cuts] = fund.constitution(CUTS, fund.worded)
    # one row per act, each with its amount; the section's total is the line's, 4,500.00 + 1,557.64 = 6,057.64
    assert [(r[4], r[5]) for r in cuts.rows] == [
        ("art. 9 c. 2-bis DL 78/2010; Delibera GC 31/2019", "€ −4.500,00"),
        ("art. 1 c. 456 L. 147/2013; Determina 77/2024", "€ −1.557,64"),
        ("", "€ −6.057,64"),
    ]
    assert cuts.rows[0][0] == cuts.rows[1][0] == "Decurtazioni stabili del fondo"
    # the internal Relazione's constitution is the same table (the page's, under its heading)
    [page] = [
        b
        for b in fund.relazione(CUTS)
        if isinstance(b, Table) and any("Determina 77/2024" in str(c) for r in b.rows for c in r)
    ]
    assert [r[5] for r in page.rows] == ["€ −4.500,00", "€ −1.557,64", "€ −6.057,64"]


def test_the_workbook_shows_each_row_of_a_line_with_its_amount():
    import io

    from openpyxl import load_workbook

    rows = sheet_rows(load_workbook(io.BytesIO(fund.workbook(CUTS))).worksheets[0])
    # the two acts each on its row, with its number in the Importo column; the rows add up to the total −6,057.64
    assert [r[5] for r in rows if "Delibera GC 31/2019" in str(r[4])] == [-4500]
    assert [r[5] for r in rows if "Determina 77/2024" in str(r[4])] == [-1557.64]
    assert [r[5] for r in rows if r[0] == "Totale: decurtazioni del fondo"] == [-6057.64]


LEGEND = (
    "Affidabilità: «testo» = la clausola è letta nel testo firmato del contratto o della legge; «fonte secondaria» = "
    "la clausola è letta in una raccolta pubblica secondaria (compilazioni delle clausole, pareri ARAN, note RGS), da confermare "
    "sul testo firmato."
)


def test_the_affidabilita_column_has_its_legend_under_the_constitution():
    [(_, _, first), *_] = fund.sections(CUTS, None, False, fund.worded, fund.fmt.decimal_it)
    # under the three tables of the constitution (stable, variable, cuts), before the summary; both words are used
    kinds = [type(b).__name__ for b in first]
    assert kinds == ["Text", "Table", "Table", "Table", "Text", "Table"]
    assert first[4].text == LEGEND
    # a fund whose lines are all of one kind says that one alone
    [(_, _, only), *_] = fund.sections(FULL, None, False, fund.worded, fund.fmt.decimal_it)
    assert only[4].text == (
        "Affidabilità: «fonte secondaria» = la clausola è letta in una raccolta pubblica secondaria (compilazioni "
        "delle clausole, pareri ARAN, note RGS), da confermare sul testo firmato."
    )
    # the internal Relazione's constitution carries it too
    assert LEGEND in [b.text for b in fund.relazione(CUTS) if hasattr(b, "text")]


def test_modulo_iii_without_the_previous_fund_says_why_and_what_to_do():
    """The revisore reads why the comparison is missing: the archive was not read for this document (produced with it,
    the comparison is made), or the archive holds no fund of the year before (not computed with the program, or in
    another archive). Never the command that ran it, nor the program's name."""

    def said(archive: bool) -> str:
        modules = {anchor: blocks for anchor, _, blocks in fund.sections(FULL, None, archive, fund.worded, fund.worded)}
        (text,) = [b.text for b in modules["modulo-3"] if not isinstance(b, Table)]
        return text

    assert said(archive=False) == (
        "Confronto con l'anno precedente non disponibile: questo documento è stato prodotto senza leggere l'archivio "
        "dei risultati, che conserva il fondo calcolato di ogni anno. Prodotto con l'archivio, il Modulo III "
        "confronta il fondo con quello dell'anno precedente, se anche quello è stato calcolato con questo strumento."
    )
    assert said(archive=True) == (
        "Nessun fondo dell'anno precedente nell'archivio dei risultati per questo ente: il fondo del 2023 non è stato "
        "calcolato con questo strumento, o è registrato in un altro archivio."
    )
