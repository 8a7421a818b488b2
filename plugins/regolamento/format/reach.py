"""The parts of [[premi]] an exclusion or a reduction reaches: those it names in ``parti``, else every part it can
apply to (docs/regolamento.md, «Un'esclusione vale per ogni parte del premio», «Le riduzioni e le parti del premio»).
What the checks warn of (a part it was likely not meant for) and what the articles say («nelle parti …») read this one
answer, as the payment does."""

from __future__ import annotations

from collections.abc import Sequence

from ciclope.plugins.regolamento.format.methods import METHODS
from ciclope.plugins.regolamento.format.spec import Exclusion, Part, Reduction, Regulation

# the exclusions that read the evaluation: a part without one is none of theirs (docs/regolamento.md, «punteggio_minimo
# non vale per una parte senza valutazione»)
SCORED_RULES = frozenset({"punteggio_minimo"})


def exclusion_parts(reg: Regulation, ex: Exclusion) -> list[Part]:
    """The parts ``ex`` applies to: those it names, else every part paying a role it is for (one that reads the
    score, not a part without evaluation)."""
    if ex.parts:
        return [p for p in reg.parts if p.name in ex.parts]
    return [p for p in reg.parts if set(p.roles) & set(ex.roles) and (p.evaluation or ex.rule not in SCORED_RULES)]


def reduction_parts(reg: Regulation, red: Reduction) -> list[Part]:
    """The parts ``red`` reduces: those it names, else every part that divides its fund or computes each one's
    amount (not the amounts of premi.csv nor a bonus of the best, which pay people chosen elsewhere)."""
    if red.parts:
        return [p for p in reg.parts if p.name in red.parts]
    return [p for p in reg.parts if not METHODS[p.method].chosen]


def paid_roles(part: Part, ex: Exclusion | None = None) -> frozenset[str]:
    """The roles of ``part`` an exclusion (or a reduction, ``None``: every role) concerns."""
    return frozenset(part.roles) & frozenset(ex.roles) if ex is not None else frozenset(part.roles)


def unexpected(reached: Sequence[Part], ex: Exclusion | None = None) -> list[tuple[Part, str]]:
    """The parts a rule without ``parti`` reaches that it was likely not written for, each with why: a compenso that
    is no performance premium (``performance = "nessuna"``) beside parts that are, or a part of roles none of the
    other parts it reaches pays (of two such parts, the later). Nothing where it reaches one part only."""
    if len(reached) < 2:
        return []
    premiums = [p for p in reached if p.performance != "nessuna"]
    found: list[tuple[Part, str]] = []
    if premiums:
        found += [(p, "nessuna") for p in reached if p.performance == "nessuna"]
    apart = [
        p
        for p in premiums
        if not paid_roles(p, ex) & frozenset().union(*(paid_roles(q, ex) for q in premiums if q is not p))
    ]
    if len(apart) == len(premiums):  # every part of its own roles: the first is the one the others differ from
        apart = apart[1:]
    found += [(p, "ruoli") for p in apart]
    order = {id(p): n for n, p in enumerate(reached)}
    return sorted(found, key=lambda f: order[id(f[0])])
