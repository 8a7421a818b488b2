"""The weighting of the posizioni organizzative ([posizioni], format 2): each position of positions.csv valued
from its criteria, its annual pay a bounded proportional share of the position fund, paid to its holder.

A position's value is Σ weight × rating / scala over the declared criteria (0–100, 2 decimals). The fund of
``fondo`` holds every euro of the positions: ``quota_risultato`` of it (half-up to the cent) goes to the result
pay of [risultato_po], the rest F is split in proportion to the values, each between ``minimo`` and ``massimo``
(:func:`ciclope.core.money.bounded_split`: pay = clamp(λ × value, minimo, massimo), cents by largest remainder).
A vacant position (no holder) is valued and not paid: its pay stays in the fund's residual.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import attrs

from ciclope.core import (
    Award,
    Ente,
    Input,
    OrgPerformance,
    Person,
    Pool,
    PositionPay,
    Problem,
    Row,
    Trace,
    cells,
    fmt,
    money,
)
from ciclope.plugins.regolamento.compile.env import Facts, PersonEnv
from ciclope.plugins.regolamento.compile.evaluate import RunError, run
from ciclope.plugins.regolamento.format import funds
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import PositionBand, PositionWeighting, Regulation
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.pay import interim, premium, resultpay, terms
from ciclope.plugins.regolamento.pay.shapes import ZERO, Outcome, Valued

FILE = "positions"
WORDS = {"bassa": 1, "media": 3, "alta": 5}


def parse_rating(text: str) -> Decimal:
    """A criterion's rating: a whole number from 1, or bassa/media/alta (1/3/5); the regulation's scale is
    checked by :func:`problems`."""
    word = text.strip().lower()
    if word in WORDS:
        return Decimal(WORDS[word])
    try:
        value = cells.to_decimal(text.strip())
    except ValueError:
        value = None
    if value is None or value != value.to_integral_value() or value < 1:
        raise ValueError(f"atteso un punteggio intero da 1 in su oppure bassa/media/alta, trovato {fmt.quoted(text)}")
    return value


parse_rating.pure = True  # type: ignore[attr-defined]  # same text, same Decimal: read once per distinct text


# people.csv's dates of a holder's service, with the words a position's explanation says them by
SERVICE = {"start": ("assunzione", "assunzione del titolare"), "end": ("cessazione", "cessazione del titolare")}


def rows_of(ente: Ente) -> tuple[Row, ...]:
    """The rows of positions.csv, the first of each id (a repeated id is an error of :func:`problems`), each term
    within its holder's service (:func:`within_service`)."""
    seen: dict[str, Row] = {}
    for r in ente.table(FILE):
        seen.setdefault(str(r["id"]), r)
    return tuple(within_service(r, ente) for r in seen.values())


def within_service(r: Row, ente: Ente) -> Row:
    """The row with its term cut to the holder's service: an incarico cannot outlast the service (people.csv's
    ``assunzione`` and ``cessazione``), so a holder who leaves on 30/06 is due the pay of the days to 30/06 even where
    positions.csv dates no end. The row's ``service`` says which end the service set; the row is unchanged else."""
    holder = ente.people.get(r["holder"] or "")
    if holder is None:
        return r
    values, cut = dict(r.values), []
    for end, (column, _) in SERVICE.items():
        day = holder.extra.get(column)
        written = values.get(end)
        if isinstance(day, dt.date) and (written is None or (day > written if end == "start" else day < written)):
            values[end] = day
            cut.append(end)
    return attrs.evolve(r, values={**values, "service": tuple(cut)}) if cut else r


def value_of(pw: PositionWeighting, r: Row) -> Decimal:
    """Σ weight × rating / scala (a missing rating counts 0: it is an error of :func:`problems`)."""
    return money.r2(sum((c.weight * (r[c.code] or 0) / pw.scale for c in pw.criteria), Decimal(0)))


def band_of(pw: PositionWeighting, value: Decimal) -> PositionBand | None:
    """The highest band of ``fasce`` the value reaches, None below the lowest."""
    return next((b for b in pw.bands if value >= b.min), None)


