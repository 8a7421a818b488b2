"""The hooks of a declared regulation: its check, its extra input, the individual score, the premialità and
the calendar. Every figure is recorded with the declared ``fonte`` cited after the act's title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from ciclope.core import (
    Deadline,
    Ente,
    EvaluationItem,
    Input,
    InputSchema,
    OrgPerformance,
    Params,
    Person,
    Pool,
    Positions,
    Problem,
    Rewards,
    Score,
    Trace,
    bands,
    cells,
    fmt,
    hookimpl,
    money,
    scoring,
)

from . import (
    access,
    amend,
    attestedfund,
    coverage,
    grades,
    objectives,
    parts,
    positioncheck,
    positions,
    positionshare,
    rankings,
    recorded,
    requirements,
    resultpay,
    unitpart,
    vocabulary,
)
from .assumed import missing_acts
from .consistency import day_month
from .eligibility import cite
from .load import PARAM, changes_of, declared, load, parsed, regulation_of
from .reader import SOURCE
from .shapes import Outcome
from .spec import GradeWeights, Regulation, Step, Weights

HUNDRED = Decimal(100)
YEAR_SHIFT = {"precedente": -1, "ciclo": 0, "successivo": 1}


@hookimpl(specname="ciclope_check_params")
def check_params(params: Params) -> list[Problem]:
    """The regulation file, read and checked: every problem at once, with file, key and line."""
    return list(load(params[PARAM])[1])


@hookimpl(specname="ciclope_check_amendments")
def check_amendments(params: Params, where: str) -> list[Problem]:
    """Single numbers of the regulation changed by dotted keys (:mod:`.amend`): every wrong key at once, naming
    the file that wrote it; then the amended regulation against the rules between keys."""
    changes = changes_of(params)
    data = parsed(params[PARAM])
    if data is None or load(params[PARAM])[0] is None:
        return []  # the file itself is wrong: said by ciclope_check_params
    wrong = amend.problems(data, changes)
    if not wrong:
        shown = ", ".join(f"{PARAM}.{k} = {v}" for k, v in changes.items())
        wrong = [(k, f"con {shown}: {p.message}") for k in list(changes)[:1] for p in load(params[PARAM], changes)[1]]
    return [
        Problem(rule="regolamento.modifica", source=SOURCE, file=where, column=f"params.{PARAM}.{key}", message=message)
        for key, message in wrong
    ]


@hookimpl(specname="ciclope_validate")
def validate(ente: Ente, params: Params) -> list[Problem]:
    if params[PARAM]:
        regulation = declared(params)
        if regulation is None:
            return []
        return (
            unknown_sanctions(ente, regulation)
            + coverage.missing(regulation, ente, params[PARAM])
            + positioncheck.problems(regulation, ente)
            + recorded.problems(regulation, ente)
            + requirements.unknown_sections(regulation, ente, coverage.regulation_where(params[PARAM]))
        )
    return [
        Problem(
            rule="regolamento.file",
            severity="warning",
            source=SOURCE,
            file="cycle.toml",
            column="regolamento",
            message="nessun file di regolamento indicato (regolamento = \"FILE.toml\" nel blocco [[ente]]): "
            "applicato il regolamento di partenza del plugin, un esempio da non usare per pagare premi",
        )
    ]


def unknown_sanctions(ente: Ente, regulation: Regulation) -> list[Problem]:
    """A sanction in people.csv that is no word of a «sanzione» exclusion's scale (nor a synonym): an error naming
    the row and the words allowed, for every such row at once."""
    out = []
    for ex in (e for e in regulation.exclusions if e.rule == "sanzione"):
        for person in ente.people.values():
            written = person.extra.get("sanzione")
            if not written or vocabulary.match(str(written), ex.scale, ex.synonyms) is not None:
                continue
            out.append(
                Problem(
                    rule="regolamento.sanzione",
                    source=cite(regulation, ex.source),
                    file=ente.file_of("people"),
                    row=person.row,
                    column="sanzione",
                    message=f"la sanzione {written!r} di {person.id} non è tra quelle del regolamento: "
                    f"{vocabulary.allowed(ex.scale, ex.synonyms)}; il premio resta sospeso finché non è corretta "
                    "(scrivi una parola della scala dell'esclusione «sanzione», o aggiungi il nome usato dall'ufficio "
                    "in sinonimi)",
                )
            )
    return out


@hookimpl(specname="ciclope_input_schema")
def input_schema() -> InputSchema:
    # people.csv: the disciplinary sanction (a word of the regulation's scale), the dates of hiring and
    # leaving within the year (rateo_giorni), the position pay of PO / EQ (risultato_po)
    return InputSchema(
        columns={
            "people.csv": {
                "sanzione": cells.parse_text,
                "assunzione": cells.parse_date,
                "cessazione": cells.parse_date,
                resultpay.POSITION: cells.parse_money,
            }
        },
        # premi.csv: the amounts of the parts decided, not computed (metodo «importi»: prizes of the OIV);
        # positions.csv ([posizioni]): a column per criterion, named by the regulation (checked by validate)
        files={
            "premi.csv": {"person": cells.parse_id, "part": cells.parse_text, "amount": cells.parse_money},
            "positions.csv": {
                "id": cells.parse_id,
                "title": cells.parse_text,
                "unit": cells.parse_id,
                "holder": cells.parse_id,
                "start": cells.parse_date,
                "end": cells.parse_date,
            },
        },
        required={"premi.csv": ("person", "part", "amount"), "positions.csv": ("id",)},
        titles={"premi.csv": "premi"},
        open_columns={"positions.csv": positions.parse_rating},
        headers={
            "people.csv": {resultpay.POSITION: "retribuzione_posizione"},
            "premi.csv": {"person": "persona", "part": "parte", "amount": "importo"},
            "positions.csv": {
                "id": "codice",
                "title": "denominazione",
                "unit": "unità",
                "holder": "titolare",
                "start": "inizio_incarico",
                "end": "fine_incarico",
            },
        },
    )


# a regulation's ladders by role, made once: the regulations live as long as the load cache that keeps them, so
# their ids are never reused while an entry here is read
_LADDERS: dict[tuple[int, str], tuple[bands.Level, ...]] = {}


def ladder_of(reg: Regulation, role: str) -> tuple[bands.Level, ...]:
    found = _LADDERS.get((id(reg), role))
    if found is None:
        found = _LADDERS[(id(reg), role)] = _ladder(reg, role)
    return found


def _ladder(reg: Regulation, role: str) -> tuple[bands.Level, ...]:
    if reg.levels is None:
        return ()
    own = {
        "dipendente": reg.levels.staff,
        "po": reg.levels.po,
        "dirigente": reg.levels.dirigente,
        "segretario": reg.levels.segretario,
    }.get(role)
    steps: Sequence[Step] = own if own is not None else reg.levels.ladder
    return tuple(bands.Level(s.name, s.min) for s in steps)


@hookimpl(specname="ciclope_card_items")
def card_items(person: Person, params: Params) -> list[tuple[str, str, Decimal, Decimal | None]] | None:
    """The items of the card the regulation declares for the person's role ([[scheda]]); None (the items of
    evaluations.csv) when it declares none for that role."""
    reg = regulation_of(params)
    for card in reg.cards:
        if person.role in card.roles:
            return [(i.section, i.item, i.max_points, i.weight) for i in card.items]
    return None


@hookimpl(specname="ciclope_individual_score")
def individual_score(
    person: Person, ente: Ente, org: OrgPerformance, params: Params, card: Sequence[EvaluationItem], trace: Trace
) -> Score | None:
    reg = regulation_of(params)
    weights = grades.weights_for(reg, person)
    card_score = scoring.card_part(person, card, trace) if card else None
    source = cite(
        reg,
        (weights.source if weights is not None and weights.source else None)
        or (reg.score.source if reg.score is not None else "scheda di valutazione"),
    )
    kind = reg.score.unit_kind if reg.score is not None else ""
    parts = components(person, ente, org, card_score, weights, kind)
    moved = ""
    if weights is not None and weights.objectives > 0:
        parts, moved = objectives.with_objectives(parts, weights.objectives, person, ente, org, source, trace)
    if reg.score is not None and reg.score.unmeasured_unit == "sposta":
        parts, unmeasured = unitpart.without_unit(parts)
        moved = "; ".join(x for x in (moved, unmeasured) if x)
    missing = [label for label, _, value, w in parts if value is None and w > 0]
    if missing or not parts:
        why = f"manca: {', '.join(missing)}" if missing else "nessuna scheda di valutazione"
        return Score(person=person.id, score=None, status="not_evaluated", breakdown={"motivo": why})
    total = sum((w * v for _, _, v, w in parts if w > 0 and v is not None), Decimal(0))
    score = money.r2(total)
    ladder = ladder_of(reg, person.role)
    level, stepped = requirements.adjusted(
        reg, person, bands.level_of(score, ladder), ladder, (ente, org, card, card_score)
    )
    level = forced_level(reg, person) or level
    terms = " + ".join(f"{w} × {label}" for label, _, _, w in parts if w > 0)
    levels_note = f"livello: {level} ({cite(reg, reg.levels.source)})" if level and reg.levels else ""
    on_scale = ""
    if reg.score is not None and reg.score.scale is not None:  # the points the regulation's thresholds speak of
        points = money.r2(score * reg.score.scale / HUNDRED)
        on_scale = f"sulla scala del regolamento: {fmt.decimal_it(points)} punti su {fmt.decimal_it(reg.score.scale)}"
    levels_note = "; ".join(x for x in (on_scale, levels_note, stepped) if x)
    trace.record(
        f"score:{person.id}",
        score,
        terms,
        source,
        [Input(label, v, ref=ref) for label, ref, v, w in parts if w > 0],
        f"Punteggio di {person.name}",
        "; ".join(x for x in (moved, levels_note) if x),
    )
    breakdown = {label: v for label, _, v, w in parts if w > 0}
    return Score(person=person.id, score=score, level=level, breakdown=breakdown)


def forced_level(reg: Regulation, person: Person) -> str | None:
    """The level an «insufficiente» exclusion gives whoever is declared of insufficient rendimento (``livello``)."""
    if not person.insufficient:
        return None
    return next((e.level for e in reg.exclusions if e.rule == "insufficiente" and e.level), None)


def components(
    person: Person,
    ente: Ente,
    org: OrgPerformance,
    card: Decimal | None,
    weights: Weights | GradeWeights | None,
    unit_kind: str = "",
) -> list[tuple[str, str, Decimal | None, Decimal]]:
    """(label, figure key, value 0–100, weight) of each component of a role's score."""
    if weights is None:
        return [("scheda", f"card:{person.id}", card, Decimal(1))] if card is not None else []
    unit, unit_ach = unitpart.reference_unit(unit_kind, person, ente, org)
    own = org.people.get(person.id)

    def pct(x: Decimal | None) -> Decimal | None:
        return None if x is None else x * HUNDRED

    return [
        ("scheda", f"card:{person.id}", card, weights.card),
        ("unità × 100", f"unit:{unit}", pct(unit_ach), weights.unit),
        ("ente × 100", "ente", pct(org.ente), weights.ente),
        ("cruscotto × 100", f"person:{person.id}", pct(own), weights.dashboard),
    ]


