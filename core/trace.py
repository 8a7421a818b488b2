"""Explanation records: every computed figure with its inputs, formula and legal source.

While the cycle runs, the core and the plugin record each figure in the ente's :class:`Trace`
(one per ente run). A :class:`Figure` names its inputs; an input refers either to another figure
(``ref`` = that figure's key) or to an input cell (``cell`` = ``file:row:column``), so that
``ciclope explain`` can walk from a person's euro down to the cells of the input files.

Keys are ``<kind>:<id>[:<what>]``: ``indicator:K1``, ``objective:S1``, ``area:AS1``, ``ente``,
``unit:s1``, ``person:HA`` (organizational achievement of a dirigente), ``score:HA``,
``award:HA``, ``pool:performance_individuale``, ``position:PA``…
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, NamedTuple, overload

import attrs

from .problems import Problem


@attrs.frozen(weakref_slot=False)  # many instances per ente: 8 bytes each spared
class Input:
    """One input of a figure. A frozen attrs class, not a named tuple like :class:`Figure`: as a tuple
    it is built faster but an ente's ~13 inputs per person took 20 MB more at 30,000 people, which a
    30,000-person ente cannot spare (issue 18: ≤ 400 MB)."""

    name: str  # Italian label: "consuntivo", "target", "peso"
    value: Any
    ref: str = ""  # key of another figure
    cell: str = ""  # "indicators.csv:3:actual"


# The fast constructors below build the instances made by the thousand per ente (issue 18). An attrs class
# call runs type.__call__, attrs' __init__ frame and object.__setattr__ per field (5.6 thousand instructions
# for an Input, callgrind). Each fast constructor makes an instance of a *draft* twin of the class (the same
# slots, no frozen __setattr__: each field is a plain slot write), then gives it the class by ``__class__``
# assignment, which CPython allows between classes of the same layout and checks: 2.2 thousand instructions
# for an Input, against 4.1 thousand for the former ``object.__new__`` and each slot's descriptor setter
# (whose method-wrapper call per field cost more than the whole draft). Only for classes whose fields have no
# validator, converter or factory the constructor would run; tests/test_fastnew.py checks that each gives an
# instance equal to the class's own constructor, field by field, and names every field.


def draft_class(cls: type) -> Any:
    """A mutable twin of the frozen slotted class ``cls`` (the same ``__slots__``, no ``__setattr__``), for a fast
    constructor: ``self = Draft(); self.a = a; …; self.__class__ = cls``. Raises ``TypeError`` at once if CPython
    would refuse the ``__class__`` assignment (a class with a ``__dict__``, or slots of a base class).
    Plugins may use it for their own frozen records made per person (fields without validator or converter)."""
    slots = cls.__dict__.get("__slots__")
    if slots is None:
        raise TypeError(f"{cls.__name__} has no __slots__ of its own")
    twin = type(f"_{cls.__name__}Draft", (), {"__slots__": tuple(slots)})
    probe = twin()
    probe.__class__ = cls  # checked once here, not at each instance
    return twin


_InputDraft = draft_class(Input)


def new_input(name: str, value: Any, ref: str = "", cell: str = "") -> Input:
    """``Input(name, value, ref, cell)`` without the class call (see above)."""
    self = _InputDraft()
    self.name = name
    self.value = value
    self.ref = ref
    self.cell = cell
    self.__class__ = Input
    return self


class Figure(NamedTuple):
    """A computed figure: its value, the formula in words, the legal source, its inputs. A named tuple,
    not an attrs class: an ente records ~1,100 figures per 300 people, and a tuple is built in a third
    of the time of a frozen attrs instance, in the same memory (issue 18); like one it is immutable,
    compared by value and read by name."""

    key: str
    value: Any
    formula: str  # in words (Italian), e.g. "consuntivo / target, limitato a [0, 1]"
    source: str  # "rules/core.md §1", "004_a450255962d2094d.txt §5.2"
    inputs: Sequence[Input] = ()  # a tuple, or :class:`CardInputs`
    label: str = ""  # "Indicatore K1 — Eventi di promozione"
    note: str = ""


def appealed(name: str, i: Any) -> tuple[str, str]:
    """The input of a card item whose points a conciliation stage replaced (rules/core.md §5): "points P from
    appeals.csv row R (stage, date), replacing Q from evaluations.csv row S"; the cell is the appeal's."""
    return (
        f"{name} — punti da appeals.csv riga {i.appeal_row} ({i.appeal}), in luogo di {i.replaced} "
        f"da evaluations.csv riga {i.row}",
        f"appeals.csv:{i.appeal_row}:new_points",
    )


