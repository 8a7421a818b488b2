"""What a part left unpaid, by cause (an OIV's question: why is there a residual?).

A budget part (:mod:`.budget`) gives each person the part's amount × their weight / Σ weights of everyone it counts,
excluded included; what it does not pay of each budget is told apart exactly: the whole budget of each one excluded
(by the exclusion that excluded them), the budget less budget × score / 100 (or × the coefficient) of each one
admitted, the cents each premium lost when rounded down, and what the reductions cut without sharing it (their
``economie`` stay residual of the part). A split with a maximum per person whose excess stays residual («fino a»,
``massimo_persona`` without ``residuo = "ridistribuisci"``) tells apart what the maximum kept of each share and the
reductions' cuts. A formula part whose reductions' cuts stay in it tells those cuts from what its formula does not
distribute of the fund. Any other method, or a budget part whose amounts are not its budgets rounded
down (a fund short of them, a residual redistributed), says nothing: its causes cannot be told apart exactly.

Each cause is said with the people it concerns counted, never named, and the article that makes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import attrs

from ciclope.core import Input, fmt, money
from ciclope.plugins.regolamento.format.spec import Exclusion, Part, Premium, Regulation
from ciclope.plugins.regolamento.pay import eligibility, reductions
from ciclope.plugins.regolamento.pay.shapes import ZERO, Entry, Plan

ROUNDING = "arrotondamento per difetto al centesimo"
# what a formula does not distribute, the exclusions, then the reductions, the maximum per person, the scores
ORDER = {"": -1, "escluso": 0, "ridotto": 1, "pagato": 2, "con": 3}
TOLERANCE = Decimal("1e-12")  # the exact arithmetic of 28 digits: a budget's sum is the fund within it


@attrs.frozen
class Cause:
    """One cause of what a part left: the words of one person and of several («escluso», «esclusi»), what follows
    them («per punteggio sotto il minimo di 60 (art. 7)»)."""

    one: str
    many: str
    why: str


Causes = dict[Cause, tuple[int, Decimal]]  # each cause: the people it concerns and what it left (exact)


def of_budget(
    reg: Regulation,
    pr: Premium,
    people: Sequence[Entry],
    plan: Plan,
    amount: Decimal,
    before_cuts: Mapping[str, Decimal],
    cuts: Mapping[str, Decimal],
) -> Causes | None:
    """The causes of what the budget part ``pr`` left of ``amount`` (paid ``before_cuts``, then cut by ``cuts``);
    None where they cannot be told apart exactly."""
    if not plan.budgets or any(before_cuts.get(pid) != money.floor2(v) for pid, v in plan.values.items()):
        return None
    weights = {e.person.id: e.share * e.factor for e in people}
    total = sum(weights.values(), Decimal(0))
    if total == 0:
        return None
    causes: Causes = {}
    rounding = ZERO
    for e in people:
        pid = e.person.id
        budget = amount * weights[pid] / total
        if e.status is not None:
            ex = _exclusion(reg, pr, e)
            if ex is None:
                return None
            _add(causes, Cause("escluso", "esclusi", f"per {eligibility.reason(ex)}{_art(ex.source)}"), budget)
            continue
        _add(causes, _below(pr, e), budget - plan.values[pid])
        rounding += plan.values[pid] - before_cuts[pid]
    _add(causes, Cause("", "", ROUNDING), rounding, people=0)
    return _with_cuts(reg, pr, people, causes, amount - sum(before_cuts.values(), ZERO), cuts)


def of_maximum(
    reg: Regulation,
    pr: Premium,
    people: Sequence[Entry],
    shares: Mapping[str, Decimal],
    before_cuts: Mapping[str, Decimal],
    cuts: Mapping[str, Decimal],
) -> Causes | None:
    """The causes of what a part with a maximum per person whose excess stays residual left: what the maximum kept
    of each one's share of the split (``shares``, which make the part's amount), then the reductions' cuts."""
    causes: Causes = {}
    for pid, share in shares.items():
        if share > before_cuts.get(pid, ZERO):
            _add(
                causes, Cause("pagato", "pagati", f"al massimo per persona{_art(pr.source)}"), share - before_cuts[pid]
            )
    return _with_cuts(reg, pr, people, causes, sum(shares.values(), ZERO) - sum(before_cuts.values(), ZERO), cuts)


def of_formula(
    reg: Regulation,
    pr: Premium,
    people: Sequence[Entry],
    plan: Plan,
    amount: Decimal,
    before_cuts: Mapping[str, Decimal],
    cuts: Mapping[str, Decimal],
) -> Causes | None:
    """The causes of what a formula part left of ``amount``: what its formula does not distribute (the formula's own
    reading, one piece), then the reductions' cuts that stay in the part. None where no cut stays there (the one
    piece would repeat the residual) or where the amounts are not the formula's own, to the cent (a fund short of
    them)."""
    if not cuts or reductions.destination(reg, pr) is not None:
        return None
    if any(before_cuts.get(pid) != money.r2(v) for pid, v in plan.values.items()):
        return None
    causes: Causes = {}
    rest = amount - sum(before_cuts.values(), ZERO)
    _add(causes, Cause("", "", f"non distribuito dalla formula dell'importo{_art(pr.source)}"), rest, people=0)
    return _with_cuts(reg, pr, people, causes, rest, cuts)


