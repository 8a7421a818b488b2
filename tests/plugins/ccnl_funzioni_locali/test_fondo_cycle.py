"""The fund in a whole cycle: the public comunita_montane example given a 2026 fund and no ``[fondi]``. Its pool
comes from the destination, a typed pool that disagrees is an error naming both figures, ``explain --pool`` goes
from the premium to every item and clause, the relazione tecnico-finanziaria is written (page and workbook), the
store keeps each year's fund and the next year compares with it, the template carries the residual, a ``compare``
scenario changes an item, and the fund can be written in ente.toml. An ente without a fund works as before.

The example's fund (2026, hand-computed; the same figures are in docs/fondo.md's worked example):
stable 80,000.00 + 83.20 × 12 = 998.40 + RIA 1,500.00 (left in 2024) + 84.50 × 13 = 1,098.50 + 0.14% × 500,000.00 =
700.00 = 84,296.90; variable 2,000.00 (1.2% of 300,000.00 is 3,600.00) + 2 × 700.00 arrears = 3,400.00; the art. 60
cut 3 × 127.44 + 6 × 112.80 + 2 × 96.72 + 1 × 79.56 = 1,332.12; fund 84,296.90 + 3,400.00 − 1,332.12 = 86,364.78.
Destined 30,000.00 + 12,000.00 + 20,000.00 = 62,000.00: residual 24,364.78, all of it stable (84,296.90 − 1,332.12 −
30,000.00 = 52,964.78 not taken by the fixed payments), back in the 2027 fund.
"""

from __future__ import annotations

import json
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ciclope.core.commands.cli import main
from ciclope.core.commands.template import build
from ciclope.core.testing import check_expected

FONDO = """voce,importo,numero,data,uso,fondo_premi,atto
unico_importo_2017,80000.00,,,,,
dipendenti_2015,,12,,,,
dipendenti_2018,,13,,,,
ria_cessati,1500.00,,2024-03-31,,,
monte_salari_2021,500000.00,,,,,
comparto_funzionari,,3,,,,
comparto_istruttori,,6,,,,
comparto_operatori_esperti,,2,,,,
comparto_operatori,,1,,,,
variabile_1_2,2000.00,,,,,Delibera GC 5/2026
monte_salari_1997,300000.00,,,,,
limite_2016,110000.00,,,,,
risorse_eq,15000.00,,,,,
destinazione,30000.00,,,indennita_comparto,,
destinazione,12000.00,,,performance_individuale,performance_individuale,CCDI 2026
destinazione,20000.00,,,condizioni_lavoro,,
"""


def cycle(folder: Path, year: int = 2026, data: str = "cm-esempio") -> Path:
    text = (folder / "cycle.toml").read_text(encoding="utf-8").replace("year = 2021", f"year = {year}")
    text = text.replace('data = "cm-esempio"', f'data = "{data}"')
    (folder / "cycle.toml").write_text(text, encoding="utf-8")
    return folder / "cycle.toml"


@pytest.fixture
def with_fund(example):
    folder = example("comunita_montane")
    ente = folder / "cm-esempio"
    toml = (ente / "ente.toml").read_text(encoding="utf-8").replace('performance_individuale = "12000.00"\n', "")
    (ente / "ente.toml").write_text(toml, encoding="utf-8")
    (ente / "fondo.csv").write_text(FONDO, encoding="utf-8")
    cycle(folder)
    return folder


def run(folder: Path, *more: str) -> dict:
    assert main(["run", str(folder / "cycle.toml"), "--out", str(folder / "out"), *more]) in (0, 1)
    return json.loads((folder / "out" / "cm-esempio" / "results.json").read_text(encoding="utf-8"))


