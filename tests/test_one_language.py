"""One language for the office: every word, number and order a person reads, as an Italian office writes it.

Each case a trial found — as a newcomer, the HR office of a small Comune on a declared regulation, ops with many
enti, a plugin author — is a test here: the vocabulary an office writes (and the old codes, still read), numbers
as they were typed, the order people count in, documents that describe the ente and not the program, guidance
where the office errs, a portal that stays readable with many enti and years. The scan of every page of the demos
and of the template path is tests/test_what_people_see.py; the guard's own checks are at the bottom."""

from __future__ import annotations

import csv
import json
import re
import shutil
import tomllib
from pathlib import Path

import attrs
import openpyxl
import pytest
import seen

from ciclope.core import fmt as core_fmt
from ciclope.core.commands.cli import main
from ciclope.core.engine.registry import load_plugin
from ciclope.core.inputs.config import load_config
from ciclope.core.problems import CiclopeError
from ciclope.core.reports import fmt

from helpers import ROOT

NUOVO = Path(load_plugin("regolamento")[1].folder or "") / "nuovo.toml"


def demo(plugin: str, tmp_path: Path) -> Path:
    folder = load_plugin(plugin)[1].demo
    assert folder is not None
    shutil.copytree(folder, tmp_path / plugin)
    return tmp_path / plugin / "cycle.toml"


def text_of(path: Path) -> str:
    return seen.page_text(path)


# -- an office from the template: a small Comune on the starter regulation -----------------------------------------

PEOPLE = [
    # codice, nome, ruolo, categoria, unità, giorni_assenza, valutatore, retribuzione_posizione
    ("SEG", "Serena", "Segretario", "DIR", "com", 0, None, None),
    ("PO1", "Paolo", "Elevata qualificazione (EQ)", "Area dei Funzionari e dell'Elevata qualificazione", "amm", 0,
     "SEG", 10000),
    *[(f"D{n}", f"Dipendente {n}", "Dipendente", "Area degli Istruttori", "amm", 200 if n == 2 else 0, "PO1", None)
      for n in range(1, 12)],
]  # fmt: skip
STAFF_CARD = (("Risultati", "Contributo agli obiettivi dell'unità", 40), ("Comportamenti", "Qualità del lavoro svolto", 20),
              ("Comportamenti", "Capacità di lavorare in gruppo", 20), ("Comportamenti", "Flessibilità e disponibilità", 20))  # fmt: skip
LEAD_CARD = tuple(("Comportamenti organizzativi", item, 25) for item in (
    "Capacità di programmazione e controllo", "Gestione e valorizzazione dei collaboratori",
    "Capacità di differenziare le valutazioni", "Orientamento all'utenza e all'innovazione"))  # fmt: skip


def rows_into(ws, rows: list[dict]) -> None:
    header = [c.value for c in ws[1]]
    for row in rows:
        ws.append([row.get(h) for h in header])


