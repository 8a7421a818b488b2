"""A formula said as an Italian sentence, beside its text: what ``regolamento leggi`` prints and ``explain``
shows, so a person reads the rule as the act says it and checks the formula against it.

``SE(E(SEZIONE("Risultati") >= 160; SEZIONE("Comportamenti") >= 160); "B"; SOTTO(LIVELLO(punteggio)))`` is said
«se i punti della sezione «Risultati» sono almeno 160 e i punti della sezione «Comportamenti» sono almeno 160,
allora «B», altrimenti il livello sotto il livello della scala per il punteggio».
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from ciclope.core import fmt
from ciclope.plugins.regolamento.format.expr import (
    DAYS_UNIT,
    PER_DAY_UNIT,
    Binary,
    Call,
    Formula,
    Name,
    Negative,
    Node,
    Num,
    Text,
)
from ciclope.plugins.regolamento.format.quantities import AGGREGATES, quantity

COMPARE = {
    "=": "è uguale a",
    "<>": "è diverso da",
    "<": "è meno di",
    "<=": "è al più",
    ">": "è più di",
    ">=": "è almeno",
}
IN_SCOPE = {"ENTE": "nell'ente", "GRUPPO": "nella graduatoria"}
ARITH = {"+": "più", "-": "meno", "*": "×", "/": "diviso", "^": "elevato a"}


@functools.lru_cache(maxsize=4096)
def sentence(formula: Formula) -> str:
    """The formula in Italian words (said once per formula: every figure of it repeats the same sentence)."""
    return contracted(said(formula.tree))


_CONTRACTIONS = [
    (r"\bdi il\b", "del"),
    (r"\bdi i\b", "dei"),
    (r"\bdi la\b", "della"),
    (r"\bdi l'", "dell'"),
    (r"\ba il\b", "al"),
    (r"\ba i\b", "ai"),
    (r"\ba la\b", "alla"),
    (r"\ba l'", "all'"),
    (r"\bda il\b", "dal"),
    (r"\bda la\b", "dalla"),
    (r"\bsu il\b", "sul"),
    (r"\bper il\b", "per il"),
    (r"\bin il\b", "nel"),
    (r"\bin i\b", "nei"),
    (r"\bin la\b", "nella"),
    (r"\bin l'", "nell'"),
]


def contracted(text: str) -> str:
    """«di il punteggio» → «del punteggio», as Italian writes the articles after a preposition."""
    for pattern, short in _CONTRACTIONS:
        text = re.sub(pattern, short, text)
    return text


def said(node: Node) -> str:
    if isinstance(node, Num):
        if node.unit == DAYS_UNIT:
            return f"{number(node.value, False)} {'giorno' if node.value == 1 else 'giorni'}"
        if node.unit:  # an amount as the sentences write money, «€ 15,00», and «al giorno» when it is per day
            return fmt.euro(node.value) + (" al giorno" if node.unit == PER_DAY_UNIT else "")
        return number(node.value, node.percent)
    if isinstance(node, Text):
        return f"«{node.value}»"
    if isinstance(node, Name):
        return words_of(node)
    if isinstance(node, Negative):
        return f"meno {said(node.operand)}"
    if isinstance(node, Binary):
        return binary(node)
    return call(node)


# ``tra_gli_incarichi``: what a person with several appointments of a part is paid, in words
COMBINED = {
    "somma": "la somma",
    "massimo": "il migliore",
    "contemporanei": "il migliore tra quelli svolti nello stesso periodo, la somma di quelli di periodi diversi",
}


def said_number(value: Decimal) -> str:
    """A number of the file as an office reads it, with a decimal comma: 0,9; 1,3; 400."""
    return number(Decimal(value), False)


def number(value: Decimal, percent: bool) -> str:
    if percent:
        return fmt.pct(value, 0 if (value * 100) == (value * 100).to_integral_value() else 2)
    return fmt.decimal_it(value.normalize() if value == value.to_integral_value() else value)


# functions said as a list or a choice, whose end a following operation would blur: «il minore tra a e b meno c»
OPEN_ENDED = frozenset({"MIN", "MAX", "MEDIA", "SOMMA", "SE"})


def binary(node: Binary) -> str:
    left, right = said(node.left), said(node.right)
    if node.op in COMPARE:
        verb = COMPARE[node.op]
        if isinstance(node.left, Call) and node.left.fn == "SEZIONE" or _plural(node.left):
            verb = verb.replace("è ", "sono ", 1)
        return f"{left} {verb} {right}"
    if node.op in "*/" and isinstance(node.right, Binary) and node.right.op in "+-":
        right = f"({right})"
    if node.op in "*/^" and isinstance(node.left, Binary) and node.left.op in "+-":
        left = f"({left})"
    if isinstance(node.left, Call) and node.left.fn in OPEN_ENDED:  # «(il minore tra a e b) meno c»
        left = f"({left})"
    return f"{left} {ARITH[node.op]} {right}"


def words_of(node: Name) -> str:
    """A name as a sentence says it: a declared column by its own words, a quantity by the format's."""
    if node.words:
        return node.words
    q = quantity(node.name)
    return q.words if q is not None else node.name


