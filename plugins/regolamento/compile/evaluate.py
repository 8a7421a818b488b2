"""A formula compiled once into nested Python functions over an environment (:class:`Env`): no parsing, no
lookup of its text, when it runs for each person.

Values: numbers are ``Decimal`` (exact, no float anywhere), texts ``str``, levels :class:`Rank` (the higher the
better, 0 none), conditions ``bool``. A quantity that is missing for a person (an unmeasured unit, no card) is
``None``, as an empty cell of a spreadsheet: arithmetic on it gives ``None``, a comparison with it is false, an
aggregate leaves it out. A division by zero while running is a :class:`RunError` with an Italian message.

An aggregate (``MEDIA.ENTE(punteggio)``, ``RANGO.GRUPPO(punteggio)``) is computed once for its group of people and
kept in the group's cache, so a formula that names the year's mean costs one pass over the ente, not one per person.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation
from typing import Any, Protocol

from ciclope.core import Input, fmt
from ciclope.plugins.regolamento.compile import points
from ciclope.plugins.regolamento.format.expr import (
    DAYS_UNIT,
    EURO,
    EURO_PER_DAY,
    PER_DAY_UNIT,
    PERCENT_PER_DAY,
    PERCENT_PER_DAY_UNIT,
    POINTS,
    Binary,
    Call,
    Defined,
    Formula,
    Name,
    Negative,
    Node,
    Num,
    Text,
    nodes,
)
from ciclope.plugins.regolamento.format.quantities import quantity
from ciclope.plugins.regolamento.format.wording import (
    aggregate_words,
    contracted,
    denied_node,
    number,
    said,
    summed_if,
    tie_breaks,
    tie_keys,
    words_of,
)

Value = Any  # Decimal | str | Rank | bool | None
Compiled = Callable[["Env"], Value]


class Rank(int):
    """A level as a formula compares it: its place from the bottom of the scale (0: no level)."""


class RunError(ValueError):
    """A formula that cannot give a value for one person (the message is Italian)."""


class Blank(RunError):
    """A declared column's cell left empty for the person: the message says it, ``name`` and ``cell`` are the datum
    and where it is, for the figure of what could not be checked (a condition that suspends the premium)."""

    def __init__(self, message: str, name: str, cell: str) -> None:
        super().__init__(message)
        self.name, self.cell = name, cell


class Unwritten(RunError):
    """A declared column the ente's file does not have at all: the validation says it once (``read.columns.missing``),
    so a formula that reads it fails without a problem of its own for every person."""


class Refused(Unwritten):
    """A person's datum whose cell the validation refuses (a grade that is none of [gradi]): said once, at the cell,
    so a formula that reads it fails without a problem of its own, as for a column not written."""


class UnknownObjective(RunError):
    """``OBIETTIVO("codice")`` of a code the ente's objectives file does not have (or a datum of the ente a function
    names and the ente lacks: an act of IN.SERVIZIO): :func:`run` says it with the formula that reads it (the
    environment that finds it knows the code, not the formula)."""


class Env(Protocol):
    """What a compiled formula reads: the quantities of one person, and the people it aggregates over."""

    @property
    def cache(self) -> dict[Any, Any]: ...

    def value(self, name: str) -> Value: ...

    def section(self, name: str) -> Decimal | None: ...

    def premium(self, part: str) -> Decimal | None: ...

    def band(self, part: str) -> str: ...

    def rank_of_points(self, points: Decimal) -> Rank: ...

    def rank_of_name(self, name: str) -> Rank: ...

    def top_rank(self) -> Rank: ...

    def people(self, scope: str) -> tuple[Sequence[Env], Any]: ...

    def other(self, person: str, name: str) -> Value: ...

    def months(self, whole_from: int, period: tuple[str | dt.date, str | dt.date] | None = None) -> Decimal: ...

    def objective(self, code: str) -> Decimal | None: ...

    def objectives_reached(self, code: str, threshold: Value) -> Decimal | None: ...

    def in_service(self, day: str | dt.date) -> bool: ...

    def years(self, since: dt.date, day: str | None = None) -> Decimal: ...

    def months_from(self, since: dt.date, day: str) -> Decimal: ...

    def on_date(self, written: str) -> dt.date: ...

    def past_mean(self, years: int, latest: bool = False) -> Decimal | None: ...

    def units_sum(self, name: str) -> Decimal: ...

    def fund_amount(self, name: str) -> Decimal: ...

    def rows_sum(self, token: object, inner: Callable[[Any], Value]) -> Decimal: ...

    def seen(self, label: str, value: Value, ref: str = "") -> None: ...

    @property
    def lost_ties(self) -> dict[str, tuple[Value, int]]: ...

    def alone(self, compute: Callable[[Any], Value]) -> tuple[Value, Any]: ...

    def aggregated(
        self,
        label: str,
        group: Any,
        value: Value,
        formula: str,
        each: Iterable[Any],
        tied: Sequence[Any] = (),
        others: Input | None = None,
        shown: str = "",
    ) -> str: ...

    @property
    def everyone(self) -> str: ...

    def shown(self, value: Value) -> Any: ...


@functools.lru_cache(maxsize=4096)
def compiled(formula: Formula) -> Compiled:
    """The formula as a function of an environment (made once per formula, whatever the number of enti)."""
    return _compile(formula.tree, whole=True)


def run(formula: Formula, env: Env) -> Value:
    """The value of ``formula`` for the person of ``env``; RunError when it cannot be computed."""
    try:
        return compiled(formula)(env)
    except (DivisionByZero, InvalidOperation, ZeroDivisionError):
        values = _read_by(formula.tree, env)
        raise RunError(f"la formula «={formula.text}» divide per zero" + (f" ({values})" if values else "")) from None
    except UnknownObjective as exc:
        raise RunError(f"la formula «={formula.text}» legge {exc}") from None


def _compile(node: Node, whole: bool = False) -> Compiled:
    """``node`` compiled; ``whole``: it is a formula's (a definition's) whole tree, whose value its figure says."""
    if isinstance(node, Num):
        value = node.value
        return lambda env: value
    if isinstance(node, Text):
        text = node.value
        return lambda env: text
    if isinstance(node, Name):
        name = node.name
        return lambda env: env.value(name)
    if isinstance(node, Negative):
        inner = _compile(node.operand)
        return lambda env: _neg(inner(env))
    if isinstance(node, Binary):
        return _binary(node)
    if isinstance(node, Defined):
        return _defined(node)
    return _call(node, whole)


def _defined(node: Defined) -> Compiled:
    """A definition read by a formula: its formula's value, noted with its name for the figure (after what it read),
    in euro or as a percentage as its formula gives it, so an explanation shows it and a person can redo it."""
    body, label = _compile(node.body, whole=True), node.label
    euro, percent = node.type.same_unit(EURO) and not node.type.weighted, node.type.percent and not node.type.dims
    per_day = _per_day_unit(node)
    where = f"nella definizione «{node.name}»" + (f" ({node.key})" if node.key else "")
    written = _bare_numbers(node.body)
    achieved = percent and _achievement(node.body)

    def run_(env: Env) -> Value:
        try:
            value = body(env)
        except (Unwritten, UnknownObjective):  # said once elsewhere, or with the formula that reads the objective
            raise
        except RunError as exc:  # the definition's own failure: named, since the formula reading it only reads it
            raise RunError(f"{where}: {exc}") from None
        shown: Value = value
        if isinstance(value, Decimal) and per_day:  # a rate as the amount's sentence says it: «€ 2,03 al giorno»,
            shown = _per_day_said(value, per_day)  # with the digits a person redoes the amount with, «€ 7,8125»
        elif isinstance(value, Decimal) and (euro or percent):
            shown = fmt.Money(value) if euro else fmt.Achievement(value) if achieved else fmt.Percent(value)
        elif isinstance(value, Decimal) and str(value) in written:
            # one of the numbers the formula writes (the case of a table that holds): with the places it is written
            # with, as the line of that case says it («1,10» on both lines, never «1,10» above «1,1»)
            shown = fmt.Places(value)
        env.seen(label, shown)
        return value

    return run_


def _per_day_said(value: Decimal, unit: str) -> str:
    """A definition's rate per day as people redo the amount with it: «€ 2,50 al giorno», «€ 7,8125 al giorno»,
    «€ 7,3333… al giorno», «1% al giorno» (:func:`fmt.euro_exact`, :func:`fmt.pct_exact`)."""
    return (fmt.pct_exact(value) if unit == PERCENT_PER_DAY_UNIT else fmt.euro_exact(value)) + " al giorno"


def _achievement(body: Node) -> bool:
    """True when a percentage definition reads an achievement (the unit's, the ente's, an objective's): its value is
    one, said as the achievement it reads is (two decimals, «88,00%»), never a share written in the file («40%»)."""
    for n in nodes(body):
        if isinstance(n, Name) and (q := quantity(n.name)) is not None and q.type.percent and not q.type.dims:
            return True
        if isinstance(n, Call) and n.fn == "OBIETTIVO":
            return True
    return False


def _bare_numbers(body: Node) -> frozenset[str]:
    """The texts of the bare numbers a definition's formula writes with decimal places (``1,10`` → ``"1.10"``)."""
    found = (n.value for n in nodes(body) if isinstance(n, Num) and not n.percent and not n.unit)
    return frozenset(str(v) for v in found if isinstance(e := v.as_tuple().exponent, int) and e < 0)


def _per_day_unit(node: Defined) -> str:
    """The unit a definition's value is said in when it is per day (``€ al giorno``, ``% al giorno``), else ""."""
    if node.type.same_unit(EURO_PER_DAY):
        return PER_DAY_UNIT
    if node.type.same_unit(PERCENT_PER_DAY) and node.type.percent:
        return PERCENT_PER_DAY_UNIT
    return ""


def _neg(v: Value) -> Value:
    return None if v is None else -v


_ARITH: dict[str, Callable[[Decimal, Decimal], Decimal]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": lambda a, b: a**b,
}
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b,
    "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _binary(node: Binary) -> Compiled:
    left, right = _compile(node.left), _compile(node.right)
    if node.op in ("=", "<>") and _empty_text(node.right) and isinstance(node.left, Name):
        left = _or_empty(left)
    if node.op in ("=", "<>") and _empty_text(node.left) and isinstance(node.right, Name):
        right = _or_empty(right)
    if node.op in _COMPARE:
        test = _COMPARE[node.op]

        def compare(env: Env) -> bool:
            a, b = _dates(env, *_levels(env, left(env), right(env)))
            return a is not None and b is not None and test(a, b)

        return compare
    op = _ARITH[node.op]

    def arith(env: Env) -> Value:
        a, b = left(env), right(env)
        return None if a is None or b is None else op(a, b)

    return arith


def _empty_text(node: Node) -> bool:
    return isinstance(node, Text) and node.value == ""


def _or_empty(read: Compiled) -> Compiled:
    """A datum compared with the empty text (``incarico <> ""``): its empty cell is the empty text the comparison asks
    about, no datum missing (docs/regolamento.md, «Il confronto con il testo vuoto»); a column the file does not
    have at all is still said as such (:class:`Unwritten` is no :class:`Blank`)."""

    def run_(env: Env) -> Value:
        try:
            return read(env)
        except Blank:
            return ""

    return run_


def _levels(env: Env, a: Value, b: Value) -> tuple[Value, Value]:
    """A level compared with a level's name: both as ranks."""
    if isinstance(a, Rank) and isinstance(b, str):
        return a, env.rank_of_name(b)
    if isinstance(b, Rank) and isinstance(a, str):
        return env.rank_of_name(a), b
    return a, b


def _dates(env: Env, a: Value, b: Value) -> tuple[Value, Value]:
    """A person's date compared with a date written in the formula: both as dates (the checker let only a written
    text that is a date meet a date; a text column never does)."""
    if isinstance(a, dt.date) and isinstance(b, str):
        return a, env.on_date(b)
    if isinstance(b, dt.date) and isinstance(a, str):
        return env.on_date(a), b
    return a, b


def as_rank(env: Env, v: Value) -> Rank:
    """A level's value (a rank, or a level's name) as a rank; no level when None."""
    if isinstance(v, Rank):
        return v
    if isinstance(v, str):
        return env.rank_of_name(v)
    return Rank(0)


def _call(node: Call, whole: bool) -> Compiled:
    fn = node.fn
    args = [_compile(a) for a in node.args]
    if fn.endswith((".ENTE", ".GRUPPO")):
        return _aggregate(node, args)
    if fn in _EXTREMES:
        return _extreme(node, args, _EXTREMES[fn], whole)
    if fn in _ROUNDINGS:
        return _rounding(node, args, _ROUNDINGS[fn], whole)
    maker = _FUNCTIONS[fn]
    return maker(node, args)


def _in_unit(node: Call, value: Value, env: Env, achieved: bool = False) -> Any:
    """A choice's value as an explanation shows it: in euro, as a percentage (an achievement read, ``achieved``, as
    its figure says it), or as the person's figure would."""
    if isinstance(value, Decimal) and not isinstance(value, Rank) and (node.euro or node.percent):
        return fmt.Money(value) if node.euro else fmt.Achievement(value) if achieved else fmt.Percent(value)
    if isinstance(value, Decimal) and not isinstance(value, Rank) and (node.days or node.weighted):
        return weighed(value) if node.weighted else said(Num(value, False, 0, DAYS_UNIT))
    return env.shown(value)


def weighed(value: Decimal) -> fmt.Places:
    """An amount times a score (:attr:`Type.weighted`) as an explanation shows it: a number with two decimals
    («5.960.876,80»), never in euro: it is no amount of money."""
    return fmt.Places(value.quantize(Decimal("0.01"), ROUND_HALF_UP))


def _se(node: Call, args: list[Compiled]) -> Compiled:
    cond, yes, no = args
    return lambda env: yes(env) if cond(env) is True else no(env)


def _ifs(node: Call, args: list[Compiled]) -> Compiled:
    pairs = list(zip(args[::2], args[1::2]))
    # the names the conditions read, said with the person's values when none holds («il grado = «7»»)
    read = tuple({n.name: n for cond in node.args[::2] for n in nodes(cond) if isinstance(n, Name)}.values())
    # the case that holds, recorded with its value: a long choice is redone by hand from the one line that applies
    conds = node.args[::2]
    cases = [
        (
            f"caso che vale: altrimenti, dopo «{said(conds[i - 1])}»"
            if _always(c) and i
            else f"caso che vale: {said(c)}",
            v,
        )
        for i, (c, v) in enumerate(zip(conds, node.args[1::2]))
    ]
    achieved = [_achievement(v) for v in node.args[1::2]]

    def run_(env: Env) -> object:
        for (case, written), (cond, value), achievement in zip(cases, pairs, achieved):
            if cond(env) is True:
                found = value(env)
                # as written, with its unit: «2,03 € al giorno»
                shown = said(written) if isinstance(written, Num) else _in_unit(node, found, env, achievement)
                env.seen(case, shown)
                return found
        values = ", ".join(f"{words_of(n)} = {_said(env.shown(env.value(n.name)), _percent(n))}" for n in read)
        raise RunError(f"nessuna condizione di PIÙ.SE è vera ({values + '; ' if values else ''}{NO_CASE})")

    return run_


def _always(node: Node) -> bool:
    return isinstance(node, Call) and node.fn == "VERO"


NO_CASE = "aggiungi il suo caso, o «VERO; valore» in fondo per tutti gli altri"  # PIÙ.SE where no condition holds


def _read_by(tree: Node, env: Env) -> str:
    """The person's own values a formula reads, said for a message («il punteggio = 50»): the data that made it
    fail, so the office sees which cell to look at. Names read over people (inside MEDIA.ENTE …) are not one
    person's; a name with no value for the person is left out (it is not what failed)."""
    said_values = {}
    for n in _own_names(tree):
        try:
            said_values[n.name] = f"{words_of(n)} = {_said(env.shown(env.value(n.name)), _percent(n))}"
        except RunError:
            continue
    return ", ".join(said_values.values())


def _own_names(node: Node) -> list[Name]:
    """The names of a tree read for the person itself: outside every function over people."""
    if isinstance(node, Name):
        return [node]
    if isinstance(node, Call):
        return [] if node.fn.endswith((".ENTE", ".GRUPPO")) else [n for a in node.args for n in _own_names(a)]
    if isinstance(node, Binary):
        return _own_names(node.left) + _own_names(node.right)
    if isinstance(node, Negative):
        return _own_names(node.operand)
    if isinstance(node, Defined):
        return _own_names(node.body)
    return []


def _said(value: Any, percent: bool = False) -> str:
    """A value read by a condition, in a message: a text in «», a percentage as one («65%»), a number with its
    decimal comma, nothing (a person without a level) as «nessuno», never a Python word."""
    if value is None:  # a person with no level, a cell left empty
        return "nessuno"
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, str):
        return f"«{value}»"
    if isinstance(value, Decimal):
        if percent or isinstance(value, fmt.Percent):
            return fmt.pct(value)
        return fmt.exact(value) if isinstance(value, fmt.Exact) else fmt.decimal_it(value)
    return str(value)