def test_a_cycle_with_a_fund_needs_no_typed_funds(with_fund):
    doc = run(with_fund, "--no-store")
    assert (
        check_expected(
            doc,
            {
                "fondo.totals.stabile": "84296.90",
                "fondo.totals.variabile": "3400.00",
                "fondo.totals.decurtazione": "-1332.12",
                "fondo.totals.total": "86364.78",
                "fondo.totals.destined": "62000.00",
                "fondo.totals.residual": "24364.78",
                "fondo.totals.carried": "24364.78",
                # the pool is the destination: the example's 12,000.00, now from the fund, all paid as before
                "rewards.pools.performance_individuale.amount": "12000.00",
                "rewards.pools.performance_individuale.distributed": "12000.00",
                "rewards.people.P1.amount": "4285.71",  # 12,000 × 2.5 / 7, as the example's expected.json
            },
        )
        == []
    )
    limit = next(c for c in doc["fondo"]["checks"] if c["key"] == "limite")
    # counted: 80,000.00 + 2,000.00 (inside) + 15,000.00 EQ = 97,000.00; limit 110,000.00: margin 13,000.00
    assert dict(limit["rows"])["Margine"] == "13000.00" and limit["ok"] is True
    assert not [v for v in doc["violations"] if v["severity"] == "error"]
    out = with_fund / "out" / "cm-esempio"
    assert (out / "relazione-tecnico-finanziaria.html").is_file() and (
        out / "relazione-tecnico-finanziaria.xlsx"
    ).is_file()
    assert 'id="fondo"' in (out / "relazione.html").read_text(encoding="utf-8")


def test_a_typed_pool_that_disagrees_is_an_error_naming_both_figures(with_fund):
    toml = with_fund / "cm-esempio" / "ente.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("[funds]\n", '[funds]\nperformance_individuale = "11000.00"\n'),
        encoding="utf-8",
    )
    doc = run(with_fund, "--no-store")
    found = [v for v in doc["violations"] if v["rule"] == "core.fondo.fondi"]
    assert (
        len(found) == 1
        and found[0]["severity"] == "error"
        and found[0]["where"] == "ente.toml:funds.performance_individuale"
    )
    assert "€ 11.000,00" in found[0]["message"] and "€ 12.000,00" in found[0]["message"]
    assert doc["rewards"]["pools"]["performance_individuale"]["amount"] == "12000.00"  # the fund's figure is used
    # the same figure typed is no error
    toml.write_text(toml.read_text(encoding="utf-8").replace('"11000.00"', '"12000.00"'), encoding="utf-8")
    assert not [v for v in run(with_fund, "--no-store")["violations"] if v["rule"] == "core.fondo.fondi"]


def test_an_ente_without_a_fund_works_as_before(example):
    folder = example("comunita_montane")
    doc = run(folder, "--no-store")
    out = folder / "out" / "cm-esempio"
    assert "fondo" not in doc and not (out / "relazione-tecnico-finanziaria.html").exists()
    assert 'id="fondo"' not in (out / "relazione.html").read_text(encoding="utf-8")


def test_explain_pool_goes_from_the_premium_to_every_item_and_clause(with_fund, capsys):
    assert (
        main(
            [
                "explain",
                str(with_fund / "cycle.toml"),
                "--ente",
                "cm-esempio",
                "--pool",
                "performance_individuale",
                "--json",
            ]
        )
        == 0
    )
    tree = json.dumps(json.loads(capsys.readouterr().out), ensure_ascii=False)
    for clause in (
        "CCNL Funzioni Locali 23.2.2026 art. 58 c. 1",  # the 0.14% and its arrears
        "CCNL Funzioni Locali 23.2.2026 art. 60 cc. 2, 5",  # the cut
        "CCNL Funzioni Locali 16.11.2022 art. 79 c. 1 lett. b",  # the 84.50
        "CCNL Funzioni Locali 16.11.2022 art. 79 c. 2 lett. b",  # the 1.2%
    ):
        assert clause in tree
    assert "fondo.csv:16:importo" in tree  # the destination's cell: row 16 (the header is row 1)


