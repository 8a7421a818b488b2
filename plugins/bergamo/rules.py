"""The regulation of the Camera di Commercio di Bergamo as computations (rules/bergamo.md).

Sources (cited in every figure and violation):

- ``000_c472ac27e970ca85.txt`` — Regolamento di organizzazione: Servizi (art. 11), posizioni
  organizzative (art. 26–28: category D, yearly evaluation, contraddittorio before a non-positive
  evaluation), the cycle (art. 37), Piano by January (art. 38), Relazione by June and its OIV
  validation that opens the rewards (art. 39), individual performance and its levels (art. 42–45),
  no undifferentiated or automatic rewards (art. 46).
- ``002_cb68e27bcf5376bc.txt`` — Piano della Performance 2021–2023: Balanced Scorecard with four
  perspectives and twelve strategic objectives (§3.1–3.2), the Servizi cruscotti with their
  "percentuale sintetica di raggiungimento" (§3.3), the Segretario Generale and Dirigente cruscotti
  (§4), the lavoro agile indicators (§5).

The organizational figures (indicators, objectives, perspectives, ente, Servizi, Segretario
Generale and Dirigente) are the core's (rules/core.md §1–2) on the plan as loaded: equal weights
within each cruscotto, "-" = not active, "monitoraggio" = not weighted. This module adds the
individual scores, the rewards with their OIV gate and differentiation checks, and the calendar.
Every function is pure apart from recording figures and problems in ``trace``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import Any

import attrs

from ciclope.core import (
    Award,
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
    Unit,
    distribute,
    fmt,
    hookimpl,
    money,
    scoring,
)

REG = "000_c472ac27e970ca85.txt"
PLAN = "002_cb68e27bcf5376bc.txt"
POOL = "performance_individuale"
PO_POOL = "risultato_po"  # [funds] risultato_po: the PO's result pay (art. 28)
LEVELS = ("non adeguata", "adeguata", "buona", "eccellente")  # params: level_* (assumption)
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

# rules/bergamo.md §1: times and costs are "lower is better" (002… §3.2: "Tempi medi…", "Giorni medi…",
# "Oneri correnti/Proventi correnti"); a name like these typed `higher` is probably a slip.
LOWER_NAMES = re.compile(r"^\s*(tempi medi|tempo medio|giorni medi|oneri correnti\s*/\s*proventi correnti)", re.I)

# Readings of the documents that are not parameters (README.md "Ipotesi"), shown in every report.
NOTES = (
    (
        "Pesi",
        "Il Piano non pubblica pesi: dentro ogni cruscotto (ente, Servizi, Segretario Generale, Dirigente, "
        "schede individuali/di gruppo) gli indicatori misurati pesano ugualmente; le quattro prospettive pesano "
        "ugualmente nella performance dell'ente. I pesi scritti nei dati prevalgono (002… §3.2; rules/core.md §2).",
    ),
    (
        "Indicatori",
        "«monitoraggio» = indicatore misurato ma non ponderato nell'anno (002… §3.2); «-» = non attivo "
        "nell'anno; i rapporti (numeratore/denominatore) si inseriscono come rapporto misurato; tempi e costi ("
        "«Tempi medi…», «Giorni medi…», «Oneri correnti/Proventi correnti») sono «meno è meglio». Un consuntivo "
        "mancante nel Piano si neutralizza con il motivo, senza inventare numeri.",
    ),
    (
        "Servizio di riferimento",
        "Per dipendenti e PO il risultato del Servizio è quello del Servizio che dirigono o "
        "a cui appartengono (il Servizio più vicino risalendo l'organigramma; in mancanza, la loro unità).",
    ),
    (
        "Obiettivi individuali/di gruppo",
        "Sono gli obiettivi «individual» di cui la persona è titolare più gli elementi "
        "dei cruscotti (assignments.csv) intestati alla persona; uno stesso indicatore si misura una volta sola. Senza "
        "obiettivi misurati il loro peso passa al risultato del Servizio; senza risultato del Servizio il suo peso passa "
        "agli obiettivi individuali o, in mancanza, alla scheda dei comportamenti (con avviso).",
    ),
    (
        "Segretario Generale e Dirigenti",
        "Punteggio = 100 × raggiungimento del proprio cruscotto (000… art. 43–44); "
        "la loro retribuzione di risultato segue metodologie proprie ed è fuori dal fondo performance_individuale.",
    ),
    (
        "Accesso ai premi",
        "Nessun premio è calcolato finché l'OIV non ha validato la Relazione sulla performance "
        "([approvals] relazione_validated_oiv, 000… art. 39.2).",
    ),
    (
        "Differenziazione",
        "Con almeno differentiation_min premiati tutti nello stesso livello o con lo stesso importo "
        "è un errore (000… art. 42.2, 46.1): il riparto calcolato resta visibile per la verifica ma non è erogabile. "
        "Un livello con più di max_level_share dei premiati è segnalato con un avviso.",
    ),
    (
        "Calendario",
        "Piano entro il 31 gennaio (art. 38.1); monitoraggio con l'assestamento del bilancio entro la fine "
        "del mese monitoring_month (art. 37.3 lett. d); Relazione approvata dalla Giunta entro il 30 giugno dell'anno "
        "successivo (art. 39.1) e validata dall'OIV entro la stessa data (ipotesi, D.Lgs. 150/2009 art. 14 c. 4 lett. c).",
    ),
)


# --- helpers -------------------------------------------------------------------------------------


def problem(
    ente: Ente,
    rule: str,
    message: str,
    source: str,
    name: str = "",
    row: int | None = None,
    column: str = "",
    severity: str = "error",
) -> Problem:
    return Problem(
        rule=f"bergamo.{rule}",
        message=message,
        severity=severity,
        source=source,
        file=ente.file_of(name) if name else "",
        row=row,
        column=column,
    )


def level_of(score: Decimal | None, params: Params) -> str | None:
    """The level of a 0–100 score (000… art. 42.2; thresholds are parameters, an assumption)."""
    return level_by(score, params["level_adeguata"], params["level_buona"], params["level_eccellente"])


def level_by(score: Decimal | None, adeguata: Decimal, buona: Decimal, eccellente: Decimal) -> str | None:
    """:func:`level_of` with its thresholds already read (000… art. 42.2)."""
    if score is None:
        return None
    if score >= eccellente:
        return "eccellente"
    if score >= buona:
        return "buona"
    if score >= adeguata:
        return "adeguata"
    return "non adeguata"


LEVEL_RANK = {level: k for k, level in enumerate(LEVELS)}


def level_rank(level: str | None) -> int:
    return LEVEL_RANK.get(level, -1)  # type: ignore[arg-type]  # None is simply not a level


def weights(params: Params) -> tuple[Decimal, Decimal, Decimal]:
    return params["w_unit"], params["w_objectives"], params["w_behaviour"]


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    """Parameter combinations the bounds cannot express (configuration errors)."""
    out = []
    wu, wo, wb = weights(params)
    if wu + wo + wb != HUNDRED:
        out.append(
            Problem(
                rule="bergamo.params.weights",
                file="params",
                column="w_unit",
                source=f"{REG} art. 45.2",
                message=f"i pesi della valutazione individuale devono sommare a 100: w_unit {wu} + "
                f"w_objectives {wo} + w_behaviour {wb} = {wu + wo + wb}",
            )
        )
    lo, mid, hi = params["level_adeguata"], params["level_buona"], params["level_eccellente"]
    if not (0 < lo < mid < hi <= HUNDRED):
        out.append(
            Problem(
                rule="bergamo.params.levels",
                file="params",
                column="level_adeguata",
                source=f"{REG} art. 42.2",
                message=f"le soglie dei livelli devono crescere strettamente tra 0 e 100: adeguata {lo}, "
                f"buona {mid}, eccellente {hi}",
            )
        )
    return out


# =================================================================================================
# a. pianificazione — checks of the plan and of the people
# =================================================================================================


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    out = []
    for ind in ente.indicators.values():
        if ind.type == "higher" and LOWER_NAMES.match(ind.name or ""):
            out.append(
                problem(
                    ente,
                    "indicator.direction",
                    f"indicatore {ind.id} «{ind.name}»: tempi e costi sono «meno è meglio» (type = lower), "
                    "qui è indicato higher",
                    f"{PLAN} §3.2; rules/bergamo.md §1",
                    "indicators",
                    ind.row,
                    "type",
                    severity="warning",
                )
            )
    out += group_sheet_refs(ente)
    out += evaluators(ente)
    for p in ente.people.values():
        if p.is_po and p.category not in (None, "D"):
            out.append(
                problem(
                    ente,
                    "po.category",
                    f"{p.id} è titolare di posizione organizzativa ma non è di categoria D ({p.category})",
                    f"{REG} art. 26.2",
                    "people",
                    p.row,
                    "category",
                    severity="warning",
                )
            )
        if p.is_po and p.fte < 1:
            out.append(
                problem(
                    ente,
                    "po.part_time",
                    f"{p.id} è titolare di posizione organizzativa ma non lavora a tempo pieno (fte {p.fte}): "
                    "l'incarico richiede il tempo pieno",
                    f"{REG} art. 26.2",
                    "people",
                    p.row,
                    "fte",
                    severity="warning",
                )
            )
    return out


ROLE_RANK = {"dipendente": 0, "po": 1, "dirigente": 2, "segretario": 3}


def evaluators(ente: Ente) -> list[Problem]:
    """Who evaluates whom (000… art. 43–45, 28.4): the Segretario Generale the dirigenti, the dirigente the PO
    and the staff — always someone above. An evaluation by a peer (same role or below) is an error on every
    row that has it; one by oneself is the core's error on any row (rules/core.md §3)."""
    out = []
    people = ente.people
    cards = ente.cards_view()
    ids = list(cards)
    # the cards' people read beside them (in_order), their few evaluators from a small table of their own: a look-up
    # per card in the table of the whole ente was 16x for 10x people
    evaluator_of: dict[str, Person | None] = {}
    for pid, items, person in zip(ids, cards.values(), [people.get(k) for k in ids]):
        if person is None:
            continue
        reported: set[str] = set()
        for item in items:
            who = item.evaluator
            if not who or who == pid or who in reported:
                continue
            if who in evaluator_of:
                ev = evaluator_of[who]
            else:
                ev = evaluator_of[who] = people.get(who)
            if ev is None or ROLE_RANK.get(ev.role, 0) > ROLE_RANK.get(person.role, 0):
                continue
            reported.add(who)
            out.append(peer_problem(ente, person, ev, item.row))
    return out