def valued(pw: PositionWeighting, ente: Ente, fund: Decimal) -> Valued:
    rows = rows_of(ente)
    score = {str(r["id"]): value_of(pw, r) for r in rows}
    result_fund = money.r2(fund * pw.result_share)
    position_fund = money.r2(fund) - result_fund  # the two are exactly the fund: one rounding only
    if pw.bands:
        reached = {pid: band_of(pw, value) for pid, value in score.items()}
        annual = {pid: ZERO if b is None else b.amount for pid, b in reached.items()}
        if sum(annual.values(), ZERO) > position_fund:  # every position's band, the vacant ones too, in the fund
            return Valued(rows, score, {pid: ZERO for pid in score}, position_fund, result_fund, None, True, reached)
        return Valued(rows, score, annual, position_fund, result_fund, None, False, reached)
    assert pw.minimum is not None and pw.maximum is not None  # without bands, checked when read
    try:
        annual = money.bounded_split(position_fund, score, pw.minimum, pw.maximum) if score else {}
        lam = money.bounded_lambda(position_fund, score, pw.minimum, pw.maximum) if score else None
    except money.InsufficientFund:
        return Valued(rows, score, {pid: ZERO for pid in score}, position_fund, result_fund, None, True)
    return Valued(rows, score, annual, position_fund, result_fund, lam, False)


def pay(
    reg: Regulation, ente: Ente, trace: Trace, out: Outcome, org: OrgPerformance | None = None
) -> dict[str, Decimal]:
    """Value and pay the positions; their pools and awards into ``out``; each holder's position pay. ``org``: the
    organizational performance the holders' requisiti may read (``ente``, ``unita``, OBIETTIVO)."""
    pw = reg.positions
    assert pw is not None
    source = cite(reg, pw.source)
    pool = out.pools.get(pw.fund)
    if pool is None:
        message = f"{funds.missing(pw.fund, ente.funds)}: nessuna retribuzione di posizione né di risultato calcolata"
        trace.problem(
            Problem(
                rule="regolamento.fondo", source=source, message=message, file="ente.toml", column=f"funds.{pw.fund}"
            )
        )
        return {}
    v = valued(pw, ente, pool.amount)
    # the fund by its label of [etichette], else by its name in words: «fondo posizioni PO», never «posizioni_po»
    said = fmt.accented(funds.said(pw.fund).replace("_", " "))
    words = reg.labels.get(pw.fund) or (said if said.startswith("fondo") else f"fondo {said}")
    record_funds(reg, pw, attrs.evolve(ente.fund_input(pw.fund, words), value=pool.amount), pool, v, trace, out)
    if v.short:
        trace.problem(short_fund(pw, v, source, premium.fund_place(reg, pw.fund, ente)))
    holders: dict[str, Decimal] = {}
    held: dict[str, list[Input]] = {}
    for r in v.rows:
        pid, holder = str(r["id"]), r["holder"]
        record_position(reg, r, v, ente, trace)
        out.positions[pid] = v.annual[pid]  # a position not paid weighs its annual pay
        if v.short or not holder or holder not in ente.people or not terms.days_in(r, ente.year):
            continue  # no fund, vacant, a holder people.csv lacks (an error of validate), a term outside the year
        if not qualified(reg, pw, r, (ente, org), trace):
            continue
        amount, given, days = paid(pw, r, v.annual[pid], ente, source, trace)
        out.positions[pid] = amount
        out.awards[f"{pid}:{pw.fund}"] = Award(person=holder, amount=amount, pool=pw.fund, ref=pid)
        label = f"Retribuzione di posizione di {ente.people[holder].name} — {pid}"
        how, weighing = held_words(pw, r, v)
        if days:  # a term of part of the year: the annual pay and the days, so the holder redoes what is due
            how += ", per i giorni dell'incarico nell'anno (annua × giorni dell'incarico / giorni dell'anno)"
        trace.record(f"award:{holder}:{pw.fund}:{pid}", amount, how, source, [*weighing, *days, given], label)
        holders[holder] = holders.get(holder, ZERO) + amount
        held.setdefault(holder, []).append(attrs.evolve(given, name=pid))
    if pw.interim is not None and not v.short:  # paid with the result pay (:mod:`.interim`)
        out.interims = interim.due(reg, pw, v, ente, set(holders), trace)
    out.pools[pw.fund] = out.pools[pw.fund].with_distributed(sum(holders.values(), ZERO))
    for holder, amount in holders.items():
        label = f"Retribuzione di posizione di {ente.people[holder].name}"
        trace.record(
            f"position_pay:{holder}", amount, "Σ delle posizioni di cui è titolare", source, held[holder], label
        )
    return holders


