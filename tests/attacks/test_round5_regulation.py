"""The declared regulation attacked (fifth round): money of ``premi.csv`` never disappears and no row of it is
dropped in silence; names the regulation refers to (a card's section, a sanction's synonyms) are resolved
against what the ente has, as the matcher compares them; TOML nested by dotted keys and table headers,
ten thousand parts, a number beyond precision as text: an Italian error, never a traceback; the Markdown of
``regolamento leggi --md`` escapes what the office wrote; a motivation beginning with «-» reaches the scheda
as the evaluator wrote it."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import openpyxl
from harness import cli, cli_process, snapshot
from markdown_it import MarkdownIt

from ciclope.core.engine.registry import load_plugin
from ciclope.core.testing import write_ente

from comune_from_docs import REGULATION
from helpers import one_unit_comune

PRIZES = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Parti"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"

[[premi]]
nome = "innovazione"
metodo = "importi"
fondo = "premi_innovazione"
fonte = "art. 12"
"""


def _office(tmp_path: Path, regulation: str, staff: list[tuple[str, int]], extra: dict[str, str] | None = None,
            funds: str = 'performance_individuale = "1500.00"\npremi_innovazione = "1000.00"') -> Path:  # fmt: skip
    """A one-unit Comune of ``staff`` (id, score of a one-item card) under ``regulation``; returns cycle.toml."""
    people = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid, _ in staff]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{score}," for pid, score in staff]
    write_ente(
        tmp_path / "dati", {**one_unit_comune("Comune di Prova", people, cards, f"[funds]\n{funds}\n"), **(extra or {})}
    )
    (tmp_path / "smvp.toml").write_text(regulation, encoding="utf-8")
    cycle = tmp_path / "cycle.toml"
    cycle.write_text(
        '[cycle]\nyear = 2024\noutput = "out"\n[[ente]]\nid = "prova"\nplugin = "regolamento"\ndata = "dati"\n'
        'regolamento = "smvp.toml"\n',
        encoding="utf-8",
    )
    return cycle


def _results(cycle: Path) -> dict:
    run = cli("run", cycle, "--no-store")
    assert run.returncode in (0, 1), run.stderr
    return json.loads((cycle.parent / "out" / "prova" / "results.json").read_text(encoding="utf-8"))


def test_two_prizes_of_one_person_in_one_part_are_one_award_of_their_sum(tmp_path):
    prizes = {"premi.csv": "person,part,amount\nS1,innovazione,300.00\nS1,innovazione,200.00\nS2,innovazione,100.00\n"}
    cycle = _office(tmp_path, PRIZES, [("S1", 90), ("S2", 60)], prizes)
    doc = _results(cycle)
    pool = doc["rewards"]["pools"]["premi_innovazione"]
    # S1: 300.00 + 200.00 = 500.00; S2 100.00; distributed 600.00 of the fund 1000.00, residual 400.00
    assert (pool["distributed"], pool["residual"]) == ("600.00", "400.00")
    paid = {pid: [a["amount"] for a in p.get("also", []) if a["pool"] == "premi_innovazione"]
            for pid, p in doc["rewards"]["people"].items()}  # fmt: skip
    assert paid == {"S1": ["500.00"], "S2": ["100.00"]}
    explained = cli("explain", cycle, "--ente", "prova", "--person", "S1", "--json")
    figure = next(f for f in json.loads(explained.stdout)["figures"] if f["key"] == "award:S1:premi_innovazione")
    assert figure["display"] == "€ 500,00"
    assert [i["cell"] for i in figure["inputs"] if i.get("cell")] == ["premi.csv:2:amount", "premi.csv:3:amount"]


def test_rows_naming_nobody_known_are_errors(tmp_path):
    prizes = {"premi.csv": "person,part,amount\nS1,innovazione,300.00\nS9,innovazione,50.00\nS2,innovazion,10.00\n"}
    cycle = _office(tmp_path, PRIZES, [("S1", 90), ("S2", 60)], prizes)
    run = cli("validate", cycle)
    assert run.returncode == 1 and "nessun problema" not in run.stdout
    lines = [ln for ln in run.stdout.splitlines() if ln.startswith("premi.csv,")]
    assert len(lines) == 2, run.stdout
    assert lines[0].startswith("premi.csv, riga 3, colonna person: errore") and "«S9» non è in persone.csv" in lines[0]
    assert lines[1].startswith("premi.csv, riga 4, colonna part: errore") and "(forse «innovazione»?)" in lines[1]
    pool = _results(cycle)["rewards"]["pools"]["premi_innovazione"]
    assert (pool["distributed"], pool["residual"]) == ("300.00", "700.00")  # only S1's row is paid


SECTIONS = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Prova"
tipo_ente = "comune"

[livelli]
fonte = "art. 6"
scala = [{ nome = "A", da = 90 }, { nome = "B", da = 75 }, { nome = "C", da = 60 }]
requisiti = [{ parte = "sezione:SECTION", minimo = 70, fonte = "art. 6 c. 2" }]

