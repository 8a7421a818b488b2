"""The Relazione's "Andamento negli anni e posizionamento comparativo" section, from the store.

The section's blocks are built here from the store's data: the ente's trends, its multi-year objectives
(in the plan's last year) and its benchmark position among the enti of the year (aggregates only: no person
appears). Without earlier years or comparable enti the section says so in one line, never an empty chart.

``ciclope run`` records every ente first, then renders each Relazione with its section
(:func:`archive_of`, core/run/archive.py): no document is written twice.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import attrs
from sqlalchemy import select

from ciclope.core.reports import fmt
from ciclope.core.reports import fund as funddoc
from ciclope.core.reports.html import blocks
from ciclope.core.reports.model import Block, Heading, Prose, Table, Text, columns
from ciclope.core.reports.svg import trend_lines
from ciclope.core.store import Store, schema
from ciclope.core.store.benchmark import MIN_ENTI, QUARTERS_NOTE, Benchmark
from ciclope.core.store.history import Trend, plans, trend

KIND_LABELS = {"ente": "Ente", "area": "Area strategica", "objective": "Obiettivo", "indicator": "Indicatore"}


def archive_html(
    store: Store,
    ente: str,
    year: int,
    bench: Benchmark | None,
    history: bool = True,
    multi_year: bool = True,
    fund: bool = True,
) -> str:
    """The section's body. ``history`` / ``multi_year`` / ``fund`` False: the caller knows the store has no earlier
    year of the ente / no plan ending this year / no fund of the ente this year (saves the queries for a run of
    many enti)."""
    parts: list[Block] = [Heading("Andamento negli anni")]
    parts += trend_html(trend(store, ente, year) if history else Trend(ente, (year,), ()))
    multi = plans(store, ente, year) if multi_year else []
    if multi:
        parts.append(Heading("Obiettivi del piano pluriennale"))
        parts += plans_html(multi)
    now = store.fund(ente, year) if fund else None
    if now is not None:
        parts.append(Heading("Fondo risorse decentrate rispetto all'anno precedente"))
        parts += fund_html(now, store.fund(ente, year - 1))
    parts.append(Heading("Posizionamento comparativo"))
    parts += position_html(bench, ente, year)
    return blocks(parts)


def trend_html(t: Trend) -> list[Block]:
    if not t.has_history:
        return [
            Text(
                "Nessun anno precedente nell'archivio dei risultati per questo ente: l'andamento comparirà "
                "dal prossimo ciclo registrato.",
                "empty",
            )
        ]
    head = ["", "Codice", *[str(y) for y in t.years]]
    rows = [
        (
            KIND_LABELS[r.kind] + (f" — {r.label}" if r.kind != "ente" else ""),
            r.ident if r.kind != "ente" else "",
            *[fmt.pct(v) for v in r.values],
        )
        for r in t.rows
    ]
    numeric = range(2, 2 + len(t.years))
    chart_series = [(r.label if r.kind != "ente" else "Ente", r.values) for r in t.rows if r.kind in ("ente", "area")][
        :6
    ]
    return [
        Prose(trend_lines("andamento-grafico", "Performance dell'ente e delle aree negli anni", t.years, chart_series)),
        Table("", columns(head, numeric), rows, style="trend"),
        *trend_notes(t),
        Text(
            "Fonte: l'archivio dei risultati di ciclope, ultima esecuzione completa di ogni anno "
            "(confronto con il triennio precedente).",
            "note",
        ),
    ]


def fund_html(now: dict, before: dict | None) -> list[Block]:
    """The fund of the year against the previous year's, by section, and what the previous year's residual
    brought back (core/reports/fund.py, Modulo III of the relazione tecnico-finanziaria)."""
    table = funddoc.comparison(now, before, funddoc.worded)
    out: list[Block] = [Table("", table.columns, table.rows)]
    if before is None:
        out.append(Text(funddoc.no_previous(now["year"]), "empty"))
        return out
    carried = before.get("totals", {}).get("carried", "0.00")
    back = sum(
        (
            Decimal(x["amount"])
            for x in now.get("constitution", [])
            if x["key"].startswith("item:residui_anno_precedente")
        ),
        Decimal(0),
    )
    out.append(
        Text(
            f"Il fondo del {before['year']} lasciava un residuo di parte stabile di {fmt.euro(Decimal(carried))} da "
            f"riportare; il fondo del {now['year']} riporta come risorse stabili non utilizzate degli anni precedenti "
            f"{fmt.euro(back)}.",
            "note",
        )
    )
    return out


def trend_notes(t: Trend) -> list[Block]:
    """What a reader must know to compare the columns: the years with no result (gaps), and every change of the
    regulation applied between years (areas and indicators may differ across it)."""
    out: list[Block] = []
    if t.missing:
        out.append(
            Text(
                "Nessun risultato registrato per "
                + ", ".join(str(y) for y in t.missing)
                + ": la colonna è vuota e il grafico interrompe la linea.",
                "note",
            )
        )
    for year, before, now in t.changes:
        out.append(
            Text(
                f"Dal {year} il regolamento applicato è cambiato ({before} → {now}): aree e indicatori possono "
                "non essere confrontabili con gli anni precedenti.",
                "note",
            )
        )
    return out


def plans_html(objectives) -> list[Block]:
    out: list[Block] = []
    for o in objectives:
        rows = []
        for y in o.years:
            if not y.stored:
                rows.append((str(y.year), "non presente nell'archivio", fmt.NONE))
                continue
            detail = "; ".join(
                f"{name} ({ident}): target {target}, consuntivo {actual}"
                for ident, name, target, actual in y.indicators
            )
            rows.append((str(y.year), detail or fmt.NONE, fmt.pct(y.achievement)))
        out.append(Heading(f"{o.objective} — {o.title} (piano {o.first}–{o.last})", 4))
        out.append(
            Table("", columns(["Anno", "Indicatori: target e consuntivo", "Grado di raggiungimento"], [2]), rows)
        )
        out.append(Text(f"Avanzamento cumulato: {fmt.pct(o.cumulative)}"))
    out.append(
        Text(
            "Avanzamento cumulato: media dei gradi di raggiungimento degli anni del piano presenti nell'archivio, "
            "ogni anno con lo stesso peso (ipotesi: le fonti non lo definiscono; obiettivi triennali con target "
            "per ogni annualità).",
            "note",
        )
    )
    return out


def position_html(bench: Benchmark | None, ente: str, year: int) -> list[Block]:
    comparable = 0 if bench is None else bench.enti
    positions = [] if bench is None else bench.positions(ente)
    if bench is None or bench.performance is None or not positions:
        return [
            Text(
                f"Posizionamento comparativo non disponibile: servono almeno {MIN_ENTI} enti con risultati del "
                f"{year} nell'archivio (presenti: {comparable}).",
                "empty",
            )
        ]
    rows = [
        (
            what,
            fmt.decimal_it(round(p.value, 4)) if "Performance" not in what else fmt.pct(p.value),
            p.placed(),
            p.quarter(),
            fmt.decimal_it(round(p.median, 4)) if "Performance" not in what else fmt.pct(p.median),
        )
        for what, p in positions
    ]
    return [
        Table(
            "",
            columns(["Grandezza", "Valore dell'ente", "Posizione", "Quarto degli enti", "Mediana degli enti"], [1, 4]),
            rows,
        ),
        Text(
            f"Confronto tra {fmt.the_count(bench.enti)} enti con risultati del {year} nell'archivio, sugli indicatori dichiarati "
            "confrontabili (stesso codice di catalogo, o stesso codice, tipo e nome). 1° = il valore migliore, e "
            f"gli enti con lo stesso valore sono a pari merito. {QUARTERS_NOTE}",
            "note",
        ),
    ]


@attrs.frozen
class ArchiveSource:
    """What the section of every ente of one year needs from the store, read once for the run: the
    benchmark of the year, the enti with an earlier year recorded and those with a multi-year plan ending
    this year (the others skip those queries)."""

    year: int
    bench: Benchmark
    earlier: frozenset[str]
    planned: frozenset[str]


def archive_source(store: Store, year: int) -> ArchiveSource:
    everything = store.current()
    years = Counter(c.ente for c in everything if c.year <= year)
    this_year = {c.result_id: c.ente for c in everything if c.year == year}
    with store.engine.connect() as conn:
        planned = conn.execute(
            select(schema.objectives.c.result)
            .where(schema.objectives.c.plan_last == year, schema.objectives.c.result.in_(list(this_year)))
            .distinct()
        ).scalars()
        planned_enti = frozenset(this_year[r] for r in planned)
    return ArchiveSource(year, store.benchmark(year), frozenset(e for e, n in years.items() if n > 1), planned_enti)


def archive_of(store: Store, source: ArchiveSource, ente: str, fund: bool = False) -> str:
    """The section's body for ``ente``, as the Relazione writes it between its archive markers; ``fund``: the ente
    has a fund this year (its comparison with the previous year's is added)."""
    return archive_html(store, ente, source.year, source.bench, ente in source.earlier, ente in source.planned, fund)
