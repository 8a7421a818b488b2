"""The rounds of a split with a maximum per person (``massimo_persona``), as each amount is explained: whoever passes
their maximum in a round gets it, and with ``residuo = "ridistribuisci"`` what is left of the fund is split among the
others by the same weights, a round after another, until nobody passes it (:func:`money.capped_split` pays them so).
An amount is the share of the round that made it, so its explanation says that round's fund and sum of weights, and
how it came to the cent; a maximum says the share it replaced."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from ciclope.core import Input, fmt, money
from ciclope.plugins.regolamento.pay.shapes import Said

PLAIN = "fondo × peso / Σ pesi"  # how every method that weighs people begins its formula


@attrs.frozen
class Round:
    """One round: the fund it divides, the sum of the weights of those still in it, who passes the maximum in it, and
    who passed it in the rounds before (in people.csv order)."""

    number: int
    pool: Fraction
    total: Fraction
    over: tuple[str, ...]
    before: tuple[str, ...]


def rounds(pool: Decimal, weights: Mapping[str, Any], caps: Mapping[str, Decimal], again: bool) -> list[Round]:
    """The rounds :func:`money.capped_split` goes through (``again``), or the one split that the maxima then cut
    (``residuo = "resta"``). Those of no weight are in no sum: they are paid nothing in the last round."""
    left = {k: Fraction(v) for k, v in weights.items() if Fraction(v) > 0}
    fund, before, out = Fraction(money.r2(pool)), tuple[str, ...](), list[Round]()
    while True:
        total = sum(left.values(), Fraction(0))
        over = tuple(k for k, v in left.items() if fund * v / total > Fraction(caps[k]))
        out.append(Round(len(out) + 1, fund, total, over, before))
        if not over or not again:
            return out
        for k in over:
            fund -= Fraction(caps[k])
            del left[k]
        before = (*before, *over)
        if not left:
            return out


def said_by_round(
    rounds_: list[Round],
    weights: Mapping[str, Any],
    caps: Mapping[str, Decimal],
    formula: str,
    shown: Callable[[Any, Any], tuple[Any, Any]],
    split: Mapping[str, Decimal] | None = None,
) -> dict[str, Said]:
    """Each person's formula, weight and sum of weights, and note, by the round that made the amount: the round where
    they passed the maximum, else the last. ``caps``: each one's maximum; ``shown``: a weight and its sum as the
    explanation writes them; ``split``: the one split the maxima then cut (``residuo = "resta"``), each share to the
    cent with the leftover cents it took, which its maximum gives up with the rest: the share a note says."""
    where = {pid: r for r in rounds_ for pid in r.over}
    several = len(rounds_) > 1
    out: dict[str, Said] = {}
    for pid, weight in weights.items():
        r = where.get(pid, rounds_[-1])
        peso, total = shown(weight, r.total)
        if r.number == 1:
            given: tuple[Input, ...] = (Input("peso", peso), Input("Σ pesi", total))
            said, notes = formula, []
        else:
            nth = f"{fmt.at_place(r.number, 'di')} giro"
            fund = Input(f"fondo {nth}", fmt.Money(_decimal(r.pool)))
            given = (Input("peso", peso), fund, Input(f"Σ pesi {nth}", total))
            said = formula.replace(PLAIN, f"fondo {nth} × peso / Σ pesi {nth}", 1)
            # how many maxima, never whose: the note is read on every colleague's scheda personale
            n = len(r.before)
            maxima = f"{n} massimi per persona già pagati" if n > 1 else "un massimo per persona già pagato"
            paid = fmt.euro(sum((caps[k] for k in r.before), Decimal(0)))
            notes = [f"fondo {nth}: il fondo meno {maxima} ({paid}); Σ pesi {nth}: senza i loro pesi"]
        if pid in where:
            share = fmt.euro(money.r2(_decimal(r.pool * Fraction(weight) / r.total)))
            if split and pid in split:  # the split's share, with the leftover cent it took: its maximum gave it up
                cents = money.split_note(_decimal(r.pool), Fraction(weight), r.total, split[pid])
                share = fmt.euro(split[pid]) + (f" ({cents})" if cents else "")
            at = f"{fmt.at_place(r.number)} giro " if several else ""
            notes.append(f"oltre il massimo per persona: {at}la quota sarebbe {share}; riceve il massimo")
        out[pid] = Said(said, given, fmt.clauses(*notes))
    return out


def cents_by_round(rounds_: list[Round], weights: Mapping[str, Any], amounts: Mapping[str, Decimal]) -> dict[str, str]:
    """How each share of the last round came to the cent (:func:`money.split_note`): the round's fund × the weight /
    the round's sum of weights, its cents down and the leftover cent where one went to it; said only where it is not
    whole cents. A maximum is paid whole: it has no such note."""
    last = rounds_[-1]
    over = {pid for r in rounds_ for pid in r.over}
    notes = {
        pid: money.split_note(_decimal(last.pool), Fraction(w), last.total, amounts.get(pid, Decimal(0)))
        for pid, w in weights.items()
        if pid not in over
    }
    return {pid: text for pid, text in notes.items() if text}


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)
