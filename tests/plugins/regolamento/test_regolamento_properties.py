"""Invariants of the declared premium methods, for any scores, ftes and funds: every pool is conserved to the
cent (Σ amounts + residual = pool), no amount is negative, capped amounts never exceed their cap, a higher
score never gets less per fte (soglie, livelli, fasce)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core import Person
from ciclope.plugins.regolamento.format.spec import BandShare, Premium
from ciclope.plugins.regolamento.pay import premium, shapes

D = Decimal
METHODS = {
    "proporzionale": Premium(source="art. 1", method="proporzionale"),
    "soglie": Premium(source="art. 1", method="soglie", maximum=D("1000.00"), full=D(95), floor=D(60)),
    "soglie_lineare": Premium(
        source="art. 1", method="soglie", maximum=D("1000.00"), full=D(95), floor=D(60), between="lineare"
    ),  # fmt: skip
    "livelli": Premium(
        source="art. 1", method="livelli", maximum=D("800.00"), coefficients={"A": D(1), "B": D("0.7"), "C": D(0)}
    ),  # fmt: skip
    "livelli_ridistribuisci": Premium(
        source="art. 1",
        method="livelli",
        maximum=D("800.00"),
        residual="ridistribuisci",
        coefficients={"A": D(1), "B": D("0.7"), "C": D(0)},
    ),  # fmt: skip
    "fasce": Premium(
        source="art. 1",
        method="fasce",
        bands=(
            BandShare(name="alta", staff=D("0.2"), resources=D("0.5")),
            BandShare(name="media", staff=D("0.4"), resources=D("0.4")),
            BandShare(name="bassa", staff=D("0.4"), resources=D("0.1")),
        ),
    ),  # fmt: skip
}

people = st.lists(
    st.tuples(
        st.integers(0, 10000).map(lambda c: D(c) / 100), st.sampled_from([D("1"), D("0.5"), D("0.75"), D("0.3")])
    ),
    min_size=0,
    max_size=25,
)


def level(score: Decimal) -> str:
    return "A" if score >= 90 else "B" if score >= 70 else "C"


def entries(rows: list[tuple[Decimal, Decimal]]) -> list[shapes.Entry]:
    out = []
    for i, (score, fte) in enumerate(rows):
        person = Person(id=f"P{i:02d}", name=f"P{i}", role="dipendente", category="C", unit="u", fte=fte, row=i + 2)
        out.append(shapes.Entry(person, score, level(score), None, fte, (), "fte"))
    return out


class _NoTrace:
    def problem(self, problem: object) -> None:
        pass


@settings(max_examples=150)
@given(rows=people, fund=st.integers(0, 3_000_000).map(lambda c: D(c) / 100), name=st.sampled_from(sorted(METHODS)))
def test_every_method_conserves_the_pool(rows, fund, name):
    pr = METHODS[name]
    admitted = entries(rows)
    plan = premium.method_plan(None, pr, admitted, None, None)  # type: ignore[arg-type]
    rank = {e.person.id: i for i, e in enumerate(premium.ordered(admitted))}
    amounts, _ = premium.settle(fund, plan, pr, rank, "art. 1", _NoTrace())  # type: ignore[arg-type]
    paid = sum(amounts.values(), D("0.00"))
    assert paid <= fund and all(a >= 0 and a == a.quantize(D("0.01")) for a in amounts.values())
    if not plan.capped and any(v > 0 for v in plan.values.values()):
        assert paid == fund  # a split by weights pays the whole pool, to the cent
    if plan.capped and pr.residual == "resta" and sum(plan.values.values()) <= fund:
        assert all(amounts[k] <= v for k, v in plan.values.items())  # «fino a»: never above the cap
    if name != "proporzionale":
        per_fte = sorted(((e.score, amounts.get(e.person.id, D(0)) / e.share) for e in admitted), reverse=True)
        for (s1, a1), (s2, a2) in zip(per_fte, per_fte[1:]):
            assert s1 == s2 or a1 >= a2 - D("0.07")  # a cent of rounding, per the smallest fte
