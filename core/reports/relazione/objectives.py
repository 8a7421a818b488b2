"""The Relazione's objectives: each objective with its indicators and child objectives, in the order of
the plan (each area's objectives with their children, then the rest)."""

from __future__ import annotations

from typing import Any

from ciclope.core import scoring
from ciclope.core.model import Ente
from ciclope.core.reports import fmt
from ciclope.core.reports.model import Block, Child, Flag, Flags, Negative, Objective, Off, Table, Text, columns
from ciclope.core.reports.relazione.names import Names, not_run, reached
from ciclope.core.result import Result

INTRO = (
    "Per ogni obiettivo: indicatori con peso, target e consuntivo dell'anno, scostamento dal target "
    "(consuntivo / target − 100%, per «meno è meglio» target / consuntivo − 100%: positivo se il target è superato), "
    "raggiungimento (limitato a 0–100%) e fonte del dato. Gli "
    "indicatori neutralizzati, non attivi nell'anno o di solo monitoraggio non entrano "
    "nel calcolo e i pesi degli altri sono rinormalizzati."
)
HEAD = columns(
    (
        "Codice",
        "Indicatore",
        "Tipo",
        "Peso",
        "Valore base",
        "Target",
        "Consuntivo",
        "Scostamento",
        "Raggiungimento",
        "Fonte",
        "Stato",
    ),
    (3, 4, 5, 6, 7, 8),
)
NOT_WEIGHTED = ("neutralized", "inactive", "monitor")
# a report that stops before the evaluation is dated before the year's end: no year-end actual in it
MID_YEAR = (
    "I consuntivi di fine anno non sono riportati: i valori al 30/6 sono nel «Monitoraggio al 30/6», con il loro "
    "target intermedio."
)


def objectives(r: Result, names: Names) -> list[Block]:
    ente, org = r.ente, r.org
    by_objective: dict[str, list] = {}
    for ind in ente.indicators.values():
        by_objective.setdefault(ind.objective, []).append(ind)
    children: dict[str, list[str]] = {}
    for c in ente.objectives.values():
        if c.parent:
            children.setdefault(c.parent, []).append(c.id)
    out: list[Block] = [Text(INTRO, "muted")]
    if not reached(r, "valutazione"):
        out.append(not_run(r, "valutazione"))
        out.append(Text(MID_YEAR, "muted"))
    revised = {rv.indicator for rv in r.revisions if rv.applied}
    for oid, depth in order(r):
        o = ente.objectives[oid]
        value = org.objectives.get(oid) if org else None
        meta = [fmt.KIND_LABELS.get(o.kind, o.kind)]
        if o.area:
            meta.append(f"area {names.area(o.area, full=True)}")
        if o.parent:
            meta.append(f"contribuisce a {o.parent}")
        meta.append(f"peso {fmt.value(o.weight)}" if o.weight is not None else "peso non indicato (pesi uguali)")
        if o.owner:
            meta.append(f"responsabile {names.owner(o.owner)}")
        why = org.not_scored.get(f"objective:{oid}") if org else None
        if why and value is None:
            meta.append(why)
        head = f"{'↳ ' * min(depth, 1)}{o.id} — {o.title}" if o.title else o.id
        achieved = fmt.pct(value) if value is not None else "non valutato"
        rows = [indicator_row(r, ind, revised) for ind in by_objective.get(oid, [])]
        rows += [child_row(r, k) for k in children.get(oid, ())]
        table = Table("", HEAD, rows, empty="Nessun indicatore né obiettivo collegato.")
        out.append(Objective(oid, f"{head} — raggiungimento {achieved}", " · ".join(meta), table, personal(r, oid)))
    if not ente.objectives:
        out.append(Text("Nessun obiettivo indicato per l'anno.", "empty"))  # published too: no file named
    return out


def order(r: Result) -> list[tuple[str, int]]:
    """(objective id, depth): each area's objectives with their children, then the rest."""
    objectives = r.ente.objectives
    children: dict[str, list[str]] = {}
    for o in objectives.values():
        if o.parent and o.parent in objectives:
            children.setdefault(o.parent, []).append(o.id)
    found: list[tuple[str, int]] = []
    seen: set[str] = set()

    def walk(oid: str, depth: int) -> None:
        if oid in seen:
            return
        seen.add(oid)
        found.append((oid, depth))
        for k in children.get(oid, []):
            walk(k, depth + 1)

    def top(o: Any) -> bool:
        return not o.parent or o.parent not in objectives

    for a in r.ente.areas.values():
        for o in objectives.values():
            if o.area == a.id and top(o):
                walk(o.id, 0)
    for o in objectives.values():
        if top(o) and o.kind != "individual":
            walk(o.id, 0)
    for o in objectives.values():
        if top(o):
            walk(o.id, 0)
    for o in objectives.values():
        walk(o.id, 0)
    return found


