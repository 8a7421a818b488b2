"""The time worked counted twice: a part paid in proportion to the time worked (``tempo_parziale`` «proporzionale»,
the default) whose weight or amount already reads it — ``quota_tempo``, or a declared column of hours («ore_settimanali»,
«orario»). «valutazione × coefficiente × ore settimanali» written as the weight, with the default left, pays a
half-time person a quarter of the full-time premium: the file reads without problems and every figure looks right
but that one. A warning at the formula's key says it and what to write."""

from __future__ import annotations

from ciclope.core import Problem
from ciclope.plugins.regolamento.format.expr import Binary, Call, Defined, Formula, Name, Negative, Node
from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.sources import cite, written
from ciclope.plugins.regolamento.format.spec import Premium, Regulation

RULE = "regolamento.tempo_parziale"
HOURS = frozenset({"ore", "orario"})  # a declared column's name with one of these words counts the time worked


def problems(reg: Regulation) -> list[Problem]:
    out: list[Problem] = []
    for pr in reg.premiums:
        if pr.part_time != "proporzionale" or not METHODS[pr.method].part_time:
            continue
        for formula in (getattr(pr, "weight", None), getattr(pr, "amount", None)):
            if isinstance(formula, Formula) and (timed := _time_read(formula, reg)) is not None:
                out.append(_warning(reg, pr, formula, timed))
    return out


def _time_read(formula: Formula, reg: Regulation) -> str | None:
    """The name the formula reads that counts the person's own time worked, or None: one read inside a function of
    the ente or of the group (``SOMMA.ENTE(quota_tempo)``, the time of everyone, a fund's divisor) is not theirs."""
    own = _own_names(formula.tree)
    if "quota_tempo" in own:
        return "quota_tempo"
    declared = {c.name for c in reg.columns}
    return next((u for u in sorted(own) if u in declared and HOURS & set(u.lower().split("_"))), None)


def _own_names(node: Node) -> set[str]:
    """The names a formula reads of the person it computes, outside the functions that read every person of the
    ente or of the group."""
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Call) and node.fn.endswith((".ENTE", ".GRUPPO")):
        return set()
    inner: tuple[Node, ...] = ()
    if isinstance(node, Defined):
        inner = (node.body,)
    elif isinstance(node, Call):
        inner = node.args
    elif isinstance(node, Binary):
        inner = (node.left, node.right)
    elif isinstance(node, Negative):
        inner = (node.operand,)
    return set().union(*(_own_names(c) for c in inner))


def _warning(reg: Regulation, pr: Premium, formula: Formula, timed: str) -> Problem:
    message = (
        f"la formula «{formula}» legge già il tempo lavorato ({timed}), e il premio è anche moltiplicato per la quota "
        "pagata (tempo_parziale «proporzionale», se manca): a tempo parziale il tempo conta due volte (a metà tempo "
        'la persona conta per un quarto, non per metà). Se la formula lo conta già, scrivi tempo_parziale = "intero"'
    )
    return Problem(rule=RULE, message=message, severity="warning", source=cite(reg, pr.source), **written(formula))
