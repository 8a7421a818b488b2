"""Explanation records: every computed figure with its inputs, formula and legal source.

While the cycle runs, the core and the plugin record each figure in the ente's :class:`Trace`
(one per ente run). A :class:`Figure` names its inputs; an input refers either to another figure
(``ref`` = that figure's key) or to an input cell (``cell`` = ``file:row:column``), so that
``ciclope explain`` can walk from a person's euro down to the cells of the input files.

Keys are ``<kind>:<id>[:<what>]``: ``indicator:K1``, ``objective:S1``, ``area:AS1``, ``ente``,
``unit:s1``, ``person:HA`` (organizational achievement of a dirigente), ``score:HA``,
``award:HA``, ``pool:performance_individuale``, ``position:PA``, ``progression:HA`` (a place in the graduatoria of
the progressioni economiche, its outcome as the note; false for a person who is not a candidate, what did not hold
as the note; None for a candidate left out of the graduatoria, «fuori dalla graduatoria: <why>» as the note)… A part of a premium with a condition on who
takes part records it for each person as ``ammesso:<part>:<person>`` (true or false): ``explain`` says the false
ones as why the person is not paid by that part; ``ammesso:<person>`` (false) is the premium as a whole, for a
person of a role none of its parts pays.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, NamedTuple, overload

import attrs

from ciclope.core import cardscore
from ciclope.core.fmt import decimal_it
from ciclope.core.problems import Problem


@attrs.frozen(weakref_slot=False)  # many instances per ente: no weak-reference slot
class Input:
    """One input of a figure: a value with its Italian name, and where it comes from: another figure
    (``ref``) or an input cell (``cell``)."""

    name: str  # Italian label: "consuntivo", "target", "peso"
    value: Any
    ref: str = ""  # key of another figure
    cell: str = ""  # "indicators.csv:3:actual"


# What a candidate's ``progression:<id>`` says of their own place besides what ``explain`` lists, for the scheda
# handed to them (:mod:`core.schede`), which shows these inputs and never the others: a figure of theirs that reads a
# colleague (who precedes them at par, with the colleague's values) stays in the office's documents.
PROGRESSION_SCORE = "punteggio in graduatoria, come la formula lo calcola"
PROGRESSION_PLACES = "posti della graduatoria, come si contano"
PROGRESSION_TIE = "parità al limite"
PROGRESSION_COST = "costo, come la formula lo calcola"
# A fund's share as the person it pays redoes it by hand («€ 30.000,00 × 541,069224 / 1.072,319224»): the scheda
# handed to them shows it beside the share (:mod:`core.schede`); explain lists it as any input. A plugin records it
# only of a group of three people or more, whose sums tell no colleague's own figure.
WORKED = "il conto"


class Figure(NamedTuple):
    """A computed figure: its value, the formula in words, the legal source, its inputs. Immutable,
    compared by value and read by name."""

    key: str
    value: Any
    formula: str  # in words (Italian), e.g. "consuntivo / target, limitato tra 0% e 100%"
    # "rules/core.md §1", "004_a450255962d2094d.txt §5.2": a Citation built where the rule is, or its text (a
    # figure is made for nearly every person: it is read into its parts only when said, once per text)
    source: str
    inputs: Sequence[Input] = ()  # a tuple, or :class:`CardInputs`
    label: str = ""  # "Indicatore K1 — Eventi di promozione"
    note: str = ""


# The input of a condition's figure (``ammesso:<part>:<person>`` false) that gives the regulation's own words for the
# rule (its ``nota``): said after what did not hold and the values it read, never listed among those values
RULE_NOTE = "nota del regolamento"

# The input of a condition's figure (``ammesso:<part>:<person>`` false) whose note says whole what left the person
# out (a place in a ranking: the place, the places the premium reaches and how they are counted, how the places are
# decided): the refusal is said by the note alone, never followed by the values read, which the note gives or the
# scheda gives elsewhere. A mark for the readers of the figure, never shown as a value read
SAID_WHOLE = "la nota dice tutto"

NOTHING = "nessun importo: "  # how the note of an amount of 0 begins when it says why (a plugin's reason)

# How the name of an input of a premium's figure begins when a rule of the regulation cut the amount (a reduction for
# days of absence): its value the share cut, its ``ref`` the cut's own figure, which cites the rule. «Premi» of
# schede.xlsx says each as the reason of the row it cut, as the scheda shows it among the figure's inputs
REDUCTION = "riduzione per "


def rule_note(figure: Figure) -> str:
    """«; nota del regolamento: …»: the regulation's words for a condition's rule (:data:`RULE_NOTE`), after what
    did not hold; "" where the figure has none."""
    return "".join(f"; {RULE_NOTE}: {i.value}" for i in figure.inputs if i.name == RULE_NOTE)


def zero_reason(figure: Figure) -> str:
    """Why an amount of 0 is nothing, alone: the reason its note begins with («nessun importo: la riduzione per
    giorni di assenza è del 100%»), without what the note says after it (the share paid, the cents: the figure's
    own, read once there); a note without a reason whole, else the formula. A reason is one clause: the pieces of
    a note are joined by «; », never a reason's own words."""
    if figure.note.startswith(NOTHING):
        return figure.note.split("; ", 1)[0]
    return figure.note or figure.formula


