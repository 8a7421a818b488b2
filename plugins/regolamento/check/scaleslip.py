"""A share of the score divided by 100 in a regulation whose score is on a scale of its own: «0,7 × punteggio / 100»
with ``[punteggio] su = 200``. In a formula ``punteggio`` is in points of the file's scale, so the share runs to 2
and the amount is twice what the text says: the run would only warn that the fund does not suffice, which points at
the fund, not at the cause. A warning at the formula's key says the scale and what to write.

Only a literal division by 100 of the score, or of a product of it (``0,7 * punteggio / 100``), is said; one divided
again by a written number (``punteggio / 100 / 2``) is the share written in two steps and is left alone."""

from __future__ import annotations

from decimal import Decimal

from ciclope.core import Problem
from ciclope.plugins.regolamento.format.expr import Binary, Name, Node, Num, formulas, nodes
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Regulation
from ciclope.plugins.regolamento.format.wording import number

RULE = "regolamento.scala"
HUNDRED = Decimal(100)


def problems(reg: Regulation) -> list[Problem]:
    """A warning for each formula of the file that divides the score by 100 where [punteggio] su is not 100."""
    scale = reg.score.scale if reg.score is not None else None
    if reg.score is None or scale is None or scale == HUNDRED:
        return []
    on, times = number(scale, False), number(scale / HUNDRED, False)
    out: list[Problem] = []
    said: set[str] = set()
    for f in formulas(reg):
        key = f.written.key if f.written is not None else str(f)
        if key in said or not slipped(f.tree):
            continue
        said.add(key)
        message = (
            f"la formula «{f}» divide il punteggio per 100, ma nelle formule il punteggio è in punti su {on}, la scala "
            f"del regolamento: con punteggio / 100 chi ha tutti i {on} punti conta {times} volte l'intero. La quota "
            f"dal punteggio è punteggio / {on}"
        )
        where = written(f)
        out.append(Problem(rule=RULE, message=message, severity="warning", source=cite(reg, reg.score.source), **where))
    return out


def slipped(tree: Node) -> bool:
    """Whether the tree divides the score (or a product of it) by a written 100, not divided again by a number.
    What a definition reads is said at the definition's own key."""
    every = nodes(tree, definitions=False)
    again = {id(n.left) for n in every if isinstance(n, Binary) and n.op == "/" and isinstance(n.right, Num)}
    return any(_by_100(n) and id(n) not in again for n in every)


def _by_100(node: Node) -> bool:
    right = node.right if isinstance(node, Binary) and node.op == "/" else None
    hundred = isinstance(right, Num) and right.value == HUNDRED and not right.percent and not right.unit
    return hundred and isinstance(node, Binary) and _scored(node.left)


def _scored(node: Node) -> bool:
    """The score itself, or a product with it as a factor (``0,7 * punteggio``)."""
    if isinstance(node, Name):
        return node.name == "punteggio"
    return isinstance(node, Binary) and node.op == "*" and (_scored(node.left) or _scored(node.right))
