"""The office's first year with every plugin, from ``ciclope template`` alone: the folder it lays out runs as
written once the data are typed in — template → fill the workbook → raccolta crea → the evaluators fill their
workbooks → raccolta unisci → validate → run → schede-personali → site --public. Nothing is edited but the
data: the rows of the workbook, the funds and dates of ente.toml, the points and actuals of the evaluators."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLES

from ciclope.core import InputSchema
from ciclope.core.commands.cli import main
from ciclope.core.engine import hookspecs
from ciclope.core.engine.registry import Hooks, load_plugin
from ciclope.core.inputs.loading import SHEET_ALIASES, column_code, merge_schemas, sheet_title

from helpers import data_rows

pytestmark = pytest.mark.slow  # four enti through the whole office path, with their documents

# plugin → the folder whose rows the office types in (the evaluations come back from the evaluators)
DATA = {
    "brescia": EXAMPLES / "brescia" / "bs-esempio",
    "bergamo": EXAMPLES / "bergamo" / "bg-esempio",
    "comunita_montane": EXAMPLES / "comunita_montane" / "cm-esempio",
    "regolamento": None,  # the declared regulation's demo Comune (below)
}


def source(plugin: str) -> Path:
    folder = DATA[plugin]
    if folder is None:
        demo = load_plugin("regolamento")[1].demo
        assert demo is not None
        folder = demo / "comune-livelli"
    return folder


def schema_of(plugin: str) -> InputSchema:
    return merge_schemas(Hooks.for_plugin(plugin)[0].answers(hookspecs.ciclope_input_schema, params=None))


def type_in(book: Path, data: Path, schema: InputSchema) -> None:
    """The rows of ``data``'s CSV files under the workbook's Italian headers, as an office types them; the cards
    and the year's actuals are left to the evaluators."""
    wb = openpyxl.load_workbook(book)
    for path in sorted(data.glob("*.csv")):
        name = SHEET_ALIASES.get(path.stem.lower(), path.stem)  # persone.csv is the people sheet
        if name == "evaluations":
            continue
        ws = wb[sheet_title(name, schema)]
        header = [column_code(name, c.value, schema) for c in ws[1]]
        for row in data_rows(path, schema):
            years = sorted(k for k in row if k.startswith("target_") and k[7:].isdigit())
            if years and not row.get("target"):  # a multi-year plan: its last year's target for this year
                row["target"] = row[years[-1]]
            ws.append([None if h == "actual" else row.get(h) or None for h in header])
    wb.save(book)


def fill_returned(sent: Path, back: Path) -> int:
    """Every evaluator's workbook filled: 80% of each item's maximum, each indicator's target as its actual.
    The number of cards filled."""
    cards = 0
    for book in sorted(sent.glob("*.xlsx")):
        wb = openpyxl.load_workbook(book)
        # an evaluator with no card (or no indicator) gets no empty sheet for it
        if "Schede" in wb.sheetnames:
            ws = wb["Schede"]
            head = [c.value for c in ws[1]]
            most, points = head.index("Punti massimi") + 1, head.index("Punti assegnati") + 1
            for row in range(2, ws.max_row + 1):
                if ws.cell(row, most).value is not None:
                    ws.cell(row, points).value = ws.cell(row, most).value * 8 // 10
            cards += len({ws.cell(r, 1).value for r in range(2, ws.max_row + 1)})
        if "Indicatori" not in wb.sheetnames:
            wb.save(back / book.name)
            continue
        wi = wb["Indicatori"]
        ihead = [c.value for c in wi[1]]
        kind, target, actual = (ihead.index(h) + 1 for h in ("Tipo", "Target", "Consuntivo"))
        for row in range(2, wi.max_row + 1):
            wi.cell(row, actual).value = "SI" if wi.cell(row, kind).value == "SI/NO" else wi.cell(row, target).value
        wb.save(back / book.name)
    return cards