def appealed(name: str, i: Any) -> tuple[str, str]:
    """The input of a card item whose points a conciliation stage replaced (rules/core.md §5): "points P from
    appeals.csv row R (stage, date), replacing Q from evaluations.csv row S"; the cell is the appeal's."""
    return (
        f"{name} — punti dalla riga {i.appeal_row} dei ricorsi ({i.appeal}), in luogo di {i.replaced} "
        f"(riga {i.row} delle valutazioni)",
        f"appeals.csv:{i.appeal_row}:new_points",
    )


NO_WEIGHT = {"=": ", pesi uguali"}


class CardInputs(Sequence[Input]):
    """The items of a scheda di valutazione (scorecard) as a figure's inputs, each built when read.

    A 30,000-person ente has 120,000 card items: as :class:`Input` objects with their labels and
    cells they held ~30 MB until the outputs were written. This holds the card, which the
    ente holds anyway, and gives the same inputs to whoever reads them (``explain``, the store).
    ``section=False`` leaves the section out of the label; ``no_weight`` is shown for an item
    without a weight.
    """

    __slots__ = ("card", "no_weight", "parts", "section")

    def __init__(self, card: Iterable[Any], *, section: bool = True, no_weight: str = "-") -> None:
        self.card = tuple(card)
        self.section = section
        self.no_weight = no_weight
        # a person evaluated by several evaluators in the year: an input per evaluator's card (its score, the figure
        # ``card:<person>:<evaluator>`` that lists its items), not the items of every card in one list
        self.parts: tuple[Any, ...] = self.card if not self.card or not self.card[0].periods else self.card[0].periods

    def _parts(self, i: Any) -> tuple[str, Any, str]:
        """(name, value, cell) of the input of the card item ``i``."""
        if self.parts is not self.card:
            return self._period(i)
        what = f"{i.section} / {i.item}" if self.section and i.section else i.item  # no section column: the item
        # the weight only where the card gives one (or the regulation says the items weigh the same)
        weight = f", peso {decimal_it(i.weight)}" if i.weight else NO_WEIGHT.get(self.no_weight, "")
        name = f"{what} (massimo {decimal_it(i.max_points)} punti{weight})"
        if getattr(i, "appeal_row", 0):
            name, cell = appealed(name, i)
            return name, i.points, cell
        return name, i.points, f"evaluations.csv:{i.row}:points"

    def _period(self, period: Any) -> tuple[str, Any, str]:
        """(name, value, ref) of the input of one evaluator's card: its score (rounded as a card's is), the period and
        its days."""
        score = cardscore.shown(tuple(i for i in self.card if i.evaluator == period.evaluator))
        name = (
            f"scheda di {period.said or period.evaluator}, dal {period.start.strftime('%d/%m/%Y')} al "
            f"{period.end.strftime('%d/%m/%Y')} ({period.days} giorni)"
        )
        return name, score, f"card:{period.person}:{period.evaluator}"

    def _input(self, i: Any) -> Input:
        name, value, cell = self._parts(i)
        if self.parts is not self.card:
            return Input(name, value, ref=cell)
        return Input(name, value, cell=cell)

    def rows(self) -> list[list[Any]]:
        """``[name, value, ref, cell]`` of every input (the store's rows), as iterating gives them, without
        making an :class:`Input` of each item (the store lists every card of the ente)."""
        if self.parts is not self.card:
            return [[name, value, ref, ""] for name, value, ref in map(self._period, self.parts)]
        return [[name, value, "", cell] for name, value, cell in map(self._parts, self.card)]

    def __len__(self) -> int:
        return len(self.parts)

    @overload
    def __getitem__(self, index: int) -> Input: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Input, ...]: ...

    def __getitem__(self, index: int | slice) -> Input | tuple[Input, ...]:
        if isinstance(index, slice):
            return tuple(map(self._input, self.parts[index]))
        return self._input(self.parts[index])

    def __iter__(self) -> Iterator[Input]:
        return map(self._input, self.parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


def figure(
    key: str, value: Any, formula: str, source: str, inputs: Iterable[Input] = (), label: str = "", note: str = ""
) -> Figure:
    """The figure :meth:`Trace.record` would record, not recorded yet: for :meth:`Trace.add`."""
    return Figure(key, value, formula, source, _kept(inputs), label, note)


def _kept(inputs: Iterable[Input]) -> Sequence[Input]:
    """A figure's inputs as it keeps them: a tuple, or the card itself. The usual tuple and list are told
    by their ``type`` first: ``isinstance`` with :class:`CardInputs`, an abstract ``Sequence``, costs far
    more, and a figure is recorded for nearly every person."""
    kind = type(inputs)
    if kind is tuple:
        return inputs  # type: ignore[return-value]  # a tuple of Input
    if kind is not list and isinstance(inputs, CardInputs):
        return inputs
    return tuple(inputs)


class Trace:
    """Collects the figures and problems of one ente run; plugins receive it as ``trace``.

    A figure is recorded under its key; the last record of a key wins, and :attr:`figures` keeps the
    order of each key's first record."""

    # the names of a candidate's own inputs in ``progression:<id>`` that their scheda shows (a plugin reads them
    # here, the surface staying small)
    PROGRESSION_SCORE: ClassVar[str] = PROGRESSION_SCORE
    PROGRESSION_PLACES: ClassVar[str] = PROGRESSION_PLACES
    # the input of a condition's figure with the regulation's words for its rule (:data:`RULE_NOTE`)
    RULE_NOTE: ClassVar[str] = RULE_NOTE
    # the input of a condition's figure whose note says whole why it left the person out (:data:`SAID_WHOLE`)
    SAID_WHOLE: ClassVar[str] = SAID_WHOLE
    # the input of a premium's figure that says a cut of the regulation (:data:`REDUCTION`)
    REDUCTION: ClassVar[str] = REDUCTION
    PROGRESSION_TIE: ClassVar[str] = PROGRESSION_TIE
    # the input of a fund's share that writes it as the person redoes it (:data:`WORKED`)
    WORKED: ClassVar[str] = WORKED
    PROGRESSION_COST: ClassVar[str] = PROGRESSION_COST

    def __init__(self) -> None:
        self.figures: dict[str, Figure] = {}
        self.problems: list[Problem] = []

    def record(
        self,
        key: str,
        value: Any,
        formula: str,
        source: str,
        inputs: Iterable[Input] = (),
        label: str = "",
        note: str = "",
    ) -> Any:
        """Record a figure and return its value."""
        self.figures[key] = Figure(key, value, formula, source, _kept(inputs), label, note)
        return value

    def add(self, figures: Iterable[Figure]) -> None:
        """Record ``figures`` in their order, as :meth:`record` would one by one."""
        for f in figures:
            self.figures[f.key] = f

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def get(self, key: str) -> Figure | None:
        return self.figures.get(key)
