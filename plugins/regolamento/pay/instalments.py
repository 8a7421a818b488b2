"""A premium paid in instalments (``rate`` of [premio] or of a part of [[premi]]).

Shares: each person's premium of the part is split by the instalments' shares, each but the last rounded down to
the cent and the last taking the rest (``money.in_shares``, rules/core.md §4). Advances and a balance (``acconto``,
``conguaglio``): each advance is its formula on the person's data, rounded down to the cent, paid to the people of
the part's roles in service in its month, before the results; the balance is the premium less the advances
(``money.with_advances``), negative when they passed it — a recovery, also of someone the part pays nothing at the
end. Either way a person's instalments always sum to what the part paid them: the pools do not change, the
instalments say when the money moves. Each is recorded as ``rata:<person>:<part>:<n>``, reading the part's premium
of the person (or what the advance's formula read), so that ``explain`` walks from the instalment to the premium
and down to the cells.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import attrs

from ciclope.core import Deadline, Ente, Input, Person, Problem, Trace, fmt, money
from ciclope.plugins.regolamento.compile.env import Facts, PersonEnv
from ciclope.plugins.regolamento.format.acts import code_of
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import InstalmentRule, Part, Premium, Regulation, name_of
from ciclope.plugins.regolamento.format.wording import sentence
from ciclope.plugins.regolamento.pay.formulas import evaluated
from ciclope.plugins.regolamento.pay.shapes import ZERO, Given, Outcome

Paid = dict[str, tuple[Person, Decimal]]  # person → (the person, their premium of the part), in the order paid


def schedule(
    reg: Regulation,
    pr: Premium,
    given: list[Given],
    figure: Callable[[str], str],
    ctx: tuple[Ente, Trace, Facts],
    out: Outcome,
) -> None:
    """The instalments of everyone the part paid (nothing for a part paid at once; with shares, nothing for a person
    it paid nothing; with advances, also whoever had an advance). ``figure``: the key of the figure of a person's
    premium of the part."""
    if not pr.instalments:
        return
    paid: Paid = {}
    for group in given:
        for e, amount, _ in group.paid:
            paid[e.person.id] = (e.person, paid.get(e.person.id, (e.person, ZERO))[1] + amount)
    if pr.instalments[-1].kind == money.BALANCE:
        _settled(reg, pr, paid, figure, ctx, out)
    else:
        _shared(reg, pr, paid, figure, ctx, out)
    _before_the_act(reg, pr, ctx[0], ctx[1])


def _premium(pr: Premium, person: str, amount: Decimal, figure: Callable[[str], str], trace: Trace) -> Input:
    """A person's premium of the part as an input of their instalments, explained by its figure where there is one."""
    what = name_of(pr)
    key = figure(person)
    ref = key if trace.get(key) is not None else ""
    return Input(f"premio della parte «{what}»" if what != "premio" else "premio", amount, ref=ref)


def _shared(
    reg: Regulation, pr: Premium, paid: Paid, figure: Callable[[str], str], ctx: tuple[Ente, Trace, Facts], out: Outcome
) -> None:
    """Instalments of shares of the premium: each but the last its share rounded down, the last the rest."""
    ente, trace, _ = ctx
    what, source = name_of(pr), cite(reg, pr.source)
    shares = [r.share or Decimal(0) for r in pr.instalments]
    for pid, (person, amount) in paid.items():
        if amount <= 0:
            continue
        premium = _premium(pr, pid, amount, figure, trace)
        before = ZERO
        for n, (rule, part) in enumerate(zip(pr.instalments, money.in_shares(amount, shares)), start=1):
            key = f"rata:{pid}:{what}:{n}"
            formula, inputs = _how(premium, rule, before, n == len(shares))
            trace.record(key, part, formula, source, inputs, f"{said(rule, what, ente.year)} — {person.name}")
            out.instalments.append(_instalment(pid, pr, rule, ente.year, part, key))
            before += part


def _instalment(pid: str, pr: Premium, rule: InstalmentRule, year: int, amount: Decimal, key: str) -> money.Instalment:
    return money.Instalment(
        person=pid,
        pool=pr.fund,
        what=name_of(pr),
        year=year + rule.later,
        month=rule.month_number,
        share=rule.share,
        amount=amount,
        period=rule.period,
        key=key,
        kind=rule.kind,
    )


def _how(premium: Input, rule: InstalmentRule, before: Decimal, last: bool) -> tuple[str, list[Input]]:
    """The formula in words and the inputs of one instalment: its share rounded down, or for the last the rest."""
    if last:
        return f"{premium.name} − le rate precedenti", [premium, Input("rate precedenti", fmt.Money(before))]
    share = Input("quota della rata", fmt.Percent(rule.share or Decimal(0)))
    return f"{premium.name} × quota della rata, per difetto al centesimo", [premium, share]


