"""Extra sections of the Relazione for the Bergamo regulation (phase f): plain tables, Italian text.

No per-person rows for dipendenti and PO (their scores are in results.json, schede.xlsx of the core
and ``ciclope explain``): the sections show cruscotti, the access to rewards and aggregates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ciclope.core import Ente, ReportSection, Result, fmt, hookimpl

from .awards import gate_open
from .common import LEVELS, NOTES, PLAN, POOL, REG, ruled_notes


def _pct(value: Decimal | str | None) -> fmt.Percent | str:
    """A percentage cell: 45,05% in the Relazione, a number in % format in schede.xlsx."""
    if value is None:
        return "non misurato"
    return fmt.Percent(Decimal(value))


def _owner_label(ente: Ente, owner: str) -> str:
    if owner in ente.units:
        return ente.units[owner].name
    p = ente.people.get(owner)
    if p is None:
        return owner
    return {"segretario": "Segretario Generale", "dirigente": f"Dirigente ({owner})"}.get(p.role, owner)


def cruscotti(ente: Ente, result: Result) -> ReportSection | None:
    org = result.org
    if org is None:
        return None
    groups: dict[tuple[str, str], list[Any]] = {}
    for a in ente.assignments:
        groups.setdefault((a.cruscotto, a.owner), []).append(a)
    rows = []
    for (cr, owner), items in groups.items():
        person = ente.people.get(owner)
        if person is not None and not person.is_dirigente:
            continue  # individual/group sheets: personal, not in the Relazione
        refs = list(dict.fromkeys(a.ref for a in items))
        scored = 0
        for ref in refs:
            out = org.indicators.get(ref)
            if (out is not None and out.scored) or (ref in ente.objectives and org.objectives.get(ref) is not None):
                scored += 1
        value = org.units.get(owner) if owner in ente.units else org.people.get(owner)
        rows.append((cr, _owner_label(ente, owner), len(refs), scored, _pct(value)))
    if not rows:
        return None
    return ReportSection(
        title="Cruscotti: percentuale sintetica di raggiungimento (002… §3.3, §4)",
        columns=("cruscotto", "titolare", "indicatori", "misurati nell'anno", "percentuale sintetica"),
        rows=tuple(rows),
        note="Media degli indicatori misurati del cruscotto a pesi uguali (il Piano non pubblica pesi); un indicatore "
        "presente in più cruscotti è misurato una volta sola. Indicatori di monitoraggio, non attivi nell'anno («-») "
        "o neutralizzati non entrano nella media. La performance dell'ente aggrega invece il cruscotto strategico "
        "per obiettivi e prospettive (rules/core.md §2), perciò differisce dalla media semplice dei suoi indicatori.",
    )


def rewards_access(ente: Ente, result: Result) -> ReportSection | None:
    if result.rewards is None:
        return None
    validated = ente.approvals.get("relazione_validated_oiv")
    when = (
        validated.strftime("%d/%m/%Y")
        if isinstance(validated, dt.date)
        else ("mancante" if validated is None else str(validated))
    )
    rows: list[tuple[str, Any]] = [
        ("Validazione della Relazione da parte dell'OIV", when),
        (
            "Accesso agli strumenti premiali (Regolamento di organizzazione, art. 39.2)",
            "aperto" if gate_open(ente) else "chiuso: nessun premio calcolato",
        ),
    ]
    extra = result.rewards.extra or {}
    pool = result.rewards.pools.get(POOL)
    if pool is not None:
        rows.append(
            (
                result.plugin.status_labels.get(POOL, POOL),
                f"{fmt.euro(pool.amount)} stanziati, {fmt.euro(pool.distributed)} distribuiti, {fmt.euro(pool.residual)} residui",
            )
        )
    if "premiati" in extra:
        n = extra["premiati"]
        rows.append(("Premiati (dipendenti)", n if n >= 3 or n == 0 else "<3"))
        for lv in LEVELS:
            k = extra.get("per_livello", {}).get(lv)
            if k:
                rows.append((f"premiati nel livello «{lv}»", k if k >= 3 else "<3"))
        if "quota_massima" in extra:
            rows.append(
                ("Quota massima dei premiati in un livello", fmt.Percent(Decimal(extra["quota_massima"]) / 100))
            )
    return ReportSection(
        title="Accesso ai premi e differenziazione (Regolamento di organizzazione, art. 39.2, 42, 46)",
        columns=("voce", "valore"),
        rows=tuple(rows),
        note="Riparto del fondo tra dipendenti e PO con livello almeno «"
        f"{result.params.get('reward_min_level')}» in proporzione a punteggio × tempo di lavoro; "
        "vietata la distribuzione indifferenziata o automatica (art. 46.1).",
    )


def notes(result: Result) -> ReportSection:
    rows = [*NOTES, *ruled_notes(result.params)]
    for name, text, value, source in result.assumptions():
        spec = result.params.specs[name]
        # a parameter by its words and its value as its kind reads (a share as a percentage), never its code
        shown = fmt.param_said(spec, value)
        rows.append((f"Parametro «{spec.label or spec.description}»: {shown}", f"{text} [{source}]"))
    return ReportSection(
        title="Note e ipotesi del regolamento di Bergamo",
        columns=("tema", "lettura adottata"),
        rows=tuple(rows),
        note=f"Fonti: {REG} (Regolamento di organizzazione) e {PLAN} (Piano della Performance "
        "2021–2023). L'SMVP di Bergamo non è tra le fonti: pesi, soglie e riparto sono ipotesi.",
    )


@hookimpl(specname="ciclope_report_sections")
def sections(ente: Ente, result: Result) -> list[ReportSection]:
    out = [s for s in (cruscotti(ente, result), rewards_access(ente, result)) if s is not None]
    out.append(notes(result))
    return out
