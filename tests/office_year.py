"""A synthetic Comunità montana of 40 people and 5 evaluators, as an office fills the template (issue 42).

No dirigenti: the Segretario (evaluated by the President, an external evaluator) heads the ente and
evaluates the three PO; each PO heads an area and evaluates its 12 employees. Each area has one
operational objective with two indicators, owned by the area (so reported by its PO); the Segretario owns
the strategic objective's indicator."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from ciclope.core.commands.cli import main
from ciclope.core.inputs.loading import column_code

AREAS = ("a1", "a2", "a3")
STAFF_PER_AREA = 12
# 1 Segretario + 3 PO + 3 × 12 employees = 40 people
EVALUATORS = ("PRESIDENTE", "SEG", "PO1", "PO2", "PO3")


def person_name(pid: str) -> str:
    """Distinctive names, so that a test can look for them in a PDF's text."""
    return f"Cognome{pid} Nome{pid}"


def rows() -> dict[str, list[dict[str, object]]]:
    units = [{"id": "cm", "name": "Comunità Montana di Prova", "kind": "ente", "head": "SEG"}]
    people = [
        {
            "id": "SEG",
            "name": person_name("SEG"),
            "role": "segretario",
            "category": "DIR",
            "unit": "cm",
            "evaluator": "PRESIDENTE",
            "position_pay": 15000,
        },
    ]
    objectives = [
        {"id": "S1", "kind": "strategic", "title": "Servizi alla comunità", "area": "AS1", "weight": 100, "owner": "cm"}
    ]
    indicators = [{"id": "K0", "objective": "S1", "name": "Pratiche digitali", "type": "higher", "target": 100}]
    for k, area in enumerate(AREAS, start=1):
        po = f"PO{k}"
        units.append({"id": area, "name": f"Area {k}", "kind": "area", "parent": "cm", "head": po})
        people.append(
            {
                "id": po,
                "name": person_name(po),
                "role": "po",
                "category": "D",
                "unit": area,
                "evaluator": "SEG",
                "position_pay": 10000 + 1000 * k,
            }
        )
        for n in range(1, STAFF_PER_AREA + 1):
            pid = f"D{k}{n:02d}"
            people.append(
                {
                    "id": pid,
                    "name": person_name(pid),
                    "role": "dipendente",
                    "category": "C",
                    "unit": area,
                    "evaluator": po,
                }
            )
        objectives.append(
            {
                "id": f"O{k}",
                "kind": "operational",
                "title": f"Obiettivo dell'area {k}",
                "parent": "S1",
                "weight": 1,
                "owner": area,
            }
        )
        indicators.append(
            {
                "id": f"K{k}1",
                "objective": f"O{k}",
                "name": f"Pratiche evase area {k}",
                "type": "higher",
                "target": 50,
                "target_mid": 25,
                "actual_mid": 24,
            }
        )
        indicators.append(
            {
                "id": f"K{k}2",
                "objective": f"O{k}",
                "name": f"Regolamento area {k} approvato",
                "type": "boolean",
                "target": "SI",
            }
        )
    return {
        "units": units,
        "areas": [{"id": "AS1", "name": "Territorio", "weight": 100}],
        "people": people,
        "objectives": objectives,
        "indicators": indicators,
    }


ENTE_TOML = """name = "Comunità Montana di Prova"

[funds]
performance_individuale = "30000.00"
risultato_po_dirigenti = "9000.00"
bonus_eccellenze = "1500.00"

[approvals]
budget_approved = 2020-12-18
piano_adopted = 2021-01-28
bonus_decided = 2021-01-20
relazione_validated_oiv = 2022-05-26

[evaluators]
PRESIDENTE = "Presidente della Comunità Montana"
"""

CYCLE_TOML = """[cycle]
year = 2021
output = "out"

[[ente]]
id = "cm-prova"
plugin = "comunita_montane"
data = "ente"
"""


def fill_template(xlsx: Path) -> None:
    """Write the ente's rows under the template's headers, as the office would."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    for sheet, records in rows().items():
        ws = wb[_title(wb, sheet)]
        header = [column_code(sheet, _code(c.value)) for c in ws[1]]
        for record in records:
            ws.append([record.get(h, None) for h in header])
    wb.save(xlsx)


def prepare(folder: Path) -> Path:
    """The office's ente in ``folder``: ``ciclope template``, the rows typed under its headers, the office's
    ente.toml and cycle.toml; the path of cycle.toml (the ente's data in ``folder/ente``)."""
    ente = folder / "ente"
    ente.mkdir()
    assert main(["template", "comunita_montane", str(ente / "ente.xlsx")]) == 0
    fill_template(ente / "ente.xlsx")
    (ente / "ente.toml").write_text(ENTE_TOML, encoding="utf-8")  # the office writes its funds and acts
    cycle = folder / "cycle.toml"
    cycle.write_text(CYCLE_TOML, encoding="utf-8")
    return cycle


def collect(cycle: Path, out: Path) -> Path:
    """``ciclope raccolta crea`` for the ente of ``cycle`` into ``out``; the folder of the workbooks to send."""
    assert main(["raccolta", "crea", str(cycle), "--ente", "cm-prova", "--out", str(out)]) == 0
    return out / "da-inviare"


def fill_workbook(
    src: Path,
    dest: Path,
    points: Callable[[int], int],
    skip: Collection[int] = (),
    actual: object | None = None,
) -> None:
    """An evaluator's part of a collection workbook, saved as ``dest``: ``points(maximum)`` in the points cell of
    every card row but the sheet rows in ``skip``; with ``actual``, every indicator's actual (SI for a SI/NO
    indicator)."""
    import openpyxl

    wb = openpyxl.load_workbook(src)
    ws = wb["Schede"] if "Schede" in wb.sheetnames else None  # an evaluator with no card has no sheet of cards
    for row in range(2, ws.max_row + 1) if ws is not None else ():
        if row not in skip:
            ws.cell(row, 8).value = points(ws.cell(row, 6).value)
    if actual is not None and "Indicatori" in wb.sheetnames:
        wi = wb["Indicatori"]
        for row in range(2, wi.max_row + 1):
            wi.cell(row, 6).value = "SI" if wi.cell(row, 4).value == "SI/NO" else actual
    wb.save(dest)


SHEET_TITLES = {
    "units": ("units", "unita", "unità", "strutture"),
    "areas": ("areas", "aree"),
    "people": ("people", "persone", "personale"),
    "objectives": ("objectives", "obiettivi"),
    "indicators": ("indicators", "indicatori"),
}


def _title(wb, sheet: str) -> str:
    return next(t for t in wb.sheetnames if t.lower() in SHEET_TITLES[sheet])


def _code(header: str) -> str:
    """The column code of a template header: the code itself, or «Label (code)»."""
    text = str(header)
    return text[text.rindex("(") + 1 : -1] if text.endswith(")") and "(" in text else text