def test_the_fund_in_ente_toml_reads_as_the_sheet(with_fund):
    ente = with_fund / "cm-esempio"
    rows = [line.split(",") for line in FONDO.strip().splitlines()]
    tables = []
    for cells in rows[1:]:
        pairs = [(h, v) for h, v in zip(rows[0], cells) if v]
        body = "\n".join(f'{h} = {v}' if h == "numero" else f'{h} = "{v}"' for h, v in pairs)
        tables.append(f"[[fondo]]\n{body}\n")
    (ente / "fondo.csv").unlink()
    (ente / "ente.toml").write_text(
        (ente / "ente.toml").read_text(encoding="utf-8") + "\n" + "\n".join(tables), encoding="utf-8"
    )
    doc = run(with_fund, "--no-store")
    assert doc["fondo"]["totals"]["total"] == "86364.78"
    # a bad cell is named at its table: the 2nd [[fondo]] (dipendenti_2015) with a count that does not read
    text = (ente / "ente.toml").read_text(encoding="utf-8").replace("numero = 12\n", 'numero = "dodici"\n', 1)
    (ente / "ente.toml").write_text(text, encoding="utf-8")
    assert main(["validate", str(with_fund / "cycle.toml")]) == 1


def test_the_relazione_tecnico_finanziaria_has_the_four_modules_and_a_workbook(with_fund):
    run(with_fund, "--no-store")
    out = with_fund / "out" / "cm-esempio"
    page = (out / "relazione-tecnico-finanziaria.html").read_text(encoding="utf-8")
    for title in (
        "Modulo I — La costituzione del fondo",
        "Modulo II — La destinazione del fondo",
        "Modulo III",
        "Modulo IV",
    ):
        assert title in page
    assert "€ 86.364,78" in page and "Premi annuali sui risultati della performance" in page  # the pool in words
    book = load_workbook(out / "relazione-tecnico-finanziaria.xlsx")
    assert [ws.title[:9] for ws in book.worksheets] == ["Modulo I ", "Modulo II", "Modulo II", "Modulo IV", "Dati di p"]
    amounts = [
        c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, (int, float))
    ]
    assert 86364.78 in amounts  # numbers, not text, for the office to sum
    with zipfile.ZipFile(out / "relazione-tecnico-finanziaria.xlsx") as z:
        assert not any("performance_individuale" in z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))


def test_the_relazione_tecnico_finanziaria_says_each_verdict_once_and_cites_the_2026_contract(with_fund):
    run(with_fund, "--no-store")
    out = with_fund / "out" / "cm-esempio"
    for name in ("relazione-tecnico-finanziaria.html", "relazione.html"):
        page = (out / name).read_text(encoding="utf-8")
        # 30% of the 1.2% (2,000.00) = 600.00, 12,000.00 destined; to the uses a)–f) 12,000.00 (b) + 20,000.00
        # (condizioni di lavoro, c) = 32,000.00, more than half the 2,000.00; the limit's margin 110,000.00 − 97,000.00
        assert (
            "Esito: rispettata, con € 12.000,00 alla performance su un minimo di € 600,00; agli usi a)–f) vanno "
            "€ 32.000,00, più della metà delle risorse variabili di riferimento (€ 2.000,00)."
        ) in page
        assert "Esito: rispettato, con un margine di € 13.000,00." in page
        assert "(rispettat" not in page and "(NON rispettat" not in page and "(dato)" not in page
        # Modulo II: the uses of a 2026 fund under the CCNL 23.2.2026 (rules §4: art. 59), none under the 2018 letters
        assert "CCNL Funzioni Locali 23.2.2026 art. 59 c. 2 lett. c" in page  # condizioni di lavoro
        assert "CCNL Funzioni Locali 23.2.2026 art. 59 c. 1" in page  # the indennità di comparto on the fund
        assert "art. 68 c. 2" not in page and "art. 80 c. 2" not in page


