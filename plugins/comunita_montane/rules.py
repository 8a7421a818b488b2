"""The regulation of the Comunità Montane of the Province of Belluno (003_17a077a346f3b252.txt).

One regulation shared by several enti (art. 2.4–2.5, gestione associata); rules/comunita_montane.md
resolves its ambiguities. Every computation below cites its article; every figure is recorded in
the ``trace`` (keys ``score:<id>``, ``card:<id>``, ``score:<id>:status``, ``award:<id>``,
``award:<id>:bonus``, ``pool:<fund>:<ranking>[:<band>]``, ``differentiation:<evaluator>``,
``savings:*``) so ``ciclope explain`` can walk from a euro down to the input cells.

Pure helpers (no trace, no ente) come first, so tests and properties can call them directly:
:func:`band_targets`, :func:`assign_bands` (the tie-safe cut is :func:`ciclope.core.cut_without_ties`).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, cast

import attrs

from ciclope.core import (
    Award,
    CardInputs,
    Deadline,
    Ente,
    EvaluationItem,
    Input,
    OrgPerformance,
    Params,
    Person,
    Pool,
    Problem,
    Rewards,
    Score,
    Trace,
    fmt,
    hookimpl,
    money,
    scoring,
)

from .checks import MIN_SCORE, TOP_CAP, Band, Level, min_ratio, parse_bands, parse_levels, top_bands
from .schema import BONUS_INCOMPATIBLE

SEED = "003_17a077a346f3b252.txt"
ZERO = Decimal("0.00")
PEG_MIN = Decimal("0.70")  # art. 17.2 ultimo alinea: obiettivi PEG della struttura almeno al 70%
MIN_EQUAL_FLAG = 5  # rules §1: warn an evaluator whose ≥ 5 evaluations are all equal
PERFORMANCE_FUND = "performance_individuale"
RESULT_FUND = "risultato_po_dirigenti"
BONUS_FUND = "bonus_eccellenze"
SAVINGS_FUND = "savings"
PRIZE_FUND = "premi_innovazione"

# Statuses of the staff, in the order they are decided (rules/comunita_montane.md §2).
NON_VALUTABILE, ADEGUATA, NON_ADEGUATA, ESCLUSO_PEG, BANDED = (
    "non_valutabile",
    "adeguata",
    "non_adeguata",
    "escluso_peg",
    "banded",
)
NOT_EVALUATED = "not_evaluated"
STATUS_FORMULA = (
    "nell'ordine: assenze oltre il limite → non valutabile; insufficiente rendimento → non adeguata, qualunque "
    "sia il punteggio; punteggio < 70 → adeguata; obiettivi PEG della struttura < 70% → escluso; altrimenti in fascia"
)
STATUS_TEXT = {
    NON_VALUTABILE: "non valutabile: assenze nell'anno oltre il limite (art. 17.2 lett. b)",
    ADEGUATA: "prestazione adeguata: punteggio sotto il 70% del massimo (art. 17.2 lett. a)",
    NON_ADEGUATA: "prestazione non adeguata: insufficiente rendimento, qualunque sia il punteggio (art. 17.2 lett. c)",
    ESCLUSO_PEG: "escluso dal premio: obiettivi PEG della struttura raggiunti per meno del 70% (art. 17.2)",
    BANDED: "collocato in una fascia di merito (art. 17)",
    NOT_EVALUATED: "non valutato: nessuna scheda di valutazione",
}


def src(article: str) -> str:
    return f"{SEED} art. {article}"


STAFF_SCORE_SOURCE = f"{scoring.SOURCE_CARD}; {src('12.1')}"


# --- pure helpers -----------------------------------------------------------------------------------


def band_targets(n: int, bands: Sequence[Band], cap: int | None = None) -> list[int]:
    """Cumulative sizes ``c_k = floor(n × (staff_1 + … + staff_k))`` for every band but the last (art. 17.2).

    The last band takes the rest (``c_K = n``). ``cap`` (the 30% of the staff in service, art. 17.2)
    bounds the cumulative size of the first band (3 bands) or of the first two (4–5 bands).
    """
    out, cum = [], Fraction(0)
    for band in bands[:-1]:
        cum += band.staff
        out.append(math.floor(n * cum))
    out.append(n)
    if cap is not None:
        top = top_bands(len(bands))
        for k in range(top):
            out[k] = min(out[k], cap)
    return out


def assign_bands(ordered: Sequence[tuple[Any, ...]], targets: Sequence[int]) -> list[list[str]]:
    """Split people ordered by score (best first: ``(id, score, …)``) into bands at the cumulative ``targets``:
    consecutive runs of ``ordered``, lists of ids.

    Ties never straddle a boundary: a group of equal scores that would cross one goes entirely to
    the lower band, so an upper band never exceeds its (cumulative) share (rules §3).
    """
    n = len(ordered)
    bands: list[list[str]] = []
    start = 0
    for k, target in enumerate(targets):
        end = n if k == len(targets) - 1 else max(start, min(target, n))
        while start < end < n and ordered[end - 1][1] == ordered[end][1]:
            end -= 1
        bands.append([t[0] for t in ordered[start:end]])
        start = end
    return bands


def level_of(score: Decimal | None, insufficient: bool, levels: Sequence[Level]) -> str | None:
    """The level of a score (params ``levels`` from 70 up; «adeguata» below, art. 17.2); «non adeguata» for anyone
    declared of insufficient rendimento, whatever the score (art. 55-quater D.Lgs. 165/2001, rules §2)."""
    if score is None:
        return None
    if insufficient:
        return "non adeguata"
    if score < MIN_SCORE:
        return "adeguata"
    for lv in levels:
        if score >= lv.min:
            return lv.name
    return levels[-1].name if levels else None


def population_sd(values: Sequence[Decimal]) -> Decimal:
    m = sum(values, Decimal(0)) / len(values)
    return (sum(((v - m) ** 2 for v in values), Decimal(0)) / len(values)).sqrt()


def distinct_values(values: Sequence[Decimal]) -> int:
    """``len(set(values))``, counted on the values in order: a fresh Decimal's hash costs as much as a dozen
    comparisons (every card score of the ente was hashed into a set, three times; callgrind, the
    calculation 59.0 -> 57.9 M instructions per 300-person ente)."""
    ordered = sorted(values)
    count = 1 if ordered else 0
    for a, b in zip(ordered, ordered[1:]):
        if a != b:
            count += 1
    return count


def plain_money(x: Decimal) -> str:
    """An amount as results.json holds it (``1234.56``)."""
    return f"{money.r2(x):.2f}"


def money_it(x: Decimal) -> str:
    """An amount in a message for people (``1.234,56``)."""
    return fmt.decimal_it(money.r2(x), 2)


# --- the ente's structure ------------------------------------------------------------------------


def bands_of(params) -> tuple[Band, ...]:
    bands, _ = params.parsed("bands", parse_bands)  # once per ente; validated by ciclope_check_params
    return bands


def levels_of(params) -> tuple[Level, ...]:
    levels, _ = params.parsed("levels", parse_levels)
    return levels


def responsibility_unit(person, ente) -> str:
    """The «ambito organizzativo di diretta responsabilità» (art. 11.2 lett. a) of a dirigente or PO.

    The unit the person heads (``units.csv`` head): their own unit if they head it, else the first
    unit they head in file order; a person who heads no unit is measured on their own unit.
    """
    headed = [u.id for u in ente.headed_by(person.id)]
    if person.unit in headed or not headed:
        return person.unit
    return headed[0]


_EVALUATOR = operator.attrgetter("evaluator")


def evaluator_of(item, person) -> str | None:
    """Who gave an evaluation: ``evaluations.csv`` evaluator, else ``people.csv`` evaluator."""
    return item.evaluator or person.evaluator


@attrs.frozen
class Ranking:
    """A graduatoria (art. 12.2bis, 17.1): the whole ente or one structure of maximum size."""

    id: str
    label: str
    staff: tuple[str, ...]  # staff in service in its scope (people.csv, role dipendente), file order


def rankings(ente, params) -> list[Ranking]:
    """One ranking for the ente, or one per top-level unit (``ranking_scope = area``, art. 17.2)."""
    staff = ente.staff()
    if params["ranking_scope"] == "ente":
        return (
            [Ranking(id="ente", label=f"{ente.name} (tutto il personale)", staff=tuple(p.id for p in staff))]
            if staff
            else []
        )
    groups: dict[str, list[str]] = {}
    for p in staff:
        top = ente.top_unit_of(p.unit)
        groups.setdefault(top.id if top else p.unit, []).append(p.id)
    out = []
    for uid, ids in groups.items():
        unit = ente.units.get(uid)
        out.append(Ranking(id=uid, label=unit.name if unit else uid, staff=tuple(ids)))
    return out


# --- a. pianificazione: checks on the input ---------------------------------------------------------


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    problems = single_evaluator(ente, params)
    innovation = ente.file_of("innovation")
    for row in ente.table("innovation"):
        if row["person"] not in ente.people:
            problems.append(
                Problem(
                    rule="comunita_montane.innovation.person",
                    source=src("18.4, 19"),
                    file=innovation,
                    row=row.row,
                    column="person",
                    message=f"persona {row['person']!r} inesistente in people.csv",
                )
            )
    return problems


def single_evaluator(ente, params) -> list[Problem]:
    """Art. 12.2bis «unicità del soggetto valutatore per ogni graduatoria»: one evaluator per ranking."""
    problems = []
    cards = ente.cards_view()
    people = ente.people
    for rk in rankings(ente, params):
        # the ranking's evaluators as in Rewards.ranking (map() over each card, in C): one or none is the rule kept,
        # and nothing is counted (an item-by-item loop over every card of the ente)
        distinct: set[str | None] = set()  # every `who` below
        for pid in rk.staff:
            items = cards.get(pid)
            if items:
                got = set(map(_EVALUATOR, items))
                if None in got or "" in got:  # an item without its own evaluator: the person's
                    got.discard(None)
                    got.discard("")
                    got.add(people[pid].evaluator)
                distinct |= got
        distinct.discard(None)
        if len(distinct) <= 1:
            continue
        seen: dict[str, int] = {}
        first_other = None
        for pid in rk.staff:
            own = ente.people[pid].evaluator
            for item in cards.get(pid, ()):
                who = item.evaluator or own  # evaluator_of(item, person)
                if who is None:
                    continue
                if seen and who not in seen and first_other is None:
                    first_other = item
                seen[who] = seen.get(who, 0) + 1
        if len(seen) > 1:
            listing = ", ".join(f"{who} ({n} voci)" for who, n in seen.items())
            problems.append(
                Problem(
                    rule="comunita_montane.ranking.single_evaluator",
                    source=src("12.2bis"),
                    file=ente.file_of("evaluations"),
                    row=first_other.row if first_other else None,
                    column="evaluator",
                    message=f"graduatoria «{rk.label}»: le valutazioni sono di valutatori diversi ({listing}); il "
                    "regolamento richiede un unico soggetto valutatore per ogni graduatoria"
                    + (
                        "; se ogni struttura ha il suo valutatore, usa una graduatoria per struttura: "
                        '[ente.params] ranking_scope = "area"'
                        if params["ranking_scope"] == "ente"
                        else ""
                    ),
                )
            )
    return problems


# --- d. valutazione: individual score -------------------------------------------------------------


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    """Staff: the card (art. 12). Dirigenti and PO: unit item + card (art. 11.2), see rules §1."""
    levels = levels_of(params)
    if not card:
        return Score(person=person.id, score=None, status=NOT_EVALUATED, breakdown={})
    if person.is_staff:
        score, formula = scoring.card_score_and_formula(card)
        if score is None:  # every weight 0: nothing to score (rules/core.md §3)
            return Score(person=person.id, score=None, status=NOT_EVALUATED, breakdown={})
        level = level_of(score, person.insufficient, levels)
        trace.record(
            f"score:{person.id}",
            score,
            formula,
            STAFF_SCORE_SOURCE,
            label=f"Punteggio di {person.name}",
            inputs=CardInputs(card),
            note=f"livello: {level}",
        )
        return Score(person=person.id, score=score, level=level, status="evaluated", breakdown={"scheda": score})
    card_value = scoring.card_part(person, card, trace)
    if card_value is None:
        return Score(person=person.id, score=None, status=NOT_EVALUATED, breakdown={})
    weight = Decimal(params["unit_item_weight"])
    unit_id = responsibility_unit(person, ente)
    unit_value = org.unit(unit_id) if org is not None else None
    if unit_value is None:
        trace.problem(
            Problem(
                rule="comunita_montane.score.unit_not_scored",
                severity="warning",
                source=src("11.2 lett. a"),
                file=ente.file_of("people"),
                row=person.row,
                column="unit",
                message=f"{person.id}: l'unità {unit_id} di cui è responsabile non ha un raggiungimento misurato; "
                "punteggio calcolato sulla sola scheda",
            )
        )
        score = card_value
        trace.record(
            f"score:{person.id}",
            score,
            "punteggio della scheda (unità di responsabilità non misurata)",
            src("11.2"),
            label=f"Punteggio di {person.name}",
            inputs=[Input("scheda", card_value, ref=f"card:{person.id}")],
        )
        breakdown = {"scheda": card_value, "unita": None, "peso_unita": weight}
    else:
        rest = Decimal(100) - weight
        score = money.r2(weight * unit_value + rest * card_value / 100)
        trace.record(
            f"score:{person.id}",
            score,
            f"{weight} × raggiungimento dell'unità {unit_id} + {rest} × punteggio della scheda / 100",
            src("11.2 lett. a–d"),
            label=f"Punteggio di {person.name}",
            inputs=[
                Input(f"raggiungimento dell'unità {unit_id} (lett. a)", unit_value, ref=f"unit:{unit_id}"),
                Input("peso della voce unità (unit_item_weight)", weight),
                Input(
                    "scheda: obiettivi individuali, contributo e competenze, differenziazione (lett. b–d)",
                    card_value,
                    ref=f"card:{person.id}",
                ),
            ],
            note=f"livello: {level_of(score, person.insufficient, levels)}",
        )
        breakdown = {"scheda": card_value, "unita": unit_value, "peso_unita": weight}
    level = level_of(score, person.insufficient, levels)
    if scoring.po_needs_contraddittorio(ente, person, score, MIN_SCORE):
        trace.problem(
            Problem(
                rule="comunita_montane.po.contraddittorio",
                severity="warning",
                source="rules/core.md §5",
                file=ente.file_of("people"),
                row=person.row,
                column="id",
                message=f"{person.id}: valutazione negativa di un titolare di PO (punteggio {fmt.decimal_it(score)} < 70) senza "
                "contraddittorio registrato in appeals.csv: non può essere definitiva",
            )
        )
    return Score(person=person.id, score=score, level=level, status="evaluated", breakdown=breakdown)


# --- e. premialità ----------------------------------------------------------------------------------


def staff_status(person, score: Score | None, org, limit: Decimal) -> tuple[str, str]:
    """(status, why) of a staff member, the first rule that applies (rules §2, art. 17.2)."""
    # numbers written with !s: the same text as a Decimal's format(…, ""), in a fifth of its time (asked
    # for every dipendente; tests/test_scoring.py checks str against format for every kind of number)
    if person.absence_days > limit:
        return NON_VALUTABILE, f"assenze {person.absence_days!s} giorni > {limit!s}"
    if person.insufficient:  # never paid, never a candidate for a progressione, whatever the score (rules §2)
        return NON_ADEGUATA, "dichiarato di insufficiente rendimento"
    if score is None or score.score is None:
        return NOT_EVALUATED, "nessuna scheda di valutazione"
    if score.score < MIN_SCORE:
        return ADEGUATA, f"punteggio {fmt.decimal_it(score.score)} < 70"
    unit_value = org.unit(person.unit) if org is not None else None
    if unit_value is None:
        return ESCLUSO_PEG, f"obiettivi dell'unità {person.unit} non misurati"
    if unit_value < PEG_MIN:
        return ESCLUSO_PEG, f"obiettivi dell'unità {person.unit} raggiunti al {fmt.pct(unit_value)} < 70%"
    return BANDED, f"punteggio {fmt.decimal_it(score.score)} ≥ 70, obiettivi dell'unità al {fmt.pct(unit_value)} ≥ 70%"


def cap_redistribution(parts, weights, caps, fund: Decimal) -> dict[str, tuple]:
    """When caps bind (CCNL 1999 range), the split is not fund × weight / Σ weights: the capped people take their
    cap and the rest of the fund is split among the others. For each uncapped person, the two inputs that let a
    reader recompute their amount: the fund left after the caps and the Σ weights of the uncapped."""
    capped = {
        pid for pid, amount in parts.items() if pid in caps and amount == money.floor2(caps[pid]) and amount < fund
    }
    if not capped:
        return {}
    # the exact split: capped_split fixes the capped shares and splits the rest exactly among the others
    left = fund - sum((parts[pid] for pid in capped), Decimal(0))
    free = sum((w for pid, w in weights.items() if pid not in capped), Decimal(0))
    shared = (
        Input("fondo dopo i tetti raggiunti da " + ", ".join(sorted(capped)), left),
        Input("Σ pesi di chi non è al tetto", free),
    )
    return {pid: shared for pid in parts if pid not in capped}


def freed_note(freed: dict, pid: str, parts, caps) -> str:
    if pid in freed:
        return (
            "importo = fondo dopo i tetti × peso / Σ pesi di chi non è al tetto (quanto i tetti liberano va agli altri)"
        )
    if freed and pid in caps and parts[pid] == money.floor2(caps[pid]):
        return "al tetto: riceve il tetto, il resto del suo quoziente va agli altri"
    return ""


class _Rewards:
    """Phase e for one ente: statuses, rankings and bands, money, bonus, progressioni, savings."""

    def __init__(self, ente, scores, pools, params, org, trace):
        self.e, self.scores, self.params, self.org, self.trace = ente, scores, params, org, trace
        self.in_pools = dict(pools)
        self.bands = bands_of(params)
        self.levels = levels_of(params)
        self.awards: dict[str, Award] = {}
        self.out_pools: dict[str, Pool] = {}
        self.statuses: dict[str, str] = {}
        self.extra: dict[str, Any] = {}
        self.band_of: dict[str, int] = {}  # person → band index (0 = highest)
        self.ranked: list[tuple[str, Decimal, int]] = []  # (person, score, band index) of every graduatoria, in order
        # person → the input «punteggio» of their status, the same in their award (one object)
        self.score_input: dict[str, Input] = {}
        self.top_left = 0  # what is left of the ente's 30% cap (art. 17.2)
        self.cards = ente.cards_view()

    def problem(self, rule, message, source, severity="error", file="", row=None, column=""):
        self.trace.problem(
            Problem(
                rule=f"comunita_montane.{rule}",
                message=message,
                source=source,
                severity=severity,
                file=file,
                row=row,
                column=column,
            )
        )

    def run(self) -> Rewards:
        self.statuses_of_staff()
        self.merit_bands()
        self.result_pay()
        self.bonus()
        self.prizes()
        self.progressions()
        self.savings()
        self.differentiation()
        self.transparency()
        for name, pool in self.in_pools.items():  # funds this regulation does not distribute: whole residual
            if name not in self.out_pools and name != SAVINGS_FUND:
                self.out_pools[name] = pool
        ordered = {k: self.out_pools[k] for k in self.in_pools if k in self.out_pools}
        ordered.update((k, v) for k, v in self.out_pools.items() if k not in ordered)
        return Rewards(pools=ordered, awards=self.awards, statuses=self.statuses, extra=self.extra)

    # -- statuses (art. 17.2) ---------------------------------------------------------------
    def statuses_of_staff(self) -> None:
        limit = Decimal(self.params["absence_limit_days"])
        counts: dict[str, int] = {}
        source = src("17.2")
        # inputs that are the same for many people are one object each (~1,400 inputs per 300 people)
        limit_input = Input("limite di assenza (absence_limit_days)", limit)
        unit_inputs: dict[str, Input] = {}
        org = self.org
        staff = self.e.staff()
        ids = [p.id for p in staff]
        # the staff's statuses, score inputs and figures in lists beside them, made tables at the end in one pass
        # each (Trace.add): at 30,000 people a look-up or an insert per person in tables of the whole ente, between
        # each person's other work, cost twice as much per person as at 3,000 (15.7× → 11.3×)
        status_of: list[str] = []
        score_inputs: list[Input] = []
        for p, pid, score in zip(staff, ids, [self.scores.get(k) for k in ids]):
            row = p.row
            status, why = staff_status(p, score, org, limit)
            status_of.append(status)
            counts[status] = counts.get(status, 0) + 1
            unit_input = unit_inputs.get(p.unit)
            if unit_input is None:
                unit_input = unit_inputs[p.unit] = Input(
                    f"raggiungimento dell'unità {p.unit}",
                    org.unit(p.unit) if org else None,
                    ref=f"unit:{p.unit}",
                )
            score_input = Input("punteggio", None if score is None else score.score, ref=f"score:{pid}")
            score_inputs.append(score_input)
            self.trace.record(
                f"score:{pid}:status",
                status,
                STATUS_FORMULA,
                source,
                (
                    Input("giorni di assenza", p.absence_days, cell=self.e.cell("people", row, "absence_days")),
                    limit_input,
                    score_input,
                    Input("insufficiente rendimento", p.insufficient, cell=self.e.cell("people", row, "insufficient")),
                    unit_input,
                ),
                f"Esito di {p.name}: {STATUS_TEXT[status]}",
                why,
            )
        self.statuses.update(zip(ids, status_of))
        self.score_input.update(zip(ids, score_inputs))
        self.extra["statuses"] = {k: counts[k] for k in sorted(counts)}

    # -- merit bands (art. 17) --------------------------------------------------------------
    def merit_bands(self) -> None:
        fund = self.in_pools.get(PERFORMANCE_FUND)
        if fund is None:
            self.problem(
                "funds.performance_missing",
                f"manca [funds] {PERFORMANCE_FUND} in ente.toml: fasce calcolate senza importi",
                src("17"),
                severity="warning",
                file="ente.toml",
                column=f"funds.{PERFORMANCE_FUND}",
            )
            fund = Pool(name=PERFORMANCE_FUND, amount=ZERO, source="ente.toml [funds] (assente)")
        ranks = rankings(self.e, self.params)
        scope = self.params["ranking_scope"]
        fund_key = f"pool:{PERFORMANCE_FUND}"
        if scope == "area" and ranks:
            shares = money.split(fund.amount, {rk.id: Decimal(len(rk.staff)) for rk in ranks})
            for rk in ranks:
                self.trace.record(
                    f"{fund_key}:{rk.id}",
                    shares[rk.id],
                    "fondo × personale assegnato alla struttura / personale dell'ente (resti al centesimo col "
                    "metodo dei resti più alti)",
                    src("17.2 primo alinea"),
                    label=f"Fondo della graduatoria {rk.label}",
                    inputs=[
                        Input("fondo", fund.amount, ref=fund_key),
                        Input("personale della struttura", len(rk.staff)),
                        Input("personale dell'ente", sum(len(r.staff) for r in ranks)),
                    ],
                )
        else:
            shares = {rk.id: fund.amount for rk in ranks}
        staff_total = len(self.e.staff())
        # art. 17.2: the first band(s) hold at most 30% of the ente's staff in service — with one ranking per
        # area the 30% is counted on the whole ente, across the areas' rankings (rules §3)
        self.top_left = math.floor(TOP_CAP * staff_total)
        distributed = Decimal(0)
        details: dict[str, Any] = {}
        band_totals = {b.name: 0 for b in self.bands}
        for rk in ranks:
            pool_key = f"{fund_key}:{rk.id}" if scope == "area" else fund_key
            details[rk.id], given = self.ranking(rk, shares[rk.id], pool_key)
            distributed += given
            if scope == "area":
                paid = sum(info["count"] for info in details[rk.id]["bands"].values())
                self.concentration(rk, paid, given)
            for name, info in details[rk.id]["bands"].items():
                band_totals[name] += info["count"]
        label = fund.label or "Premi annuali sui risultati della performance (art. 17)"
        self.out_pools[PERFORMANCE_FUND] = attrs.evolve(fund, label=label).with_distributed(distributed)
        self.extra["ranking_scope"] = scope
        self.extra["staff_in_service"] = staff_total
        self.extra["rankings"] = details
        self.extra["bands"] = band_totals

    def concentration(self, rk: Ranking, paid: int, given: Decimal) -> None:
        """With one ranking per area the pool follows the area's staff, but only its banded people are paid: a warning
        when they are fewer than ``area_concentration_share`` of the staff the pool was counted on (a few people
        taking the whole area's share is a reading the conferenza should see, art. 17.2)."""
        share = Decimal(self.params["area_concentration_share"])
        staff = len(rk.staff)
        if paid == 0 or staff == 0 or paid >= share * staff:
            return
        self.problem(
            "ranking.concentration",
            f"graduatoria {rk.label}: il fondo della struttura ({money_it(given)} €, calcolato su {staff} dipendenti) "
            f"va ai soli {paid} su {staff} in fascia, meno del {share:.0%} del personale: "
            f"{money_it(money.r2(given / paid))} € a testa in media. "
            "Con ranking_scope = \"ente\" una sola graduatoria distribuirebbe sull'intero ente",
            src("17.2 primo alinea"),
            severity="warning",
            file="ente.toml",
            column=f"funds.{PERFORMANCE_FUND}",
        )

    def ranking(self, rk: Ranking, amount: Decimal, pool_key: str) -> tuple[dict, Decimal]:
        # the statuses and scores of the graduatoria's staff read beside them, in people.csv order (a
        # look-up per person in two tables of the whole ente)
        staff = rk.staff
        statuses, scores = [self.statuses.get(k) for k in staff], [self.scores.get(k) for k in staff]
        # (id, score, person, score input) of each banded person, read beside the staff and carried through the
        # sort: the passes in graduatoria order below read them from here, not from tables of the whole ente
        banded = scoring.by_score(
            cast(  # a banded person has a score (staff_status), a row of people.csv and a score input
                "list[tuple[str, Decimal, Person, Input]]",
                [
                    (pid, s.score, person, score_input)
                    for pid, status, s, person, score_input in zip(
                        staff,
                        statuses,
                        scores,
                        [self.e.people.get(k) for k in staff],
                        [self.score_input.get(k) for k in staff],
                    )
                    if status == BANDED and s is not None
                ],
            )
        )
        n = len(banded)
        cap = self.top_left  # art. 17.2: what is left of the ente's 30%
        targets = band_targets(n, self.bands, cap)
        groups = assign_bands(banded, targets)
        self.top_left -= sum(len(g) for g in groups[: top_bands(len(self.bands))])
        position = {t[0]: i + 1 for i, t in enumerate(banded)}
        self.trace.record(
            f"ranking:{rk.id}",
            n,
            "persone collocate in fascia; dimensioni cumulative c_k = ⌊n × (quote di personale "
            "delle fasce 1..k)⌋, l'ultima fascia prende il resto; i pari merito a cavallo di un confine scendono "
            "nella fascia inferiore; le prime fasce non superano il 30% del personale in servizio",
            src("17.2"),
            label=f"Graduatoria {rk.label}",
            inputs=[Input(f"dimensione cumulativa fino alla fascia {b.name}", t) for b, t in zip(self.bands, targets)]
            + [
                Input("tetto del 30% del personale in servizio dell'ente (ancora disponibile)", cap),
                Input("personale in servizio della graduatoria", len(rk.staff)),
            ],
        )
        mode = self.params["band_money"]
        info: dict[str, Any] = {
            "label": rk.label,
            "staff_in_service": len(rk.staff),
            "banded": n,
            "pool": plain_money(amount),
            "top_cap": cap,
            "targets": targets,
            "band_money": mode,
            "bands": {},
        }
        # evaluator_of(item, person) of every item: the items' own evaluators taken in C (map), the person's read
        # only for a card with an item without one (was a generator over every item of every card)
        evaluators: set[str | None] = set()
        people = self.e.people
        for pid, items in zip(rk.staff, [self.cards.get(k) for k in rk.staff]):
            if items:
                got = set(map(_EVALUATOR, items))
                evaluators |= got
                if None in got or "" in got:
                    evaluators.add(people[pid].evaluator)
        evaluators.discard(None)
        evaluators.discard("")
        info["evaluators"] = sorted(evaluators)
        # each banded person's record read once, in graduatoria order: the passes below read the same people in
        # the same order, and at 30,000 people each look-up in that order is a cache miss
        band_people, start = [], 0
        for members in groups:  # the bands are consecutive runs of the graduatoria (assign_bands)
            band_people.append([t[2] for t in banded[start : start + len(members)]])
            start += len(members)
        # leftover cents by rank (the position in the graduatoria), then id (core §4)
        if mode == "band_pool":
            parts, band_pools, formula = self.band_pool_money(rk, amount, pool_key, groups, band_people, position)
        else:
            parts, band_pools, formula = self.per_capita_money(amount, groups, band_people, position)
        given_total = Decimal(0)
        source = src("17.2")
        # the inputs of the ranking and of each band are one object for all its people
        fund_input = Input("fondo della graduatoria", amount, ref=pool_key)
        # in graduatoria order: each banded person's amount read beside them (parts is in that order), their
        # band, award and figures kept in lists and added to the ente's tables at the end (Trace.add)
        pids = [t[0] for t in banded]
        amounts = cast("list[Decimal]", [parts.get(k) for k in pids])  # every banded person has a part
        # the split's denominator, so the award can be recomputed by hand: Σ (resources/staff of the band × fte)
        total_weight = sum(
            (
                Fraction(b.resources) / Fraction(b.staff) * Fraction(p.fte)
                for b, ps in zip(self.bands, band_people)
                for p in ps
            ),
            Fraction(0),
        )
        weights_input = Input(
            "Σ pesi dei collocati in fascia (peso pro capite della fascia × fte)",
            (Decimal(total_weight.numerator) / Decimal(total_weight.denominator)).quantize(Decimal("0.000001")),
        )
        band_index: list[int] = []
        made: list[Award] = []
        start = 0
        for k, (band, members) in enumerate(zip(self.bands, groups)):
            band_key = f"pool:{PERFORMANCE_FUND}:{rk.id}:{band.name}"
            band_pool = band_pools[k]
            fte_sum = sum((person.fte for person in band_people[k]), Decimal(0))
            fte_input = Input("Σ fte della fascia", fte_sum)
            self.trace.record(
                band_key,
                band_pool,
                formula["band"],
                source,
                label=f"Fondo della fascia {band.name} — {rk.label}",
                inputs=(
                    fund_input,
                    Input("quota di personale della fascia", band.staff_text),
                    Input("quota di risorse della fascia", band.resources_text),
                    Input("persone nella fascia", len(members)),
                    fte_input,
                ),
                note="fascia vuota" + (": l'intero importo resta come residuo" if mode == "band_pool" else "")
                if not members
                else "",
            )
            band_input = Input(f"fondo della fascia {band.name}", band_pool, ref=band_key)
            ratio_input = Input(
                "peso pro capite della fascia (quota di risorse / quota di personale)",
                money.r4(band.resources_text / band.staff_text),
            )
            award_formula = formula["award"].format(band=band.name)
            name = band.name
            end = start + len(members)
            for i in range(start, end):
                pid, _, person, score_input = banded[i]
                paid = amounts[i]
                band_index.append(k)
                made.append(Award(person=pid, amount=paid, pool=PERFORMANCE_FUND, band=name))
                self.trace.record(
                    f"award:{pid}",
                    paid,
                    award_formula,
                    source,
                    (
                        fund_input,
                        band_input,
                        ratio_input,
                        Input("tempo lavorato (fte)", person.fte, cell=self.e.cell("people", person.row, "fte")),
                        fte_input,
                        *((weights_input,) if mode != "band_pool" else ()),
                        # «punteggio»: the banded person's score, the very input object of their status
                        score_input,
                        Input("esito", BANDED, ref=f"score:{pid}:status"),
                    ),
                    f"Premio di {person.name} (fascia {name})",
                    f"graduatoria {rk.label}: posizione {i + 1} su {n}",  # = position[pid]
                )
            given = sum(amounts[start:end], Decimal(0))
            start = end
            given_total += given
            info["bands"][band.name] = {
                "count": len(members),
                "people": members,
                "staff_share": band.staff_text,
                "resources_share": band.resources_text,
                "pool": plain_money(band_pool),
                "distributed": plain_money(given),
                "residual": plain_money(band_pool - given),
                "per_capita": plain_money(given / len(members)) if members else None,
            }
        self.band_of.update(zip(pids, band_index))
        self.awards.update(zip(pids, made))
        self.ranked.extend(zip(pids, (t[1] for t in banded), band_index))
        return info, given_total

    def per_capita_money(
        self,
        amount: Decimal,
        groups: Sequence[Sequence[str]],
        band_people: Sequence[Sequence[Person]],
        rank: dict[str, int],
    ) -> tuple[dict[str, Decimal], list[Decimal], dict[str, str]]:
        """One split of the ranking's pool by ``resources_k / staff_k × fte`` (rules §3, revised rule).

        The per-capita ratio between bands is then the configured one on what people are paid; the
        band "pools" are what each band actually received.
        """
        # exact weights; one Fraction per band and fte (people share a few ftes), not three per person
        weights: dict[str, Fraction] = {}
        for band, members, persons in zip(self.bands, groups, band_people):
            ratio = band.resources / band.staff
            by_fte: dict[Decimal, Fraction] = {}
            for pid, person in zip(members, persons):
                fte = person.fte
                weight = by_fte.get(fte)
                if weight is None:
                    weight = by_fte[fte] = ratio * Fraction(fte)
                weights[pid] = weight
        parts = money.split(amount, weights, rank=rank)
        band_pools = [sum((parts[pid] for pid in members), Decimal(0)) for members in groups]
        formula = {
            "band": "somma dei premi della fascia: il fondo della graduatoria è ripartito tra tutti i collocati in "
            "fascia con peso (quota di risorse / quota di personale della fascia) × fte",
            "award": "fondo della graduatoria × peso / Σ pesi dei collocati in fascia, con peso = (quota di risorse / "
            "quota di personale della fascia {band}) × fte (resti al centesimo ai più alti, a parità per "
            "posizione in graduatoria)",
        }
        return parts, band_pools, formula

    def band_pool_money(
        self,
        rk: Ranking,
        amount: Decimal,
        pool_key: str,
        groups: Sequence[Sequence[str]],
        band_people: Sequence[Sequence[Person]],
        rank: dict[str, int],
    ) -> tuple[dict[str, Decimal], list[Decimal], dict[str, str]]:
        """Fixed band pools (``band_money = "band_pool"``): each band gets ``resources_k`` of the pool,
        split by fte; adjacent non-empty bands whose actual per-fte amounts break the art. 17.2 ratio
        or the order are an error (rules §3)."""
        pools = money.split(amount, {f"{k:02d}": b.resources for k, b in enumerate(self.bands)})
        band_pools = [pools[f"{k:02d}"] for k in range(len(self.bands))]
        parts: dict[str, Decimal] = {}
        per_fte: list[tuple[Band, Fraction]] = []
        for band, members, persons, pool in zip(self.bands, groups, band_people, band_pools):
            if not members:
                continue
            ftes = {pid: person.fte for pid, person in zip(members, persons)}
            parts.update(money.split(pool, ftes, rank=rank))
            per_fte.append((band, Fraction(pool) / Fraction(sum(ftes.values(), Decimal(0)))))
        need = min_ratio(len(self.bands))
        for (upper, a), (lower, b) in zip(per_fte, per_fte[1:]):
            if b > 0 and a / b < need:
                self.problem(
                    "bands.actual_ratio",
                    f"graduatoria {rk.label}: la fascia {upper.name} riceve € {money_it(Decimal(a.numerator) / a.denominator)} "
                    f"pro capite (per fte) e la fascia {lower.name} € {money_it(Decimal(b.numerator) / b.denominator)}: "
                    f"rapporto {fmt.decimal_it(float(a / b), 2)} : 1, sotto il minimo {fmt.decimal_it(float(need))} : 1 dell'art. 17.2 "
                    "(pari merito e graduatorie piccole cambiano le fasce reali); usa band_money = "
                    "\"per_capita\" o rivedi le quote",
                    src("17.2"),
                    column="params.band_money",
                )
        formula = {
            "band": "fondo della graduatoria × quota di risorse della fascia (resti al centesimo col metodo dei resti "
            "più alti)",
            "award": "fondo della fascia {band} × fte / Σ fte della fascia (resti al centesimo ai più alti, a parità "
            "per posizione in graduatoria)",
        }
        return parts, band_pools, formula

    # -- retribuzione di risultato (art. 21) ------------------------------------------------
    def result_pay(self) -> None:
        """Art. 21 (rules §2): the pool split in proportion to ``position_pay × score`` among dirigenti and PO
        with score ≥ 70 and (``peg_rule_for_po``) a unit at ≥ 70% of its PEG objectives (art. 17.2); each
        capped at ``po_result_max_share × position_pay`` ("entro i limiti … del CCNL", art. 21.1), what a cap
        frees going to the others, the rest residual; a positive pay below ``po_result_min_share ×
        position_pay`` is a warning."""
        fund = self.in_pools.get(RESULT_FUND)
        if fund is None:
            return
        # the CCNL in force in the year (art. 21.1): before 21.5.2018 a per-person range for PO (never for the
        # Segretario and dirigenti, who have their own contracts); from then none, only the ente's 15% quota
        per_person = self.params["po_result_limits"] == "ccnl_1999"
        max_share, min_share = Decimal(self.params["po_result_max_share"]), Decimal(self.params["po_result_min_share"])
        peg_rule = self.params["peg_rule_for_po"]
        weights: dict[str, Decimal] = {}
        caps: dict[str, Decimal] = {}
        inputs = {}
        excluded: dict[str, str] = {}
        for p in self.e.people.values():
            if not (p.is_po or p.is_dirigente):
                continue
            s = self.scores.get(p.id)
            if s is None or s.score is None or s.score < MIN_SCORE:
                continue
            if p.insufficient:
                excluded[p.id] = "dichiarato di insufficiente rendimento (art. 17.2 lett. c)"
                self.trace.record(
                    f"award:{p.id}",
                    ZERO,
                    "nessuna retribuzione di risultato: dichiarato di insufficiente rendimento, qualunque sia il "
                    "punteggio",
                    src("17.2 lett. c, 21"),
                    label=f"Retribuzione di risultato di {p.name}",
                    inputs=[Input("insufficiente rendimento", True, cell=self.e.cell("people", p.row, "insufficient"))],
                )
                continue
            # the PEG objectives of the structure they are responsible for: the unit they head, the same unit that
            # enters their score as (a); their people.csv unit only when they head none (rules §2)
            unit = responsibility_unit(p, self.e)
            unit_value = self.org.unit(unit) if self.org else None
            if peg_rule and (unit_value is None or unit_value < PEG_MIN):
                excluded[p.id] = f"obiettivi PEG dell'unità {unit} al {unit_value} < 0.70 (art. 17.2)"
                self.trace.record(
                    f"award:{p.id}",
                    ZERO,
                    "nessuna retribuzione di risultato: la valutazione positiva "
                    "non è abbinata al raggiungimento di almeno il 70% degli obiettivi PEG della struttura",
                    src("17.2, 21"),
                    label=f"Retribuzione di risultato di {p.name}",
                    inputs=[
                        Input(f"raggiungimento dell'unità diretta {unit}", unit_value, ref=f"unit:{unit}"),
                        Input("regola del 70% anche per dirigenti e PO (peg_rule_for_po)", peg_rule),
                    ],
                )
                continue
            pay = p.extra.get("position_pay")
            if pay is None:
                self.problem(
                    "result.position_pay",
                    f"{p.id}: manca la retribuzione di posizione (position_pay), necessaria per ripartire "
                    f"il fondo {RESULT_FUND}",
                    src("21"),
                    file=self.e.file_of("people"),
                    row=p.row,
                    column="position_pay",
                )
                continue
            weights[p.id] = pay * s.score
            caps[p.id] = money.floor2(max_share * pay) if per_person and p.is_po else fund.amount
            inputs[p.id] = (pay, s.score)
        rank = {pid: -inputs[pid][1] for pid in weights}  # core §4: leftover cents by rank, then id
        parts = money.capped_split(fund.amount, weights, caps, rank=rank)
        total = sum(weights.values(), Decimal(0))
        # the inputs every paid person shares are one object each
        fund_input = Input("fondo retribuzione di risultato", fund.amount, ref=f"pool:{RESULT_FUND}")
        total_input = Input("Σ pesi", total)
        freed = cap_redistribution(parts, weights, caps, fund.amount)
        for pid, amount in parts.items():
            p = self.e.people[pid]
            pay, score = inputs[pid]
            self.awards[pid] = Award(person=pid, amount=amount, pool=RESULT_FUND)
            self.trace.record(
                f"award:{pid}",
                amount,
                "fondo × (retribuzione di posizione × punteggio) / Σ (retribuzione di posizione × "
                "punteggio) di dirigenti e PO con punteggio ≥ 70 e unità ≥ 70%"
                + (
                    ", ciascuna PO al massimo quota massima × retribuzione di posizione (CCNL 31.3.1999 art. 10 c. 3: "
                    "quanto un tetto libera va agli altri; resti al centesimo ai più alti)"
                    if per_person
                    else " (CCNL 21.5.2018 art. 15 c. 4: nessun limite per persona; resti al centesimo ai più alti)"
                ),
                src("21, 21.1"),
                label=f"Retribuzione di risultato di {p.name}",
                inputs=[
                    fund_input,
                    Input("retribuzione di posizione", pay, cell=self.e.cell("people", p.row, "position_pay")),
                    Input("punteggio", score, ref=f"score:{pid}"),
                    total_input,
                    *([Input("tetto (po_result_max_share × posizione)", caps[pid])] if per_person and p.is_po else []),
                    *freed.get(pid, ()),
                ],
                note=freed_note(freed, pid, parts, caps),
            )
            if per_person and p.is_po and 0 < amount < min_share * pay:
                self.problem(
                    "result.below_minimum",
                    f"{pid}: retribuzione di risultato {money_it(amount)} € sotto il minimo "
                    f"{money_it(min_share * pay)} € (po_result_min_share × retribuzione di posizione, CCNL)",
                    src("21.1"),
                    severity="warning",
                    file=self.e.file_of("people"),
                    row=p.row,
                    column="position_pay",
                )
        if not per_person:
            self.po_quota(fund.amount)
        given = sum(parts.values(), Decimal(0))
        self.out_pools[RESULT_FUND] = attrs.evolve(
            fund, label=fund.label or "Retribuzione di risultato di dirigenti e PO (art. 21)"
        ).with_distributed(given)
        self.extra["result_pay"] = {
            "eligible": list(parts),
            "excluded": excluded,
            "pool": plain_money(fund.amount),
            "distributed": plain_money(given),
        }

    def po_quota(self, fund: Decimal) -> None:
        """CCNL 21.5.2018 art. 15 c. 4: the ente destines to PO result pay at least ``po_result_quota_min`` (15%) of
        all PO resources. The PO part of the fund = fund × Σ PO position_pay / Σ position_pay of everyone the fund
        pays (dirigenti, Segretario, PO with a position_pay); below the quota of (Σ PO pay + that part), a warning."""
        pays = {p.id: (p.is_po, v) for p in self.e.people.values() if (v := p.extra.get("position_pay")) is not None}
        everyone = sum((v for _, v in pays.values()), Decimal(0))
        po_pay = sum((v for is_po, v in pays.values() if is_po), Decimal(0))
        if not everyone or not po_pay:
            return
        part = fund * po_pay / everyone
        quota = Decimal(self.params["po_result_quota_min"])
        if part < quota * (po_pay + part):
            self.problem(
                "result.po_quota",
                f"la parte del fondo {RESULT_FUND} destinata alle PO ({money_it(money.r2(part))} €, in proporzione alle "
                f"retribuzioni di posizione) è meno del {quota:.0%} delle risorse delle PO (posizione "
                f"{money_it(po_pay)} € + risultato {money_it(money.r2(part))} €): il CCNL 21.5.2018 art. 15 c. 4 chiede almeno "
                "il 15% al risultato",
                "CCNL 21.5.2018 art. 15 c. 4; " + src("21.1"),
                severity="warning",
                file="ente.toml",
                column=f"funds.{RESULT_FUND}",
            )

    # -- bonus annuale delle eccellenze (art. 18) -------------------------------------------
    def bonus(self) -> None:
        fund = self.in_pools.get(BONUS_FUND)
        if fund is None:
            return
        label = "Bonus annuale delle eccellenze (art. 18)"
        detail: dict[str, Any] = {
            "pool": plain_money(fund.amount),
            "decided": None,
            "band_size": 0,
            "max_winners": 0,
            "winners": [],
            "paid": [],
            "withheld": {},
        }
        self.extra[BONUS_FUND] = []
        self.extra[f"{BONUS_FUND}_detail"] = detail
        self.out_pools[BONUS_FUND] = attrs.evolve(fund, label=fund.label or label, source=src("18"))
        if fund.amount <= 0:
            return
        decided = self.e.approvals.get("bonus_decided")
        detail["decided"] = decided if isinstance(decided, dt.date) else None
        if decided is None or decided is False:
            self.problem(
                "bonus.not_decided",
                f"[funds] {BONUS_FUND} indicato ma il bonus non risulta istituito ([approvals] bonus_decided): "
                "fondo non assegnato",
                src("18.1"),
                severity="warning",
                file="ente.toml",
                column="approvals.bonus_decided",
            )
            return
        deadline = dt.date(self.e.year, 1, 31)  # "entro il mese di gennaio": a December decision is valid
        # the decision is annual: one taken before 1 February of the year before was for an earlier cycle
        earliest = dt.date(self.e.year - 1, 2, 1)
        if not isinstance(decided, dt.date) or not earliest <= decided <= deadline:
            self.problem(
                "bonus.decision_date",
                f"la decisione di istituire il bonus delle eccellenze ({decided}) è fuori dal periodo "
                f"{earliest.strftime('%d/%m/%Y')}–{deadline.strftime('%d/%m/%Y')}: bonus non assegnabile (va decisa "
                "entro il mese di gennaio dell'anno, e ogni anno: una decisione per un ciclo precedente non vale, "
                "art. 18.1); il fondo resta residuo",
                src("18.1"),
                file="ente.toml",
                column="approvals.bonus_decided",
            )
            return
        # the graduatorie's scores kept beside their people (self.ranked), not looked up again in graduatoria order
        top = scoring.by_score([(pid, score) for pid, score, k in self.ranked if k == 0])
        share = Decimal(self.params["bonus_share"])
        limit = math.floor(Fraction(share) * len(top))
        winners = scoring.cut_without_ties(top, limit)
        detail.update(band_size=len(top), max_winners=limit, winners=winners)
        parts = money.split(
            fund.amount, {pid: Decimal(1) for pid in winners}, rank={pid: -self.scores[pid].score for pid in winners}
        )  # core §4: by rank, then id
        innovation: dict[str, list] = {}
        for row in self.e.table("innovation"):
            innovation.setdefault(row["person"], []).append(row)
        paid = []
        for pid in winners:
            p = self.e.people[pid]
            rows = innovation.get(pid, [])
            # art. 18.4: only the innovation prize and alta formazione exclude the bonus (not efficienza, 19.3)
            rows = [r for r in rows if r["kind"] in BONUS_INCOMPATIBLE]
            conflict = [r for r in rows if not r.get("renounced_bonus", False)]
            renounced = [r for r in rows if r.get("renounced_bonus", False)]
            if conflict:
                r = conflict[0]
                self.problem(
                    "bonus.innovation_conflict",
                    f"{pid} vince il bonus delle eccellenze ma compare in innovation.csv ({r['kind']}) senza "
                    "rinunciare al bonus (renounced_bonus): il bonus non è pagato finché non sceglie",
                    src("18.4"),
                    file=self.e.file_of("innovation"),
                    row=r.row,
                    column="renounced_bonus",
                )
                detail["withheld"][pid] = "conflitto con premio per l'innovazione/alta formazione (art. 18.4)"
                continue
            if renounced:
                detail["withheld"][pid] = f"rinuncia al bonus per {renounced[0]['kind']} (art. 18.4)"
                r = renounced[0]
                self.trace.record(
                    f"award:{pid}:{BONUS_FUND}",
                    ZERO,
                    "vincitore del bonus che vi ha rinunciato per un premio incompatibile: nessun importo; la sua "
                    "quota resta nel fondo (residuo)",
                    src("18.4"),
                    label=f"Bonus delle eccellenze di {p.name} (rinunciato)",
                    inputs=[
                        Input(
                            f"rinuncia al bonus ({r['kind']})",
                            True,
                            cell=self.e.cell("innovation", r.row, "renounced_bonus"),
                        ),
                        Input("quota che sarebbe spettata", parts[pid]),
                    ],
                )
                continue
            paid.append(pid)
            self.awards[f"{pid}:{BONUS_FUND}"] = Award(
                person=pid, amount=parts[pid], pool=BONUS_FUND, band=self.bands[0].name
            )
            self.trace.record(
                f"award:{pid}:{BONUS_FUND}",
                parts[pid],
                "fondo del bonus diviso in parti uguali tra i vincitori: i migliori "
                f"punteggi della fascia {self.bands[0].name}, al massimo ⌊{share} × persone della fascia⌋, esclusi i "
                "pari merito al taglio",
                src("18.1–18.2"),
                label=f"Bonus delle eccellenze di {p.name}",
                inputs=[
                    Input("fondo del bonus", fund.amount, ref=f"pool:{BONUS_FUND}"),
                    Input("vincitori", len(winners)),
                    Input(f"persone nella fascia {self.bands[0].name}", len(top)),
                    Input("numero massimo di vincitori", limit),
                    Input("punteggio", self.scores[pid].score, ref=f"score:{pid}"),
                    Input("decisione di istituzione", decided, cell="ente.toml:approvals.bonus_decided"),
                ],
            )
        detail["paid"] = paid
        self.extra[BONUS_FUND] = paid
        given = sum((parts[pid] for pid in paid), Decimal(0))
        self.out_pools[BONUS_FUND] = self.out_pools[BONUS_FUND].with_distributed(given)

    # -- premi per l'innovazione e l'efficienza (art. 19, 26.2) --------------------------------
    def prizes(self) -> None:
        """Recorded, not computed: the OIV (innovation, 19.4) and the conferenza (efficiency, 19.5)
        choose the winners; ``innovation.csv`` ``amount`` is paid from ``[funds] premi_innovazione``;
        a total above the fund is an error (art. 19.1) and then nothing is paid. Alta formazione (art. 25) is a
        training path, not money: an amount on its row is an error and is never paid."""
        rows = []
        for r in self.e.table("innovation"):
            if r.get("amount") is None:
                continue
            if r["kind"] == "alta_formazione":
                self.problem(
                    "prizes.alta_formazione",
                    f"{r['person']}: l'alta formazione è un percorso formativo, non un premio in denaro: "
                    f"l'importo {money_it(r['amount'])} € non è pagato; lascia vuota la colonna amount",
                    src("18.4, 25"),
                    file=self.e.file_of("innovation"),
                    row=r.row,
                    column="amount",
                )
                continue
            rows.append(r)
        fund = self.in_pools.get(PRIZE_FUND)
        if not rows and fund is None:
            return
        label = "Premi per l'innovazione e l'efficienza (art. 19)"
        if fund is None:
            fund = Pool(name=PRIZE_FUND, amount=ZERO, source="ente.toml [funds] (assente)")
        total = sum((r["amount"] for r in rows), Decimal(0))
        self.out_pools[PRIZE_FUND] = attrs.evolve(fund, label=fund.label or label)
        self.extra[PRIZE_FUND] = {
            "pool": plain_money(fund.amount),
            "awarded": plain_money(total),
            "winners": [{"person": r["person"], "kind": r["kind"], "amount": plain_money(r["amount"])} for r in rows],
        }
        if total > fund.amount:
            self.problem(
                "prizes.over_fund",
                f"i premi indicati in innovation.csv ({money_it(total)} €) superano il fondo [funds] "
                f"{PRIZE_FUND} ({money_it(fund.amount)} €): nessun premio pagato; riduci gli importi o "
                "aumenta il fondo",
                src("19.1"),
                file=self.e.file_of("innovation"),
                column="amount",
            )
            return
        for r in rows:
            pid = r["person"]
            if pid not in self.e.people:
                continue  # reported by validate
            key = f"{pid}:{PRIZE_FUND}:{r.row}"
            self.awards[key] = Award(person=pid, amount=money.r2(r["amount"]), pool=PRIZE_FUND)
            self.trace.record(
                f"award:{pid}:premio:{r.row}",
                money.r2(r["amount"]),
                "importo deciso dall'OIV (innovazione) o dalla "
                "conferenza (efficienza) e registrato in innovation.csv, pagato dal fondo dei premi",
                src("19.1, 19.4–19.5"),
                label=f"Premio ({r['kind']}) di {self.e.people[pid].name}",
                inputs=[
                    Input("importo", r["amount"], cell=self.e.cell("innovation", r.row, "amount")),
                    Input("fondo dei premi", fund.amount, ref=f"pool:{PRIZE_FUND}"),
                ],
            )
        self.out_pools[PRIZE_FUND] = self.out_pools[PRIZE_FUND].with_distributed(money.r2(total))

    # -- progressioni economiche (art. 20) ---------------------------------------------------
    def progressions(self) -> None:
        min_score = Decimal(self.params["progression_min_score"])
        share = Decimal(self.params["progression_share"])
        staff = len(self.e.staff())
        limit = math.floor(Fraction(share) * staff)
        candidates = scoring.by_score(  # the scores kept with the graduatorie (self.ranked): no look-up per candidate
            [(pid, score) for pid, score, k in self.ranked if k <= 1 and score >= min_score]
        )
        selected = scoring.cut_without_ties(candidates, limit)
        self.trace.record(
            "progression:selected",
            len(selected),
            f"candidati: in fascia {self.bands[0].name} o {self.bands[1].name} con punteggio ≥ {min_score}; "
            f"selezionati per punteggio fino a ⌊{share} × personale in servizio⌋, esclusi i pari merito "
            "al taglio",
            src("20.2–20.3"),
            label="Progressioni economiche: selezionati",
            inputs=[
                Input("personale in servizio", staff),
                Input("limite", limit),
                Input("candidati", len(candidates)),
            ],
            note=", ".join(selected),
        )
        self.extra["progressioni"] = selected
        self.extra["progressioni_detail"] = {
            "limit": limit,
            "min_score": min_score,
            "candidates": [pid for pid, _ in candidates],
            "selected": selected,
        }

    # -- savings (art. 26.3–26.5) ------------------------------------------------------------
    def savings(self) -> None:
        amount = self.e.funds.get(SAVINGS_FUND)
        if amount is None:
            return
        validated = self.e.approvals.get("savings_validated_oiv")
        ok = self.e.approved("savings_validated_oiv")
        share = Decimal(self.params["savings_share"])
        staff_share = Decimal(self.params["savings_staff_share"])
        if not ok:
            self.problem(
                "savings.not_validated",
                f"risparmi documentati ({money_it(amount)} euro) senza validazione dell'OIV "
                "([approvals] savings_validated_oiv): non utilizzabili",
                src("26.5"),
                file="ente.toml",
                column="approvals.savings_validated_oiv",
            )
            available = staff_part = ZERO
        else:
            available = money.floor2(amount * share)  # "fino a" caps round down (rules/core.md §4)
            # "fino a due terzi": the parameter 0.666… stands for 2/3 exactly (a decimal cannot write it), so the
            # share is read as the simple fraction it approximates to 1e-12 before the cap is rounded down
            exact = Fraction(staff_share).limit_denominator(10**6)
            ratio = exact if abs(exact - Fraction(staff_share)) < Fraction(1, 10**12) else Fraction(staff_share)
            staff_part = money.floor2(Decimal(available) * ratio.numerator / ratio.denominator)
        bargaining = available - staff_part
        cell = Input("risparmi documentati", amount, cell=f"ente.toml:funds.{SAVINGS_FUND}")
        self.trace.record(
            "savings:available",
            available,
            "risparmi documentati × quota (savings_share), se validati dall'OIV; altrimenti 0",
            src("26.3, 26.5"),
            label="Risparmi utilizzabili",
            inputs=[
                cell,
                Input("quota", share),
                Input("validazione dell'OIV", validated, cell="ente.toml:approvals.savings_validated_oiv"),
            ],
        )
        self.trace.record(
            "savings:staff",
            staff_part,
            "risparmi utilizzabili × quota al personale coinvolto (savings_staff_share, fino a 2/3)",
            src("26.3"),
            label="Risparmi: premi al personale coinvolto",
            inputs=[
                Input("risparmi utilizzabili", available, ref="savings:available"),
                Input("quota al personale", staff_share),
            ],
        )
        self.trace.record(
            "savings:bargaining",
            bargaining,
            "risparmi utilizzabili − quota al personale coinvolto",
            src("26.3"),
            label="Risparmi: incremento della contrattazione integrativa",
            inputs=[
                Input("risparmi utilizzabili", available, ref="savings:available"),
                Input("quota al personale", staff_part, ref="savings:staff"),
            ],
        )
        self.extra["savings"] = {
            "documented": plain_money(amount),
            "validated": ok,
            "available": plain_money(available),
            "staff": plain_money(staff_part),
            "bargaining": plain_money(bargaining),
        }

    # -- differentiation of each evaluator's judgements (art. 11.2 lett. d, 12.2bis) ----------
    def differentiation(self) -> None:
        given: dict[str, list[tuple[str, Decimal, bool]]] = {}  # evaluator → (person, card score, insufficient)
        cards, people = self.cards, self.e.people
        # the cards and the people read beside the scores, in people.csv order (two look-ups per person)
        ids = list(self.scores)
        for (pid, s), items, person in zip(
            self.scores.items(), [cards.get(k) for k in ids], [people.get(k) for k in ids]
        ):
            value = s.breakdown.get("scheda") if s.breakdown else None
            if value is None or not items or person is None:
                continue
            who = items[0].evaluator or person.evaluator  # evaluator_of(items[0], person), inline
            if who:
                given.setdefault(who, []).append((pid, Decimal(value), person.insufficient))
        table = {}
        for who, pairs in given.items():
            values = [v for _, v, _ in pairs]
            sd = money.r2(population_sd(values))
            levels = {level_of(v, low, self.levels) for _, v, low in pairs}
            mean = money.r2(sum(values, Decimal(0)) / len(values))
            distinct = distinct_values(values)
            table[who] = {
                "evaluations": len(values),
                "mean": mean,
                "sd": sd,
                "distinct_scores": distinct,
                "distinct_levels": len(levels),
            }
            evaluator = self.e.people.get(who)
            self.trace.record(
                f"differentiation:{who}",
                sd,
                "deviazione standard (della popolazione) dei punteggi di scheda dati dal valutatore",
                src("11.2 lett. d, 12.2bis"),
                label=f"Differenziazione dei giudizi di {evaluator.name if evaluator else who}",
                inputs=[Input(f"punteggio di scheda di {pid}", v, ref=f"score:{pid}") for pid, v, _ in pairs],
                note=f"{len(values)} valutazioni, {distinct} punteggi diversi, {len(levels)} livelli diversi",
            )
            if len(values) >= MIN_EQUAL_FLAG and distinct == 1:
                self.problem(
                    "differentiation.flat",
                    f"il valutatore {who} ha dato lo stesso punteggio ({values[0]}) a tutte le sue "
                    f"{len(values)} valutazioni: manca una significativa differenziazione dei giudizi",
                    src("11.2 lett. d, 12.2bis"),
                    severity="warning",
                    file=self.e.file_of("evaluations"),
                    row=cards[pairs[0][0]][0].row,
                    column="points",
                )
        self.extra["differentiation"] = table

    # -- transparency (art. 28) ---------------------------------------------------------------
    def transparency(self) -> None:
        """Art. 28.1 lett. c–d: premi stanziati e distribuiti, grado di differenziazione, per gruppo."""
        doc: dict[str, Any] = {}
        # each award to its group by its person's role, in award order (was a set of each group's ids,
        # 30,000 of them, asked for every award)
        # The awards come in graduatoria order: reaching each one's person there was a random read of 30,000 records
        # (28x for 10x people); the few dirigenti and PO are a small set, and whoever else is in people.csv is staff
        # (the four roles of core.model.ROLES)
        of_group: dict[str, list[Award]] = {"dirigenti_po": [], "personale": []}
        people = self.e.people
        leads = [p for p in people.values() if p.is_po or p.is_dirigente]
        lead_ids = {p.id for p in leads}
        for a in self.awards.values():
            if a.person in lead_ids:
                of_group["dirigenti_po"].append(a)
            elif a.person in people:
                of_group["personale"].append(a)
        for group, members in (("dirigenti_po", leads), ("personale", self.e.staff())):
            awards = of_group[group]
            pools = sorted({a.pool for a in awards})
            entry: dict[str, Any] = {
                "people": len(members),
                "paid": len({a.person for a in awards if a.amount > 0}),
                "distributed": plain_money(sum((a.amount for a in awards), Decimal(0))),
                "pools": pools,
            }
            # allocated: every pool the group's money comes from (the bonus and prizes too), so that
            # distributed never reads above allocated (rules/core.md §6)
            base = PERFORMANCE_FUND if group == "personale" else RESULT_FUND
            funds = [p for p in dict.fromkeys([base, *pools]) if p in self.out_pools]
            entry["allocated"] = (
                plain_money(sum((self.out_pools[p].amount for p in funds), Decimal(0))) if funds else None
            )
            if group == "personale":
                bands: dict[str, dict[str, Any]] = {}
                for band in self.bands:
                    got = [a.amount for a in awards if a.pool == PERFORMANCE_FUND and a.band == band.name]
                    bands[band.name] = {
                        "count": len(got),
                        "total": plain_money(sum(got, Decimal(0))),
                        "per_capita": plain_money(sum(got, Decimal(0)) / len(got)) if got else None,
                    }
                paid = [b for b in bands.values() if b["per_capita"] is not None and Decimal(b["per_capita"]) > 0]
                lowest = min((Decimal(b["per_capita"]) for b in paid), default=None)
                for b in bands.values():
                    b["differentiation"] = (
                        str(money.r2(Decimal(b["per_capita"]) / lowest))
                        if lowest and b["per_capita"] is not None
                        else None
                    )
                entry["bands"] = bands
            else:
                got = [a.amount for a in awards if a.amount > 0]
                entry["min"] = plain_money(min(got)) if got else None
                entry["max"] = plain_money(max(got)) if got else None
                entry["differentiation"] = str(money.r2(max(got) / min(got))) if got else None
            doc[group] = entry
        self.extra["transparency"] = doc


@hookimpl(specname="ciclope_rewards")
def compute_rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    return _Rewards(ente, scores, pools, params, org, trace).run()


# --- f. rendicontazione: the calendar (art. 7, 18) ---------------------------------------------------


@hookimpl(specname="ciclope_calendar")
def calendar(ente: Ente, year: int) -> list[Deadline]:
    out = []
    budget = ente.approvals.get("budget_approved")
    if isinstance(budget, dt.date):
        out.append(
            Deadline(
                phase="pianificazione",
                act="Piano della performance (entro 45 giorni dal bilancio di previsione)",
                due=budget + dt.timedelta(days=45),
                source=src("7.1 lett. a"),
                approval="piano_adopted",
            )
        )
    out.append(
        Deadline(
            phase="rendicontazione",
            act="Relazione sulla performance (adottata e validata dall'OIV)",
            due=dt.date(year + 1, 6, 30),
            source=src("7.1 lett. b"),
            approval="relazione_validated_oiv",
        )
    )
    if ente.funds.get(BONUS_FUND, Decimal(0)) > 0:
        out.append(
            Deadline(
                phase="premialita",
                act="Decisione di istituire il bonus delle eccellenze (entro gennaio)",
                due=dt.date(year, 1, 31),
                source=src("18.1"),
                approval="bonus_decided",
            )
        )
        out.append(
            Deadline(
                phase="premialita",
                act="Erogazione del bonus delle eccellenze (entro marzo dell'anno dopo)",
                due=dt.date(year + 1, 3, 31),
                source=src("18.2"),
                approval="bonus_paid",
            )
        )
    return out
