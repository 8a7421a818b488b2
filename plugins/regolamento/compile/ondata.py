"""A formula read on one person's data, before the year's results: who is in which graduatoria, a reduction of the
premium, an exclusion. Such a place reads no evaluation, no achievement and no function over people (the reader
refuses them: :func:`format.quantities.before_results`), so the formula needs the person alone."""

from __future__ import annotations

from ciclope.core import Ente, Input, Person
from ciclope.plugins.regolamento.compile.env import Facts, PersonEnv
from ciclope.plugins.regolamento.compile.evaluate import Blank, RunError, run
from ciclope.plugins.regolamento.format.expr import Formula
from ciclope.plugins.regolamento.format.spec import Regulation


def on_data(reg: Regulation, ente: Ente, person: Person, formula: Formula) -> tuple[object, list[Input], str]:
    """The formula's value for ``person`` (None when it cannot be computed), what it read, in order, for the figure
    that explains it (last, the empty cell that stopped it), and why it cannot be computed ("" when it can)."""
    value, read, why = on_data_by_name(reg, ente, person, formula)
    return value, list(read.values()), why


def on_data_by_name(
    reg: Regulation, ente: Ente, person: Person, formula: Formula
) -> tuple[object, dict[str, Input], str]:
    """As :func:`on_data`, what it read keyed by the name the formula reads it by (the empty cell by its datum)."""
    env = PersonEnv(Facts(reg, ente), person)
    try:
        value = run(formula, env)
    except RunError as exc:
        read = dict(env.read)
        if isinstance(exc, Blank):
            read[f"vuota:{exc.name}"] = Input(f"{exc.name} (cella vuota)", "", cell=exc.cell)
        return None, read, str(exc)
    return value, dict(env.read), ""