def test_the_relazione_tecnico_finanziaria_shows_the_acts_beside_the_clauses(with_fund):
    # the sheet's atto column is what the revisore checks each decided figure against: the 1.2% (Delibera GC 5/2026,
    # with its cap: 1.2% × 300,000.00 = 3,600.00) and the destination to the premiums (CCDI 2026) are written beside
    # their lines, page and workbook
    run(with_fund, "--no-store")
    out = with_fund / "out" / "cm-esempio"
    page = (out / "relazione-tecnico-finanziaria.html").read_text(encoding="utf-8")
    assert page.count("Atti e note") == 6  # the three sections of Modulo I and of Modulo II
    capped = "tetto € 3.600,00 = 1,2% × € 300.000,00; Delibera GC 5/2026"
    assert capped in page and "CCDI 2026" in page
    book = load_workbook(out / "relazione-tecnico-finanziaria.xlsx")
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert capped in texts and "CCDI 2026" in texts


def test_the_store_keeps_each_year_s_fund_and_the_next_year_compares_with_it(with_fund):
    first = run(with_fund)  # 2026, into cycle.toml's ciclope.db
    assert first["fondo"]["totals"]["carried"] == "24364.78"
    csv = with_fund / "cm-esempio" / "fondo.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "residui_anno_precedente,24364.78,,,,,\n", encoding="utf-8")
    cycle(with_fund, 2027)
    (with_fund / "cycle.toml").write_text(
        (with_fund / "cycle.toml").read_text(encoding="utf-8").replace("year = 2026", "year = 2027"), encoding="utf-8"
    )
    second = run(with_fund)
    # 2027: no arrears of the 0.14% (−1,400.00) and the residual back as variable (+24,364.78): 86,364.78 −
    # 1,400.00 + 24,364.78 = 109,329.56
    assert second["fondo"]["totals"]["total"] == "109329.56"
    out = with_fund / "out" / "cm-esempio"
    page = (out / "relazione-tecnico-finanziaria.html").read_text(encoding="utf-8")
    assert "Fondo 2026" in page and "€ 86.364,78" in page and "€ 109.329,56" in page
    assert "€ 22.964,78" in page  # the difference of the totals: 109,329.56 − 86,364.78
    relazione = (out / "relazione.html").read_text(encoding="utf-8")
    assert "residuo di parte stabile di € 24.364,78" in relazione and "anni precedenti € 24.364,78" in relazione