def _percent(name: Name) -> bool:
    """A name the format reads as a percentage (``unita``, ``ente``, ``cruscotto``)."""
    q = quantity(name.name)
    return q is not None and q.type.percent


def _and(node: Call, args: list[Compiled]) -> Compiled:
    return lambda env: all(a(env) is True for a in args)


def _or(node: Call, args: list[Compiled]) -> Compiled:
    return lambda env: any(a(env) is True for a in args)


def _not(node: Call, args: list[Compiled]) -> Compiled:
    (a,) = args
    return lambda env: a(env) is not True


def _extreme(node: Call, args: list[Compiled], pick: Callable[..., Any], whole: bool) -> Compiled:
    """MIN, MAX: the least or greatest of the values present (levels by their rank). Inside a formula, the value is
    noted with its sentence («il maggiore tra 0 e i giorni di assenza meno 10 = 2»), so a person redoing the formula
    by hand sees which term won; a whole formula's value, or one of terms all written, is its figure's own."""
    label = contracted(said(node)) if not whole and not all(isinstance(a, (Num, Text)) for a in node.args) else ""

    def run_(env: Env) -> Value:
        values = [a(env) for a in args]
        if any(isinstance(v, Rank) for v in values):
            values = [as_rank(env, v) for v in values]
        present = [v for v in values if v is not None]
        found = (
            Rank(pick(present)) if present and isinstance(present[0], Rank) else (pick(present) if present else None)
        )
        if label and found is not None:
            env.seen(label, _in_unit(node, found, env))
        return found

    return run_


