"""The human outputs (SPEC §6): relazione.html, schede.xlsx, trasparenza.csv.

The case is plugin-independent: a small regulation written here (``PLUGIN``) that levels the card
scores, pays a pool in proportion to the scores, has a position, a calendar and an extra report
section. Every expected figure is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_text
import re
import zipfile
from decimal import Decimal as D

import pytest

from ciclope.core.reports import art20, html, transparency, write_reports, xlsx
from ciclope.core.reports.safe import cell
from ciclope.core.testing import results_doc

from helpers import published_csv
from reportcase import AMOUNTS, FILES, INJECTION, PLUGIN, SCRIPT, SOURCE, make_case  # noqa: F401


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return make_case(tmp_path_factory.mktemp("case") / "prova")


@pytest.fixture(scope="module")
def page(case):
    return html.render(case)


def test_the_case_pays_what_was_computed_by_hand(case):
    doc = results_doc(case)
    got = {k: v["amount"] for k, v in doc["rewards"]["people"].items()}
    assert got == AMOUNTS
    assert doc["rewards"]["pools"]["premi"] == {"amount": "1000.00", "distributed": "1000.00", "residual": "0.00"}


# -- relazione.html -----------------------------------------------------------------------------


def section_text(page: str, ident: str) -> str:
    m = re.search(rf'<section class="scheda[^"]*" id="{ident}">(.*?)</section>', page, re.S)
    assert m, f"section {ident} missing"
    return m.group(1)


def test_every_scheda_is_there_in_order(page):
    ids = re.findall(r'<section class="scheda[^"]*" id="([a-z]+)">', page)
    assert ids == [
        "sintesi",
        "aree",
        "dirigenti",
        "obiettivi",
        "unita",
        "monitoraggio",
        "individuale",
        "premi",
        "sezioni",
        "andamento",
        "violazioni",
        "calendario",
        "note",
    ]
    assert page.startswith("<!DOCTYPE html>") and '<html lang="it">' in page
    assert "@page { size: A4" in page and "h2, h3 { break-after: avoid" in page and "break-before: page" not in page


def test_summary_shows_attestation_and_judgement(page):
    s = section_text(page, "sintesi")
    # areas: A = S1 = mean(I1 8/8 = 1 after the approved revision, O1 = I2 4/5 = 0.8) = 0.9;
    # B = S2 = I3 (I4 neutralized) = 1; ente = (60 × 0.9 + 40 × 1) / 100 = 0.94
    assert "94,00%" in s
    assert "in linea con le aspettative" in s
    assert "15/07/2022" in s  # validation of the Relazione


def test_objectives_show_target_actual_deviation_weight_source_and_flags(page):
    s = section_text(page, "obiettivi")
    row = re.search(r"<tr><td>I2</td>(.*?)</tr>", s).group(1)
    # I2 lower: 4 / 5 = 80% → deviation −20%
    assert "<td class=\"num\">4</td><td class=\"num\">5</td>" in row and "−20,00%" in row and "80,00%" in row
    i1 = re.search(r"<tr><td>I1</td>(.*?)</tr>", s).group(1)
    assert "Registro eventi" in i1 and "target rivisto" in i1
    i4 = re.search(r'<tr class="off"><td>I4</td>(.*?)</tr>', s).group(1)
    assert "neutralizzato: evento annullato" in i4
    assert "O1" in s and "obiettivo operativo" in s


def test_areas_dirigenti_and_units(page):
    areas = section_text(page, "aree")
    assert "90,00%" in areas and "100,00%" in areas and "94,00%" in areas
    dirigenti = section_text(page, "dirigenti")
    assert "Dora" in dirigenti and "Segretaria Generale" in dirigenti
    units = section_text(page, "unita")
    assert "a2" in units


def test_monitoring_and_revisions(page):
    s = section_text(page, "monitoraggio")
    # I1 at 30/6: 2 / 5 = 40% → −60%; I2: 4 / 8 = 50% → −50%
    assert "40,00%" in s and "−60,00%" in s and "−50,00%" in s
    assert "calo della domanda" in s and "applicata" in s


def test_individual_distribution_and_evaluator_differentiation(page):
    s = section_text(page, "individuale")
    # levels over the 12 people: Ottimo E1 E2 E3 E4 PO1 = 5 (41,67%), Buono E5 E7 E8 = 3 (25,00%),
    # Sufficiente E6 = 1 (8,33%), non valutato SG D1 D2 = 3 (25,00%)
    assert re.search(r"<td>Ottimo</td><td class=\"num\">5</td><td class=\"num\">41,67%</td>", s)
    assert re.search(r"<td>Buono</td><td class=\"num\">3</td><td class=\"num\">25,00%</td>", s)
    assert re.search(r"<td>non valutato</td><td class=\"num\">3</td>", s)
    # D1 gave 80 to all three: mean 80, spread 0, one value, all at the top level → flagged
    d1 = re.search(r"<tr><td>&lt;script&gt;.*?</tr>", s).group(0)
    assert "80,00" in d1 and "tutte uguali" in d1 and "tutte al livello più alto" in d1
    # D2: 90 70 50 75 72 → mean 71.4; deviations 18.6 −1.4 −21.4 3.6 0.6, squares sum 819.2,
    # /5 = 163.84 → spread 12.8; 5 distinct values; 1 of 5 at Ottimo = 20%
    d2 = re.search(r"<tr><td>Dora \(D2\)</td>.*?</tr>", s).group(0)
    assert "71,40" in d2 and "12,80" in d2 and "20,00%" in d2 and "differenziato" in d2


def test_rewards_are_aggregated_by_pool_and_band(page):
    s = section_text(page, "premi")
    # alta: E1 E2 E3 E4 PO1 = 126.58 × 3 + 142.41 + 134.49 = 656.64, mean 131.33
    alta = re.search(r"<tr><td>Fondo premi</td><td>alta</td>.*?</tr>", s).group(0)
    assert "€ 656,64" in alta and "€ 131,33" in alta and ">5<" in alta
    # media: E5 E7 E8 = 110.76 + 118.67 + 113.93 = 343.36, mean 114.45
    media = re.search(r"<tr><td>Fondo premi</td><td>media</td>.*?</tr>", s).group(0)
    assert "€ 343,36" in media and "€ 114,45" in media
    assert "€ 1.000,00" in s and "PX" in s and "€ 9.000,00" in s
    assert "Elio" not in s  # no single person's amount in the Relazione


def test_plugin_section_violations_calendar_and_notes(page):
    assert "Progressioni economiche" in section_text(page, "sezioni")
    cal = section_text(page, "calendario")
    assert "in ritardo" in cal and "mancante" in cal and "fatto" in cal and "31/01/2021" in cal
    notes = section_text(page, "note")
    assert "soglia_premio" in notes and "regolamento-prova.txt art. 6" in notes
    assert "soglia non fissata dal regolamento: 60 punti" in notes and "ipotesi" in notes
    assert "people.csv" in notes


def test_all_input_text_is_escaped(page):
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Promozione &lt;b&gt;&amp; export&lt;/b&gt;" in page
    assert "Ente &quot;Prova&quot; &amp; &lt;Co&gt;" in page
    assert "<b>& export" not in page


def test_no_external_resource(page):
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "@import" not in page and "<link" not in page and "<script" not in page
    assert "url(" not in page


def test_charts_are_inline_svg(page):
    charts = re.findall(r'<svg class="chart" id="([a-z-]+)"', page)
    assert charts == ["grafico-aree", "grafico-unita", "grafico-punteggi", "grafico-livelli"]
    # the histogram: 50 → class 50–60; 70 72 75 → 70–80; 80 80 80 85 → 80–90; 90 → 90–100
    hist = re.search(r'<svg class="chart" id="grafico-punteggi".*?</svg>', page, re.S).group(0)
    bars = dict(re.findall(r"<title>(\d+–\d+): (\d+)</title>", hist))
    assert bars == {"50–60": "1", "70–80": "3", "80–90": "4", "90–100": "1"}
    assert "classi di 10 punti: «60–70» è da 60 a meno di 70" in hist  # where 70 falls, said under the bars


def test_same_result_same_bytes(case, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    write_reports(case, a)
    again = make_case(tmp_path / "again")
    write_reports(again, b)
    for name in ("relazione.html", "schede.xlsx", "trasparenza.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_a_run_stopped_at_monitoring_gives_the_30_june_report(tmp_path):
    result = make_case(tmp_path / "luglio", until="monitoraggio")
    page = html.render(result)
    assert "Monitoraggio intermedio al 30/6/2021" in page
    assert "−60,00%" in section_text(page, "monitoraggio")
    # the 30/6 report shows monitoring only: no rewards section, no transparency file (issue 14)
    assert 'id="premi"' not in page and 'id="individuale"' not in page
    write_reports(result, tmp_path)  # every output works on a partial Result
    assert not (tmp_path / "trasparenza.csv").exists()
    assert (tmp_path / "schede.xlsx").stat().st_size > 0


# -- schede.xlsx --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(case, tmp_path_factory):
    from openpyxl import load_workbook

    path = tmp_path_factory.mktemp("xlsx") / "schede.xlsx"
    xlsx.write(case, path)
    return path, load_workbook(path)


def records(ws, header_row=1):
    rows = list(ws.iter_rows(values_only=True))
    head = rows[header_row - 1]
    return [dict(zip(head, r)) for r in rows[header_row:]]


def test_workbook_has_one_sheet_per_scheda(book):
    _, wb = book
    assert wb.sheetnames == [
        "Sintesi",
        "Aree (scheda c)",
        "Dirigenti (scheda d)",
        "Obiettivi",
        "Indicatori",
        "Monitoraggio 30-6",
        "Revisioni",
        "Unità",
        "Valutazioni individuali",
        "Valutatori",
        "Premi",
        "Premi per persona",  # a PO's position pay and result pay are two rows of «Premi»
        "Fondi",
        "Premi per fascia",
        "Posizioni",
        "Progressioni economiche",
        "Violazioni",
        "Calendario",
        "Parametri",
    ]
    ws = wb["Indicatori"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.bold and ws.column_dimensions["C"].width >= 30


def test_workbook_holds_the_figures_of_results_json(case, book):
    _, wb = book
    doc = results_doc(case)
    people = {r["Codice"]: r for r in records(wb["Valutazioni individuali"])}
    for pid, ind in doc["individual"].items():
        want = ind["score"]
        got = people[pid]["Punteggio"]
        assert (got is None and want is None) or D(str(got)) == D(str(want)), pid
        assert people[pid]["Livello"] == ind["level"]
    # the category as the contract names it, like the role, not its code: a 2021 cycle of a plugin without a
    # comparto says «categoria C»
    assert (people["E1"]["Ruolo"], people["E1"]["Categoria"]) == ("Dipendente", "categoria C")
    sheet: dict[str, list] = {}  # every award row of the sheet, per person and pool
    for r in records(wb["Premi"]):
        if r["Codice"] != "TOTALE":
            sheet.setdefault(r["Codice"], []).append((r["Fondo"], f"{D(str(r['Importo'])):.2f}"))
    shown = {"premi": "Fondo premi", "po_risultato": "Fondo PO risultato"}  # the case's pools, without labels
    # and a row of € 0, with no fund, for each one not evaluated whom the premium counts (its statuses) and nothing
    # pays: SG, D1 and D2 have no card (rules/core.md §3)
    assert sheet == {
        **{
            k: [(shown[a["pool"]], a["amount"]) for a in [v, *v.get("also", [])]]
            for k, v in doc["rewards"]["people"].items()
        },
        **{pid: [("—", "0.00")] for pid in ("SG", "D1", "D2")},
    }
    # the PO's result pay is an award like any other: PO1 has premi (the pool of 1000.00 less the staff's
    # 522.15 in alta and 343.36 in media, E6 below the threshold: 1000 − 522.15 − 343.36 = 134.49) and
    # then the 1147.50 of result pay the case's position hook gives
    assert sheet["PO1"] == [("Fondo premi", "134.49"), ("Fondo PO risultato", "1147.50")]
    inds = {r["Codice"]: r for r in records(wb["Indicatori"])}
    for iid, ind in doc["organizational"]["indicators"].items():
        got = inds[iid]["Raggiungimento"]
        assert (got is None and ind["achievement"] is None) or abs(got - ind["achievement"]) < 1e-9, iid
    objs = {r["Codice"]: r["Raggiungimento"] for r in records(wb["Obiettivi"])}
    assert objs == doc["organizational"]["objectives"]
    pools = {r["Fondo"]: r for r in records(wb["Fondi"])}
    for name, p in doc["rewards"]["pools"].items():
        assert f"{D(str(pools[shown[name]]['Stanziato'])):.2f}" == p["amount"]
        assert f"{D(str(pools[shown[name]]['Residuo'])):.2f}" == p["residual"]
    pos = records(wb["Posizioni"])[0]
    assert pos["Posizione"] == "PX" and D(str(pos["Retribuzione annua"])) == D(doc["positions"]["PX"]["annual"])
    summary = {r["Voce"]: r["Valore"] for r in records(wb["Sintesi"])}
    assert summary["Performance dell'ente (calcolata)"] == doc["organizational"]["ente"] == 0.94
    # the phase by its name, as the Relazione's heading says it (the full cycle ran)
    assert summary["Fasi eseguite fino a"] == "Rendicontazione"


def test_workbook_number_formats(book):
    _, wb = book
    ws = wb["Indicatori"]
    head = [c.value for c in ws[1]]
    col = head.index("Raggiungimento")
    assert ws.cell(row=2, column=col + 1).number_format == "0.00%"
    ws = wb["Premi"]
    head = [c.value for c in ws[1]]
    assert "€" in ws.cell(row=2, column=head.index("Importo") + 1).number_format


def test_injected_formula_is_stored_as_text(book):
    path, wb = book
    ws = wb["Valutazioni individuali"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == INJECTION]
    assert cells, "the injected name must be there, unchanged"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    at = [c for row in wb["Unità"].iter_rows() for c in row if c.value == "@SUM(1) Area due"]
    assert at and at[0].data_type == "s"
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_workbook_metadata_and_zip_dates_are_fixed(book):
    path, wb = book
    assert wb.properties.creator == "ciclope"
    assert wb.properties.created == wb.properties.modified == dt.datetime(2000, 1, 1)
    with zipfile.ZipFile(path) as z:
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


# -- trasparenza.csv ----------------------------------------------------------------------------


def transparency_rows(result):
    return published_csv(transparency.render(result))


def test_transparency_by_hand(case):
    rows = {(r["Sezione"], r["Gruppo"], r["Voce"]): r for r in transparency_rows(case)}
    fondi, livello, fascia = "Fondi per la performance", "Livello di valutazione", "Fascia di merito"

    def figures(key):
        r = rows[key]
        return (
            r["Numero di persone"],
            r["Quota di persone (%)"],
            r["Importo totale (€)"],
            r["Importo medio per persona pagata (€)"],
        )

    # the PO's result pay is performance money (rules/core.md §6): po_risultato has one recipient (PO1): its
    # head count is published (1), its amount is <3; the ente's total distributed (required by art. 20, never
    # withheld) is 1000.00 + 1147.50 = 2147.50, so the premi pool's distributed amount is withheld (2147.50 −
    # 1000.00 would give PO1's result pay back)
    # a pool paid to one person: withheld whole, in words, its count of 1 too
    assert figures((fondi, "", "Fondo PO risultato: distribuito")) == ("riservato", "", "riservato", "")
    assert figures((fondi, "", "Fondo premi: distribuito")) == ("8", "", "riservato", "")
    # premi is paid whole (1000.00 distributed of 1000.00), so its stanziato is its distributed amount and would give
    # PO1's result pay as 2147.50 − 1000.00: withheld; po_risultato's stanziato 1350.00 would give it back as the
    # ente's 2350.00 − 1350.00: withheld too. The ente's totals stay (art. 20 c. 1)
    assert rows[(fondi, "", "Fondo premi: stanziato")]["Importo totale (€)"] == "riservato"
    assert rows[(fondi, "", "Fondo PO risultato: stanziato")]["Importo totale (€)"] == "riservato"
    assert rows[(fondi, "", "totale: stanziato")]["Importo totale (€)"] == "2350,00"  # 1000 + 1350 (PO)
    assert rows[(fondi, "", "totale: distribuito")]["Importo totale (€)"] == "2147,50"
    assert not any(k[0] == "Retribuzione di posizione" for k in rows)  # no position-pay pool in this case
    # staff (8 people): Ottimo E1–E4 = 126.58 × 3 + 142.41 = 522.15, mean 130.5375 → 130,54, 4/8 = 50%
    assert figures((livello, "personale", "Ottimo")) == ("4", "50,00", "522,15", "130,54")
    # Sufficiente (E6 alone, unpaid) is merged into the level above: «Buono e Sufficiente», 4 people, 1 unpaid;
    # its amount is withheld: 2147.50 − 522.15 − 343.36 (E5 110.76 + E7 118.67 + E8 113.93) = 1281.99, PO1's pay
    assert figures((livello, "personale", "Buono e Sufficiente")) == ("4", "50,00", "riservato", "riservato")
    assert rows[(livello, "personale", "Buono e Sufficiente")]["Persone non pagate"] == "1"
    assert figures((fascia, "personale", "alta")) == ("4", "50,00", "522,15", "130,54")
    assert figures((fascia, "personale", "media")) == ("3", "37,50", "riservato", "riservato")
    # the staff's grado di differenziazione (alta's 130.54 over media's mean) would give media's mean back
    assert rows[("Differenziazione", "personale", "grado di differenziazione")]["Grado di differenziazione"] == (
        "riservato"
    )
    # dirigenti e PO: PO1 alone is paid; SG, D1, D2 (not evaluated, paid nothing) merge with PO1's Ottimo, but the
    # amount is still one person's: counts published, amounts <3; the mean is over the 1 paid
    assert figures((livello, "dirigenti e PO", "Ottimo e «non valutato»")) == ("4", "100,00", "riservato", "riservato")
    assert rows[(livello, "dirigenti e PO", "Ottimo e «non valutato»")]["Persone non pagate"] == "3"
    assert figures((fascia, "dirigenti e PO", "alta")) == ("1", "25,00", "riservato", "riservato")
    # no figure of PO1 anywhere: 134.49 (premi) + 1147.50 (result) = 1281.99
    text = transparency.render(case) + art20.render(case)
    assert not any(x in text for x in ("1281,99", "1147,50", "134,49"))


def test_the_public_relazione_counts_the_unpaid_as_trasparenza_does(case):
    # «Buono e Sufficiente» of the staff: 4 people, 1 unpaid (E6), amounts withheld; «Ottimo e «non valutato»» of the
    # dirigenti e PO: 4 people, 3 unpaid; the page says it beside the mean, as trasparenza.csv does
    from ciclope.core.reports import public

    page = html_text.unescape(re.sub(r"<[^>]+>", "|", public.render(case)))
    cells = [c.strip() for c in page.split("|") if c.strip()]
    assert "Persone non pagate" in cells
    rows = [cells[i : i + 5] for i, c in enumerate(cells) if c in ("Buono e Sufficiente", "Ottimo e «non valutato»")]
    assert ["Buono e Sufficiente", "4", "riservato", "riservato", "1"] in rows  # the table of premiums by level
    assert ["Ottimo e «non valutato»", "4", "riservato", "riservato", "3"] in rows


def test_transparency_has_no_names_or_ids(case):
    text = transparency.render(case)
    tokens = set(re.findall(r"[^\s;]+", text))
    for p in case.ente.people.values():
        assert p.id not in tokens
        assert p.name not in text


def test_published_csvs_agree_on_every_withheld_figure(case):
    # art. 20's table and trasparenza.csv read the same controlled lines: the staff's pay (865.51 = 522.15 +
    # 343.36) is withheld in both, since the ente's total 2147.50 − 865.51 = 1281.99 would be PO1's pay
    rows = {(r["Gruppo"], r["Voce"]): r["Valore"] for r in published_csv(art20.render(case))}
    assert rows[("personale", "premi distribuiti (€)")] == "compreso in tutto il personale"
    # the staff's stanziati are the premi fund alone, paid whole: 1000.00 would give PO1's result pay as 2147.50 −
    # 1000.00, so they are withheld with the premio medio conseguibile (1000 / 8 = 125.00 × 8 gives them back)
    assert rows[("personale", "premi stanziati (€)")] == "compreso in tutto il personale"
    # the ente's art. 20 totals are always published: 1000 + 1350 allocated, 2147.50 paid, 9 evaluated
    # (PO1 + E1..E8), premio medio conseguibile 2350 / 9 = 261.11
    assert rows[("tutto il personale", "premi stanziati (€)")] == "2350,00"
    assert rows[("tutto il personale", "premi distribuiti (€)")] == "2147,50"
    assert rows[("tutto il personale", "persone valutate")] == "9"
    assert rows[("tutto il personale", "premio medio conseguibile (€)")] == "261,11"
    # PO1 is the only evaluated PO: the count is published (1), the mean 2350 / 1 would be the fund again
    assert rows[("dirigenti e PO", "persone valutate")] == "1"
    assert rows[("dirigenti e PO", "premio medio conseguibile (€)")] == "compreso in tutto il personale"
    assert rows[("personale", "premio medio conseguibile (€)")] == "compreso in tutto il personale"
    # the staff's grado di differenziazione is withheld in trasparenza.csv (it would give media's mean back): a
    # ratio is in no total of the ente, so it reads «riservato» as there, never «compreso in tutto il personale»
    assert rows[("personale", "grado di differenziazione")] == "riservato"
    assert "865,51" not in art20.render(case) + transparency.render(case)


@pytest.mark.parametrize(
    "value,want",
    [
        ("=1+2", "'=1+2"),
        ("+39 333", "'+39 333"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-12.5", "-12.5"),
        ("-1e3", "-1e3"),
        ("-nan", "'-nan"),
        ("testo", "testo"),
        (7, 7),
    ],
)
def test_csv_cells_are_neutralized(value, want):
    assert cell(value) == want


def test_public_example_transparency_has_no_names_or_ids(example):
    from ciclope.core.commands.cli import main

    for name in ("comunita_montane", "bergamo", "brescia"):
        folder = example(name)
        main(["run", str(folder / "cycle.toml"), "--out", str(folder / "out")])
        for ente_dir in sorted((folder / "out").iterdir()):
            if not ente_dir.is_dir():
                continue
            text = (ente_dir / "trasparenza.csv").read_text(encoding="utf-8")
            people = list(csv.DictReader(open(next(folder.glob("*/people.csv")), encoding="utf-8")))
            cells = {c for row in published_csv(text) for c in row.values()}
            tokens = {t for c in cells for t in re.findall(r"[A-Za-z0-9_]+", c)}
            for p in people:
                assert p["id"] not in tokens, (name, p["id"])
                assert p["name"] not in cells and p["name"] not in text, (name, p["name"])
            assert text.splitlines()[0] == "\ufeff" + ";".join(transparency.HEADER)


def test_markup_is_well_formed(page):
    """Every element opened is closed, in order (void elements aside)."""
    from html.parser import HTMLParser

    void = {"meta", "br", "hr", "img", "input", "link", "col", "line", "rect", "area", "base", "wbr"}

    class Check(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.errors = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in void:
                self.stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            if tag in void:
                return
            if not self.stack or self.stack[-1] != tag:
                self.errors.append((tag, list(self.stack[-3:])))
            else:
                self.stack.pop()

    c = Check()
    c.feed(page)
    assert c.errors == [] and c.stack == []
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate ids"


@pytest.mark.parametrize("until", ["pianificazione", "risorse", "monitoraggio", "valutazione", "premialita"])
def test_every_phase_gives_complete_outputs(tmp_path, until):
    result = make_case(tmp_path / "e", until=until)
    write_reports(result, tmp_path)
    page = (tmp_path / "relazione.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>") and "Traceback" not in page
    assert "fasi eseguite fino a «" in page
    from openpyxl import load_workbook

    assert "Sintesi" in load_workbook(tmp_path / "schede.xlsx").sheetnames
    # trasparenza.csv only once there is money to publish (issue 14: the 30/6 report wrote one)
    if until == "premialita":
        assert (tmp_path / "trasparenza.csv").read_text(encoding="utf-8").startswith("\ufeffSezione;")
    else:
        assert not (tmp_path / "trasparenza.csv").exists()
    # a report stopped early shows the phases it ran, not placeholders of the others
    if until in ("pianificazione", "risorse", "monitoraggio"):
        assert 'id="premi"' not in page and 'id="individuale"' not in page and 'id="calendario"' not in page
        assert "Validazione della Relazione" not in page


def test_premi_art20_of_the_comunita_montane_example(example, tmp_path):
    """D.Lgs. 33/2013 art. 20 layout, by hand on the public example: staff amounts P1 4285.71 (the highest),
    P2/P4/P5 1714.29, P3 857.14, P6/P7/P9/P10 428.57, P8 and P11 evaluated with 0; 11 evaluated.
    ≥ 90% of 4285.71 (3857.14): P1 only → 1; 60–90% (from 2571.43): nobody → 0; below: 10. Head counts are
    published (rules/core.md §6, revised), so the 11 evaluated and the premio medio conseguibile 12000 / 11 are
    too. Allocated and distributed: 12000.00."""
    from ciclope.core.commands.cli import main

    folder = example("comunita_montane")
    main(["run", str(folder / "cycle.toml"), "--out", str(tmp_path / "out")])
    got = {
        (r["Gruppo"], r["Voce"]): r["Valore"]
        for r in published_csv(tmp_path / "out" / "cm-esempio" / "premi-art20.csv")
    }
    assert got[("personale", "premi stanziati (€)")] == "12000,00"
    assert got[("personale", "premi distribuiti (€)")] == "12000,00"
    # of the 9 paid: 1 at ≥ 90% (P1), 0 at 60–90%, 8 below (P8 and P11, paid 0, are «persone senza premio»): the tier
    # of 1 merges down, 1 + 0 = 1 is still under 3, so 1 + 0 + 8 = 9 from 0% to 100%: one row, saying the tiers it
    # merges, and no range of pay (rules/core.md §6)
    tiers = [(voce, value) for (group, voce), value in got.items() if group == "personale" and "del più alto" in voce]
    assert tiers == [(transparency.ONE_TIER_LABEL, "9")]
    assert got[("personale", "persone senza premio")] == "2"
    assert got[("personale", "persone valutate")] == "11"
    assert got[("personale", "premio medio conseguibile (€)")] == "1090,91"  # 12000 / 11 = 1090.909…
    # the ente's art. 20 totals: the staff's 12000.00 (no PO result pay in the example's cycle) and 11 evaluated
    assert got[("tutto il personale", "premi distribuiti (€)")] == got[("personale", "premi distribuiti (€)")]
    assert got[("tutto il personale", "persone valutate")] == "11"


def test_numbers_are_written_the_italian_way_and_the_memo_keeps_each_form():
    """fmt.decimal_it remembers texts (a Relazione repeats its figures, issue 18). Numbers equal in
    value but written differently keep their own text, whatever was asked first; worked by hand."""
    from decimal import Decimal

    from ciclope.core.reports import fmt

    for _ in range(2):  # the second round reads the memo
        assert fmt.decimal_it(Decimal("16000.00")) == "16.000,00"  # as written: the decimals stay
        assert fmt.decimal_it(Decimal("16000")) == "16.000"
        assert fmt.decimal_it(Decimal("1.6E+4")) == "16.000"  # an exponent is written out
        assert fmt.decimal_it(16000.0) == "16.000"  # a float's needless decimals go
        assert fmt.decimal_it(Decimal("-1234.5")) == "−1.234,5"
        assert fmt.decimal_it(Decimal("1234.5"), group=False) == "1234,5"
        assert fmt.decimal_it(Decimal("0.125"), 2) == "0,13"  # half-up
        assert fmt.decimal_it(Decimal("0.1250"), 2) == "0,13"
        assert fmt.decimal_it(7, 2) == "7,00"
        assert fmt.pct(Decimal("0.92345")) == "92,35%"


def test_an_ente_without_objectives_or_evaluators_is_said_without_file_names_or_codes(tmp_path):
    """Both Relazioni said «Nessun obiettivo in obiettivi.csv.» to an office that wrote ente.xlsx, on the public page
    too; the internal one named the column of evaluators by its code («evaluator»)."""
    from ciclope.core.reports import public

    people = FILES["people.csv"].replace(",SG\n", ",\n").replace(",D1\n", ",\n").replace(",D2\n", ",\n")
    cards = "\n".join(line.replace(",D1,", ",,").replace(",D2,", ",,").replace(",SG,", ",,")
                      for line in FILES["evaluations.csv"].split("\n"))  # fmt: skip
    result = make_case(
        tmp_path / "prova",
        **{
            "objectives.csv": "id,kind,title,parent,area,weight,owner\n",
            "indicators.csv": "id,objective,name,type,weight,baseline,target,actual\n",
            "revisions.csv": "indicator,field,old,new,reason,oiv_validated,approved\n",
            "people.csv": people,
            "evaluations.csv": cards,
        },
    )
    internal, published = html.render(result), public.render(result)
    assert "Nessun obiettivo indicato per l" in internal and "Nessun obiettivo indicato per l" in published
    assert "obiettivi.csv" not in internal and "obiettivi.csv" not in published
    # the evaluators' column by its Italian header, in the files as the office named them (this case's, in English)
    assert "Nessun valutatore indicato (colonna valutatore di evaluations.csv o people.csv)." in internal
    # without any card (a regulation that evaluates nobody) the reason is the cards, not a column left empty
    header = FILES["evaluations.csv"].strip().split("\n")[0].strip() + "\n"
    none = make_case(tmp_path / "senza", **{"evaluations.csv": header})
    said = html.render(none)
    assert "Nessuna scheda di valutazione: la differenziazione dei giudizi per valutatore non si calcola." in said
    assert "Nessun valutatore indicato" not in said


def test_an_external_evaluator_is_named_as_ente_toml_says(tmp_path):
    """An evaluator who is not staff, declared in ente.toml [valutatori], was shown by code with an empty name in
    the Relazione's and the workbook's table of evaluators."""
    from ciclope.core.reports import stats

    toml = FILES["ente.toml"].replace(
        "[funds]", '[evaluators]\n        OIV = "Organismo indipendente"\n        [funds]'
    )
    result = make_case(
        tmp_path / "prova",
        **{
            "ente.toml": toml,
            "people.csv": FILES["people.csv"].replace(
                "PO1,Paola,po,D,a1,1,0,false,SG", "PO1,Paola,po,D,a1,1,0,false,OIV"
            ),
            "evaluations.csv": FILES["evaluations.csv"].replace("PO1,SG,", "PO1,OIV,"),
        },
    )
    evals, _ = stats.evaluators(result)
    assert {(ev.id, ev.name, ev.count) for ev in evals if ev.id == "OIV"} == {("OIV", "Organismo indipendente", 1)}
    page = html.render(result)  # an organ by its name alone: its key in ente.toml is no reader's word
    assert "<td>Organismo indipendente</td>" in page and "(OIV)" not in page


def test_the_workbook_flags_each_evaluator_as_the_relazione_does(case, book):
    """«Segnalazione» of the «Valutatori» sheet was empty for an evaluator the Relazione called «poche valutazioni»
    or «differenziato»: both now say the same words. SG judges one person, D1 three alike, D2 five apart."""
    _, wb = book
    said = {r["Valutatore"]: r["Segnalazione"] for r in records(wb["Valutatori"])}
    assert said["SG"] == "poche valutazioni"  # 1 evaluation, under the 3 that are read for differentiation
    assert said["D1"] == "valutazioni tutte uguali; tutte al livello più alto"  # flagged, as before
    assert said["D2"] == "differenziato"