def peer_problem(ente: Ente, person: Person, ev: Person, row: int) -> Problem:
    return problem(
        ente,
        "evaluation.evaluator",
        f"la scheda di {person.id} ({person.role}) è compilata da un pari grado ({ev.id}, {ev.role}): valuta "
        "il superiore (il dirigente per PO e personale, il Segretario Generale per i dirigenti)",
        f"{REG} art. 28.4, 44–45",
        "evaluations",
        row,
        "evaluator",
    )


def group_sheet_refs(ente: Ente) -> list[Problem]:
    """002… §3.3: group sheets draw on the Servizio's cruscotto: a ref in a person's sheet that is neither in
    the cruscotto of that person's Servizio nor among the person's own individual objectives is a warning."""
    out = []
    for pid in dict.fromkeys(a.owner for a in ente.assignments):  # each sheet's owner, in file order
        person = ente.people.get(pid)
        if person is None or person.is_dirigente:  # a dirigente's or the SG's sheet is their own cruscotto
            continue
        servizio = servizio_of(ente, person)
        allowed = {a.ref for a in ente.assignments_of(servizio.id)} if servizio is not None else set()
        allowed |= {o.id for o in ente.owned_by(pid) if o.kind == "individual"}
        for a in ente.assignments_of(pid):
            if a.ref not in allowed:
                out.append(
                    problem(
                        ente,
                        "group_sheet.ref",
                        f"scheda {a.cruscotto} di {pid}: {a.ref} non è nel cruscotto del suo Servizio "
                        f"({servizio.id if servizio is not None else 'nessun Servizio'}) né tra i suoi "
                        "obiettivi individuali: le schede individuali/di gruppo attingono al cruscotto del "
                        "Servizio",
                        f"{PLAN} §3.3",
                        "assignments",
                        a.row,
                        "ref",
                        severity="warning",
                    )
                )
    return out