_EXTREMES: dict[str, Callable[..., Any]] = {"MIN": min, "MAX": max}


def _mean(node: Call, args: list[Compiled]) -> Compiled:
    def run_(env: Env) -> Value:
        present = [v for v in (a(env) for a in args) if v is not None]
        return sum(present, Decimal(0)) / len(present) if present else None

    return run_


def _sum(node: Call, args: list[Compiled]) -> Compiled:
    return lambda env: sum((v for v in (a(env) for a in args) if v is not None), Decimal(0))


def _abs(node: Call, args: list[Compiled]) -> Compiled:
    (a,) = args
    return lambda env: None if (v := a(env)) is None else abs(v)


def _concatenate(node: Call, args: list[Compiled]) -> Compiled:
    percents = node.percents

    def run_(env: Env) -> Value:
        values = [a(env) for a in args]
        if any(v is None for v in values):  # an empty cell: no text, rather than a text missing a part
            return None
        return "".join(_text(v, i in percents) for i, v in enumerate(values))

    return run_


def _text(value: Value, percent: bool) -> str:
    """A value as CONCATENA writes it: a text as it is, a number in Italian (a percentage as one: 30%), sì or no."""
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, Decimal):
        return number(value, True) if percent or isinstance(value, fmt.Percent) else fmt.decimal_it(value)
    return str(value)