def personal(r: Result, oid: str) -> bool:
    """An individual objective, or one a person owns, and what hangs under it: about one person, whose
    evaluation its achievement is part of."""
    return oid in r.memo("objectives.personal", lambda: about_one_person(r.ente))


def about_one_person(ente: Ente) -> frozenset[str]:
    """The objectives :func:`personal` is true of, in one walk up each chain of parents: an objective is personal
    when it, or the first ancestor that settles it, is individual or owned by a person; a chain that ends or turns
    back on itself settles every objective on it as not personal. Each objective is settled once, so a chain of
    thousands of objectives costs as many steps, not their square."""
    objectives, people = ente.objectives, ente.people
    settled: dict[str, bool] = {}
    for start in objectives:
        path: list[str] = []
        on_path: set[str] = set()
        oid: str | None = start
        found = False
        while oid is not None and oid not in settled and oid not in on_path:
            o = objectives.get(oid)
            if o is None:
                break
            if o.kind == "individual" or (o.owner is not None and o.owner in people):
                found = True
                break
            path.append(oid)
            on_path.add(oid)
            oid = o.parent
        else:
            found = oid is not None and settled.get(oid, False)
        if found and oid is not None and oid in objectives:
            settled[oid] = True
        for k in path:
            settled[k] = found
    return frozenset(k for k, v in settled.items() if v)


def child_row(r: Result, k: str) -> Child:
    child = r.ente.objectives[k]
    cv = r.org.objectives.get(k) if r.org else None
    return Child(
        (
            k,
            f"↳ obiettivo {fmt.KIND_LABELS.get(child.kind, child.kind)}: {child.title}",
            "",
            fmt.value(child.weight),
            "",
            "",
            "",
            fmt.signed_pct(cv - 1) if cv is not None else fmt.NONE,
            fmt.pct(cv),
            "",
            "" if cv is not None else "non valutato",
        )
    )


def indicator_row(r: Result, ind: Any, revised: set[str]) -> tuple:
    outcome = r.org.indicators.get(ind.id) if r.org else None
    status = outcome.status if outcome else planned_status(ind)
    ach = outcome.achievement if outcome else None
    deviation: str | Negative = fmt.NONE
    if outcome is not None and ach is not None:  # from the target, never cut at 100% (docs/reports.md)
        off = scoring.deviation(ind.type, outcome.actual, outcome.target, ach)
        deviation = Negative(fmt.signed_pct(off)) if off < 0 else fmt.signed_pct(off)
    cells = (
        ind.id,
        ind.name,
        fmt.TYPE_LABELS.get(ind.type, ind.type),
        fmt.value(ind.weight) if ind.type != "monitor" else fmt.NONE,
        fmt.measure(ind.baseline, ind.percent),
        fmt.measure(ind.target, ind.percent) if ind.active else "-",
        fmt.measure(ind.actual, ind.percent) if reached(r, "valutazione") else fmt.NONE,
        deviation,
        fmt.pct(ach),
        ind.source or fmt.NONE,
        state(ind, status, ind.id in revised),
    )
    return Off(cells) if status in NOT_WEIGHTED else cells


def planned_status(ind: Any) -> str:
    """An indicator's status before the evaluation computes it."""
    if not ind.active:
        return "inactive"
    if ind.neutralized:
        return "neutralized"
    return "monitor" if ind.type == "monitor" else ""


def state(ind: Any, status: str, revised: bool) -> Flags | str:
    flags = []
    if status == "neutralized":
        flags.append(Flag(f"neutralizzato: {ind.reason}" if ind.reason else "neutralizzato", "info"))
    elif status == "inactive":
        flags.append(Flag("non attivo nell'anno", "info"))
    elif status == "monitor":
        flags.append(Flag("monitoraggio, non ponderato", "info"))
    elif status == "missing":
        flags.append(Flag("consuntivo mancante", "err"))
    if revised:
        flags.append(Flag("target rivisto a metà anno", "warn"))
    return Flags(tuple(flags)) if flags else ""
