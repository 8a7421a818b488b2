"""Organizational performance with the core rules (rules/core.md §1–2).

indicator → objective (its indicators and child objectives) → strategic area → ente; units by
their cruscotto, their objectives or their parent; segretario/dirigenti by their cruscotto.
Every achievement is rounded to 4 decimals when computed and parents use the rounded parts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ciclope.core.fmt import Percent, listed
from ciclope.core.model import Ente, Indicator
from ciclope.core.money import r4
from ciclope.core.outcomes import INHERITED, IndicatorOutcome, OrgPerformance
from ciclope.core.params import Params
from ciclope.core.problems import Problem
from ciclope.core.scoring import (
    FORMULAS,
    SOURCE_AGGREGATION,
    SOURCE_INDICATOR,
    mixed_weights,
    needs_actual,
    part_name,
    weighted_mean,
)
from ciclope.core.trace import Input, Trace, figure

MEAN = "media ponderata (pesi normalizzati; pesi vuoti = pesi uguali)"
# The weights in the inputs' names are formatted with !s: str() gives what format(weight, "") gives, in half
# the time for a Decimal (tests/core/test_scoring.py checks the two agree).


def measure(
    ind: Indicator, measured, target, achieve, trace: Trace, key: str, label: str, mid: bool = False
) -> Decimal:
    """``achieve`` is the ente's :meth:`~core.registry.Hooks.indicator_achiever` (looked up once per ente)."""
    value = r4(achieve(ind, measured, target, trace, key))
    col_t, col_a = ("target_mid", "actual_mid") if mid else (ind.target_column, "actual")
    if ind.percent:  # typed as percentages: read back as percentages (explain, the portal), never as 0,72
        target, measured = as_percent(target), as_percent(measured)
    inputs = (
        Input("target", target, "", f"indicators.csv:{ind.row}:{col_t}"),
        Input("consuntivo", measured, "", f"indicators.csv:{ind.row}:{col_a}"),
    )
    # trace.record(key, …) unless the plugin's achiever recorded the key itself: one look-up in the ente's table of
    # figures instead of a look-up and then an insert
    own = trace.figures.setdefault(
        key,
        figure(key, value, FORMULAS.get(ind.type, "calcolato dal plugin"), SOURCE_INDICATOR, inputs, label, ""),
    )
    if own.inputs is not inputs:  # the plugin's: given the target and the value measured it does not name
        named = {i.name for i in own.inputs}
        trace.figures[key] = own._replace(
            inputs=(*(i for i in inputs if i.name not in named), *own.inputs), label=own.label or label
        )
    return value


def as_percent(value: Any) -> Any:
    """A number an office typed as a percentage, marked so (:class:`core.fmt.Percent`); anything else as it is."""
    return Percent(value) if type(value) is Decimal else value