def held_words(pw: PositionWeighting, r: Row, v: Valued) -> tuple[str, list[Input]]:
    """The position pay of a holder in words, as the Relazione says the weighing: the post by its name, the value
    of its weighing and the band it reached («la retribuzione di posizione annua della posizione «Direzione …», di cui
    è titolare: l'importo della fascia che il valore della sua pesatura raggiunge»), a full sentence the scheda
    prints after «Come si calcola:»."""
    pid = str(r["id"])
    post = f"della posizione «{r['title']}»" if r["title"] else "della posizione"
    band = v.band.get(pid)
    rule = (
        "l'importo della fascia che il valore della sua pesatura raggiunge"
        if pw.bands
        else "in proporzione al valore della sua pesatura, entro il minimo e il massimo"
    )
    inputs = [Input("punti della pesatura della posizione", fmt.Points(v.score[pid]), ref=f"position:{pid}:score")]
    if band is not None:
        inputs.append(Input("fascia raggiunta", f"da {fmt.decimal_it(band.min)} punti"))
    return f"la retribuzione di posizione annua {post}, di cui è titolare: {rule}", inputs


def qualified(
    reg: Regulation, pw: PositionWeighting, r: Row, data: tuple[Ente, OrgPerformance | None], trace: Trace
) -> bool:
    """True when the holder has the requirements of the appointment (``requisiti``), recorded; else an error
    naming the holder and the position, and the position is not paid. Where the formula cannot be computed (an
    objective obiettivi.csv does not have, an empty cell) the error says why, never that the holder lacks them."""
    formula = pw.holder_requirements
    if formula is None:
        return True
    held, failed, env = requirements(reg, formula, r["holder"], data)
    pid = str(r["id"])
    trace.record(
        f"position:{pid}:requisiti",
        held,
        f"{formula} — {sentence(formula)}",
        cite(reg, pw.source),
        list(env.read.values()),
        f"Requisiti del titolare della posizione {pid}",
    )
    if not held:
        why = (
            f": i requisiti dell'incarico non si calcolano ({failed})"
            if failed
            else f", non ha i requisiti dell'incarico ({sentence(formula)})"
        )
        message = f"{env.person.name}, titolare della posizione {pid}{why}: la retribuzione di posizione non è pagata"
        problem = Problem.at(data[0], "regolamento.requisiti", message, cite(reg, pw.source), FILE, r.row, "holder")
        trace.problem(problem)
    return held


def requirements(
    reg: Regulation, formula: Formula, holder: str, data: tuple[Ente, OrgPerformance | None]
) -> tuple[bool, str, PersonEnv]:
    """Whether ``holder`` has the requirements (``requisiti``), why they could not be computed ("" if they could), and
    the environment that read them."""
    ente, org = data
    env = PersonEnv(Facts(reg, ente, org), ente.people[holder])
    try:
        return run(formula, env) is True, "", env
    except RunError as exc:
        return False, str(exc), env