HALF_UP = "centesimi dell'arrotondamento matematico"  # what half-up shares leave of their fund (``arrotondamento``)


def of_rounding(
    reg: Regulation,
    pr: Premium,
    people: Sequence[Entry],
    amount: Decimal,
    before_cuts: Mapping[str, Decimal],
    cuts: Mapping[str, Decimal],
) -> Causes | None:
    """The causes of what a part that rounds each share half-up (``arrotondamento = "matematico"``) left of
    ``amount``: the cents the rounding left (one piece), then the reductions' cuts that stay in the part."""
    causes: Causes = {}
    rest = amount - sum(before_cuts.values(), ZERO)
    _add(causes, Cause("", "", f"{HALF_UP}{_art(pr.source)}"), rest, people=0)
    return _with_cuts(reg, pr, people, causes, rest, cuts)


def _with_cuts(
    reg: Regulation,
    pr: Premium,
    people: Sequence[Entry],
    causes: Causes,
    unpaid: Decimal,
    cuts: Mapping[str, Decimal],
) -> Causes | None:
    """``causes`` with the reductions' cuts that stay in the part; None unless, before the cuts, they make exactly
    what the split did not pay (``unpaid``)."""
    if abs(sum((v for _, v in causes.values()), ZERO) - unpaid) > TOLERANCE:
        return None
    if reductions.destination(reg, pr) is None:  # the cuts stay in the part: a cause of its own
        for e in people:
            if cuts.get(e.person.id):
                _add(causes, _reduced(reg, e), cuts[e.person.id])
    return causes


def _add(causes: Causes, cause: Cause, value: Decimal, people: int = 1) -> None:
    if not value:
        return
    count, before = causes.get(cause, (0, ZERO))
    causes[cause] = (count + people, before + value)


def _art(source: str) -> str:
    return f" ({source})" if source else ""


def _exclusion(reg: Regulation, pr: Premium, e: Entry) -> Exclusion | None:
    """The exclusion that gave ``e`` its status for the part ``pr`` (the first, as :func:`eligibility.exclusion`)."""
    part = pr.name if isinstance(pr, Part) else None
    return next(
        (
            ex
            for ex in reg.exclusions
            if eligibility.status_of(ex) == e.status
            and e.person.role in ex.roles
            and (not ex.parts or part in ex.parts)
        ),
        None,
    )


def _below(pr: Premium, e: Entry) -> Cause:
    """Why an admitted person's premium is less than their budget: the declared status's coefficient, the level's,
    or the score below the maximum."""
    if e.coefficient is not None:
        return Cause("con", "con", f"lo stato dichiarato, pagato con il suo coefficiente{_art(pr.source)}")
    if pr.coefficients:
        return Cause("con", "con", f"il coefficiente del livello sotto 1{_art(pr.source)}")
    return Cause("con", "con", f"punteggio sotto il massimo{_art(pr.source)}")


def _reduced(reg: Regulation, e: Entry) -> Cause:
    """The reductions that cut ``e``'s premium, by their measure and article."""
    found = []
    for i in e.kept_inputs:
        number = int(i.ref.rsplit(":", 1)[1]) if i.ref.startswith("reduction:") else 0
        if 0 < number <= len(reg.reductions):
            red = reg.reductions[number - 1]
            found.append(f"{reductions.measured(reg, red)}{_art(red.source)}")
    return Cause("ridotto", "ridotti", f"per {fmt.listed(found) or 'le riduzioni del premio'}")


def inputs(causes: Causes, left: Decimal) -> list[Input] | None:
    """The causes as the inputs of a figure, to the cent: each cause rounded half-up, the rounding what remains of
    ``left``; None where they do not make it (a rounding that would be negative is no cause)."""
    said = sorted(
        ((c, n, money.r2(v)) for c, (n, v) in causes.items() if c.why != ROUNDING), key=lambda t: ORDER[t[0].one]
    )
    rest = left - sum((v for _, _, v in said), ZERO)
    if rest < 0:
        return None
    out = [Input(f"{n} {c.one if n == 1 else c.many} {c.why}" if n else c.why, fmt.Money(v)) for c, n, v in said if v]
    if rest:
        out.append(Input(ROUNDING, fmt.Money(rest)))
    return out


def merged(found: Sequence[Mapping[Cause, tuple[int, Decimal]] | None]) -> Causes | None:
    """The causes of a part paid in several graduatorie, summed; None if one of them cannot say its own."""
    out: Causes = {}
    for causes in found:
        if causes is None:
            return None
        for cause, (n, v) in causes.items():
            _add(out, cause, v, people=n)
    return out
