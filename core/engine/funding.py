"""The premium pools an ente's fondo risorse decentrate destines, made the ente's funds.

``ciclope_fund`` (asked before the checks of phase a) gives the ente's :class:`core.fund.Fund`; the pools its
destination pays replace what ``[funds]`` of ente.toml would say, so every later step — the regulation's checks,
phase b's pools, the rewards — sees them as typed funds. A pool also typed by hand must equal the destination: a
difference is an error naming both figures, and the destination's figure is the one used (the fund is what the
revisore certifies). The ente remembers which funds came from the fund (``Ente.fund_refs``), so the explanation of
a pool leads to the fund's figures instead of to a cell of ente.toml, and the cell of the destination that pays each
(``Ente.fund_cells``), so a problem about the pool is named where the office changes it (``Ente.fund_place``).
"""

from __future__ import annotations

import attrs

from ciclope.core.fmt import euro
from ciclope.core.fund import Fund
from ciclope.core.model import Ente
from ciclope.core.problems import Problem
from ciclope.core.trace import Trace
from ciclope.core.vocabulary import FUND_NAMES, italian

RULE = "core.fondo.fondi"


def with_fund(ente: Ente, fund: Fund, trace: Trace) -> Ente:
    """``ente`` with the pools of ``fund`` as its funds (typed funds first, in their order, then the others)."""
    if not fund.pools:
        return ente
    funds = dict(ente.funds)
    refs = dict(ente.fund_refs)
    cells = dict(ente.fund_cells)
    for name, amount in fund.pools.items():
        typed = ente.funds.get(name)
        if typed is not None and typed != amount:
            trace.problem(disagreement(name, typed, fund))
        funds[name] = amount
        refs[name] = f"fund:pool:{name}"
        paying = [x.cell for x in fund.destination if x.pool == name and x.cell]
        if paying:
            cells[name] = paying[0]
    return attrs.evolve(ente, funds=funds, fund_refs=refs, fund_cells=cells)


def disagreement(name: str, typed: object, fund: Fund) -> Problem:
    """The fund ``name`` typed in [fondi] and destined by the fund with another figure: the message names the key
    as the office wrote it in ente.toml (``risorse_po``, not the code), where it removes it."""
    key = italian(FUND_NAMES, name)
    # the clause of the use that pays the pool (the destination the office changes), else the fund's contract
    clauses = [x.source for x in fund.destination if x.pool == name and x.source]
    return Problem(
        rule=RULE,
        source=clauses[0] if clauses else fund.contract,
        file="ente.toml",
        column=f"funds.{name}",
        message=f"[fondi] {key} vale {euro(typed)} in ente.toml, ma la destinazione del fondo risorse decentrate "
        f"{fund.year} (foglio fondo) ne destina {euro(fund.pools[name])}: ciclope usa {euro(fund.pools[name])}, la "
        f"cifra del fondo; togli [fondi] {key} da ente.toml o correggi la destinazione",
    )
