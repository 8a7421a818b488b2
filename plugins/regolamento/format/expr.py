"""A formula of the declared format, as data: its tree, its type and the text it was written as.

A value written ``"=…"`` where the format allows a formula (a level, a threshold, who takes part, a weight, an
amount, a status) is read into a :class:`Formula` (:mod:`read.formulas`), compiled once for the regulation
(:mod:`compile.evaluate`) and said in Italian beside its text (:mod:`say.formulas`). The tree is made of the frozen
nodes below; every node keeps where it starts in the text, for the messages.

Types carry units, so a formula that adds points to euro, or compares a percentage with a bare number, is refused
when the file is read: a number is dimensionless or a product of the base units (euro, punti, giorni); ``percent``
marks a dimensionless number read as a percentage (an achievement, 30%); ``bare`` a number written in the formula
without a unit, which takes the unit of what it meets (``punteggio >= 160``: 160 points).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

BASES = ("euro", "punti", "giorni")
POINTS_DIM = ("punti", 1)


@attrs.frozen
class Type:
    """A formula's type: ``numero`` (with its units), ``testo``, ``livello``, ``logico``, ``persona`` or ``data``."""

    kind: str
    dims: tuple[tuple[str, int], ...] = ()
    percent: bool = False
    bare: bool = False
    zero: bool = attrs.field(default=False, eq=False)  # a written 0: nothing in any unit, a percentage too
    # the value of a function the format does not have: its unit is not known, so nothing that meets it is
    # checked for units (the unknown function is the one problem said, never a knock-on of it)
    unknown: bool = attrs.field(default=False, eq=False)
    # points times a percentage written in the formula (``(punteggio - 60) × 1,25%``, also over a number): points,
    # or a percentage for each point where it meets a percentage, as a text says «50%, più l'1,25% per ogni punto»
    per_point: bool = attrs.field(default=False, eq=False)
    # an amount times a score (``retribuzione_posizione × punteggio``): euro for the checks, as the amount it weighs,
    # but not an amount of money: an explanation shows it as a number. Divided by a score, by a number (the scale,
    # ``/ 100``) or by another such product it is an amount again (``fondo × peso / SOMMA.ENTE(peso)``)
    weighted: bool = attrs.field(default=False, eq=False)
    # points over a number (``punteggio / 100``): a share of the scale, which multiplies an amount as a coefficient
    share: bool = attrs.field(default=False, eq=False)
    # a number of people or of places (CONTA, RANGO): a percentage of it is a number of people again, «il 10% dei
    # valutati», which a text bounds by a written number («e almeno uno»: MAX(1; …))
    count: bool = attrs.field(default=False, eq=False)

    @property
    def numeric(self) -> bool:
        return self.kind == "numero"

    def same_unit(self, other: Type) -> bool:
        return self.kind == other.kind and self.dims == other.dims

    def word(self) -> str:
        """The type as a message names it: «euro», «punti», «percentuale», «euro × giorni», «un livello» …"""
        if self.kind != "numero":
            return {
                "testo": "un testo",
                "livello": "un livello",
                "logico": "un vero/falso",
                "persona": "una persona",
                "data": "una data",
            }[self.kind]
        if not self.dims:
            return "una percentuale" if self.percent else "un numero"
        up = [b if e == 1 else f"{b}^{e}" for b, e in self.dims if e > 0]
        down = [b if e == -1 else f"{b}^{-e}" for b, e in self.dims if e < 0]
        text = " × ".join(up) or "1"
        return text + (" / " + " / ".join(down) if down else "")


def number(*dims: tuple[str, int], percent: bool = False, bare: bool = False) -> Type:
    return Type("numero", tuple(sorted(dims)), percent, bare)


NUMBER = number()
COUNT = attrs.evolve(NUMBER, count=True)
BARE = number(bare=True)
PERCENT = number(percent=True)
EURO = number(("euro", 1))
POINTS = number(("punti", 1))
DAYS = number(("giorni", 1))
EURO_PER_DAY = number(("euro", 1), ("giorni", -1))
PERCENT_PER_DAY = number(("giorni", -1), percent=True)
TEXT = Type("testo")
LEVEL = Type("livello")
BOOL = Type("logico")
PERSON = Type("persona")
DATE = Type("data")  # a declared column of dates: a bound of MESI's period, a day of IN.SERVIZIO
UNKNOWN = Type("numero", bare=True, unknown=True)


