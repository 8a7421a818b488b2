"""A part that is the maggiorazione of the individual premium (``maggiorazione = true``) paying everyone it
considers: the contract keeps the maggiorazione to «una limitata quota massima di personale» (art. 69 CCNL
21.5.2018, art. 81 CCNL 16.11.2022, art. 48 CCNL 23.2.2026; art. 20 CCNL Istruzione e Ricerca 19.4.2018), so a
condition that admits all of them is most likely written wrong, a share without its «%» the commonest way
(``15 * CONTA.ENTE(…)`` for 15%). A warning, not an error: the regulation decides its quota, and ciclope pays as
written; the warning says how many it paid and to whom the premium parts gave nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ciclope.core import Trace, fmt
from ciclope.plugins.regolamento.format.spec import Part, Premium, Regulation, name_of
from ciclope.plugins.regolamento.pay.shapes import Entry
from ciclope.plugins.regolamento.pay.unpaid import warning_at

RULE = "regolamento.maggiorazione_a_tutti"
FEWEST = 3  # below three people, every one of them can be a limited quota (one of two)


def warn(
    reg: Regulation,
    pr: Premium,
    people: Sequence[Entry],
    paid: Mapping[str, Decimal],
    before: Mapping[str, Mapping[str, Decimal]],
    refused: int,
    trace: Trace,
) -> None:
    """The warning, when ``pr`` is a maggiorazione and paid every one of the ``people`` it considered whom no exclusion
    left out (its condition ``ammesso`` refused nobody: ``refused``); ``paid``: its amounts by person; ``before``: the amounts of the parts
    paid before it, by part and person."""
    # those an exclusion of the regulation leaves out are no choice of the condition's
    eligible = [e for e in people if e.status is None]
    if not (isinstance(pr, Part) and pr.national_bonus) or refused or len(eligible) < FEWEST:
        return
    if any(paid.get(e.person.id, Decimal(0)) <= 0 for e in eligible):
        return
    # the premium it increases: the individual parts paid before it, never the organisational one nor a compenso
    own = [paid for name, paid in before.items() if name in individual_parts(reg)]
    names = [e.person.name for e in eligible if not any(p.get(e.person.id, Decimal(0)) > 0 for p in own)]
    message = (
        f"la parte {fmt.quoted(name_of(pr))} paga la maggiorazione a tutte le {len(eligible)} persone che può "
        "premiare: il "
        "contratto la riserva a una quota limitata del personale; controlla la condizione ammesso (una quota si "
        "scrive in percentuale, «15%», non «15»)"
    )
    if names:
        message += f"; la ricevono anche {fmt.listed(names)}, a cui il premio individuale non paga nulla"
    trace.problem(warning_at(reg, pr, RULE, message))


def individual_parts(reg: Regulation) -> set[str]:
    """The parts that pay the individual premium a maggiorazione increases (not another maggiorazione)."""
    return {p.name for p in reg.parts if p.performance == "individuale" and not p.national_bonus}
