"""Why a part's formula gives a person nothing, said by the piece of it that does.

«=MAX(0; 450 € - MAX(0; assenze - 10) * 15 € al giorno)» gives 0 to whoever has 45 days of absence: the whole
formula said as the reason would leave the reader to find which piece it was. The walk goes down the formula along
the value it gave: a product to its factor that is 0, a division to its numerator, MAX to its greatest term, MIN to
its least, SE and PIÙ.SE to the branch their condition chose (said on the way: «il livello è uguale a «C»»), and
says where it stops, with its value: «nessun importo: € 450,00 meno (…) × € 15,00 al giorno = € −75,00, meno di 0»,
«nessun importo: il coefficiente del livello = 0».
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from ciclope.core import fmt
from ciclope.plugins.regolamento.compile.env import PersonEnv
from ciclope.plugins.regolamento.compile.evaluate import Rank
from ciclope.plugins.regolamento.format.expr import (
    EURO,
    EURO_PER_DAY,
    EURO_UNIT,
    PER_DAY_UNIT,
    Binary,
    Call,
    Defined,
    Formula,
    Node,
    Num,
    Text,
    nodes,
)
from ciclope.plugins.regolamento.format.wording import denied, sentence
from ciclope.plugins.regolamento.pay.formulas import evaluated

NOTHING = "nessun importo: "  # how the reason begins, in the note of the figure of an amount of 0
# a condition of the reason in words, with the threshold it denied (None for any other): a later threshold missed on
# the same measure says it
Reason = tuple[str, Node | None]


def nothing(formula: Formula, env: PersonEnv) -> str:
    """«nessun importo: …» for a formula whose value for the person is 0 or less; "" when a piece of it cannot be
    run again (its error was said when the formula was) or the value is not a number. Runs pieces of the formula
    again, so the environment's reads are those of the last piece: take the formula's inputs before."""
    node: Node = formula.tree
    value = _value(formula, node, env)
    if not isinstance(value, Decimal) or value > 0:
        return ""
    because: list[Reason] = []
    while (inner := _inner(formula, node, env, because)) is not None:
        inner_value = _value(formula, inner, env)
        if not isinstance(inner_value, Decimal) or inner_value > 0:
            break
        node, value = inner, inner_value
    return NOTHING + ", ".join([*(said for said, _ in because), *_where(formula, node, value, bool(because))])


def _inner(formula: Formula, node: Node, env: PersonEnv, because: list[Reason]) -> Node | None:
    """The piece of ``node`` that gives its value of 0 or less, or None when it is the node itself; a choice's
    condition is added to ``because``."""
    if isinstance(node, Binary) and node.op == "*":
        values = [(side, _value(formula, side, env)) for side in (node.left, node.right)]
        zero = [side for side, v in values if v == 0] or [side for side, v in values if _below(v)]
        return zero[0] if zero else None
    if isinstance(node, Binary) and node.op == "/":
        return node.left
    if isinstance(node, Call) and node.fn in ("MAX", "MIN"):
        terms = [
            (a, v) for a in node.args if not isinstance(a, Num) and isinstance(v := _value(formula, a, env), Decimal)
        ]
        if not terms:
            return None
        return (max if node.fn == "MAX" else min)(terms, key=lambda t: t[1])[0]
    if isinstance(node, Call) and node.fn in ("SE", "PIÙ.SE"):
        return _chosen(formula, node, env, because)
    if isinstance(node, Defined):  # a definition that gives nothing: the piece of its formula that does
        return node.body
    return None


def _chosen(formula: Formula, node: Call, env: PersonEnv, because: list[Reason]) -> Node | None:
    """The branch of SE or PIÙ.SE the person's data chose, its condition said in ``because``: SE's «allora» after
    the condition, its «altrimenti» after the condition denied; PIÙ.SE's value of the first true condition (when
    none is, PIÙ.SE gives no value, and that error was said)."""
    args = node.args
    for i, (condition, branch) in enumerate(zip(args[::2], args[1::2])):
        held = _value(formula, condition, env)
        if held is True and isinstance(condition, Call) and condition.fn == "VERO":  # PIÙ.SE's «altrimenti»
            # «vero» is no reason: the cases before it that did not hold are
            because.append((_none_held(formula, args[: 2 * i : 2], env), None))
            return branch
        if held is True:
            because.append((sentence(attrs.evolve(formula, tree=condition)), None))
            return branch
        if node.fn == "SE" and held is False:
            if because and _implies(formula, condition, because[-1][1]):  # «meno di 60» says «meno di 95» too
                because.pop()
            because.append((denied(attrs.evolve(formula, tree=condition)), condition))
            return args[2]
        if held is not False:
            return None
    return None


def _implies(formula: Formula, missed: Node, before: Node | None) -> bool:
    """Whether missing the threshold ``missed`` says that ``before``, missed just before it on the same measure, was
    missed too: SE(punteggio >= 95; …; SE(punteggio >= 60; …)) of 50 points is «il punteggio è meno di 60» alone."""
    if not (isinstance(missed, Binary) and isinstance(before, Binary) and missed.op == before.op):
        return False
    if not (isinstance(missed.right, Num) and isinstance(before.right, Num)):
        return False
    same = sentence(attrs.evolve(formula, tree=missed.left)) == sentence(attrs.evolve(formula, tree=before.left))
    if missed.op in (">=", ">"):
        return same and missed.right.value <= before.right.value
    return same and missed.op in ("<=", "<") and missed.right.value >= before.right.value


def _none_held(formula: Formula, cases: tuple[Node, ...], env: PersonEnv) -> str:
    """The cases of PIÙ.SE none of which held, said as the person's value: cases that compare one measure with texts
    («livello = "A"», «livello = "B"») by the text it is («il livello è uguale a «D»»), thresholds of one measure by
    the lowest missed («il punteggio è meno di 60»: under 60 it is under 90 too); any other cases each denied."""
    said = [denied(attrs.evolve(formula, tree=c)) for c in cases]

    compared = [c for c in cases if isinstance(c, Binary)]
    measures = {sentence(attrs.evolve(formula, tree=c.left)) for c in compared}  # one measure, wherever written
    if len(cases) < 2 or len(compared) < len(cases) or len(measures) > 1:
        return fmt.listed(said)
    ops, left = {c.op for c in compared}, compared[0].left
    value = _value(formula, left, env)
    if isinstance(value, Rank):  # a level compares by its place on the scale: said by its name, where it has one
        score = env.facts.scores.get(env.person.id)
        value = score.level if value and score is not None and score.level else None
    if ops == {"="} and isinstance(value, str):
        return sentence(attrs.evolve(formula, tree=Binary("=", left, Text(value, left_at(left)), compared[0].at)))
    bounds = [c.right.value for c in compared if isinstance(c.right, Num)]
    if len(bounds) == len(compared) and (ops <= {">=", ">"} or ops <= {"<=", "<"}):
        lowest = min if ops <= {">=", ">"} else max  # the threshold whose denial implies the others'
        return said[bounds.index(lowest(bounds))]
    return fmt.listed(said)


def left_at(node: Node) -> int:
    """Where a piece begins in the formula's text, for a piece made of it."""
    return getattr(node, "at", 0)