def _plural(node: Node) -> bool:
    return isinstance(node, Name) and words_of(node).startswith(("i ", "gli ", "le "))


def call(node: Call) -> str:
    args = [said(a) for a in node.args]
    fn = node.fn
    if fn == "SE":
        # a choice inside the «allora» is bracketed, or its «altrimenti» would read as the outer one's; a chain of
        # «altrimenti se» reads as it is
        then = args[1]
        if isinstance(node.args[1], Call) and node.args[1].fn == "SE":
            then = f"({then})"
        return f"se {args[0]}, allora {then}, altrimenti {args[2]}"
    if fn in ("E", "O"):
        joiner = " e " if fn == "E" else " oppure "
        # a condition of the other kind inside keeps its grouping: «a e (b oppure c)», never «a e b oppure c»
        other = "O" if fn == "E" else "E"
        grouped = [f"({t})" if isinstance(a, Call) and a.fn == other else t for a, t in zip(node.args, args)]
        return joiner.join(grouped)
    if fn == "NON":
        return f"non è vero che {args[0]}"
    if fn in ("MIN", "MAX", "MEDIA", "SOMMA"):
        word = {"MIN": "il minore tra", "MAX": "il maggiore tra", "MEDIA": "la media di", "SOMMA": "la somma di"}[fn]
        return f"{word} {_list(args)}"
    if fn.startswith("ARROTONDA"):
        digits = int(node.args[1].value) if len(node.args) == 2 and isinstance(node.args[1], Num) else 0
        how = {"ARROTONDA": "arrotondato", "ARROTONDA.PER.DIF": "arrotondato per difetto"}.get(
            fn, "arrotondato per eccesso"
        )
        places = "all'unità" if digits == 0 else f"a {digits} decimal{'e' if digits == 1 else 'i'}"
        return f"{args[0]} {how} {places}"
    return _special(node, args)


def _special(node: Call, args: list[str]) -> str:
    fn = node.fn
    if fn == "ASS":
        return f"il valore assoluto di {args[0]}"
    if fn == "LIVELLO":
        return f"il livello della scala per {args[0]}"
    if fn == "SOTTO":
        return f"il livello sotto {args[0]}"
    if fn == "SOPRA":
        return f"il livello sopra {args[0]}"
    if fn == "SEZIONE":
        return f"i punti della sezione {args[0]}"
    if fn == "PREMIO":
        return f"il premio della parte {args[0]}"
    if fn == "DI":
        return f"{args[0]} del{_of(node)}"
    base, _, scope = fn.rpartition(".")
    where = IN_SCOPE.get(scope, "")
    if base == "CONTA":
        return f"il numero delle persone {where}" + (f" per cui {args[0]}" if args else "")
    if base == "RANGO":
        return f"la posizione {where} per {args[0]} (1 la più alta)"
    return f"{AGGREGATES.get(base, base.lower())} di {args[0]} {where}"


def _of(node: Call) -> str:
    who = node.args[1]
    q = quantity(who.name) if isinstance(who, Name) else None
    words = q.words if q is not None else said(who)
    return "la " + words[3:] if words.startswith("la ") else " " + words


def _list(args: list[str]) -> str:
    return args[0] if len(args) == 1 else ", ".join(args[:-1]) + " e " + args[-1]