def times(a: Type, b: Type, sign: int = 1) -> Type:
    """The type of ``a × b`` (``sign`` −1: ``a / b``): units multiply, a percentage of euro is euro, a
    percentage of a percentage is one, a ratio of two percentages is a number. Points multiply as a number does
    (a score is a share of its scale): ``punteggio × 1,2`` is points, ``budget × punteggio / 100`` is euro. Where
    an amount is multiplied by a score, the product is :attr:`Type.weighted` until it is divided back."""
    weighted = _weighted(a, b, sign)
    share = POINTS_DIM in a.dims and (a.share or (sign == -1 and not b.dims))
    if POINTS_DIM in a.dims and POINTS_DIM in b.dims:
        a, b = Type("numero", (), a.percent, a.bare), Type("numero", (), b.percent, b.bare)
    elif POINTS_DIM in a.dims and b.dims:
        a = Type("numero", (), a.percent, a.bare)
    elif POINTS_DIM in b.dims and a.dims:
        b = Type("numero", (), b.percent, b.bare)
    dims = dict(a.dims)
    for base, exp in b.dims:
        dims[base] = dims.get(base, 0) + sign * exp
    kept = tuple(sorted((k, v) for k, v in dims.items() if v))
    percent = not kept and (a.percent or b.percent if sign == 1 else a.percent and not b.percent)
    out = Type("numero", kept, percent, a.bare and b.bare)
    return attrs.evolve(out, weighted=weighted and _has_euro(out), share=share and kept == (POINTS_DIM,))


def _weighted(a: Type, b: Type, sign: int) -> bool:
    """Whether ``a × b`` (``sign`` −1: ``a / b``) is an amount times a score (:attr:`Type.weighted`): a product of
    euro by points that are not a share of the scale, or such a product times anything; over points, over a
    number without units, or over another such product it is an amount again."""
    if sign == -1:
        return a.weighted and not (b.weighted or POINTS_DIM in b.dims or not b.dims)
    scored = (POINTS_DIM in a.dims and not a.share and _has_euro(b)) or (
        POINTS_DIM in b.dims and not b.share and _has_euro(a)
    )
    return a.weighted or b.weighted or scored


def _has_euro(t: Type) -> bool:
    return any(base == "euro" and exp > 0 for base, exp in t.dims)


@attrs.frozen
class Num:
    """A number written in the formula: bare (``160``), a percentage (``30%``, kept as 0.3), an amount (``15 €``), an
    amount per day (``15 € al giorno``, ``15 €/giorno``: × days it is euro), a percentage per day (``1% al giorno``)
    or days (``264 giorni``)."""

    value: Decimal
    percent: bool
    at: int
    unit: str = ""  # "" (bare or a percentage), EURO_UNIT, PER_DAY_UNIT, PERCENT_PER_DAY_UNIT or DAYS_UNIT

    @property
    def type(self) -> Type:
        if self.unit == EURO_UNIT:
            return EURO
        if self.unit == PER_DAY_UNIT:
            return EURO_PER_DAY
        if self.unit == DAYS_UNIT:
            return DAYS
        if self.unit == PERCENT_PER_DAY_UNIT:
            return PERCENT_PER_DAY
        return Type("numero", (), self.percent, not self.percent, zero=not self.percent and self.value == 0)


EURO_UNIT, PER_DAY_UNIT, DAYS_UNIT = "€", "€ al giorno", "giorni"
PERCENT_PER_DAY_UNIT = "% al giorno"  # «1% al giorno»: × days it is a percentage (a reduction per day of absence)


@attrs.frozen
class Text:
    value: str
    at: int
    # the word as the file writes it, where the reader made it a code (an Area's name compared with ``categoria``,
    # read as its letter): sentences say it so, never a letter the office did not write
    written: str = attrs.field(default="", eq=False)


@attrs.frozen
class Name:
    """A name of the formula; ``words``: how a sentence says a column the regulation declares ([[colonne]]), so the
    words travel with the formula (its sentence is made once per formula)."""

    name: str
    at: int
    words: str = ""
    year: bool = False  # a declared column of years: the number compared with it is said as a year («2020»)
    date: bool = False  # a declared column of dates: the date compared with it is said as a day («il 01/01/2023»)
    # the name as the office wrote it where it is a former name (``fte``), read as the one it became: a message on
    # the formula quotes the word the formula shows
    written: str = attrs.field(default="", eq=False)

    @property
    def said(self) -> str:
        return self.written or self.name