# =================================================================================================
# d. valutazione — individual performance (000… art. 42–45, 28.4–28.6)
# =================================================================================================


def servizio_of(ente: Ente, person: Person) -> Unit | None:
    """The Servizio whose result counts for a dipendente or PO (000… art. 11, 45.2 a).

    The unit the person heads if it is a Servizio, else the nearest Servizio at or above their
    unit, else their own unit (e.g. a staff office or the Azienda Speciale).
    """
    for unit in ente.headed_by(person.id):  # loops, not generators: asked for every person
        if unit.kind == "servizio":
            return unit
    return _servizio_of_unit(ente, person.unit)


def _servizio_of_unit(ente: Ente, unit_id: str) -> Unit | None:
    """The nearest Servizio at or above a unit, else the unit itself (:func:`servizio_of` for who heads none)."""
    chain = ente.unit_ancestors(unit_id)
    for unit in chain:
        if unit.kind == "servizio":
            return unit
    return chain[0] if chain else None


class _Run:
    """What every individual score of one run of the cycle on one ente reads (staff_score is asked
    for each of its people, ~300 times per 300-person ente): the weights and level thresholds read from the
    parameters once; who heads a unit or owns individual/group objectives; each unit's Servizio with its
    result and its part's label, made at the first person of that unit. Made from the ente, the
    organizational performance and the parameters it is given, and used only for those very objects
    (:func:`_run`). Callgrind, 3 synthetic 300-person enti: bergamo's calculation 77.8 -> 75.4 M instructions
    per ente with this, the level asked once and the individual objectives only of who owns some."""

    __slots__ = ("ente", "org", "params", "weights", "level", "positive", "heads", "owners", "servizi")

    def __init__(self, ente: Ente, org: OrgPerformance, params: Params) -> None:
        self.ente, self.org, self.params = ente, org, params
        self.weights = weights(params)
        lo, mid, hi = params["level_adeguata"], params["level_buona"], params["level_eccellente"]

        self.level: Callable[[Decimal | None], str | None] = lambda score: level_by(
            score, lo, mid, hi
        )  # level_of(score, params), the thresholds read once
        self.positive = lo  # art. 28.5: a PO's evaluation is positive from «adeguata»
        self.heads = {u.head for u in ente.units.values() if u.head}  # ente.headed_by(id) is () for anyone else
        # individual_objectives(...) is None without an individual objective or a cruscotto row of one's own
        self.owners = {o.owner for o in ente.objectives.values() if o.kind == "individual"}
        self.owners.update(a.owner for a in ente.assignments)
        self.servizi: dict[str | None, tuple[Any, Decimal | None, str, str]] = {}

    def servizio(self, person: Person) -> tuple[Any, Decimal | None, str, str]:
        """(Servizio, its result, its label and key as a part of the score) of a person (:func:`servizio_of`)."""
        if person.id in self.heads:
            unit = servizio_of(self.ente, person)
        else:
            found = self.servizi.get(person.unit)
            if found is not None:
                return found
            unit = _servizio_of_unit(self.ente, person.unit)
        if unit is None:
            found = (None, None, "", "")
        else:
            found = (unit, self.org.units.get(unit.id), f"risultato del Servizio {unit.id}", f"unit:{unit.id}")
        if person.id not in self.heads:
            self.servizi[person.unit] = found
        return found