def due(pw: PositionWeighting, r: Row, annual: Decimal, ente: Ente) -> Decimal:
    """What the holder is due for the year: the annual pay for the days of the term (:mod:`.terms`) and, with
    ``tempo_parziale = "proporzionale"``, × the holder's fte (the contract's «riproporzionamento», CCNL 22.1.2004
    art. 11 and ARAN RAL1669: a post held part-time is not paid as one held full-time)."""
    value = terms.due(r, annual, ente.year)
    holder = ente.people.get(r["holder"] or "")
    if pw.part_time == "proporzionale" and holder is not None and holder.fte != 1:
        value = money.r2(value * holder.fte)
    return value


def paid(
    pw: PositionWeighting, r: Row, annual: Decimal, ente: Ente, source: str, trace: Trace
) -> tuple[Decimal, Input, list[Input]]:
    """The pay the holder is due for the year (:func:`due`), recorded when it is not the annual pay, the input that
    names it and, for a term of part of the year, the annual pay and the days it is due for (none for a whole
    year)."""
    pid = str(r["id"])
    value = due(pw, r, annual, ente)
    if value == annual and terms.days_in(r, ente.year) == terms.year_days(ente.year):
        return annual, Input("retribuzione di posizione annua", annual, ref=f"position:{pid}:annual"), []
    holder = ente.people[r["holder"]]
    part = pw.part_time == "proporzionale" and holder.fte != 1
    trace.record(
        f"position:{pid}:due",
        value,
        "retribuzione annua × giorni dell'incarico nell'anno / giorni dell'anno"
        + (" × tempo lavorato (riproporzionamento per il tempo parziale)" if part else "")
        + " (arrotondata al centesimo)",
        source,
        [
            Input("retribuzione di posizione annua", annual, ref=f"position:{pid}:annual"),
            *([Input("tempo lavorato", holder.fte, cell=ente.cell("people", holder.row, "fte"))] if part else []),
            term_end(r, "start", "inizio dell'incarico", holder, ente),
            term_end(r, "end", "fine dell'incarico", holder, ente),
            Input("giorni dell'incarico nell'anno", terms.days_in(r, ente.year)),
            Input("giorni dell'anno", terms.year_days(ente.year)),
        ],
        f"Retribuzione di posizione dovuta per l'anno — {pid}",
        in_instalments(pw, value, terms.instalments_in(r, ente.year, pw.instalments)),
    )
    days = [
        Input("retribuzione di posizione annua", annual, ref=f"position:{pid}:annual"),
        Input("giorni dell'incarico nell'anno", terms.days_in(r, ente.year)),
        Input("giorni dell'anno", terms.year_days(ente.year)),
    ]
    if terms.days_in(r, ente.year) == terms.year_days(ente.year):  # the whole year, less for the part time alone
        days = []
    return value, Input("retribuzione di posizione dovuta", value, ref=f"position:{pid}:due"), days


def term_end(r: Row, end: str, words: str, holder: Person, ente: Ente) -> Input:
    """One end of the term as the pay due read it: positions.csv's cell, or the holder's date of service in
    people.csv where that one set it (:func:`within_service`)."""
    if end in (r["service"] or ()):
        column, said = SERVICE[end]
        return Input(said, fmt.date_it(r[end]), cell=ente.cell("people", holder.row, column))
    return Input(words, None if r[end] is None else str(r[end]), cell=ente.cell(FILE, r.row, end))


def record_funds(
    reg: Regulation, pw: PositionWeighting, fund: Input, pool: Pool, v: Valued, trace: Trace, out: Outcome
) -> None:
    """The fund of the positions split in two pools: position pay (F) and result pay (R, to [risultato_po])."""
    source = cite(reg, pw.source)
    label = "Fondo per la retribuzione di posizione"
    out.pools[pw.fund] = attrs.evolve(pool, amount=v.position_fund, kind=money.POSITION, label=label, source=source)
    trace.record(
        f"pool:{pw.fund}:posizione",
        v.position_fund,
        "fondo − quota per la retribuzione di risultato",
        source,
        [fund, Input("quota per il risultato", v.result_fund)],
        label,
    )
    if reg.position_result is not None:  # the entry of [[risultato_po]] split by position pay
        name = reg.position_result.fund
        words = resultpay.fund_label(reg, reg.position_result)
        out.pools[name] = Pool(name=name, amount=v.result_fund, source=source, label=words)
        trace.record(
            f"pool:{name}",
            v.result_fund,
            "fondo × quota di risultato, arrotondato al centesimo",
            source,
            [fund, Input("quota di risultato", pw.result_share)],
            "Fondo per la retribuzione di risultato delle posizioni",
        )


