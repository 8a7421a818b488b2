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
    env = PersonEnv(Facts(reg, ente), person)
    try:
        value = run(formula, env)
    except RunError as exc:
        blank = [Input(f"{exc.name} (cella vuota)", "", cell=exc.cell)] if isinstance(exc, Blank) else []
        return None, [*env.read.values(), *blank], str(exc)
    return value, list(env.read.values()), ""