@attrs.frozen
class Advance:
    """A person's advance as its formula gives it, before the cent (never below zero), with the figure's words and
    inputs: what the formula read and the month the person is in service in."""

    n: int  # the instalment's place in ``rate``, from 1
    value: Decimal
    formula: str
    inputs: tuple[Input, ...]


def _settled(
    reg: Regulation, pr: Premium, paid: Paid, figure: Callable[[str], str], ctx: tuple[Ente, Trace, Facts], out: Outcome
) -> None:
    """Advances then the balance: each advance to whoever is of the part's roles and in service in its month, the
    balance to whoever had an advance or has a premium, the premium less the advances (negative: a recovery)."""
    ente, trace, facts = ctx
    what, source, last = name_of(pr), cite(reg, pr.source), len(pr.instalments)
    for person in (p for p in ente.people.values() if p.role in pr.roles or p.id in paid):
        found = [_advance(reg, pr, n, person, facts, trace) for n in range(1, last)]
        given = [a for a in found if a is not None and money.floor2(a.value) > 0]
        amount = paid.get(person.id, (person, ZERO))[1]
        if not given and amount <= 0:
            continue
        parts = money.with_advances(amount, [a.value for a in given])
        label = f" — {person.name}"
        for a, part in zip(given, parts):
            rule, key = pr.instalments[a.n - 1], f"rata:{person.id}:{what}:{a.n}"
            trace.record(key, part, a.formula, source, a.inputs, said(rule, what, ente.year) + label)
            out.instalments.append(_instalment(person.id, pr, rule, ente.year, part, key))
        before = [
            Input(
                _of(pr.instalments[a.n - 1], what, ente.year, "acconto"),
                fmt.Money(part),
                ref=f"rata:{person.id}:{what}:{a.n}",
            )
            for a, part in zip(given, parts)
        ]
        key, rule = f"rata:{person.id}:{what}:{last}", pr.instalments[-1]
        premium = _premium(pr, person.id, amount, figure, trace)
        formula, note = _balance_words(premium, parts[-1])
        missed, dates = _not_serving(pr, person, ente, [a.n for a in found if a is not None])
        note = fmt.clauses(note, *missed)
        inputs = [premium, *before, *dates]
        trace.record(key, parts[-1], formula, source, inputs, said(rule, what, ente.year) + label, note)
        out.instalments.append(_instalment(person.id, pr, rule, ente.year, parts[-1], key))


def _not_serving(pr: Premium, person: Person, ente: Ente, had: list[int]) -> tuple[list[str], tuple[Input, ...]]:
    """Why the person had none of the advances they were not in service for («nessun acconto di settembre 2024: non
    in servizio nel mese»), with the dates that say so, each at its cell; nothing for an advance they had."""
    said: list[str] = []
    dates: tuple[Input, ...] = ()
    for n, rule in enumerate(pr.instalments[:-1], start=1):
        year = ente.year + rule.later
        serving, read = _in_service(person, ente, year, rule.month_number)
        if n in had or serving:
            continue
        when = "; ".join(f"{i.name} {fmt.date_it(i.value)}" for i in read)
        said.append(f"nessun acconto di {fmt.month_it(year, rule.month_number)}: non in servizio nel mese ({when})")
        dates = dates or read
    return said, dates


def _balance_words(premium: Input, balance: Decimal) -> tuple[str, str]:
    """The balance's formula in words and, for a negative one, the note that says it is a recovery."""
    formula = f"{premium.name} − gli acconti pagati"
    if balance >= 0:
        return formula, ""
    return formula, (
        f"negativo: un recupero di {fmt.euro(-balance)}, gli acconti pagati oltre il premio (trattenuti con le "
        "competenze del mese o restituiti)"
    )


def _advance(reg: Regulation, pr: Premium, n: int, person: Person, facts: Facts, trace: Trace) -> Advance | None:
    """The person's advance of the ``n``-th instalment: None when they are not in service in its month; its formula
    on their data otherwise (a value it cannot give is said, and is no advance)."""
    rule = pr.instalments[n - 1]
    formula = rule.advance
    assert formula is not None  # the reader let only advances before the balance
    ente = facts.ente
    serving, dates = _in_service(person, ente, ente.year + rule.later, rule.month_number)
    if not serving:
        return None
    env = PersonEnv(facts, person)

    def complain(what: str) -> None:
        message = f"acconto della parte «{name_of(pr)}»: {what}: nessun acconto"
        trace.problem(
            Problem(rule="regolamento.formula", source=cite(reg, pr.source), **written(formula), message=message)
        )

    value = evaluated(formula, env, complain)
    if value is None:
        complain(f"acconto senza valore per {person.name} ({sentence(formula)}: un dato che manca)")
    if not isinstance(value, Decimal):
        return None
    month = Input("in servizio nel mese della rata", fmt.month_it(ente.year + rule.later, rule.month_number))
    # as the formula gives it, before the cent: 1.133,485 is paid 1.133,48 (never shown 1.133,49, half-up)
    shown = Input("valore della formula in euro, prima del centesimo", max(value, ZERO))
    words = f"{formula} — {sentence(formula)}, per difetto al centesimo (nulla se negativo)"
    return Advance(n, max(value, ZERO), words, (*env.read.values(), month, *dates, shown))


