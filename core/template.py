"""``ciclope template PLUGIN FILE.xlsx [--from OUT/ENTE]``: a blank (or pre-filled) workbook for an office.

One sheet per input file, named after the file (``people``, ``units``, …; the loader also accepts
Italian sheet names); row 1 holds exactly the columns (core and plugin), each with a short Italian
note as a cell comment — never a data row — and drop-downs (data validation) on every enumerated
column. An ``ente.toml`` is written beside the workbook with the plugin's funds and acts.

``--from OUT/ENTE`` pre-fills next year from a run: units, areas, people, objectives, cruscotti and
indicators with next year's target (``target_<year+1>`` of a multi-year plan, else this year's),
without actuals, cards or appeals.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .loading import CANONICAL, load_ente, merge_schemas
from .problems import CiclopeError, Problem
from .registry import Hooks
from .values import parse_bool

SHEETS = ("units", "areas", "people", "objectives", "indicators", "assignments", "evaluations", "revisions", "appeals")
HELP = {
    "id": "identificativo (senza spazi, virgole o punti e virgola)",
    "name": "nome",
    "parent": "id della riga superiore",
    "weight": "peso (vuoto in tutte le righe del gruppo = pesi uguali)",
    "owner": "unità o persona responsabile (id)",
    "target": "target dell'anno; per un piano pluriennale si può usare target_2021, target_2022, …",
    "actual": "consuntivo a fine anno",
    "target_mid": "target al 30/6",
    "actual_mid": "consuntivo al 30/6",
    "fte": "quota di tempo lavorato, da 0 a 1 (1 = tempo pieno)",
    "absence_days": "giorni di assenza nell'anno",
    "evaluator": "id del valutatore",
    "max_points": "punteggio massimo della voce",
    "points": "punti assegnati",
}


def _columns(schema) -> dict[str, dict[str, Any]]:
    """Sheet → column → parser, core files first, then the plugin's own files."""
    out: dict[str, dict[str, Any]] = {}
    for name in SHEETS:
        cols = {c: parser for c, (parser, _req) in CANONICAL[name].items()}
        cols.update(schema.columns.get(f"{name}.csv", {}))
        out[name] = cols
    for fname, cols in schema.files.items():
        out[fname.removesuffix(".csv")] = dict(cols)
    return out


def _required(name: str, column: str, schema) -> bool:
    spec = CANONICAL.get(name, {}).get(column)
    return bool(spec and spec[1]) or column in schema.required.get(f"{name}.csv", ())


def _choices(parser: Any) -> tuple[str, ...] | None:
    if parser is parse_bool:
        return ("SI", "NO")
    return getattr(parser, "choices", None)


def build(plugin: str, path: Path, source: Path | None = None) -> Path:
    """Write the workbook (and ente.toml beside it); returns the ente.toml path."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    hooks, info = Hooks.for_plugin(plugin)
    schema = merge_schemas(hooks.input_schemas())
    columns = _columns(schema)
    rows = _rows_from(source, plugin, schema) if source is not None else {}
    wb = Workbook()
    wb.remove(wb.active)
    for name, cols in columns.items():
        ws = wb.create_sheet(name)
        ws.append(list(cols))
        for k, (col, parser) in enumerate(cols.items(), start=1):
            cell = ws.cell(row=1, column=k)
            choices = _choices(parser)
            note = HELP.get(col, col.replace("_", " "))
            note += " — obbligatoria" if _required(name, col, schema) else " — facoltativa"
            if choices:
                note += f". Valori: {', '.join(choices)}"
                dv = DataValidation(
                    type="list",
                    formula1='"' + ",".join(choices) + '"',
                    allow_blank=True,
                    showErrorMessage=True,
                    error=f"Valori ammessi: {', '.join(choices)}",
                )
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(k)}2:{get_column_letter(k)}5000")
            cell.comment = Comment(note, "ciclope")
            ws.column_dimensions[get_column_letter(k)].width = max(12, min(40, len(col) + 4))
        for row in rows.get(name, []):
            ws.append([row.get(c, "") for c in cols])
        ws.freeze_panes = "A2"
    import io

    from . import owned

    data = io.BytesIO()
    wb.save(data)
    owned.write_new(path, data.getvalue())  # a new file, never through a link (even a dangling one)
    toml = path.with_name("ente.toml")
    if not os.path.lexists(toml):  # an ente.toml there (or a link by that name) is the user's: kept
        funds = "\n".join(f'{f} = "0.00"' for f in schema.funds) or "# i fondi del regolamento, in euro"
        text = (
            f'name = "Nome dell\'ente"\n\n[funds]\n{funds}\n\n[approvals]\n'
            "# date degli atti, es. piano_adopted = 2022-01-31\n"
        )
        owned.write_new(toml, text.encode("utf-8"))
    return toml


def _rows_from(folder: Path, plugin: str, schema) -> dict[str, list[dict[str, Any]]]:
    """Next year's rows from a run's output folder (its results.json names the data folder)."""
    try:
        doc = json.loads((folder / "results.json").read_text(encoding="utf-8"))
        data, year = Path(doc["audit"]["data"]), int(doc["year"])
    except (OSError, ValueError, KeyError) as exc:
        raise CiclopeError(
            [Problem(rule="template.from", file=str(folder), message=f"non è la cartella di output di un ente ({exc})")]
        ) from None
    ente = load_ente(data, doc["ente"], year, schema)
    nxt = year + 1

    def text(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "SI" if v else "NO"
        return v.isoformat() if hasattr(v, "isoformat") else str(v)

    rows: dict[str, list[dict[str, Any]]] = {
        "units": [
            {"id": u.id, "name": u.name, "kind": u.kind, "parent": u.parent, "head": u.head}
            for u in ente.units.values()
        ],
        "areas": [
            {"id": a.id, "name": a.name, "weight": text(a.weight), "separate": text(a.separate)}
            for a in ente.areas.values()
        ],
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "role": p.role,
                "category": p.category,
                "unit": p.unit,
                "fte": text(p.fte),
                "evaluator": p.evaluator,
                **{k: text(v) for k, v in p.extra.items()},
            }
            for p in ente.people.values()
        ],
        "objectives": [
            {
                "id": o.id,
                "kind": o.kind,
                "title": o.title,
                "parent": o.parent,
                "area": o.area,
                "weight": text(o.weight),
                "owner": o.owner,
            }
            for o in ente.objectives.values()
        ],
        "indicators": [
            {
                "id": i.id,
                "objective": i.objective,
                "name": i.name,
                "type": i.type,
                "weight": text(i.weight),
                "baseline": text(i.actual if i.actual is not None else i.baseline),
                "target": text(i.targets.get(nxt, i.target)),
                "source": i.source,
            }
            for i in ente.indicators.values()
            if i.targets.get(nxt, i.target) is not None
        ],
        "assignments": [
            {"cruscotto": a.cruscotto, "owner": a.owner, "ref": a.ref, "weight": text(a.weight)}
            for a in ente.assignments
        ],
    }
    return rows