def test_the_template_from_a_run_carries_the_residual_and_the_base_figures(with_fund, tmp_path):
    run(with_fund, "--no-store")
    build("comunita_montane", tmp_path / "ufficio", with_fund / "out" / "cm-esempio")
    book = load_workbook(tmp_path / "ufficio" / "cm-esempio" / "ente.xlsx")
    sheet = book["fondo"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    by = {r["voce"]: r for r in rows if r["voce"] != "destinazione"}
    assert D(str(by["residui_anno_precedente"]["importo"])) == D("24364.78")
    assert by["monte_salari_2021"]["importo"] == 500000 and by["dipendenti_2015"]["numero"] == 12  # carried
    assert by["variabile_1_2"]["importo"] is None  # a variable item is the year's decision: left empty
    pools = {r["uso"]: r["fondo_premi"] for r in rows if r["voce"] == "destinazione"}
    assert pools["Premi correlati alla performance individuale"] == "performance_individuale" and "arretrati" not in by
    assert sheet.cell(row=1, column=1).comment is not None  # each header says what it holds


def test_the_template_does_not_carry_the_cut_that_kept_the_year_s_limit(with_fund, tmp_path):
    """A cut written to respect the limit of art. 23 c. 2 D.Lgs. 75/2017 holds for its year: the limit is kept each
    year by that year's items, so next year's sheet has the row empty with a note; a stable cut is carried."""
    csv = with_fund / "cm-esempio" / "fondo.csv"
    more = "decurtazione_limite,1000.00,,,,,Determina 9/2026\ndecurtazione,500.00,,,,,Determina 8/2015\n"
    csv.write_text(csv.read_text(encoding="utf-8") + more, encoding="utf-8")
    doc = run(with_fund, "--no-store")
    # 86,364.78 − 1,000.00 − 500.00 = 84,864.78; the residual 84,864.78 − 62,000.00 destined = 22,864.78
    assert doc["fondo"]["totals"]["total"] == "84864.78"
    assert doc["fondo"]["totals"]["carried"] == "22864.78"
    build("comunita_montane", tmp_path / "ufficio", with_fund / "out" / "cm-esempio")
    sheet = load_workbook(tmp_path / "ufficio" / "cm-esempio" / "ente.xlsx")["fondo"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    cut = [r for r in rows if r["voce"] == "decurtazione_limite"]
    assert len(cut) == 1 and cut[0]["importo"] is None
    assert cut[0]["nota"].startswith("nel fondo 2026: € 1.000,00, Determina 9/2026; vale solo per quell'anno")
    stable = [r for r in rows if r["voce"] == "decurtazione"]
    assert [(r["importo"], r["atto"]) for r in stable] == [(500, "Determina 8/2015")]


def test_the_template_carries_the_fixed_destinations_the_contract_does_not_negotiate(with_fund, tmp_path):
    """V's IPAB: next year's sheet left empty the differenziali already given and the indennità di comparto on the
    fund while the stable item that funds the PEO was carried, showing their € 9.700 as room the CCDI could share.
    They are fixed payments netted first (art. 59 c. 1 CCNL 23.2.2026): carried with the year they come from, as
    the stable items are; the uses the CCDI negotiates stay empty, the year's decisions."""
    uses = _fixed_next_year(with_fund, tmp_path, "destinazione,3500.00,,,differenziali_stipendiali,,CCDI 2026\n")
    fixed = uses["Differenziali delle progressioni economiche già attribuite"]
    comparto = uses["Quota dell'indennità di comparto a carico del fondo"]
    # the 2026 figures as written: 3,500.00 and 30,000.00, together the 33,500.00 the new CCDI cannot share
    assert (fixed["importo"], comparto["importo"]) == (3500, 30000) and fixed["atto"] is None
    assert fixed["nota"].startswith("importo del fondo 2026, riportato: un trattamento fisso")
    assert uses["Indennità condizioni di lavoro"]["importo"] is None  # negotiated: the year's decision
    assert uses["Premi correlati alla performance individuale"]["importo"] is None


def _fixed_next_year(with_fund, tmp_path, more: str) -> dict[str, dict]:
    """The destinations of the sheet ``template --from`` writes after a 2026 run whose fondo.csv has ``more`` rows."""
    csv = with_fund / "cm-esempio" / "fondo.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + more, encoding="utf-8")
    run(with_fund, "--no-store")
    build("comunita_montane", tmp_path / "ufficio", with_fund / "out" / "cm-esempio")
    sheet = load_workbook(tmp_path / "ufficio" / "cm-esempio" / "ente.xlsx")["fondo"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    return {r["uso"]: r for r in rows if r["voce"] == "destinazione"}


def test_next_year_s_differenziali_add_the_progressions_of_the_year(with_fund, tmp_path):
    """W2's Comune: the progressions with decorrenza in 2026 are paid from the stable part from then on, so the 2027
    fund's differenziali already given are the 2026 ones plus them; the template carried the 2026 figure alone and
    the office had to add them by hand. The progressions' own row is the new CCDI's decision: left empty."""
    more = (
        "destinazione,3500.00,,,differenziali_stipendiali,,CCDI 2026\ndestinazione,2400.00,,,progressioni,,CCDI 2026\n"
    )
    uses = _fixed_next_year(with_fund, tmp_path, more)
    fixed = uses["Differenziali delle progressioni economiche già attribuite"]
    assert fixed["importo"] == 5900  # 3,500.00 + 2,400.00
    said = "€ 5.900,00 = € 3.500,00 del fondo 2026 + € 2.400,00 delle progressioni economiche con decorrenza nel 2026"
    assert fixed["nota"].startswith(said + ": un trattamento fisso")
    assert "il costo delle progressioni attribuite, se è stato minore di quanto destinato" in fixed["nota"]
    assert uses["Progressioni economiche (differenziali stipendiali) con decorrenza nell'anno"]["importo"] is None


def test_the_first_progressions_make_next_year_s_differenziali(with_fund, tmp_path):
    """An ente with no differenziali yet: its first progressions (1,800.00 in 2026) are the 2027 row."""
    uses = _fixed_next_year(with_fund, tmp_path, "destinazione,1800.00,,,progressioni,,CCDI 2026\n")
    fixed = uses["Differenziali delle progressioni economiche già attribuite"]
    assert fixed["importo"] == 1800
    assert fixed["nota"].startswith("€ 1.800,00 delle progressioni economiche con decorrenza nel 2026: un trattamento")


def test_a_compare_scenario_changes_an_item_and_a_destination(with_fund, tmp_path):
    scenario = tmp_path / "con022.toml"
    scenario.write_text(
        'description = "Con lo 0,22% del monte salari 2021"\n[fondo]\nopzionale_022_2021 = "1000.00"\n'
        'fondo_2024 = "80000.00"\nrisorse_eq_2024 = "20000.00"\n"destinazione:performance_individuale" = "12800.00"\n',
        encoding="utf-8",
    )
    out = tmp_path / "cmp"
    assert main(["compare", str(with_fund / "cycle.toml"), "--scenario", f"con022={scenario}", "--out", str(out)]) == 0
    doc = json.loads((out / "compare.json").read_text(encoding="utf-8"))["scenarios"]
    # 0.22% × 500,000 = 1,100.00 ≥ 1,000.00; the fund's part 1,000 × 80,000 / 100,000 = 800.00
    assert doc["attuale"]["funds"]["fondo risorse decentrate costituito"] == "86364.78"
    assert doc["con022"]["funds"]["fondo risorse decentrate costituito"] == "87164.78"  # + 800.00
    assert doc["con022"]["funds"]["performance_individuale"] == "12800.00"
    # a key that is no item of the sheet is refused, naming the scenario file and the key
    scenario.write_text('[fondo]\nmonte_salari_2030 = "1.00"\n', encoding="utf-8")
    assert (
        main(["compare", str(with_fund / "cycle.toml"), "--scenario", f"x={scenario}", "--out", str(tmp_path / "c2")])
        == 2
    )


def test_report_adds_the_relazione_tecnico_finanziaria_with_the_store_s_previous_year(with_fund):
    run(with_fund)  # 2026 into the store
    csv = with_fund / "cm-esempio" / "fondo.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "residui_anno_precedente,24364.78,,,,,\n", encoding="utf-8")
    text = (with_fund / "cycle.toml").read_text(encoding="utf-8").replace("year = 2026", "year = 2027")
    (with_fund / "cycle.toml").write_text(text, encoding="utf-8")
    run(with_fund, "--outputs", "results,relazione,pubblica,schede,trasparenza,art20")  # 2027 without the document
    out = with_fund / "out" / "cm-esempio"
    assert not (out / "relazione-tecnico-finanziaria.html").exists()
    store = str(with_fund / "ciclope.db")
    assert main(["report", str(out), "--outputs", "fondo", "--store", store]) == 0
    page = (out / "relazione-tecnico-finanziaria.html").read_text(encoding="utf-8")
    assert "Fondo 2026" in page and "€ 86.364,78" in page  # Modulo III: the 2026 fund from the store
    assert (out / "relazione-tecnico-finanziaria.xlsx").is_file()
    assert main(["verify", str(out), "--store", store]) == 0  # the digests of the new documents, recorded


@pytest.mark.slow
def test_the_relazione_tecnico_finanziaria_prints_to_a4_with_chromium(with_fund):
    import shutil
    import subprocess

    from ciclope.core.reports.public import chromium

    if chromium() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs Chromium and poppler-utils")
    run(with_fund, "--no-store", "--outputs", "results,fondo,pdf")
    pdf = with_fund / "out" / "cm-esempio" / "relazione-tecnico-finanziaria.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Modulo I", "Modulo II", "Modulo III", "Modulo IV", "86.364,78", "art. 58 c. 1"):
        assert words in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "595.3" in info or "595.28" in info or "A4" in info  # the page is A4 (595 × 842 points)


def test_a_template_for_an_earlier_year_lists_that_year_s_items(tmp_path):
    """An office writing its 2024 fund in 2026 gets the rows of the 2024 contract: the 0,22% of the 2021 monte salari
    is a 2026 item (art. 58 c. 2 CCNL 23.2.2026), the 0,22% of 2018 is there since 2023 (art. 79 c. 3)."""
    import openpyxl

    from ciclope.core.commands.cli import main

    assert main(["template", "regolamento", str(tmp_path / "u24"), "--year", "2024"]) == 0
    assert main(["template", "regolamento", str(tmp_path / "u26"), "--year", "2026"]) == 0
    items = {}
    for name in ("u24", "u26"):
        sheet = openpyxl.load_workbook(tmp_path / name / "mio-ente" / "ente.xlsx")["fondo"]
        items[name] = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert "opzionale_022_2018" in items["u24"] and "opzionale_022_2021" not in items["u24"]
    assert "opzionale_022_2021" in items["u26"]
    assert "anno = 2024" in (tmp_path / "u24" / "cycle.toml").read_text(encoding="utf-8")


def test_the_template_writes_the_use_s_words_and_the_reader_takes_the_code_too(tmp_path):
    """docs/fondo.md: a destination row's ``uso`` is written in the model's words («Premi correlati alla performance
    individuale»), what the office reads; its short name (``performance_individuale``) is read as the same use."""
    import openpyxl

    from ciclope.plugins.ccnl_funzioni_locali.fondo import sheet as fondo_sheet

    assert main(["template", "regolamento", str(tmp_path / "u"), "--year", "2026"]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "u" / "mio-ente" / "ente.xlsx")["fondo"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    uses = [r["uso"] for r in rows if r["voce"] == "destinazione"]
    assert "Premi correlati alla performance individuale" in uses and "Indennità condizioni di lavoro" in uses
    notes = {c.value: c.comment.text for c in sheet[1] if c.comment is not None}
    assert "si può scrivere anche il suo nome breve" in notes["uso"]
    assert fondo_sheet.uso("Premi correlati alla performance individuale") == "performance_individuale"
    assert fondo_sheet.uso("performance_individuale") == "performance_individuale"


@pytest.mark.parametrize("year", [2024, 2027])
def test_the_template_s_header_examples_follow_the_year_asked(tmp_path, year):
    """The header notes of the fondo sheet give examples of the cycle prepared: an act of that year, a leave the
    year before (its RIA enters the year after), a voce of every contract (the 2017 consolidated amount), never the
    2026 dates or a monte salari of a contract not in force."""
    import re

    import openpyxl

    assert main(["template", "regolamento", str(tmp_path / "u"), "--year", str(year)]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "u" / "mio-ente" / "ente.xlsx")["fondo"]
    notes = {c.value: c.comment.text for c in sheet[1] if c.comment is not None}
    assert "Esempio: unico_importo_2017" in notes["voce"]
    assert f"Esempio: 30/04/{year - 1}" in notes["data"]
    assert f"Esempio: Delibera di Giunta n. 12 del 30/01/{year}" in notes["atto"]
    said = "\n".join(notes.values())
    assert "monte_salari_2021" not in said and "comparto_istruttori" not in said
    assert set(re.findall(r"\d\d/\d\d/(\d{4})", said)) == {str(year - 1), str(year)}  # no fixed 2025/2026 date