def _in_service(person: Person, ente: Ente, year: int, month: int) -> tuple[bool, tuple[Input, ...]]:
    """Whether the person is in service in the month (hired by its last day, not ceased before its first), with
    the dates read, each at its cell of people.csv."""
    first, end = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    hired, ceased = person.extra.get("assunzione"), person.extra.get("cessazione")
    inputs = tuple(
        Input(words, date, cell=ente.cell("people", person.row, column))
        for column, words, date in (
            ("assunzione", "data di assunzione", hired),
            ("cessazione", "data di cessazione", ceased),
        )
        if isinstance(date, dt.date)
    )
    serving = (not isinstance(hired, dt.date) or hired <= end) and (not isinstance(ceased, dt.date) or ceased >= first)
    return serving, inputs


def _before_the_act(reg: Regulation, pr: Premium, ente: Ente, trace: Trace) -> None:
    """A warning for each share of the premium (and a balance) paid in a month that ends before the act that
    approves the part's premiums (``decisione``): the month's pay cannot carry what is not yet approved. An advance
    is paid «con riserva», before the results, by design: never warned."""
    if not isinstance(pr, Part) or pr.decision is None:
        return
    code = code_of(pr.decision)
    when = ente.approvals.get(code)
    if not isinstance(when, dt.date):
        return  # no act, or no date: the decision's own problems say it, and the part pays nothing
    for rule in pr.instalments:
        year = ente.year + rule.later
        end = dt.date(year, rule.month_number, calendar.monthrange(year, rule.month_number)[1])
        if rule.kind == money.ADVANCE or end >= when:
            continue
        head = "la rata" if rule.kind == money.SHARE else "il conguaglio"
        message = (
            f"{_of(rule, pr.name, ente.year, head)} si paga con le competenze di "
            f"{fmt.month_it(year, rule.month_number)}, prima dell'atto che approva i premi della parte, [atti] "
            f"{pr.decision} del {fmt.date_it(when)}: una rata non si paga prima che i premi siano approvati. Controlla "
            'la data dell\'atto o il mese della rata (es. mese = "aprile", anno = "successivo"); se il testo paga prima '
            "dei risultati «con riserva», scrivi la rata come acconto (acconto = '=50% * …') e chiudi le rate con il "
            "conguaglio (conguaglio = true)"
        )
        trace.problem(
            Problem(
                rule="regolamento.rate",
                severity="warning",
                source=cite(reg, pr.source),
                file="ente.toml",
                column=f"approvals.{code}",
                message=message,
            )
        )


# How an instalment is named, by what it pays
WORDS = {money.SHARE: "Rata", money.ADVANCE: "Acconto", money.BALANCE: "Conguaglio"}


def said(rule: InstalmentRule, what: str, year: int) -> str:
    """An instalment as people name it: «Rata di agosto 2024 della parte «quota variabile» (primo semestre)»,
    «Acconto di settembre 2024 …», «Conguaglio di giugno 2025 …»."""
    return f"{WORDS[rule.kind]} {_of(rule, what, year)}"


def _of(rule: InstalmentRule, what: str, year: int, head: str = "") -> str:
    period = f" ({rule.period})" if rule.period else ""
    premium = f" della parte «{what}»" if what != "premio" else " del premio"
    return f"{head + ' ' if head else ''}di {fmt.month_it(year + rule.later, rule.month_number)}{premium}{period}"


def deadlines(reg: Regulation, year: int) -> list[Deadline]:
    """Each instalment in the calendar of the cycle ``year``, due by the last day of the month whose pay carries it
    («con la competenza del mese di agosto»: the month's payroll, whatever day the ente pays it on). No act proves
    a payment: the calendar lists it to be checked, never late or missing. A balance says it may be a recovery."""
    out = []
    for pr in reg.premiums:
        for rule in pr.instalments:
            paid_in = year + rule.later
            due = dt.date(paid_in, rule.month_number, calendar.monthrange(paid_in, rule.month_number)[1])
            act = f"Pagamento {ARTICLED[rule.kind]} {_of(rule, name_of(pr), year)}"
            if rule.kind == money.BALANCE:
                act += ", o recupero se negativo"
            out.append(Deadline("premialita", act, due, cite(reg, pr.source)))
    return out


ARTICLED = {money.SHARE: "della rata", money.ADVANCE: "dell'acconto", money.BALANCE: "del conguaglio"}
