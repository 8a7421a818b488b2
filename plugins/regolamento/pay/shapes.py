"""The shapes the premium's modules pass each other: a person in a distribution, a method's plan, what a part
paid, what the premialità phase builds."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import attrs

from ciclope.core import Award, Input, Person, Pool, Row, fmt, money
from ciclope.plugins.regolamento.format.spec import PositionBand

ZERO = Decimal("0.00")


@attrs.define
class Outcome:
    """What the premialità phase builds: pools, awards (a person's further awards under one key each),
    statuses and the details the report reads."""

    pools: dict[str, Pool]
    awards: dict[str, Award] = attrs.field(factory=dict)
    statuses: dict[str, str] = attrs.field(factory=dict)
    extra: dict[str, Any] = attrs.field(factory=dict)
    # the figure that gives a pool its amount when a step changed it after the fund was read (the attested
    # reduction, the interims taken first): what a split of that pool names as its fund
    refs: dict[str, str] = attrs.field(factory=dict)
    interims: tuple[Interim, ...] = ()  # the interims of the year, paid with the result pay ([posizioni] interim)
    # what each position of [posizioni] weighs in the result fund: the pay due if paid, else the annual pay
    positions: dict[str, Decimal] = attrs.field(factory=dict)
    instalments: list[money.Instalment] = attrs.field(factory=list)  # the premiums paid in instalments, in order

    def fund_ref(self, name: str) -> str:
        """The figure of the pool ``name`` as it is split: the last step that changed it, else the fund itself."""
        return self.refs.get(name, f"pool:{name}")


@attrs.frozen
class Interim:
    """A vacant position covered ad interim: who covers it, what is due for it and the figure that computes it."""

    position: str
    person: str
    amount: Decimal
    key: str
    title: str = ""  # the position's name in posizioni.csv, "" where it has none

    @property
    def post(self) -> str:
        """The position covered as people read it: «interim della posizione «Ufficio studi»», its code without a
        name."""
        return f"«{self.title}»" if self.title else self.position


@attrs.frozen
class Entry:
    """A person of a distribution, scored (or in service, in a premium that reads no evaluation): admitted
    (``status`` None) or excluded, and their paid share."""

    person: Person
    score: Decimal
    level: str | None
    status: str | None
    share: Decimal
    share_inputs: tuple[Input, ...]
    share_words: str
    factor: Decimal = Decimal(1)  # the parametro of the person's category ([premio] parametri), else 1
    factor_inputs: tuple[Input, ...] = ()
    # a declared status ([[stati]]): its coefficient takes the place of the evaluation (score / 100, the level's)
    coefficient: Decimal | None = None
    # reductions whose cuts do not go to the colleagues of the part (economie = residuo, or a later part): the
    # share of the amount left after them, applied once the part is split, and their inputs
    kept: Decimal = Decimal(1)
    kept_inputs: tuple[Input, ...] = ()
    points: Decimal | None = None  # the score as points of the regulation's scale, for its thresholds
    level_ref: str = ""  # the figure of the level when it is not the score's (a level decided on the cohort)
    # False in a premium that reads no evaluation (valutazione = false): ``score`` is 0 and means nothing there
    evaluated: bool = True


@attrs.frozen
class Plan:
    """A method's answer: per admitted person a weight (split the pool) or a capped amount, and the words."""

    values: Mapping[str, Any]
    capped: bool
    formula: str
    inputs: Mapping[str, tuple[Input, ...]] = attrs.field(factory=dict)
    band: Mapping[str, str] = attrs.field(factory=dict)
    # «per_fascia»: each band's share of the pool (band → resources, best band first), split within the band by
    # ``values``; empty without a fixed pool per band
    band_pools: Mapping[str, Decimal] = attrs.field(factory=dict)
    # a formula's amounts («importo» × the paid share) before their half-up rounding: when the rounded amounts
    # pass the pool and these do not, the rounding alone went past it, and the cents go by largest remainder
    exact: Mapping[str, Decimal] = attrs.field(factory=dict)
    # why a formula gave a person nothing, by the piece of it that did (:mod:`.nothing`): the note of their premium
    reasons: Mapping[str, str] = attrs.field(factory=dict)
    # a budget part's exact individual budget by person (:mod:`.budget`): the note says it, so that the premium,
    # rounded down from it, can be redone by hand where the budget shown to the cent would give a cent more
    budgets: Mapping[str, Decimal] = attrs.field(factory=dict)
    # the weights are amounts (a ``peso`` in euro, «=PREMIO("progetto P1")»): the weight and its sum read with €
    euro: bool = False
    # a split with a maximum per person: by person, what the round that made the amount says (:mod:`.caprounds`)
    said: Mapping[str, Said] = attrs.field(factory=dict)


@attrs.frozen
class Said:
    """How one amount of a split in rounds is explained: its formula, its weight and the sum it is divided by (with
    the round's fund after the first round), and the note on the round."""

    formula: str
    weights: tuple[Input, ...]
    note: str


@attrs.frozen
class Given:
    """What one part paid in one ranking: each listed person's amount and band, in people.csv order (the
    excluded too, with 0, when the part lists them), and the admitted people's bands."""

    paid: tuple[tuple[Entry, Decimal, str | None], ...]
    bands: Mapping[str, str]
    # what the reductions took from each person and send elsewhere (economie), out of the amounts paid
    cuts: Mapping[str, Decimal] = attrs.field(factory=dict)
    # of one of several graduatorie: its name as a reader knows it, and its share of the part's fund
    ranking: tuple[str, Decimal] | None = None
    counted: int | None = None  # of one of several graduatorie: the people its share was weighed on, paid or not
    # what the ranking left unpaid, by cause (:mod:`.residualcauses`); None where the method cannot tell them apart
    causes: Mapping[Any, tuple[int, Decimal]] | None = None

    @property
    def cut(self) -> Decimal:
        return sum(self.cuts.values(), ZERO)


WEIGHT_PLACES = Decimal("0.000001")


def shown_weight(weight: Any) -> Decimal:
    """A weight as the explanation shows it: to six decimals where it has more (an exact ratio, a formula's
    «parametro × mesi / 12»), else as it is («98», «0,5»); the split itself uses the exact weight. Six, not four:
    a share redone by hand from the weight and the sum shown lands on the cent (a weight of 0,5394 for 0,539423 over
    a sum of 7 moves a share of 20.000 € by five cents)."""
    if isinstance(weight, Fraction):
        weight = Decimal(weight.numerator) / Decimal(weight.denominator)
    exact = Decimal(weight)
    exponent = exact.as_tuple().exponent
    return exact.quantize(WEIGHT_PLACES, ROUND_HALF_UP) if isinstance(exponent, int) and exponent < -6 else exact


def six_places(weight: Any) -> fmt.Places:
    """A weight as every explanation, scheda and workbook writes it, beside its sum or alone: :func:`shown_weight`,
    to six decimals at most and without trailing zeros («125», «1», «94,9962», «896,813273»; never «125,000000»): the
    decimals it has are the ones that redo the share, zeros after them say nothing to the reader."""
    shown = shown_weight(weight).normalize()
    exponent = shown.as_tuple().exponent
    # a whole number normalizes to an exponent («1E+3»): written with its digits, «1.000»
    return fmt.Places(shown.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else shown)


def weight_places(weight: Any) -> fmt.Places:
    """A weight a formula gave, as the explanation says it (:func:`six_places`): «1» beside «326,775956», never
    «1,000000»."""
    return six_places(weight)


@attrs.frozen
class Valued:
    """The positions of the year: each one's value and annual pay, the funds, λ (None at the bounds)."""

    rows: tuple[Row, ...]
    score: Mapping[str, Decimal]
    annual: Mapping[str, Decimal]
    position_fund: Decimal
    result_fund: Decimal
    lam: Decimal | None
    short: bool  # the fund cannot give every position the minimum (or its band): nobody is paid
    # with [posizioni] fasce, the band each position reaches (None below the lowest); empty without bands
    band: Mapping[str, PositionBand | None] = attrs.field(factory=dict)


def of_kind(written: object, kind: str) -> bool:
    """Whether an appointment's ``tipo`` as the office wrote it («Interim», « interim ») is the part's ``incarichi``:
    the case and the spaces around it do not count, as for the words of a text column."""
    return str(written or "").strip().casefold() == kind.strip().casefold()