@hookimpl(specname="ciclope_rewards")
def rewards(
    ente: Ente, scores: dict[str, Score], pools: dict[str, Pool], params: Params, org: OrgPerformance, trace: Trace
) -> Rewards:
    reg = regulation_of(params)
    out = Outcome(pools=dict(pools))
    position_pay = positions.pay(reg, ente, trace, out) if reg.positions is not None else None
    attestedfund.reduce(reg, ente, org, trace, out)
    gate = access.closed(reg, ente)
    if reg.access is not None:
        access.record(reg, ente, scores, gate is None, trace)
    if gate is not None:  # no premium computed: every pool stays residual (the positions are paid all the same)
        trace.problem(gate)
        return Rewards(pools=out.pools, awards=out.awards)
    if reg.premiums:
        parts.pay(reg, ente, scores, org, trace, out)
    if reg.result_pay is not None and reg.result_pay.method == "quota_posizione":
        positionshare.pay(reg, ente, scores, org, trace, out, position_pay)
    elif reg.result_pay is not None:
        resultpay.pay(reg, ente, scores, org, trace, out)
    return Rewards(pools=out.pools, awards=out.awards, statuses=out.statuses, extra=out.extra)


@hookimpl(specname="ciclope_position_pay")
def position_pay(ente: Ente, params: Params) -> Positions | None:
    """The positions weighted by [posizioni], as results.json lists them (their money is among the rewards'
    pools and awards: the result pay of [risultato_po] is split by the position pay they give)."""
    reg = regulation_of(params)
    pw = reg.positions
    if pw is None or pw.fund not in ente.funds or not ente.table(positions.FILE):
        return None
    return Positions(positions=positions.described(pw, ente, ente.funds[pw.fund]))