def _rounding(node: Call, args: list[Compiled], mode: str, whole: bool) -> Compiled:
    """ARROTONDA, ARROTONDA.PER.DIF, ARROTONDA.PER.ECC. Inside a formula, the value is noted with its sentence («il
    numero delle persone nell'ente × 3 diviso 10 arrotondato per difetto all'unità = 3»), as MIN and MAX are: a limit
    a formula rounds is what a person compares their own figure with, and cannot be read off the terms alone."""
    digits = int(node.args[1].value) if len(node.args) == 2 and isinstance(node.args[1], Num) else 0
    quantum = Decimal(1).scaleb(-digits)
    (a, *_) = args
    label = contracted(said(node)) if not whole and not isinstance(node.args[0], Num) else ""

    def run_(env: Env) -> Value:
        v = a(env)
        found = None if v is None else v.quantize(quantum, rounding=mode)
        if label and found is not None:
            env.seen(label, _in_unit(node, found, env))
        return found

    return run_


_ROUNDINGS = {"ARROTONDA": ROUND_HALF_UP, "ARROTONDA.PER.DIF": ROUND_FLOOR, "ARROTONDA.PER.ECC": ROUND_CEILING}


def _level_of(node: Call, args: list[Compiled]) -> Compiled:
    """LIVELLO(punti): the level of the scale those points reach, read with its words («il livello della scala per
    il punteggio del settore = 90%»), so an explanation shows the band a formula took, not only the points."""
    (a,) = args
    label = contracted(said(node))

    def run_(env: Env) -> Value:
        v = a(env)
        rank = None if v is None else env.rank_of_points(v)
        env.seen(label, rank)
        return rank

    return run_