@pytest.mark.parametrize("plugin", sorted(DATA))
def test_the_first_year_runs_from_the_template_as_written(tmp_path, plugin, capsys):
    office = tmp_path / "ufficio"
    assert main(["template", plugin, str(office)]) == 0
    cycle = office / "cycle.toml"
    ente = office / "mio-ente"
    data = source(plugin)
    type_in(ente / "ente.xlsx", data, schema_of(plugin))
    (ente / "ente.toml").write_text((data / "ente.toml").read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()

    raccolta = office / "raccolta"
    assert main(["raccolta", "crea", str(cycle), "--ente", "mio-ente", "--out", str(raccolta)]) == 0, (
        capsys.readouterr().err
    )
    assert fill_returned(raccolta / "da-inviare", raccolta / "ricevute") > 0
    assert main(["raccolta", "unisci", str(cycle), "--ente", "mio-ente", str(raccolta)]) == 0, capsys.readouterr()
    assert main(["validate", str(cycle)]) in (0, 1)
    assert "dati non caricabili" not in capsys.readouterr().out

    assert main(["run", str(cycle)]) in (0, 1)  # into risultati/ beside cycle.toml, as the template says
    results = json.loads((office / "risultati" / "mio-ente" / "results.json").read_text(encoding="utf-8"))
    scored = [p for p in results["individual"].values() if p.get("score") is not None]
    assert scored, "no person was scored from the evaluators' cards"
    # a workbook's cells (ente.xlsx[persone]:3:fte) are inputs of the ente: no explanation leads nowhere
    assert [v["message"] for v in results["violations"] if v["rule"].startswith("core.spiegazione.")] == []

    assert main(["schede-personali", str(office / "risultati" / "mio-ente")]) == 0
    assert list((office / "schede-personali" / "mio-ente").glob("*.html"))
    assert main(["site", str(cycle), "--public", "--out", str(office / "sito")]) == 0
    assert (office / "sito" / "enti" / "mio-ente.html").is_file()


def test_the_declared_regulation_sends_its_own_card(tmp_path, capsys):
    """The starting regulation's [[scheda]] for employees (40 + 20 + 20 + 20 points) is what an evaluator
    receives, for a person with no row in the evaluations sheet."""
    office = tmp_path / "ufficio"
    assert main(["template", "regolamento", str(office)]) == 0
    type_in(office / "mio-ente" / "ente.xlsx", source("regolamento"), schema_of("regolamento"))
    shutil.copy(source("regolamento") / "ente.toml", office / "mio-ente" / "ente.toml")
    raccolta = office / "raccolta"
    assert main(["raccolta", "crea", str(office / "cycle.toml"), "--ente", "mio-ente", "--out", str(raccolta)]) == 0
    ws = openpyxl.load_workbook(raccolta / "da-inviare" / "SEG.xlsx")["Schede"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    marco = [(r["Voce"], r["Punti massimi"]) for r in rows if r["Persona (codice)"] == "L1"]
    assert marco == [
        ("Contributo agli obiettivi dell'unità", 40),
        ("Qualità del lavoro svolto", 20),
        ("Capacità di lavorare in gruppo", 20),
        ("Flessibilità e disponibilità", 20),
    ]


def test_the_declared_regulation_comes_with_its_schema_for_the_editor(tmp_path, capsys):
    """The starter's first line points an editor at ./regolamento.schema.json: the template writes that file beside
    it, the plugin's shipped schema as it is (an office that installed ciclope has no project folder to find it in),
    and keeps one the office already has."""
    from ciclope.plugins.regolamento.format.schemagen import SHIPPED

    office = tmp_path / "ufficio"
    assert main(["template", "regolamento", str(office)]) == 0
    assert (office / "regolamento.toml").read_text(encoding="utf-8").splitlines()[0] == (
        "#:schema ./regolamento.schema.json"
    )
    written = office / "regolamento.schema.json"
    assert written.read_bytes() == SHIPPED.read_bytes()
    assert json.loads(written.read_text(encoding="utf-8"))["title"]
    written.write_text("{}", encoding="utf-8")  # the office's own: a second template leaves it
    assert main(["template", "regolamento", str(office)]) == 0
    assert written.read_text(encoding="utf-8") == "{}"


def test_the_approval_of_the_relazione_is_not_said_to_be_the_giunta_s(tmp_path, capsys):
    """An Ordine, a university or an agency approves its Relazione by a Consiglio or a board: the ente.toml of the
    template names the organ of direction (D.Lgs. 150/2009 art. 10 c. 1 lett. b), with the Giunta as one of them."""
    assert main(["template", "regolamento", str(tmp_path / "ufficio")]) == 0
    text = (tmp_path / "ufficio" / "mio-ente" / "ente.toml").read_text(encoding="utf-8")
    assert (
        "approvata dall'organo di indirizzo (la Giunta, il Consiglio di amministrazione o il Consiglio direttivo)"
        in text
    ) and "dalla Giunta" not in text
