"""The individual premium paid part by part ([[premi]], format 2; [premio] is the one part of format 1).

Each part takes its share of its fund (``quota_fondo``, else the whole fund) plus what earlier parts of the fund
sent it (``residuo_a``), splits it among its graduatorie (one per ente, per area or per category, in proportion
to their staff in service or its fte) and pays each graduatoria by its method. A person paid by several parts of
one fund has one award from that fund: the sum, whose explanation names every part. Every fund is conserved:
distributed + residual = fund, since the parts' shares sum to at most 1 and a part's residual only ever moves to
a later part of the same fund.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from copy import deepcopy
from decimal import Decimal
from functools import partial
from typing import Any

import attrs

from ciclope.core import (
    Award,
    Citation,
    Ente,
    Input,
    OrgPerformance,
    Person,
    Pool,
    Problem,
    Score,
    Trace,
    fmt,
    money,
)
from ciclope.plugins.regolamento.compile import blanks
from ciclope.plugins.regolamento.compile.env import ASSIGNMENTS, Facts
from ciclope.plugins.regolamento.format import funds, rowcolumns
from ciclope.plugins.regolamento.format.expr import Binary, Formula, Num
from ciclope.plugins.regolamento.format.expr import formulas as formulas_of
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite, joined
from ciclope.plugins.regolamento.format.spec import HALF_UP, Part, Premium, Regulation, name_of
from ciclope.plugins.regolamento.pay import (
    best,
    bonusreach,
    fundshares,
    instalments,
    owed,
    partpaid,
    rankings,
    recorded,
    reductions,
    residualcauses,
    savings,
    setaside,
    unassigned,
    unpaid,
    unscored,
)
from ciclope.plugins.regolamento.pay.formulas import PartFormulas, uses_formulas
from ciclope.plugins.regolamento.pay.premium import (
    NOT_ADMITTED,
    counted,
    distribute,
    entries,
    not_admitted,
    outcome_source,
    record_not_admitted,
    top_places,
)
from ciclope.plugins.regolamento.pay.shapes import ZERO, Entry, Given, Outcome

# The status of a person no evaluation could pay, paid by parts without one (``valutazione = false``): not «non
# valutato», which says that something was missed; said «senza valutazione individuale» (STATUS_LABELS)
WITHOUT_EVALUATION = "senza_valutazione_individuale"


@attrs.define
class Ledger:
    """The parts paid so far: what each sends on, each fund's total paid, each part's bands, each person's
    amount per part of a shared fund (summed into one award at the end)."""

    carried: dict[str, Decimal] = attrs.field(factory=dict)
    paid: dict[str, Decimal] = attrs.field(factory=dict)
    base: dict[str, Decimal] = attrs.field(factory=dict)  # each fund as given, before any residual left it
    bands: dict[str, Mapping[str, str]] = attrs.field(factory=dict)
    shared: dict[tuple[str, str], list[tuple[str, str, Decimal]]] = attrs.field(factory=dict)
    admitted: set[str] = attrs.field(factory=set)  # the people some part has admitted (status None in its entries)
    excluded: set[str] = attrs.field(factory=set)  # those whose status is, so far, an exclusion's
    left_out: dict[str, Premium] = attrs.field(factory=dict)  # the first part whose condition left each one out
    # each part with a condition (``ammesso``): how many of those it weighed the condition admitted, and left out
    weighed: dict[str, tuple[int, int]] = attrs.field(factory=dict)
    owed: dict[str, list[Input]] = attrs.field(factory=dict)  # each owed fund: the amounts paid from it so far
    amounts: dict[str, Decimal] = attrs.field(factory=dict)  # each part's amount before it pays (share and received)
    reserved: dict[str, Input] = attrs.field(factory=dict)  # each part set aside: its set-aside, taken from its source
    shares: dict[str, fundshares.Share] = attrs.field(factory=dict)  # each part's share of its fund, where it has one
    left: dict[str, Decimal] = attrs.field(factory=dict)  # what each part kept unpaid in its fund (no residuo_a)
    # what each part received from earlier ones, by sender in words («non pagati dalla parte «A»»), its fund as it
    # paid (share and received) and what it paid: where a residual that passed through it comes from
    sent: dict[str, list[tuple[str, Decimal]]] = attrs.field(factory=dict)
    funded: dict[str, Decimal] = attrs.field(factory=dict)
    spent: dict[str, Decimal] = attrs.field(factory=dict)
    # what each part kept unpaid, by cause, to the cent (:mod:`.residualcauses`), where its method tells them apart
    causes: dict[str, list[Input]] = attrs.field(factory=dict)
    # of each part a part set aside took from: that part, what the source did not pay and what it took of it
    taken: dict[str, tuple[str, Decimal, Decimal]] = attrs.field(factory=dict)

    def carry(self, to: str, amount: Decimal, words: str) -> None:
        """``amount`` sent on to the part ``to``, said by ``words``."""
        self.carried[to] = self.carried.get(to, ZERO) + amount
        self.sent.setdefault(to, []).append((words, amount))


def pay(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    org: OrgPerformance,
    trace: Trace,
    out: Outcome,
    facts: Facts | None = None,
) -> None:
    facts = facts if facts is not None else Facts(reg, ente, org, scores)

    def measure(scratch: Trace) -> setaside.Measured:  # the parts paid once, the set-aside parts unbounded
        copy = Outcome(dict(out.pools), dict(out.awards), dict(out.statuses), deepcopy(out.extra))
        seen = attrs.evolve(
            facts, premiums=dict(facts.premiums), bands=dict(facts.bands), premium_refs=dict(facts.premium_refs)
        )
        ledger = paid(reg, ente, scores, org, scratch, copy, seen, measuring=True)
        return setaside.Measured(ledger.amounts, seen.premiums, seen.premium_refs)

    paid(reg, ente, scores, org, trace, out, facts, setaside.found(reg, measure, trace))


def paid(
    reg: Regulation,
    ente: Ente,
    scores: Mapping[str, Score],
    org: OrgPerformance,
    trace: Trace,
    out: Outcome,
    facts: Facts,
    asides: Mapping[str, setaside.SetAside] | None = None,
    measuring: bool = False,
) -> Ledger:
    """The parts paid in order. ``asides``: the set-asides to take from their sources' funds (by the source's name);
    ``measuring``: the set-aside parts paid whole, their fund unbounded (:mod:`.setaside`)."""
    asides = asides or {}
    taken = {a.part.name: a for a in asides.values()}
    ledger = Ledger(base={name: pool.whole for name, pool in out.pools.items()})  # before money moves between funds
    ledger.shares = fundshares.resolved(reg, facts, partial(counted_people, reg, ente=ente, scores=scores), trace)
    if measuring:  # the scratch funds make room for the set-aside parts paid whole (their shares read the base)
        for name in {p.fund for p in reg.parts if p.set_aside and p.fund in out.pools}:
            out.pools[name] = attrs.evolve(out.pools[name], amount=out.pools[name].amount + setaside.UNBOUNDED)
    unevaluated = not_evaluable(reg, ente, scores)
    missing: dict[str, list[Premium]] = {}  # a fund ente.toml lacks → the parts that pay from it: said once
    for pr in reg.premiums:
        pool = opened(reg, pr, ledger, out, trace)
        if pool is None:
            missing.setdefault(pr.fund, []).append(pr)
            continue
        aside = taken.get(name_of(pr))
        with setaside.on_the_whole_fund(aside, facts, trace) if aside is not None else nullcontext():
            formulas = part_formulas(reg, pr, ente, scores, facts, trace)
            amount, fund = budget(reg, pr, pool, ledger, trace)
            if isinstance(pr, Part):  # what a comparto layer took from the part before the split (Pool.reserves)
                for reserve in (r for r in pool.reserves if r.part == pr.name):
                    amount, fund = setaside.layer_reserve(reg, pr, reserve, amount, trace)
            ledger.amounts[name_of(pr)] = amount
            if name_of(pr) in asides:  # the whole set-aside leaves the fund first, for the part set aside
                source = asides[name_of(pr)]
                amount, fund, ledger.reserved[source.part.name] = setaside.reduced(reg, source, amount, fund, trace)
            elif measuring and isinstance(pr, Part) and pr.set_aside:
                amount, fund = setaside.UNBOUNDED, Input("fondo", setaside.UNBOUNDED)
            pay_one(reg, pr, (ente, org, trace), (amount, fund, formulas), ledger, scores, out, facts, unevaluated)
        if aside is not None:
            names = {pid: p.name for pid, p in ente.people.items()}
            setaside.record(reg, aside, names, facts, trace)
    given_back(reg, ledger)
    summed(reg, ledger, ente, trace)
    leftovers(reg, ledger, out, trace)
    shared = shared_funds(reg, ledger)
    if shared:  # only a fund divided among parts: results.json of the others is as it was
        out.extra[PARTS] = shared
    left_out(reg, ente, scores, ledger, out, trace)
    unassigned.record(reg, ente, ledger.admitted, out, trace)
    unscored.record(reg, ente, scores, out, trace)
    for premiums in missing.values():
        missing_fund(reg, premiums, trace, ente.funds, sheet=bool(ente.table(FUND_SHEET)))
    return ledger


def pay_one(
    reg: Regulation,
    pr: Premium,
    ctx: tuple[Ente, OrgPerformance, Trace],
    budgeted: tuple[Decimal, Input, PartFormulas | None],
    ledger: Ledger,
    scores: Mapping[str, Score],
    out: Outcome,
    facts: Facts,
    unevaluated: frozenset[str],
) -> None:
    """One part paid from ``budgeted`` (its amount, the input its figures name, its formulas): the people it admits,
    their amounts and statuses, and what it leaves, sent on where the regulation says."""
    ente, _, trace = ctx
    amount, fund, formulas = budgeted
    # the bonus and the prizes pay people chosen elsewhere (a band, a file): nobody is weighed here
    chosen = METHODS[pr.method].chosen
    if formulas is not None:  # «fondo» reads the part's fund in every formula, «ammesso» too
        formulas.with_fund(fund)
    people = [] if chosen else entries(reg, pr, ente, scores, ctx[1], trace, formulas)
    standing(pr, people, ledger, out, unevaluated)
    if formulas is not None and not chosen:
        left_out_by_condition(pr, people, formulas, ente, ledger, out)
    given = pay_part(reg, pr, fund, people, ctx, ledger, scores, out, formulas)
    given = savings.shared_out(reg, pr, given, ctx, partial(figure_key, reg, pr, out))
    ranked = [ranking_row(name_of(pr), group) for group in given if group.ranking]
    if ranked:  # only a part of several graduatorie: results.json of the others is as it was
        out.extra.setdefault(RANKINGS, []).extend(ranked)
    if chosen:  # a bonus or a prize paid to someone another part excluded: not «escluso» either
        standing(pr, [e for group in given for e, paid, _ in group.paid if paid > 0], ledger, out, unevaluated)
    total = sum((g[1] for group in given for g in group.paid), ZERO)
    if not total:
        kinds = tuple(dict.fromkeys(str(r.get("kind") or "") for r in ente.table(ASSIGNMENTS) if r.get("kind")))
        refused = tuple(formulas.refused) if formulas is not None else ()
        unpaid.warn(reg, pr, amount, people, refused, trace, ente, kinds)
    paid_now = {e.person.id: paid for group in given for e, paid, _ in group.paid}
    refused_now = len(formulas.refused) if formulas is not None else 0
    bonusreach.warn(reg, pr, people, paid_now, facts.premiums, refused_now, trace)
    cut = sum((group.cut for group in given), ZERO)
    ledger.paid[pr.fund] = ledger.paid.get(pr.fund, ZERO) + total
    # an owed part's amount is what it owes, all paid (its fund opens empty): never a negative «non pagato»
    ledger.funded[name_of(pr)], ledger.spent[name_of(pr)] = (total if owed.is_owed(pr) else amount), total
    ledger.bands[name_of(pr)] = {pid: b for group in given for pid, b in group.bands.items()}
    facts.bands[name_of(pr)] = ledger.bands[name_of(pr)]
    facts.premiums[name_of(pr)] = paid_now
    facts.premium_refs[name_of(pr)] = premium_refs(reg, pr, given, out, trace)
    to = reductions.destination(reg, pr)
    if to is not None and cut:  # the reductions' cuts go to a later part, as the regulation says
        ledger.carry(to, cut, f"tolti dalle riduzioni della parte «{name_of(pr)}»")
    left = amount - total - (cut if to is not None else ZERO)
    if isinstance(pr, Part) and pr.residual_to is not None and not suspended(reg, pr, people, ente, trace):
        ledger.carry(pr.residual_to, left, unpaid_by(pr))
        moved(reg, pr, left, fund, out, trace)
        if any(p.set_aside and p.name == pr.residual_to for p in reg.parts):  # what the set-aside does not take
            kept_causes(pr, given, left, ledger)  # stays this part's unpaid (:func:`given_back`), by cause
    elif not owed.is_owed(pr):
        ledger.left[name_of(pr)] = left
        kept_causes(pr, given, left, ledger)
    award(reg, pr, given, ledger, out)
    instalments.schedule(reg, pr, given, partial(figure_key, reg, pr, out), (ente, trace, facts), out)
    settled(reg, pr, given, ledger, out, trace)
    if not owed.is_owed(pr):  # an owed fund's own figure lists its amounts: any other, the part's figure
        left_out = [ente.people[pid] for pid in formulas.refused] if formulas is not None else []
        partpaid.record(reg, pr, fund, given, partial(figure_key, reg, pr, out), trace, left_out)


def suspended(reg: Regulation, pr: Premium, people: list[Entry], ente: Ente, trace: Trace) -> bool:
    """Whether a premium of the part is suspended: an empty cell of one of its people, or a column one of its
    formulas reads and the file lacks, each an error of the run. What such a part leaves unpaid stays its residual,
    never sent on (``residuo_a``): the next part would pay out as its own the money of premiums still to compute."""
    if blanks.among(trace, (e.person.row for e in people)):
        return True
    return any(rowcolumns.unwritten_in(reg, ente, f) for f in formulas_of(pr))


def unpaid_by(pr: Part) -> str:
    """What a part sends on (``residuo_a``), in words: «non pagati dalla parte «A»»."""
    return f"non pagati dalla parte «{pr.name}»"


def given_back(reg: Regulation, ledger: Ledger) -> None:
    """What each part set aside (``accantonata``) did not pay of its source's unpaid, given back to the source, whose
    unpaid it is (the band cuts, the exclusions of the source's split): the part set aside keeps, and is said to have
    been set aside, only what it took; the source's amount is its share less that set-aside (where the source's
    unpaid covered it: else the fund was already reduced by it, :func:`setaside.reduced`). Every euro stays."""
    for part in (p for p in reg.parts if p.set_aside and ledger.left.get(p.name)):
        source = next((p for p in reg.parts if p.residual_to == part.name and p.name in ledger.funded), None)
        if source is None:
            continue
        received = sum((a for w, a in ledger.sent.get(part.name, ()) if w == unpaid_by(source)), ZERO)
        back = min(ledger.left[part.name], received)
        if back <= 0:
            continue
        took = received - back
        ledger.left[part.name] -= back
        ledger.funded[part.name] -= back
        ledger.left[source.name] = ledger.left.get(source.name, ZERO) + back
        ledger.sent[part.name] = [(w, a - back if w == unpaid_by(source) else a) for w, a in ledger.sent[part.name]]
        if part.name not in ledger.reserved:  # its set-aside came out of the source's unpaid
            ledger.funded[source.name] -= took
            ledger.taken[source.name] = (part.name, received, took)
        causes = ledger.causes.pop(source.name, None)
        if causes is not None and took:  # the unpaid by cause, less what the part set aside paid out of it
            taken = Input(f"accantonato per la parte «{part.name}», che lo ha pagato", fmt.Money(-took))
            ledger.causes[source.name] = [*causes, taken]
        elif causes is not None:
            ledger.causes[source.name] = causes


def kept_causes(pr: Premium, given: list[Given], left: Decimal, ledger: Ledger) -> None:
    """What the part kept unpaid (``left``), by cause to the cent, where its graduatorie could all tell them apart."""
    causes = residualcauses.merged([group.causes for group in given]) if given and left else None
    said = residualcauses.inputs(causes, left) if causes is not None else None
    if said:
        ledger.causes[name_of(pr)] = said


def leftovers(reg: Regulation, ledger: Ledger, out: Outcome, trace: Trace) -> None:
    """Where each fund's residual comes from (``pool:<fund>:residuo``, which ``ciclope explain --pool`` says after
    it): what each part kept unpaid, then the share of the fund no part takes. Recorded only when the pieces make
    the residual: a fund a layer also drew on, or whose money moved in ways not counted here, says only the
    subtraction."""
    for fund, pool in out.pools.items():
        parts = [p for p in reg.premiums if p.fund == fund and name_of(p) in ledger.left]
        if not parts or pool.residual <= 0:
            continue
        pieces = [
            Input(left_words(p, ledger), fmt.Money(ledger.left[name_of(p)]),
                  ref=partpaid.key_of(p) if trace.get(partpaid.key_of(p)) else "")
            for p in parts
            if ledger.left[name_of(p)]
        ]  # fmt: skip
        rest = pool.residual - sum((i.value for i in pieces), ZERO)
        if rest < 0 or (rest and not unshared(reg, fund, ledger)):
            continue
        if rest:
            pieces += rest_pieces(reg, fund, ledger, trace, rest)
        by_cause(reg, fund, [p for p in parts if ledger.left[name_of(p)]], ledger, trace)
        trace.record(
            f"pool:{fund}:residuo",
            pool.residual,
            "stanziato − distribuito: ciò che le parti non pagano e la quota che nessuna parte prende",
            residual_source(reg, fund, parts, ledger, rest),
            pieces,
            "Residuo del fondo",
        )


def rest_pieces(reg: Regulation, fund: str, ledger: Ledger, trace: Trace, rest: Decimal) -> list[Input]:
    """The share of a fund no part takes, by part where the parts' quota formulas cut it: each part's nominal share
    less what it took («non erogato dalla parte «quantità», quota del fondo 25,50% invece di 30%» € 632,65, read from
    the quota's own figure, its formula and what it read), then what no nominal share takes either; one piece
    (:func:`rest_words`) where no formula has a nominal share, or where the cuts would pass the rest."""
    words = rest_words(reg, fund, ledger, trace)
    cut = [(p, found) for p in reg.parts if p.fund == fund and (found := shortfall(reg, p, ledger)) is not None]
    taken = sum((amount for _, (_, amount) in cut), ZERO)
    if not cut or taken > rest or words != UNTAKEN:
        return [Input(words, fmt.Money(rest))]
    out = [
        Input(cut_words(p, ledger, nominal), fmt.Money(amount), ref=ledger.shares[p.name][1].ref)
        for p, (nominal, amount) in cut
    ]
    return [*out, Input(UNTAKEN, fmt.Money(rest - taken))] if rest > taken else out


UNTAKEN = "quota del fondo che nessuna parte prende"


def nominal_share(part: Part) -> Decimal | None:
    """The share of its fund a part's quota formula multiplies, × each ``di_cui``: «=30% * SE(…)» → 30%, what the
    part would take if the rest of the formula gave 100%; None where the formula is not a fixed percentage times
    the rest (or the quota is a number, its own nominal share)."""
    if not isinstance(part.fund_share, Formula):
        return None
    tree = part.fund_share.tree
    if not isinstance(tree, Binary) or tree.op != "*":
        return None
    fixed = [n.value for n in (tree.left, tree.right) if isinstance(n, Num) and n.percent and not n.unit]
    if len(fixed) != 1:
        return None
    share = fixed[0]
    for of in part.of_shares:
        share *= of
    return share


def shortfall(reg: Regulation, part: Part, ledger: Ledger) -> tuple[Decimal, Decimal] | None:
    """A part's nominal share (:func:`nominal_share`) and what its quota formula left of it, to the cent: the fund ×
    the nominal share, half-up, less the part's share of the fund as it was split (:func:`share_of_fund`); None
    where it took it all or has none."""
    nominal = nominal_share(part)
    if nominal is None or part.name not in ledger.shares or part.fund not in ledger.base:
        return None
    own, _ = share_of_fund(reg, part, ledger)
    amount = money.r2(ledger.base[part.fund] * nominal) - own
    return (nominal, amount) if amount > 0 else None


def cut_words(part: Part, ledger: Ledger, nominal: Decimal) -> str:
    """«non erogato dalla parte «quantità», quota del fondo 25,50% invece di 30%»: the part's share and its nominal."""
    return f"non erogato dalla parte «{part.name}», quota del fondo {shares_said(ledger.shares[part.name][0], nominal)}"


def shares_said(share: Decimal, nominal: Decimal) -> str:
    """«25,50% invece di 30%»: a part's share of its fund beside its nominal share."""
    return f"{fmt.pct_share(share)} invece di {fmt.pct_share(nominal)}"


def rest_words(reg: Regulation, fund: str, ledger: Ledger, trace: Trace) -> str:
    """The share of a fund no part takes, in words: of a fund whose one part takes a share its formula computed (the
    incentive «in proporzione al raggiungimento»), the cut of that quota and why: «non distribuito: la quota del
    fondo della parte «P3» è 0%, perché il raggiungimento dell'obiettivo «P3» è meno di 60% (…)»; else «quota del
    fondo che nessuna parte prende»."""
    sharing = [p for p in reg.parts if p.fund == fund and p.name in ledger.shares]
    if len(sharing) != 1 or not isinstance(sharing[0].fund_share, Formula):
        return UNTAKEN
    part, share = sharing[0], ledger.shares[sharing[0].name][1]
    quota = trace.get(share.ref) if share.ref else None
    why = quota.note.removeprefix(fundshares.ZERO_SHARE) if quota is not None else ""
    said = fmt.pct_share(share.value)
    return f"non distribuito: la quota del fondo della parte «{part.name}» è {said}" + (
        why if why.startswith(", perché") else ""
    )


def residual_source(reg: Regulation, fund: str, parts: list[Premium], ledger: Ledger, rest: Decimal) -> Citation:
    """The rules that make a fund's residual: each part that keeps money unpaid, then, for the share of the fund no
    part takes, the quota of each of its parts (their shares sum to less than the whole); never one part's rule for
    what another part, or no part, leaves."""
    keeping = [p for p in parts if ledger.left[name_of(p)]]
    sharing = [p for p in reg.parts if p.fund == fund and p.name in ledger.shares] if rest else []
    return joined(reg, (cite(reg, p.source) for p in (*keeping, *sharing)))


BUDGET_CAUSES = (
    "somma delle cause: gli esclusi, le riduzioni che non vanno ai colleghi, la parte del budget che il punteggio non "
    "paga, i centesimi degli arrotondamenti"
)
FORMULA_CAUSES = (
    "somma delle cause: ciò che la formula dell'importo non distribuisce, le riduzioni che restano nella parte"
)
HALF_UP_CAUSES = (
    "somma delle cause: i centesimi che l'arrotondamento matematico delle quote lascia, le riduzioni che restano nella "
    "parte"
)


def causes_formula(p: Premium) -> str:
    """What the figure of a part's residual by cause sums, by how the part tells its causes apart."""
    if p.method == "formula":
        return FORMULA_CAUSES
    return HALF_UP_CAUSES if isinstance(p, Part) and p.rounding == HALF_UP else BUDGET_CAUSES


def by_cause(reg: Regulation, fund: str, parts: list[Premium], ledger: Ledger, trace: Trace) -> None:
    """What each part kept unpaid, by cause, where its method tells them apart: ``pool:<fund>:residuo:<n>``, the n-th
    piece of the fund's residual (which ``ciclope explain --pool`` says under that piece)."""
    for n, p in enumerate(parts, start=1):
        causes = ledger.causes.get(name_of(p))
        if causes is None:
            continue
        trace.record(
            f"pool:{fund}:residuo:{n}",
            ledger.left[name_of(p)],
            causes_formula(p),
            cite(reg, p.source),
            causes,
            f"Residuo della parte «{name_of(p)}» per causa",
        )


def left_words(p: Premium, ledger: Ledger) -> str:
    """What a part left unpaid, by its name; of a part that received money from earlier ones (``residuo_a``, the cuts
    of their reductions), with where its fund came from and what it paid, so that the residual reads by part: «lasciato
    dalla parte «interim» (che dei € 16.791,97 non pagati dalla parte «diretto» ha pagato € 3.215,76)»; of a part a
    part set aside took from (:func:`given_back`), with what that took: «lasciato dalla parte «individuale» (dei
    € 3.030,46 che non ha pagato, € 597,96 sono accantonati per la parte «maggiorazione»)»."""
    if not isinstance(p, Part):
        return "lasciato dal premio"
    said = f"lasciato dalla parte «{p.name}»"
    if p.name in ledger.taken and ledger.taken[p.name][2]:
        part, unpaid, took = ledger.taken[p.name]
        return f"{said} (dei {fmt.euro(unpaid)} che non ha pagato, {fmt.euro(took)} sono accantonati per la parte «{part}»)"
    received = [(words, amount) for words, amount in ledger.sent.get(p.name, ()) if amount]
    if not received or p.name not in ledger.funded:
        return said
    own = ledger.funded[p.name] - sum((amount for _, amount in received), ZERO)
    pieces = [f"della sua quota di {fmt.euro(own)}"] if own > 0 else []
    pieces += [f"dei {fmt.euro(amount)} {words}" for words, amount in received]
    return f"{said} (che {fmt.listed(pieces)} ha pagato {fmt.euro(ledger.spent[p.name])})"


def unshared(reg: Regulation, fund: str, ledger: Ledger) -> bool:
    """True when the parts of ``fund`` take shares of it that sum to less than the whole: the rest is no part's."""
    parts = [p for p in reg.parts if p.fund == fund]
    written = [ledger.shares[p.name] for p in parts if p.name in ledger.shares]
    return bool(parts) and len(written) == len(parts) and sum((s[0] for s in written), ZERO) < 1


def opened(reg: Regulation, pr: Premium, ledger: Ledger, out: Outcome, trace: Trace) -> Pool | None:
    """The part's fund before it pays (None: missing). The fund of an owed part opens empty, at its first part."""
    if owed.is_owed(pr) and pr.fund not in ledger.owed:
        out.pools[pr.fund] = owed.opened(reg, pr, out.pools.get(pr.fund), trace)
        ledger.base[pr.fund] = ZERO
        ledger.owed[pr.fund] = []
    return out.pools.get(pr.fund)


def settled(reg: Regulation, pr: Premium, given: list[Given], ledger: Ledger, out: Outcome, trace: Trace) -> None:
    """The part's fund after it paid: an owed fund grows to what its parts paid; any other has paid that much."""
    if not owed.is_owed(pr):
        out.pools[pr.fund] = out.pools[pr.fund].with_distributed(ledger.paid[pr.fund])
        return
    owing = [p for p in reg.parts if p.fund == pr.fund]
    ledger.owed[pr.fund] += owed.amounts(pr, given, lambda pid: figure_key(reg, pr, out, pid), len(owing) > 1)
    out.pools[pr.fund] = owed.closed(out.pools[pr.fund], ledger.owed[pr.fund], owing, trace)


def left_out(
    reg: Regulation, ente: Ente, scores: Mapping[str, Score], ledger: Ledger, out: Outcome, trace: Trace
) -> None:
    """The outcome of each person a part's condition left out and no other part admitted (never a stale «esito»):
    «non ammesso», with the parts that left them out; «non valutato» where the card a part of their role needed is
    missing (:func:`card_missing`), whatever the other conditions say."""
    for pid, part in ledger.left_out.items():
        if out.statuses.get(pid) != NOT_ADMITTED:
            continue
        if card_missing(reg, ente.people[pid], scores, trace):
            del out.statuses[pid]
        elif isinstance(part, Part):
            refused = [p for p in reg.parts if p is part or _refused(trace, p, pid)]
            record_not_admitted(reg, refused, ente.people[pid], trace)


def paid_outcomes(scores: Mapping[str, Score], out: Outcome, trace: Trace) -> None:
    """The outcome of an evaluated person whom something pays for their performance (a part, the result pay): no
    longer «non ammesso» by a part whose condition left them out, which is that part's own line (its figure
    ``ammesso:…`` stays); their outcome is their evaluation's. Position pay is no such payment."""
    for award in out.awards.values():
        pid, pool = award.person, out.pools.get(award.pool)
        if out.statuses.get(pid) != NOT_ADMITTED or award.amount <= 0 or pool is None or pool.kind == money.POSITION:
            continue
        s = scores.get(pid)
        if s is not None and s.score is not None:
            del out.statuses[pid]
            trace.figures.pop(f"score:{pid}:status", None)


def card_missing(reg: Regulation, person: Person, scores: Mapping[str, Score], trace: Trace) -> bool:
    """Whether the person lacks the card a part of their role needed: without one (rules/core.md §3), of a role some
    part pays by its evaluation, whose condition (read without the card, :meth:`PartFormulas.refuse_unweighed`) did
    not leave them out. Their outcome is then «non valutato», the first true reason, whatever the condition of a part
    that needs no evaluation says of them (that part's own line says it); not where every such part leaves them out,
    and no card could pay them."""
    s = scores.get(person.id)
    if s is not None and (s.score is not None or s.status != "not_evaluated"):
        return False
    return any(
        person.role in pr.roles
        and pr.evaluation
        and not METHODS[pr.method].chosen
        and not _said_no(trace, pr, person.id)
        for pr in reg.premiums
    )


def _said_no(trace: Trace, pr: Premium, pid: str) -> bool:
    figure = trace.get(f"ammesso:{name_of(pr)}:{pid}") if isinstance(pr, Part) else None
    return figure is not None and figure.value is False


def _refused(trace: Trace, part: Part, pid: str) -> bool:
    """Whether the part's condition left the person out by a value of theirs: not a part whose condition read only
    nothing (a project of 0%, a premium never paid them), which is no part of theirs and no reason to name."""
    figure = trace.get(f"ammesso:{part.name}:{pid}")
    read = [i for i in figure.inputs if i.name != Trace.RULE_NOTE] if figure is not None else []
    return figure is not None and figure.value is False and any(not _nothing(i.value) for i in read)


def _nothing(value: object) -> bool:
    return value is None or value is False or value == "" or (isinstance(value, Decimal) and value == 0)


def left_out_by_condition(
    pr: Premium, people: list[Entry], formulas: PartFormulas, ente: Ente, ledger: Ledger, out: Outcome
) -> None:
    """Those the part's condition left out: a status that says why, the first part that left each one out, and how
    many the condition admitted (``people``, whom the part weighs) and left out, for the Relazione."""
    standing(pr, [not_admitted(pr, ente.people[pid]) for pid in formulas.refused], ledger, out)
    for pid in formulas.refused:
        ledger.left_out.setdefault(pid, pr)
    ledger.weighed[name_of(pr)] = (len(people), len(formulas.refused))


def standing(
    pr: Premium, people: list[Entry], ledger: Ledger, out: Outcome, unevaluated: frozenset[str] = frozenset()
) -> None:
    """Each person's status as the parts decide it, in the order they are paid: the first part that admits them
    gives its ``stato_ammessi``, if it has one; an exclusion's status stands only while no part admits them. So an
    exclusion limited to some parts (``parti``) never calls «escluso» a person another part pays: the explanation
    of the part that excludes them says why. ``unevaluated`` (:func:`not_evaluable`), once admitted, are
    «senza valutazione individuale», never «non valutato»."""
    for e in people:
        pid = e.person.id
        if e.status is None:
            if pid in ledger.excluded:
                ledger.excluded.discard(pid)
                del out.statuses[pid]
            ledger.admitted.add(pid)
            given = pr.admitted or (WITHOUT_EVALUATION if pid in unevaluated else None)
            if given and pid not in out.statuses:
                out.statuses[pid] = given
        elif pid not in ledger.admitted and (pid not in out.statuses or _outweighs(e.status, out.statuses[pid])):
            out.statuses[pid] = e.status
            ledger.excluded.add(pid)


def _outweighs(status: str, before: str) -> bool:
    """True when ``status`` takes the place of the person's status so far: an exclusion by a part whose condition
    admits the person says more than «non ammesso» by a part that never concerned them, whichever is paid first."""
    return before == NOT_ADMITTED and status != NOT_ADMITTED


def not_evaluable(reg: Regulation, ente: Ente, scores: Mapping[str, Score]) -> frozenset[str]:
    """The people without an evaluation whose premium could not depend on one: of roles that only parts without
    individual evaluation (``valutazione = false``) pay, and not the result pay. A person of a role some part does
    evaluate stays «non valutato»: that part did not pay them for want of an evaluation."""
    evaluated = reg.evaluated_roles
    return frozenset(
        p.id
        for p in ente.people.values()
        if p.role not in evaluated and (scores.get(p.id) is None or scores[p.id].status == "not_evaluated")
    )


def premium_refs(reg: Regulation, pr: Premium, given: list[Given], out: Outcome, trace: Trace) -> dict[str, str]:
    """Each paid person's figure of the part's premium, where one is recorded: what ``PREMIO`` of a later part refers
    to (its explanation, and an amount in euro)."""
    keys = {e.person.id: figure_key(reg, pr, out, e.person.id) for group in given for e, _, _ in group.paid}
    return {pid: key for pid, key in keys.items() if trace.get(key) is not None}


def moved(reg: Regulation, pr: Part, left: Decimal, fund: Input, out: Outcome, trace: Trace) -> None:
    """What a part leaves unpaid going to a part of another fund: the fund it leaves is that much smaller, the fund
    it reaches that much larger (each still conserved: distributed + residual = its amount), recorded."""
    target = next(p for p in reg.parts if p.name == pr.residual_to)
    if target.fund == pr.fund or not left or target.fund not in out.pools:
        return
    source, to = out.pools[pr.fund], out.pools[target.fund]
    out.pools[pr.fund] = attrs.evolve(source, amount=source.amount - left)
    out.pools[target.fund] = attrs.evolve(to, amount=to.amount + left)
    trace.record(
        f"pool:{pr.fund}:trasferito:{target.name}",
        left,
        f"ciò che la parte «{pr.name}» non paga va alla parte «{target.name}», che paga da un altro fondo",
        cite(reg, pr.source),
        [fund, Input("pagato dalla parte", fund.value - left)],
        f"Residuo della parte «{pr.name}» trasferito",
    )


def part_formulas(
    reg: Regulation, pr: Premium, ente: Ente, scores: Mapping[str, Score], facts: Facts, trace: Trace
) -> PartFormulas | None:
    """The part's formulas over the people it counts (:func:`counted_people`)."""
    if not isinstance(pr, Part) or not uses_formulas(pr):
        return None
    return PartFormulas.of(reg, pr, facts, counted_people(reg, pr, ente, scores), trace)


def counted_people(reg: Regulation, pr: Premium, ente: Ente, scores: Mapping[str, Score]) -> list[Person]:
    """The people a part's formulas count: its roles, scored or with a declared status (everyone of its roles in a
    part that reads no evaluation)."""
    declared = {s.name for s in reg.statuses}
    return [
        p
        for p in ente.people.values()
        if p.role in pr.roles and (not pr.evaluation or counted(scores.get(p.id), declared))
    ]


def shares_fund(reg: Regulation, pr: Premium) -> bool:
    """True when another part pays from the same fund: each part's figures are then kept apart and summed."""
    return sum(1 for p in reg.premiums if p.fund == pr.fund) > 1


def figure_key(reg: Regulation, pr: Premium, out: Outcome, pid: str) -> str:
    if shares_fund(reg, pr):
        return f"premio:{name_of(pr)}:{pid}"
    return f"award:{award_key(out, pid, pr.fund)}"


def award_key(out: Outcome, pid: str, fund: str) -> str:
    """A person's first award is under their id, a further one under id:fund (how explain finds each)."""
    if pid not in out.awards or out.awards[pid].pool == fund:
        return pid
    return f"{pid}:{fund}"


def budget(reg: Regulation, pr: Premium, pool: Pool, ledger: Ledger, trace: Trace) -> tuple[Decimal, Input]:
    """The amount of the part (its share of the fund and what earlier parts sent it), as the input of its
    figures; a part with a share or a residual received has its own recorded figure."""
    own = ledger.base.setdefault(pr.fund, pool.amount)  # the shares are of the fund as given
    fund = Input("fondo", own, ref=f"pool:{pr.fund}")
    reserved = ledger.reserved.get(name_of(pr))
    if not isinstance(pr, Part) or (pr.fund_share is None and pr.name not in ledger.carried and reserved is None):
        return own, fund
    cents = ""
    if pr.fund_share is not None:
        own, cents = share_of_fund(reg, pr, ledger)
    received = ledger.carried.get(pr.name, ZERO)
    amount = own + received + (reserved.value if reserved is not None else ZERO)
    key = f"pool:{pr.fund}:{pr.name}"
    share = ledger.shares[pr.name][1] if pr.name in ledger.shares else Input("quota del fondo", Decimal(1))
    inputs = [fund, share]
    words = "fondo × quota del fondo"
    for of in pr.of_shares:  # «il 20% …, di cui l'80%»: the part's share of that share, and of that one
        inputs.append(Input("di cui", fmt.Percent(of)))  # a share of a share: «80%», as the text writes it
        words += " × di cui"
    if pr.name in ledger.carried:
        inputs.append(Input("residuo ricevuto dalle parti precedenti", received))
        words += " + residuo ricevuto dalle parti precedenti"
    if reserved is not None:  # the set-aside the part's source left its fund for it (pay.setaside)
        inputs.append(reserved)
        words += " + accantonamento"
    # a fund a share of 0 empties says why, as the share does: the reason of every premium of 0 it pays
    quota = trace.get(share.ref) if share.ref and not amount else None
    why = quota.note if quota is not None and quota.note.startswith(fundshares.ZERO_SHARE) else ""
    note = fmt.clauses(why, fundshares.quota_said(pr, trace, share), cents)  # the quota by its formula, then its cents
    trace.record(key, amount, words, cite(reg, pr.source), inputs, f"Fondo della parte «{pr.name}»", note)
    return amount, Input(f"fondo della parte «{pr.name}»", amount, ref=key)


PART_TIE = "a parità di resto il centesimo va alla parte scritta prima"  # the order of [[premi]] (money.split's rank)


def share_of_fund(reg: Regulation, pr: Part, ledger: Ledger) -> tuple[Decimal, str]:
    """The part's share of its fund, to the cent by the largest remainders among the parts of the fund (what no part
    takes, ``""``, among them), and how it came to the cent where it is not whole cents (:func:`money.split_notes`),
    as a premium's note says it: «importo esatto € 1.195,0150: € 1.195,01 al centesimo per difetto: a parità di resto
    il centesimo va alla parte scritta prima»."""
    shares = {p.name: ledger.shares[p.name][0] for p in reg.parts if p.fund == pr.fund and p.name in ledger.shares}
    order = {name: i for i, name in enumerate(shares)}
    rest = Decimal(1) - sum(shares.values(), Decimal(0))
    weights = {**shares, "": rest}  # "": what no part takes
    split = money.split(ledger.base[pr.fund], weights, rank=order)
    notes = money.split_notes(ledger.base[pr.fund], weights, split, PART_TIE)
    return split[pr.name], notes.get(pr.name, "")


RANKINGS = "graduatorie"  # results.json's extra: what each graduatoria of a part had and paid
PARTS = "parti"  # results.json's extra: each part of a fund divided among parts, its share, amount and what it paid


def shared_funds(reg: Regulation, ledger: Ledger) -> list[dict[str, Any]]:
    """Each part of a fund that several parts divide (``quota_fondo``: 40% and 60%), in the order they are paid: its
    fund, its share of it (None: no share of its own), its amount (the share, and what earlier parts sent it) and
    what it paid — so the Relazione shows how the fund was divided before each part divided its own. A part set
    aside (``accantonata``) names the part it is set aside from, whose residual it would otherwise be: its amount is
    no share of the fund."""
    return [
        {"fund": p.fund, "part": p.name, "share": ledger.shares[p.name][0] if p.name in ledger.shares else None,
         "amount": ledger.funded[p.name], "paid": ledger.spent[p.name], **aside_from(reg, p), **weighed(ledger, p),
         **short_of(reg, p, ledger)}
        for p in reg.parts
        if p.name in ledger.funded and shares_fund(reg, p)
    ]  # fmt: skip


def short_of(reg: Regulation, part: Part, ledger: Ledger) -> dict[str, str]:
    """``{"short": "€ 632,65 (25,50% invece di 30%)"}`` for a part whose quota formula left some of its nominal share
    unassigned (:func:`shortfall`), what the Relazione's «Parti dei fondi» shows beside it; {} otherwise."""
    found = shortfall(reg, part, ledger)
    if found is None:
        return {}
    nominal, amount = found
    return {"short": f"{fmt.euro(amount)} ({shares_said(ledger.shares[part.name][0], nominal)})"}


def weighed(ledger: Ledger, part: Part) -> dict[str, int]:
    """``{"admitted": n, "refused": m}`` for a part with a condition (``ammesso``): how many of the people it weighed
    the condition admits and how many it leaves out (the OIV sees them without opening each person); {} otherwise."""
    if part.admitted_if is None or part.name not in ledger.weighed:
        return {}
    admitted, refused = ledger.weighed[part.name]
    return {"admitted": admitted, "refused": refused}


def aside_from(reg: Regulation, part: Part) -> dict[str, Any]:
    """``{"set_aside_from": name}`` for a part set aside from the part whose residual goes to it; for a part with no
    share of the fund (``quota_fondo = 0``) that receives the residual of others, ``{"residual_of": [names]}``: its
    amount is what they did not pay, never «0%» of the fund; {} otherwise."""
    sources = [p.name for p in reg.parts if p.residual_to == part.name]
    if part.set_aside:
        return {"set_aside_from": sources[0]} if sources else {}
    return {"residual_of": sources} if sources and part.fund_share == 0 else {}


def ranking_row(part: str, group: Given) -> dict[str, Any]:
    """One graduatoria of ``part``: its name, its share of the fund, the people its share was weighed on (everyone
    in service of the part's roles in it, :func:`rankings.split`), those it lists (not those excluded by a status nor
    those without an evaluation), those paid something and the total paid (the fund less it is its residual)."""
    assert group.ranking is not None
    name, fund = group.ranking
    listed = [(e, amount) for e, amount, _ in group.paid if e.status is None]
    paid = sum((amount for _, amount in listed), ZERO)
    return {"part": part, "ranking": name, "fund": fund, "counted": group.counted, "people": len(listed),
            "paid_people": sum(1 for _, amount in listed if amount > 0), "paid": paid}  # fmt: skip


def pay_part(
    reg: Regulation,
    pr: Premium,
    fund: Input,
    people: list[Entry],
    ctx: tuple[Ente, OrgPerformance, Trace],
    ledger: Ledger,
    scores: Mapping[str, Score],
    out: Outcome,
    formulas: PartFormulas | None = None,
) -> list[Given]:
    ente = ctx[0]

    def key(pid: str) -> str:
        return figure_key(reg, pr, out, pid)

    if isinstance(pr, Part) and METHODS[pr.method].chosen:  # the people are chosen elsewhere: a band, a file
        return CHOSEN[pr.method](reg, pr, fund, ctx, key, ledger, scores, formulas)
    if not isinstance(pr, Part) or pr.rankings == "ente":
        return [distribute(reg, pr, fund, people, ctx, key, None, formulas)]
    cap = top_places(pr, ente) if pr.top_cap is not None else None
    paid = []
    firsts = {b.name for b in pr.bands[: rankings.top_count(pr)]}
    for group, members, amount, count in rankings.split(reg, pr, fund, people, ctx):
        given = distribute(reg, pr, amount, members, ctx, key, cap, formulas)
        given = attrs.evolve(given, ranking=(rankings.label_of(reg, pr, group, ente), amount.value), counted=count)
        paid.append(given)
        if cap is not None:  # the ceiling counts the whole ente's staff, across its graduatorie
            cap -= sum(1 for band in given.bands.values() if band in firsts)
    return paid


Chooser = Callable[
    [
        Regulation,
        Part,
        Input,
        tuple[Ente, OrgPerformance, Trace],
        Callable[[str], str],
        Ledger,
        Mapping[str, Score],
        PartFormulas | None,
    ],
    list[Given],
]
# The methods that pay people chosen elsewhere, each with what pays them (the others weigh people: pay.premium).
CHOSEN: dict[str, Chooser] = {
    "importi": lambda reg, pr, fund, ctx, key, ledger, scores, formulas: recorded.pay(
        reg, pr, fund, ctx, key, scores, formulas
    ),
    "migliori": lambda reg, pr, fund, ctx, key, ledger, scores, formulas: [
        best.pay(reg, pr, fund, ledger.bands.get(pr.among or "", {}), scores, ctx, key)
    ],
}


def award(reg: Regulation, pr: Premium, given: list[Given], ledger: Ledger, out: Outcome) -> None:
    """The part's amounts as awards: one per person and fund, a shared fund's parts added to it."""
    for group in given:
        for e, paid, band in group.paid:
            pid = e.person.id
            k = award_key(out, pid, pr.fund)
            if shares_fund(reg, pr):
                ledger.shared.setdefault((pid, pr.fund), []).append((name_of(pr), k, paid))
                before = out.awards.get(k)
                total = paid + (before.amount if before is not None else ZERO)
                out.awards[k] = Award(
                    person=pid, amount=total, pool=pr.fund, band=band or (before.band if before is not None else None)
                )
            else:
                out.awards[k] = Award(person=pid, amount=paid, pool=pr.fund, band=band)


def summed(reg: Regulation, ledger: Ledger, ente: Ente, trace: Trace) -> None:
    """The award of a person paid by several parts of one fund: the sum of the parts, each part it sums cited (a part
    of the fund that did not pay the person, as the maggiorazione to those it did not choose, is no rule of theirs)."""
    for (pid, fund), paid in ledger.shared.items():
        total = sum((amount for _, _, amount in paid), ZERO)
        inputs = [Input(f"premio della parte «{name}»", amount, ref=f"premio:{name}:{pid}") for name, _, amount in paid]
        words = " + ".join(f"premio della parte «{name}»" for name, _, _ in paid)
        summed_parts = {name for name, _, _ in paid}
        parts = (p for p in reg.premiums if p.fund == fund and name_of(p) in summed_parts)
        source = joined(reg, (cite(reg, p.source) for p in parts))
        if total == 0:  # an excluded person's nothing: the rule that excluded them first
            source = outcome_source(reg, trace, pid, source)
        label = f"Premio di {ente.people[pid].name}"
        trace.record(f"award:{paid[0][1]}", total, words, source, inputs, label)


FUND_SHEET = "fondo"  # the fondo risorse decentrate an ente of the comparto constitutes in its workbook


def missing_fund(
    reg: Regulation, premiums: Sequence[Premium], trace: Trace, written: Iterable[str] = (), sheet: bool = False
) -> None:
    """The parts whose one fund ente.toml does not give (``premiums``, at least one): a problem naming the fund once,
    every part it leaves without a premium, and the name written in its place; with a ``fondo`` sheet (``sheet``),
    also the row of it that would give it."""
    code = premiums[0].fund
    if reg.constitutes(code):
        return  # a fund the regulation constitutes ([[fondi]]) and could not: its error says the parts do not pay
    parts = [pr for pr in premiums if isinstance(pr, Part)]
    named = fmt.listed(f"«{pr.name}»" for pr in parts)
    unowed = [f"«{pr.name}»" for pr in parts if pr.method == "formula" and not pr.owed]
    owed = f"{'nella parte' if len(unowed) == 1 else 'nelle parti'} {fmt.listed(unowed)}" if unowed else ""
    trace.problem(
        Problem(
            rule="regolamento.fondo",
            severity="error" if funds.mistyped(code, written) else "warning",  # a typo, not a fund left out,
            source=joined(reg, (cite(reg, pr.source) for pr in premiums)),
            file="ente.toml",
            column=f"funds.{code}",
            message=f"{funds.missing(code, written)}: nessun premio calcolato"
            + (f" per {'la parte' if len(parts) == 1 else 'le parti'} {named}" if parts else "")
            # the key is where the problem is (ente.toml [fondi] …): named in the text, it would be said by its label
            + "; scrivine l'importo in ente.toml, nel blocco [fondi] (ogni premio viene da un fondo, anche un importo "
            "fisso per persona)"
            + (
                f", o nel foglio fondo una riga destinazione con fondo_premi = {code}, la parte del fondo risorse "
                "decentrate che lo paga"
                if sheet
                else ""
            )
            + (
                f"; se il testo dà l'importo di ciascuno e nessun fondo da dividere, scrivi dovuto = true {owed} "
                "del regolamento: il fondo è allora la somma degli importi"
                if owed
                else ""
            ),
        )
    )