class _Org:
    def __init__(self, ente: Ente, trace: Trace, hooks, params: Params):
        self.e, self.trace, self.hooks = ente, trace, hooks
        self.achieve_indicator = hooks.indicator_achiever(params)  # the hooks asked for every indicator and objective
        self.achieve_objective = hooks.objective_achiever()
        self.indicators: dict[str, IndicatorOutcome] = {}
        self.objectives: dict[str, Decimal | None] = {}
        self.not_scored: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        for o in ente.objectives.values():
            if o.parent:
                self.children.setdefault(o.parent, []).append(o.id)
        self.by_objective: dict[str, list[Indicator]] = {}
        for i in ente.indicators.values():
            self.by_objective.setdefault(i.objective, []).append(i)

    def problem(self, rule, message, file, row, column, source=SOURCE_AGGREGATION):
        self.trace.problem(
            # the file and its column as the office wrote them (``consuntivo`` in a sheet with Italian headers)
            Problem(
                rule=rule,
                message=message,
                source=source,
                file=self.e.file_of(file),
                row=row,
                column=self.e.column_shown(file, column),
            )
        )

    # -- indicators -----------------------------------------------------------------------
    def indicator(self, ind: Indicator) -> IndicatorOutcome:
        if not ind.active:
            status = "inactive"
        elif ind.neutralized:
            status = "neutralized"
        elif ind.type == "monitor":
            status = "monitor"
        elif ind.actual is None and needs_actual(ind):
            self.problem(
                "core.indicator.missing_actual",
                f"indicatore {ind.id} senza consuntivo (né neutralizzato)",
                "indicators",
                ind.row,
                "actual",
                SOURCE_INDICATOR,
            )
            status = "missing"
        else:
            status = "scored"
        ach = None
        if status == "scored":
            ach = measure(
                ind,
                ind.actual,
                ind.target,
                self.achieve_indicator,
                self.trace,
                f"indicator:{ind.id}",
                f"Indicatore {ind.id} — {ind.name}",
            )
        else:
            self.not_scored[f"indicator:{ind.id}"] = {
                "inactive": "non attivo nell'anno ('-')",
                "neutralized": f"neutralizzato: {ind.reason}",
                "monitor": "indicatore di monitoraggio, non ponderato",
                "missing": "consuntivo mancante",
            }[status]
        return IndicatorOutcome(achievement=ach, target=ind.target, actual=ind.actual, status=status)

    # -- objectives -----------------------------------------------------------------------
    def objective(self, oid: str) -> Decimal | None:
        if oid in self.objectives:
            return self.objectives[oid]
        self.objectives[oid] = None  # guards against cycles (already rejected at load)
        objectives = self.e.objectives
        obj = objectives[oid]
        inds = self.by_objective.get(oid, ())
        kids = [objectives[k] for k in self.children.get(oid, ())]
        # mixed_weights of the declared weights (the indicators but the monitoring ones, then the child objectives)
        # counted in the loop that collects the indicators' parts (no list of weights, no call)
        declared = len(kids)
        empty = 0
        for k in kids:
            if k.weight is None:
                empty += 1
        parts: list[tuple[str, Decimal, Decimal | None]] = []
        indicators = self.indicators
        for i in inds:
            if i.type != "monitor":
                declared += 1
                if i.weight is None:
                    empty += 1
            out = indicators[i.id]
            if out.status == "scored" and out.achievement is not None:  # out.scored, read without the property
                parts.append((f"indicator:{i.id}", out.achievement, i.weight))
        if 0 < empty < declared:
            self.mixed_weights(oid, inds, kids)
        for k in kids:
            v = self.objective(k.id)
            if v is not None:
                parts.append((f"objective:{k.id}", v, k.weight))
        if not parts:
            self.not_scored[f"objective:{oid}"] = "nessun indicatore attivo e misurato (non valutato)"
            return None
        value = self.achieve_objective(obj, parts, self.trace)
        value = r4(value) if value is not None else None
        self.objectives[oid] = value
        key = f"objective:{oid}"
        inputs = tuple([Input(part_name(k, w), v, k) for k, v, w in parts])
        # trace.record(key, value, MEAN, SOURCE_AGGREGATION, inputs=inputs, label=…) unless the plugin's achiever
        # recorded the key itself, in one look-up (as in measure)
        self.trace.figures.setdefault(
            key,
            figure(key, value, MEAN, SOURCE_AGGREGATION, inputs, f"Obiettivo {oid} — {obj.title}", ""),
        )
        return value

    def mixed_weights(self, oid: str, inds, kids) -> None:
        """An objective whose indicators and contributing objectives are weighed together, some weights empty: the
        error is at the first empty weight (an indicator's row, else a contributing objective's) and names them all."""
        bare_inds = [i for i in inds if i.type != "monitor" and i.weight is None]
        bare_kids = [k for k in kids if k.weight is None]
        said = [
            f"{one if len(ids) == 1 else many} {listed(ids)}"
            for one, many, ids in (
                ("l'indicatore", "gli indicatori", [i.id for i in bare_inds]),
                ("l'obiettivo", "gli obiettivi", [k.id for k in bare_kids]),
            )
            if ids
        ]
        message = (
            f"obiettivo {oid}: pesi in parte vuoti e in parte indicati (senza peso {listed(said)}); gli indicatori e "
            "gli obiettivi che vi contribuiscono si pesano insieme: scrivi tutti i pesi o nessuno"
        )
        file, row = ("indicators", bare_inds[0].row) if bare_inds else ("objectives", bare_kids[0].row)
        self.problem("core.weights.mixed", message, file, row, "weight")

    # -- the rest -------------------------------------------------------------------------
    def mean(self, key: str, label: str, parts, formula=MEAN, source=SOURCE_AGGREGATION) -> Decimal | None:
        value = weighted_mean(parts)
        if value is None:
            self.not_scored[key] = "nulla di misurato"
            return None
        inputs = tuple([Input(part_name(k, w), v, k) for k, v, w in parts])
        self.trace.record(key, value, formula, source, inputs, label, "")  # record()
        return value

    def ref_value(self, ref: str) -> tuple[str, Decimal | None]:
        if ref in self.e.indicators:
            return f"indicator:{ref}", self.indicators[ref].achievement
        return f"objective:{ref}", self.objectives.get(ref)

    def cruscotto(self, owner: str) -> list[tuple[str, Decimal, Decimal | None]] | None:
        rows = list(self.e.assignments_of(owner))
        if not rows:
            return None
        if mixed_weights(a.weight for a in rows):
            self.problem(
                "core.weights.mixed",
                f"cruscotto di {owner}: pesi in parte vuoti e in parte indicati",
                "assignments",
                rows[0].row,
                "weight",
            )
        parts, seen = [], set()
        for a in rows:
            key, value = self.ref_value(a.ref)
            if value is not None and key not in seen:  # a ref listed twice is measured once
                seen.add(key)
                parts.append((key, value, a.weight))
        return parts

    def run(self) -> OrgPerformance:
        e = self.e
        for ind in e.indicators.values():
            self.indicators[ind.id] = self.indicator(ind)
        for oid in e.objectives:
            self.objective(oid)
        areas = self.areas()
        if e.areas:
            counted = [a for a in e.areas.values() if not a.separate]
            if mixed_weights(a.weight for a in counted):
                self.problem(
                    "core.weights.mixed",
                    "aree strategiche: pesi in parte vuoti e in parte indicati",
                    "areas",
                    counted[0].row,
                    "weight",
                )
            parts = [(f"area:{a.id}", v, a.weight) for a in counted if (v := areas[a.id]) is not None]
        else:
            tops = [o for o in e.objectives.values() if o.parent is None and o.kind != "individual"]
            parts = [(f"objective:{o.id}", v, o.weight) for o in tops if (v := self.objectives.get(o.id)) is not None]
        ente_value = self.mean("ente", f"Performance dell'ente — {e.name}", parts)
        units = self.units(ente_value)
        people = {}
        for p in e.people.values():
            if not p.is_dirigente:
                continue
            mine = self.cruscotto(p.id)
            if mine is None:
                owned = list(e.owned_by(p.id))
                mine = [
                    (f"objective:{o.id}", v, None) for o in owned if (v := self.objectives.get(o.id)) is not None
                ] or None
            if mine is None:
                highest = e.highest_headed(p.id)
                if highest is not None and (v := units.get(highest.id)) is not None:
                    mine = [(f"unit:{highest.id}", v, None)]
            people[p.id] = self.mean(f"person:{p.id}", f"Performance organizzativa di {p.name} ({p.role})", mine or [])
        return OrgPerformance(
            ente=ente_value,
            areas={k: v for k, v in areas.items() if not e.areas[k].separate},
            objectives=self.objectives,
            indicators=self.indicators,
            units=units,
            people=people,
            separate={k: v for k, v in areas.items() if e.areas[k].separate},
            not_scored=self.not_scored,
        )

    def areas(self) -> dict[str, Decimal | None]:
        """Each strategic area = weighted mean of its own objectives without a parent: an objective with a
        parent reaches its area only through that parent (rules/core.md §2), whatever its ``area`` cell says;
        an ``area`` cell that differs from the parent's is a warning."""
        e = self.e
        objectives = e.objectives
        by_area: dict[str, list] = {}
        for o in objectives.values():
            if o.kind == "individual" or not o.area:
                continue
            parent = objectives.get(o.parent) if o.parent else None
            if parent is None:
                by_area.setdefault(o.area, []).append(o)
            elif parent.area != o.area:
                self.trace.problem(
                    Problem(
                        rule="core.area.parent",
                        severity="warning",
                        source=SOURCE_AGGREGATION,
                        file=e.file_of("objectives"),
                        row=o.row,
                        column="area",
                        message=f"obiettivo {o.id}: area {o.area} diversa da quella del padre {parent.id} "
                        f"({parent.area or 'nessuna'}); conta nell'area solo attraverso il padre. "
                        "Correggi la colonna area o il padre",
                    )
                )
        areas: dict[str, Decimal | None] = {}
        for a in e.areas.values():
            objs = by_area.get(a.id, [])
            if mixed_weights(o.weight for o in objs):
                self.problem(
                    "core.weights.mixed",
                    f"area {a.id}: pesi degli obiettivi in parte vuoti",
                    "objectives",
                    objs[0].row,
                    "weight",
                )
            parts = [(f"objective:{o.id}", v, o.weight) for o in objs if (v := self.objectives.get(o.id)) is not None]
            areas[a.id] = self.mean(f"area:{a.id}", f"Area strategica {a.id} — {a.name}", parts)
        return areas

    def units(self, ente_value: Decimal | None) -> dict[str, Decimal | None]:
        """rules/core.md §2: a unit is its cruscotto, else the plain mean of the objectives it owns, else the plain
        mean of its child units that have an achievement (not an azienda_speciale: reported apart) — an area is what
        its services achieved; the root with none of these is the ente; only a unit with nothing below inherits its
        parent's achievement. Children are computed before their parents, inheritance goes top-down after."""
        e = self.e
        order = _top_down(e)
        kids: dict[str, list] = {}
        for u in order:
            if u.parent is not None:
                kids.setdefault(u.parent, []).append(u)
        units: dict[str, Decimal | None] = {}
        inheriting = []
        for u in reversed(order):  # every child before its parent
            if self.own_unit(u, units):
                continue
            key, label = f"unit:{u.id}", f"Unità {u.id} — {u.name}"
            below = [
                (f"unit:{c.id}", v, None)
                for c in kids.get(u.id, ())
                if c.kind != "azienda_speciale" and (v := units.get(c.id)) is not None
            ]
            if u.parent is None and ente_value is not None:
                units[u.id] = ente_value
                self.trace.record(
                    key,
                    ente_value,
                    "unità radice senza cruscotto né obiettivi propri: la performance dell'ente",
                    SOURCE_AGGREGATION,
                    label=label,
                    inputs=[Input("ente", ente_value, ref="ente")],
                )
            elif below:
                units[u.id] = self.mean(
                    key,
                    label,
                    below,
                    "media semplice delle unità sottostanti con un risultato (nessun cruscotto né obiettivo proprio)",
                )
            else:
                inheriting.append(u)
        for u in reversed(inheriting):  # parents before children: a chain of empty units inherits down
            self.inherit(u, units, ente_value)
        return {u.id: units.get(u.id) for u in order}

    def own_unit(self, u, units: dict[str, Decimal | None]) -> bool:
        """The unit's own achievement — its cruscotto, else the objectives it owns — into ``units``; False if it has
        neither."""
        key, label = f"unit:{u.id}", f"Unità {u.id} — {u.name}"
        parts = self.cruscotto(u.id)
        if parts is not None:
            units[u.id] = self.mean(key, label, parts, "media ponderata degli elementi del cruscotto")
            return True
        owned = [o for o in self.e.owned_by(u.id) if o.kind != "individual"]
        if not owned:
            return False
        owned_parts: list[tuple[str, Decimal, Decimal | None]] = [
            (f"objective:{o.id}", v, None) for o in owned if (v := self.objectives.get(o.id)) is not None
        ]
        if owned_parts:
            units[u.id] = self.mean(
                key, label, owned_parts, "media semplice degli obiettivi di cui l'unità è responsabile"
            )
        else:
            units[u.id] = None
            self.not_scored[key] = "obiettivi dell'unità non valutati"
        return True

    def inherit(self, u, units: dict[str, Decimal | None], ente_value: Decimal | None) -> None:
        key, label = f"unit:{u.id}", f"Unità {u.id} — {u.name}"
        inherited = units.get(u.parent) if u.parent else ente_value
        source_key = f"unit:{u.parent}" if u.parent else "ente"
        units[u.id] = inherited
        if inherited is None:
            self.not_scored[key] = "nulla di misurato, né per l'unità né per chi la contiene"
            return
        self.trace.record(
            key,
            inherited,
            f"{INHERITED} (nessun cruscotto, obiettivo o unità sottostante misurata)",
            SOURCE_AGGREGATION,
            label=label,
            inputs=[Input(source_key, inherited, ref=source_key)],
        )


def _top_down(ente: Ente):
    """Units with every parent before its children (cycles were rejected at load)."""
    done: set[str] = set()
    out = []
    pending = list(ente.units.values())
    while pending:
        rest = []
        for u in pending:
            if u.parent is None or u.parent in done or u.parent not in ente.units:
                out.append(u)
                done.add(u.id)
            else:
                rest.append(u)
        if len(rest) == len(pending):  # pragma: no cover - a cycle slipped through
            out.extend(rest)
            break
        pending = rest
    return out


def compute(ente: Ente, trace: Trace, hooks, params: Params) -> OrgPerformance:
    return _Org(ente, trace, hooks, params).run()
