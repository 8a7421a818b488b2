"""The money of one ente's cycle, in one view: every pool and every award of the Result.

A regulation returns money from two hooks — ``ciclope_rewards`` (staff premiums, bonuses, prizes,
result pay) and ``ciclope_position_pay`` (position pay and the result pay of posts of
responsibility) — but for every output it is one set of pools and awards. ``results.json``,
``summary.json``, the Relazione, ``schede.xlsx``, ``trasparenza.csv``, ``explain`` and ``compare``
all read it from here (``result.ledger``), so their totals always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from ciclope.core.fmt import euro, month_it
from ciclope.core.money import ADVANCE, BALANCE, INCENTIVE, PERFORMANCE, POSITION, SHARE, ZERO, Instalment, Pool
from ciclope.core.outcomes import Award, Positions, Rewards


@attrs.frozen
class Ledger:
    """Every pool (name → Pool, rewards first, then positions) and every award, in that order."""

    pools: Mapping[str, Pool] = attrs.field(factory=dict, hash=False)
    awards: tuple[Award, ...] = ()
    # the premiums paid in instalments (Rewards.instalments), in the order the regulation paid them
    instalments: tuple[Instalment, ...] = ()
    # person → their awards in order, built on first use: per-person look-ups were a scan of every award
    # (quadratic in trasparenza.csv and the public Relazione: 90 s for a 30,000-person ente)
    _by_person: dict[str, list[Award]] = attrs.field(factory=dict, init=False, eq=False, hash=False, repr=False)
    # person → their instalments, built on first use for the same reason (a personal scheda for each person)
    _instalments_by_person: dict[str, list[Instalment]] = attrs.field(
        factory=dict, init=False, eq=False, hash=False, repr=False
    )

    def _index(self) -> dict[str, list[Award]]:
        if not self._by_person and self.awards:
            for a in self.awards:
                self._by_person.setdefault(a.person, []).append(a)
        return self._by_person

    @classmethod
    def of(cls, rewards: Rewards | None, positions: Positions | None) -> Ledger:
        pools: dict[str, Pool] = {}
        awards: list[Award] = []
        for part in (rewards, positions):
            if part is None:
                continue
            for name, pool in part.pools.items():
                if name in pools:
                    raise ValueError(f"pool {name} returned twice (ciclope_rewards and ciclope_position_pay)")
                pools[name] = pool
            awards += part.awards.values()
        return cls(pools=pools, awards=tuple(awards), instalments=rewards.instalments if rewards is not None else ())

    def instalments_of(self, person: str) -> list[Instalment]:
        """The person's instalments, in the order they were paid (empty for a premium paid at once)."""
        if not self._instalments_by_person and self.instalments:
            for i in self.instalments:
                self._instalments_by_person.setdefault(i.person, []).append(i)
        return list(self._instalments_by_person.get(person, ()))

    @property
    def advances(self) -> bool:
        """True when some premium is paid by advances and a balance, not by shares of it: the documents then say what
        each instalment is (an advance, the balance, a recovery)."""
        return any(i.kind != SHARE for i in self.instalments)

    def kind_of(self, award: Award) -> str:
        """The kind of the pool an award comes from (an award from an unlisted pool counts as performance)."""
        pool = self.pools.get(award.pool)
        return pool.kind if pool is not None else PERFORMANCE

    def pools_of(self, kind: str) -> dict[str, Pool]:
        return {k: p for k, p in self.pools.items() if p.kind == kind}

    @property
    def performance_pools(self) -> dict[str, Pool]:
        return self.pools_of(PERFORMANCE)

    @property
    def position_pools(self) -> dict[str, Pool]:
        return self.pools_of(POSITION)

    @property
    def incentive_pools(self) -> dict[str, Pool]:
        """The pools of compensi that are not performance premiums (:data:`money.INCENTIVE`)."""
        return self.pools_of(INCENTIVE)

    @property
    def allocated(self) -> Decimal:
        """Σ amount of every pool (stanziato)."""
        return sum((p.amount for p in self.pools.values()), ZERO)

    @property
    def distributed(self) -> Decimal:
        """Σ distributed of every pool (distribuito)."""
        return sum((p.distributed for p in self.pools.values()), ZERO)

    @property
    def residual(self) -> Decimal:
        return self.allocated - self.distributed

    def awards_of(self, person: str, kind: str | None = None) -> list[Award]:
        """The person's awards in order, optionally only those from pools of one ``kind``."""
        return [a for a in self._index().get(person, ()) if kind is None or self.kind_of(a) == kind]

    def per_person(self, kind: str | None = PERFORMANCE) -> dict[str, Decimal]:
        """Person id → Σ of their awards (performance pay by default), for everyone with an award."""
        out: dict[str, Decimal] = {}
        for a in self.awards:
            if kind is None or self.kind_of(a) == kind:
                out[a.person] = out.get(a.person, ZERO) + a.amount
        return out

    def band_of(self, person: str) -> str | None:
        """The first band among the person's awards (a merit band reaches transparency this way)."""
        return next((a.band for a in self._index().get(person, ()) if a.band), None)


# What an instalment is, as the documents name it (a balance below zero is a recovery)
INSTALMENT_WORDS = {SHARE: "rata", ADVANCE: "acconto", BALANCE: "conguaglio"}
RECOVERY = "recupero"


def instalment_kind(i: Instalment) -> str:
    """«rata», «acconto», «conguaglio», or «recupero» for a balance below zero."""
    return RECOVERY if i.recovery else INSTALMENT_WORDS[i.kind]


def instalment_said(i: Instalment) -> str:
    """An instalment as a person reads it: «Rata di agosto 2024 della parte «quota variabile» (primo semestre)»,
    «Acconto di settembre 2024 …», «Conguaglio di giugno 2025 … — recupero» (the advances paid beyond the premium
    given back)."""
    what = "del premio" if i.what == "premio" else f"della parte «{i.what}»"
    period = f" ({i.period})" if i.period else ""
    head = INSTALMENT_WORDS[i.kind].capitalize()
    tail = " — recupero" if i.recovery else ""
    return f"{head} di {month_it(i.year, i.month)} {what}{period}{tail}"


def instalment_amount(i: Instalment) -> str:
    """An instalment's amount in words: «€ 1.238,41», a recovery «− € 900,00 (da recuperare)»."""
    return f"− {euro(-i.amount)} (da recuperare)" if i.amount < 0 else euro(i.amount)
