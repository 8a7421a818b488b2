"""``compare.xlsx``: the tables of ``compare.html`` with numeric cells (money in euro, ratios,
shares as %), so the office can sort, filter and sum. Text is never stored as a formula; the file
is byte-identical for the same document (fixed dates: :class:`core.reports.xlsx.Sheets`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..reports import fmt
from ..reports.xlsx import Sheets, Typed
from .report import METRIC_ROWS, changed, order, status
from .scenario import CURRENT

KINDS = {"money": "money", "pct": "ach", "num": "num", "int": "int"}


def _money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _metric(value: Any, kind: str) -> Any:
    if value is None:
        return "non definito"
    if kind == "money":
        return Typed(Decimal(value), "money")
    return Typed(Decimal(str(value)), KINDS[kind])


def render(doc: dict, labels: dict | None = None) -> bytes:
    sc = doc["scenarios"]
    names = list(sc)
    others = [n for n in names if n != CURRENT]
    base = sc[CURRENT]
    book = Sheets()
    book.add(
        "Scenari",
        (
            ("Scenario", "text", 16),
            ("Descrizione", "text", 30),
            ("File", "text", 30),
            ("Parametri diversi dall'attuale", "text", 60),
            ("Fondi diversi", "text", 30),
            ("Calcolato", "text", 10),
            ("Errori", "int", 8),
            ("Avvisi", "int", 8),
        ),
        [
            (
                n,
                sc[n]["description"],
                sc[n]["file"] or "cycle.toml",
                *changed(doc, n),
                "SI" if sc[n]["computed"] else "NO",
                sum(1 for v in sc[n]["violations"] if v["severity"] == "error"),
                sum(1 for v in sc[n]["violations"] if v["severity"] != "error"),
            )
            for n in names
        ],
        note=f"Simulazione per la contrattazione integrativa — {doc.get('name') or doc['ente']} ({doc['year']})",
    )
    rows: list[Any] = [
        [label] + [_metric(sc[n]["metrics"][key], kind) for n in names] for key, label, kind in METRIC_ROWS
    ]
    for n_upper in range(max((len(sc[n]["metrics"]["band_ratios"]) for n in names), default=0)):
        row: list[Any] = [f"Rapporto pro capite tra fasce consecutive n. {n_upper + 1}"]
        for n in names:
            ratios = sc[n]["metrics"]["band_ratios"]
            if n_upper < len(ratios):
                r = ratios[n_upper]
                row.append(_metric(r["ratio"], "num"))
            else:
                row.append(None)
        rows.append(row)
    book.add("Indicatori", [("Indicatore", "text", 50)] + [(n, "num", 16) for n in names], rows)
    cols = [
        ("Persona", "text", 14),
        ("Ruolo", "text", 14),
        ("Punteggio attuale", "score", 10),
        ("Fascia attuale", "text", 14),
        ("Importo attuale", "money", 14),
    ]
    for n in others:
        cols += [(f"Fascia {n}", "text", 14), (f"Importo {n}", "money", 14), (f"Differenza {n}", "money", 14)]
    rows = []
    for pid in order(doc):
        p = base["people"][pid]
        row = [
            pid,
            fmt.ROLE_LABELS.get(p["role"], p["role"]),
            None if p["score"] is None else Decimal(str(p["score"])),
            status(p, labels),
            _money(p["amount"]),
        ]
        for n in others:
            q = sc[n]["people"].get(pid)
            row += (
                [None, None, None]
                if q is None
                else [status(q, labels), _money(q["amount"]), Decimal(q["amount"]) - Decimal(p["amount"])]
            )
        rows.append(row)
    book.add("Persone", cols, rows)
    rows = []
    for n in names:
        ratio = {r["upper"]: r["ratio"] for r in sc[n]["metrics"]["band_ratios"]}
        for g in sc[n]["bands"]:
            rows.append(
                (
                    n,
                    g["name"],
                    g["count"],
                    _money(g["total"]),
                    _money(g["per_capita"]),
                    None if ratio.get(g["name"]) is None else Decimal(str(ratio[g["name"]])),
                )
            )
    book.add(
        "Fasce",
        (
            ("Scenario", "text", 16),
            ("Fascia", "text", 16),
            ("Persone", "int", 10),
            ("Premi della fascia", "money", 16),
            ("Pro capite", "money", 14),
            ("Rapporto con la successiva", "num", 14),
        ),
        rows,
    )
    rows = [
        (n, g["name"], g["count"], _money(g["total"]), _money(g["per_capita"])) for n in names for g in sc[n]["levels"]
    ]
    book.add(
        "Livelli",
        (
            ("Scenario", "text", 16),
            ("Livello", "text", 16),
            ("Persone", "int", 10),
            ("Importi", "money", 16),
            ("Pro capite", "money", 14),
        ),
        rows,
    )
    rows = [
        (
            n,
            v.get("ente", doc["ente"]),
            "errore" if v["severity"] == "error" else "avviso",
            v["message"],
            v["source"],
            v["rule"],
            v["where"],
        )
        for n in names
        for v in sc[n]["violations"]
    ]
    book.add(
        "Violazioni",
        (
            ("Scenario", "text", 16),
            ("Ente", "text", 16),
            ("Gravità", "text", 10),
            ("Violazione", "text", 80),
            ("Fonte", "text", 34),
            ("Regola", "text", 30),
            ("Dove", "text", 24),
        ),
        rows,
    )
    return book.bytes()