[premio]
metodo = "livelli"
fonte = "art. 4"
massimo = "1000.00"
coefficienti = { A = 1, B = 0.7, C = 0.4 }
"""


def _sectioned(tmp_path: Path, section: str) -> Path:
    cycle = _office(tmp_path, SECTIONS.replace("SECTION", section), [])
    people = ["S1,Persona S1,dipendente,C,com,1,0,false,SEG"]
    # risultati 95, comportamenti 95: the card is 95, level A, and the requirement (≥ 70) is met
    cards = ["S1,SEG,risultati,Obiettivi,100,95,", "S1,SEG,comportamenti,Qualità del lavoro,100,95,"]
    write_ente(
        tmp_path / "dati",
        one_unit_comune("Comune di Prova", people, cards, '[funds]\nperformance_individuale = "5000.00"\n'),
    )
    return cycle


def test_a_requirement_on_a_section_no_card_has_is_an_error(tmp_path):
    cycle = _sectioned(tmp_path, "Comportamento")
    run = cli("validate", cycle)
    assert run.returncode == 1, run.stdout
    [line] = [ln for ln in run.stdout.splitlines() if "livelli.requisiti" in ln]
    assert "smvp.toml, riga 9, [[livelli.requisiti]] n. 1, parte: errore" in line and "(forse «comportamenti»?)" in line


def test_a_section_is_found_whatever_its_case_and_accents(tmp_path):
    cycle = _sectioned(tmp_path, "COMPORTAMENTI")
    run = cli("validate", cycle)
    # no error; the one warning is the comune's comparto, which the file does not declare
    assert run.returncode == 0 and "0 errori, 1 avviso" in run.stdout and "[atto] non dice il comparto" in run.stdout
    doc = _results(cycle)
    assert doc["individual"]["S1"]["level"] == "A"  # 95 in the section: the requirement is met
    assert doc["rewards"]["people"]["S1"]["amount"] == "1000.00"  # A: 1000.00 × 1


SANCTIONS = """
[[esclusioni]]
regola = "sanzione"
oltre = "rimprovero_verbale"
scala = ["rimprovero_verbale", "rimprovero_scritto", "multa", "sospensione"]
fonte = "art. 9 c. 4"
sinonimi = SYNONYMS
"""


def _sanctions(tmp_path: Path, synonyms: str) -> str:
    cycle = _office(tmp_path, REGULATION + SANCTIONS.replace("SYNONYMS", synonyms), [("S1", 90)])
    run = cli("validate", cycle)
    assert run.returncode in (1, 2), run.stdout
    return run.stdout + run.stderr


def test_two_synonyms_read_alike_for_two_sanctions_are_refused(tmp_path):
    text = _sanctions(tmp_path, '{ "Sospensione breve" = "sospensione", "sospensione  BREVE" = "rimprovero_verbale" }')
    assert (
        "riga 34, [[esclusioni]] n. 1, sinonimi, sospensione  BREVE: errore: i sinonimi" in text
        and "si leggono allo stesso modo" in text
    ), text


def test_a_synonym_that_is_a_word_of_the_scale_is_refused(tmp_path):
    text = _sanctions(tmp_path, '{ "Multa" = "sospensione" }')
    assert (
        "riga 34, [[esclusioni]] n. 1, sinonimi, Multa: errore: il sinonimo «Multa»" in text
        and "è già la parola «multa» della scala" in text
    ), text


def test_a_synonym_naming_a_sanction_as_the_office_writes_it_is_accepted(tmp_path):
    # the synonym's target «Sospensione» is the scale's «sospensione» as the matcher reads people.csv
    regulation = REGULATION + SANCTIONS.replace("SYNONYMS", '{ "sospensione breve" = "Sospensione" }')
    cycle = _office(tmp_path, regulation, [("S1", 90)])
    people = (tmp_path / "dati" / "people.csv").read_text(encoding="utf-8").splitlines()
    people = [people[0] + ",sanzione"] + [
        row + (",Sospensione breve" if row.startswith("S1,") else ",") for row in people[1:]
    ]
    (tmp_path / "dati" / "people.csv").write_text("\n".join(people) + "\n", encoding="utf-8")
    run = cli("validate", cycle)
    assert "sinonimi" not in run.stdout + run.stderr, run.stdout
    assert _results(cycle)["individual"]["S1"]["status"] == "escluso_sanzione"


DOTTED = ".".join(["a"] * 3000) + " = 1\n"
HEADER = "[" + ".".join(["a"] * 3000) + "]\nx = 1\n"


def test_tables_nested_by_dotted_keys_and_headers_are_an_italian_error(tmp_path):
    for n, deep in enumerate((DOTTED, HEADER)):
        folder = tmp_path / str(n)
        cycle = _office(folder, REGULATION + "\n" + deep, [("S1", 90)])
        before = snapshot(folder / "dati", folder / "smvp.toml")
        for command in (["regolamento", "leggi", folder / "smvp.toml"], ["validate", cycle],
                        ["run", cycle, "--no-store"]):  # fmt: skip
            run = cli_process(*command)
            text = run.stdout + run.stderr
            assert run.returncode in (1, 2) and "annidati oltre 32 livelli" in text, (command, text[-500:])
            assert "errore interno" not in text and "RecursionError" not in text
        scenario = folder / "s.toml"
        scenario.write_text("[params]\n" + deep, encoding="utf-8")
        run = cli_process("compare", cycle, "--scenario", f"s={scenario}", "--out", folder / "cmp")
        assert run.returncode in (1, 2) and "annidati oltre 32 livelli" in run.stdout + run.stderr
        assert snapshot(folder / "dati", folder / "smvp.toml") == before


def test_ten_thousand_parts_are_refused_at_once(tmp_path):
    part = '[[premi]]\nnome = "p{n}"\nmetodo = "proporzionale"\nquota_fondo = 0.0001\nfonte = "art. 1"\n'
    text = PRIZES.split("[[premi]]")[0] + "".join(part.format(n=n) for n in range(10_000))
    cycle = _office(tmp_path, text, [(f"S{n}", 60 + n % 40) for n in range(40)])
    started = time.monotonic()
    run = cli("run", cycle, "--no-store")
    assert time.monotonic() - started < 60
    assert (
        run.returncode in (1, 2) and "premi: errore: 10000 elementi, oltre il massimo di 50" in run.stdout + run.stderr
    )


def test_a_money_amount_beyond_precision_written_as_text(tmp_path):
    for value in ("1e30", "1e999999999", "-1E+20"):
        cycle = _office(
            tmp_path / value, REGULATION.replace('massimo = "1000.00"', f'massimo = "{value}"'), [("S1", 90)]
        )
        for command in (
            ["validate", cycle],
            ["run", cycle, "--no-store"],
            ["regolamento", "leggi", cycle.parent / "smvp.toml"],
        ):
            run = cli(*command)
            text = run.stdout + run.stderr
            assert run.returncode in (1, 2) and "[premio] massimo: errore: numero troppo grande" in text, text
            assert "errore interno" not in text and "InvalidOperation" not in text


def test_leggi_md_escapes_what_the_office_wrote(tmp_path):
    hostile = REGULATION.replace(
        'titolo = "SMVP del Comune di Prova"', 'titolo = "<script>alert(1)</script> [clic](javascript:alert(1))"'
    ).replace('fonte = "art. 4"', 'fonte = "art. 4 <img src=x onerror=alert(1)>\\n# capo\\n- voce *forte*"')
    path = tmp_path / "smvp.toml"
    path.write_text(hostile, encoding="utf-8")
    run = cli("regolamento", "leggi", path, "--md")
    assert run.returncode == 0, run.stderr
    html = MarkdownIt("commonmark").render(run.stdout)
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<em>" not in html, html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "onerror=alert(1)&gt;" in html
    assert html.count("<h1>") == 1 and "<li>" not in html  # the office's «# capo» and «- voce» are text


def test_a_motivation_beginning_with_a_dash_reaches_the_scheda_as_written(tmp_path):
    demo = load_plugin("regolamento")[1].demo
    assert demo is not None
    shutil.copytree(demo, tmp_path / "demo", ignore=shutil.ignore_patterns("risultati", "out", "ciclope.db*"))
    cycle, ente = tmp_path / "demo" / "cycle.toml", tmp_path / "demo" / "comune-livelli"
    rows = (ente / "valutazioni.csv").read_text(encoding="utf-8").splitlines()
    blank = [",".join(cells[:5] + [""] + cells[6:]) for cells in (r.split(",") for r in rows[1:])]
    (ente / "valutazioni.csv").write_text("\n".join([rows[0], *blank]) + "\n", encoding="utf-8")
    assert cli("raccolta", "crea", cycle, "--ente", "comune-livelli", "--out", tmp_path / "r").returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "r" / "da-inviare" / "SEG.xlsx")
    ws = wb["Schede"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 8).value = 80
        if ws.cell(row, 1).value == "L1":
            ws.cell(row, 9).value = "- puntuale nelle consegne"
            ws.cell(row, 9).data_type = "s"
    wb.save(tmp_path / "r" / "ricevute" / "SEG.xlsx")
    assert cli("raccolta", "unisci", cycle, "--ente", "comune-livelli", tmp_path / "r").returncode == 0
    # the data a spreadsheet opens keep the text marker: the office's Excel never runs «- puntuale» as a formula
    assert "'- puntuale nelle consegne" in (ente / "valutazioni.csv").read_text(encoding="utf-8")
    assert cli("run", cycle, "--no-store", "--ente", "comune-livelli").returncode == 0
    out = tmp_path / "demo" / "risultati" / "comune-livelli"
    assert cli("schede-personali", out, "--solo-html").returncode == 0
    page = (tmp_path / "demo" / "schede-personali" / "comune-livelli" / "L1.html").read_text(encoding="utf-8")
    assert "Motivazione del valutatore:</b> - puntuale nelle consegne" in page and "&#39;- puntuale" not in page
