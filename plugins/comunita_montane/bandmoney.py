"""Art. 17.2: how a graduatoria's pool becomes each banded person's premio (``band_money``).

- ``per_capita`` (the default, rules §3 revised): one split of the pool by ``resources_k / staff_k × fte``, so the
  per-capita ratio between bands is the configured one on what people are actually paid;
- ``band_pool``: fixed band pools (``resources_k`` of the pool), each split by fte; adjacent bands whose actual
  per-fte amounts break the art. 17.2 ratio are an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from ciclope.core import Input, Person, fmt, money
from ciclope.core import bands as merit

from .checks import Band, min_ratio
from .common import Context, Ranking, money_it, src

Formula = dict[str, str]  # "band": how a band's pool reads, "award": how a premio reads ({band} = its name)


@attrs.frozen
class Split:
    """A graduatoria's pool split: what each banded person is paid and the inputs their figures share."""

    rk: Ranking
    mode: str
    formula: Formula
    parts: Mapping[str, Decimal]
    fund: Input  # the graduatoria's pool
    weights: tuple[Input, ...]  # Σ weights of the split (per_capita), so an award can be recomputed by hand
    banded: int  # people in the graduatoria's bands


def weights_input(bands: Sequence[Band], people: Sequence[Sequence[Person]]) -> Input:
    """The split's denominator: Σ (resources / staff of the band × fte) of everyone banded."""
    # Σ over bands of (resources / staff) × the band's Σ fte: the same exact sum, one fraction per band
    total = sum(
        (
            Fraction(b.resources) / Fraction(b.staff) * Fraction(sum((p.fte for p in ps), Decimal(0)))
            for b, ps in zip(bands, people)
        ),
        Fraction(0),
    )
    return Input(
        "Σ pesi dei collocati in fascia (peso pro capite della fascia × tempo lavorato)",
        (Decimal(total.numerator) / Decimal(total.denominator)).quantize(Decimal("0.000001")),
    )


def per_capita_money(
    bands: Sequence[Band],
    amount: Decimal,
    groups: Sequence[Sequence[str]],
    people: Sequence[Sequence[Person]],
    rank: dict[str, int],
) -> tuple[dict[str, Decimal], list[Decimal], Formula]:
    """One split of the ranking's pool by ``resources_k / staff_k × fte``; the band "pools" are what each band
    actually received."""
    fte = {pid: person.fte for members, persons in zip(groups, people) for pid, person in zip(members, persons)}
    parts = money.split(amount, merit.per_capita_weights(bands, groups, fte), rank=rank)
    band_pools = [sum((parts[pid] for pid in members), Decimal(0)) for members in groups]
    formula = {
        "band": "somma dei premi della fascia: il fondo della graduatoria è ripartito tra tutti i collocati in "
        "fascia con peso (quota di risorse / quota di personale della fascia) × tempo lavorato",
        "award": "fondo della graduatoria × peso / Σ pesi dei collocati in fascia, con peso = (quota di risorse / "
        "quota di personale della fascia {band}) × tempo lavorato (resti al centesimo ai più alti, a parità per "
        "posizione in graduatoria)",
    }
    return parts, band_pools, formula


def band_pool_money(
    ctx: Context,
    rk: Ranking,
    amount: Decimal,
    groups: Sequence[Sequence[str]],
    people: Sequence[Sequence[Person]],
    rank: dict[str, int],
) -> tuple[dict[str, Decimal], list[Decimal], Formula]:
    """Fixed band pools: each band gets ``resources_k`` of the pool, split by fte (rules §3)."""
    pools = money.split(amount, {f"{k:02d}": b.resources for k, b in enumerate(ctx.bands)})
    band_pools = [pools[f"{k:02d}"] for k in range(len(ctx.bands))]
    parts: dict[str, Decimal] = {}
    per_fte: list[tuple[Band, Fraction]] = []
    for band, members, persons, pool in zip(ctx.bands, groups, people, band_pools):
        if not members:
            continue
        ftes = {pid: person.fte for pid, person in zip(members, persons)}
        parts.update(money.split(pool, ftes, rank=rank))
        per_fte.append((band, Fraction(pool) / Fraction(sum(ftes.values(), Decimal(0)))))
    check_actual_ratio(ctx, rk, per_fte)
    formula = {
        "band": "fondo della graduatoria × quota di risorse della fascia (resti al centesimo col metodo dei resti "
        "più alti)",
        "award": "fondo della fascia {band} × tempo lavorato / Σ tempo lavorato della fascia (resti al centesimo ai più alti, a parità "
        "per posizione in graduatoria)",
    }
    return parts, band_pools, formula


def check_actual_ratio(ctx: Context, rk: Ranking, per_fte: Sequence[tuple[Band, Fraction]]) -> None:
    """Adjacent non-empty bands must keep the art. 17.2 ratio on what they are actually paid per fte: ties and
    small graduatorie change the real bands."""
    need = min_ratio(len(ctx.bands))
    for (upper, a), (lower, b) in zip(per_fte, per_fte[1:]):
        if b > 0 and a / b < need:
            ctx.problem(
                "bands.actual_ratio",
                f"graduatoria {rk.label}: la fascia {upper.name} riceve € {money_it(Decimal(a.numerator) / a.denominator)} "
                f"pro capite (a tempo pieno) e la fascia {lower.name} € {money_it(Decimal(b.numerator) / b.denominator)}: "
                f"rapporto {fmt.decimal_it(float(a / b), 2)} : 1, sotto il minimo {fmt.decimal_it(float(need))} : 1 "
                "dell'art. 17.2 (pari merito e graduatorie piccole cambiano le fasce reali); usa "
                f'{ctx.params.said("band_money")} = "pro capite" o rivedi le quote',
                src("17.2"),
                column="params.band_money",
            )