def _where(formula: Formula, node: Node, value: Decimal, chosen: bool) -> list[str]:
    """Where the walk stopped: nothing more for a number written in the file that a condition chose (the
    condition is the reason), else the piece and its sign."""
    if isinstance(node, Num) and chosen:
        return []
    piece = sentence(attrs.evolve(formula, tree=node))
    # «= 0» whatever the piece's number: «i mesi dal 01/07 al 31/07 … = 0», never «i mesi … è 0»; below 0 with the
    # value, so the reader redoes it: «€ 1.936,00 meno € 7,3333… al giorno × 300 giorni = € −264,00, meno di 0»
    if value == 0:
        return [f"{piece} = 0"]
    return [f"{piece} = {fmt.euro_exact(value) if _in_euro(node) else fmt.exact(value)}, meno di 0"]


def _in_euro(node: Node) -> bool:
    """True when a piece computes an amount: it writes one (``450 €``, ``15 € al giorno``) or reads a definition that
    gives euro; its value below 0 is then said in euro."""
    for n in nodes(node):
        if isinstance(n, Num) and n.unit in (EURO_UNIT, PER_DAY_UNIT):
            return True
        if isinstance(n, Defined) and (n.type.same_unit(EURO) or n.type.same_unit(EURO_PER_DAY)):
            return True
    return False


def _value(formula: Formula, node: Node, env: PersonEnv) -> object:
    return evaluated(attrs.evolve(formula, tree=node), env, _unsaid)


def _below(value: object) -> bool:
    return isinstance(value, Decimal) and value < 0


def _unsaid(what: str) -> None:
    """A piece's error: the formula said it already, for the person."""
