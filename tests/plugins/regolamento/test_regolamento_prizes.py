"""Prizes decided and written in premi.csv (metodo «importi»), for any file: every fund is conserved to the cent
(distributed + residual = fund), what is distributed is exactly what the awards pay, each person's award of a
part is the sum of their rows, a part whose rows exceed its share of the fund pays nothing, and a row naming an
unknown person or part is an error, never paid."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ciclope.core.testing import compute_ente, write_ente

from helpers import one_unit_comune

D = Decimal
REGULATION = """\
formato = 2
[atto]
titolo = "SMVP del Comune di Premi"
tipo_ente = "comune"

[[premi]]
nome = "produttività"
metodo = "proporzionale"
fonte = "art. 9"

[[premi]]
nome = "innovazione"
metodo = "importi"
fondo = "premi_decisi"
quota_fondo = 0.6
fonte = "art. 12"

[[premi]]
nome = "efficienza"
metodo = "importi"
fondo = "premi_decisi"
quota_fondo = 0.4
fonte = "art. 13"
"""
PEOPLE = ("S1", "S2", "S3")
SHARES = {"innovazione": D("0.6"), "efficienza": D("0.4")}

rows = st.lists(
    st.tuples(
        st.sampled_from([*PEOPLE, "S9"]),  # S9: nobody of people.csv
        st.sampled_from([*SHARES, "ignota"]),  # «ignota»: no part of the regulation
        st.integers(0, 60_000).map(lambda c: D(c) / 100),
    ),
    max_size=8,
)


def _run(folder: Path, prizes: list[tuple[str, str, Decimal]], fund: Decimal):
    people = [f"{pid},Persona {pid},dipendente,C,com,1,0,false,SEG" for pid in PEOPLE]
    cards = [f"{pid},SEG,scheda,Valutazione complessiva,100,{70 + 10 * n}," for n, pid in enumerate(PEOPLE)]
    funds = f'[funds]\nperformance_individuale = "900.00"\npremi_decisi = "{fund}"\n'
    files = one_unit_comune("Comune di Premi", people, cards, funds)
    files["premi.csv"] = "person,part,amount\n" + "".join(f"{p},{part},{a}\n" for p, part, a in prizes)
    (folder / "smvp.toml").write_text(REGULATION, encoding="utf-8")
    write_ente(folder / "ente", files)
    return compute_ente(folder / "ente", "regolamento", 2024, {"regolamento": str(folder / "smvp.toml")})


def _expected(prizes: list[tuple[str, str, Decimal]], fund: Decimal) -> dict[str, Decimal]:
    """Each person's award from the fund, by hand: each part's share of the fund (0.6 and 0.4 of it, split to
    the cent; 0.6 × fund is exact to the cent or its half-cent goes to the first part by the largest remainder),
    its known rows summed per person, and nothing of a part whose rows exceed its share."""
    first = (fund * SHARES["innovazione"]).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    budget = {"innovazione": first, "efficienza": fund - first}
    out: dict[str, Decimal] = {}
    for part, share in budget.items():
        known = [(p, a) for p, name, a in prizes if name == part and p in PEOPLE]
        if sum((a for _, a in known), D(0)) > share:
            continue
        for p, a in known:
            out[p] = out.get(p, D(0)) + a
    return {p: a for p, a in out.items()}


@settings(max_examples=40)
@given(prizes=rows, fund=st.integers(0, 200_000).map(lambda c: D(c) / 100))
def test_prizes_conserve_the_fund_and_pay_what_is_written(prizes, fund):
    with tempfile.TemporaryDirectory() as tmp:
        result = _run(Path(tmp), prizes, fund)
    pools = result.rewards.pools
    for pool in pools.values():
        assert pool.distributed + pool.residual == pool.amount
    paid: dict[str, Decimal] = {}
    for award in result.rewards.awards.values():
        if award.pool == "premi_decisi":
            paid[award.person] = paid.get(award.person, D(0)) + award.amount
    assert sum(paid.values(), D(0)) == pools["premi_decisi"].distributed  # distributed is what is paid
    assert {p: a for p, a in paid.items() if a} == {p: a for p, a in _expected(prizes, fund).items() if a}
    wrong = [v for v in result.violations if v.rule == "regolamento.importi" and v.row is not None]
    # one error per reason a row pays nobody: an unknown person, an unknown part (a row may have both)
    reasons = sum((p not in PEOPLE) + (part not in SHARES) for p, part, _ in prizes)
    assert len(wrong) == reasons
