"""A fund constituted by a formula that multiplies by a bare number with decimals above 1 (``=1,5 * spese``): an office
that meant 1,5% of the spending left the sign out, and the fund is one and a half times it. The file reads without
problems and the fund is paid out in full (Unioncamere: «l'1,50% della spesa», written ``=1,5 * spese``, a fund of
€ 597.500 for € 5.975). A warning at the fund's formula gives both readings; a whole multiplier (``=12 *
importo_mensile``, twelve months) and a fraction below 1 (``=0,5 * fondo``, a half either way) say nothing."""

from __future__ import annotations

from ciclope.core import Problem, fmt
from ciclope.plugins.regolamento.format.expr import Binary, Num, nodes
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Fund, Regulation

RULE = "regolamento.fondi"


def problems(reg: Regulation) -> list[Problem]:
    return [_warning(reg, f, n) for f in reg.funds for n in _bare_factors(f)]


def _bare_factors(f: Fund) -> list[Num]:
    """The bare numbers with decimals above 1 that multiply in the fund's own formula (not a definition's)."""
    found = []
    for node in nodes(f.amount.tree, definitions=False):
        if isinstance(node, Binary) and node.op == "*":
            found += [
                side
                for side in (node.left, node.right)
                if isinstance(side, Num) and not side.percent and not side.unit and side.value > 1
                and side.value != side.value.to_integral_value()
            ]  # fmt: skip
    return found


def _warning(reg: Regulation, f: Fund, number: Num) -> Problem:
    said = fmt.decimal_it(number.value)
    message = (
        f"il fondo «{f.name}» moltiplica per {said} senza il segno %: il fondo è {said} volte l'importo che legge. Se "
        f"il testo dice il {said}%, scrivi {said}% nella formula (in una formula un numero senza % è un numero, "
        "come in un foglio di calcolo)"
    )
    return Problem(rule=RULE, message=message, severity="warning", source=cite(reg, f.source), **written(f.amount))