_RUNS: weakref.WeakKeyDictionary[Trace, _Run] = (
    weakref.WeakKeyDictionary()
)  # trace → _Run: one trace per run of the cycle


def _run(ente: Ente, org: OrgPerformance, params: Params, trace: Trace) -> _Run:
    """The :class:`_Run` of the run recording in ``trace``, made again if the ente, the organizational
    performance or the parameters are not the ones it was made from (it goes with the trace)."""
    run = _RUNS.get(trace)
    if run is None or run.ente is not ente or run.org is not org or run.params is not params:
        run = _RUNS[trace] = _Run(ente, org, params)
    return run


OBJECTIVES_SOURCE = f"{REG} art. 45.2 lett. b; {PLAN} §3.3"


def individual_objectives(person: Person, ente: Ente, org: OrgPerformance, trace: Trace) -> Decimal | None:
    """Achievement of a person's individual/group objectives (000… art. 45.2 b; 002… §3.3).

    The ``individual`` objectives the person owns plus the refs of every cruscotto owned by the
    person (group sheets may list the same refs for several people); each ref is measured once;
    weights as written, all empty = equal. Recorded as ``objectives:<id>``.
    """
    parts: list[tuple[str, Decimal, Decimal | None]] = []
    seen: set[str] = set()
    empty = 0  # parts without a weight: mixed_weights(w for _, _, w in parts), counted on the way
    own_refs = ente.assignments_of(person.id)  # the rows of the person's cruscotti (group sheets)
    for o in ente.owned_by(person.id):
        if o.kind != "individual":
            continue
        value = org.objectives.get(o.id)
        key = f"objective:{o.id}"
        if value is not None and key not in seen:
            seen.add(key)
            parts.append((key, value, o.weight))
            empty += o.weight is None
    for a in own_refs:
        if a.ref in ente.indicators:
            key, out = f"indicator:{a.ref}", org.indicators.get(a.ref)
            value = out.achievement if out is not None and out.scored else None
        else:
            key, value = f"objective:{a.ref}", org.objectives.get(a.ref)
        if value is not None and key not in seen:
            seen.add(key)
            parts.append((key, value, a.weight))
            empty += a.weight is None
    if not parts:
        return None
    if 0 < empty < len(parts):
        # rules/core.md §2: a group mixing empty and given weights is an error in every weighted group
        first = next(iter(own_refs), None)
        trace.problem(
            Problem(
                rule="bergamo.weights.mixed",
                source=f"rules/core.md §2; {REG} art. 45.2 lett. b",
                file=ente.file_of("assignments"),
                row=first.row if first is not None else None,
                column="weight",
                message=f"scheda degli obiettivi individuali/di gruppo di {person.id}: pesi in parte "
                "vuoti e in parte indicati; indica tutti i pesi o nessuno (pesi uguali). "
                "Calcolata con pesi uguali",
            )
        )
        parts = [(k, v, None) for k, v, _ in parts]
    value = scoring.weighted_mean(parts)
    trace.record(
        f"objectives:{person.id}",
        value,
        "media ponderata degli obiettivi individuali/di gruppo misurati "
        "(pesi vuoti = pesi uguali; ogni indicatore contato una volta)",
        OBJECTIVES_SOURCE,
        label=f"Obiettivi individuali/di gruppo di {person.name}",
        inputs=[Input(f"{k} (peso {w if w is not None else '='!s})", v, ref=k) for k, v, w in parts],
    )
    return value


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    if person.is_dirigente:  # 000… art. 43–44; 002… §4: 100 × achievement of the person's cruscotto
        article = "art. 43" if person.role == "segretario" else "art. 44"
        return scoring.dirigente_score(person, org, trace, f"{REG} {article}; {PLAN} §4", lambda s: level_of(s, params))
    return staff_score(person, ente, org, params, card, trace)