def record_position(reg: Regulation, r: Row, v: Valued, ente: Ente, trace: Trace) -> None:
    pw = reg.positions
    assert pw is not None
    pid, source = str(r["id"]), cite(reg, pw.source)
    ratings = [
        Input(f"{c.code} {c.name} (peso {c.weight})", r[c.code], cell=ente.cell(FILE, r.row, c.code))
        for c in pw.criteria
    ]
    title = f"Pesatura della posizione {pid} — {r['title'] or ''}".rstrip(" —")
    trace.record(f"position:{pid}:score", v.score[pid], f"Σ peso × valutazione / {pw.scale}", source, ratings, title)
    vacant = "" if r["holder"] else "posizione vacante: valorizzata ma non erogata (resta residua)"
    paid_in = in_instalments(pw, v.annual[pid])  # the annual pay's instalments; none said for a single one
    bands = cite(reg, pw.bands_source) if pw.bands_source else source
    how, inputs, cited = banded(pw, pid, v, bands) if pw.bands else proportional(pw, pid, v, source)
    trace.record(
        f"position:{pid}:annual",
        v.annual[pid],
        how,
        cited,
        inputs,
        f"Retribuzione di posizione annua — {pid}",
        "; ".join(x for x in (vacant, whole_year(r, ente.year) + paid_in if paid_in else "") if x),
    )


def whole_year(r: Row, year: int) -> str:
    """«per un incarico di tutto l'anno, » before the annual pay's instalments of a term begun or ended within the
    year, whose own instalments the figure of the pay due says: the annual ones are not what the holder receives."""
    partial = r["holder"] and terms.days_in(r, year) not in (0, terms.year_days(year))
    return "per un incarico di tutto l'anno, " if partial else ""


def proportional(pw: PositionWeighting, pid: str, v: Valued, source: str) -> tuple[str, list[Input], str]:
    """The words, inputs and source of an annual pay in proportion to the value, between the minimum and maximum."""
    assert pw.minimum is not None and pw.maximum is not None
    lam = None if v.lam is None else v.lam.quantize(Decimal("0.000001"), ROUND_HALF_UP)
    how = (
        "fondo insufficiente per il minimo di ogni posizione: nessuna retribuzione"
        if v.short
        else f"λ × valore, non sotto {fmt.euro(pw.minimum)} né sopra {fmt.euro(pw.maximum)}; la somma è il fondo di "
        "posizione (ripartizione proporzionale limitata, resto maggiore al centesimo)"
    )
    inputs = [
        Input("fondo di posizione", v.position_fund, ref=f"pool:{pw.fund}:posizione"),
        Input("valore della posizione", v.score[pid], ref=f"position:{pid}:score"),
        Input("λ, euro per punto (6 decimali)", lam),
        Input("minimo", fmt.Money(pw.minimum)),
        Input("massimo", fmt.Money(pw.maximum)),
    ]
    return how, inputs, source


def banded(pw: PositionWeighting, pid: str, v: Valued, source: str) -> tuple[str, list[Input], str]:
    """The words, inputs and source (``fonte_fasce``, else ``fonte``: ``source``) of an annual pay by the band
    reached."""
    band = v.band.get(pid)
    lowest = pw.bands[-1]
    if v.short:
        how = "fondo insufficiente per le fasce di tutte le posizioni: nessuna retribuzione"
    elif band is None:
        how = f"nessuna fascia raggiunta (la più bassa è da {fmt.decimal_it(lowest.min)} punti): nessuna retribuzione"
    else:
        how = f"l'importo della fascia raggiunta: da {fmt.decimal_it(band.min)} punti, {fmt.euro(band.amount)}"
    inputs = [
        Input("valore della posizione", v.score[pid], ref=f"position:{pid}:score"),
        *([] if band is None else [Input(f"importo della fascia da {fmt.decimal_it(band.min)} punti", band.amount)]),
        *([Input("fondo di posizione", v.position_fund, ref=f"pool:{pw.fund}:posizione")] if v.short else []),
    ]
    return how, inputs, source