def _below(node: Call, args: list[Compiled]) -> Compiled:
    (a,) = args
    return lambda env: Rank(max(as_rank(env, a(env)) - 1, 0))


def _above(node: Call, args: list[Compiled]) -> Compiled:
    (a,) = args

    def run_(env: Env) -> Rank:
        r = as_rank(env, a(env))
        return Rank(min(r + 1, env.top_rank())) if r else r

    return run_


def _section(node: Call, args: list[Compiled]) -> Compiled:
    name = node.args[0].value if isinstance(node.args[0], Text) else ""
    return lambda env: env.section(name)


def _premium(node: Call, args: list[Compiled]) -> Compiled:
    name = node.args[0].value if isinstance(node.args[0], Text) else ""
    return lambda env: env.premium(name)


def _band(node: Call, args: list[Compiled]) -> Compiled:
    name = node.args[0].value if isinstance(node.args[0], Text) else ""
    return lambda env: env.band(name)


def _of(node: Call, args: list[Compiled]) -> Compiled:
    what = node.args[0].name if isinstance(node.args[0], Name) else ""
    who = args[1]
    return lambda env: None if (pid := who(env)) is None else env.other(pid, what)


def _months(node: Call, args: list[Compiled]) -> Compiled:
    whole_from = int(node.args[0].value) if isinstance(node.args[0], Num) else 0  # the checker saw a whole number
    # the checker saw two days, each written or a column of dates, whose value is the person's
    days = [a.value.strip() if isinstance(a, Text) else arg for a, arg in zip(node.args[1:], args[1:])]
    if len(days) != 2:
        return lambda env: env.months(whole_from)
    return lambda env: env.months(whole_from, (_day(days[0], env), _day(days[1], env)))


def _day(day: str | Compiled, env: Env) -> str | dt.date:
    """A day of MESI or IN.SERVIZIO: as written, or a person's date (a declared column of dates)."""
    if isinstance(day, str):
        return day
    value = day(env)
    if not isinstance(value, dt.date):  # an empty cell is said where the column is read: never a day of nothing
        raise RunError("una data che manca")
    return value


def _objective(node: Call, args: list[Compiled]) -> Compiled:
    if isinstance(node.args[0], Text):  # a code written
        code = node.args[0].value
        return lambda env: env.objective(code)
    column = args[0]  # the checker saw a column of text: the code the row's project (or appointment) writes
    return lambda env: env.objective(str(column(env) or ""))


def _rows_sum(node: Call, args: list[Compiled]) -> Compiled:
    """SOMMA.INCARICHI(x): the sum of x over the appointments of the same project, each read for its own person; the
    explanation shows the sum, never a colleague's own value."""
    inner, token = args[0], object()
    label = contracted(said(node))

    def total(env: Env) -> Decimal:
        found = env.rows_sum(token, inner)
        env.seen(label, found)
        return found

    return total