PO_SOURCE = f"{REG} art. 28.4; params w_unit/w_objectives/w_behaviour (ipotesi)"
STAFF_SOURCE = f"{REG} art. 45.2; params w_unit/w_objectives/w_behaviour (ipotesi)"


def staff_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score:
    """000… art. 45.2 (staff) and 28.4 (PO): w_unit × Servizio + w_objectives × objectives + w_behaviour × card/100."""
    card_value = scoring.card_part(person, card, trace)
    if card_value is None:
        return Score(
            person=person.id, score=None, status="not_evaluated", breakdown={"motivo": "scheda di valutazione mancante"}
        )
    run = _run(ente, org, params, trace)
    unit, unit_ach, unit_label, unit_key = run.servizio(person)
    obj_ach = individual_objectives(person, ente, org, trace) if person.id in run.owners else None
    wu, wo, wb = run.weights
    moved = []
    if obj_ach is None and wo:
        wu, wo = wu + wo, Decimal(0)
        moved.append("senza obiettivi individuali/di gruppo misurati il loro peso passa al Servizio")
    if unit_ach is None and wu:
        where = unit.id if unit is not None else person.unit
        if obj_ach is not None:
            wo, wu = wo + wu, Decimal(0)
            moved.append(f"il Servizio {where} non ha risultato misurato: il suo peso passa agli obiettivi individuali")
        else:
            wb, wu = wb + wu, Decimal(0)
            moved.append(
                f"il Servizio {where} non ha risultato misurato: il suo peso passa alla scheda dei comportamenti"
            )
        trace.problem(
            problem(
                ente,
                "individual.unit_not_scored",
                f"{person.id}: il Servizio {where} non ha performance misurata; " + moved[-1],
                f"{REG} art. 45.2 lett. a",
                "people",
                person.row,
                "unit",
                severity="warning",
            )
        )
    parts: list[tuple[str, str, Any, Decimal]] = []  # achievements: None only where the weight is 0
    if wu:
        parts.append((unit_label, unit_key, unit_ach, wu))
    if wo:
        parts.append(("obiettivi individuali/di gruppo", f"objectives:{person.id}", obj_ach, wo))
    if wb:
        parts.append(("scheda dei comportamenti / 100", f"card:{person.id}", card_value / HUNDRED, wb))
    is_po = person.is_po
    score = scoring.weighted_score(person, parts, trace, PO_SOURCE if is_po else STAFF_SOURCE, run.level)
    level = run.level(score)
    # below «adeguata» (is_po first: the check is about PO only, and most people are not)
    if is_po and scoring.po_needs_contraddittorio(ente, person, score, run.positive):
        trace.problem(
            problem(
                ente,
                "po.contraddittorio",
                f"valutazione non positiva della PO {person.id} ({fmt.decimal_it(score)} < {params['level_adeguata']}) "
                "senza contraddittorio registrato in appeals.csv: non può essere formalizzata",
                f"{REG} art. 28.6",
                "appeals",
                None,
                "stage",
            )
        )
    breakdown = {
        "servizio": unit.id if unit is not None else None,
        "unita": unit_ach,
        "obiettivi": obj_ach,
        "scheda": card_value,
        "peso_unita": wu,
        "peso_obiettivi": wo,
        "peso_scheda": wb,
    }
    if moved:
        breakdown["nota"] = "; ".join(moved)
    return Score(person=person.id, score=score, level=level, breakdown=breakdown)