def office(root: Path) -> Path:
    """``ciclope template regolamento`` filled as an office fills it: the workbook's Italian headers, a target of
    72% and an actual of 74% typed as Excel percentages, a PO whose result pay is a share of the position pay,
    eleven employees (ids D1…D11), one absent 200 days. Its cycle.toml, as written by the template."""
    assert main(["template", "regolamento", str(root)]) == 0
    ente = root / "mio-ente"
    wb = openpyxl.load_workbook(ente / "ente.xlsx")
    rows_into(wb["unità"], [{"codice": "com", "nome": "Comune di Prova", "tipo": "ente", "responsabile": "SEG"},
                            {"codice": "amm", "nome": "Area amministrativa", "tipo": "area", "superiore": "com",
                             "responsabile": "PO1"}])  # fmt: skip
    rows_into(wb["persone"], [
        {"codice": c, "nome": n, "ruolo": r, "categoria": k, "unità": u, "giorni_assenza": a, "valutatore": v,
         "retribuzione_posizione": p} for c, n, r, k, u, a, v, p in PEOPLE])  # fmt: skip
    rows_into(wb["obiettivi"], [{"codice": "OB1", "tipo": "operativo", "titolo": "Tempi certi", "responsabile": "amm"}])
    rows_into(wb["indicatori"], [{"codice": "IN1", "obiettivo": "OB1", "nome": "Pratiche nei termini",
                                  "tipo": "più è meglio", "target": 0.72, "consuntivo": 0.74}])  # fmt: skip
    ws = wb["indicatori"]
    for col in ("target", "consuntivo"):  # typed as Excel percentages: stored 0.72, shown 72%
        ws.cell(2, [c.value for c in ws[1]].index(col) + 1).number_format = "0%"
    cards = []
    for code, _, role, *_rest in PEOPLE:
        items = LEAD_CARD if role != "Dipendente" else STAFF_CARD
        evaluator = "PO1" if role == "Dipendente" else "oiv" if code == "SEG" else "SEG"
        for section, item, top in items:
            cards.append({"persona": code, "valutatore": evaluator, "sezione": section, "voce": item,
                          "punti_massimi": top, "punti": top * 9 // 10})  # fmt: skip
    rows_into(wb["valutazioni"], cards)
    wb.save(ente / "ente.xlsx")
    toml = (ente / "ente.toml").read_text(encoding="utf-8")
    toml = toml.replace('nome = "Nome dell\'ente"', 'nome = "Comune di Prova"')
    toml = toml.replace('# performance_individuale = "12000.00"', 'performance_individuale = "12000.00"')
    toml = toml.replace('# oiv = "Organismo indipendente di valutazione"', '[valutatori]\noiv = "OIV"')
    (ente / "ente.toml").write_text(toml, encoding="utf-8")
    return root / "cycle.toml"


@pytest.fixture(scope="module")
def comune(tmp_path_factory) -> Path:
    """The office's folder after ``run`` and ``schede-personali``, its portal (internal and public) beside it."""
    root = tmp_path_factory.mktemp("comune")
    cycle = office(root / "ufficio")
    assert main(["run", str(cycle)]) in (0, 1)
    assert main(["schede-personali", str(root / "ufficio" / "risultati" / "mio-ente"), "--solo-html"]) == 0
    assert main(["site", str(cycle), "--out", str(root / "sito")]) == 0
    assert main(["site", str(cycle), "--public", "--out", str(root / "pubblico")]) == 0
    return root


# -- one vocabulary -------------------------------------------------------------------------------------------------


def test_the_starter_regulation_names_only_what_the_office_has():
    """nuovo.toml: no English name of a file, table or key; its calendar act is proved by a key the ente file the
    template writes has (the schema its first line names is written beside it: test_the_template_path_…)."""
    text = NUOVO.read_text(encoding="utf-8")
    for english in ("[funds]", "[approvals]", "people.csv", "evaluations.csv", "position_pay",
                    "relazione_validated_oiv", "premi_paid"):  # fmt: skip
        assert english not in text, english
    keys = re.findall(r'^approvazione = "(\w+)"', text, re.M)
    assert keys == ["relazione_validata_oiv"]


def test_the_template_path_writes_italian_and_names_existing_files(tmp_path):
    cycle = office(tmp_path / "u")
    written = cycle.read_text(encoding="utf-8")
    assert "[ciclo]" in written and "anno = " in written and 'dati = "mio-ente"' in written
    assert "year =" not in written and "data =" not in written
    ente_toml = (tmp_path / "u" / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    assert "# relazione_validata_oiv = " in ente_toml  # the key the starter regulation's calendar names
    regulation = (tmp_path / "u" / "regolamento.toml").read_text(encoding="utf-8")
    # the schema the first line names is a file the template wrote beside it
    schema = re.match(r"#:schema \./(\S+)\n", regulation)
    assert schema is not None and (tmp_path / "u" / schema.group(1)).is_file()


def english_names() -> set[str]:
    """Every name ciclope reads under an Italian one it prefers: the tables and keys of cycle.toml and ente.toml,
    the acts and funds of [atti] and [fondi], the parameters that have an Italian key."""
    from ciclope.core import vocabulary as v

    tables = (v.ENTE_TABLES, v.APPROVAL_NAMES, v.FUND_NAMES, v.CYCLE_TABLES, v.CYCLE_KEYS, v.ENTE_KEYS, v.STORE_KEYS)
    names = {code for table in (*tables, v.MAGGIORAZIONE_KEYS) for code in table.values()}
    for params in ROOT.glob("plugins/*/params.toml"):
        specs = tomllib.loads(params.read_text(encoding="utf-8"))
        names |= {code for code, spec in specs.items() if isinstance(spec, dict) and spec.get("italian_key")}
    return names


def keys_of(table: dict, where: str = "") -> list[str]:
    """Every key of a TOML document, with its dotted place (``ente.parametri.x``), tables of arrays included."""
    out = []
    for key, value in table.items():
        out.append(f"{where}{key}")
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            if isinstance(row, dict):
                out += keys_of(row, f"{where}{key}.")
    return out


def test_every_toml_given_to_an_office_is_in_its_words(tmp_path):
    """The demos an office copies, the template it fills and the synthetic enti of `ciclope synth`: no table or key
    by a name ciclope reads only as the old code (``[funds]``, ``year``, ``po_total``, ``relazione_drafted``…)."""
    english = english_names()
    assert {"funds", "year", "po_total", "relazione_drafted", "ranking_scope"} <= english  # the scan sees them
    assert main(["template", "brescia", str(tmp_path / "t")]) == 0
    assert main(["synth", str(tmp_path / "s"), "--enti", "3", "--people", "12"]) == 0
    given = [*ROOT.glob("plugins/*/demo/cycle.toml"), *ROOT.glob("plugins/*/demo/*/ente.toml")]
    given += [*tmp_path.glob("*/cycle.toml"), *tmp_path.glob("*/*/ente.toml"), *tmp_path.glob("s/enti/*/ente.toml")]
    assert len(given) >= 4 + 7 + 2 + 1 + 3  # 4 demo cycles, their 7 enti, template and synth cycles, their enti
    for path in given:
        text = path.read_text(encoding="utf-8")
        uncommented = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        said = keys_of(tomllib.loads(uncommented))
        wrong = [k for k in said if k.rsplit(".", 1)[-1] in english]
        assert not wrong, f"{path}: {wrong}"
    template = (tmp_path / "t" / "mio-ente" / "ente.toml").read_text(encoding="utf-8")  # the commented keys too
    assert "# risorse_po = " in template and "# relazione_redatta = " in template and "po_total" not in template


def test_cycle_toml_reads_the_italian_names_and_the_old_codes(tmp_path):
    cycle = demo("comunita_montane", tmp_path)
    italian = (
        cycle.read_text(encoding="utf-8")  # the demo is written as an office writes it
        + "limite_giorni_assenza = 151\n"
        + ("[ente.nazionale]\nmaggiorazione = { quota_premio = 0.30, quota_personale = 0.10 }\n")
    )
    english = (
        italian.replace("[ciclo]", "[cycle]").replace("anno =", "year =").replace("risultati =", "output =")
        .replace('dati = "feltrina"', 'data = "feltrina"').replace("[ente.parametri]", "[ente.params]")
        .replace("ambito_graduatorie", "ranking_scope").replace("[ente.nazionale]", "[ente.national]")
        .replace("quota_premio = 0.30, quota_personale = 0.10", "share = 0.30, quota = 0.10")
    )  # fmt: skip
    assert english.count("[cycle]") == english.count("[ente.params]") == english.count("[ente.national]") == 1
    cycle.write_text(english, encoding="utf-8")
    a = load_config(cycle).enti[0]
    cycle.write_text(italian, encoding="utf-8")
    b = load_config(cycle).enti[0]
    assert a.params.values == b.params.values and b.params["absence_limit_days"] == 151
    assert b.params["ranking_scope"] == "area"
    # a key written both ways: an error naming both, nothing chosen in the office's place
    cycle.write_text(italian.replace("anno = 2021", "anno = 2021\nyear = 2021"), encoding="utf-8")
    with pytest.raises(CiclopeError) as exc:
        load_config(cycle)
    assert "«anno» e «year» sono la stessa chiave" in str(exc.value)
    cycle.write_text(italian.replace("ambito_graduatorie", "ambito_graduatorie = \"area\"\nranking_scope"), "utf-8")
    with pytest.raises(CiclopeError) as exc:
        load_config(cycle)
    assert "«ambito_graduatorie» e «ranking_scope» sono lo stesso parametro" in str(exc.value)


def test_the_national_warning_asks_for_the_office_s_keys(tmp_path, capsys):
    cycle = demo("comunita_montane", tmp_path)
    capsys.readouterr()
    main(["validate", str(cycle)])
    out = capsys.readouterr().out
    assert (
        'Aggiungi in cycle.toml [ente.nazionale] maggiorazione = { quota_premio = "30%", quota_personale = "10%" }'
        in (out)
    )
    assert "share =" not in out and "[ente.national]" not in out
    assert "cycle.toml [ente.nazionale] maggiorazione: avviso" in out  # where, as the office writes it
    # the maggiorazione in the office's words is read: the warning goes
    cycle.write_text(
        cycle.read_text(encoding="utf-8")
        + "\n[ente.nazionale]\nmaggiorazione = { quota_premio = 0.30, quota_personale = 0.10 }\n",
        encoding="utf-8",
    )
    main(["validate", str(cycle)])
    assert "maggiorazione del premio individuale" not in capsys.readouterr().out


def test_data_files_and_ente_toml_by_their_italian_names(tmp_path, capsys):
    cycle = demo("regolamento", tmp_path)
    data = cycle.parent / "comune-livelli"
    assert (data / "persone.csv").is_file() and (data / "valutazioni.csv").is_file()  # the demo writes Italian
    capsys.readouterr()
    assert main(["validate", str(cycle), "--ente", "comune-livelli"]) == 0
    # the English names stay accepted
    (data / "persone.csv").rename(data / "people.csv")
    (data / "valutazioni.csv").rename(data / "evaluations.csv")
    assert main(["validate", str(cycle), "--ente", "comune-livelli"]) == 0
    # both names for one table: an error naming both files
    shutil.copy(data / "people.csv", data / "persone.csv")
    main(["validate", str(cycle), "--ente", "comune-livelli"])
    assert "people.csv e persone.csv sono la stessa tabella (persone)" in capsys.readouterr().out
    (data / "people.csv").unlink()
    toml = (data / "ente.toml").read_text(encoding="utf-8")
    assert "[fondi]" in toml  # the demo writes the office's word; the old code beside it names both
    (data / "ente.toml").write_text(toml + '\n[funds]\nperformance_individuale = "1.00"\n', encoding="utf-8")
    main(["validate", str(cycle), "--ente", "comune-livelli"])
    assert "«fondi» e «funds» sono la stessa chiave" in capsys.readouterr().out


def test_rule_codes_stay_in_results_json_and_off_every_page(tmp_path):
    cycle = demo("comunita_montane", tmp_path)
    assert main(["run", str(cycle), "--out", str(tmp_path / "out"), "--store", str(tmp_path / "a.db")]) == 0
    folder = tmp_path / "out" / "cm-feltrina"
    rules = {v["rule"] for v in json.loads((folder / "results.json").read_text(encoding="utf-8"))["violations"]}
    assert "ccnl.art69.not_configured" in rules  # the machine contract keeps the code
    assert main(["site", str(cycle), "--store", str(tmp_path / "a.db"), "--out", str(tmp_path / "sito")]) == 0
    pages = [folder / "relazione.html", tmp_path / "sito" / "enti" / "cm-feltrina.html"]
    for page in pages:
        shown = text_of(page)
        assert "ccnl.art69" not in shown and "comunita_montane.result" not in shown, page
        assert "maggiorazione del premio individuale" in shown  # the sentence is there
    wb = openpyxl.load_workbook(folder / "schede.xlsx")
    assert all("ccnl." not in str(c) for row in wb["Violazioni"].iter_rows(values_only=True) for c in row)


def test_the_internal_relazione_names_parameters_as_the_office_writes_them(tmp_path):
    cycle = demo("brescia", tmp_path)
    assert main(["run", str(cycle), "--out", str(tmp_path / "out"), "--no-store"]) == 0
    page = text_of(tmp_path / "out" / "cciaa-brescia" / "relazione.html")
    for code in ("rating_max", "pay_min", "po_positive", "result_share"):
        assert code not in page, code
    rows = [ln.strip() for ln in page.splitlines() if ln.strip()]
    # quota_risultato 0.15 is a share (bounds 0.15–1): 15%; retribuzione_minima 5000 is an amount in euro
    assert rows[rows.index("quota_risultato") + 1] == "15%"
    assert rows[rows.index("retribuzione_minima") + 1] == "€ 5.000,00"
    assert "scala_massima" in rows and "regolamento brescia 0.1.0" not in page


def test_explain_names_the_italian_column_and_never_a_figure_key(tmp_path, capsys):
    cycle = demo("regolamento", tmp_path)
    capsys.readouterr()
    assert main(["explain", str(cycle), "--ente", "comune-livelli", "--person", "L3"]) == 0
    out = capsys.readouterr().out
    # L3's card: row 4 of valutazioni.csv (the demo's file name as written), the column by its Italian name
    assert "← valutazioni.csv, riga 4, colonna punti" in out and "colonna points" not in out
    assert "score:" not in out and "spiegato sopra: Punteggio di Oscar" in out
    assert "massimo pro capite = € 1.200,00" in out and "tempo lavorato = 100%" in out
    # the heading: the unit and the evaluator by their names, the time worked as a share
    assert "· unità Area amministrativa (amm) ·" in out and "tempo lavorato 100%" in out
    assert "· valutatore Segretario comunale (SEG) ·" in out


# -- numbers as they were typed -------------------------------------------------------------------------------------


def test_a_percentage_typed_in_ente_xlsx_stays_a_percentage_on_every_page(comune):
    out = comune / "ufficio" / "risultati" / "mio-ente"
    for page in ("relazione.html", "relazione-pubblica.html"):
        rows = [ln.strip() for ln in text_of(out / page).splitlines() if ln.strip()]
        at = rows.index("IN1")
        assert "72%" in rows[at : at + 12] and "74%" in rows[at : at + 12], page
        assert not {"0,72", "0,74"} & set(rows[at : at + 12]), page
    cards = text_of(comune / "sito" / "enti" / "mio-ente" / "cifre.html")
    assert "target = 72%" in cards and "consuntivo = 74%" in cards
    # the achievement is a percentage, and so are its bounds in the formula (never «limitato a [0, 1]»)
    assert "consuntivo / target, limitato tra 0% e 100%" in cards and "[0, 1]" not in cards


def test_a_percentage_typed_in_ente_xlsx_stays_a_percentage_in_the_offices_workbook(comune):
    """schede.xlsx, the office's working copy: the target and actual typed as 72% and 74% are cells in % format
    (Excel and LibreOffice show 72,00%), never the bare 0.72 of a General cell."""
    book = openpyxl.load_workbook(comune / "ufficio" / "risultati" / "mio-ente" / "schede.xlsx")
    sheet = book["Indicatori"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "IN1")
    target, actual = row[header.index("Target")], row[header.index("Consuntivo")]
    assert (target.value, target.number_format) == (0.72, "0.00%")
    assert (actual.value, actual.number_format) == (0.74, "0.00%")


def test_the_evaluators_workbook_asks_a_percent_for_a_percent_target(tmp_path, capsys):
    cycle = office(tmp_path / "u")
    wb = openpyxl.load_workbook(tmp_path / "u" / "mio-ente" / "ente.xlsx")
    ws = wb["indicatori"]
    ws.cell(2, [c.value for c in ws[1]].index("consuntivo") + 1).value = None  # the evaluator writes it
    wb.save(tmp_path / "u" / "mio-ente" / "ente.xlsx")
    assert main(["raccolta", "crea", str(cycle), "--ente", "mio-ente", "--out", str(tmp_path / "r")]) == 0
    book = openpyxl.load_workbook(tmp_path / "r" / "da-inviare" / "PO1.xlsx")
    row = [c for c in book["Indicatori"][2]]
    assert row[4].value == pytest.approx(0.72) and row[4].number_format == "0%"  # the target shown as 72%
    assert row[6].value == "una percentuale, es. 74%" and row[5].number_format == "0%"
    row[5].value = 74  # typed as percentage points: read 7,400%
    book.save(tmp_path / "r" / "ricevute" / "PO1.xlsx")
    capsys.readouterr()
    main(["raccolta", "unisci", str(cycle), "--ente", "mio-ente", str(tmp_path / "r")])
    said = capsys.readouterr()
    assert "scrivi 74%" in said.out + said.err


def test_the_contracts_bounds_read_as_percentages_and_amounts_in_euro():
    import datetime as dt
    from decimal import Decimal as D

    from ciclope.core.provisions import Provision
    from ciclope.plugins.ccnl_funzioni_locali.report import describe

    row = Provision("x", "disposizione", dt.date(2018, 5, 21), "CCNL", "testo")
    nbsp = "\u00a0"  # between € and its amount: a narrow cell never ends a line on a bare €
    assert describe(attrs.evolve(row, min=D("5000"), max=D("16000"))) == f"da €{nbsp}5.000,00 a €{nbsp}16.000,00"
    assert describe(attrs.evolve(row, min=D("0.15"), max=D("0.25"))) == "dal 15% al 25%"  # never «da 0,15 a 0,25»
    assert describe(attrs.evolve(row, min=D("0.30"))) == "almeno il 30%"


def test_the_scheda_shows_shares_money_scores_and_italian_formulas(comune):
    scheda = text_of(comune / "ufficio" / "schede-personali" / "mio-ente" / "PO1.html")
    # the weights as the regulation's template writes them, «60% scheda + 40%»: never «0,6 × scheda» nor «0.6 × scheda»
    assert "60% × scheda di valutazione + 40% × performance dell'unità" in scheda
    rows = [ln.strip() for ln in scheda.splitlines() if ln.strip()]
    # PO1's card: 4 items × 22 of 25 = 88,00; the unit at 100%: 0,6 × 88 + 0,4 × 100 = 92,80 ≥ 80 → 20% of € 10.000
    assert rows[rows.index("quota della posizione") + 1] == "20%"
    assert rows[rows.index("performance dell'unità") + 1] == "100,00%"
    assert rows[rows.index("retribuzione di posizione") + 1] == "€ 10.000,00"
    assert "€ 2.000,00" in scheda


# -- order as people expect -----------------------------------------------------------------------------------------


def test_levels_in_the_regulations_order_people_in_natural_order_units_by_name(comune):
    page = text_of(comune / "sito" / "enti" / "mio-ente.html")
    rows = [ln.strip() for ln in page.splitlines() if ln.strip()]
    at = rows.index("Persone per livello")
    levels = [r for r in rows[at : at + 12] if r in ("eccellente", "buono", "adeguato", "non adeguato")]
    # 88 and 90 points: «buono» for everyone but SEG (not evaluated, no card read for the Segretario's role: 88 too)
    assert levels == sorted(levels, key=["eccellente", "buono", "adeguato", "non adeguato"].index)
    people = [r for r in rows if re.fullmatch(r"D\d+", r)]
    assert people[:11] == [f"D{n}" for n in range(1, 12)]  # D2 before D10, never D1, D10, D11, D2
    assert "Area amministrativa" in rows and "amm" not in rows


def test_the_portal_lists_levels_from_the_highest_never_by_head_count(tmp_path):
    """comune-livelli: B has 3 people, A 2, C 2 — the page lists A, B, C, D, E."""
    cycle = demo("regolamento", tmp_path)
    assert main(["run", str(cycle), "--store", str(tmp_path / "a.db")]) in (0, 1)
    assert main(["site", str(cycle), "--store", str(tmp_path / "a.db"), "--out", str(tmp_path / "s")]) == 0
    rows = [ln.strip() for ln in text_of(tmp_path / "s" / "enti" / "comune-livelli.html").splitlines() if ln.strip()]
    at = rows.index("Persone per livello")
    assert [r for r in rows[at : at + 14] if r in "ABCDE" and r] == ["A", "B", "C", "D", "E"]
    people = [r for r in text_of(tmp_path / "s" / "enti" / "comune-parti" / "persone.html").splitlines()
              if re.fullmatch(r"P\d+", r.strip())]  # fmt: skip
    assert [p.strip() for p in people] == sorted({p.strip() for p in people}, key=fmt.natural)


# -- documents that describe the ente, not the program --------------------------------------------------------------


def test_pages_name_the_act_and_the_public_ones_no_file_hash_command_or_id(comune):
    out = comune / "ufficio" / "risultati" / "mio-ente"
    title = "Sistema di misurazione e valutazione della performance"  # the starter's title: never the template's id
    internal, public = text_of(out / "relazione.html"), text_of(out / "relazione-pubblica.html")
    assert title in internal and "0.1.0" not in internal and "regolamento regolamento" not in internal
    # the declared regulation is full of figures: the public page names the act that holds them (its amounts per
    # level, beside groups of fewer than 3, could tell a person's premium), the internal one reads them back
    assert "Il regolamento non ha parametri" not in public + internal
    assert f"sono quelli dell'atto «{title}»" in public
    # and where the citizen reads the criteria: the act the ente publishes (D.Lgs. 33/2013 art. 20 c. 2), never the
    # internal Relazione, which they cannot see
    assert "che l'ente pubblica in Amministrazione trasparente con i criteri di assegnazione dei premi" in public
    assert "la Relazione interna li riporta" not in public
    assert "Il sistema di valutazione dichiarato" in internal
    for leak in ("SHA-256", "ente.xlsx", ".csv", "ciclope explain", "ente.toml"):
        assert leak not in public, leak
    portal = text_of(comune / "pubblico" / "enti" / "mio-ente.html")
    assert title in portal and "0.1.0" not in portal
    assert "mio-ente" not in portal  # the template's id beside the Comune's name: gone


def test_a_2026_cycle_names_a_po_as_its_contract_does(comune):
    # From 2024 a posizione organizzativa is an incarico di Elevata qualificazione (CCNL 16.11.2022 art. 16):
    # the unit's head in the public Relazione, the heads' table in the internal one, the workbook's people.
    out = comune / "ufficio" / "risultati" / "mio-ente"
    internal, public = text_of(out / "relazione.html"), text_of(out / "relazione-pubblica.html")
    book = openpyxl.load_workbook(out / "schede.xlsx", read_only=True)
    workbook = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    for page in (internal, public, workbook):
        assert "Posizione organizzativa" not in page
        assert "Elevata qualificazione (EQ)" in page


def test_no_band_rows_repeat_the_levels_where_there_are_no_bands(comune):
    public = text_of(comune / "ufficio" / "risultati" / "mio-ente" / "relazione-pubblica.html")
    assert "Fascia di merito" not in public and "Premi per livello (D.Lgs. 33/2013 art. 20)" in public
    # nor does the portal give every person a «Fascia» that is their level again, or «—»
    for page in ("mio-ente.html", "mio-ente/persone.html"):
        shown = text_of(comune / "sito" / "enti" / page)
        assert "Fascia" not in shown and "fascia" not in shown and "Livello" in shown, page


def test_the_calendar_lists_the_relazione_once(tmp_path, capsys):
    for plugin in ("comunita_montane",):
        cycle = demo(plugin, tmp_path)
        capsys.readouterr()
        main(["calendar", str(cycle)])
        june = [ln for ln in capsys.readouterr().out.splitlines() if ln.strip().startswith("30/06/2022")]
        assert june == ["  30/06/2022  Relazione sulla performance (adottata e validata dall'OIV)"]
    cycle = office(tmp_path / "u")
    capsys.readouterr()
    main(["calendar", str(cycle)])
    year = load_config(cycle).year
    june = [ln for ln in capsys.readouterr().out.splitlines() if ln.strip().startswith(f"30/06/{year + 1}")]
    # the starting regulation's act names no body: an ente with a Nucleo di valutazione keeps it as it is
    assert len(june) == 1 and "Validazione della Relazione sulla performance" in june[0] and "OIV" not in june[0]


def test_an_excluded_persons_scheda_gives_the_rule_the_datum_and_the_article(comune):
    scheda = text_of(comune / "ufficio" / "schede-personali" / "mio-ente" / "D2.html")
    line = next(ln for ln in scheda.splitlines() if "Esito:" in ln)
    # nuovo.toml: «assenze», giorni = 150, fonte «art. 8 c. 2»; D2 was absent 200 days
    assert "150" in line and "giorni di assenza: 200" in line and "art. 8 c. 2" in line


def test_the_singular_after_one_everywhere(tmp_path, capsys):
    assert fmt.the_pct(0) == "lo 0,00%" and fmt.the_pct("0.8") == "l'80,00%" and fmt.the_pct("0.7") == "il 70,00%"
    # after «a» and «di» the article is joined: «al 10% del personale», never «a il 10%»
    assert fmt.the_pct("0.1", 0, "a") == "al 10%" and fmt.the_pct("0.08", 0, "a") == "all'8%"
    assert fmt.the_pct(0, 0, "di") == "dello 0%" and fmt.the_pct("0.8", 0, "di") == "dell'80%"
    assert fmt.plural(1, "ente", "enti") == "1 ente"
    cycle = demo("bergamo", tmp_path)
    assert main(["run", str(cycle), "--store", str(tmp_path / "a.db")]) in (0, 1)
    assert main(["site", str(cycle), "--store", str(tmp_path / "a.db"), "--out", str(tmp_path / "s")]) == 0
    index = text_of(tmp_path / "s" / "index.html")
    assert "1 ente con risultati" in index and "1 enti" not in index


def test_the_article_of_a_count_agrees_with_how_it_is_said():
    # «tutti gli 8 premiati» (otto), «gli 11» (undici), «gli 80» (ottanta), «gli 11.000» (undicimila); «i 5», «i 110»
    # (centodieci), «i 18» (diciotto)
    said = {n: core_fmt.all_of(n) for n in (5, 8, 11, 18, 80, 110, 800, 11000, 12000)}
    assert said == {
        5: "tutti i 5",
        8: "tutti gli 8",
        11: "tutti gli 11",
        18: "tutti i 18",
        80: "tutti gli 80",
        110: "tutti i 110",
        800: "tutti gli 800",
        11000: "tutti gli 11000",
        12000: "tutti i 12000",
    }


# -- guidance at the point of error ---------------------------------------------------------------------------------


def validated_with_header(tmp_path, capsys, column: str, written: str) -> str:
    """``ciclope validate`` of the demo's comune-livelli with ``column`` of persone.csv headed ``written``."""
    cycle = demo("regolamento", tmp_path)
    people = cycle.parent / "comune-livelli" / "persone.csv"
    people.write_text(people.read_text(encoding="utf-8").replace(column, written, 1), "utf-8")
    capsys.readouterr()
    main(["validate", str(cycle), "--ente", "comune-livelli"])
    return capsys.readouterr().out


def test_a_misspelt_column_gets_the_nearest_italian_name(tmp_path, capsys):
    out = validated_with_header(tmp_path, capsys, "giorni_assenza", "giorni_asenza")
    assert "colonna sconosciuta «giorni_asenza» (forse «giorni_assenza»?)" in out


def test_a_column_named_by_another_word_gets_the_column_it_means(tmp_path, capsys):
    """«tempo_parziale» for the time worked: far from «quota_tempo» as a spelling, the same datum as a meaning."""
    out = validated_with_header(tmp_path, capsys, "quota_tempo", "tempo_parziale")
    assert "colonna sconosciuta «tempo_parziale» (forse «quota_tempo»?)" in out


def test_a_sheet_or_ente_toml_that_cannot_be_read_is_said_once_not_on_every_row_naming_it(tmp_path, capsys):
    """The persone sheet renamed «Dipendenti»: two errors (the unknown sheet, the missing one), not one more per row
    of unità and valutazioni naming a person; ente.toml with a key written twice: its own error, not «valutatore
    «oiv» inesistente» on each row the external evaluator of [valutatori] signs."""
    cycle = office(tmp_path / "u")
    book = openpyxl.load_workbook(tmp_path / "u" / "mio-ente" / "ente.xlsx")
    book["persone"].title = "Dipendenti"
    book.save(tmp_path / "u" / "mio-ente" / "ente.xlsx")
    capsys.readouterr()
    assert main(["validate", str(cycle)]) == 1
    out = capsys.readouterr().out
    assert "manca ente.xlsx[persone], obbligatorio" in out and "foglio sconosciuto «Dipendenti»" in out
    assert "inesistente" not in out and "2 errori, 0 avvisi" in out
    cycle = office(tmp_path / "v")
    toml = tmp_path / "v" / "mio-ente" / "ente.toml"
    twice = 'nome = "Comune di Prova"\n'
    toml.write_text(toml.read_text(encoding="utf-8").replace(twice, twice * 2, 1), encoding="utf-8")
    assert main(["validate", str(cycle)]) == 1
    out = capsys.readouterr().out
    assert "chiave ripetuta" in out and "inesistente" not in out and "1 errore, 0 avvisi" in out


def test_run_never_says_no_output_and_then_output_in(tmp_path, capsys):
    cycle = demo("regolamento", tmp_path)
    (cycle.parent / "comune-livelli" / "persone.csv").write_text("id\n", encoding="utf-8")
    capsys.readouterr()
    main(["run", str(cycle), "--no-store", "--out", str(tmp_path / "out")])
    said = capsys.readouterr()
    assert "nessun output" not in said.err
    assert "comune-livelli: dati non caricabili: la cartella dei suoi risultati non è stata scritta" in said.err
    enti = cycle.read_text(encoding="utf-8").count("[[ente]]")  # one of them cannot load: the others written
    assert f"Risultati in {tmp_path / 'out'} ({enti - 1} enti calcolati su {enti})" in said.out


def test_the_header_notes_give_a_real_example_and_the_accepted_words(tmp_path):
    assert main(["template", "regolamento", str(tmp_path / "u")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "u" / "mio-ente" / "ente.xlsx")
    notes = {c.value: c.comment.text for sheet in wb for c in sheet[1] if c.comment}
    persone = {c.value: c.comment.text for c in wb["persone"][1]}
    assert "Esempio: Maria Rossi" in persone["nome"] and "Ufficio del personale" not in persone["nome"]
    assert not persone["sanzione"].startswith("sanzione: sanzione.")
    assert "una percentuale (90%)" in notes["target"]  # the words a target accepts
    year = load_config(tmp_path / "u" / "cycle.toml").year
    assert f"/{year}" in persone["assunzione"] and "2022" not in persone["assunzione"]


def test_evaluators_workbooks_have_no_empty_sheet_and_the_cycles_dates(tmp_path):
    """An EQ who heads an office and evaluates nobody gets only the indicators to fill (no empty «Schede»), and a
    deadline's example is a date of the cycle's year (never «30/06/2022» in a 2026 workbook)."""
    cycle = office(tmp_path / "u")
    book = tmp_path / "u" / "mio-ente" / "ente.xlsx"
    wb = openpyxl.load_workbook(book)
    rows_into(wb["unità"], [{"codice": "tri", "nome": "Ufficio tributi", "tipo": "ufficio", "superiore": "amm",
                             "responsabile": "PO2"}])  # fmt: skip
    rows_into(wb["persone"], [{"codice": "PO2", "nome": "Piera", "ruolo": "Elevata qualificazione (EQ)",
                               "unità": "tri", "valutatore": "SEG"}])  # fmt: skip
    rows_into(wb["obiettivi"], [{"codice": "OB2", "tipo": "operativo", "titolo": "Avvisi", "responsabile": "tri"}])
    rows_into(wb["indicatori"], [{"codice": "IN2", "obiettivo": "OB2", "nome": "Avvisi spediti", "tipo": "scadenza",
                                  "target": "31/10/2026"}])  # fmt: skip
    wb.save(book)
    assert main(["raccolta", "crea", str(cycle), "--ente", "mio-ente", "--out", str(tmp_path / "r")]) == 0
    sent = openpyxl.load_workbook(tmp_path / "r" / "da-inviare" / "PO2.xlsx")
    assert "Schede" not in sent.sheetnames and "Indicatori" in sent.sheetnames
    year = load_config(cycle).year
    how = [row[6] for row in sent["Indicatori"].iter_rows(min_row=2, values_only=True)]
    assert how == [f"la data in cui è stato completato, es. 30/06/{year}"]
    # and the cards' evaluator, who also owns indicators, gets both sheets, each with rows to fill
    both = openpyxl.load_workbook(tmp_path / "r" / "da-inviare" / "PO1.xlsx")
    assert all(both[name].max_row > 1 for name in ("Schede", "Indicatori"))
    # a person and an indicator by their «codice», the word of the office's own sheets (never «id»)
    assert (both["Schede"]["A1"].value, both["Indicatori"]["A1"].value) == ("Persona (codice)", "Indicatore (codice)")


# -- the portal at scale --------------------------------------------------------------------------------------------


def test_the_comparison_of_many_enti_stays_short_with_a_ranking_page(tmp_path):
    assert main(["synth", str(tmp_path / "s"), "--enti", "30", "--people", "10", "--seed", "3"]) == 0
    cycle = tmp_path / "s" / "cycle.toml"
    assert main(["run", str(cycle), "--store", str(tmp_path / "a.db")]) in (0, 1)
    assert main(["site", str(cycle), "--store", str(tmp_path / "a.db"), "--out", str(tmp_path / "sito")]) == 0
    summary = (tmp_path / "sito" / "benchmark.html").read_text(encoding="utf-8")
    ranking = (tmp_path / "sito" / "classifica.html").read_text(encoding="utf-8")
    ranked = re.findall(r'<th scope="row"><a href="enti/', summary)
    assert len(ranked) == 20 and "altri 10 enti nella classifica completa" in summary  # the first and last ten
    assert len(re.findall(r'<th scope="row"><a href="enti/', ranking)) == 30
    # the strip's axis follows the data: the enti's performances, not 0–100%, unless they span it (its ends at y 66)
    values = [float(v) for v in re.findall(r'data-sort="(0\.\d+|1\.0+)"', ranking)]
    low = re.search(r'<text x="20" y="66"[^>]*>([\d.,]+)%</text>', summary)
    assert low is not None and float(low.group(1).replace(".", "").replace(",", ".")) / 100 <= min(values)
    if min(values) > 0.1:
        assert low.group(1) != "0,00"


def test_the_demo_portal_reaches_every_demo_year(tmp_path):
    assert main(["demo", "--dir", str(tmp_path / "d")]) == 0
    site = tmp_path / "d" / "sito"
    index = (site / "index.html").read_text(encoding="utf-8")
    for year, ente in ((2020, "cciaa-bergamo"), (2021, "cciaa-brescia"), (2021, "cm-feltrina")):
        assert f'href="{year}/index.html"' in index
        assert (site / str(year) / "enti" / f"{ente}.html").is_file()
        assert f"{ente}.html" in (site / str(year) / "index.html").read_text(encoding="utf-8")
    # the Comunità Montane's merit bands (art. 17.2) are its own, beside the levels: their column stays
    people = text_of(site / "2021" / "enti" / "cm-feltrina" / "persone.html")
    assert "Fascia" in people


# -- the guard learns to read ---------------------------------------------------------------------------------------


def test_the_guard_flags_identifiers_decimals_for_percentages_bare_amounts_and_text_order():
    def found(text: str, **kw) -> list[str]:
        return [f.split(":")[0] for f in seen.findings(text, frozenset(), **kw)]

    assert found("Parametro rating_max = 5") == ["identificativo"]
    assert found("avviso ccnl.art69.not_configured") == ["identificativo"]
    assert found("vedi art69:fondo:performance_individuale") == ["chiave interna"]
    assert found("fondo = 1.200,00") == ["importo senza €"] and found("fondo = € 1.200,00") == []
    # a negative amount as fmt.euro writes it has its €; a minus without one has not
    assert found("trattamenti fissi € −1.200,00") == [] and found("trattamenti fissi −1.200,00") == ["importo senza €"]
    assert found("Scostamento +4.150,00%") == []  # a deviation of 85% from a target of 2% is a percentage
    assert found("IN1\nPratiche\n0,72\n0,74", percents={"IN1": {"0,72", "0,74"}}) == ["percentuale", "percentuale"]
    # a workbook's General cell, rendered by LibreOffice in its default locale
    assert found("IN1\nPratiche\n0.72\n72.00%", percents={"IN1": {"0,72", "0,74"}}) == ["percentuale"]
    assert found("conforme, 1 avvisi; 1 celle scritte") == ["plural", "plural"]
    assert found("P1\nP10\nP2\nP3", ids=frozenset({"P1", "P2", "P3", "P10"})) == ["ordine"]
    assert found("P1\nP2\nP3\nP10", ids=frozenset({"P1", "P2", "P3", "P10"})) == []
    assert found("vedi relazione.csv e 9abc6d8dc2c15bea…", public=True) == ["impronta", "nome di file"]
    # a withheld amount in words; a unit by its name, never beside its code
    assert found("Maggiorazione | riservato | <3 | riservato", public=True) == ["<3 al posto di un importo"]
    assert found("sono indicati «<3»", public=True) == [] and found("Fondo | <3", public=False) == []
    units, leak = frozenset({"comune", "area-fin", "ente"}), ["codice accanto al nome"]
    assert found("Area Finanziaria | Comune di Valsavio (comune)", public=True, units=units) == leak
    assert found("area-fin — Area Finanziaria", public=True, units=units) == leak
    assert found("responsabile Ente (ente)", public=True, units=units) == leak
    assert found("Area Finanziaria | Comune di Valsavio", public=True, units=units) == []
    assert found("Comune di Valsavio (comune)", units=units) == []  # the internal Relazione keeps the office's codes
    # an objective's code is the plan's name for it (the PIAO's «OB1 — Servizi»), an office's id that is no unit's
    # too; «dell'ente» is a word, elided, before the ente's name
    ids = frozenset({"OB1", "P01"})
    assert found("OB1 — Servizi: 100,00%", public=True, ids=ids, units=units) == []
    assert found("Performance dell'ente — Comune di Valsavio", public=True, units=units) == []
    # a formula the office wrote in its regulation reads as written: its words are the office's
    assert found("Il livello (formula: =MEDIA.ENTE(punteggio_pesato) + 1).") == []
    assert found("giorni_assenza", allowed=seen.vocabulary()) == []


def test_a_cell_says_its_column_in_italian_whichever_name_the_file_has():
    """A cell of persone.csv (the office's name) and of people.csv (the code) read the same: the table and the
    column by their Italian words, as the template writes them."""
    from ciclope.core.run.explain import place

    for file in ("persone.csv", "people.csv", "Persone.csv"):
        assert place(f"{file}:13:fte") == "tabella persone, riga 13, colonna quota_tempo"
    assert place("valutazioni.csv:4:points") == "tabella valutazioni, riga 4, colonna punti"
    assert place("unità.csv:2:head") == "tabella unità, riga 2, colonna responsabile"


# The Markdown an office reads: each plugin's README and the Italian guides (the developer docs are in English).
OFFICE_DOCS = (
    "anno-ufficio.md",
    "ops.md",
    "regolamento.md",
    "regolamento-catalogo.md",
    "fondo.md",
    "reports.md",
    "bergamo-2020.md",
)
ASSIGNED = re.compile(r"^\s*\[?\"?([a-z_]+)\"?\s*=|`\[?([a-z_]+)\]? = ")  # «key = …» in a block, «`key = …`» in a line


def test_the_docs_an_office_reads_write_every_key_in_its_words():
    """A `key = value` an office would copy from its guides uses the name ciclope prefers (``ambito_graduatorie``, not
    ``ranking_scope``); the old codes are named only where a guide says they stay accepted, never assigned."""
    english = english_names()
    declared = format_keys()  # a regulation's own keys (``data`` of an act, ``quota`` of a band) are Italian
    assert {"data", "quota", "fondo"} <= declared
    docs = [*ROOT.glob("plugins/*/README.md"), *(ROOT / "docs" / name for name in OFFICE_DOCS)]
    assert len(docs) >= 4 + len(OFFICE_DOCS)
    wrong = []
    for path in docs:
        own = declared if path.name.startswith("regolamento") else set()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in ASSIGNED.finditer(line):
                key = match.group(1) or match.group(2)
                if key in english and key not in own:
                    wrong.append(f"{path.relative_to(ROOT)}:{n}: {key}")
    assert not wrong, wrong


def format_keys() -> set[str]:
    """Every key of the declared regulation's format, from its JSON schema."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            found.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((ROOT / "plugins" / "regolamento" / "regolamento.schema.json").read_text(encoding="utf-8")))
    return found


def test_the_demo_regulations_name_acts_and_funds_as_the_office_writes_them():
    """The demo's regulations and the catalogue's (docs/regolamento-catalogo.md links them as examples)."""
    english = english_names()
    named = []
    files = [*ROOT.glob("plugins/regolamento/demo/*.toml"), *ROOT.glob("tests/regolamento/**/*.toml")]
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = re.findall(r'^\s*(?:approvazione|decisione|fondo) = "(\w+)"', text, re.M)
        found += [
            name for listed in re.findall(r"^\s*atti = \[(.*)\]", text, re.M) for name in re.findall(r"\w+", listed)
        ]
        named += found
        assert not [name for name in found if name in english], path
    # the scan reads the demos' acts and the catalogue's funds and lists of acts
    assert {"relazione_validata_oiv", "bonus_deciso", "risorse_po", "relazione_approvata"} <= set(named)


def test_the_demo_data_writes_each_choice_as_the_template_offers_it():
    """The kinds of indicator, objective and unit in the demos' data are the words of the template's lists
    («più è meglio», «strategico», «azienda speciale»), never the code ciclope reads them as (``higher``)."""
    from ciclope.core.labels import KIND_LABELS, TYPE_LABELS, UNIT_KIND_LABELS

    words = {"indicatori.csv": TYPE_LABELS, "obiettivi.csv": KIND_LABELS, "unità.csv": UNIT_KIND_LABELS}
    seen = set()
    for path in ROOT.glob("plugins/*/demo/**/*.csv"):
        labels = words.get(path.name)
        if labels is None:
            continue
        with path.open(encoding="utf-8", newline="") as f:
            kinds = {row["tipo"] for row in csv.DictReader(f)}
        seen |= kinds
        assert kinds <= set(labels.values()), f"{path.relative_to(ROOT)}: {sorted(kinds - set(labels.values()))}"
    assert {"più è meglio", "meno è meglio", "strategico", "operativo", "azienda speciale"} <= seen


def test_the_demo_points_to_a_relazione_that_is_there(tmp_path, capsys):
    """The demo's last words name where a Relazione is: the folder its run wrote, never another one."""
    assert main(["demo", "--dir", str(tmp_path / "d")]) == 0
    said = [line for line in capsys.readouterr().out.splitlines() if line.startswith("Apri ")]
    assert len(said) == 1
    page = Path(said[0].removeprefix("Apri una Relazione, per esempio ").split(" (")[0])
    # the bundled demos write to [ciclo] risultati = "risultati": bergamo first in name order, its one ente
    assert page == tmp_path / "d" / "bergamo" / "risultati" / "cciaa-bergamo" / "relazione.html"
    assert page.is_file()