class CardInputs(Sequence[Input]):
    """The items of a scheda di valutazione (scorecard) as a figure's inputs, each built when read.

    A 30,000-person ente has 120,000 card items: as :class:`Input` objects with their labels and
    cells they held ~30 MB until the outputs were written (issue 18). This holds the card, which the
    ente holds anyway, and gives the same inputs to whoever reads them (``explain``, the store).
    ``section=False`` leaves the section out of the label; ``no_weight`` is shown for an item
    without a weight.
    """

    __slots__ = ("card", "no_weight", "section")

    def __init__(self, card: Iterable[Any], *, section: bool = True, no_weight: str = "-") -> None:
        self.card = tuple(card)
        self.section = section
        self.no_weight = no_weight

    def _input(self, i: Any) -> Input:
        what = f"{i.section} / {i.item}" if self.section else i.item
        name = f"{what} (max {i.max_points}, peso {i.weight or self.no_weight})"
        if getattr(i, "appeal_row", 0):
            name, cell = appealed(name, i)
            return Input(name, i.points, cell=cell)
        return Input(name, i.points, cell=f"evaluations.csv:{i.row}:points")

    def rows(self, labels: dict | None = None) -> list[list[Any]]:
        """``[name, value, ref, cell]`` of every input, without building the :class:`Input` objects (the store).

        ``labels``: a memo shared by the cards of one ente. Every card repeats the same items, and
        formatting an item's name (its Decimals above all) was most of the cost of the rows (issue 18).
        A name is remembered by the item's section, item, maximum and weight, and reused only for the
        very same number objects: 10 and 10.0 are equal keys but are written differently."""
        sep, blank = self.section, self.no_weight
        memo = {} if labels is None else labels.setdefault((sep, blank), {})
        rows = []
        for i in self.card:
            top, weight = i.max_points, i.weight
            key = (i.section, i.item, top, weight)
            found = memo.get(key)
            if found is None or found[0] is not top or found[1] is not weight:
                what = f"{i.section} / {i.item}" if sep else i.item
                found = memo[key] = (top, weight, f"{what} (max {top}, peso {weight or blank})")
            if i.appeal_row:  # a point replaced by a conciliation stage: named, and its cell is the appeal's
                name, cell = appealed(found[2], i)
                rows.append([name, i.points, "", cell])
                continue
            rows.append([found[2], i.points, "", f"evaluations.csv:{i.row}:points"])
        return rows

    def __len__(self) -> int:
        return len(self.card)

    @overload
    def __getitem__(self, index: int) -> Input: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Input, ...]: ...

    def __getitem__(self, index: int | slice) -> Input | tuple[Input, ...]:
        if isinstance(index, slice):
            return tuple(map(self._input, self.card[index]))
        return self._input(self.card[index])

    def __iter__(self) -> Iterator[Input]:
        return map(self._input, self.card)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


_tuple_new = tuple.__new__
# ``trace.put(new_figure(Figure, (key, value, formula, source, inputs, label, note)))`` records what
# :meth:`Trace.record` records (``inputs`` a tuple or :class:`CardInputs`) without its call: the core's figures made
# for every indicator, objective, person and award (~700 per 300-person ente) spared record's call and argument
# handling, a third of its 3.3 thousand instructions (issue 18, callgrind). For plugins too.
new_figure = _tuple_new


_KEY = itemgetter(0)


def figure(key: str, value: Any, formula: str, source: str, inputs=(), label: str = "", note: str = "") -> Figure:
    """The figure :meth:`Trace.record` would record, not recorded: for :meth:`Trace.add` or :attr:`Trace.put`."""
    return new_figure(
        Figure, (key, value, formula, source, inputs if type(inputs) is CardInputs else tuple(inputs), label, note)
    )


class Trace:
    """Collects the figures and problems of one ente run; plugins receive it as ``trace``.

    A recorded figure is first kept in a list, in the order of the records, and the table of figures by key
    (:attr:`figures`) is brought up to date when it is read: in one pass in C over what was recorded since. At
    30,000 people an insert into a table of ~100,000 figures between each person's other work cost twice as
    much per figure as at 3,000 (a random place in a table beyond the processor's cache, issue 18); appending
    to a list does not. Who reads :attr:`figures` sees every figure recorded before, in the same order and with
    the same "last record of a key wins" as inserts one by one."""

    def __init__(self) -> None:
        self._figures: dict[str, Figure] = {}
        self._pending: list[Figure] = []
        self.problems: list[Problem] = []
        self.put = self._pending.append  # ``trace.put(new_figure(Figure, (key, …)))``: record()'s, without its call

    @property
    def figures(self) -> dict[str, Figure]:
        """Every figure recorded so far by key, in the order of their first record (the last record wins)."""
        pending = self._pending
        if pending:
            self._figures.update(zip(map(_KEY, pending), pending))
            pending.clear()
        return self._figures

    def record(
        self, key: str, value: Any, formula: str, source: str, inputs=(), label: str = "", note: str = ""
    ) -> Any:
        """Record a figure (the last record of a key wins) and return its value."""
        # tuple.__new__ as Figure's own __new__ calls it, without that function's frame (issue 18)
        self.put(
            new_figure(
                Figure,
                (key, value, formula, source, inputs if type(inputs) is CardInputs else tuple(inputs), label, note),
            )
        )
        return value

    def add(self, figures: Sequence[Figure]) -> None:
        """Record ``figures`` in their order, as :meth:`record` would one by one (the last of a key wins): for
        the figures a plugin makes for every person, each with :func:`figure` (or ``new_figure``), kept in a
        list beside its other per-person results."""
        self._pending.extend(figures)

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    def get(self, key: str) -> Figure | None:
        return self.figures.get(key)