# =================================================================================================
# e. premialità (000… art. 39.2, 42, 45.1, 46)
# =================================================================================================


def gate(ente: Ente) -> str:
    """000… art. 39.2 (rules/bergamo.md §4): the rewards open only when the Relazione was approved and then
    validated by the OIV, both dated after the end of the evaluated year. Returns "" when open, else why not."""
    year_end = dt.date(ente.year, 12, 31)
    approved, validated = ente.approvals.get("relazione_approved"), ente.approvals.get("relazione_validated_oiv")
    if not isinstance(approved, dt.date):
        return (
            "manca la data di approvazione della Relazione sulla performance ([approvals] relazione_approved)"
            if approved is None
            else f"la data di approvazione della Relazione non è una data ({approved!r})"
        )
    if not isinstance(validated, dt.date):
        return (
            "manca la data di validazione della Relazione da parte dell'OIV ([approvals] relazione_validated_oiv)"
            if validated is None
            else f"la data di validazione dell'OIV non è una data ({validated!r})"
        )
    if approved <= year_end:
        return (
            f"la Relazione risulta approvata il {approved}, prima della fine dell'anno valutato {ente.year}: non "
            "può essere la Relazione di quell'anno"
        )
    if validated <= year_end:
        return (
            f"la validazione dell'OIV è del {validated}, prima della fine dell'anno valutato {ente.year}: non può "
            "validare la Relazione di quell'anno"
        )
    if validated < approved:
        return f"la validazione dell'OIV ({validated}) precede l'approvazione della Relazione ({approved})"
    return ""


def gate_open(ente: Ente) -> bool:
    return gate(ente) == ""


@hookimpl(specname="ciclope_rewards")
def rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    why = gate(ente)
    if why:
        trace.problem(
            Problem(
                rule="bergamo.oiv_gate",
                source=f"{REG} art. 39.2",
                file="ente.toml",
                column="approvals.relazione_validated_oiv",
                message=f"accesso ai premi chiuso: {why}. Servono l'approvazione della Relazione e poi "
                "la sua validazione da parte dell'OIV, entrambe dopo la fine dell'anno; nessun "
                "premio può essere calcolato né erogato",
            )
        )
        return Rewards()
    pools = dict(pools)
    awards: dict[str, Award] = {}
    po_pools, po_awards = po_result_pay(ente, scores, pools, params, trace)
    pools.update(po_pools)
    awards.update(po_awards)
    pool = pools.get(POOL)
    if pool is None:
        trace.problem(
            Problem(
                rule="bergamo.fund_missing",
                severity="warning",
                source=f"{REG} art. 45.1",
                file="ente.toml",
                column=f"funds.{POOL}",
                message=f"manca [funds] {POOL}: nessun premio di performance individuale",
            )
        )
        return Rewards(pools=pools, awards=awards)
    min_rank = level_rank(params["reward_min_level"])
    # art. 28.1: the PO's position and result pay "assorbe tutte le competenze accessorie": staff only here
    candidates = [p for p in ente.people.values() if p.is_staff]

    excluded: dict[str, str | None] = {}  # person → why_excluded, asked once per person

    def why_excluded(p: Person, s: Score) -> str | None:
        if p.insufficient:
            why = "prestazione dichiarata insufficiente"
        elif level_rank(s.level) < min_rank:
            why = f"livello «{s.level}» sotto «{params['reward_min_level']}»"
        else:
            why = None
        excluded[p.id] = why
        return why

    fund = Input(f"fondo {POOL}", pool.amount, ref=f"pool:{POOL}")
    pools[POOL], staff_awards = distribute(
        pool,
        candidates,
        scores,
        lambda p, score: score * p.fte,
        why_excluded,
        trace,
        formula="fondo × (punteggio × fte) / somma di punteggio × fte dei dipendenti "
        f"con livello almeno «{params['reward_min_level']}» (resto maggiore al centesimo)",
        source=f"{REG} art. 45.1, 46.1; CCDI (ipotesi, params.toml reward_min_level)",
        label=lambda p: f"Premio di performance individuale di {p.name}",
        inputs=lambda p, s: [
            fund,  # the same input for everyone (one object, not 30,000)
            Input("punteggio", s.score, ref=f"score:{p.id}"),
            Input("tempo di lavoro (fte)", p.fte, cell=ente.cell("people", p.row, "fte")),
        ],
        total_label="somma di punteggio × fte dei premiati",
        band=lambda p, s: s.level,
        note=lambda p, s: f"livello: {s.level}",
    )
    awards.update(staff_awards)
    # who shares, with their awards, in one pass beside the awards (in the candidates' order, as distribute made
    # them): two look-ups per candidate in tables of the whole ente were 16-18x for 10x people
    listed = list(staff_awards)
    sharing = [
        (pid, award)
        for (pid, award), reason in zip(staff_awards.items(), [excluded.get(k) for k in listed])
        if reason is None
    ]
    shared: dict[str, Award] = dict(sharing)
    trace.record(
        f"pool:{POOL}:distributed",
        pools[POOL].distributed,
        "somma dei premi assegnati; il resto è residuo",
        f"{REG} art. 45.1",
        label=f"Fondo {POOL} distribuito",
        # by id, each award beside its id (sorted by the ids alone: a table of amounts asked in that order was 16×
        # for 10× people)
        inputs=[
            Input(f"award:{pid}", award.amount, ref=f"award:{pid}") for pid, award in sorted(sharing, key=itemgetter(0))
        ],
    )
    people = ente.people
    extra = differentiation(
        ente, shared, lambda pid: (scores[pid].score or Decimal(0)) * people[pid].fte, params, trace
    )
    return Rewards(pools=pools, awards=awards, extra=extra)