def in_instalments(pw: PositionWeighting, annual: Decimal, count: int | None = None) -> str:
    """The instalments of a pay in words, in the regulation's ``instalments`` or in ``count`` of them (a term within
    the year is paid in fewer); none for a single one."""
    n = count or pw.instalments
    if n <= 1:
        return ""
    regular, last = money.instalments(annual, n)
    return f"in {n} rate: {n - 1} da {fmt.euro(regular)} e l'ultima da {fmt.euro(last)}"


def short_fund(pw: PositionWeighting, v: Valued, source: str, place: premium.Place) -> Problem:
    """The position fund cannot give every position its minimum; ``place``: where the office writes that fund."""
    n = len(v.score)
    if pw.bands:
        total = sum((b.amount for b in v.band.values() if b is not None), ZERO)
        needed = f"alle {n} posizioni la retribuzione della loro fascia ({fmt.euro(total)}, vacanti comprese)"
    else:
        assert pw.minimum is not None
        needed = f"il minimo di {fmt.euro(pw.minimum)} alle {n} posizioni ({fmt.euro(pw.minimum * n)})"
    file, row, column = place
    return Problem(
        rule="regolamento.posizioni_fondo",
        source=source,
        file=file,
        row=row,
        column=column,
        message=f"fondo insufficiente: il fondo per la retribuzione di posizione {fmt.euro(v.position_fund)} non "
        f"basta a dare {needed}; nessuna retribuzione di posizione",
    )


def described(
    reg: Regulation, ente: Ente, fund: Decimal, org: OrgPerformance | None = None, trace: Trace | None = None
) -> dict[str, PositionPay]:
    """The positions as results.json lists them: value, annual pay, holder, whether paid (as :func:`pay` pays: a
    holder without the requirements is not), what is due and in how many instalments, and the result pay of its
    holder as ``trace`` recorded it (:func:`result_of`)."""
    pw = reg.positions
    assert pw is not None
    v = valued(pw, ente, fund)
    out = {}
    for r in v.rows:
        pid, holder = str(r["id"]), r["holder"]
        annual = v.annual[pid]
        paid = bool(holder) and holder in ente.people and terms.days_in(r, ente.year) > 0 and not v.short
        if paid and pw.holder_requirements is not None:
            paid = requirements(reg, pw.holder_requirements, holder, (ente, org))[0]
        owed = due(pw, r, annual, ente)
        result_max, result = result_of(reg, holder, v, trace) if paid else (None, None)
        out[pid] = PositionPay(
            id=pid,
            score=v.score[pid],
            annual=annual,
            result_max=result_max,
            result=result,
            holder=holder,
            paid=paid,
            instalments=pw.instalments,
            due=owed if paid and owed != annual else None,
            due_instalments=terms.instalments_in(r, ente.year, pw.instalments) if paid else None,
            title=str(r["title"] or ""),
        )
    return out


def result_of(reg: Regulation, holder: str, v: Valued, trace: Trace | None) -> tuple[Decimal | None, Decimal | None]:
    """The result pay of [risultato_po] its holder can reach («quota massima») and receives, as the trace recorded
    them; (None, None) without them, or for a holder of more than one position (the result is the person's)."""
    rp = reg.position_result
    figure = trace.get(f"award:{holder}:{rp.fund}") if trace is not None and rp is not None else None
    if figure is None or sum(1 for r in v.rows if r["holder"] == holder) != 1:
        return None, None
    cap = next((i.value for i in figure.inputs if i.name == "quota massima"), None)
    return cap, figure.value
