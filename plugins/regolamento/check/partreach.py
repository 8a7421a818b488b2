"""An exclusion or a reduction without ``parti`` applies to every part of the premium (the format's default, which
stays: amounts already computed do not change), also to a part it was likely not written for: the absences that
exclude from the performance premium also exclude from the art. 208 CdS project, which pays hours worked
(``performance = "nessuna"``); the reduction for the employees' absences also cuts the dirigente's interim. The file
reads without problems and every figure follows the rule as written. A warning at the block names the part and what
to write where the text limits the rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ciclope.core import Problem
from ciclope.plugins.regolamento.format import reach
from ciclope.plugins.regolamento.format.sources import cite
from ciclope.plugins.regolamento.format.spec import Exclusion, Part, Reduction, Regulation
from ciclope.plugins.regolamento.format.wording import role_groups, roles
from ciclope.plugins.regolamento.pay.eligibility import reason
from ciclope.plugins.regolamento.read.lines import line_of, said

RULE = "regolamento.parti"
HINT = "se il testo la dice solo di alcune parti, scrivi parti = [{}]"


def problems(reg: Regulation, where: tuple[str, Mapping[str, int]]) -> list[Problem]:
    """A warning for each exclusion and reduction without ``parti`` that reaches a part it was likely not meant for;
    ``where``: the regulation's file and the line of each key (:func:`read.load.regulation_where`)."""
    out: list[Problem] = []
    for i, ex in enumerate(reg.exclusions):
        if not ex.parts:
            reached = reach.exclusion_parts(reg, ex)
            what = f"con la condizione «{ex.condition}»" if ex.condition is not None else f"per {reason(ex)}"
            out += _warnings(reg, f"l'esclusione {what} ({ex.source})", reached, ex, (f"esclusioni[{i}]", where))
    for i, red in enumerate(reg.reductions):
        if not red.parts:
            reached = reach.reduction_parts(reg, red)
            out += _warnings(reg, f"la riduzione ({red.source})", reached, red, (f"riduzioni[{i}]", where))
    return out


def _warnings(
    reg: Regulation,
    what: str,
    reached: Sequence[Part],
    block: Exclusion | Reduction,
    at: tuple[str, tuple[str, Mapping[str, int]]],
) -> list[Problem]:
    ex = block if isinstance(block, Exclusion) else None
    found = reach.unexpected(reached, ex)
    flagged = {id(f[0]) for f in found}
    meant = [p for p in reached if id(p) not in flagged]
    hint = HINT.format(", ".join(f'"{p.name}"' for p in meant))
    path, (file, lines) = at
    out = []
    for part, why in found:
        message = f"{what} non scrive parti: vale per ogni parte del premio, anche per la parte «{part.name}», "
        if why == "nessuna":
            message += 'che paga un compenso non correlato alla performance (performance = "nessuna")'
        else:
            groups = role_groups(reg.labels)
            others = sorted({r for p in meant for r in reach.paid_roles(p, ex)}, key=list(groups).index)
            message += (
                f"che paga {roles(sorted(reach.paid_roles(part, ex), key=list(groups).index), '', groups)}, non "
                f"{roles(others, '', groups)} delle altre parti a cui si applica"
            )
        out.append(
            Problem(
                rule=RULE,
                severity="warning",
                source=cite(reg, block.source),
                file=file,
                row=line_of(dict(lines), path),
                column=said(path),
                message=f"{message}; {hint}",
            )  # fmt: skip
        )
    return out
