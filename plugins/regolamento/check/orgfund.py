"""A part that pays the organisational performance (``performance = "organizzativa"``) from the default fund, whose
name is «Premi per la performance individuale»: the scheda heads the organisational premium with the individual
fund's name, and ``leggi`` says «una quota del fondo dei premi per la performance individuale». The amounts are right;
the words are not. A warning at the part says to name the fund the contratto integrativo gives (``fondo =
"produttivita"``), which every part drawing on it then writes."""

from __future__ import annotations

from collections.abc import Mapping

from ciclope.core import Problem
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import DEFAULT_FUND, Part, Regulation, name_of
from ciclope.plugins.regolamento.pay.unpaid import part_path
from ciclope.plugins.regolamento.read.lines import line_of, said

RULE = "regolamento.fondi"


def problems(reg: Regulation, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """A warning for each organisational part of the default fund; ``where``: the regulation's file and the line of
    each key (:func:`read.load.regulation_where`)."""
    file, lines = where
    out: list[Problem] = []
    for part in reg.premiums:
        if not isinstance(part, Part) or part.performance != "organizzativa" or part.fund != DEFAULT_FUND:
            continue
        message = (
            f"la parte «{name_of(part)}» paga la performance organizzativa dal fondo predefinito, che le schede e le "
            "frasi chiamano «Premi per la performance individuale»: scrivi nella parte, e nelle altre che ne "
            'dividono il fondo, il nome del fondo del contratto integrativo, es. fondo = "produttivita"'
        )
        path = part_path(reg, part)
        out.append(
            Problem(
                rule=RULE, severity="warning", source=cite(reg, part.source), file=file,
                row=line_of(dict(lines), path), column=said(path), message=message,
            )
        )  # fmt: skip
    return out