def po_result_pay(
    ente: Ente, scores: Mapping[str, Score], pools: Mapping[str, Pool], params: Params, trace: Trace
) -> tuple[dict[str, Pool], dict[str, Award]]:
    """000… art. 28 (rules/bergamo.md §4): each PO's maximum = ``[funds] risultato_po`` × position_pay / Σ
    position_pay (equal shares without the column), paid × score / 100 when the evaluation is positive
    (≥ level_adeguata, 60, art. 28.5), else 0 (and a contraddittorio is required, art. 28.6); the rest is residual."""
    fund = pools.get(PO_POOL)
    pos = [p for p in ente.people.values() if p.is_po]
    if fund is None or not pos:
        return {}, {}
    pay = {p.id: p.extra.get("position_pay") for p in pos}
    weights = (
        {pid: v for pid, v in pay.items() if v is not None}
        if all(v is not None for v in pay.values())
        else {pid: Decimal(1) for pid in pay}
    )
    maximum = po_maxima(fund.amount, weights)
    awards: dict[str, Award] = {}
    fund_input = Input(f"fondo {PO_POOL}", fund.amount, ref=f"pool:{PO_POOL}")  # one object for every PO
    for p in pos:
        s = scores.get(p.id)
        score = s.score if s is not None else None
        positive = score is not None and score >= params["level_adeguata"]  # art. 28.5: positive = adeguata
        paid = positive and score is not None and not p.insufficient
        amount = money.r2(maximum[p.id] * score / HUNDRED) if paid and score is not None else ZERO
        trace.record(
            f"award:{p.id}",
            amount,
            "quota massima × punteggio / 100 se la valutazione è positiva (≥ 60) e la prestazione non è "
            "dichiarata insufficiente, altrimenti 0; quota massima = fondo × retribuzione di posizione / Σ "
            "retribuzioni di posizione delle PO (quote uguali senza la colonna position_pay), arrotondata per "
            "difetto al centesimo («fino a»)",
            f"{REG} art. 28.1, 28.5–28.6",
            label=f"Retribuzione di risultato di {p.name} (PO)",
            inputs=[
                fund_input,
                Input(
                    "retribuzione di posizione",
                    pay[p.id],
                    cell=ente.cell("people", p.row, "position_pay") if pay[p.id] is not None else "",
                ),
                Input("quota massima", maximum[p.id]),
                Input("punteggio", score, ref=f"score:{p.id}"),
            ],
            note=(
                "prestazione dichiarata insufficiente (people.csv, colonna insufficient): nessuna retribuzione "
                "di risultato, come il personale dichiarato insufficiente"
                if p.insufficient
                else ""
            ),
        )
        awards[p.id] = Award(person=p.id, amount=amount, pool=PO_POOL, band=s.level if s is not None else None)
    given = sum((a.amount for a in awards.values()), ZERO)
    label = fund.label or "Retribuzione di risultato delle PO (art. 28)"
    return {PO_POOL: attrs.evolve(fund, label=label).with_distributed(given)}, awards