def _in_service(node: Call, args: list[Compiled]) -> Compiled:
    # the checker saw a day written or a column of dates
    day = node.args[0].value if isinstance(node.args[0], Text) else args[0]
    return lambda env: env.in_service(_day(day, env))


def _years(node: Call, args: list[Compiled]) -> Compiled:
    date = args[0]  # the checker saw a column of dates, and a day written where there is a second argument
    day = node.args[1].value.strip() if len(node.args) == 2 and isinstance(node.args[1], Text) else None
    return lambda env: env.years(_person_date(date, env), day)


def _months_from(node: Call, args: list[Compiled]) -> Compiled:
    date = args[0]  # the checker saw a column of dates and a day written
    day = node.args[1].value.strip() if isinstance(node.args[1], Text) else ""
    return lambda env: env.months_from(_person_date(date, env), day)


def _person_date(date: Compiled, env: Env) -> dt.date:
    value = date(env)
    if not isinstance(value, dt.date):  # an empty cell is said where the column is read
        raise RunError("una data che manca")
    return value


def _past_mean(node: Call, args: list[Compiled]) -> Compiled:
    arg = node.args[0]
    years = int(arg.value) if isinstance(arg, Num) else 0  # the checker saw a whole number written
    latest = node.fn == "VALUTAZIONE.ULTIME"
    return lambda env: env.past_mean(years, latest)


def _units_sum(node: Call, args: list[Compiled]) -> Compiled:
    name = node.args[0].name if isinstance(node.args[0], Name) else ""  # the checker saw a column of units.csv
    return lambda env: env.units_sum(name)


def _fund(node: Call, args: list[Compiled]) -> Compiled:
    name = node.args[0].value if isinstance(node.args[0], Text) else ""  # the checker saw a name written
    return lambda env: env.fund_amount(name)


def _objectives_reached(node: Call, args: list[Compiled]) -> Compiled:
    code = node.args[0].value if isinstance(node.args[0], Text) else ""  # the checker saw a code written
    threshold = args[1]
    return lambda env: env.objectives_reached(code, threshold(env))


_FUNCTIONS: dict[str, Callable[[Call, list[Compiled]], Compiled]] = {
    "SE": _se,
    "PIÙ.SE": _ifs,
    "E": _and,
    "O": _or,
    "NON": _not,
    "VERO": lambda node, args: lambda env: True,
    "FALSO": lambda node, args: lambda env: False,
    "MEDIA": _mean,
    "SOMMA": _sum,
    "ASS": _abs,
    "CONCATENA": _concatenate,
    "LIVELLO": _level_of,
    "SOTTO": _below,
    "SOPRA": _above,
    "SEZIONE": _section,
    "PREMIO": _premium,
    "FASCIA": _band,
    "DI": _of,
    "MESI": _months,
    "OBIETTIVO": _objective,
    "OBIETTIVI.RAGGIUNTI": _objectives_reached,
    "IN.SERVIZIO": _in_service,
    "ANNI": _years,
    "MESI.DA": _months_from,
    "VALUTAZIONE.MEDIA": _past_mean,
    "VALUTAZIONE.ULTIME": _past_mean,
    "SOMMA.UNITA": _units_sum,
    "FONDO": _fund,
    "SOMMA.INCARICHI": _rows_sum,
}


