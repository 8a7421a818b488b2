"""The fondo risorse decentrate of one ente and year: constituted, checked and destined, to the cent.

A comparto layer builds a :class:`Fund` from the ente's fund input (``ciclope_fund``); the core keeps it in the
Result, writes it in ``results.json`` and renders it in the layout every public administration uses for it, the
*relazione tecnico-finanziaria* of RGS circular 25/2012: Modulo I the constitution (stable resources, variable
resources, cuts), Modulo II the destination (what the contract leaves out of bargaining, what the integrative
contract destines, what is still to destine), Modulo III the comparison with the previous year, Modulo IV the
compatibility checks (the limit of accessory pay, the budget). The sections are that circular's, so the core
names them; the items, their clauses and the checks are the layer's.

Invariant (checked when a Fund is made): every euro is conserved, constitution = destination + residual (a
negative residual is a destination above the fund: the layer reports it as an error); the carried part of the
residual (what returns to next year's fund) is between zero and the residual.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

__all__ = [
    "CONSTITUTED",
    "CONSTITUTION_SECTIONS",
    "DESTINATION_SECTIONS",
    "Fund",
    "FundCheck",
    "FundLine",
    "LIMIT_STATES",
]

ZERO = Decimal("0.00")

# The key of the figure of the fund constituted in the ente's trace (stable + variable − cuts), which a layer
# records: ``ciclope explain --person`` stops there (the constitution is the fund's, said by ``--pool``).
CONSTITUTED = "fund:total"

# Modulo I of RGS circular 25/2012: section code → its title. Cuts are lines with negative amounts.
CONSTITUTION_SECTIONS = {
    "stabile": "Risorse fisse aventi carattere di certezza e stabilità",
    "variabile": "Risorse variabili",
    "decurtazione": "Decurtazioni del fondo",
}
# Modulo II: section code → its title.
DESTINATION_SECTIONS = {
    "non_contrattata": "Destinazioni non disponibili alla contrattazione integrativa",
    "contrattata": "Destinazioni specificamente regolate dal contratto integrativo",
    "da_regolare": "Destinazioni ancora da regolare",
}
# How a constitution line stands toward the limit of accessory pay (art. 23 c. 2 D.Lgs. 75/2017):
# counted in it, outside it, or a cut that still counts figuratively (as if the money were still in the fund).
LIMIT_STATES = ("dentro", "fuori", "figurativa")


def _adding_up(line: FundLine, _attribute: object, parts: tuple[tuple[str, Decimal], ...]) -> None:
    """A line's rows add up to it, to the cent: the document shows them in its place."""
    if parts and sum((amount for _, amount in parts), ZERO) != line.amount:
        raise ValueError(f"fund line {line.key}: its rows add up to {sum(a for _, a in parts)}, not {line.amount}")


@attrs.frozen
class FundLine:
    """A line of the constitution (an item and its clause) or of the destination (a use of the CCDI).

    ``key`` names the line's figure in the ente's trace (``fund:<key>``). ``amount`` is in euro, negative for a
    cut. ``limit`` is one of :data:`LIMIT_STATES` for a constitution line, ``""`` for a destination. ``pool`` is
    the cycle's premium pool a destination pays (``""``: none of them). ``cell`` is the input cell a destination's
    amount was written in (as ``Ente.cell`` names it: ``fondo.csv:16:importo``), where a problem about the pool it
    pays is named (``""``: not known). ``parts`` are the office's rows behind a line of several rows (two cuts by
    different acts): each with what the office wrote on it (its act and note) and its amount, signed as the line, so
    that a revisore ties each act to its amount; their amounts add up to ``amount`` (empty: a line of one row, whose
    act is in ``note``)."""

    key: str
    title: str
    section: str
    amount: Decimal
    source: str = ""
    confidence: str = ""
    limit: str = ""
    note: str = ""
    pool: str = ""
    cell: str = ""
    parts: tuple[tuple[str, Decimal], ...] = attrs.field(default=(), validator=_adding_up)


@attrs.frozen
class FundCheck:
    """A check of the fund (Modulo IV and the destination's rules): its figures in order, its verdict in words,
    and whether it holds (``None``: a figure shown, nothing to hold). The verdict is the whole judgement, printed as
    it is after «Esito:»: it says whether the check holds, once («rispettato, con un margine di € …»)."""

    key: str
    title: str
    source: str
    rows: tuple[tuple[str, Decimal], ...]
    verdict: str
    ok: bool | None = None


@attrs.frozen
class Fund:
    """The fund of one ente for the cycle ``year`` under ``contract`` (the contract in force, in words)."""

    year: int
    contract: str
    constitution: tuple[FundLine, ...]
    destination: tuple[FundLine, ...] = ()
    checks: tuple[FundCheck, ...] = ()
    # the premium pools of the cycle the destination pays: pool name → amount (the ``[fondi]`` it replaces)
    pools: Mapping[str, Decimal] = attrs.field(factory=dict, hash=False)
    carried: Decimal = ZERO  # the part of the residual that returns to next year's fund
    notes: tuple[str, ...] = ()
    # the base figures the office gave (label, value, kind: ``money`` for euro, ``num`` for a count of people): the
    # document's premises, a number the workbook stores as a number
    premises: tuple[tuple[str, Decimal, str], ...] = ()

    def __attrs_post_init__(self) -> None:
        for line in self.constitution:
            if line.section not in CONSTITUTION_SECTIONS or line.limit not in LIMIT_STATES:
                raise ValueError(f"fund line {line.key}: section {line.section!r}, limit {line.limit!r}")
        for line in self.destination:
            if line.section not in DESTINATION_SECTIONS:
                raise ValueError(f"fund use {line.key}: section {line.section!r}")
        if not ZERO <= self.carried <= max(self.residual, ZERO):
            raise ValueError(f"fund {self.year}: carried {self.carried} outside 0–{self.residual}")

    def section(self, code: str) -> Decimal:
        """The total of a section of the constitution or of the destination."""
        lines = self.constitution if code in CONSTITUTION_SECTIONS else self.destination
        return sum((line.amount for line in lines if line.section == code), ZERO)

    @property
    def total(self) -> Decimal:
        """The fund constituted: stable + variable resources − cuts."""
        return sum((line.amount for line in self.constitution), ZERO)

    @property
    def destined(self) -> Decimal:
        return sum((line.amount for line in self.destination), ZERO)

    @property
    def residual(self) -> Decimal:
        """What the destination leaves: constitution = destination + residual, to the cent."""
        return self.total - self.destined

    @property
    def errors(self) -> tuple[FundCheck, ...]:
        return tuple(c for c in self.checks if c.ok is False)