@hookimpl(specname="ciclope_calendar")
def calendar(ente: Ente, year: int, params: Params) -> list[Deadline]:
    reg = regulation_of(params)
    out = []
    for ev in reg.calendar:
        found = day_month(ev.due)
        if found is None:
            continue
        day, month = found
        when = year + YEAR_SHIFT[ev.year]
        if month == 2 and day == 29 and not (when % 4 == 0 and (when % 100 != 0 or when % 400 == 0)):
            day = 28
        out.append(
            Deadline(
                phase=ev.phase,
                act=ev.act,
                due=dt.date(when, month, day),
                source=cite(reg, ev.source),
                approval=ev.approval,
            )
        )
    return out + missing_acts(reg, year)


@hookimpl(specname="ciclope_comparto")
def comparto(params: Params) -> str | None:
    """The comparto the regulation declares ([atto] comparto): its national layer runs for the ente."""
    regulation = declared(params)
    return regulation.act.comparto if regulation is not None else None


@hookimpl(specname="ciclope_individual_premium")
def individual_premium(params: Params) -> list[str]:
    """The funds of the premium's parts: what the comparto's layer reads as the individual premium (e.g. art.
    69); a premium for the best of a band is a further premium, not the individual one."""
    regulation = declared(params)
    if regulation is None:
        return []
    return list(dict.fromkeys(p.fund for p in regulation.premiums if p.method != "migliori"))


@hookimpl(specname="ciclope_acts")
def acts(params: Params) -> list[str] | None:
    """The act the ente declared ([atto] titolo), cited by its title in every document."""
    regulation = declared(params)
    return [regulation.act.title] if regulation is not None else None


@hookimpl(specname="ciclope_labels")
def labels(params: Params) -> dict[str, str]:
    """The regulation's [etichette]: its words for levels and statuses, in every output for people."""
    regulation = declared(params)
    return dict(regulation.labels) if regulation is not None else {}


@hookimpl(specname="ciclope_premium_rankings")
def premium_rankings(ente: Ente, params: Params) -> dict[str, list[str]] | None:
    """The graduatorie of the premium's first part when it has several (per area, per category): each with the
    people of the part's roles in it; one graduatoria for the ente otherwise (the core's default)."""
    regulation = declared(params)
    first = next((p for p in regulation.parts if p.method != "migliori"), None) if regulation else None
    if first is None or first.rankings == "ente":
        return None
    out: dict[str, list[str]] = {}
    for p in ente.people.values():
        if p.role in first.roles:
            out.setdefault(rankings.group_of(first, p, ente), []).append(p.id)
    return out