def _aggregate(node: Call, args: list[Compiled]) -> Compiled:
    """An aggregate over the people of a scope: computed once per group and kept in the group's cache, with the figure
    that lists what each person gave (where the cohort records one)."""
    base, _, scope = node.fn.rpartition(".")
    if base == "RANGO":
        return _rank(node, args)
    token = object()  # this aggregate, in the cache of every group it runs for
    inner = args[0] if args else None
    label = contracted(said(node))  # as the formula's sentence says it: «la somma dell'indennità … nell'ente»
    said_to = _said_to(node, label)

    def values(env: Env) -> tuple[Sequence[Env], list[Value], list[Any], Any]:
        """The people of the group, each one's value and the datum it read alone (for the figure's cells), kept as two
        lists: the cache goes with its cohort only when the collector frees them, and a tuple per person would
        lengthen that collection on a big ente."""
        people, group = env.people(scope)
        key = (token, group)
        if key not in env.cache:
            if inner is None:
                env.cache[key] = [True] * len(people), [None] * len(people)
            else:
                env.cache[key] = _alone(people, inner)
        vals, reads = env.cache[key]
        return people, vals, reads, key

    condition = summed_if(node.args[0]) if base == "SOMMA" and node.args else None
    kept = _compile(condition[0]) if condition is not None else None
    kept_words = denied_node(condition[0]) if condition is not None else ""
    scored = base in ("MAX", "MIN") and _of_points(node)
    averaged = base == "MEDIA" and _of_points(node)

    def shown(value: Value) -> Value:  # shown in euro, or as a percentage; one person's score as a score is, and a
        # mean of scores with two decimals as a score (398,00, never 398), four where it has more (354,6667)
        if isinstance(value, Decimal) and (node.euro or node.percent):
            return fmt.Money(value) if node.euro else fmt.Percent(value)
        if isinstance(value, Decimal) and node.weighted:
            return weighed(value)
        if averaged and type(value) is Decimal:
            return points.shown(value)
        return fmt.Points(value) if scored and type(value) is Decimal else value

    def figure(env: Env, value: Value, found: tuple[Sequence[Env], list[Value], list[Any], Any]) -> str:
        people, vals, reads, key = found
        if base == "CONTA" and inner is None:  # no condition: each person counts one, and is listed as 1, not «SI»
            counted = zip(people, [Decimal(1)] * len(people), reads)
            return env.aggregated(label, key[1], value, _COUNTED, counted, shown=said_to(env))
        each = list(zip(people, map(shown, vals) if node.euro or node.percent or node.weighted else vals, reads))
        if kept is None:
            return env.aggregated(label, key[1], value, _HOW[base], each, shown=said_to(env))
        # a sum of SE(condizione; valore; 0) is said «delle persone per cui …»: its figure lists those, and the people
        # the condition leaves out (each giving 0) in one line, not each beside the cell of the condition
        held = [p.alone(kept)[0] is not False for p in people]
        out = len(held) - sum(held)
        nothing = shown(Decimal(0)) if node.euro or node.percent or node.weighted else Decimal(0)
        others = Input(_others(out, kept_words), nothing) if out else None
        listed = [e for e, h in zip(each, held) if h]
        return env.aggregated(label, key[1], value, _HOW[base], listed, others=others, shown=said_to(env))

    reduce = _REDUCE[base]

    def aggregate(env: Env) -> Value:
        found = values(env)
        done = (found[3], "=")
        if done not in env.cache:
            value = reduce(found[1])
            env.cache[done] = value, figure(env, shown(value), found)
        value, ref = env.cache[done]
        env.seen(said_to(env), shown(value), ref)
        return value

    return aggregate


def _said_to(node: Call, label: str) -> Callable[[Env], str]:
    """The words of a function over people (``label``) as a reader reads them: over the ente of a part of some roles,
    of whom («la somma … tra i dipendenti dell'ente», :attr:`Env.everyone`), made once for each such people."""
    over_ente = node.fn.endswith(".ENTE")
    scoped: dict[str, str] = {}

    def said_to(env: Env) -> str:
        everyone = env.everyone if over_ente else ""
        if not everyone:
            return label
        if everyone not in scoped:
            scoped[everyone] = contracted(aggregate_words(node, [said(a) for a in node.args], everyone))
        return scoped[everyone]

    return said_to


def _of_points(node: Call) -> bool:
    """True where the aggregate's argument is a person's points by name (``MAX.ENTE(punteggio)``): the highest or the
    lowest of them is one person's score, shown as a score is («96,00 punti»)."""
    arg = node.args[0] if node.args else None
    found = quantity(arg.name) if isinstance(arg, Name) else None
    return found is not None and found.type == POINTS


def _others(count: int, denied: str) -> str:
    """The line of a sum's figure for the ``count`` people its condition leaves out: «le altre 2 persone, per cui il
    ruolo non è uguale a «dipendente»»."""
    who = "l'altra persona" if count == 1 else f"le altre {count} persone"
    return f"{who}, per cui {denied}"


def _alone(people: Sequence[Env], compute: Compiled) -> tuple[list[Value], list[Any]]:
    """Each person's value of ``compute`` and the datum it read alone (for the figure's cells), as two lists."""
    found = [p.alone(compute) for p in people]
    return [v for v, _ in found], [i for _, i in found]


