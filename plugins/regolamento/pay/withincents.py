"""How each amount of a formula came to the cent where, rounded one by one, the amounts would pass their fund
(:func:`pay.premium.rounded_within`): the exact amounts are split to the cent by largest remainder instead. Each
person reads their exact amount, its cents rounded down and the leftover cent they got; one whose own rounding
would have been up and who did not get a cent reads that the cent missing is theirs, and why (ASL Palmi: «importo
dalla formula € 2.895,94», a premium of € 2.895,93, and nothing said of the cent)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction

from ciclope.core import fmt, money

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
PAST = "arrotondati uno per uno, gli importi supererebbero il fondo"  # the start of rounded_within's note


def within_cents(
    exact: Mapping[str, Decimal], amounts: Mapping[str, Decimal], tie: Callable[[str, frozenset[str]], str]
) -> dict[str, str]:
    """By person, how their amount came to the cent (:func:`money.split_notes` of the split rounded_within made:
    the exact amounts' sum to the cent by the exact amounts), where it is not whole cents; ``tie``: the rule that
    gave a cent to another on an equal remainder. Of one rounded down whose remainder is half a cent or more and
    lost to no tie, the cent that half-up rounding would have given and why it went to others."""
    total = sum(exact.values(), ZERO)
    if not total:
        return {}
    pool = money.r2(total)
    tied: set[str] = set()

    def rule(pid: str, winners: frozenset[str]) -> str:
        tied.add(pid)
        return tie(pid, winners)

    notes = money.split_notes(pool, exact, amounts, rule)
    out = {}
    for pid, said in notes.items():
        if not said:
            continue
        share = Fraction(pool) * Fraction(exact[pid]) / Fraction(total)
        down = money.floor2(Decimal(share.numerator) / Decimal(share.denominator))
        rest = share - Fraction(down)
        if pid not in tied and amounts.get(pid) == down and rest >= Fraction(1, 200):
            said += (
                f"; arrotondato da solo sarebbe {fmt.euro(down + CENT)}: il centesimo in meno è il suo, perché i "
                f"centesimi che restano vanno ai resti più alti e il suo ({_four(rest)}) non è tra questi"
            )
        out[pid] = said
    return out


def _four(rest: Fraction) -> str:
    """A remainder below a cent, as an exact amount is said: «€ 0,0054…»."""
    return fmt.euro_exact(Decimal(rest.numerator) / Decimal(rest.denominator))