@attrs.frozen
class Call:
    """A function; ``euro``: an aggregate of amounts (``SOMMA.ENTE(indennita)``) or a choice among them, whose value
    an explanation shows in euro; ``percent``: a choice among percentages, shown as one; ``percents``: the arguments
    of CONCATENA that are percentages, written as one («30%», never 0,3). All set once the formula is checked."""

    fn: str
    args: tuple[Node, ...]
    at: int
    euro: bool = False
    percent: bool = False
    percents: frozenset[int] = frozenset()
    days: bool = False  # a choice among days (MAX of days of absence past a threshold): «10 giorni»
    weighted: bool = False  # a sum of amounts times scores (Type.weighted): a number, never in euro


@attrs.frozen
class Binary:
    """``+ - * / ^`` and the comparisons ``= <> < <= > >=``."""

    op: str
    left: Node
    right: Node
    at: int


@attrs.frozen
class Negative:
    operand: Node
    at: int


@attrs.frozen
class Defined:
    """A name of ``[[definizioni]]`` read in a formula (``importo_tabella``): the definition's formula put where its
    name is written, so the formula is checked, run and said as if that formula were written there, and an
    explanation shows the definition's value by its name. ``body``: its tree (the definitions it reads resolved in
    it); ``words``: its ``descrizione`` ("" if none); ``source``: its ``fonte``; ``type``: what its formula gives
    (``unknown`` when it does not read: its problem is said at its key, never again where it is read); ``key``:
    where the file writes its formula («riga 13, chiave definizioni[1].formula»), for an error it gives a person."""

    name: str
    at: int
    body: Node
    type: Type
    words: str = ""
    source: str = ""
    key: str = ""

    @property
    def label(self) -> str:
        """How an explanation names its value: «l'importo della tabella («importo_tabella», tabelle allegate)», else
        «la definizione «importo_tabella» (tabelle allegate)»; the source only where the file writes one. The name
        only in guillemets, as the office finds it in its formulas: a scheda drops it beside the words
        (:func:`ciclope.core.schede.words.words_only`)."""
        said = [f"«{self.name}»"] if self.words else []
        said += [self.source] if self.source else []
        return f"{self.words or f'la definizione «{self.name}»'}" + (f" ({', '.join(said)})" if said else "")


Node = Num | Text | Name | Call | Binary | Negative | Defined
COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")


@attrs.frozen
class Written:
    """Where a formula is written, as an office finds it: the regulation's file by its name, the line, and the key
    counted from 1 (``premi[2].importo``), as the messages of a file that does not read name them."""

    file: str
    line: int | None
    key: str


@attrs.frozen(cache_hash=True)  # the key of the caches of its compiled function and its sentence
class Formula:
    """A formula of the file: the text after ``=``, its tree and type, and the names and functions it uses; where
    it is written, for the messages of a value it cannot give a person (not part of its identity: the same text
    written twice is one compiled function)."""

    text: str
    tree: Node
    type: Type
    uses: frozenset[str] = frozenset()
    written: Written | None = attrs.field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        return f"={self.text}"

    @property
    def cohort(self) -> bool:
        """True when its value for one person depends on others' (a mean, a rank, a maximum of the year)."""
        return any(u.endswith((".ENTE", ".GRUPPO")) for u in self.uses)


def nodes(node: Node, definitions: bool = True) -> list[Node]:
    """Every node of a tree, the root first; without ``definitions``, only those the formula writes itself (a
    definition it reads is a node, what it reads is not)."""
    out: list[Node] = [node]
    if isinstance(node, Call):
        for a in node.args:
            out += nodes(a, definitions)
    elif isinstance(node, Binary):
        out += nodes(node.left, definitions) + nodes(node.right, definitions)
    elif isinstance(node, Negative):
        out += nodes(node.operand, definitions)
    elif isinstance(node, Defined) and definitions:  # what a definition reads is read where it is
        out += nodes(node.body, definitions)
    return out


def formulas(block: Any) -> Iterator[Formula]:
    """Every formula of a regulation's block, in the blocks, tuples and tables it holds too (those of the
    definitions among them)."""
    if isinstance(block, Formula):
        yield block
    elif attrs.has(type(block)):
        for field in attrs.fields(type(block)):
            yield from formulas(getattr(block, field.name))
    elif isinstance(block, (tuple, list)):
        for item in block:
            yield from formulas(item)
    elif isinstance(block, Mapping):
        for item in block.values():
            yield from formulas(item)