def _rank(node: Call, args: list[Compiled]) -> Compiled:
    """RANGO.ENTE(x; y; …): 1 plus the number of the group's people ahead of the person, by a higher x or, at the same
    x, by the first further argument where they differ (the higher; the lower where the formula writes it negated).
    People tied on every argument share the place; who has no x has no place; who has no value of a further argument
    comes after those with one, at that argument. Its figure lists each person's values by place, so a person redoes
    the rank by hand; it is made once per group, as the values are."""
    scope = node.fn.rpartition(".")[2]
    token = object()  # this rank, in the cache of every group it runs for
    inner, keys = args[0], [(_compile(k), low) for k, low in tie_keys(node)]
    lows = [low for _, low in keys]
    label = contracted(said(node))
    said_to = _said_to(node, label)
    breaks = tie_breaks(node)
    how = _HOW["RANGO"] + (f" o, a parità, che prevalgono per {breaks}" if breaks else "")
    words = [said(k) for k, _ in tie_keys(node)]

    def ranked(env: Env) -> tuple[list[Any], Any]:
        """Each person's order (None without x) and the group's key, computed once per group; with no further argument
        the orders are the values themselves (no tuple per person for the collector to walk on a big ente)."""
        people, group = env.people(scope)
        key = (token, group)
        if key not in env.cache:
            vals, reads = _alone(people, inner)
            tied = [_alone(people, k) for k, _ in keys]  # per argument: each person's value, the datum it read
            orders = [_order(v, [t[0][n] for t in tied], lows) for n, v in enumerate(vals)] if keys else vals
            env.cache[key] = orders, (people, vals, reads, tied)
        return env.cache[key][0], key

    def figure(env: Env, orders: list[Any], key: Any) -> str:
        """The figure of the values ranked: how many, and each one's by place, with the values that break its ties
        beside those who share their x with someone (the others' decide nothing)."""
        people, vals, reads, tied = env.cache[key][1]
        shared = Counter(v for v in vals if v is not None)
        each_tie = [
            [(w, t[0][n], t[1][n]) for w, t in zip(words, tied)] if shared[vals[n]] > 1 else []
            for n in range(len(people))
        ]
        by_place = _by_place(list(zip(orders, people, vals, reads, each_tie)))
        ranked_n = Decimal(sum(1 for o in orders if o is not None))  # not a place
        each = [(p, v, i) for _, p, v, i, _ in by_place]
        ties = [t for *_, t in by_place] if keys else []
        listed = "le persone in graduatoria per {}, elencate per posizione"
        return env.aggregated(
            listed.format(label), key[1], ranked_n, how, each, ties, shown=listed.format(said_to(env))
        )

    def rank(env: Env) -> Value:
        orders, key = ranked(env)
        mine = _order(inner(env), [k(env) for k, _ in keys], lows)
        place = None if mine is None else Decimal(1 + sum(1 for o in orders if o is not None and o > mine))
        decided = _decided(mine, orders)
        if decided is not None:
            env.lost_ties[label] = (mine[0], decided)
        done = (key, "=")
        if done not in env.cache:
            env.cache[done] = figure(env, orders, key)
        env.seen(said_to(env), place, env.cache[done])
        return place

    return rank


def _order(value: Value, tied: list[Value], lows: list[bool]) -> Any:
    """What a rank compares of a person, the greater ahead: x alone where the formula has no further argument; else
    x, then each further argument as (1, the value, negated where the lowest prevails), or (0, 0) without one, so a
    value comes before none. None without x."""
    if value is None or not lows:
        return value
    return (value, *((0, 0) if t is None else (1, -t if low else t) for t, low in zip(tied, lows)))


def _decided(mine: Any, orders: list[Any]) -> int | None:
    """Of a person's order in a rank with further arguments, the position (from 0) of the first further argument on
    which someone of the same x came before them: the tie-break that put them after; None where nobody of their x is
    ahead (or the rank has no further argument)."""
    if not isinstance(mine, tuple):
        return None
    ahead = [o for o in orders if isinstance(o, tuple) and o[0] == mine[0] and o > mine]
    found = [next(n for n in range(1, len(mine)) if o[n] != mine[n]) - 1 for o in ahead]
    return min(found) if found else None


def _by_place(each: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each person's row ranked by its order (its first item), the first place first, those without a value last: any
    values the rank compares (numbers, or texts ranked as texts); the sort is stable, so ties keep the file's order."""
    ranked = sorted((e for e in each if e[0] is not None), key=lambda e: e[0], reverse=True)
    return ranked + [e for e in each if e[0] is None]


def _present(values: list[Value]) -> list[Value]:
    return [v for v in values if v is not None]


_HOW = {  # the formula of an aggregate's figure: how its value comes from each person's, listed as its inputs
    "MEDIA": "la media dei valori delle persone: la loro somma diviso il numero di chi ne ha uno",
    "MAX": "il più alto dei valori delle persone",
    "MIN": "il più basso dei valori delle persone",
    "SOMMA": "la somma dei valori delle persone",
    "CONTA": "il numero delle persone per cui la condizione è vera",
    "CONTA.DIVERSI": "il numero dei valori diversi tra quelli delle persone",
    "RANGO": "il numero delle persone con un valore; il posto di ciascuna è 1 più il numero di quelle con un valore "
    "più alto",
}

_COUNTED = "il numero delle persone: ciascuna conta 1"

_REDUCE: dict[str, Callable[[list[Value]], Value]] = {
    "MEDIA": lambda vs: sum(p, Decimal(0)) / len(p) if (p := _present(vs)) else None,
    "MAX": lambda vs: max(p) if (p := _present(vs)) else None,
    "MIN": lambda vs: min(p) if (p := _present(vs)) else None,
    "SOMMA": lambda vs: sum(_present(vs), Decimal(0)),
    "CONTA": lambda vs: Decimal(sum(1 for v in vs if v is True)),
    "CONTA.DIVERSI": lambda vs: Decimal(len(set(_present(vs)))),
}
