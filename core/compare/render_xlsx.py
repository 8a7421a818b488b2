"""``compare.xlsx``: the tables of ``compare.html`` with numeric cells (money in euro, ratios,
shares as %), so the office can sort, filter and sum. Text is never stored as a formula; the file
is byte-identical for the same document (fixed dates: :class:`core.reports.xlsx.Sheets`).

One :class:`~..reports.model.Table` per sheet, built from the ``compare.json`` dict (:func:`tables`, in the
order of the sheets), written by the workbook writer of ``schede.xlsx`` (:func:`render`).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from ciclope.core.compare.report import (
    ADOPT,
    METRIC_ROWS,
    TITLE,
    Doc,
    Labels,
    adopt,
    band,
    changed,
    counts,
    level_row,
    order,
    own_bands,
    role,
    status,
    top_share,
)
from ciclope.core.compare.scenario import CURRENT
from ciclope.core.reports import fmt
from ciclope.core.reports.model import Column, Table, Typed
from ciclope.core.reports.xlsx import Sheets
from ciclope.core.run.citing import cited

KINDS = {"money": "money", "pct": "ach", "num": "num", "int": "int"}  # a metric's kind → its cell's kind
UNDEFINED = "non definito"  # a metric the document leaves null (as compare.html says it)


def render(doc: Doc, labels: Labels | None = None) -> bytes:
    """The workbook of :func:`tables`."""
    book = Sheets()
    for table in tables(doc, labels):
        book.add(table.title, table.columns, table.rows, note=table.note)
    return book.bytes()


def tables(doc: Doc, labels: Labels | None = None) -> Iterator[Table]:
    """Every sheet of the workbook, in order; each is there even when it has no rows."""
    yield scenarios(doc, labels)
    yield indicators(doc, labels)
    yield people(doc, labels)
    yield bands(doc, labels)
    yield levels(doc, labels)
    yield violations(doc)


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _metric(value: Any, kind: str) -> Typed | str:
    """A metric's cell: its number with the format of its kind (the column's kind is only the default)."""
    if value is None:
        return UNDEFINED
    if kind == "money":
        return Typed(Decimal(value), "money")
    return Typed(Decimal(str(value)), KINDS[kind])


def scenarios(doc: Doc, labels: Labels | None = None) -> Table:
    """Each scenario: what it changes from ``attuale``, whether it could be computed, its violations."""
    sc = doc["scenarios"]
    columns: tuple[Column, ...] = (
        ("Scenario", "text", 16),
        ("Descrizione", "text", 30),
        ("File", "text", 30),
        ("Parametri diversi dall'attuale", "text", 60),
        ("Fondi diversi", "text", 30),
        (ADOPT, "text", 30),
        ("Calcolato", "text", 10),
        ("Errori", "int", 8),
        ("Avvisi", "int", 8),
    )
    rows = [
        (
            name,
            s["description"],
            s["file"] or "cycle.toml",
            *changed(doc, name, labels),
            adopt(s),
            "SI" if s["computed"] else "NO",
            *counts(s),
        )
        for name, s in sc.items()
    ]
    note = f"{TITLE} — {doc.get('name') or doc['ente']} ({doc['year']})"
    return Table("Scenari", columns, rows, note=note)


def indicators(doc: Doc, labels: Labels | None = None) -> Table:
    """The distribution's metrics, one column per scenario (the share at the highest level names that level, by
    its label, as compare.html does), then the per-capita ratios between consecutive bands (a scenario with fewer
    bands leaves its cell empty)."""
    sc = doc["scenarios"]
    names = list(sc)
    rows: list[list[Any]] = [
        [
            top_share(doc, labels) if key == "top_level_share" else label,
            *(_metric(sc[n]["metrics"][key], kind) for n in names),
        ]
        for key, label, kind in METRIC_ROWS
    ]
    ratios = [sc[n]["metrics"]["band_ratios"] for n in names]
    for i in range(max(map(len, ratios), default=0)):
        cells = [_metric(r[i]["ratio"], "num") if i < len(r) else None for r in ratios]
        rows.append([f"Rapporto pro capite tra fasce consecutive n. {i + 1}", *cells])
    columns: list[Column] = [("Indicatore", "text", 50), *((n, "num", 16) for n in names)]
    return Table("Indicatori", columns, rows)


def people(doc: Doc, labels: Labels | None = None) -> Table:
    """Every person of ``attuale`` (natural order of ids): their band and amount in force, then for each other
    scenario their band, amount and the difference (empty where the scenario does not have them)."""
    sc = doc["scenarios"]
    others = [n for n in sc if n != CURRENT]
    base = sc[CURRENT]["people"]
    banded = own_bands(doc)  # a regulation without bands of its own: its levels, said as levels
    word = "Fascia" if banded else "Livello"
    columns: list[Column] = [
        ("Persona", "text", 14),
        ("Ruolo", "text", 14),
        ("Punteggio attuale", "score", 10),
        (f"{word} attuale", "text", 14),
        ("Importo attuale", "money", 14),
    ]
    for n in others:
        columns += [(f"{word} {n}", "text", 14), (f"Importo {n}", "money", 14), (f"Differenza {n}", "money", 14)]
    rows: list[list[Any]] = []
    for pid in order(doc):
        p = base[pid]
        row = [
            pid,
            role(p, labels),
            None if p["score"] is None else Decimal(str(p["score"])),
            status(p, labels, banded),
            _money(p["amount"]),
        ]
        for n in others:
            q = sc[n]["people"].get(pid)
            if q is None:
                row += [None, None, None]
            else:
                row += [status(q, labels, banded), _money(q["amount"]), Decimal(q["amount"]) - Decimal(p["amount"])]
        rows.append(row)
    return Table("Persone", columns, rows)


def bands(doc: Doc, labels: Labels | None = None) -> Table:
    """Each scenario's merit bands: people, awards, per capita and the ratio to the next band down (a level
    recorded as band by its label)."""
    rows = []
    for name, s in doc["scenarios"].items():
        ratio = {r["upper"]: r["ratio"] for r in s["metrics"]["band_ratios"]}
        named = [g["name"] for g in s["levels"]]
        for g in s["bands"]:
            r = ratio.get(g["name"])
            rows.append(
                (
                    name,
                    band(g["name"], named, labels),
                    g["count"],
                    _money(g["total"]),
                    _money(g["per_capita"]),
                    None if r is None else Decimal(str(r)),
                )
            )
    columns: tuple[Column, ...] = (
        ("Scenario", "text", 16),
        ("Fascia", "text", 16),
        ("Persone", "int", 10),
        ("Premi della fascia", "money", 16),
        ("Pro capite", "money", 14),
        ("Rapporto con la successiva", "num", 14),
    )
    return Table("Fasce", columns, rows)


def levels(doc: Doc, labels: Labels | None = None) -> Table:
    """Each scenario's evaluation levels, by their labels: people, amounts and per capita."""
    rows = [
        (name, level_row(g, labels), g["count"], _money(g["total"]), _money(g["per_capita"]))
        for name, s in doc["scenarios"].items()
        for g in s["levels"]
    ]
    columns: tuple[Column, ...] = (
        ("Scenario", "text", 16),
        ("Livello", "text", 16),
        ("Persone", "int", 10),
        ("Importi", "money", 16),
        ("Pro capite", "money", 14),
    )
    return Table("Livelli", columns, rows)


def violations(doc: Doc) -> Table:
    """Each scenario's violations of the regulation, with the ente they are about (a total's scenarios span
    several enti)."""
    rows = [
        (
            name,
            v.get("ente", doc["ente"]),
            "errore" if v["severity"] == "error" else "avviso",
            v["message"],
            cited(v["source"]),
            fmt.where(v["where"]),
        )
        for name, s in doc["scenarios"].items()
        for v in s["violations"]
    ]
    columns: tuple[Column, ...] = (
        ("Scenario", "text", 16),
        ("Ente", "text", 16),
        ("Gravità", "text", 10),
        ("Violazione", "text", 80),
        ("Fonte", "text", 34),
        ("Dove", "text", 24),
    )
    return Table("Violazioni", columns, rows)