def po_maxima(fund: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each PO's maximum is a cap ("fino a"): fund × w / Σ w rounded down to the cent (rules/core.md §4); the cents
    the floors leave are residual, never handed to one PO by id (three equal PO of 940.00 get 313.33 each)."""
    total = sum((Fraction(w) for w in weights.values()), Fraction(0))
    if total == 0:
        return {pid: ZERO for pid in weights}
    return {pid: money.floor2(Decimal(Fraction(fund) * Fraction(w) * 100 // total) / 100) for pid, w in weights.items()}


def differentiation(
    ente: Ente, awards: Mapping[str, Award], exact: Callable[[str], Decimal], params: Params, trace: Trace
) -> dict[str, Any]:
    """000… art. 42.2, 46.1: no undifferentiated or automatic distribution of the rewards. "The same amount"
    is judged on ``exact(person)`` (the weight, proportional to the amount before cent rounding): amounts that
    differ only by the cent the largest remainder adds are the same amount (rules/bergamo.md §4). ``exact`` is a
    function, asked only until two weights differ (was every weight made, then a set of them, and a
    fresh Decimal's hash is dear: bergamo's calculation 75.3 -> 71.7 M instructions per 300-person ente)."""
    rewarded = [a for a in awards.values() if a.amount > 0]
    n = len(rewarded)
    by_level: dict[str, int] = {}
    for a in rewarded:
        by_level[a.band or ""] = by_level.get(a.band or "", 0) + 1
    extra = {"premiati": n, "per_livello": {lv: by_level[lv] for lv in LEVELS if lv in by_level}}
    if n == 0:
        return extra
    top_level, top = max(by_level.items(), key=lambda kv: (kv[1], level_rank(kv[0])))
    share = Decimal(top) / Decimal(n)
    extra["quota_massima"] = money.r2(share * 100)
    source = f"{REG} art. 42.2, 46.1"
    if n >= params["differentiation_min"]:
        if len(by_level) == 1:
            trace.problem(
                Problem(
                    rule="bergamo.differentiation.levels",
                    source=source,
                    message=f"tutti i {n} premiati hanno lo stesso livello «{top_level}»: la valutazione "
                    "non è differenziata (vietata la distribuzione indifferenziata dei premi)",
                )
            )
        first = exact(rewarded[0].person)
        if all(exact(a.person) == first for a in rewarded[1:]):  # len({exact(...) for a in rewarded}) == 1
            amounts = {a.amount for a in rewarded}
            trace.problem(
                Problem(
                    rule="bergamo.differentiation.amounts",
                    source=source,
                    message=f"tutti i {n} premiati ricevono lo stesso importo {fmt.euro(next(iter(amounts)))}: "
                    "distribuzione indifferenziata o automatica dei premi, vietata",
                )
            )
    if share > params["max_level_share"]:
        trace.problem(
            Problem(
                rule="bergamo.differentiation.share",
                severity="warning",
                source=source,
                message=f"il livello «{top_level}» raccoglie {top} premiati su {n} "
                f"({money.r2(share * 100)}%), oltre la soglia del {money.r2(params['max_level_share'] * 100)}%: "
                "differenziazione insufficiente",
            )
        )
    return extra


# =================================================================================================
# f. rendicontazione — calendar (000… art. 37–39)
# =================================================================================================


@hookimpl(specname="ciclope_calendar")
def calendar(year: int, params: Params) -> list[Deadline]:
    month = int(params["monitoring_month"])
    monitoring_due = dt.date(year, month, _calendar.monthrange(year, month)[1])
    return [
        Deadline(
            "pianificazione",
            "Formalizzazione del Piano della Performance (entro gennaio)",
            dt.date(year, 1, 31),
            f"{REG} art. 38.1",
            "piano_adopted",
        ),
        Deadline(
            "monitoraggio",
            "Monitoraggio in corso d'esercizio, in coerenza con l'assestamento del bilancio",
            monitoring_due,
            f"{REG} art. 37.2 lett. c, 37.3 lett. d (data: ipotesi, mese del monitoraggio fissato nei parametri)",
            "monitoraggio_assestamento",
        ),
        Deadline(
            "rendicontazione",
            "Relazione sulla Performance formalizzata dalla Giunta (entro giugno)",
            dt.date(year + 1, 6, 30),
            f"{REG} art. 37.3 lett. f, 39.1",
            "relazione_approved",
        ),
        Deadline(
            "rendicontazione",
            "Validazione della Relazione da parte dell'OIV (apre l'accesso ai premi)",
            dt.date(year + 1, 6, 30),
            f"{REG} art. 39.2; D.Lgs. 150/2009 art. 14 c. 4 lett. c (data: ipotesi)",
            "relazione_validated_oiv",
        ),
    ]
