"""The maggiorazione del premio individuale paid by a part of the plugin's own regulation (``maggiorazione = true``),
rules §2: the layer records which part pays it, sets nothing aside, and checks each amount against the contract's
minimum, the share (:func:`.art48.minimum`) of the mean individual premium of the positively evaluated (steps 2–3),
and says when the part paid it to nobody while some were paid a premium (the contract attributes it: «è attribuita»).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ciclope.core import OwnMaggiorazione, Problem, Trace, fmt, money, provisions

from .art48 import Minimum
from .national import article, cite

OWN = "art69:parte_del_regolamento"  # the figure naming the regulation's part that pays the maggiorazione
CENT = Decimal("0.01")


def record_own(part: str, configured: bool, trace: Trace, law: provisions.Provision) -> None:
    """The regulation's own part is the maggiorazione: recorded for the Relazione; [ente.nazionale] saying it too is
    an error (which of the two the contract means is the office's to say), and nothing is set aside."""
    trace.record(
        OWN,
        part,
        "la maggiorazione è pagata dalla parte del regolamento che la dichiara (maggiorazione = true)",
        cite(law),
        label="Parte del regolamento che paga la maggiorazione del premio individuale",
    )
    if configured:
        trace.problem(
            Problem(
                rule="ccnl.art69.twice",
                source=cite(law),
                column="nazionale.maggiorazione",
                message=f"la maggiorazione del premio individuale ({article(law.source)}) è sia la parte «{part}» del "
                "regolamento sia [ente.nazionale] maggiorazione in cycle.toml: è pagata solo dalla parte del "
                "regolamento; togli una delle due",
            )
        )


def short_of_minimum(
    own: OwnMaggiorazione,
    attributed: Mapping[str, Decimal],
    counted: bool,
    floor: Minimum | None,
    law: provisions.Provision,
    names: Mapping[str, str] | None = None,
) -> list[Problem]:
    """A warning naming whoever the part paid less than ``floor.share`` × the mean individual premium (half-up, as
    the layer's own ``M``), by name and code («Giuseppe Esposito (P04)», ``names``: id → name). ``attributed``: what
    the individual-premium pools paid each person; ``counted``: the part pays from one of them, so its amounts are
    taken out first (the mean is of the premium, not of the maggiorazione). The regulation's amounts are never
    changed: the office decides."""
    if floor is None or not own.paid:
        return []
    premiums = [v - own.paid.get(pid, Decimal(0)) if counted else v for pid, v in attributed.items()]
    positive = [v for v in premiums if v > 0]
    if not positive:
        return []
    total = sum(positive, Decimal(0))
    mean = money.r2(total / len(positive))
    least = money.r2(floor.share * mean)
    # a cent below is the part's own rounding order (the mean rounded first or not), not a shortfall
    short = sorted(pid for pid, amount in own.paid.items() if amount + CENT < least)
    if not short:
        return []
    amounts = sorted({own.paid[pid] for pid in short})
    why = "" if floor.reason == "il minimo" else f", perché {floor.reason}"
    return [
        Problem(
            rule="ccnl.art69.own_minimum",
            severity="warning",
            source=cite(law),
            file=own.file,
            row=own.row,
            column=own.column,
            message=f"la maggiorazione del premio individuale pagata dalla parte «{own.part}» del regolamento è sotto "
            f"il minimo del contratto ({article(floor.source)}): il {fmt.decimal_it(floor.share * 100, 0)}% del "
            "valore medio pro-capite dei premi attribuiti al personale valutato positivamente"
            f"{why}, {fmt.euro(total)} / {len(positive)} = {fmt.euro(mean)}, cioè almeno {fmt.euro(least)}; "
            f"la parte paga {', '.join(fmt.euro(a) for a in amounts)} a {fmt.listed(_who(names or {}, p) for p in short)}. "
            "Gli importi non sono "
            "stati cambiati: correggi la parte nel regolamento come dice il contratto integrativo",
        )
    ]


def paid_to_nobody(
    own: OwnMaggiorazione, attributed: Mapping[str, Decimal], law: provisions.Provision
) -> list[Problem]:
    """A warning when the part paid the maggiorazione to nobody while ``attributed`` (what the individual-premium
    pools paid) holds people paid a premium: the contract gives it to those with the highest evaluations, and a
    condition or an amount of the part may have left it out this year. A reading: the contract says it «è
    attribuita», and only the office knows whether its regulation meant to pay nobody."""
    if own.paid or not attributed:
        return []
    many = len(attributed)
    return [
        Problem(
            rule="ccnl.art69.own_nobody",
            severity="warning",
            source=cite(law),
            file=own.file,
            row=own.row,
            column=own.column,
            message=f"la parte «{own.part}» del regolamento, che paga la maggiorazione del premio individuale "
            f"({article(law.source)}), non la paga a nessuno, mentre {many} "
            f"{'persona ha' if many == 1 else 'persone hanno'} un premio individuale: il contratto la attribuisce "
            "ai dipendenti che conseguono le valutazioni più elevate. Controlla la condizione (ammesso) e l'importo "
            "della parte",
        )
    ]


def _who(names: Mapping[str, str], pid: str) -> str:
    """A person as a message to the office names them: «Giuseppe Esposito (P04)», the code alone without a name."""
    name = names.get(pid)
    return f"{name} ({pid})" if name and name != pid else pid
